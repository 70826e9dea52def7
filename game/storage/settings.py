"""The player's settings, remembered in `saves/settings.json`.

A missing file means defaults, and so does a missing field: a file written before a setting
existed still reads, and an older game ignores a field it does not know, so adding a setting
keeps the version. An unreadable file, whatever is wrong with it (damaged, too deep for the
JSON reader, huge, a pipe or a device in its place, not ours to read), is set aside (never
deleted) with a message for the player, and the game carries on with defaults.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from game.engine import TIME_LIMITS

from .atomic import remove_leftovers, set_aside, write_atomically
from .bounded import SMALL_FILE_BYTES, UnreadableFile, read_bounded

LOG = logging.getLogger(__name__)
FILE_NAME = "settings.json"
VERSION = 1
TEXT_SIZES = ("small", "medium", "large", "largest")
TEXT_SPEEDS = ("slow", "normal", "fast", "instant")
CHARACTERS_PER_SECOND = (25.0, 50.0, 100.0, 0.0)  # 0: the whole line at once
CHOSEN_FROM = {"text_size": TEXT_SIZES, "text_speed": TEXT_SPEEDS, "time_limits": TIME_LIMITS}  # index fields


@dataclass(frozen=True, slots=True)
class Settings:
    text_size: int = 1  # index into TEXT_SIZES
    text_speed: int = 1  # index into TEXT_SPEEDS
    high_contrast: bool = False
    fullscreen: bool = False
    sound: bool = True
    reduced_intensity: bool = False  # no shaking or flashing, softer shouting
    play_test: bool = False  # for trainers: each answer's effects, the node and flags, a jump list
    time_limits: int = 1  # index into TIME_LIMITS: normal; off, or longer, for who needs it (WCAG 2.2.1)

    @property
    def characters_per_second(self) -> float:
        return CHARACTERS_PER_SECOND[self.text_speed]

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class LoadedSettings:
    settings: Settings
    message: str = ""  # for the player, when the file could not be used


def load_settings(folder: Path) -> LoadedSettings:
    path = folder / FILE_NAME
    if folder.is_dir():
        remove_leftovers(path)
    if not os.path.lexists(path):
        return LoadedSettings(Settings())
    try:
        return LoadedSettings(_from_dict(json.loads(read_bounded(path, SMALL_FILE_BYTES).decode("utf-8"))))
    except (UnreadableFile, ValueError, TypeError, RecursionError) as problem:  # RecursionError: [[[[...
        try:
            moved = set_aside(path)
        except OSError:
            return LoadedSettings(Settings(), f"Your settings could not be read ({problem}); using defaults.")
        LOG.warning("settings file %s unreadable (%s); moved to %s", path, problem, moved)
        return LoadedSettings(Settings(), f"Your settings could not be read; the file was kept as {moved.name}.")


def save_settings(folder: Path, settings: Settings) -> None:
    data = {"version": VERSION, **asdict(settings)}
    write_atomically(folder / FILE_NAME, (json.dumps(data, indent=2) + "\n").encode("utf-8"))


def _from_dict(data: Any) -> Settings:
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError("not a settings file of this version")
    values: dict[str, Any] = {}
    for field in fields(Settings):
        if field.name not in data:
            continue
        value = data[field.name]
        if field.type == "bool" and not isinstance(value, bool):
            raise TypeError(f"'{field.name}' must be true or false")
        if field.type == "int" and (not isinstance(value, int) or isinstance(value, bool)):
            raise TypeError(f"'{field.name}' must be a whole number")
        values[field.name] = value
    settings = Settings(**values)
    for name, options in CHOSEN_FROM.items():
        if not 0 <= getattr(settings, name) < len(options):
            raise ValueError(f"'{name}' is out of range")
    return settings
