"""The anger meter: a value that eases towards the customer's anger, and its bar.

It reads without colour: the number, the band word and the walk-out mark are always written
out, and a change is shown as "+15" / "-10" for a moment after it happens.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import pygame

from .palette import mix
from .theme import Theme, anger_band, band_color

ANGER_MAX = 100
CHANGE_SHOWN = 1.6  # seconds a "+15" stays beside the number
BAND_EDGES = (25, 50, 75)


@dataclass(slots=True)
class Eased:
    """A number that glides to its target: fast at first, never overshooting, always arriving."""

    value: float
    target: float = math.nan  # nan: start at rest on `value`
    rate: float = 5.0  # share of the distance covered per second, roughly
    min_speed: float = 10.0  # units per second, so the last stretch does not crawl

    def __post_init__(self) -> None:
        if math.isnan(self.target):
            self.target = self.value

    @property
    def moving(self) -> bool:
        return self.value != self.target

    def update(self, dt: float) -> None:
        gap = self.target - self.value
        step = max(abs(gap) * (1 - math.exp(-self.rate * max(0.0, dt))), self.min_speed * max(0.0, dt))
        self.value = self.target if step >= abs(gap) else self.value + math.copysign(step, gap)


@dataclass(slots=True)
class AngerMeter:
    shown: Eased = field(default_factory=lambda: Eased(0.0))
    change: int = 0
    change_age: float = CHANGE_SHOWN

    @property
    def animating(self) -> bool:
        return self.shown.moving or self.change_age < CHANGE_SHOWN

    def jump(self, anger: int) -> None:
        """Show this anger at once, as at the start of a conversation."""
        self.shown = Eased(float(anger))
        self.change, self.change_age = 0, CHANGE_SHOWN

    def set(self, anger: int) -> None:
        """Glide to a new anger and show by how much it moved."""
        if anger != self.shown.target:
            self.change = anger - round(self.shown.target)
            self.change_age = 0.0
            self.shown.target = float(anger)

    def update(self, dt: float) -> None:
        self.shown.update(dt)
        self.change_age = min(CHANGE_SHOWN, self.change_age + max(0.0, dt))


def meter_height(theme: Theme) -> int:
    """Room the meter needs: a line of text, the bar, and the walk-out label under it."""
    return theme.font("body").get_linesize() + theme.px(40) + theme.font("small").get_linesize()


def meter_width(theme: Theme) -> int:
    """The narrowest the meter can be: its label beside the widest reading."""
    return _label(theme).get_width() + theme.px(12) + _widest_reading(theme.font("body"))


@lru_cache(maxsize=8)
def _widest_reading(font: pygame.font.Font) -> int:
    """Measured for every value once per font: digits differ in width, so no one value is the widest."""
    return max(font.size(_reading_text(value))[0] for value in range(ANGER_MAX + 1))


def draw_meter(
    surface: pygame.Surface, theme: Theme, rect: pygame.Rect, meter: AngerMeter, walks_out_at: int | None
) -> None:
    palette = theme.palette
    value = round(meter.shown.value)
    label, reading = _label(theme), _reading(theme, value)
    line, gap = theme.font("body").get_linesize(), theme.px(12)
    surface.blit(reading, reading.get_rect(topright=(rect.right, rect.y)))
    delta = None
    if meter.change and meter.change_age < CHANGE_SHOWN:
        fade = min(1.0, (CHANGE_SHOWN - meter.change_age) / 0.4)
        color = palette.bad if meter.change > 0 else palette.good
        delta = theme.text(f"{meter.change:+d}", "body", mix(palette.background, color, fade))
        surface.blit(delta, delta.get_rect(topright=(rect.right - reading.get_width() - gap, rect.y)))
    beside = rect.width - reading.get_width() - gap - (delta.get_width() + gap if delta else 0)
    if label.get_width() <= beside:  # a narrow meter lets the "+15" stand in the label's place a moment
        surface.blit(label, (rect.x, rect.y + (line - label.get_height()) // 2 + theme.px(2)))
    bar = pygame.Rect(rect.x, rect.y + line + theme.px(6), rect.width, theme.px(16))
    _draw_bar(surface, theme, bar, meter.shown.value, walks_out_at)


def _label(theme: Theme) -> pygame.Surface:
    return theme.text("ANGER", "small", theme.palette.muted)


def _reading(theme: Theme, value: int) -> pygame.Surface:
    return theme.text(_reading_text(value), "body")


def _reading_text(value: int) -> str:
    return f"{value} / {ANGER_MAX}  {anger_band(value)}"


def _draw_bar(surface: pygame.Surface, theme: Theme, bar: pygame.Rect, value: float, walks_out_at: int | None) -> None:
    palette = theme.palette
    radius = bar.height // 2
    pygame.draw.rect(surface, mix(palette.background, palette.panel_edge, 0.35), bar, border_radius=radius)
    if walks_out_at is not None:  # the danger zone past the walk-out mark, hatched so it reads without colour
        start = bar.x + round(bar.width * walks_out_at / ANGER_MAX)
        zone = pygame.Rect(start, bar.y, bar.right - start, bar.height)
        hatch = mix(palette.background, palette.furious, 0.45)
        previous_clip = surface.get_clip()
        surface.set_clip(zone.clip(previous_clip))
        step = theme.px(7)
        for x in range(zone.x - bar.height, zone.right + step, step):
            pygame.draw.line(surface, hatch, (x, bar.bottom), (x + bar.height, bar.y), theme.px(2))
        surface.set_clip(previous_clip)
    fill = bar.copy()
    fill.width = max(bar.height, round(bar.width * max(0.0, min(ANGER_MAX, value)) / ANGER_MAX))
    pygame.draw.rect(surface, band_color(palette, round(value)), fill, border_radius=radius)
    shine = pygame.Rect(
        fill.x + radius // 2, fill.y + theme.px(3), max(0, fill.width - radius), max(1, bar.height // 5)
    )
    pygame.draw.rect(
        surface, mix(band_color(palette, round(value)), (255, 255, 255), 0.35), shine, border_radius=radius
    )
    for edge in BAND_EDGES:  # where the band word changes
        x = bar.x + round(bar.width * edge / ANGER_MAX)
        pygame.draw.line(surface, palette.background, (x, bar.y + theme.px(3)), (x, bar.bottom - theme.px(4)), 1)
    pygame.draw.rect(surface, palette.panel_edge, bar, width=1, border_radius=radius)
    if walks_out_at is not None:
        _draw_threshold(surface, theme, bar, walks_out_at)


def _draw_threshold(surface: pygame.Surface, theme: Theme, bar: pygame.Rect, walks_out_at: int) -> None:
    palette = theme.palette
    x = bar.x + round(bar.width * walks_out_at / ANGER_MAX)
    top, bottom = bar.y - theme.px(5), bar.bottom + theme.px(5)
    pygame.draw.line(surface, palette.text, (x, top), (x, bottom), theme.px(3))
    notch = theme.px(5)
    pygame.draw.polygon(surface, palette.text, [(x - notch, bottom + notch), (x + notch, bottom + notch), (x, bottom)])
    label = theme.text(f"walks out at {walks_out_at}", "small", palette.muted)
    place = label.get_rect(midtop=(x, bottom + notch + theme.px(1)))
    if place.right > bar.right:  # no room to centre it under the mark: end it just before the notch
        place = label.get_rect(topright=(x - notch - theme.px(6), bottom))
    place.left = max(place.left, bar.left)
    surface.blit(label, place)
