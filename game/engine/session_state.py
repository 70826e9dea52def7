"""A session's state as a plain, versioned dict, and back again exactly.

Only what cannot be derived is stored: the seed, the drawn temperament, where play
started and each answer given. Restoring replays the answers through a fresh state
machine, so a restored session is the saved one, and a save that no longer fits the
scenario is refused with a sentence instead of resuming somewhere wrong.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .model import Scenario
from .session import TIMEOUT, InvalidChoice, Session, Step
from .statespace import State

FORMAT = "composure-session"
VERSION = 1


class SessionStateError(ValueError):
    """The data is not a session of this scenario that we can restore; the message says why."""


def session_to_dict(session: Session) -> dict[str, Any]:
    origin = session.origin
    return {
        "format": FORMAT,
        "version": VERSION,
        "scenario": session.scenario.id,
        "scenario_digest": session.scenario.digest,
        "seed": session.seed,
        "temperament": session.temperament,
        "origin": {"place": origin.place, "anger": origin.anger, "flags": sorted(origin.flags)},
        "history": [asdict(step) | {"flags_before": list(step.flags_before)} for step in session.history],
    }


def session_from_dict(scenario: Scenario, data: Any) -> Session:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SessionStateError("this is not a saved Composure session")
    if data.get("version") != VERSION:
        raise SessionStateError(f"this session was saved in format version {data.get('version')}; "
                                f"this version of Composure reads version {VERSION}")
    if data.get("scenario") != scenario.id:
        raise SessionStateError(f"this session belongs to scenario '{data.get('scenario')}', not '{scenario.id}'")
    try:
        session = Session(scenario, _integer(data, "seed"), _origin(scenario, data["origin"]),
                          _integer(data, "temperament"))
        for number, entry in enumerate(data["history"], start=1):
            _replay(session, number, entry)
    except (KeyError, TypeError, InvalidChoice) as problem:
        changed = " (the scenario has changed since)" if data.get("scenario_digest") != scenario.digest else ""
        raise SessionStateError(f"the saved session cannot be replayed{changed}: {problem}") from None
    return session


def _integer(data: dict[str, Any], key: str) -> int:
    value = data[key]
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"'{key}' must be a whole number")
    return value


def _origin(scenario: Scenario, data: dict[str, Any]) -> State:
    place, anger = data["place"], _integer(data, "anger")
    if place not in scenario.nodes or not 0 <= anger <= 100:
        raise KeyError(f"the start '{place}' with anger {anger} is not in this scenario")
    return State(place, anger, frozenset(str(flag) for flag in data["flags"]))


def _replay(session: Session, number: int, entry: dict[str, Any]) -> None:
    step = Step(entry["node"], entry["choice"], entry["anger_before"], entry["anger_after"],
                tuple(entry["flags_before"]), entry.get("seconds"))
    if step.node != session.place:
        raise KeyError(f"answer {number} was given at '{step.node}' but replay is at '{session.place}'")
    if step.choice == TIMEOUT:
        session.timeout(step.seconds)
    else:
        session.choose_id(step.choice, step.seconds)
    if session.history[-1] != step:
        raise KeyError(f"answer {number} ('{step.choice}') no longer has the same effect")
