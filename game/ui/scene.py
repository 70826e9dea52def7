"""What every screen is: it handles intents, updates with time, and draws; draw changes nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from .intents import Intent

if TYPE_CHECKING:
    from .app import App


class Scene:
    name = "scene"  # used for screenshot file names and tests

    def __init__(self, app: App) -> None:
        self.app = app

    def handle(self, intent: Intent) -> None:
        """React to one intent from the player."""

    def update(self, dt: float) -> None:
        """Advance animations and timers by `dt` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the whole screen from the current state; never change state here."""

    def relayout(self) -> None:
        """The window size or the theme changed: recompute positions."""

    def frame_interval(self) -> float | None:
        """Seconds until this scene needs a new frame without input: 0 while animating, None when idle."""
        return None
