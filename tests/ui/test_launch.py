"""`python main.py` on a machine without a display: our message at once, not an invisible window for ever."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator

import pygame
import pytest

from game.ui.launch import display_problem, stderr_into, usable_display
from tests.paths import ROOT

TERMINAL_PLAY = "python3 main.py play scenarios/angry-walk-in.yaml --text"
DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")


def open_the_game(**env: str) -> subprocess.CompletedProcess[str]:
    """`python main.py` as a person runs it, with no display variables but those given."""
    environment = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARIABLES}
    environment.update(SDL_AUDIODRIVER="dummy", **env)
    return subprocess.run(
        [sys.executable, "main.py"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=30, check=False
    )


def assert_told_to_use_the_terminal(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("Composure could not open its window: "), done.stderr  # before any SDL noise
    assert TERMINAL_PLAY in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="elsewhere SDL's own driver needs no DISPLAY")
def test_no_display_at_all_says_how_to_play_in_the_terminal() -> None:
    done = open_the_game()
    assert_told_to_use_the_terminal(done)
    assert "no graphical display was found" in done.stderr


def test_a_video_driver_that_cannot_start_says_how_to_play_in_the_terminal() -> None:
    done = open_the_game(SDL_VIDEODRIVER="no-such-video-driver")
    assert_told_to_use_the_terminal(done)
    assert "no video driver could start" in done.stderr


@pytest.mark.parametrize(
    "driver, asked_for, usable",
    [
        ("x11", None, True),
        ("wayland", "", True),
        ("offscreen", None, False),
        ("dummy", None, False),
        ("dummy", "offscreen", False),
        ("dummy", "dummy", True),
        ("offscreen", "OFFSCREEN", True),
        ("dummy", "x11, dummy", True),
    ],
)
def test_a_windowless_driver_is_usable_only_when_asked_for(driver: str, asked_for: str | None, usable: bool) -> None:
    assert usable_display(driver, asked_for) is usable


@pytest.fixture
def display_closed_after() -> Iterator[None]:
    pygame.quit()
    yield
    pygame.quit()


@pytest.mark.parametrize("driver", ["dummy", "offscreen"])
@pytest.mark.usefixtures("display_closed_after")
def test_a_windowless_driver_asked_for_by_name_still_opens(monkeypatch: pytest.MonkeyPatch, driver: str) -> None:
    monkeypatch.setenv("SDL_VIDEODRIVER", driver)
    assert display_problem() is None
    assert pygame.display.get_init() and pygame.display.get_driver() == driver


def test_what_c_libraries_print_while_held_goes_to_the_sink(capfd: pytest.CaptureFixture[str]) -> None:
    with tempfile.TemporaryFile() as sink:
        with stderr_into(sink):
            os.write(2, b"ALSA lib: cannot find card\n")
        os.write(2, b"after\n")
        sink.seek(0)
        assert sink.read() == b"ALSA lib: cannot find card\n"
    assert capfd.readouterr().err == "after\n"
