"""What the progress screen shows, read when it opens (and again when the results change): plain
data, no drawing.

Kept apart from the screen so that what a trainee is told about their results (their best and
last scores per scenario, their attempts in order, the principles they missed most, what to
practise next) can be checked against a real results file without a window.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from game.engine import Practice, Scenario
from game.storage.errors import StorageError

from ..score_chart import ScorePoint
from ..title_offers import PRINCIPLES_WEIGHED, library_look, practice_from
from .picker_filter import Filter, shown

if TYPE_CHECKING:
    from game.storage.results import AttemptSummary, BrokenPrinciple, ResultsStore, Standing
    from game.storage.trainees import Trainee

LOG = logging.getLogger(__name__)
SHOWN_PRINCIPLES = 5
NO_TRAINEE = "Choose who is practising first (on the title screen): progress is kept for each trainee."
UNAVAILABLE = "Your progress cannot be shown."
NOT_STORED = "Results are not being stored on this computer."


@dataclass(frozen=True, slots=True)
class ScenarioRow:
    """One scenario: from the library, or only in the results (its file has gone since)."""

    number: int  # 1-based, as on the chart's points
    scenario_id: str
    title: str
    difficulty: int | None  # None: no longer in the library
    path: Path | None  # the file that starts it; None: it cannot be started
    standing: Standing | None  # None: never finished
    last: AttemptSummary | None  # the last attempt, with its three scores


@dataclass(frozen=True, slots=True)
class Suggestion:
    practice: Practice
    path: Path


@dataclass(frozen=True, slots=True)
class ProgressModel:
    trainee: str  # the trainee's name, "" when nobody is chosen
    rows: tuple[ScenarioRow, ...] = ()
    attempts: tuple[ScorePoint, ...] = ()  # every finished attempt, oldest first
    broken: tuple[BrokenPrinciple, ...] = ()  # most often broken first
    suggestion: Suggestion | None = None
    message: str = ""  # why there is nothing to show, or ""

    def path_of(self, scenario_id: str) -> Path | None:
        return next((row.path for row in self.rows if row.scenario_id == scenario_id), None)


@dataclass(frozen=True, slots=True)
class Listed:
    """A library scenario and its file, in the form the picker's ordering reads."""

    title: str
    scenario: Scenario
    path: Path


def progress_of(library: Path, trainee: Trainee | None, store: ResultsStore | None, why: str = "") -> ProgressModel:
    """The trainee's progress over the scenarios in `library`; a message instead when there is
    no trainee, no results store (`why` says what the game knows about it), or it cannot be read."""
    if trainee is None:
        return ProgressModel("", message=NO_TRAINEE)
    if store is None:
        return ProgressModel(trainee.name, message=f"{UNAVAILABLE} {why or NOT_STORED}")
    scenarios = listed(library)
    try:
        standings = store.standings(trainee.id)
        history = store.history(trainee.id)
        broken = store.broken_principles(trainee.id, limit=PRINCIPLES_WEIGHED)  # as the title's suggestion
    except StorageError as problem:  # its words say why, for the player
        LOG.warning("could not read the results of %s: %s", trainee.id, problem)
        return ProgressModel(trainee.name, message=str(problem))
    rows = _rows(scenarios, standings, history)
    by_id = {row.scenario_id: row for row in rows}
    attempts = tuple(
        ScorePoint(by_id[a.scenario_id].number, by_id[a.scenario_id].title, a.overall, a.grade) for a in history
    )
    return ProgressModel(
        trainee.name,
        rows,
        attempts,
        tuple(broken[:SHOWN_PRINCIPLES]),
        _suggestion(scenarios, standings, broken),
    )


def listed(library: Path) -> list[Listed]:
    """The library's playable scenarios, gentle to hard, as the picker lists them."""
    cards = [Listed(s.title, s, Path(s.path)) for s in library_look(library).current()]
    return shown(cards, Filter())


def _rows(
    library: list[Listed], standings: dict[str, Standing], history: list[AttemptSummary]
) -> tuple[ScenarioRow, ...]:
    """The library's scenarios in order, then any played whose file has gone, by title."""
    last = {attempt.scenario_id: attempt for attempt in history}
    entries: list[tuple[str, str, int | None, Path | None]] = [
        (item.scenario.id, item.title, item.scenario.difficulty, item.path) for item in library
    ]
    known = {entry[0] for entry in entries}
    gone = {attempt.scenario_id: attempt.scenario_title for attempt in history if attempt.scenario_id not in known}
    entries += [(scenario_id, title, None, None) for scenario_id, title in sorted(gone.items(), key=lambda g: g[1])]
    return tuple(
        ScenarioRow(number, scenario_id, title, difficulty, path, standings.get(scenario_id), last.get(scenario_id))
        for number, (scenario_id, title, difficulty, path) in enumerate(entries, start=1)
    )


def _suggestion(
    library: list[Listed], standings: dict[str, Standing], broken: list[BrokenPrinciple]
) -> Suggestion | None:
    practice = practice_from([item.scenario for item in library], standings, broken)
    if practice is None:
        return None
    path = next(item.path for item in library if item.scenario.id == practice.scenario_id)
    return Suggestion(practice, path)


def played_on(stamp: str) -> str:
    """A stored UTC time as the day it was on this computer ("3 Dec 2026"), or "" if unreadable."""
    try:
        when = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return ""
    return f"{when.day} {when:%b %Y}"
