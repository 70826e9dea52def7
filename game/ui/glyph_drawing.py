"""Text drawn from several fonts: the game font for what it has, stand-ins for emoji and symbols.

Text the game font draws whole (nearly all of it) goes straight to SDL_ttf as before, wrapping
included. Only a text with other characters is split into runs (see `glyphs.split`), wrapped here
by measuring each run with its own font, and put together line by line on the game font's
baseline and line height, every run in the text's colour.
"""

from __future__ import annotations

import pygame

from .glyph_fonts import Face
from .glyphs import GAME_FONT, Run, split
from .palette import Color
from .reveal import Span, wrap


def draw(text: str, face: Face, color: Color, width: int) -> pygame.Surface:
    """`text` wrapped to `width` (0: only at line breaks); never wider than `width`."""
    if text.isascii() or face.characters.issuperset(text):
        return face.render(text, True, color, None, width)
    lines = [split(line, face.tables) for line in text.split("\n")]
    if all(run.font == GAME_FONT for line in lines for run in line):  # no stand-in needed: names at most
        return face.render("\n".join(map(_joined, lines)), True, color, None, width)
    if width:
        lines = [split(span.text, face.tables) for line in lines for span in _wrapped(_joined(line), face, width)]
    return _assembled(lines, face, color, width)


def measure(text: str, face: Face) -> int:
    """The width of one line of `text` as `draw` draws it: what a screen wrapping text itself
    (the play screen's typed-out line) must measure with, since a stand-in's emoji is wider than
    the game font's box for it."""
    if text.isascii() or face.characters.issuperset(text):
        return int(face.size(text)[0])
    return _width(split(text, face.tables), face)


def _wrapped(line: str, face: Face, width: int) -> list[Span]:
    """The play screen's word wrap, measuring each run with its own font."""
    return wrap(line, width, lambda part: measure(part, face))


def _joined(line: list[Run]) -> str:
    return "".join(run.text for run in line)


def _width(line: list[Run], face: Face) -> int:
    return sum(int(face.fonts[run.font].size(run.text)[0]) for run in line)


def _assembled(lines: list[list[Run]], face: Face, color: Color, width: int) -> pygame.Surface:
    """Each line's runs side by side, every run's baseline on the game font's; cut at `width`."""
    height = face.get_linesize()
    drawn = [[_run_surface(run, face, color) for run in line] for line in lines]
    widest = max(sum(surface.get_width() for surface, _ in line) for line in drawn)
    surface = pygame.Surface((min(widest, width) if width else widest, height * len(lines)), pygame.SRCALPHA)
    for row, line in enumerate(drawn):
        x = 0
        for part, ascent in line:
            surface.blit(part, (x, row * height + face.get_ascent() - ascent))
            x += part.get_width()
    return surface


def _run_surface(run: Run, face: Face, color: Color) -> tuple[pygame.Surface, int]:
    font = face.fonts[run.font]
    if font.size(run.text)[0] == 0:  # only marks SDL_ttf would refuse to draw alone
        return pygame.Surface((0, 0), pygame.SRCALPHA), 0
    return font.render(run.text, True, color), font.get_ascent()
