"""`python3 main.py report`, run as a trainer runs it: the files it writes, and a sentence of our
own, never a traceback, for every way it can go wrong (`run` checks for tracebacks)."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from game.storage.results_schema import SCHEMA_VERSION
from tests.cli.test_cli import python, run
from tests.storage.report_cohort import record_all, small_cohort

RESULTS = "composure.sqlite3"
COVERS = "2 trainee(s), 3 scenario(s), 5 attempt(s)"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small cohort's data folder; the tests here only read it."""
    folder = tmp_path_factory.mktemp("data")
    record_all(folder, small_cohort())
    return folder


def report(data: Path, out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return run("report", "--data", str(data), "--out", str(out), *options)


def refused(done: subprocess.CompletedProcess[str], sentence: str, code: int = 1) -> None:
    assert (done.returncode, done.stdout, done.stderr) == (code, "", f"error: {sentence}\n")


def test_a_spreadsheet(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "cohort.csv"
    done = report(data, out)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"wrote {out}: {COVERS}\n", "")
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Trainee,E-mail,Scenario id,Scenario,Attempts,")
    assert [line.split(",")[0] for line in lines[1:]] == ["Ana Ruiz", "Ana Ruiz", "Ben Okafor", "Ben Okafor"]


def test_a_web_page_for_one_trainee(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "ana.HTML"
    done = report(data, out, "--trainee", "ana ruiz", "--since", "2026-03-01")
    assert (done.returncode, done.stdout) == (0, f"wrote {out}: 1 trainee(s), 2 scenario(s), 3 attempt(s)\n")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Ana Ruiz" in page and "Ben Okafor" not in page
    assert "only trainee ana ruiz, since 2026-03-01" in page


def test_the_data_folder_from_the_environment(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "cohort.csv"
    done = run("report", "--out", str(out), env={"COMPOSURE_DATA": str(data)})
    assert (done.returncode, done.stdout, done.stderr) == (0, f"wrote {out}: {COVERS}\n", "")


def test_a_kind_of_file_it_cannot_write(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "cohort.pdf"
    refused(report(data, out), f"--out {out} must end in .html (a web page) or .csv (a spreadsheet)", code=2)


def test_a_since_that_is_not_a_date(data: Path, tmp_path: Path) -> None:
    done = report(data, tmp_path / "x.csv", "--since", "last week")
    assert done.returncode == 2
    assert "'last week' is not a date: write it as YYYY-MM-DD, like 2026-12-01" in done.stderr
    assert not (tmp_path / "x.csv").exists()


def test_nobody_of_that_name(data: Path, tmp_path: Path) -> None:
    refused(
        report(data, tmp_path / "x.csv", "--trainee", "Cara"),
        "nobody called 'Cara' has any results; trainees with results: Ana Ruiz, Ben Okafor",
    )


def test_a_scenario_nobody_played(data: Path, tmp_path: Path) -> None:
    refused(
        report(data, tmp_path / "x.html", "--scenario", "wrong-job"),
        "nobody has finished a scenario with the id 'wrong-job'; "
        "scenarios with results: after-the-shift, angry-walk-in, phone-notes",
    )


def test_no_results_yet(tmp_path: Path) -> None:
    refused(
        report(tmp_path, tmp_path / "x.csv"),
        f"there are no results in {tmp_path} yet: nobody has finished a scenario there",
    )


def test_a_damaged_database_leaves_the_last_report_alone(tmp_path: Path) -> None:
    (tmp_path / RESULTS).write_bytes(b"not a database at all, but long enough to be read as one" * 40)
    out = tmp_path / "cohort.csv"
    out.write_text("last week's report", encoding="utf-8")
    refused(report(tmp_path, out), f"the results file {tmp_path / RESULTS} is damaged, so there is no report")
    assert out.read_text(encoding="utf-8") == "last week's report"


def test_a_newer_database(data: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer"
    newer.mkdir()
    (newer / RESULTS).write_bytes((data / RESULTS).read_bytes())
    with sqlite3.connect(newer / RESULTS) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    refused(
        report(newer, tmp_path / "x.csv"),
        f"{newer / RESULTS} was written by a newer version of Composure (results format {SCHEMA_VERSION + 1}; "
        f"this one reads format {SCHEMA_VERSION}): update Composure to report on it",
    )


def test_a_report_that_cannot_be_written(data: Path, tmp_path: Path) -> None:
    (tmp_path / "reports").write_text("a file where a folder should be", encoding="utf-8")
    done = report(data, tmp_path / "reports" / "cohort.csv")
    refused(done, f"the report was not written: a file stands where its folder should be ({tmp_path / 'reports'})")


def test_no_other_command_loads_the_charting_library() -> None:
    """matplotlib takes a third of a second to load: only a web page report needs it."""
    loaded = python("-c", "import sys, game.tools.cli; print(sorted(m for m in sys.modules if 'matplotlib' in m))")
    assert loaded.stdout == "[]\n"
