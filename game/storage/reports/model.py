"""What a report shows, as plain data: read once from the database, then written as CSV or HTML."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
OUTCOMES = ("resolved", "partial", "escalated", "lost")  # best first: the order of every legend


@dataclass(frozen=True, slots=True)
class ReportQuery:
    """Which attempts a report covers; None leaves that filter out."""

    trainee: str | None = None  # a name, matched ignoring case and surrounding spaces
    scenario: str | None = None  # a scenario id
    since: date | None = None  # attempts that ended on or after this day (UTC)


@dataclass(frozen=True, slots=True)
class Trainee:
    id: str
    name: str
    email: str


@dataclass(frozen=True, slots=True)
class Attempt:
    """One finished attempt, as the report needs it."""

    trainee_id: str
    scenario_id: str
    scenario_title: str
    ended_at: str  # UTC, ISO 8601 ending "Z"
    outcome: str
    grade: str
    composure: int
    assertiveness: int
    resolution: int
    overall: int
    time_limits: str  # one of the engine's TIME_LIMITS: "normal" unless the trainee changed them


@dataclass(frozen=True, slots=True)
class Standing:
    """One trainee on one scenario: the CSV's row, the detail table's line."""

    trainee: Trainee
    scenario_id: str
    scenario_title: str  # as the last attempt saw it: a title can change between versions
    attempts: int
    best_overall: int
    best_grade: str
    last_overall: int
    last_grade: str
    mean_composure: float
    mean_assertiveness: float
    mean_resolution: float
    mean_overall: float
    last_played: str  # UTC, ISO 8601 ending "Z"
    time_limits: str  # of the attempts: one word, or each with its count ("off 1, normal 2")


@dataclass(frozen=True, slots=True)
class HardAnswer:
    """A question where many trainees chose the worst answer on offer, with the worst answer most chose."""

    scenario_id: str
    scenario_title: str
    node: str
    text: str  # that answer, as last shown
    better_text: str
    principle_name: str
    chosen_by: int  # trainees who gave that answer at least once
    worst_by: int  # trainees who gave a worst answer there at least once (more than one can tie for worst)
    met_by: int  # trainees who answered that question at all


@dataclass(frozen=True, slots=True)
class OutcomeMix:
    """How one scenario's attempts ended: a count per outcome, in the order of OUTCOMES."""

    title: str
    counts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Cohort:
    """Everything one report shows, already filtered."""

    source: str  # the database it came from, for the page's heading
    query: ReportQuery
    trainees: tuple[Trainee, ...]  # by name
    attempts: tuple[Attempt, ...]  # oldest first
    standings: tuple[Standing, ...]  # by trainee name, then scenario title
    hardest: tuple[HardAnswer, ...] = field(default=())  # most trainees first

    def attempts_by_trainee(self) -> dict[str, list[Attempt]]:
        return grouped(self.attempts, lambda attempt: attempt.trainee_id)

    def standings_by_trainee(self) -> dict[str, list[Standing]]:
        return grouped(self.standings, lambda standing: standing.trainee.id)

    def outcome_mixes(self) -> list[OutcomeMix]:
        """Each scenario's endings, by title (as its last attempt saw it)."""
        mixes = []
        for attempts in grouped(self.attempts, lambda attempt: attempt.scenario_id).values():
            outcomes = [attempt.outcome for attempt in attempts]
            mixes.append(OutcomeMix(attempts[-1].scenario_title, tuple(outcomes.count(o) for o in OUTCOMES)))
        return sorted(mixes, key=lambda mix: mix.title.casefold())


def grouped(items: Iterable[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    """Items by key, each group in the items' order."""
    groups: dict[K, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def plain_time(stamp: str) -> str:
    """`2026-12-01T03:04:05.123Z` as `2026-12-01 03:04:05`, which people and spreadsheets read as a time."""
    return stamp[:19].replace("T", " ")
