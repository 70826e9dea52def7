"""The colours of both themes, and the shades derived from them that the screens draw with."""

from __future__ import annotations

from dataclasses import dataclass

Color = tuple[int, int, int]


def mix(a: Color, b: Color, t: float) -> Color:
    """A colour `t` of the way from `a` to `b`: shades for drawn art, derived from the palette."""
    t = max(0.0, min(1.0, t))
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


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

    @property
    def key_cap(self) -> Color:
        """Behind a key's name in the key hints."""
        return mix(self.background, self.panel_edge, 0.4)

    @property
    def tinted_panel(self) -> Color:
        """A panel washed with the accent: the chat's header and your messages, the top of the phone's screen."""
        return mix(self.panel, self.accent, 0.3)


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
