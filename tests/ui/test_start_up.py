"""`python3 main.py` in a copy of the game, with its own saves folder: a poisoned settings file never
stops the start, and an error while starting is in the log with its traceback, not only on the terminal.

Every run has a hang guard (a timeout), and a started game is stopped with SIGTERM, as a logout would."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.paths import ROOT
from tests.storage.hostile import HANG_SECONDS, fifo, link_to_dev_zero, unix_only

pytestmark = unix_only

LOG = "composure.log"


def deep_brackets(path: Path) -> None:
    path.write_bytes(b"[" * 100_000)


POISONS: dict[str, Callable[[Path], None]] = {
    "100,000 nested brackets": deep_brackets,
    "named pipe": fifo,
    "link to /dev/zero": link_to_dev_zero,
}


@pytest.fixture
def installed(tmp_path: Path) -> Path:
    """The game as a player has it, in a folder of its own: its saves are not the repository's."""
    copy = tmp_path / "composure"
    copy.mkdir()
    for folder in ("game", "scenarios"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "main.py", copy / "main.py")
    (copy / "saves").mkdir()
    return copy


def start(game: Path) -> subprocess.Popen[str]:
    environment = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    return subprocess.Popen(
        [sys.executable, "main.py"],
        cwd=game,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(done: Callable[[], bool], game: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + HANG_SECONDS
    while not done():
        if game.poll() is not None:
            pytest.fail(f"the game ended with {game.returncode}:\n{game.communicate()[1]}")
        if time.monotonic() > deadline:
            game.kill()
            pytest.fail(f"nothing after {HANG_SECONDS} s: the start hangs")
        time.sleep(0.05)


def ended(game: subprocess.Popen[str]) -> str:
    """What the game printed on standard error once it ended; killed, and the test failed, if it does not."""
    try:
        return game.communicate(timeout=HANG_SECONDS)[1]
    except subprocess.TimeoutExpired:
        game.kill()
        pytest.fail(f"still running after {HANG_SECONDS} s:\n{game.communicate()[1][-2000:]}")


@pytest.mark.parametrize("poison", POISONS)
def test_a_poisoned_settings_file_is_set_aside_and_the_game_starts(installed: Path, poison: str) -> None:
    saves = installed / "saves"
    POISONS[poison](saves / "settings.json")
    before = os.lstat(saves / "settings.json")
    game = start(installed)
    wait_for(lambda: any(saves.glob("settings.json.unreadable-*")), game)
    game.send_signal(signal.SIGTERM)
    errors = ended(game)
    assert game.returncode == 0, errors
    [kept] = saves.glob("settings.json.unreadable-*")
    assert os.lstat(kept).st_ino == before.st_ino, "renamed, not copied or read"
    assert stat.S_IFMT(os.lstat(kept).st_mode) == stat.S_IFMT(before.st_mode)
    log = (saves / LOG).read_text(encoding="utf-8")
    assert f"moved to {kept}" in log
    assert "Traceback" not in log + errors


def test_a_pipe_in_place_of_the_log_does_not_block_the_start(installed: Path) -> None:
    """The log then goes to the terminal only; nothing waits for a reader of the pipe."""
    saves = installed / "saves"
    fifo(saves / LOG)
    deep_brackets(saves / "settings.json")  # something to log, and a sign that the game got going
    game = start(installed)
    wait_for(lambda: any(saves.glob("settings.json.unreadable-*")), game)
    game.send_signal(signal.SIGTERM)
    errors = ended(game)
    assert game.returncode == 0, errors
    assert "moved to" in errors
    assert stat.S_ISFIFO(os.lstat(saves / LOG).st_mode), "left as it was"


PLANTED = {  # the screen's module, and what in it breaks
    "making the window": ("title", "TitleScene.__init__"),  # the App pushes the title while it is made
    "the first frame": ("trainees", "TraineesScene.draw"),  # the first screen shown: who is practising
}


@pytest.mark.parametrize("where", PLANTED)
def test_an_error_while_starting_is_logged_with_its_traceback(installed: Path, where: str) -> None:
    """A bug planted in the copy's first screens: the game ends with a short message, not a loop of errors."""
    module, broken = PLANTED[where]
    with (installed / "game" / "ui" / "scenes" / f"{module}.py").open("a", encoding="utf-8") as screen:
        screen.write(
            "\n\ndef _planted(*_: object) -> None:\n"
            "    raise RuntimeError('a bug planted by the test')\n\n\n"
            f"{broken} = _planted\n"
        )
    game = start(installed)
    errors = ended(game)
    assert game.returncode == 1, errors
    log = (installed / "saves" / LOG).read_text(encoding="utf-8")
    assert "the game stopped on an unexpected error" in log
    assert "Traceback" in log and "RuntimeError: a bug planted by the test" in log
    assert errors.endswith(
        "Composure stopped because of an unexpected error (RuntimeError).\n"
        f"The details are in {installed / 'saves' / LOG}.\n"
    ), errors
    assert log.count("RuntimeError: a bug planted") == 1, "once, with its traceback: not an endless retry"
