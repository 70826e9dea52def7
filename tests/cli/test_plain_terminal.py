"""Text shown in the terminal has typographic quotes, and a terminal that cannot encode them
(PYTHONIOENCODING=ascii, like an old code page) gets straight ones instead of a crash."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from game.engine.reading.typography import plain
from tests.paths import ANGRY_WALK_IN, ROOT

WALK_IN = str(ANGRY_WALK_IN.relative_to(ROOT))
PLAYS = {  # seed 3, answer 2: the line that quotes the letter comes second; then what each shows
    "text": (("play", WALK_IN, "--text", "--seed", "3"), "Gareth Pryce: \"'Supply interruption', it says."),
    "auto": (("play", WALK_IN, "--auto", "best", "--seed", "3"), "how he'll get water"),
}


def run(args: tuple[str, ...], encoding: str) -> str:
    done = subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        input=b"2\n",
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        timeout=60,
        check=False,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode(encoding, "replace")
    assert done.returncode in (0, 1), done.stderr  # text mode ends with 1 when the answers run out
    return done.stdout.decode(encoding)


def test_text_mode_shows_curly_quotes_with_the_quotation_nested() -> None:
    shown = run(PLAYS["text"][0], "utf-8")
    assert "Gareth Pryce: \u201c\u2018Supply interruption\u2019, it says." in shown
    assert "can\u2019t" in shown and "can't" not in shown


@pytest.mark.parametrize("verb", sorted(PLAYS))
def test_an_ascii_terminal_gets_the_same_text_with_straight_quotes(verb: str) -> None:
    args, expected = PLAYS[verb]
    shown = run(args, "ascii")
    assert shown == plain(run(args, "utf-8"))
    assert " ".join(expected.split()) in " ".join(shown.split())  # wrapped to the terminal's width
