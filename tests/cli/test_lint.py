"""`python3 main.py lint`, run as a trainer runs it: warnings at their places, notes on what was
not checked, and an exit code that fails only on errors, or on warnings with --strict."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.cli.test_cli import DIAGNOSTIC, WALK_IN, run
from tests.cli.trainer_scenarios import BALANCED, library
from tests.paths import ROOT

SUMMARY = re.compile(r"^linted (\d+) scenario file\(s\): (\d+) warning\(s\)", re.MULTILINE)


def test_a_balanced_scenario_has_nothing_to_say_even_when_strict(tmp_path: Path) -> None:
    done = run("lint", str(library(tmp_path, balanced=BALANCED)), "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    assert "linted 1 scenario file(s): 0 warning(s)" in done.stderr


def test_each_slip_is_a_warning_at_its_answer(tmp_path: Path) -> None:
    slipped = BALANCED.replace(
        'Kind, but say what happens: "It reaches your bank by Friday."', "Kind, but say what happens next."
    ).replace("No, that's all.", "No, that is everything you need to know about it; thank you for asking me!")
    path = library(tmp_path, slipped=slipped) / "slipped.yaml"
    done = run("lint", str(path))
    assert done.returncode == 0, done.stderr  # advice, not errors
    found = [DIAGNOSTIC.match(line) for line in done.stdout.splitlines()]
    assert all(m and m["severity"] == "warning" and m["path"] == str(path) for m in found), done.stdout
    lines = slipped.splitlines()
    by_line = {lines[int(m["line"]) - 1].strip(): m["message"] for m in found if m}
    assert by_line["- id: soothe"].startswith("'soothe' is one of the poorer answers at 'first'")
    assert by_line["id: balanced"].startswith("answer length gives the best answer away: in 2 of the 2 choice sets")
    assert SUMMARY.search(done.stderr)[2] == "2"  # type: ignore[index]
    assert run("lint", str(path), "--strict").returncode == 1


def test_a_long_scenario_s_warnings_point_at_what_they_name(tmp_path: Path) -> None:
    """The shipped walk-in lints clean, so its feedback is stripped of the better words: every
    poor answer is then warned about, each warning at the id it names, in a file of real size."""
    shipped = (ROOT / WALK_IN).read_text(encoding="utf-8")
    stripped = re.sub(r'^(\s*feedback: )".*"$', r'\1"That did not help."', shipped, flags=re.MULTILINE)
    shutil.copy(ROOT / "scenarios" / "principles.yaml", tmp_path)
    path = tmp_path / "angry-walk-in.yaml"
    path.write_text(stripped, encoding="utf-8")
    done = run("lint", str(path))
    assert done.returncode == 0, done.stderr
    text = stripped.splitlines()
    matches = [DIAGNOSTIC.match(line) for line in done.stdout.splitlines()]
    assert len(matches) >= 10 and all(matches), done.stdout
    for m in matches:
        assert m is not None
        at = text[int(m["line"]) - 1][int(m["col"]) - 1 :]
        named = re.match(r"(?:no real decision at '[^']+': )?'([^']+)'", m["message"])
        if m["message"].startswith("answer length"):
            assert at == "angry-walk-in"
        elif named and named[1] != "(timeout)":
            assert at == f"id: {named[1]}", m.string
    assert SUMMARY.search(done.stderr)[2] == str(len(matches))  # type: ignore[index]


def test_a_file_with_errors_is_left_to_validate_and_fails(tmp_path: Path) -> None:
    folder = library(tmp_path, balanced=BALANCED, broken=BALANCED.replace("next: second", "next: nowhere"))
    done = run("lint", str(folder))
    assert done.returncode == 1
    assert "broken.yaml" in done.stdout and ": error: " in done.stdout and "nowhere" in done.stdout
    assert "linted 1 scenario file(s): 0 warning(s); 1 file(s) not linted for their errors" in done.stderr


def test_what_was_not_checked_is_said(tmp_path: Path) -> None:
    (tmp_path / "alone.yaml").write_text(BALANCED, encoding="utf-8")  # no principles.yaml beside it
    done = run("lint", str(tmp_path / "alone.yaml"))
    assert "alone.yaml: note: no principles.yaml beside the scenario, so its objectives were not checked" in done.stderr


def test_nothing_to_lint_is_an_error(tmp_path: Path) -> None:
    done = run("lint", str(tmp_path / "gone"), str(tmp_path))
    assert done.returncode == 1
    assert f"{tmp_path / 'gone'}:1:1: error: no such file or folder" in done.stdout
    assert f"{tmp_path}:1:1: error: no scenario files in this folder" in done.stdout
