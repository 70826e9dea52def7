"""Writes the sound recipes to WAV files, for the game to load instead of synthesising at start-up.

Run `python3 -m game.ui.sound_files` after changing a recipe in `sound_recipes.py`, and commit the
files it writes; a test fails while the committed files differ from what the recipes make.
"""

from __future__ import annotations

import io
import sys
import wave
from pathlib import Path

from game.storage.atomic import write_atomically

from .sound_recipes import NAMES, RATE, SOUND_FOLDER, file_for, pcm


def wav_bytes(name: str) -> bytes:
    """The sound as a whole WAV file: mono, 16-bit, at the recipes' rate."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm(name))
    return buffer.getvalue()


def write_all(folder: Path) -> list[Path]:
    """Write every sound's file into `folder`, each atomically, replacing what was there."""
    written = []
    for name in NAMES:
        path = file_for(folder, name)
        write_atomically(path, wav_bytes(name))
        written.append(path)
    return written


def main() -> int:
    for path in write_all(SOUND_FOLDER):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
