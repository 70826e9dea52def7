"""Who practises on this machine: the trainee list in `trainees.json`, and the last one chosen.

A shared training machine has no passwords: a trainee is a name (and an optional e-mail for the
trainer's exports) with an id made once and kept for ever, so a trainee can be renamed without
losing their saves and results. A damaged list is set aside, never deleted, and the game starts
with an empty one and says so; a list from a newer game is left untouched and not written over.
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .atomic import write_atomically
from .errors import StorageError, failed_write
from .save_format import FileFormat
from .save_reading import read_file

FILE_NAME = "trainees.json"
FORMAT = FileFormat("composure-trainees", version=1, min_compatible=1)
NAME_LONGEST = 40
EMAIL_LONGEST = 254
TRAINEE_ID = re.compile(r"[0-9a-f]{32}")  # uuid4 hex, made once; saves name their folder by it
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")  # loosely: something@something.tld
LIST = "The trainee list"


class TraineeError(ValueError):
    """A name or e-mail the list cannot take; str() is a sentence for the player."""


@dataclass(frozen=True, slots=True)
class Trainee:
    id: str
    name: str
    email: str = ""


@dataclass(frozen=True, slots=True)
class Roster:
    trainees: tuple[Trainee, ...] = ()
    last_id: str | None = None

    def find(self, trainee_id: str) -> Trainee | None:
        return next((trainee for trainee in self.trainees if trainee.id == trainee_id), None)

    @property
    def last(self) -> Trainee | None:
        """The trainee chosen last, preselected when the game starts."""
        return self.find(self.last_id) if self.last_id else None


@dataclass(frozen=True, slots=True)
class LoadedRoster:
    roster: Roster
    message: str = ""  # for the player, when the list could not be used


def load_roster(folder: Path) -> LoadedRoster:
    reading = read_file(folder / FILE_NAME, FORMAT, _roster_from)
    if reading.value is not None:
        return LoadedRoster(reading.value)
    if reading.kept_as is not None:
        return LoadedRoster(Roster(), f"The trainee list could not be read; it was kept as {reading.kept_as.name}.")
    if reading.too_new is not None:
        return LoadedRoster(Roster(), f"{_newer(reading.too_new)} Update Composure to choose a trainee from it.")
    if reading.stuck:
        return LoadedRoster(Roster(), "The trainee list could not be read, nor moved aside; starting with none.")
    return LoadedRoster(Roster())


def add_trainee(folder: Path, roster: Roster, name: str, email: str = "") -> tuple[Roster, Trainee]:
    """A new trainee, made the last one chosen; raises TraineeError, or StorageError when the list
    could not be written (then nothing has changed)."""
    tidy = checked_name(name)
    taken = next((t for t in roster.trainees if name_key(t.name) == name_key(tidy)), None)
    if taken is not None:
        raise TraineeError(
            f"There is already a trainee called {taken.name}: choose them from the list, "
            "or add an initial or a surname to tell the two apart."
        )
    trainee = Trainee(uuid.uuid4().hex, tidy, checked_email(email))
    added = Roster((*roster.trainees, trainee), trainee.id)
    _write(folder, added)
    return added, trainee


def choose_trainee(folder: Path, roster: Roster, trainee_id: str) -> Roster:
    """`roster` remembering `trainee_id` as the last one chosen; raises StorageError when that could
    not be written (the trainee may still play: only the preselection is lost)."""
    if roster.find(trainee_id) is None:
        raise TraineeError("That trainee is not on the list any more; please choose again.")
    chosen = replace(roster, last_id=trainee_id)
    _write(folder, chosen)
    return chosen


def checked_name(name: str) -> str:
    """`name` as it is kept (trimmed, inner spaces made single); raises TraineeError saying what is wrong."""
    tidy = " ".join(name.split())
    if not tidy:
        raise TraineeError("Please type a name.")
    if len(tidy) > NAME_LONGEST:
        raise TraineeError(f"A name can be at most {NAME_LONGEST} characters long; this one has {len(tidy)}.")
    if any(unicodedata.category(character).startswith("C") for character in tidy):
        raise TraineeError("A name can only hold letters, digits, spaces and punctuation.")
    return tidy


def name_key(name: str) -> str:
    """What two names must not share: the same letters, whatever their case or how they were typed."""
    return unicodedata.normalize("NFC", name).casefold()


def checked_email(email: str) -> str:
    """`email` trimmed, "" for none; raises TraineeError when it does not look like an address."""
    tidy = email.strip()
    if tidy and (len(tidy) > EMAIL_LONGEST or not EMAIL.fullmatch(tidy)):
        raise TraineeError(
            "That does not look like an e-mail address (such as name@example.com); leave it empty if there is none."
        )
    return tidy


def _newer(version: int) -> str:
    return f"The trainee list was written by a newer version of Composure (format version {version})."


def _write(folder: Path, roster: Roster) -> None:
    path = folder / FILE_NAME
    newer = read_file(path, FORMAT, _roster_from).too_new
    if newer is not None:  # writing our version over it would lose what the newer game keeps there
        raise StorageError(f"{_newer(newer)} Update Composure to add or choose trainees.")
    data = {
        **FORMAT.stamp(),
        "last": roster.last_id,
        "trainees": [{"id": t.id, "name": t.name, "email": t.email} for t in roster.trainees],
    }
    try:
        write_atomically(path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    except OSError as problem:
        raise failed_write(LIST, folder, problem) from problem


def _roster_from(data: dict[str, Any]) -> Roster:
    entries = data.get("trainees")
    if not isinstance(entries, list):
        raise TypeError("'trainees' must be a list")
    trainees = tuple(_trainee_from(entry, number) for number, entry in enumerate(entries, start=1))
    if len({t.id for t in trainees}) < len(trainees) or len({name_key(t.name) for t in trainees}) < len(trainees):
        raise ValueError("two trainees share an id or a name")
    last = data.get("last")
    known = Roster(trainees)
    return Roster(trainees, last if isinstance(last, str) and known.find(last) else None)


def _trainee_from(entry: Any, number: int) -> Trainee:
    if not isinstance(entry, dict):
        raise TypeError(f"trainee {number} must be a mapping")
    trainee_id, name, email = entry.get("id"), entry.get("name"), entry.get("email", "")
    if not isinstance(trainee_id, str) or not TRAINEE_ID.fullmatch(trainee_id):
        raise ValueError(f"trainee {number} has no proper id")
    if not isinstance(name, str) or not isinstance(email, str):
        raise TypeError(f"trainee {number}'s name and e-mail must be text")
    try:
        return Trainee(trainee_id, checked_name(name), checked_email(email))
    except TraineeError as problem:
        raise ValueError(f"trainee {number}: {problem}") from None
