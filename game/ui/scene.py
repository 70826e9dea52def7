"""What every screen is: it handles intents, updates with time, and draws; draw changes nothing.

A screen leaves for another by returning a move (navigation.py) from `handle` or `update`.
"""

from __future__ import annotations

import pygame

from .host import Host
from .intents import Intent
from .navigation import Navigation


class Scene:
    name = "scene"  # used for screenshot file names and tests

    def __init__(self, app: Host) -> None:
        self.app = app

    def handle(self, intent: Intent) -> Navigation | None:
        """React to one intent from the player; a move to go to another screen."""
        return None

    def update(self, dt: float) -> Navigation | None:
        """Advance animations and timers by `dt` seconds; a move when time runs out on this screen."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the whole screen from the current state; never change state here."""

    def relayout(self) -> None:
        """The window size or the theme changed: recompute positions."""

    def watch(self) -> Navigation | None:
        """Look at the files this screen shows (the App asks about once a second): reload what changed."""
        return None

    def frame_interval(self) -> float | None:
        """Seconds until this scene needs a new frame without input: 0 while animating, None when idle."""
        return None
