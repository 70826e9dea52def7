"""Where the game keeps its files: `saves/` by default, `--data DIR` or COMPOSURE_DATA to move it,
run as a trainer runs it (`python3 main.py ...` in a subprocess, the window under SDL's dummy
drivers); a folder that cannot be written is said plainly and the game still opens."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.storage.locations import DATA_VARIABLE, SAVES, data_folder
from game.storage.save_folder import folder_problem
from tests.cli.test_cli import python, run
from tests.paths import ROOT
from tests.storage.hostile import HANG_SECONDS
from tests.storage.test_saves import read_only

DAMAGED_SETTINGS = b"{ not settings"


def test_the_option_wins_then_the_variable_then_saves_next_to_the_game(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATA_VARIABLE, raising=False)
    assert data_folder() == SAVES == ROOT / "saves"
    monkeypatch.setenv(DATA_VARIABLE, "")
    assert data_folder() == SAVES, "an empty variable is no variable"
    monkeypatch.setenv(DATA_VARIABLE, "/srv/composure")
    assert data_folder() == Path("/srv/composure")
    assert data_folder("/mnt/shared/composure") == Path("/mnt/shared/composure")
    monkeypatch.setenv(DATA_VARIABLE, "~/composure")
    assert data_folder() == Path.home() / "composure"


def test_a_folder_that_can_be_written_is_made_and_has_no_problem(tmp_path: Path) -> None:
    assert folder_problem(tmp_path / "new" / "data") == ""
    assert (tmp_path / "new" / "data").is_dir()
    assert list((tmp_path / "new" / "data").iterdir()) == [], "the check leaves nothing behind"


def test_a_folder_where_a_file_stands_is_a_problem_in_a_sentence(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    problem = folder_problem(tmp_path / "notes.txt" / "data")
    assert problem == (
        "Nothing you do can be kept: a file stands where its folder should be "
        f"({tmp_path / 'notes.txt' / 'data'}). You can still play; to keep your progress, "
        "start Composure with --data and a folder it may write in."
    )
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_a_read_only_folder_is_a_problem_in_a_sentence(tmp_path: Path) -> None:
    with read_only(tmp_path):
        problem = folder_problem(tmp_path)
    assert problem.startswith(f"Nothing you do can be kept: Composure is not allowed to write in {tmp_path}.")


def test_help_tells_of_the_data_folder() -> None:
    done = run("--help")
    assert done.returncode == 0
    assert "--data DIR" in done.stdout and "COMPOSURE_DATA" in done.stdout


@pytest.mark.parametrize("arguments", [["--data"], ["--data="], ["--data", ""]])
def test_data_without_a_folder_says_what_it_needs(arguments: list[str]) -> None:
    done = run(*arguments)
    assert done.returncode == 2
    assert done.stderr == "main.py: --data needs a folder, as in: python3 main.py --data /shared/composure\n"


def test_the_window_alone_does_not_load_the_command_line_tools() -> None:
    """`python3 main.py` must open fast: the tools' imports (analysis, graphs) are not its business."""
    probe = (
        "import sys, runpy; sys.argv = ['main.py', '--data', sys.argv[1]];"
        "import game.ui.launch as launch; launch.open_game = lambda data=None: 0;"
        "runpy.run_path('main.py', run_name='__main__')"
    )
    done = python("-X", "importtime", "-c", probe, "unused")
    assert done.returncode == 0, done.stderr
    assert "game.tools" not in done.stderr


def open_window(frames: Path, *arguments: str, **environment: str) -> subprocess.Popen[str]:
    """`python3 main.py ...` with the window under SDL's dummy drivers, run from `frames`, where SDL
    saves each frame the game shows as a BMP: the first one means the game is open and playing."""
    env = {k: v for k, v in os.environ.items() if k != DATA_VARIABLE}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", SDL_VIDEO_DUMMY_SAVE_FRAMES="1", **environment)
    frames.mkdir(exist_ok=True)
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *arguments],
        cwd=frames,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def shown_then_closed(game: subprocess.Popen[str], frames: Path) -> str:
    """Waits for the game's first frame, then stops it as a logout does (SIGTERM); it must close
    cleanly. Returns what it said on standard error."""
    deadline = time.monotonic() + HANG_SECONDS  # a hang guard, not a speed limit
    while not any(frames.glob("*.bmp")) and game.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    game.send_signal(signal.SIGTERM)
    _, stderr = game.communicate(timeout=HANG_SECONDS)
    assert "Traceback" not in stderr, stderr
    assert game.returncode == 0, stderr
    return stderr


@pytest.mark.parametrize("form", ["--data DIR", "--data=DIR", "COMPOSURE_DATA=DIR"])
def test_the_game_opens_on_the_data_folder_and_logs_there(tmp_path: Path, form: str) -> None:
    folder = tmp_path / "shared drive" / "composure"
    folder.mkdir(parents=True)
    (folder / "settings.json").write_bytes(DAMAGED_SETTINGS)  # renamed aside as the game opens on it
    frames = tmp_path / "frames"
    if form == "--data DIR":
        game = open_window(frames, "--data", str(folder))
    elif form == "--data=DIR":
        game = open_window(frames, f"--data={folder}")
    else:
        game = open_window(frames, **{DATA_VARIABLE: str(folder)})
    shown_then_closed(game, frames)
    [kept] = sorted(folder.glob("settings.json.unreadable-*"))
    assert kept.read_bytes() == DAMAGED_SETTINGS
    assert kept.name in (folder / "composure.log").read_text(encoding="utf-8"), "the log is in the data folder"


def test_a_folder_that_cannot_be_made_is_said_and_the_game_still_opens(tmp_path: Path) -> None:
    (tmp_path / "a file").write_text("keep me", encoding="utf-8")
    folder = tmp_path / "a file" / "composure"
    stderr = shown_then_closed(open_window(tmp_path / "frames", "--data", str(folder)), tmp_path / "frames")
    assert f"Nothing you do can be kept: a file stands where its folder should be ({folder})." in stderr
    assert (tmp_path / "a file").read_text(encoding="utf-8") == "keep me"
