"""The settings screen: every change applies at once, so the trainee sees what they chose.

A list of rows (rows.py): each setting is a stepper showing its value as a word between two
arrows, and Back leaves. The App saves, re-themes and lays out every screen on each change.
"""

from __future__ import annotations

import pygame

from game.engine import TIME_LIMITS
from game.storage.settings import TEXT_SIZES, TEXT_SPEEDS

from ..host import Host
from ..theme import Theme
from .rows import BACK, Row, RowsScene

ON_OFF = ("Off", "On")
TIME_LIMIT_WORDS = {"off": "Off", "normal": "Normal", "1.5x": "1.5x longer", "2x": "2x longer"}

ROWS = (
    Row("text_size", "Text size", tuple(size.capitalize() for size in TEXT_SIZES)),
    Row("text_speed", "Text speed", tuple(speed.capitalize() for speed in TEXT_SPEEDS)),
    Row(
        "time_limits",
        "Time limits",
        tuple(TIME_LIMIT_WORDS[limits] for limits in TIME_LIMITS),
        "Time to answer a waiting customer. Off: take your time.",
    ),
    Row("high_contrast", "High-contrast theme", ON_OFF),
    Row("fullscreen", "Fullscreen", ON_OFF, "F11 switches it anywhere in the game."),
    Row("sound", "Sound", ON_OFF),
    Row("reduced_intensity", "Reduced intensity", ON_OFF, "No shaking or flashing; shouting is shown more softly."),
    Row("play_test", "Play-test view", ON_OFF, "For trainers: what each answer does before it is picked. F2 anywhere."),
    Row(BACK, "Back"),
)


class SettingsScene(RowsScene):
    name = "settings"
    title = "Settings"
    subtitle = "Changes take effect at once and are remembered."
    hint = "Up/Down or Tab: choose a setting. Left/Right: change it. Enter or click: next value. Esc: back."

    def __init__(self, app: Host) -> None:
        super().__init__(app, ROWS)

    def value(self, row: Row) -> int:
        return int(getattr(self.app.settings, row.key))

    def change(self, row: Row, index: int) -> None:
        """Apply at once: the App saves, re-themes and relayouts every screen."""
        value = bool(index) if isinstance(getattr(self.app.settings, row.key), bool) else index
        self.app.apply_settings(self.app.settings.with_changes(**{row.key: value}))

    def _note(self, row: Row) -> str:
        """The row's note; for sound, also say when this machine cannot play any."""
        if row.key == "sound" and self.app.sound_checked and not self.app.sound.available:
            return "No sound device was found, so the game stays silent."
        return row.note

    def footer(self, theme: Theme, column: int) -> list[pygame.Surface]:
        """The key hint, and above it any message about the settings file."""
        lines = super().footer(theme, column)
        if self.app.notice:
            lines.insert(0, theme.text(self.app.notice, "small", theme.palette.bad, column))
        return lines
