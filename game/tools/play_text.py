"""`play PATH --text`: a whole conversation in the terminal, answers typed by number.

Where a timer runs, `w` says nothing and lets it run out at once: a trainer play-testing a
timeout need not sit through the seconds."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from game.engine import InvalidChoice, Session

from .text_render import render_debrief, render_view, wrap

WAIT = "w"  # at a timed node: say nothing, as if the timer ran out


def play_in_terminal(session: Session, read: TextIO = sys.stdin, write: TextIO = sys.stdout) -> int:
    """Play until an ending (or end of input); 0 when the conversation ended, 1 when input ran out."""
    while not session.finished:
        view = session.view()
        print(render_view(view, session.scenario.scene_at(view.place)), file=write)
        if not view.options and view.timer is not None:  # every choice is hidden: only the timer moves on
            print("(There is nothing you can say yet, and the time runs out.)\n", file=write)
            session.timeout()
            continue
        asked_at = time.monotonic()
        answer = _read_answer(read, write, len(view.options), timed=view.timer is not None)
        if answer is None:
            print("\nStopped before the end of the conversation.", file=write)
            return 1
        seconds = round(time.monotonic() - asked_at, 2)
        try:
            if isinstance(answer, str):  # WAIT
                print("(You say nothing and let the time run out.)", file=write)
                session.timeout(seconds)
            elif view.timer is not None and seconds > view.timer:
                print(f"(Too slow: {seconds:.0f} s. The customer did not wait for you.)", file=write)
                session.timeout(seconds)
            elif not (option := view.options[answer - 1]).available:
                reason = option.hint.rstrip(". ") or "It is not available now"
                print(wrap(f"You can\u2019t say that yet. {reason}. Choose another answer."), file=write)
            else:
                session.choose(answer - 1, seconds)
        except InvalidChoice as problem:
            print(wrap(f"That answer is not possible: {problem}."), file=write)
        print(file=write)
    print(render_debrief(session.result()), file=write)
    return 0


def _read_answer(read: TextIO, write: TextIO, count: int, timed: bool) -> int | str | None:
    """A choice's number, WAIT (only where a timer runs), or None at the end of input."""
    wait = f", or {WAIT} to say nothing" if timed else ""
    while True:
        print(f"Your answer (1-{count}{wait}): ", end="", file=write, flush=True)
        line = read.readline()
        if not line:
            return None
        text = line.strip()
        if not read.isatty():  # piped answers are not echoed by a terminal: show them
            print(text, file=write)
        if text.isdigit() and 1 <= int(text) <= count:
            return int(text)
        if timed and text.lower() == WAIT:
            return WAIT
        print(f"Type a number from 1 to {count}{wait} and press Enter.", file=write)
