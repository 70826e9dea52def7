"""Which font draws each part of a line: the game font where it has the character, else the first
stand-in font that has it (Noto Emoji, then Noto Sans Symbols, then Noto Sans), else the character's
name in brackets, so a customer's emoji is never an empty box. Pure text, no pygame.

A character that only changes the one before it (a variation selector, a zero-width joiner, a
skin tone, an accent) stays in that character's run when the run's font has it, so SDL_ttf's
shaping can draw a whole emoji sequence, such as a family or a thumbs-up with a skin tone, as one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

GAME_FONT = 0  # index of the game font in the fonts a line is split over; the stand-ins follow it
JOINER = "\u200d"
SKIN_TONES = ("\U0001f3fb", "\U0001f3ff")  # first and last Fitzpatrick modifier
MARKS = frozenset({"Mn", "Me", "Mc", "Cf"})  # categories that draw nothing without the character before


@dataclass(frozen=True, slots=True)
class Run:
    """Part of a line drawn with one font: `font` indexes the fonts it was split over."""

    font: int
    text: str


def split(line: str, fonts: Sequence[frozenset[str]]) -> list[Run]:
    """`line` (no line breaks) as runs, each drawn by the first of `fonts` (character sets, the game
    font's first) that has its characters. A character none has is written as its name, in the
    game font; a mark whose letter's font lacks it is left out."""
    runs: list[tuple[int, list[str]]] = []
    previous, at, plain = "", 0, _plain(fonts[GAME_FONT])
    while at < len(line):
        stretch = plain.match(line, at) if previous != JOINER else None
        if stretch:  # nearly all of a line, found at C speed
            _append(runs, GAME_FONT, stretch.group())
            previous, at = line[stretch.end() - 1], stretch.end()
            continue
        char, at = line[at], at + 1
        if runs and _continues(char, previous) and char in fonts[runs[-1][0]]:
            runs[-1][1].append(char)
        elif unicodedata.category(char) in MARKS:
            pass  # drawn alone it would be a stray accent or nothing at all
        elif (font := _first_with(char, fonts)) is not None:
            _append(runs, font, char)
        else:
            _append(runs, GAME_FONT, name(char))
        previous = char
    return [Run(font, "".join(parts)) for font, parts in runs]


def name(char: str) -> str:
    """What stands for a character no font has: "[pile of poo]", or its code point if it has no name."""
    return f"[{unicodedata.name(char, f'u+{ord(char):04x}').lower()}]"


@lru_cache(maxsize=16)
def _plain(characters: frozenset[str]) -> re.Pattern[str]:
    """Stretches of characters the game font has that stand on their own (no marks, no skin tones)."""
    alone = {ord(char) for char in characters if not _continues(char, "") and char != "\n"}
    starts = sorted(code for code in alone if code - 1 not in alone)
    ends = sorted(code for code in alone if code + 1 not in alone)
    ranges = (f"{re.escape(chr(start))}-{re.escape(chr(end))}" for start, end in zip(starts, ends, strict=True))
    return re.compile("[" + "".join(ranges) + "]+")  # as ranges: eight times as fast to match as single characters


def _continues(char: str, previous: str) -> bool:
    """Whether `char` belongs with the character before it in one drawn cluster."""
    return previous == JOINER or unicodedata.category(char) in MARKS or SKIN_TONES[0] <= char <= SKIN_TONES[1]


def _first_with(char: str, fonts: Sequence[frozenset[str]]) -> int | None:
    return next((index for index, characters in enumerate(fonts) if char in characters), None)


def _append(runs: list[tuple[int, list[str]]], font: int, text: str) -> None:
    if runs and runs[-1][0] == font:
        runs[-1][1].append(text)
    else:
        runs.append((font, [text]))
