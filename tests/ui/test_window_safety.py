"""The window under pressure: a fullscreen window told it is tiny, and SIGTERM or Ctrl+C while the game is busy."""

from __future__ import annotations

import os
import signal
import sys
from typing import TYPE_CHECKING

import pygame
import pytest

from game.ui.app import MINIMUM_SIZE
from game.ui.scenes.play import PlayScene
from tests.ui.conftest import resize_window

if TYPE_CHECKING:
    from tests.ui.conftest import Driver

FRAME_GUARD = 500  # frames a test may run before it counts as hung


@pytest.mark.parametrize("size", [(1, 1), (200, 100), (800, 480)])
def test_a_tiny_fullscreen_window_is_laid_out_at_least_at_the_minimum(game: Driver, size: tuple[int, int]) -> None:
    game.press("enter")
    game.press("enter")
    assert isinstance(game.top, PlayScene)
    game.press("f11")
    assert game.app.settings.fullscreen
    resize_window(size)
    game.frames(30)  # would raise on every frame below the minimum
    assert game.scene_is("play"), "and the player is still in the conversation"
    width, height = game.screen.get_size()
    assert width >= MINIMUM_SIZE[0] and height >= MINIMUM_SIZE[1]
    assert game.app.settings.fullscreen


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM cannot be sent to oneself there")
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl+C"])
def test_a_stop_signal_ends_the_loop_even_when_no_frame_reads_an_event(
    game: Driver, monkeypatch: pytest.MonkeyPatch, number: signal.Signals
) -> None:
    """Busy frames that never get to SDL's quit event: the handler ends the loop at the next frame boundary."""
    app = game.app
    before = signal.getsignal(number)
    frames = 0

    def busy_without_events(_clock: pygame.time.Clock) -> list[pygame.event.Event]:
        nonlocal frames
        frames += 1
        if frames == 5:
            os.kill(os.getpid(), number)
        if frames > FRAME_GUARD:
            app.running = False  # the guard: fail below instead of looping for ever
        return []

    monkeypatch.setattr(app, "_wait_for_events", busy_without_events)
    assert app.run() == 0
    assert frames <= 6, f"still running {frames - 5} frames after {number.name}"
    assert signal.getsignal(number) == before, "the previous handler is back"
