"""Continuing a saved game: its scenario found again, and its answers replayed to the same point.

The scenario is looked for at the file it was played from, then by its id in the library (the
file may have been moved or renamed). Replaying is the engine's (Session.from_dict), which
refuses a save that no longer fits rather than resuming somewhere wrong; here each way it cannot
continue becomes one sentence of ours, and the screens offer to start the scenario again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine import Scenario, Session, SessionStateError

from .saves import SavedGame
from .scenario_files import load_report, scenario_paths


@dataclass(frozen=True, slots=True)
class Resumable:
    scenario: Scenario
    session: Session
    waited: float  # seconds already spent on the current question
    call_seconds: float


@dataclass(frozen=True, slots=True)
class Unresumable:
    message: str  # one sentence: why this save cannot be continued
    scenario: Scenario | None = None  # the scenario to start again, when it is still there


def resume_save(game: SavedGame, library: Path) -> Resumable | Unresumable:
    saved_at = Path(game.scenario_path)
    scenario = _scenario_at(saved_at, game.scenario_id) or _scenario_in(library, game.scenario_id)
    if scenario is None:
        return Unresumable(_why_missing(saved_at, game.scenario_id))
    try:
        session = Session.from_dict(scenario, game.session)
    except SessionStateError:
        return Unresumable(_why_no_replay(scenario, game.session), scenario)
    return Resumable(scenario, session, game.waited, game.call_seconds)


def _scenario_at(path: Path, scenario_id: str) -> Scenario | None:
    """The scenario in the file at `path` when it is there, sound, and still this scenario."""
    if not path.is_file():
        return None
    scenario = load_report(path).scenario
    return scenario if scenario is not None and scenario.id == scenario_id else None


def _scenario_in(library: Path, scenario_id: str) -> Scenario | None:
    """The scenario with this id in the library: in the file named after it first, as new scenarios
    are, then in every other file."""
    named = library / f"{scenario_id}.yaml"
    others = (path for path in scenario_paths(library) if path != named) if library.is_dir() else iter(())
    for path in (named, *others):
        scenario = _scenario_at(path, scenario_id)
        if scenario is not None:
            return scenario
    return None


def _why_missing(saved_at: Path, scenario_id: str) -> str:
    cannot = f"Your progress in '{scenario_id}' cannot be continued"
    if not saved_at.is_file():
        return f"{cannot}: its file {saved_at} is gone, and no scenario in the library has its id."
    if load_report(saved_at).scenario is None:
        return (
            f"{cannot}: its file {saved_at} has mistakes in it now "
            f"(a trainer can list them with: python3 main.py validate {saved_at})."
        )
    return f"{cannot}: its file {saved_at} now holds another scenario, and no scenario in the library has its id."


def _why_no_replay(scenario: Scenario, session: dict[str, Any]) -> str:
    places = _places(session)
    if places is None:
        return f"Your saved progress in '{scenario.title}' is damaged and cannot be continued."
    if not places <= set(scenario.nodes):
        return (
            f"'{scenario.title}' has changed since you saved: the part of the conversation "
            "you had reached is no longer in it, so your progress cannot be continued."
        )
    return (
        f"'{scenario.title}' has changed since you saved, and your answers no longer lead "
        "where they did, so your progress cannot be continued."
    )


def _places(session: dict[str, Any]) -> set[str] | None:
    """Every node the saved conversation stood at, or None when the save does not say."""
    origin, history = session.get("origin"), session.get("history")
    if not isinstance(origin, dict) or not isinstance(history, list):
        return None
    places = [origin.get("place"), *(step.get("node") if isinstance(step, dict) else None for step in history)]
    named = [place for place in places if isinstance(place, str)]
    return set(named) if len(named) == len(places) else None
