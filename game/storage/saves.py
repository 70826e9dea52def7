"""The autosave: one file per trainee and scenario, `progress/<trainee-id>/<scenario-id>.json`.

Written after every answer, atomically, so a crash or a power cut leaves the previous save or the
new one, never half of either. A save holds the session's own versioned state (Session.to_dict)
inside a versioned wrapper with what the window adds: the seconds already spent on the current
question (so a running timer goes on where it stopped) and the phone call's clock. A damaged save
is set aside with a sentence, never deleted; one from a newer game is left alone and refused.
Ids become file names, so only ids that cannot leave the folder are accepted.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .atomic import remove_leftovers, write_atomically
from .errors import StorageError, failed_write, why_not_written
from .save_format import FileFormat
from .save_reading import read_file
from .trainees import TRAINEE_ID

PROGRESS = "progress"
FORMAT = FileFormat("composure-save", version=1, min_compatible=1)
SCENARIO_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")  # a scenario's id; nothing that climbs out of a folder
PROGRESS_NOT_SAVED = "Your progress"


@dataclass(frozen=True, slots=True)
class SavedGame:
    trainee_id: str
    scenario_id: str
    scenario_path: str  # the file it was played from, as given; the library is searched when it moved
    session: dict[str, Any]  # Session.to_dict()
    waited: float  # seconds spent on the current question: a running timer resumes with the rest
    call_seconds: float  # the phone call's clock
    started_at: str  # UTC, ISO 8601 with a Z
    saved_at: str


@dataclass(frozen=True, slots=True)
class LoadedSave:
    game: SavedGame | None
    message: str = ""  # for the player: the save was damaged and set aside, or is from a newer game


@dataclass(frozen=True, slots=True)
class SavesFound:
    games: list[SavedGame] = field(default_factory=list)  # newest first
    messages: list[str] = field(default_factory=list)


class UnsafeId(ValueError):
    """An id that cannot name a file in the saves folder; str() ends a sentence."""


def utc_now() -> str:
    """Now, as saves and results write times: "2026-12-01T03:04:05.123Z"."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def save_path(folder: Path, trainee_id: str, scenario_id: str) -> Path:
    """Where the save of this trainee and scenario lives; raises UnsafeId for an id that is not one."""
    if not TRAINEE_ID.fullmatch(trainee_id):
        raise UnsafeId(f"the trainee id {_shown(trainee_id)} is not one the game made")
    if not SCENARIO_ID.fullmatch(scenario_id):
        raise UnsafeId(f"{_shown(scenario_id)} is not a scenario id")
    return folder / PROGRESS / trainee_id / f"{scenario_id}.json"


def write_save(folder: Path, game: SavedGame) -> None:
    """The autosave; raises StorageError with a sentence for the trainee when it could not be written,
    and then the previous save is still there, whole."""
    try:
        path = save_path(folder, game.trainee_id, game.scenario_id)
    except UnsafeId as problem:
        raise StorageError(f"{PROGRESS_NOT_SAVED} could not be saved: {problem}.") from None
    try:
        write_atomically(path, json.dumps(_to_dict(game)).encode("utf-8"))
    except OSError as problem:
        raise failed_write(PROGRESS_NOT_SAVED, path.parent, problem) from problem


def read_save(folder: Path, trainee_id: str, scenario_id: str) -> LoadedSave:
    """The save, or None: there is none, or it cannot be used and `message` says why."""
    try:
        path = save_path(folder, trainee_id, scenario_id)
    except UnsafeId as problem:
        return LoadedSave(None, f"There is no saved progress to read: {problem}.")
    reading = read_file(path, FORMAT, lambda data: _from_dict(data, trainee_id, scenario_id))
    where = f"Your saved progress in '{scenario_id}'"
    if reading.kept_as is not None:
        return LoadedSave(None, f"{where} could not be read; it was kept as {reading.kept_as.name}. Start it again.")
    if reading.too_new is not None:
        return LoadedSave(
            None,
            f"{where} was made by a newer version of Composure (save format {reading.too_new}); "
            "update Composure to continue it. Starting it again here replaces that save.",
        )
    if reading.stuck:
        return LoadedSave(None, f"{where} could not be read, nor moved aside. Start it again.")
    return LoadedSave(reading.value)


def saves_of(folder: Path, trainee_id: str) -> SavesFound:
    """Every save of a trainee, newest first, with a sentence for each that could not be used."""
    found = SavesFound()
    if not TRAINEE_ID.fullmatch(trainee_id):
        return found
    own = folder / PROGRESS / trainee_id
    for path in sorted(own.glob("*.json")) if own.is_dir() else ():
        if SCENARIO_ID.fullmatch(path.stem):  # a file of another name is not ours: left alone
            loaded = read_save(folder, trainee_id, path.stem)
            found.games.extend([loaded.game] if loaded.game else [])
            found.messages.extend([loaded.message] if loaded.message else [])
    found.games.sort(key=lambda game: game.saved_at, reverse=True)
    return found


def remove_save(folder: Path, trainee_id: str, scenario_id: str) -> None:
    """Forget the save once its attempt is recorded; quiet when there is none. Raises StorageError."""
    try:
        path = save_path(folder, trainee_id, scenario_id)
    except UnsafeId:
        return  # no such file can exist
    try:
        path.unlink(missing_ok=True)
    except OSError as problem:
        reason = why_not_written(path.parent, problem)
        raise StorageError(f"The save of this finished conversation could not be removed: {reason}.") from problem
    remove_leftovers(path)


def _shown(text: str) -> str:
    """An id as it may be printed: no control characters, never a screenful."""
    return ascii(text[:40] + ("..." if len(text) > 40 else ""))


def _to_dict(game: SavedGame) -> dict[str, Any]:
    return {
        **FORMAT.stamp(),
        "trainee": game.trainee_id,
        "scenario": game.scenario_id,
        "scenario_path": game.scenario_path,
        "started_at": game.started_at,
        "saved_at": game.saved_at,
        "waited": game.waited,
        "call_seconds": game.call_seconds,
        "session": game.session,
    }


def _from_dict(data: dict[str, Any], trainee_id: str, scenario_id: str) -> SavedGame:
    if data.get("trainee") != trainee_id or data.get("scenario") != scenario_id:
        raise ValueError("the save names another trainee or scenario than its place in the folder")
    return SavedGame(
        trainee_id,
        scenario_id,
        _text(data, "scenario_path"),
        _session(data),
        _seconds(data, "waited"),
        _seconds(data, "call_seconds"),
        _text(data, "started_at"),
        _text(data, "saved_at"),
    )


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise TypeError(f"'{key}' must be text")
    return value


def _seconds(data: dict[str, Any], key: str) -> float:
    value = data.get(key)
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value < math.inf:
        raise ValueError(f"'{key}' must be a number of seconds from 0 up")
    return float(value)


def _session(data: dict[str, Any]) -> dict[str, Any]:
    value = data.get("session")
    if not isinstance(value, dict):
        raise TypeError("'session' must be a mapping")
    return value
