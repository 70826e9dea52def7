"""Results databases for the report's tests and benchmark, filled through the real ResultsStore
with the records of real play of the shipped scenarios (best, worst and random players), so a
report is tested on what the game itself stores."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from game.engine import AttemptRecord, Session, attempt_record
from game.storage.results import open_results
from game.storage.scenario_files import load_scenario, scenario_paths
from game.storage.trainees import Trainee
from game.tools.autoplay import play_out
from tests.paths import SCENARIOS

PLAYERS = (("best", 1), ("worst", 2), *(("random", seed) for seed in range(3, 11)))  # strategy, seed
EPOCH = datetime(2026, 3, 2, 9, 0, tzinfo=UTC).timestamp()
PLAYED_FOR = 240.0  # seconds from an attempt's start to its end
DAY, HOUR, MINUTE = 86_400, 3_600, 60


@cache
def played(scenario_id: str, strategy: str, seed: int) -> AttemptRecord:
    """The record of a shipped scenario played to its end by one of the robot players."""
    session = Session.start(load_scenario(SCENARIOS / f"{scenario_id}.yaml"), seed)
    play_out(session, strategy, seed)
    return attempt_record(session)


@cache
def shipped_ids() -> tuple[str, ...]:
    return tuple(path.stem for path in scenario_paths(SCENARIOS))


@dataclass(frozen=True, slots=True)
class Play:
    """One attempt to store: who, what, and when it ended (seconds after EPOCH)."""

    trainee: Trainee
    attempt: AttemptRecord
    ended: float


def utc(seconds: float) -> str:
    """A moment `seconds` after EPOCH as the results history writes times: `2026-03-02T09:00:00.000Z`."""
    return datetime.fromtimestamp(EPOCH + seconds, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def record_all(folder: Path, plays: Iterable[Play]) -> None:
    """Store every play in `folder`'s results database, as the game stores a finished attempt."""
    opened = open_results(folder)
    assert opened.store is not None, opened.message
    try:
        for play in plays:
            opened.store.record(play.trainee, play.attempt, utc(play.ended - PLAYED_FOR), utc(play.ended))
    finally:
        opened.store.close()


def trainee(number: int, name: str | None = None, email: str = "") -> Trainee:
    return Trainee(id=f"{number:032x}", name=name or f"Trainee {number:03d}", email=email)


def scenario_record(index: int, player: int) -> AttemptRecord:
    """A record of the index-th scenario: a shipped one, or past the fourteenth a real record of one
    renamed as another scenario, so a cohort can practise more scenarios than are shipped."""
    shipped = shipped_ids()
    record = played(shipped[index % len(shipped)], *PLAYERS[player % len(PLAYERS)])
    copy = index // len(shipped)
    if not copy:
        return record
    return dataclasses.replace(
        record, scenario_id=f"{record.scenario_id}-{copy + 1}", scenario_title=f"{record.scenario_title} ({copy + 1})"
    )


def cohort(trainees: int, scenarios: int, attempts: int) -> Iterator[Play]:
    """Every trainee plays every scenario `attempts` times, a day apart, each with a different player."""
    for number in range(1, trainees + 1):
        person = trainee(number, email=f"trainee{number}@example.org")
        for index in range(scenarios):
            for attempt in range(attempts):
                ended = attempt * DAY + index % 8 * HOUR + number % 60 * MINUTE
                yield Play(person, scenario_record(index, number * 7 + index * 3 + attempt), ended)


ANA = trainee(1, "Ana Ruiz", "ana@example.org")
BEN = trainee(2, "Ben Okafor")


def small_cohort() -> list[Play]:
    """Two trainees, three scenarios, five attempts: small enough to check every figure by hand."""
    return [
        Play(ANA, played("angry-walk-in", "best", 1), 0 * DAY),
        Play(ANA, played("angry-walk-in", "worst", 2), 1 * DAY),
        Play(ANA, played("phone-notes", "random", 3), 2 * DAY),
        Play(BEN, played("angry-walk-in", "worst", 5), 0 * DAY + HOUR),
        Play(BEN, played("after-the-shift", "worst", 2), 3 * DAY),
    ]
