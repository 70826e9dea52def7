"""Opening the game window, kept apart from the command line so start-up imports only the UI."""

from __future__ import annotations

import logging

from game.storage.locations import SAVES, default_library

from .app import App, AppConfig

LOG_FILE = SAVES / "composure.log"


def open_game() -> int:
    """The game window; warnings and errors also go to `saves/composure.log` for bug reports."""
    try:
        SAVES.mkdir(parents=True, exist_ok=True)
        handlers: list[logging.Handler] = [logging.StreamHandler(), logging.FileHandler(LOG_FILE, encoding="utf-8")]
    except OSError:  # a read-only install still plays; the log then goes to the terminal only
        handlers = [logging.StreamHandler()]
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s", handlers=handlers
    )
    return App(AppConfig(scenarios=default_library(), saves=SAVES)).run()
