"""The spreadsheet report: every figure of a small real database exactly, cells a spreadsheet
would run as formulas made plain, and any name at all read back as written."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from game.engine import AttemptRecord
from game.storage.reports import Cohort, ReportQuery, cohort_csv, read_cohort
from game.storage.reports.csv_table import HEADINGS, spreadsheet_safe
from game.storage.reports.model import Standing, Trainee
from tests.storage.report_cohort import Play, record_all, small_cohort, trainee, utc

HEADER = (
    "Trainee,E-mail,Scenario id,Scenario,Attempts,Best overall,Last overall,Mean composure,"
    "Mean assertiveness,Mean resolution,Mean overall,Last played (UTC),Time limits"
)

EVERYTHING = ReportQuery()


def csv_of(folder: Path, query: ReportQuery = EVERYTHING) -> str:
    data = cohort_csv(read_cohort(folder, query))
    assert data.startswith("\ufeff".encode()), "a byte-order mark, so spreadsheets read UTF-8 names right"
    return data.decode("utf-8-sig")


def row(name: str, email: str, plays: list[Play]) -> str:
    """The line the report should write for one trainee's plays of one scenario, worked out here
    from the records the game stored, not from the database."""
    attempts: list[AttemptRecord] = [play.attempt for play in plays]
    count = len(attempts)

    def mean(score: str) -> str:
        return f"{sum(getattr(a, score) for a in attempts) / count:.1f}"

    last = plays[-1]
    return ",".join(
        [
            name,
            email,
            last.attempt.scenario_id,
            last.attempt.scenario_title,
            str(count),
            str(max(a.overall for a in attempts)),
            str(last.attempt.overall),
            mean("composure"),
            mean("assertiveness"),
            mean("resolution"),
            mean("overall"),
            utc(last.ended)[:19].replace("T", " "),
            "normal",  # the robot players never change them
        ]
    )


def test_every_figure_of_a_small_database(tmp_path: Path) -> None:
    plays = small_cohort()
    record_all(tmp_path, plays)
    walk_in_ana, walk_in_worst, phone_ana, walk_in_ben, shift_ben = plays
    expected = [
        HEADER,
        row("Ana Ruiz", "ana@example.org", [phone_ana]),  # Fourth Time of Asking, then The Letter in Red
        row("Ana Ruiz", "ana@example.org", [walk_in_ana, walk_in_worst]),
        row("Ben Okafor", "", [shift_ben]),  # After the Shift
        row("Ben Okafor", "", [walk_in_ben]),
    ]
    assert csv_of(tmp_path) == "\r\n".join(expected) + "\r\n"
    assert expected[2].split(",")[4:7] == ["2", "100", "1"], "two attempts: the best 100, the last 1"


def test_filters_choose_the_rows(tmp_path: Path) -> None:
    record_all(tmp_path, small_cohort())
    by_ben = csv_of(tmp_path, ReportQuery(trainee="  ben OKAFOR "))  # as the game matches names
    assert [line.split(",")[0] for line in by_ben.splitlines()[1:]] == ["Ben Okafor", "Ben Okafor"]
    walk_in = csv_of(tmp_path, ReportQuery(scenario="angry-walk-in")).splitlines()[1:]
    assert [line.split(",")[:3] for line in walk_in] == [
        ["Ana Ruiz", "ana@example.org", "angry-walk-in"],
        ["Ben Okafor", "", "angry-walk-in"],
    ]
    assert walk_in[0].split(",")[4] == "2"
    lately = csv_of(tmp_path, ReportQuery(since=date(2026, 3, 3))).splitlines()[1:]  # a day after the first
    assert [line.split(",")[2:5] for line in lately] == [
        ["phone-notes", "Fourth Time of Asking", "1"],
        ["angry-walk-in", "The Letter in Red", "1"],  # only Ana's second attempt is that late
        ["after-the-shift", "After the Shift", "1"],
    ]


def test_cells_that_would_start_a_formula_are_made_plain(tmp_path: Path) -> None:
    sly = trainee(3, '=HYPERLINK("http://x","win")', "+1@example.org")
    attempt = small_cohort()[0].attempt
    record_all(
        tmp_path,
        [Play(sly, attempt, 0), Play(trainee(4, "-2+3"), attempt, 60), Play(trainee(5, "@SUM(1)"), attempt, 120)],
    )
    cells = list(csv.reader(io.StringIO(csv_of(tmp_path))))
    assert [line[0] for line in cells[1:]] == ["'-2+3", '\'=HYPERLINK("http://x","win")', "'@SUM(1)"]
    assert cells[2][1] == "'+1@example.org"


def standing(name: str, email: str, scenario_id: str, title: str) -> Standing:
    return Standing(
        trainee=Trainee("0" * 32, name, email),
        scenario_id=scenario_id,
        scenario_title=title,
        attempts=3,
        best_overall=90,
        best_grade="A",
        last_overall=42,
        last_grade="D",
        mean_composure=12.25,
        mean_assertiveness=50.0,
        mean_resolution=99.95,
        mean_overall=0.0,
        last_played="2026-12-01T03:04:05.678Z",
        time_limits="off 1, normal 2",
    )


TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)  # any text SQLite can hold


@given(name=TEXT, email=TEXT, scenario_id=TEXT, title=TEXT)
def test_any_names_read_back_as_written(name: str, email: str, scenario_id: str, title: str) -> None:
    cohort = Cohort("here", ReportQuery(), (), (), (standing(name, email, scenario_id, title),))
    header, line = list(csv.reader(io.StringIO(cohort_csv(cohort).decode("utf-8-sig"), newline="")))
    assert tuple(header) == HEADINGS
    assert line[:4] == [spreadsheet_safe(text) for text in (name, email, scenario_id, title)]
    assert line[4:] == ["3", "90", "42", "12.2", "50.0", "100.0", "0.0", "2026-12-01 03:04:05", "off 1, normal 2"]
    for cell in line[:4]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), "nothing a spreadsheet would run"
