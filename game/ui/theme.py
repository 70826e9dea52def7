"""Colours, fonts and spacing, derived from the settings and the window size.

Everything that draws asks the theme; nothing hard-codes a colour or a pixel size, so the
high-contrast theme, the text size setting and window resizing reach every screen.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pygame

from game.storage.settings import Settings

Color = tuple[int, int, int]
BASE_HEIGHT = 720
TEXT_SCALES = (0.85, 1.0, 1.2, 1.45)
LOG = logging.getLogger(__name__)
# Pixel sizes of Atkinson Hyperlegible, whose x-height at these sizes matches the old default font's.
ROLE_SIZES = {"small": 15, "body": 19, "heading": 26, "title": 42}
BOLD_ROLES = frozenset({"heading", "title"})
FONT_PACKAGE = "fontpkg_atkinson_hyperlegible"
FONT_FILES = {  # (bold, italic): the file in the package's files/ folder
    (False, False): "AtkinsonHyperlegible-Regular.ttf",
    (True, False): "AtkinsonHyperlegible-Bold.ttf",
    (False, True): "AtkinsonHyperlegible-Italic.ttf",
    (True, True): "AtkinsonHyperlegible-BoldItalic.ttf",
}


@dataclass(frozen=True, slots=True)
class Palette:
    background: Color
    panel: Color
    panel_edge: Color
    text: Color
    muted: Color
    accent: Color
    focus: Color
    button: Color
    button_hover: Color
    button_text: Color
    disabled: Color
    good: Color
    bad: Color
    calm: Color
    annoyed: Color
    angry: Color
    furious: Color
    skin: Color
    hair: Color
    shirt: Color


NORMAL = Palette(
    background=(34, 40, 49),
    panel=(48, 56, 68),
    panel_edge=(78, 90, 106),
    text=(236, 239, 244),
    muted=(168, 178, 192),
    accent=(94, 179, 232),
    focus=(255, 204, 77),
    button=(62, 74, 92),
    button_hover=(80, 96, 118),
    button_text=(240, 242, 246),
    disabled=(110, 116, 126),
    good=(111, 201, 134),
    bad=(236, 112, 99),
    calm=(96, 184, 120),
    annoyed=(226, 192, 68),
    angry=(232, 132, 56),
    furious=(214, 64, 56),
    skin=(224, 178, 140),
    hair=(74, 52, 40),
    shirt=(214, 178, 52),
)

HIGH_CONTRAST = Palette(
    background=(0, 0, 0),
    panel=(0, 0, 0),
    panel_edge=(255, 255, 255),
    text=(255, 255, 255),
    muted=(230, 230, 230),
    accent=(0, 255, 255),
    focus=(255, 255, 0),
    button=(0, 0, 0),
    button_hover=(40, 40, 40),
    button_text=(255, 255, 255),
    disabled=(150, 150, 150),
    good=(0, 255, 0),
    bad=(255, 90, 90),
    calm=(0, 230, 0),
    annoyed=(255, 255, 0),
    angry=(255, 160, 0),
    furious=(255, 60, 60),
    skin=(240, 200, 160),
    hair=(120, 90, 60),
    shirt=(255, 220, 0),
)


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
def _font(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    data = _font_files().get((bold, italic))
    if data is None:
        return _fallback_font(size, italic)
    return pygame.font.Font(io.BytesIO(data), size)


def _fallback_font(size: int, italic: bool) -> pygame.font.Font:
    """pygame-ce's bundled FreeSans Bold at the same size (`Font(None, size)` alone would shrink
    it to 0.6875 of that), slanted for italic."""
    font = pygame.font.Font(None, size)
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

    def font(self, role: str, italic: bool = False) -> pygame.font.Font:
        """Regular for body and small text, bold for headings and titles; italic for narration."""
        return _font(max(12, round(ROLE_SIZES[role] * self.text_scale)), role in BOLD_ROLES, italic)

    def px(self, value: float) -> int:
        """A length in pixels, scaled like everything else."""
        return max(1, round(value * self.scale))

    def text(
        self, text: str, role: str = "body", color: Color | None = None, width: int = 0, italic: bool = False
    ) -> pygame.Surface:
        """Rendered text, wrapped to `width` by pygame-ce itself (0: one line)."""
        return _render(text, self.font(role, italic), color or self.palette.text, max(0, width))


@lru_cache(maxsize=512)
def _render(text: str, font: pygame.font.Font, color: Color, width: int) -> pygame.Surface:
    return font.render(text, True, color, None, width)


def anger_band(anger: int) -> str:
    """The word that goes with the meter, so it reads without colour."""
    return "calm" if anger < 25 else "annoyed" if anger < 50 else "angry" if anger < 75 else "furious"


def band_color(palette: Palette, anger: int) -> Color:
    color: Color = getattr(palette, anger_band(anger))
    return color


def mix(a: Color, b: Color, t: float) -> Color:
    """A colour `t` of the way from `a` to `b`: shades for drawn art, derived from the palette."""
    t = max(0.0, min(1.0, t))
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))
