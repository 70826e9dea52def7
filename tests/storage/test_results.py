"""The results history with real attempts of a shipped scenario: what is stored comes back through
standings, history and broken principles, in one transaction, once."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from game.engine import AttemptRecord
from game.engine.model import Scenario
from game.storage.errors import StorageError
from game.storage.results import ResultsStore, open_results
from game.storage.results_schema import SCHEMA_VERSION
from game.storage.trainees import Trainee
from tests.storage.results_played import ANA, BEN, attempt, utc, walk_in


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return walk_in()


@pytest.fixture(scope="module")
def attempts(scenario: Scenario) -> list[AttemptRecord]:
    return [attempt(scenario, seed) for seed in range(6)]


@pytest.fixture
def store(tmp_path: Path) -> ResultsStore:
    opened = open_results(tmp_path)
    assert opened.message == "" and opened.store is not None
    return opened.store


def database(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(folder / "composure.sqlite3")


def test_a_new_database_has_the_contract_schema_in_wal_mode(store: ResultsStore, tmp_path: Path) -> None:
    store.close()
    with database(tmp_path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        columns = {
            table: [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            for table in ("trainees", "attempts", "answers", "lrs_outbox")
        }
        indexes = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        }
    assert columns["trainees"] == ["id", "name", "email"]
    assert columns["attempts"][:3] == ["id", "trainee_id", "scenario_id"] and "grade" in columns["attempts"]
    assert columns["attempts"][-1] == "time_limits"
    assert columns["answers"][-2:] == ["feedback", "better_text"]
    assert columns["lrs_outbox"] == ["statement_id", "attempt_id", "statement", "state", "tries", "next_try", "reason"]
    assert indexes == {"attempts_by_trainee", "attempts_by_scenario", "lrs_outbox_due"}


def test_an_attempt_and_every_answer_come_back(
    store: ResultsStore, attempts: list[AttemptRecord], tmp_path: Path
) -> None:
    record = attempts[0]
    store.record(ANA, record, utc(0), utc(4))
    [summary] = store.history(ANA.id)
    assert (summary.scenario_id, summary.overall, summary.grade, summary.outcome, summary.ended_at) == (
        record.scenario_id,
        record.overall,
        record.grade,
        record.outcome,
        utc(4),
    )
    with database(tmp_path) as connection:
        rows = connection.execute(
            "SELECT node, choice_id, text, seconds, anger_before, anger_after, principle, principle_name, quality, "
            "best, worst, feedback, better_text FROM answers ORDER BY position"
        ).fetchall()
        trainee = connection.execute("SELECT id, name, email FROM trainees").fetchall()
    assert [tuple(row) for row in rows] == [
        tuple(int(value) if isinstance(value, bool) else value for value in dataclasses.astuple(answer))
        for answer in record.answers
    ]
    assert trainee == [(ANA.id, ANA.name, ANA.email)]


def test_the_same_attempt_twice_is_stored_once(store: ResultsStore, attempts: list[AttemptRecord]) -> None:
    store.record(ANA, attempts[1], utc(0), utc(3))
    store.record(ANA, attempts[1], utc(0), utc(3))
    assert len(store.history(ANA.id)) == 1


def test_a_renamed_trainee_keeps_their_attempts_under_the_new_name(
    store: ResultsStore, attempts: list[AttemptRecord], tmp_path: Path
) -> None:
    store.record(ANA, attempts[0], utc(0), utc(3))
    store.record(dataclasses.replace(ANA, name="Ana Ruiz-Lopez", email=""), attempts[1], utc(10), utc(13))
    store.close()
    with database(tmp_path) as connection:
        assert connection.execute("SELECT name, email FROM trainees").fetchall() == [("Ana Ruiz-Lopez", "")]
        assert connection.execute("SELECT COUNT(*) FROM attempts WHERE trainee_id = ?", (ANA.id,)).fetchone() == (2,)


def test_standings_count_and_pick_the_best_and_the_last(store: ResultsStore, attempts: list[AttemptRecord]) -> None:
    for minute, record in enumerate(attempts):
        store.record(ANA, record, utc(minute * 10), utc(minute * 10 + 5))
    store.record(BEN, attempts[0], utc(0), utc(5))
    [standing] = store.standings(ANA.id).values()
    best = max(attempts, key=lambda record: record.overall)
    assert standing.attempts == len(attempts)
    assert standing.best_overall == best.overall and standing.best_grade == best.grade
    assert (standing.last_overall, standing.last_grade) == (attempts[-1].overall, attempts[-1].grade)
    assert standing.last_played == utc((len(attempts) - 1) * 10 + 5)
    assert store.standings(BEN.id)["angry-walk-in"].attempts == 1
    assert store.standings("nobody") == {}


def test_history_is_oldest_first_and_can_be_of_one_scenario(store: ResultsStore, attempts: list[AttemptRecord]) -> None:
    other = dataclasses.replace(attempts[0], scenario_id="phone-notes", scenario_title="Phone notes")
    store.record(ANA, attempts[2], utc(30), utc(35))
    store.record(ANA, attempts[3], utc(0), utc(5))
    store.record(ANA, other, utc(10), utc(15))
    assert [summary.ended_at for summary in store.history(ANA.id)] == [utc(5), utc(15), utc(35)]
    assert [summary.scenario_id for summary in store.history(ANA.id, "phone-notes")] == ["phone-notes"]


def test_broken_principles_are_counted_with_the_latest_answer_that_broke_each(
    store: ResultsStore, attempts: list[AttemptRecord]
) -> None:
    for minute, record in enumerate(attempts):
        store.record(ANA, record, utc(minute * 10), utc(minute * 10 + 5))
    broken = [answer for record in attempts for answer in record.answers if not answer.best and answer.principle]
    counts: dict[str, int] = {}
    latest = {}
    for answer in broken:
        counts[answer.principle] = counts.get(answer.principle, 0) + 1
        latest[answer.principle] = answer
    found = store.broken_principles(ANA.id, limit=100)
    assert {item.principle: item.times for item in found} == counts
    assert [item.times for item in found] == sorted(counts.values(), reverse=True)
    for item in found:
        answer = latest[item.principle]
        assert (item.example_text, item.better_text, item.feedback, item.principle_name) == (
            answer.text,
            answer.better_text,
            answer.feedback,
            answer.principle_name,
        )
        assert item.better_text and item.scenario_id == "angry-walk-in"
    assert len(store.broken_principles(ANA.id, limit=2)) == 2


def test_an_attempt_of_a_trainee_nobody_added_is_stored_with_them(
    store: ResultsStore, attempts: list[AttemptRecord]
) -> None:
    """The trainee row is made by the first attempt: the roster lives in trainees.json, not here."""
    newcomer = Trainee(id="c" * 32, name="Chidi")
    store.record(newcomer, attempts[0], utc(0), utc(1))
    assert store.standings(newcomer.id)["angry-walk-in"].attempts == 1


def test_a_seed_too_large_for_the_file_is_refused_with_a_sentence(
    store: ResultsStore, attempts: list[AttemptRecord]
) -> None:
    """`play --seed` takes any whole number; the file holds 64 bits."""
    with pytest.raises(StorageError) as raised:
        store.record(ANA, dataclasses.replace(attempts[0], seed=2**70), utc(0), utc(1))
    assert "seed" in str(raised.value) and store.history(ANA.id) == []
