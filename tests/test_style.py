"""Style and typing are checked like behaviour: ruff (lint and format) on everything, mypy on game/."""

from __future__ import annotations

import subprocess
import sys

from tests.paths import ROOT


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    """A tool from the test extras, run with this interpreter on the whole repository."""
    return subprocess.run(
        [sys.executable, "-m", *arguments], cwd=ROOT, capture_output=True, text=True, timeout=240, check=False
    )


def test_ruff_finds_nothing() -> None:
    lint = run("ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    layout = run("ruff", "format", "--check", ".")
    assert layout.returncode == 0, "run `ruff format .`:\n" + layout.stdout + layout.stderr


def test_mypy_finds_nothing_in_game() -> None:
    typing = run("mypy", "game")
    assert typing.returncode == 0, typing.stdout + typing.stderr
