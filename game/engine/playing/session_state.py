"""A session's state as a plain, versioned dict, and back again exactly.

Only what cannot be derived is stored: the seed, the drawn temperament, the trainee's time
limits, where play started and each answer given. Restoring replays the answers through a fresh state
machine, so a restored session is the saved one, and a save that no longer fits the
scenario is refused with a sentence instead of resuming somewhere wrong. Which format
versions are read, and how older ones are migrated, is save_versions' job.

The Session calls this module and hands it its own constructor, so this module names no
Session: only what saving reads of one, and what replaying does with one (the protocols below).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any, Protocol, TypeVar

from ..errors import EngineError
from ..judging.statespace import State
from ..model import Scenario
from ..reading.diagnostics import quoted, shown
from .history import TIMEOUT, Step
from .save_versions import FORMAT, MIN_COMPATIBLE, VERSION, SessionStateError, current_form
from .time_limits import TIME_LIMITS


class Saved(Protocol):
    """What a save stores of a session."""

    scenario: Scenario
    seed: int
    temperament: int
    time_limits: str
    origin: State
    history: list[Step]


class Replayed(Saved, Protocol):
    """A session that answers as the save says, refusing a move that no longer fits with an EngineError."""

    @property
    def place(self) -> str: ...

    def choose_id(self, choice_id: str, seconds: float | None = None) -> object: ...

    def timeout(self, seconds: float | None = None) -> object: ...


S = TypeVar("S", bound=Replayed)


def session_to_dict(session: Saved) -> dict[str, Any]:
    origin = session.origin
    return {
        "format": FORMAT,
        "version": VERSION,
        "min_compatible": MIN_COMPATIBLE,
        "scenario": session.scenario.id,
        "scenario_digest": session.scenario.digest,
        "seed": session.seed,
        "temperament": session.temperament,
        "time_limits": session.time_limits,
        "origin": {"place": origin.place, "anger": origin.anger, "flags": sorted(origin.flags)},
        "history": [asdict(step) | {"flags_before": list(step.flags_before)} for step in session.history],
    }


def session_from_dict(scenario: Scenario, data: Any, start: Callable[[Scenario, int, State, int, str], S]) -> S:
    """The session `data` saved, made by `start(scenario, seed, origin, temperament, time_limits)` and replayed."""
    data = current_form(data)
    if data.get("scenario") != scenario.id:
        raise SessionStateError(
            f"this session belongs to scenario {quoted(str(data.get('scenario')))}, not '{scenario.id}'"
        )
    time_limits = _time_limits(data)
    try:
        session = start(
            scenario,
            _integer(data, "seed"),
            _origin(scenario, _field(data, "origin", dict)),
            _temperament(scenario, data),
            time_limits,
        )
        for number, entry in enumerate(_field(data, "history", list), start=1):
            _replay(session, number, entry)
    except (_Unfit, EngineError) as problem:  # the session refused a saved move (InvalidChoice)
        changed = " (the scenario has changed since)" if data.get("scenario_digest") != scenario.digest else ""
        raise SessionStateError(f"the saved session cannot be replayed{changed}: {problem}") from None
    return session


class _Unfit(Exception):
    """Why the saved data does not fit, as a sentence for the SessionStateError."""


KINDS = {int: "a whole number", dict: "a mapping", list: "a list", str: "text"}


def _field(data: dict[str, Any], key: str, kind: type, where: str = "the session") -> Any:
    if key not in data:
        raise _Unfit(f"'{key}' is missing from {where}")
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise _Unfit(f"'{key}' in {where} must be {KINDS[kind]}")
    return value


def _integer(data: dict[str, Any], key: str, where: str = "the session") -> int:
    return int(_field(data, key, int, where))


def _flags(data: dict[str, Any], key: str, where: str) -> list[str]:
    flags = _field(data, key, list, where)
    if not all(isinstance(flag, str) for flag in flags):
        raise _Unfit(f"'{key}' in {where} must be a list of flag names")
    return flags


def _time_limits(data: dict[str, Any]) -> str:
    """The trainee's time limits; refused outside the try below, as it is no replay problem."""
    if "time_limits" not in data:
        raise SessionStateError("'time_limits' is missing from the session")
    time_limits = data["time_limits"]
    if time_limits not in TIME_LIMITS:
        raise SessionStateError(
            f"this session was saved with the time limits {shown(repr(time_limits))}, which this version "
            f"of Composure does not know; it knows {', '.join(TIME_LIMITS)}"
        )
    return str(time_limits)


def _temperament(scenario: Scenario, data: dict[str, Any]) -> int:
    value, bounds = _integer(data, "temperament"), scenario.customer.temperament
    if not bounds.low <= value <= bounds.high:
        raise _Unfit(f"the temperament {value} is outside this customer's range of {bounds.low} to {bounds.high}")
    return value


def _origin(scenario: Scenario, data: dict[str, Any]) -> State:
    place, anger = _field(data, "place", str, "the origin"), _integer(data, "anger", "the origin")
    flags = _flags(data, "flags", "the origin")
    if place not in scenario.nodes or not 0 <= anger <= 100:
        raise _Unfit(f"the start {quoted(place)} with anger {anger} is not in this scenario")
    return State(place, anger, frozenset(flags))


def _replay(session: Replayed, number: int, entry: Any) -> None:
    where = f"answer {number}"
    if not isinstance(entry, dict):
        raise _Unfit(f"{where} must be a mapping")
    seconds = entry.get("seconds")
    if seconds is not None and (not isinstance(seconds, int | float) or isinstance(seconds, bool) or not seconds >= 0):
        raise _Unfit(f"'seconds' in {where} must be a number of seconds from 0 up, or null")
    step = Step(
        _field(entry, "node", str, where),
        _field(entry, "choice", str, where),
        _integer(entry, "anger_before", where),
        _integer(entry, "anger_after", where),
        tuple(_flags(entry, "flags_before", where)),
        seconds,
    )
    if step.node != session.place:
        raise _Unfit(f"{where} was given at {quoted(step.node)} but replay is at '{session.place}'")
    if step.choice == TIMEOUT:
        session.timeout(step.seconds)
    else:
        session.choose_id(step.choice, step.seconds)
    if session.history[-1] != step:
        raise _Unfit(f"{where} ({quoted(step.choice)}) no longer has the same effect")
