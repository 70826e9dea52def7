"""`w` in text play says nothing at a timed node, so a timeout is reached without waiting it out.

Run as a trainer runs it, `python3 main.py play ... --text`, in a real subprocess.
"""

from __future__ import annotations

from tests.cli.test_cli import WALK_IN, run

TIMED_PROMPT = "Your answer (1-3, or w to say nothing): "


def test_w_lets_the_timer_run_out_at_once() -> None:
    done = run("play", WALK_IN, "--text", "--seed", "3", "--at", "louder", stdin="w\n" + "1\n" * 20)
    assert done.returncode == 0, done.stdout + done.stderr
    before, after = done.stdout.split("(You say nothing and let the time run out.)", 1)
    assert before.endswith(TIMED_PROMPT + "w\n")  # offered where the timer runs, and taken
    assert "Too slow" not in done.stdout
    assert "(no answer in time)" in after  # the debrief lists the timeout as the first answer
    assert "ENDING: " in after


def test_w_is_not_offered_where_no_timer_runs() -> None:
    done = run("play", WALK_IN, "--text", "--seed", "3", stdin="w\n")
    assert done.returncode == 1
    assert "or w to say nothing" not in done.stdout
    assert "Type a number from 1 to" in done.stdout and "let the time run out" not in done.stdout


def test_time_limits_off_offers_no_waiting_and_never_times_out() -> None:
    done = run("play", WALK_IN, "--text", "--seed", "3", "--at", "louder", "--time-limits", "off", stdin="w\n1\n" * 20)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "or w to say nothing" not in done.stdout and "let the time run out" not in done.stdout
    assert "(no answer in time)" not in done.stdout and "ENDING: " in done.stdout


def test_longer_time_limits_show_the_longer_timer() -> None:
    normal = run("play", WALK_IN, "--text", "--seed", "3", "--at", "louder", stdin="1\n" * 20)
    longer = run("play", WALK_IN, "--text", "--seed", "3", "--at", "louder", "--time-limits", "2x", stdin="1\n" * 20)
    assert normal.returncode == longer.returncode == 0, normal.stderr + longer.stderr
    assert "[you have 15 seconds to answer]" in normal.stdout
    assert "[you have 30 seconds to answer]" in longer.stdout and "15 seconds" not in longer.stdout
