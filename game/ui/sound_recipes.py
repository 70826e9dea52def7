"""What the game's five short sounds are: tones and soft noise, worked out sample by sample.

Synthesis in pure Python takes tens of milliseconds, too long for start-up, so the game plays
WAV files made from these recipes once (`python3 -m game.ui.sound_files` writes them to
assets/sounds/, and a test checks that the files there are still exactly what the recipes make).
"""

from __future__ import annotations

import array
import math
import random
import sys
from collections.abc import Callable
from pathlib import Path

from game.storage.locations import REPOSITORY

SOUND_FOLDER = REPOSITORY / "assets" / "sounds"  # where the game finds the files these recipes make
RATE = 22050  # samples per second: plenty for short blips, and small files
PEAK = 0.35 * 32767  # noticeable, yet quiet enough for an open-plan training room
ATTACK = 0.005  # seconds of fade-in, so no blip starts with a click

Samples = list[float]  # mono, -1.0 to 1.0


def file_for(folder: Path, name: str) -> Path:
    return folder / f"{name}.wav"


def pcm(name: str) -> bytes:
    """The sound as mono, signed 16-bit little-endian samples (a WAV file's byte order)."""
    samples = array.array("h", (round(max(-1.0, min(1.0, sample)) * PEAK) for sample in RECIPES[name](RATE)))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()


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
NAMES = tuple(RECIPES)
