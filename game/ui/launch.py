"""Opening the game window, kept apart from the command line so start-up imports only the UI."""

from __future__ import annotations

import logging
import sys

import pygame

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
    try:
        app = App(AppConfig(scenarios=default_library(), saves=SAVES))
    except pygame.error as problem:  # no display, or no usable video driver
        print(
            f"Composure could not open its window ({problem}).\n"
            "It needs a graphical display. Without one you can still play in the terminal:\n"
            "    python3 main.py play scenarios/angry-walk-in.yaml --text",
            file=sys.stderr,
        )
        return 1
    return app.run()
