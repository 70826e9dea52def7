"""What a long run says on standard error: nothing while it is quick, then its stage at once on each
new stage and every few seconds within one. Driven by a clock the test moves, never by waiting."""

from __future__ import annotations

import io

from game.tools.progress import EVERY, Progress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_quiet_at_first_then_each_stage_and_every_few_seconds() -> None:
    clock, said = Clock(), io.StringIO()
    progress = Progress(said, "analyze", clock, quiet_for=2.0)
    progress.stage("exploring")
    clock.now += 1.9
    progress.tick()
    assert said.getvalue() == ""  # a quick run says nothing
    clock.now += 0.1
    progress.tick()
    assert said.getvalue() == "analyze: exploring (2 s so far)\n"
    clock.now += EVERY - 0.5
    progress.tick()
    assert said.getvalue().count("\n") == 1  # not yet due again
    progress.stage("playing 10 random games")  # a new stage is said at once
    clock.now += 0.5
    progress.tick()
    clock.now += EVERY
    progress.tick()
    assert said.getvalue().splitlines()[1:] == [
        "analyze: playing 10 random games (6 s so far)",
        "analyze: playing 10 random games (12 s so far)",
    ]


def test_the_watcher_stops_with_the_run() -> None:
    with Progress(io.StringIO(), "analyze") as progress:
        assert progress.watcher.is_alive()
    assert not progress.watcher.is_alive()
