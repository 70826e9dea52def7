"""One attempt as the results history stores it: who played, the engine's record, and when.

It has a plain form (JSON-ready dicts and lists) for the outbox, the folder where an attempt waits
when the database cannot take it. Reading the plain form back trusts nothing: a file in the outbox
may have been cut short, edited or replaced, so every field is checked against the record's own
field types and anything else is refused with a reason, never half read.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from game.engine import TIME_LIMITS, AnswerRecord, AttemptRecord

PLAIN_VERSION = 2  # 2 added the attempt's time limits; a version 1 entry ran its timers as written


@dataclass(frozen=True, slots=True)
class Entry:
    trainee_id: str
    trainee_name: str
    trainee_email: str
    attempt: AttemptRecord
    started_at: str  # UTC, ISO 8601, ending "Z"
    ended_at: str

    @property
    def key(self) -> tuple[str, str, str, int]:
        """What makes an attempt the same attempt: the database's UNIQUE key, so storing it twice is harmless."""
        return (self.trainee_id, self.attempt.scenario_id, self.started_at, self.attempt.seed)


def to_plain(entry: Entry) -> dict[str, Any]:
    return {
        "version": PLAIN_VERSION,
        "trainee": {"id": entry.trainee_id, "name": entry.trainee_name, "email": entry.trainee_email},
        "started_at": entry.started_at,
        "ended_at": entry.ended_at,
        "attempt": dataclasses.asdict(entry.attempt),
    }


def from_plain(data: Any) -> Entry:
    """The entry `to_plain` wrote; raises ValueError saying what does not fit."""
    version = data.get("version") if isinstance(data, dict) else None
    if not _is_int(version) or version not in (1, PLAIN_VERSION):
        raise ValueError("it is not an attempt kept by this version of Composure")
    trainee = _fields(data.get("trainee"), {"id", "name", "email"}, "the trainee")
    # Version 1 was kept before the time limits could be changed: its timers ran as written.
    names = _names(AttemptRecord) - ({"time_limits"} if version == 1 else set())
    attempt = {"time_limits": "normal"} | _fields(data.get("attempt"), names, "the attempt")
    if attempt["time_limits"] not in TIME_LIMITS:
        raise ValueError(f"the time limits are not one of {', '.join(TIME_LIMITS)}")
    if not isinstance(attempt["answers"], list):
        raise ValueError("the answers are not a list")
    answers = tuple(
        _record(AnswerRecord, _fields(answer, _names(AnswerRecord), "an answer")) for answer in attempt["answers"]
    )
    return Entry(
        trainee_id=_text(trainee, "id"),
        trainee_name=_text(trainee, "name"),
        trainee_email=_text(trainee, "email"),
        attempt=_record(AttemptRecord, attempt, answers=answers),
        started_at=_text(data, "started_at"),
        ended_at=_text(data, "ended_at"),
    )


def _is_int(value: Any) -> bool:
    """A whole number the database can hold (64 bits, signed)."""
    return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63


def _is_number(value: Any) -> bool:
    return (_is_int(value) or isinstance(value, float)) and math.isfinite(value)


# Each field type of the engine's records, as its annotation spells it, and what a JSON value of it must be.
FITS: dict[str, Callable[[Any], bool]] = {
    "str": lambda value: isinstance(value, str),
    "int": _is_int,
    "bool": lambda value: isinstance(value, bool),
    "float": _is_number,
    "float | None": lambda value: value is None or _is_number(value),
}


def _record(kind: type[Any], values: dict[str, Any], **checked: Any) -> Any:
    """`kind` made from `values`, each field not already `checked` tested against its annotation; a
    whole number read where a float belongs comes back as a float."""
    for field in dataclasses.fields(kind):
        if field.name in checked:
            continue
        value = values[field.name]
        if not FITS[str(field.type)](value):
            raise ValueError(f"'{field.name}' is not what an attempt holds there")
        if str(field.type).startswith("float") and value is not None:
            values[field.name] = float(value)
    return kind(**(values | checked))


def _names(kind: type[Any]) -> set[str]:
    return {field.name for field in dataclasses.fields(kind)}


def _fields(value: Any, names: set[str], what: str) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) != names:
        raise ValueError(f"{what} does not have the fields Composure keeps")
    return dict(value)


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str):
        raise ValueError(f"'{name}' must be text")
    return value
