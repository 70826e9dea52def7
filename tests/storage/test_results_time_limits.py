"""Each attempt's time limits in the results database: stored as played, a file from before them
migrated in one step (its attempts read 'normal'), and the report's spreadsheet and page saying
when a trainee played with the limits off or longer. All on real SQLite files."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from game.engine import AttemptRecord
from game.storage.outbox import keep
from game.storage.reports import ReportQuery, cohort_csv, read_cohort
from game.storage.reports.page import cohort_page
from game.storage.results import open_results
from game.storage.results_entry import from_plain, to_plain
from game.storage.results_file import RESULTS_FILE
from game.storage.results_schema import MIGRATIONS, SCHEMA_VERSION, upgrade
from game.storage.results_writing import TRAINEE_NEW
from tests.storage.report_cohort import Play, record_all
from tests.storage.results_played import ANA, BEN, attempt, utc, walk_in
from tests.storage.test_outbox import entry


@pytest.fixture(scope="module")
def records() -> list[AttemptRecord]:
    scenario = walk_in()
    return [attempt(scenario, seed) for seed in range(3)]


def limits_of(record: AttemptRecord, time_limits: str) -> AttemptRecord:
    return dataclasses.replace(record, time_limits=time_limits)


def stored_limits(folder: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(folder / RESULTS_FILE)) as connection:
        return connection.execute("SELECT trainee_id, time_limits FROM attempts ORDER BY id").fetchall()


def test_each_attempt_is_stored_with_its_time_limits(tmp_path: Path, records: list[AttemptRecord]) -> None:
    store = open_results(tmp_path).store
    assert store is not None
    for minute, (record, limits) in enumerate(zip(records, ("off", "normal", "2x"), strict=True)):
        store.record(ANA, limits_of(record, limits), utc(minute * 60), utc(minute * 60 + 30))
    store.close()
    assert stored_limits(tmp_path) == [(ANA.id, "off"), (ANA.id, "normal"), (ANA.id, "2x")]


# What version 1 of the schema stored of an attempt: everything but its time limits.
VERSION_1_ATTEMPT = """INSERT INTO attempts (trainee_id, scenario_id, scenario_title, scenario_digest, difficulty,
    started_at, ended_at, seed, temperament, ending, outcome, composure, assertiveness, resolution, overall, grade)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def version_1_file(folder: Path, records: list[AttemptRecord]) -> Path:
    """A results file as the first schema made it, holding two attempts of Ben's."""
    path = folder / RESULTS_FILE
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        upgrade(connection, MIGRATIONS[:1])
        connection.execute(TRAINEE_NEW, (BEN.id, BEN.name, BEN.email))
        for minute, record in enumerate(records[:2]):
            connection.execute(
                VERSION_1_ATTEMPT,
                (
                    *(BEN.id, record.scenario_id, record.scenario_title, record.scenario_digest, record.difficulty),
                    *(utc(minute * 60), utc(minute * 60 + 30), record.seed, record.temperament, record.ending),
                    *(record.outcome, record.composure, record.assertiveness, record.resolution, record.overall),
                    record.grade,
                ),
            )
        assert connection.execute("PRAGMA user_version").fetchone() == (1,)
    return path


def test_a_file_from_before_time_limits_is_migrated_and_its_attempts_read_normal(
    tmp_path: Path, records: list[AttemptRecord]
) -> None:
    path = version_1_file(tmp_path, records)
    opened = open_results(tmp_path)
    assert opened.message == "" and opened.store is not None
    opened.store.record(ANA, limits_of(records[2], "off"), utc(600), utc(630))
    assert len(opened.store.history(BEN.id)) == 2
    opened.store.close()
    with closing(sqlite3.connect(path)) as migrated:
        assert migrated.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,) == (3,)
    assert stored_limits(tmp_path) == [(BEN.id, "normal"), (BEN.id, "normal"), (ANA.id, "off")]


def test_a_report_reads_a_file_from_before_time_limits_without_changing_it(
    tmp_path: Path, records: list[AttemptRecord]
) -> None:
    path = version_1_file(tmp_path, records)
    before = path.read_bytes()
    cohort = read_cohort(tmp_path, ReportQuery())
    assert [attempt.time_limits for attempt in cohort.attempts] == ["normal", "normal"]
    assert [standing.time_limits for standing in cohort.standings] == ["normal"]
    assert path.read_bytes() == before


def test_the_report_says_which_time_limits_each_trainee_played_with(
    tmp_path: Path, records: list[AttemptRecord]
) -> None:
    record_all(
        tmp_path,
        [
            Play(ANA, limits_of(records[0], "normal"), 0),
            Play(ANA, limits_of(records[1], "off"), 600),
            Play(ANA, limits_of(records[2], "normal"), 1200),
            Play(BEN, records[0], 60),
        ],
    )
    cohort = read_cohort(tmp_path, ReportQuery())
    rows = list(csv.DictReader(io.StringIO(cohort_csv(cohort).decode("utf-8-sig"))))
    assert [(row["Trainee"], row["Time limits"]) for row in rows] == [
        ("Ana Ruiz", "off 1, normal 2"),
        ("Ben Okafor", "normal"),
    ]
    page = cohort_page(cohort).decode("utf-8")
    assert page.count('<td class="limits-changed">off 1, normal 2</td>') == 1
    assert page.count("<td>normal</td>") == 1


def test_an_attempt_kept_in_the_outbox_before_time_limits_reads_normal(
    tmp_path: Path, records: list[AttemptRecord]
) -> None:
    plain = json.loads(json.dumps(to_plain(entry(records[0], 0))))
    older = plain | {"version": 1, "attempt": {k: v for k, v in plain["attempt"].items() if k != "time_limits"}}
    assert from_plain(older) == entry(records[0], 0)
    off = entry(limits_of(records[1], "off"), 1)
    assert from_plain(json.loads(json.dumps(to_plain(off)))) == off
    keep(tmp_path, off)
    opened = open_results(tmp_path)
    assert opened.store is not None
    opened.store.close()
    assert stored_limits(tmp_path) == [(ANA.id, "off")]
