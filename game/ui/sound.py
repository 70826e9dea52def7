"""The game's few short sounds, loaded from WAV files in assets/sounds/ that our own recipes made
(`sound_recipes.py`; `python3 -m game.ui.sound_files` writes them). Nothing is downloaded.

Sound is a courtesy, never a requirement. A machine with no audio device (a training-room PC,
a test runner) gets one log line and a silent game, never an error; a missing or damaged sound
file gets one log line too, and only that sound stays silent.
"""

from __future__ import annotations

import contextlib
import io
import logging
from pathlib import Path

import pygame

from game.storage.settings import Settings

from .sound_recipes import NAMES, RATE, SOUND_FOLDER, file_for

LOG = logging.getLogger(__name__)
REDUCED_VOLUME = 0.5  # reduced intensity also means softer sounds


class UnreadableSound(Exception):
    """A sound file that is missing or damaged; the message says which, in our own words."""


class Sound:
    """Plays the named sounds when the player has sound on and the machine can play it."""

    def __init__(self, settings: Settings, open_device: bool = True, folder: Path = SOUND_FOLDER) -> None:
        """`open_device=False` makes a silent stand-in, for the moments before the device is opened;
        `folder` holds one WAV file per sound name."""
        self.on = settings.sound
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        if open_device:
            try:
                _open_mixer()
            except Exception as problem:  # no device, no driver, no mixer module: play silently
                LOG.warning("sound is off: the audio device could not be opened (%s)", problem)
            else:
                self._sounds = _load_all(folder)
        self.apply(settings)

    @property
    def available(self) -> bool:
        return bool(self._sounds)

    def apply(self, settings: Settings) -> None:
        """Follow the player's settings: sound on or off, softer with reduced intensity."""
        self.on = settings.sound
        volume = REDUCED_VOLUME if settings.reduced_intensity else 1.0
        try:
            for sound in self._sounds.values():
                sound.set_volume(volume)
            if self._sounds and not self.on:
                pygame.mixer.stop()
        except pygame.error as problem:
            self._give_up(problem)

    def play(self, name: str) -> None:
        """Start `name`; nothing happens when sound is off or unavailable."""
        if name not in NAMES:
            raise ValueError(f"no sound called {name!r}; the sounds are {', '.join(NAMES)}")
        if not self.on or name not in self._sounds:
            return
        try:
            self._sounds[name].play()
        except pygame.error as problem:  # e.g. the device went away mid-game
            self._give_up(problem)

    def _give_up(self, problem: Exception) -> None:
        LOG.warning("sound is off: the audio device stopped working (%s)", problem)
        self._sounds = {}


def _open_mixer() -> None:
    """Ask for the files' own format; SDL converts the loaded sounds when the device wants another."""
    pygame.mixer.init(
        frequency=RATE,
        size=-16,
        channels=1,
        buffer=512,
        allowedchanges=pygame.AUDIO_ALLOW_FREQUENCY_CHANGE | pygame.AUDIO_ALLOW_CHANNELS_CHANGE,
    )


def _load_all(folder: Path) -> dict[str, pygame.mixer.Sound]:
    """Every sound whose file reads; one warning names all the files that do not."""
    sounds: dict[str, pygame.mixer.Sound] = {}
    problems = []
    for name in NAMES:
        try:
            sounds[name] = _load(file_for(folder, name))
        except UnreadableSound as problem:
            problems.append(str(problem))
    if problems:
        LOG.warning(
            "these sounds stay silent: %s (`python3 -m game.ui.sound_files` writes the files again)",
            "; ".join(problems),
        )
    return sounds


def _load(path: Path) -> pygame.mixer.Sound:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableSound(f"{path} is missing") from None
    except OSError:
        raise UnreadableSound(f"{path} cannot be read") from None
    if _is_whole_wav(data):
        with contextlib.suppress(pygame.error):
            return pygame.mixer.Sound(file=io.BytesIO(data))
    raise UnreadableSound(f"{path} is damaged or not a WAV file")


def _is_whole_wav(data: bytes) -> bool:
    """Whether the file is as long as its RIFF header says: SDL would play a file cut short (a copy
    that failed half-way) without a word, so the shortened sound would go unnoticed."""
    return data[:4] == b"RIFF" and data[8:12] == b"WAVE" and int.from_bytes(data[4:8], "little") + 8 == len(data)
