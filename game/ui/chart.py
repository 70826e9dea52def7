"""The debrief's anger chart: the meter over the conversation, one numbered point per answer.

Placement is pure arithmetic on a rect (`layout_chart`, tested without drawing); drawing
only reads the layout. Point 0 is the anger before the first answer; point i (1-based)
is the anger after answer i, numbered like the transcript. When the numbers do not fit inside
the points (many answers, the largest text), they can stand in a row under the plot instead,
as many as fit without touching, the selected one always among them (`numbers_below`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import pygame

from .palette import Color, mix
from .theme import Theme, anger_band, band_color

BANDS = (0, 25, 50, 75, 100)  # the meter's words change at these values (theme.anger_band)
TICKS = (0, 50, 100)
TITLE = "Anger over the conversation"


@dataclass(frozen=True, slots=True)
class ChartLayout:
    rect: pygame.Rect  # the whole chart, labels included
    plot: pygame.Rect  # anger 0..100 bottom to top, the start to the last answer left to right
    radius: int
    numbered: bool  # the answer numbers fit inside the points
    points: tuple[tuple[int, int], ...]  # the start, then one per answer
    threshold_y: int | None  # the walk-out line
    band_labels: bool  # room for "calm" ... "furious" on the right
    legend_top: int  # the walk-out legend's top: beside the title, or under it when narrow
    numbers_top: int | None = None  # the top of the row of answer numbers under the plot, if any


def x_for(plot: pygame.Rect, index: int, count: int) -> int:
    """Points spread evenly from the plot's left edge to its right edge."""
    if count <= 1:
        return plot.centerx
    return plot.left + round(plot.width * index / (count - 1))


def y_for(plot: pygame.Rect, anger: int) -> int:
    return plot.bottom - round(plot.height * max(0, min(100, anger)) / 100)


def layout_chart(
    theme: Theme, rect: pygame.Rect, curve: Sequence[int], walks_out_at: int | None, numbers_below: bool = False
) -> ChartLayout:
    """Where everything goes; `numbers_below` keeps a row under the plot for the answer numbers
    when they do not fit inside the points."""
    small = theme.font("small")
    label_height = small.get_linesize()
    axis_width = small.size("100")[0] + theme.px(8)
    band_width = small.size("furious")[0] + theme.px(10)
    band_labels = rect.width > axis_width + band_width + theme.px(220) and rect.height > 4 * label_height * 2.2
    wanted = max(theme.px(9), round(label_height * 0.62))
    inner = rect.width - axis_width - (band_width if band_labels else 0)
    spacing = (inner - 2 * wanted) / max(1, len(curve) - 1)
    numbered = spacing >= 2 * wanted + theme.px(3)
    radius = wanted if numbered else max(theme.px(3), min(wanted, round(spacing * 0.3)))
    legend_width = small.size(legend_text(walks_out_at or 100))[0] + theme.px(40)
    beside = small.size(TITLE)[0] + theme.px(24) + legend_width <= rect.width or walks_out_at is None
    legend_top = rect.top if beside else rect.top + label_height
    top = legend_top + label_height + theme.px(8) + radius
    below = label_height + theme.px(4) if numbers_below and not numbered else 0
    plot = pygame.Rect(
        rect.left + axis_width + radius,
        top,
        max(1, inner - 2 * radius),
        max(1, rect.bottom - radius - below - top),
    )
    points = tuple((x_for(plot, i, len(curve)), y_for(plot, anger)) for i, anger in enumerate(curve))
    threshold = y_for(plot, walks_out_at) if walks_out_at is not None else None
    numbers_top = rect.bottom - label_height if below else None
    return ChartLayout(rect, plot, radius, numbered, points, threshold, band_labels, legend_top, numbers_top)


def legend_text(walks_out_at: int) -> str:
    return f"walks out at {walks_out_at}"


def answer_at(layout: ChartLayout, pos: tuple[int, int], slack: int = 4) -> int | None:
    """The 0-based answer whose point is under `pos` (the start point is not an answer)."""
    reach = layout.radius + slack
    for index, (x, y) in enumerate(layout.points[1:]):
        if (pos[0] - x) ** 2 + (pos[1] - y) ** 2 <= reach * reach:
            return index
    return None


def draw_chart(
    surface: pygame.Surface,
    theme: Theme,
    layout: ChartLayout,
    curve: Sequence[int],
    walks_out_at: int | None,
    selected: int | None = None,
    shown: float = 1.0,
) -> None:
    """The chart, with answers up to `shown` (0..1 of them, for the reveal) and `selected` ringed."""
    palette, plot = theme.palette, layout.plot
    _draw_frame(surface, theme, layout, walks_out_at)
    count = len(layout.points)
    visible = max(1, min(count, 1 + round((count - 1) * shown)))
    points = layout.points[:visible]
    if len(points) > 1:
        pygame.draw.lines(surface, palette.text, False, points, theme.px(3))
    for index, (point, anger) in enumerate(zip(points, curve, strict=False)):
        if index == 0:
            pygame.draw.aacircle(surface, palette.panel, point, layout.radius * 2 // 3)
            pygame.draw.aacircle(surface, palette.text, point, layout.radius * 2 // 3, theme.px(2))
            continue
        draw_point(surface, theme, layout, index, point, band_color(palette, anger), index - 1 == selected)
    if layout.numbers_top is not None:
        _draw_numbers(surface, theme, layout, visible - 1, selected)
    elif selected is not None and 0 <= selected < visible - 1 and not layout.numbered:
        draw_tag(surface, theme, str(selected + 1), points[selected + 1], plot)


def numbers_shown(theme: Theme, layout: ChartLayout, count: int, selected: int | None) -> list[tuple[int, pygame.Rect]]:
    """The answers (0-based) numbered in the row under the plot, with each number's rect: every
    answer when they fit, else every second, third..., the selected one always, none touching."""
    top = layout.numbers_top
    if top is None:
        return []
    gap, small = theme.px(6), theme.font("small")

    def rect_of(answer: int) -> pygame.Rect:
        width = small.size(str(answer + 1))[0]
        return pygame.Rect(layout.points[answer + 1][0] - width // 2, top, width, small.get_linesize())

    rects = {answer: rect_of(answer) for answer in range(count)}
    widest = max((r.width for r in rects.values()), default=0)
    spacing = (layout.points[-1][0] - layout.points[0][0]) / max(1, len(layout.points) - 1)
    every = max(1, -int(-(widest + gap) // max(1.0, spacing)))  # ceil: a number and a gap per `every` points
    chosen = [selected] if selected is not None and 0 <= selected < count else []
    for answer in range(every - 1, count, every):  # numbered 1-based, so every-th from `every`
        clear = all(not rects[answer].inflate(gap, 0).colliderect(rects[other]) for other in chosen)
        if clear and answer not in chosen:
            chosen.append(answer)
    return sorted((answer, rects[answer]) for answer in chosen)


def _draw_numbers(surface: pygame.Surface, theme: Theme, layout: ChartLayout, count: int, selected: int | None) -> None:
    for answer, rect in numbers_shown(theme, layout, count, selected):
        color = theme.palette.focus if answer == selected else theme.palette.muted
        surface.blit(theme.text(str(answer + 1), "small", color), rect)


def _draw_frame(surface: pygame.Surface, theme: Theme, layout: ChartLayout, walks_out_at: int | None) -> None:
    palette, plot, rect = theme.palette, layout.plot, layout.rect
    band_share = 0.3 if palette.panel == (0, 0, 0) else 0.2
    for low, high in pairwise(BANDS):
        band = pygame.Rect(plot.left, y_for(plot, high), plot.width, y_for(plot, low) - y_for(plot, high))
        color = band_color(palette, low)
        pygame.draw.rect(surface, mix(palette.panel, color, band_share), band)
        if layout.band_labels:
            word = theme.text(anger_band(low), "small", palette.muted)  # its band's colour is right beside it
            surface.blit(word, word.get_rect(midleft=(plot.right + layout.radius + theme.px(8), band.centery)))
    for tick in TICKS:
        y = y_for(plot, tick)
        label = theme.text(str(tick), "small", palette.muted)
        surface.blit(label, label.get_rect(midright=(plot.left - layout.radius - theme.px(6), y)))
    pygame.draw.line(surface, palette.panel_edge, plot.bottomleft, plot.bottomright, theme.px(2))
    pygame.draw.line(surface, palette.panel_edge, plot.topleft, plot.bottomleft, theme.px(2))
    title = theme.text(TITLE, "small", palette.muted)
    surface.blit(title, rect.topleft)
    if layout.threshold_y is not None and walks_out_at is not None:
        clear = layout.radius + theme.px(8)  # the line stops short of a point (and its ring) it would cross
        gaps = [(x - clear, x + clear) for x, y in layout.points if abs(y - layout.threshold_y) <= clear]
        _dashed(surface, palette.bad, (plot.left, layout.threshold_y), plot.right, theme.px(2), theme.px(8), gaps)
        legend = theme.text(legend_text(walks_out_at), "small", palette.bad)
        legend_rect = legend.get_rect(topright=(rect.right, layout.legend_top))
        sample = (legend_rect.left - theme.px(34), legend_rect.centery)
        _dashed(surface, palette.bad, sample, legend_rect.left - theme.px(6), theme.px(2), theme.px(6))
        surface.blit(legend, legend_rect)


def draw_point(
    surface: pygame.Surface,
    theme: Theme,
    layout: ChartLayout,
    number: int,
    point: tuple[int, int],
    fill: Color,
    selected: bool,
) -> None:
    palette = theme.palette
    if selected:
        pygame.draw.aacircle(surface, palette.focus, point, layout.radius + theme.px(4), theme.px(3))
    pygame.draw.aacircle(surface, fill, point, layout.radius)
    pygame.draw.aacircle(surface, palette.background, point, layout.radius, theme.px(1))
    if layout.numbered:
        label = theme.text(str(number), "small", palette.background)  # the darkest colour, on a bright fill
        surface.blit(label, label.get_rect(center=(point[0], point[1] + 1)))


def draw_tag(surface: pygame.Surface, theme: Theme, text: str, point: tuple[int, int], plot: pygame.Rect) -> None:
    """The selected answer's number beside its point, when numbers do not fit inside."""
    label = theme.text(text, "small", theme.palette.focus)
    rect = label.get_rect(midbottom=(point[0], point[1] - theme.px(10)))
    if rect.top < plot.top - theme.px(4):
        rect = label.get_rect(midtop=(point[0], point[1] + theme.px(10)))
    chip = rect.inflate(theme.px(8), 0)  # on the panel's colour, whichever band or line is behind
    pygame.draw.rect(surface, theme.palette.panel, chip, border_radius=theme.px(4))
    surface.blit(label, rect)


def _dashed(
    surface: pygame.Surface,
    color: Color,
    start: tuple[int, int],
    end_x: int,
    width: int,
    dash: int,
    gaps: Sequence[tuple[int, int]] = (),
) -> None:
    """A dashed line from `start` to `end_x`, left out where it would cross the `gaps` (x ranges)."""
    x, y = start
    while x < end_x:
        right = min(end_x, x + dash)
        if not any(low < right and x < high for low, high in gaps):
            pygame.draw.line(surface, color, (x, y), (right, y), width)
        x += 2 * dash
