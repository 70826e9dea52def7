"""Reading the results for a report: never a write to the database, and every way it can fail
told in our own sentence: a missing, damaged, busy or newer file, a trainee or scenario nobody
has played, a filter that matches nothing."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest

from game.storage.reports import ReportError, ReportQuery, read_cohort
from game.storage.reports.database import read_only
from game.storage.results import open_results
from game.storage.results_schema import SCHEMA_VERSION
from tests.storage.report_cohort import record_all, small_cohort

RESULTS = "composure.sqlite3"
EVERYTHING = ReportQuery()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    record_all(tmp_path, small_cohort())
    return tmp_path


def problem(folder: Path, query: ReportQuery = EVERYTHING, wait: float = 5.0) -> str:
    with pytest.raises(ReportError) as raised:
        read_cohort(folder, query, wait)
    return str(raised.value)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_report_changes_nothing_in_the_database(folder: Path) -> None:
    before = {path.name: digest(path) for path in folder.iterdir()}
    cohort = read_cohort(folder, ReportQuery())
    assert [trainee.name for trainee in cohort.trainees] == ["Ana Ruiz", "Ben Okafor"]
    assert {path.name: digest(path) for path in folder.iterdir() if path.name in before} == before


def test_what_the_cohort_holds(folder: Path) -> None:
    cohort = read_cohort(folder, ReportQuery())
    assert len(cohort.attempts) == 5
    assert [attempt.ended_at for attempt in cohort.attempts] == sorted(attempt.ended_at for attempt in cohort.attempts)
    assert [(s.trainee.name, s.scenario_id, s.attempts) for s in cohort.standings] == [
        ("Ana Ruiz", "phone-notes", 1),
        ("Ana Ruiz", "angry-walk-in", 2),
        ("Ben Okafor", "after-the-shift", 1),
        ("Ben Okafor", "angry-walk-in", 1),
    ]
    walk_in = cohort.standings[1]
    assert (walk_in.best_overall, walk_in.best_grade, walk_in.last_overall, walk_in.last_grade) == (100, "A", 1, "E")
    assert [mix.title for mix in cohort.outcome_mixes()] == [
        "After the Shift",
        "Fourth Time of Asking",
        "The Letter in Red",
    ]
    assert cohort.outcome_mixes()[2].counts == (1, 0, 0, 2)  # resolved, partial, escalated, lost


def test_the_hardest_question_is_where_most_trainees_chose_the_worst_answer(folder: Path) -> None:
    hardest = read_cohort(folder, ReportQuery()).hardest
    top = hardest[0]
    assert (top.scenario_id, top.worst_by, top.met_by) == ("angry-walk-in", 2, 2), hardest
    assert top.text and top.better_text and top.text != top.better_text
    assert all(answer.worst_by <= answer.met_by for answer in hardest)
    assert [a.worst_by for a in hardest] == sorted((a.worst_by for a in hardest), reverse=True)
    walk_in = read_cohort(folder, ReportQuery(scenario="angry-walk-in")).hardest
    assert {answer.scenario_id for answer in walk_in} == {"angry-walk-in"}


def test_no_data_folder(tmp_path: Path) -> None:
    assert problem(tmp_path / "nowhere") == (
        f"there is no data folder {tmp_path / 'nowhere'}: check --data or COMPOSURE_DATA"
    )


def test_no_results_yet(tmp_path: Path) -> None:
    assert problem(tmp_path) == f"there are no results in {tmp_path} yet: nobody has finished a scenario there"


def test_a_database_with_no_attempts(tmp_path: Path) -> None:
    opened = open_results(tmp_path)
    assert opened.store is not None
    opened.store.close()
    assert problem(tmp_path) == "there are no finished attempts to report on yet"


def test_a_damaged_file_is_named_and_left_alone(tmp_path: Path) -> None:
    damaged = tmp_path / RESULTS
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 2000)
    assert problem(tmp_path) == f"the results file {damaged} is damaged, so there is no report"
    assert damaged.read_bytes() == b"SQLite format 3\x00" + b"\x07" * 2000


def test_some_other_database(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / RESULTS) as other:
        other.execute("CREATE TABLE recipes (name TEXT)")
    other.close()
    assert problem(tmp_path) == (
        f"{tmp_path / RESULTS} is not a Composure results database, so there is nothing to report from it"
    )


def test_a_newer_database(folder: Path) -> None:
    with sqlite3.connect(folder / RESULTS) as newer:
        newer.execute("PRAGMA user_version = 7")
    newer.close()
    assert problem(folder) == (
        f"{folder / RESULTS} was written by a newer version of Composure (results format 7; this one reads "
        f"format {SCHEMA_VERSION}): update Composure to report on it"
    )


def test_a_busy_database(folder: Path) -> None:
    holder = sqlite3.connect(folder / RESULTS, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("DELETE FROM answers WHERE 0")
        assert problem(folder, wait=0.05) == (
            f"another program, or another Composure, is using the results file {folder / RESULTS}, so there is no report"
        )
    finally:
        holder.close()
    assert read_cohort(folder, ReportQuery()).attempts


def test_nobody_of_that_name(folder: Path) -> None:
    assert problem(folder, ReportQuery(trainee="Cara")) == (
        "nobody called 'Cara' has any results; trainees with results: Ana Ruiz, Ben Okafor"
    )


def test_nobody_played_that_scenario(folder: Path) -> None:
    assert problem(folder, ReportQuery(scenario="wrong-job")) == (
        "nobody has finished a scenario with the id 'wrong-job'; "
        "scenarios with results: after-the-shift, angry-walk-in, phone-notes"
    )


def test_filters_that_together_match_nothing(folder: Path) -> None:
    query = ReportQuery(trainee="ben okafor", scenario="phone-notes", since=date(2026, 3, 1))
    assert problem(folder, query) == "no attempts by ben okafor at 'phone-notes' since 2026-03-01: nothing to report"
    assert problem(folder, ReportQuery(since=date(2027, 1, 1))) == "no attempts since 2027-01-01: nothing to report"


def test_a_folder_nobody_may_write_to_still_reports(folder: Path) -> None:
    """A read-only install or share: SQLite cannot make its log's index beside the file, so the file
    is read as it stands. (`chattr +i` refuses even root; skipped where the system has no such flag.)"""
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(folder)], capture_output=True, check=False).returncode:
        pytest.skip("this system cannot make a folder unwritable for this user")
    try:
        assert len(read_cohort(folder, ReportQuery()).attempts) == 5
    finally:
        subprocess.run([chattr, "-i", str(folder)], check=True)


def test_the_report_cannot_write_even_if_it_tried(folder: Path) -> None:
    with read_only(folder) as connection, pytest.raises(sqlite3.OperationalError):
        connection.execute("DELETE FROM answers")
    assert len(read_cohort(folder, EVERYTHING).attempts) == 5
