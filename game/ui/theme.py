"""Colours, fonts and spacing, derived from the settings and the window size.

Everything that draws asks the theme; nothing hard-codes a colour or a pixel size, so the
high-contrast theme, the text size setting and window resizing reach every screen.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from importlib import resources

import pygame

from game.storage.font import FONT_FILES, FONT_PACKAGE
from game.storage.settings import Settings

from .displayable import displayable
from .glyph_drawing import draw, measure
from .glyph_fonts import Face
from .palette import HIGH_CONTRAST, NORMAL, Color, Palette
from .surface_cache import surface_cache

BASE_HEIGHT = 720
TEXT_SCALES = (0.85, 1.0, 1.2, 1.45)
LOG = logging.getLogger(__name__)
# Pixel sizes of Atkinson Hyperlegible, whose x-height at these sizes matches the old default font's.
ROLE_SIZES = {"small": 15, "body": 19, "heading": 26, "title": 42}
BOLD_ROLES = frozenset({"heading", "title"})


@lru_cache(maxsize=1)
def _font_files() -> dict[tuple[bool, bool], bytes]:
    """Atkinson Hyperlegible (Braille Institute, OFL-1.1), designed so letters are evenly spaced and
    hard to confuse, read from its installed package: nothing is downloaded. A broken install costs
    the look, not the game: one warning, then pygame's own font."""
    try:
        folder = resources.files(FONT_PACKAGE).joinpath("files")
        return {style: folder.joinpath(name).read_bytes() for style, name in FONT_FILES.items()}
    except (ImportError, OSError) as problem:
        LOG.warning("Cannot read the Atkinson Hyperlegible fonts (%s); using pygame's default font", problem)
        return {}


@lru_cache(maxsize=64)
def _font(size: int, bold: bool = False, italic: bool = False) -> Face:
    data = _font_files().get((bold, italic))
    if data is None:
        return _fallback_font(size, bold, italic)
    return Face(data, size, bold, italic)


def _fallback_font(size: int, bold: bool, italic: bool) -> Face:
    """pygame-ce's bundled FreeSans Bold at the same size (`Font(None, size)` alone would shrink
    it to 0.6875 of that), slanted for italic."""
    font = Face(None, size, bold, italic)
    font.point_size = size
    font.italic = italic
    return font


class Theme:
    """Sizes grow with the window height and the text size setting."""

    def __init__(self, settings: Settings, size: tuple[int, int]) -> None:
        self.settings = settings
        self.size = size
        self.palette = HIGH_CONTRAST if settings.high_contrast else NORMAL
        self.scale = max(0.75, min(1.5, size[1] / BASE_HEIGHT))
        self.text_scale = self.scale * TEXT_SCALES[settings.text_size]

    def font(self, role: str, italic: bool = False) -> Face:
        """Regular for body and small text, bold for headings and titles; italic for narration."""
        return _font(max(12, round(ROLE_SIZES[role] * self.text_scale)), role in BOLD_ROLES, italic)

    def px(self, value: float) -> int:
        """A length in pixels, scaled like everything else."""
        return max(1, round(value * self.scale))

    def text(
        self, text: str, role: str = "body", color: Color | None = None, width: int = 0, italic: bool = False
    ) -> pygame.Surface:
        """Rendered text, wrapped to `width` (0: only at line breaks) and never wider. Any string gives
        a surface, made from its `displayable` form; one that draws nothing is 0 pixels wide. What
        the game font lacks (emoji, symbols) comes from a stand-in font or is written as its name."""
        return _render(displayable(text), self.font(role, italic), color or self.palette.text, max(0, width))

    def text_width(self, text: str, role: str = "body", italic: bool = False) -> int:
        """How wide one line of `text` is drawn by `text`: for screens that wrap text themselves."""
        return measure(displayable(text), self.font(role, italic))


@surface_cache(entries=1024, pixels=32_000_000)  # about 128 MB at most, however long or many the texts
def _render(text: str, font: Face, color: Color, width: int) -> pygame.Surface:
    """SDL_ttf refuses text that draws nothing ("Text has zero width": only zero-width marks, or
    none at all), so that becomes a blank as tall as its lines. Anything else it still refuses
    (out of memory) costs this one text, not the screen; `displayable` leaves nothing else."""
    if font.size(text.replace("\n", ""))[0] == 0:
        return _blank(text, font)
    try:
        return draw(text, font, color, width)
    except (pygame.error, ValueError) as problem:
        LOG.warning("could not draw the text %r: %s", text[:60], problem)
        return _blank(text, font)


def _blank(text: str, font: pygame.font.Font) -> pygame.Surface:
    return pygame.Surface((0, font.get_linesize() * (text.count("\n") + 1)), pygame.SRCALPHA)


def anger_band(anger: int) -> str:
    """The word that goes with the meter, so it reads without colour."""
    return "calm" if anger < 25 else "annoyed" if anger < 50 else "angry" if anger < 75 else "furious"


def band_color(palette: Palette, anger: int) -> Color:
    color: Color = getattr(palette, anger_band(anger))
    return color


GRADE_COLORS = {"A": "good", "B": "good", "C": "annoyed", "D": "angry", "E": "bad"}


def grade_color(theme: Theme, grade: str) -> Color:
    """A grade's colour, the same on the debrief's letter and the progress screen's chart and chips."""
    color: Color = getattr(theme.palette, GRADE_COLORS.get(grade, "accent"))
    return color
