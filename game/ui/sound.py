"""The game's few short sounds, synthesised at start-up: no sound files, nothing downloaded.

Sound is a courtesy, never a requirement. A machine with no audio device (a training-room PC,
a test runner) gets one log line and a silent game, never an error.
"""

from __future__ import annotations

import array
import logging
import math
import random
from collections.abc import Callable
from functools import cache

import pygame

from game.storage.settings import Settings

LOG = logging.getLogger(__name__)
NAMES = ("select", "anger_up", "anger_down", "timer", "end")
FREQUENCY = 22050
PEAK = 0.35 * 32767  # noticeable, yet quiet enough for an open-plan training room
REDUCED_VOLUME = 0.5  # reduced intensity also means softer sounds
ATTACK = 0.005  # seconds of fade-in, so no blip starts with a click

Samples = list[float]  # mono, -1.0 to 1.0


class Sound:
    """Plays the named sounds when the player has sound on and the machine can play it."""

    def __init__(self, settings: Settings, open_device: bool = True) -> None:
        """`open_device=False` makes a silent stand-in, for the moments before the device is opened."""
        self.on = settings.sound
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        try:
            self._sounds = _build_all() if open_device else {}
        except Exception as problem:  # no device, no driver, no mixer module: play silently
            LOG.warning("sound is off: the audio device could not be opened (%s)", problem)
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


def _build_all() -> dict[str, pygame.mixer.Sound]:
    """Open the mixer in 16-bit samples and turn every recipe into a playable sound."""
    pygame.mixer.init(
        frequency=FREQUENCY,
        size=-16,
        channels=1,
        buffer=512,
        allowedchanges=pygame.AUDIO_ALLOW_FREQUENCY_CHANGE | pygame.AUDIO_ALLOW_CHANNELS_CHANGE,
    )
    opened = pygame.mixer.get_init()
    if opened is None:
        raise pygame.error("the mixer did not start")
    rate, size, channels = opened
    if size != -16:
        raise pygame.error(f"the mixer opened with {size}-bit samples, not 16-bit")
    return {name: pygame.mixer.Sound(buffer=_pcm(name, rate, channels)) for name in NAMES}


@cache
def _pcm(name: str, rate: int, channels: int) -> bytes:
    """The sound as signed 16-bit samples, the same on every channel. Cached: a restarted game
    window (or a test building many) reuses the synthesis."""
    pcm = array.array("h")
    for sample in RECIPES[name](rate):
        value = round(max(-1.0, min(1.0, sample)) * PEAK)
        pcm.extend([value] * channels)
    return pcm.tobytes()


def _tone(rate: int, start_hz: float, end_hz: float, seconds: float, square: bool = False) -> Samples:
    """A tone gliding from one pitch to another, fading in quickly and dying away."""
    count = int(rate * seconds)
    phase = 0.0
    out: Samples = []
    for i in range(count):
        phase += 2 * math.pi * (start_hz + (end_hz - start_hz) * i / count) / rate
        wave = math.sin(phase)
        if square:  # a rounded square: buzzier than a sine, without a square's harsh edges
            wave = math.tanh(4 * wave) * 0.6
        out.append(wave * _envelope(i / rate, seconds))
    return out


def _noise(rate: int, seconds: float, smoothness: float = 0.85) -> Samples:
    """Low-passed noise: a soft brush rather than a hiss. Seeded, so every run sounds the same."""
    draw = random.Random(20).uniform
    level = 0.0
    out: Samples = []
    for i in range(int(rate * seconds)):
        level = smoothness * level + (1 - smoothness) * draw(-1.0, 1.0)
        out.append(level * 3 * _envelope(i / rate, seconds))
    return out


def _envelope(t: float, seconds: float) -> float:
    return min(1.0, t / ATTACK) * (1 - t / seconds) ** 2


def _mix(*parts: tuple[float, float, Samples], rate: int) -> Samples:
    """Add (start seconds, gain, samples) parts into one buffer."""
    length = max(int(start * rate) + len(samples) for start, _, samples in parts)
    out = [0.0] * length
    for start, gain, samples in parts:
        offset = int(start * rate)
        for i, sample in enumerate(samples):
            out[offset + i] += gain * sample
    return out


RECIPES: dict[str, Callable[[int], Samples]] = {
    # a light blip under every menu choice
    "select": lambda rate: _mix((0, 0.6, _tone(rate, 880, 900, 0.06)), rate=rate),
    # a low, falling buzz: the customer is getting angrier
    "anger_up": lambda rate: _mix(
        (0, 0.7, _tone(rate, 220, 165, 0.24, square=True)), (0, 0.25, _noise(rate, 0.12)), rate=rate
    ),
    # a rising, rounded two-step: the customer is calming down
    "anger_down": lambda rate: _mix(
        (0, 0.6, _tone(rate, 440, 470, 0.12)), (0.09, 0.6, _tone(rate, 587, 660, 0.2)), rate=rate
    ),
    # a soft tick for the last seconds of a timed answer
    "timer": lambda rate: _mix((0, 0.4, _noise(rate, 0.035, 0.5)), (0, 0.35, _tone(rate, 1320, 1320, 0.03)), rate=rate),
    # a gentle three-note arpeggio at the end of a conversation
    "end": lambda rate: _mix(
        (0, 0.45, _tone(rate, 523, 523, 0.5)),
        (0.12, 0.45, _tone(rate, 659, 659, 0.5)),
        (0.24, 0.45, _tone(rate, 784, 784, 0.6)),
        rate=rate,
    ),
}
