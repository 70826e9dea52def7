"""`python3 main.py coverage`, run on a small library folder built for the test: principles no
answer teaches come first, then each principle with the answers that follow and break it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run
from tests.cli.trainer_scenarios import BALANCED, library

# A second scenario: its one poor answer breaks take-action, and nothing names debrief-afterwards.
SECOND = (
    BALANCED.replace("id: balanced", "id: second-call")
    .replace("principle: stay-calm", "principle: take-action")
    .replace("id: nothing", "id: nothing-more")
)


def test_untaught_principles_come_first_then_who_follows_and_breaks_each(tmp_path: Path) -> None:
    folder = library(tmp_path, balanced=BALANCED, second=SECOND)
    done = run("coverage", str(folder), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["untaught"] == ["debrief-afterwards"]
    rows = {row["id"]: row for row in report["principles"]}
    assert report["principles"][0]["id"] == "debrief-afterwards"
    take_action = rows["take-action"]
    assert sorted((t["scenario"], t["answer"]) for t in take_action["follows"]) == [
        ("balanced", "explain"),
        ("balanced", "nothing"),
        ("second-call", "explain"),
        ("second-call", "nothing-more"),
    ]
    assert sorted((t["scenario"], t["answer"]) for t in take_action["breaks"]) == [
        ("balanced", "soothe"),
        ("second-call", "ramble"),
        ("second-call", "soothe"),
    ]
    [calm] = rows["stay-calm"]["breaks"]
    lines = BALANCED.splitlines()
    assert lines[calm["line"] - 1].strip() == "- id: ramble" and calm["nodes"] == ["second"]
    assert rows["stay-calm"]["follows"] == []


def test_the_text_report_names_the_gaps_first(tmp_path: Path) -> None:
    done = run("coverage", str(library(tmp_path, balanced=BALANCED)))
    assert done.returncode == 0, done.stderr
    head = done.stdout.splitlines()[:4]
    assert head[0] == "3 principles against 1 scenario file(s): 2 taught, 1 taught by no answer"
    assert head[2:4] == ["Taught by no answer:", "  debrief-afterwards  Debrief after a hard customer"]
    assert "stay-calm: Manage your own emotions; followed by 0 answer(s), broken by 1" in done.stdout
    assert f"  breaks  {tmp_path / 'balanced.yaml'}:34  'ramble' at second (quality 0.00)" in done.stdout


def test_a_broken_file_is_left_out_and_fails(tmp_path: Path) -> None:
    folder = library(tmp_path, balanced=BALANCED, broken=BALANCED.replace("next: done", "next: nowhere"))
    done = run("coverage", str(folder), "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["scenarios"] == [str(folder / "balanced.yaml")]
    assert "broken.yaml" in done.stderr and "1 file(s) left out for their errors" in done.stderr


def test_without_principles_there_is_nothing_to_cover(tmp_path: Path) -> None:
    (tmp_path / "alone.yaml").write_text(BALANCED, encoding="utf-8")
    done = run("coverage", str(tmp_path))
    assert done.returncode == 1 and done.stdout == ""
    assert "error: no principles.yaml beside these scenarios" in done.stderr


def test_the_shipped_library_is_covered() -> None:
    done = run("coverage", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    taught = [row for row in report["principles"] if row["follows"] or row["breaks"]]
    assert report["principles"][: len(report["untaught"])] == [
        row for row in report["principles"] if row["id"] in report["untaught"]
    ]
    assert taught and all(row["known"] for row in report["principles"])
