"""The chart of overall scores: the grade lines where the engine's grading changes, one point per
attempt at its score, the latest kept when there are too many, and each found under the pointer."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from game.engine import grade_for
from game.storage.settings import Settings
from game.ui.chart import y_for
from game.ui.palette import mix
from game.ui.score_chart import (
    ScorePoint,
    attempt_at,
    capacity,
    draw_score_chart,
    grade_floors,
    layout_score_chart,
)
from game.ui.theme import Theme, grade_color

RECT = pygame.Rect(0, 0, 720, 300)


@pytest.fixture(params=[False, True], ids=["normal", "high-contrast"])
def theme(request: pytest.FixtureRequest) -> Iterator[Theme]:
    pygame.font.init()
    yield Theme(Settings(high_contrast=request.param), (1280, 720))


def points(count: int) -> list[ScorePoint]:
    scores = [(7 + 37 * i) % 101 for i in range(count)]
    return [ScorePoint(1 + i % 4, f"Scenario {1 + i % 4}", score, grade_for(score)) for i, score in enumerate(scores)]


def test_the_grade_lines_sit_where_the_grade_changes() -> None:
    floors = grade_floors()
    assert floors == (45, 60, 75, 90)
    assert all(grade_for(floor) != grade_for(floor - 1) for floor in floors)
    assert [grade_for(floor) for floor in floors] == ["D", "C", "B", "A"]


def test_each_attempt_is_a_point_at_its_score_left_to_right(theme: Theme) -> None:
    shown = points(9)
    chart = layout_score_chart(theme, RECT, shown)
    layout = chart.layout
    assert chart.first == 0 and len(layout.points) == len(shown)
    assert [x for x, _ in layout.points] == sorted({x for x, _ in layout.points})
    assert [y for _, y in layout.points] == [y_for(layout.plot, point.overall) for point in shown]
    for index, point in enumerate(layout.points):
        assert attempt_at(chart, point) == index
    assert attempt_at(chart, (RECT.right + 40, RECT.bottom + 40)) is None


def test_too_many_attempts_keep_the_latest_apart(theme: Theme) -> None:
    many = points(3 * capacity(theme, RECT.width))
    chart = layout_score_chart(theme, RECT, many)
    layout = chart.layout
    assert chart.first == len(many) - capacity(theme, RECT.width) and len(layout.points) == len(many) - chart.first
    assert [y for _, y in layout.points] == [y_for(layout.plot, point.overall) for point in many[chart.first :]]
    gaps = [b[0] - a[0] for a, b in zip(layout.points, layout.points[1:], strict=False)]
    assert min(gaps) >= 2 * layout.radius
    assert attempt_at(chart, layout.points[0]) == chart.first, "found by its place among all the attempts"


def test_drawn_the_grade_lines_are_faint_and_the_points_wear_their_grade(theme: Theme) -> None:
    surface = pygame.Surface(RECT.size)
    palette = theme.palette
    surface.fill(palette.panel)
    shown = [ScorePoint(1, "One", 95, "A"), ScorePoint(2, "Two", 10, "E")]
    chart = layout_score_chart(theme, RECT, shown)
    draw_score_chart(surface, theme, chart, shown, selected=0)
    plot = chart.layout.plot
    faint = mix(palette.panel, palette.muted, 0.25)
    for floor in grade_floors():
        assert tuple(surface.get_at((plot.centerx, y_for(plot, floor))))[:3] == faint
    for point, at in zip(shown, chart.layout.points, strict=True):
        inside = (at[0] - chart.layout.radius + 3, at[1])  # clear of the number drawn in the middle
        assert tuple(surface.get_at(inside))[:3] == grade_color(theme, point.grade)
    assert grade_color(theme, "A") == palette.good and grade_color(theme, "E") == palette.bad
