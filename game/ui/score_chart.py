"""The progress screen's chart: the overall score of every finished attempt, oldest on the left.

It stands on the debrief's anger chart (chart.py): the same 0-100 scale, point spacing and
numbered points, placed by `layout_chart`, so the two charts read alike. What differs is the
frame: faint lines where the grade changes (read from the engine's `grade_for`, so they move
if the grading does) with the letters beside them, points filled in their grade's colour and
numbered by scenario, and a thin line joining the attempts at one scenario, so a trainee sees
each one improve. When there are more attempts than fit, the latest are shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import pygame

from game.engine import grade_for

from .chart import TICKS, ChartLayout, draw_point, draw_tag, layout_chart, y_for
from .palette import mix
from .theme import Theme, grade_color

TITLE = "Overall score, attempt by attempt"
MIN_SPACING = 12  # scaled pixels between two points at the least, before older attempts are left out


@dataclass(frozen=True, slots=True)
class ScorePoint:
    """One finished attempt as the chart shows it."""

    number: int  # the scenario's number in the progress list, drawn in the point
    title: str  # the scenario's title, for the caption of a selected point
    overall: int
    grade: str


@dataclass(frozen=True, slots=True)
class ScoreChart:
    layout: ChartLayout
    first: int  # index of the first attempt shown: older ones did not fit


def grade_floors() -> tuple[int, ...]:
    """The overall scores where the grade changes (45, 60, 75, 90 today), from the engine's grading."""
    return tuple(score for score in range(1, 101) if grade_for(score) != grade_for(score - 1))


def capacity(theme: Theme, width: int) -> int:
    """How many attempts fit side by side in a chart this wide."""
    return max(2, width // theme.px(MIN_SPACING))


def layout_score_chart(theme: Theme, rect: pygame.Rect, points: Sequence[ScorePoint]) -> ScoreChart:
    first = max(0, len(points) - capacity(theme, rect.width))
    curve = [point.overall for point in points[first:]]
    return ScoreChart(layout_chart(theme, rect, curve, None), first)


def attempt_at(chart: ScoreChart, pos: tuple[int, int], slack: int = 4) -> int | None:
    """The index (into all the attempts) of the point under `pos`, or None."""
    layout = chart.layout
    reach = layout.radius + slack
    for index, (x, y) in enumerate(layout.points):
        if (pos[0] - x) ** 2 + (pos[1] - y) ** 2 <= reach * reach:
            return chart.first + index
    return None


def draw_score_chart(
    surface: pygame.Surface, theme: Theme, chart: ScoreChart, points: Sequence[ScorePoint], selected: int | None
) -> None:
    """The frame, a line per scenario through its attempts, then the points, `selected` ringed."""
    layout = chart.layout
    _draw_frame(surface, theme, layout, len(points) - chart.first, len(points))
    shown = points[chart.first :]
    joined: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
    for point, at in zip(shown, layout.points, strict=True):
        joined[point.number].append(at)
    line = mix(theme.palette.panel, theme.palette.muted, 0.55)
    for places in joined.values():
        if len(places) > 1:
            pygame.draw.lines(surface, line, False, places, theme.px(2))
    for index, (point, at) in enumerate(zip(shown, layout.points, strict=True)):
        chosen = chart.first + index == selected
        draw_point(surface, theme, layout, point.number, at, grade_color(theme, point.grade), chosen)
    if selected is not None and selected >= chart.first and not layout.numbered:
        draw_tag(surface, theme, str(points[selected].number), layout.points[selected - chart.first], layout.plot)


def _draw_frame(surface: pygame.Surface, theme: Theme, layout: ChartLayout, shown: int, total: int) -> None:
    palette, plot, rect = theme.palette, layout.plot, layout.rect
    faint = mix(palette.panel, palette.muted, 0.25)
    floors = grade_floors()
    for floor in floors:
        y = y_for(plot, floor)
        pygame.draw.line(surface, faint, (plot.left, y), (plot.right, y), theme.px(1))
    if layout.band_labels:
        for low, high in pairwise((0, *floors, 100)):
            letter = theme.text(grade_for(low), "small", palette.muted)
            middle = (y_for(plot, low) + y_for(plot, high)) // 2
            surface.blit(letter, letter.get_rect(midleft=(plot.right + layout.radius + theme.px(8), middle)))
    for tick in TICKS:
        label = theme.text(str(tick), "small", palette.muted)
        surface.blit(label, label.get_rect(midright=(plot.left - layout.radius - theme.px(6), y_for(plot, tick))))
    pygame.draw.line(surface, palette.panel_edge, plot.bottomleft, plot.bottomright, theme.px(2))
    pygame.draw.line(surface, palette.panel_edge, plot.topleft, plot.bottomleft, theme.px(2))
    title = TITLE if shown == total else f"{TITLE} (the latest {shown} of {total})"
    surface.blit(theme.text(title, "small", palette.muted, rect.width), rect.topleft)
