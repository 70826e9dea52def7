"""The pure parts of the picker and the debrief: chart placement, scrolling, rewinding, the
library's cards, and a debrief laid out without overlaps at every size and text size."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pytest

from game.engine.judging.scoring import result
from game.engine.model import Scenario
from game.engine.playing.session import TIMEOUT, Session
from game.storage.scenario_files import load_library, load_scenario
from game.storage.settings import Settings
from game.tools.autoplay import play_out
from game.ui.chart import answer_at, layout_chart, legend_text, numbers_shown, x_for, y_for
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.picker import cards_of
from game.ui.scroll import Scroller
from game.ui.theme import TEXT_SCALES, Theme

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
WALK_IN = SCENARIOS / "angry-walk-in.yaml"
SIZES = ((960, 540), (1280, 720), (1920, 1080))
SEEDS = range(8)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(WALK_IN)


@pytest.fixture
def theme() -> Iterator[Theme]:
    pygame.font.init()
    yield Theme(Settings(), (1280, 720))


def played(scenario: Scenario, seed: int) -> Session:
    return play_out(Session.start(scenario, seed), "random", seed)


# -- the chart -------------------------------------------------------------------------------
def test_points_run_from_the_plot_s_left_to_its_right_edge_at_their_anger(scenario: Scenario, theme: Theme) -> None:
    for seed in SEEDS:
        curve = result(played(scenario, seed)).anger_curve
        layout = layout_chart(theme, pygame.Rect(20, 30, 480, 300), curve, 95)
        plot = layout.plot
        assert layout.rect.contains(plot)
        assert len(layout.points) == len(curve)
        assert layout.points[0][0] == plot.left and layout.points[-1][0] == plot.right
        xs = [x for x, _ in layout.points]
        assert xs == sorted(set(xs)), "one column per answer, left to right"
        for (_, y), anger in zip(layout.points, curve, strict=True):
            assert y == y_for(plot, anger)
            assert plot.top <= y <= plot.bottom
        assert layout.threshold_y == y_for(plot, 95)


def test_anger_maps_0_to_the_bottom_and_100_to_the_top() -> None:
    plot = pygame.Rect(10, 50, 200, 100)
    assert (y_for(plot, 0), y_for(plot, 50), y_for(plot, 100)) == (150, 100, 50)
    assert y_for(plot, 140) == 50 and y_for(plot, -5) == 150  # clamped, never off the chart
    assert [x_for(plot, i, 5) for i in range(5)] == [10, 60, 110, 160, 210]
    assert x_for(plot, 0, 1) == plot.centerx


def test_each_answer_s_point_is_found_under_the_pointer(scenario: Scenario, theme: Theme) -> None:
    curve = result(played(scenario, 17)).anger_curve
    layout = layout_chart(theme, pygame.Rect(0, 0, 500, 320), curve, 95)
    for answer, point in enumerate(layout.points[1:]):
        assert answer_at(layout, point) == answer
    assert answer_at(layout, layout.points[0]) is None, "the start is not an answer"
    assert answer_at(layout, (layout.rect.right + 50, layout.rect.bottom + 50)) is None


def test_a_crowded_chart_drops_the_numbers_but_keeps_points_apart(theme: Theme) -> None:
    curve = [(i * 37) % 101 for i in range(25)]
    layout = layout_chart(theme, pygame.Rect(0, 0, 300, 200), curve, None)
    assert not layout.numbered and layout.threshold_y is None
    gaps = [b[0] - a[0] for a, b in zip(layout.points, layout.points[1:], strict=False)]
    assert min(gaps) >= 2 * layout.radius


@pytest.mark.parametrize("size", SIZES)
def test_at_the_largest_text_every_number_shown_is_readable_and_clear(size: tuple[int, int]) -> None:
    """Inside the points while they fit, else in a row under the plot: as many as fit without
    touching, the selected one always; and no point or its ring reaches the walk-out legend."""
    pygame.font.init()
    theme = Theme(Settings(text_size=len(TEXT_SCALES) - 1), size)
    small = theme.font("small")
    rect = pygame.Rect(0, 0, round(size[0] * 0.3), round(size[1] * 0.35))
    for count in (2, 6, 10, 16, 30):
        curve = [(i * 41 + 60) % 101 for i in range(count + 1)]
        layout = layout_chart(theme, rect, curve, 95, numbers_below=True)
        legend = small.size(legend_text(95))
        legend_rect = pygame.Rect(
            rect.right - legend[0] - theme.px(34), layout.legend_top, legend[0] + theme.px(34), legend[1]
        )
        for x, y in layout.points:
            ring = layout.radius + theme.px(4) + theme.px(3)
            assert not legend_rect.colliderect(pygame.Rect(x - ring, y - ring, 2 * ring, 2 * ring)), (count, (x, y))
        if layout.numbered:
            assert small.size(str(count))[0] <= 2 * layout.radius, "the widest number fits inside its point"
            continue
        for selected in (None, 0, count // 2, count - 1):
            shown = numbers_shown(theme, layout, count, selected)
            answers = [answer for answer, _ in shown]
            assert selected is None or selected in answers
            assert len(shown) >= min(count, 4), "most numbers, or every other one, still show"
            for (_, first), (_, second) in pairwise(shown):
                assert first.right + theme.px(4) <= second.left, (count, selected, "numbers touch")
            for _, place in shown:
                assert rect.contains(place) and place.top > layout.plot.bottom + layout.radius - theme.px(2)


# -- rewinding -------------------------------------------------------------------------------
def test_rewinding_to_an_answer_restores_the_moment_before_it(scenario: Scenario) -> None:
    for seed in SEEDS:
        session = played(scenario, seed)
        for index, step in enumerate(session.history):
            restored = session.rewound(index)
            assert restored.history == session.history[:index]
            assert not restored.finished
            assert restored.place == step.node
            assert restored.anger == step.anger_before
            assert tuple(sorted(restored.flags)) == step.flags_before
            assert (restored.seed, restored.temperament) == (session.seed, session.temperament)
            if step.choice == TIMEOUT:
                restored.timeout()
            else:
                restored.choose_id(step.choice)
            assert restored.history[-1].anger_after == step.anger_after, "the same answer does the same again"


# -- scrolling -------------------------------------------------------------------------------
def test_the_scroller_reveals_what_gets_focus_and_stays_in_range() -> None:
    scroller = Scroller()
    scroller.set_content(pygame.Rect(0, 100, 400, 300), 1000)
    assert scroller.max_offset == 700
    scroller.reveal(500, 600)
    assert scroller.target == 300, "just enough to show its bottom"
    scroller.reveal(100, 200)
    assert scroller.target == 100, "back up to show its top"
    scroller.reveal(0, 900)
    assert scroller.target == 0, "taller than the view: its top first"
    scroller.scroll(-10_000)
    assert scroller.target == 700
    scroller.update(10.0)
    assert scroller.top == 700 and not scroller.moving
    assert scroller.to_content((10, 100)) == (10, 700)
    assert scroller.to_content((10, 99)) is None


def test_wrapped_text_is_drawn_a_whole_line_at_a_time() -> None:
    surface = pygame.Surface((100, 100))
    surface.fill((0, 0, 0))
    text = pygame.Surface((50, 40))  # four lines of 10 pixels
    text.fill((255, 255, 255))
    scroller = Scroller()
    scroller.set_content(pygame.Rect(0, 20, 100, 35), 200)
    scroller.blit_text(surface, text, (0, -5), 10)  # lines at 15, 25, 35, 45 on screen; view is 20..55
    painted = [y for y in range(100) if surface.get_at((10, y))[0] == 255]
    assert painted == list(range(25, 55)), "the line cut by the top edge and the one below the view are left out"


# -- the picker's cards ----------------------------------------------------------------------
def test_a_broken_scenario_becomes_a_card_with_its_first_error(tmp_path: Path) -> None:
    for name in ("angry-walk-in.yaml", "principles.yaml"):
        shutil.copy(SCENARIOS / name, tmp_path / name)
    text = WALK_IN.read_text(encoding="utf-8").replace("id: angry-walk-in", "id: broken", 1)
    (tmp_path / "broken.yaml").write_text(text.replace("start: burst-in", "start: nowhere", 1), encoding="utf-8")
    cards = cards_of(load_library([tmp_path]))
    assert [card.title for card in cards] == ["The Letter in Red", "broken.yaml"]
    assert cards[0].scenario is not None and not cards[0].problem
    assert cards[1].scenario is None
    assert cards[1].problem.startswith("Line ") and "nowhere" in cards[1].problem


# -- the debrief's layout --------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text_size", [0, 3])
def test_the_debrief_fits_the_window_without_overlaps(
    make_app: AppFactory, scenario: Scenario, size: tuple[int, int], text_size: int
) -> None:
    app = make_app(size).app
    app.apply_settings(app.settings.with_changes(text_size=text_size, high_contrast=text_size == 3))
    app.push(DebriefScene(app, scenario, played(scenario, 17)))
    app.frame(1.0, [])
    debrief = app.top
    assert isinstance(debrief, DebriefScene) and debrief.layout is not None
    layout, screen = debrief.layout, app.screen.get_rect()
    buttons = [debrief.button_rect(action) for action in ("retry", "rewind", "menu")]
    regions = [layout.left, layout.right, *buttons]
    for index, region in enumerate(regions):
        assert screen.contains(region), region
        assert region.collidelist(regions[index + 1 :]) == -1, region
    assert layout.grade.bottom < layout.left.top and layout.grade.right <= screen.right
    assert layout.left.contains(layout.chart.rect) and layout.chart.plot.height > 40
    assert layout.right.contains(layout.viewport)
    assert len(layout.entries) >= len(debrief.result.reviews)
    cards = [tuple(block.text for block in entry.blocks) for entry in layout.entries if entry.answer is None]
    assert ("Why these scores", *debrief.result.reasons) in cards  # one sentence per score, and the overall
    assert debrief.result.ending.id == debrief.session.ending.id  # type: ignore[union-attr]
