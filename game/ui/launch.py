"""Opening the game window, kept apart from the command line so start-up imports only the UI."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pygame

from game.storage.locations import data_folder, default_library
from game.storage.save_folder import folder_problem

from .app import App, AppConfig

LOG = logging.getLogger(__name__)
LOG_NAME = "composure.log"
# SDL falls back to these when it finds no display: set_mode then "works" and the window is invisible.
WINDOWLESS_DRIVERS = frozenset({"offscreen", "dummy"})
NO_WINDOW = (
    "Composure could not open its window: {reason}.\n"
    "It needs a graphical display. Without one you can still play in the terminal:\n"
    "    python3 main.py play scenarios/angry-walk-in.yaml --text"
)
STOPPED = "Composure stopped because of an unexpected error ({name}).\n{details}"


def open_game(data: str | None = None) -> int:
    """The game window on the data folder (`data`: the --data option); warnings and errors also go
    to `composure.log` there, for bug reports.

    The log starts first, so that an error while the game starts (its settings, its first frame)
    is in it with its traceback too; the player is told in one line where to find it. A folder
    that cannot be written is said at once, on the terminal and on the title, and play goes on."""
    folder = data_folder(data)
    unkept = folder_problem(folder)
    log_file = start_log(None if unkept else folder)
    reason = display_problem()
    if reason is not None:
        print(NO_WINDOW.format(reason=reason), file=sys.stderr)
        return 1
    if unkept:
        print(unkept, file=sys.stderr)
    try:
        return open_and_run(folder, unkept)
    except Exception as problem:  # the last boundary: logged in full, then a short word and a failing exit
        LOG.exception("the game stopped on an unexpected error")
        pygame.quit()
        details = f"The details are in {log_file}." if log_file else "The details are above."
        print(STOPPED.format(name=type(problem).__name__, details=details), file=sys.stderr)
        return 1


def open_and_run(folder: Path, unkept: str) -> int:
    """`unkept`: why nothing can be kept in `folder`, shown on the title unless settings have more to say."""
    try:
        app = App(AppConfig(scenarios=default_library(), saves=folder))
    except pygame.error as problem:  # a display was found, yet the window would not open on it
        pygame.quit()
        print(NO_WINDOW.format(reason=f"the display refused it (SDL: {problem})"), file=sys.stderr)
        return 1
    app.notice = app.notice or unkept
    return app.run()


def start_log(folder: Path | None) -> Path | None:
    """Warnings and errors to the terminal and to the log file in `folder` (None: the terminal only);
    returns the file, if it could be opened."""
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    log_file: Path | None = None
    if folder is not None:
        candidate = folder / LOG_NAME
        try:
            if not candidate.exists() or candidate.is_file():  # opening a pipe there would wait for a reader
                handlers.append(logging.FileHandler(candidate, encoding="utf-8"))
                log_file = candidate
        except OSError:  # a folder that went read-only since it was checked: the terminal only
            pass
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s", handlers=handlers
    )
    return log_file


def display_problem() -> str | None:
    """Why no visible window can open, or None; asked before the window and the sounds are made.

    While SDL probes for a display it prints its own complaints (e.g. about Wayland) straight to
    file descriptor 2. They are held back, and passed on only when a display was found after all,
    so that on a machine without one our message is all the trainer sees.
    """
    with tempfile.TemporaryFile() as held:
        with stderr_into(held):
            reason = probe_display()
        if reason is None:
            held.seek(0)
            sys.stderr.write(held.read().decode(errors="replace"))
    return reason


def probe_display() -> str | None:
    """Starts pygame's display and keeps it when it can show a window; otherwise says why not."""
    try:
        pygame.display.init()
    except pygame.error as problem:  # e.g. SDL_VIDEODRIVER names a driver this SDL lacks
        return f"no video driver could start (SDL: {problem})"
    driver = pygame.display.get_driver()
    if usable_display(driver, os.environ.get("SDL_VIDEODRIVER")):
        return None
    pygame.display.quit()
    return f"no graphical display was found (SDL chose its '{driver}' driver, which shows nothing)"


def usable_display(driver: str, asked_for: str | None) -> bool:
    """Whether SDL's chosen driver shows a window, or is a windowless one that was asked for by name.

    `SDL_VIDEODRIVER=dummy` is how screenshots and tests run without a screen, so it must still
    open; the same driver picked by SDL as a last resort would run an invisible game for ever.
    """
    asked = {name.strip().lower() for name in (asked_for or "").split(",")}
    return driver.lower() not in WINDOWLESS_DRIVERS or driver.lower() in asked


@contextmanager
def stderr_into(sink: IO[bytes]) -> Iterator[None]:
    """File descriptor 2 (where C libraries write) goes to `sink` for the duration."""
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no standard error at all (e.g. a windowed launcher): nothing to hold back
        yield
        return
    os.dup2(sink.fileno(), 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
