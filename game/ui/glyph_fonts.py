"""The game font at one size and style, knowing which characters it has and which fonts stand in
for the rest (Noto, from the `manimgx-fonts` package, read once and never downloaded).

A missing or damaged package costs the stand-ins, not the game: one log line, and every character
the game font lacks is written as its name instead.
"""

from __future__ import annotations

import io
import logging
from functools import cached_property, lru_cache
from importlib import resources

import pygame

from game.storage.font import STANDIN_FILES, STANDIN_PACKAGE

from .glyph_table import characters

LOG = logging.getLogger(__name__)


class Face(pygame.font.Font):
    """A pygame font made from `data` (None: pygame's own default font), with its stand-ins at the
    same size, made when a text first needs them and dropped with the font."""

    def __init__(self, data: bytes | None, size: int, bold: bool = False, italic: bool = False) -> None:
        super().__init__(None if data is None else io.BytesIO(data), size)
        self.data = data
        self.standin_style = (bold, italic)

    @cached_property
    def characters(self) -> frozenset[str]:
        """What this font draws itself; a line break is laid out, never drawn."""
        return _characters(self.data) | {"\n"}

    @cached_property
    def fonts(self) -> tuple[pygame.font.Font, ...]:
        """This font, then each stand-in at its size and style (synthetic bold and slant: the Noto
        files are upright and regular)."""
        made: list[pygame.font.Font] = [self]
        for data in _standin_files():
            font = pygame.font.Font(io.BytesIO(data), self.point_size)
            font.bold, font.italic = self.standin_style
            made.append(font)
        return tuple(made)

    @cached_property
    def tables(self) -> tuple[frozenset[str], ...]:
        """The characters of each of `fonts`, in the same order."""
        return (self.characters, *(characters(data) for data in _standin_files()))


def _characters(data: bytes | None) -> frozenset[str]:
    return characters(_default_font() if data is None else data)


@lru_cache(maxsize=1)
def _default_font() -> bytes:
    return resources.files("pygame").joinpath(pygame.font.get_default_font()).read_bytes()


@lru_cache(maxsize=1)
def _standin_files() -> tuple[bytes, ...]:
    """Each stand-in font's file, or none at all if any is missing or unreadable."""
    try:
        folder = resources.files(STANDIN_PACKAGE)
        files = tuple(folder.joinpath(name).read_bytes() for name in STANDIN_FILES)
        for data in files:
            characters(data)
    except (ImportError, OSError, ValueError) as problem:
        LOG.warning("Cannot read the Noto fonts for emoji and symbols (%s); writing their names instead", problem)
        return ()
    return files
