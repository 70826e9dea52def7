"""Opening the game window, kept apart from the command line so start-up imports only the UI."""

from __future__ import annotations

from game.storage.locations import SAVES, default_library

from .app import App, AppConfig


def open_game() -> int:
    return App(AppConfig(scenarios=default_library(), saves=SAVES)).run()
