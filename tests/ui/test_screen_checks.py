"""The screen checks can fail: each catches a deliberately broken layout drawn by a test-only
screen, and lets the same screen pass once it is drawn right. The answers check catches a play
screen whose keys and wheel do not scroll."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pytest

from game.storage.settings import TEXT_SIZES, Settings, save_settings
from game.ui.intents import Intent, Move, Scroll
from game.ui.navigation import Navigation
from game.ui.scene import Scene
from game.ui.scenes.play import PlayScene
from game.ui.theme import Theme
from tests.ui.screens_checks import Frame, problems
from tests.ui.screens_drawn import draw_recorded, watching
from tests.ui.screens_tour import reachable, scenario, settle

if TYPE_CHECKING:
    from pathlib import Path

    from tests.ui.conftest import AppFactory, Driver

Paint = Callable[[pygame.Surface, Theme], None]
BOX = pygame.Rect(100, 100, 300, 60)
VIEWPORT = pygame.Rect(500, 100, 400, 200)


class Sketch(Scene):
    """A test-only screen that draws what it is given, with the game's theme."""

    name = "sketch"

    def __init__(self, driver: Driver, paint: Paint) -> None:
        super().__init__(driver.app)
        self.paint = paint

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.app.theme.palette.background)
        self.paint(surface, self.app.theme)


def found(driver: Driver, paint: Paint, focused: pygame.Rect | None = None) -> list[str]:
    with watching():
        canvas, drawn = draw_recorded(Sketch(driver, paint), driver.screen.get_size())
    return problems(drawn, Frame(canvas.get_rect(), (VIEWPORT,), focused))


def words_in_box(words: str) -> Paint:
    def paint(surface: pygame.Surface, theme: Theme) -> None:
        pygame.draw.rect(surface, theme.palette.button, BOX, border_radius=8)
        surface.blit(theme.text(words, "body"), (BOX.x + 12, BOX.y + 12))

    return paint


def test_a_text_longer_than_its_button_crosses_its_edge(game: Driver) -> None:
    assert found(game, words_in_box("Resume")) == []
    [problem] = found(game, words_in_box("Resume the conversation where you left it, timer and all"))
    assert "crosses the edge of the box" in problem and "Resume the conversation" in problem


def test_two_texts_drawn_over_each_other_overlap(game: Driver) -> None:
    def paint(gap: int) -> Paint:
        def drawn(surface: pygame.Surface, theme: Theme) -> None:
            first = theme.text("Composure", "heading")
            surface.blit(first, (40, 40))
            surface.blit(theme.text("Assertiveness", "heading"), (40, 40 + first.get_height() + gap))

        return drawn

    assert found(game, paint(0)) == []
    [problem] = found(game, paint(-12))
    assert "'Composure'" in problem and "overlaps the text 'Assertiveness'" in problem


def test_a_text_past_the_window_or_cut_by_a_clip_is_caught(game: Driver) -> None:
    def past_the_edge(surface: pygame.Surface, theme: Theme) -> None:
        line = theme.text("Practise next: After the Shift", "body")
        surface.blit(line, (surface.get_width() - line.get_width() // 2, 20))

    def clipped(surface: pygame.Surface, theme: Theme) -> None:
        surface.set_clip(pygame.Rect(20, 20, 60, 200))  # no scrolling viewport: words are simply lost
        surface.blit(theme.text("Practise next", "body"), (20, 20))
        surface.set_clip(None)

    [edge] = found(game, past_the_edge)
    assert "runs past the window's edge" in edge
    [cut] = found(game, clipped)
    assert "'Practise next'" in cut and "is cut by the clip" in cut


def test_words_on_a_chip_over_stripes_pass_and_a_line_through_words_does_not(game: Driver) -> None:
    """The name chip sits on the counter's stripes, and the words on the chip: only the chip's edge
    counts. A line drawn through the words (the walk-out line through a point's number) does."""

    def chip(line: bool) -> Paint:
        def paint(surface: pygame.Surface, theme: Theme) -> None:
            for y in range(100, 200, 12):
                pygame.draw.rect(surface, theme.palette.panel, (60, y, 400, 6))
            label = theme.text("Gareth Pryce", "body")
            place = label.get_rect(center=(260, 150))
            pygame.draw.rect(surface, theme.palette.panel, place.inflate(28, 10), border_radius=12)
            surface.blit(label, place)
            if line:
                pygame.draw.line(surface, theme.palette.bad, (60, 150), (460, 150), 2)

        return paint

    assert found(game, chip(line=False)) == []
    assert all("crossed by a line" in problem for problem in found(game, chip(line=True)))
    assert found(game, chip(line=True))


def test_a_card_drawn_on_its_own_surface_is_followed_to_the_screen(game: Driver) -> None:
    """Words too long for a card drawn on a surface of its own, then blitted: the check maps the
    card's marks through the blit (and through a subsurface) to where they show."""

    def card(words: str, subsurface: bool) -> Paint:
        def paint(surface: pygame.Surface, theme: Theme) -> None:
            own = pygame.Surface((360, 120))
            target = own.subsurface((20, 20, 320, 80)) if subsurface else own
            pygame.draw.rect(target, theme.palette.panel, (0, 0, 200, 60))
            target.blit(theme.text(words, "body"), (10, 10))
            surface.blit(own, (200, 300))

        return paint

    for subsurface, box in ((False, pygame.Rect(200, 300, 200, 60)), (True, pygame.Rect(220, 320, 200, 60))):
        assert found(game, card("Objectives", subsurface)) == []
        wrong = found(game, card("Stay polite under rudeness without giving in", subsurface))
        assert any(f"crosses the edge of the box {box}" in problem for problem in wrong), wrong


def test_in_a_scrolling_viewport_only_the_focused_items_head_must_show(game: Driver) -> None:
    """A card scrolled half out of view is fine; the focused card's number and first words are not."""

    def scrolled(surface: pygame.Surface, theme: Theme) -> None:
        surface.set_clip(VIEWPORT)
        surface.blit(theme.text("1 The Coat That Shrank", "heading"), (VIEWPORT.x + 10, VIEWPORT.y - 12))
        surface.set_clip(None)

    card = pygame.Rect(VIEWPORT.x, VIEWPORT.y - 20, VIEWPORT.width, 150)
    assert found(game, scrolled) == []
    head, cut = found(game, scrolled, focused=card)
    assert head == f"the focused item {card} has its head out of the viewport {VIEWPORT}"
    assert "'1 The Coat That Shrank'" in cut and "is cut by the clip" in cut


def test_the_focused_items_head_never_scrolls_away_unseen(game: Driver) -> None:
    """Lines drawn whole or not at all (Scroller.blit_text) leave no cut text when a card's head
    scrolls off: the focused card's top above the viewport is caught by itself."""

    def below_the_head(surface: pygame.Surface, theme: Theme) -> None:
        surface.blit(theme.text("Why: it tells him what happens next.", "body"), (VIEWPORT.x + 10, VIEWPORT.y + 10))

    card = pygame.Rect(VIEWPORT.x, VIEWPORT.y - 40, VIEWPORT.width, 120)
    assert found(game, below_the_head) == []
    assert found(game, below_the_head, focused=card) == [
        f"the focused item {card} has its head out of the viewport {VIEWPORT}"
    ]


def test_what_a_dimming_layer_covers_is_behind_it(game: Driver) -> None:
    """The pause menu's panel over the dimmed conversation: the words under the dim are not its."""

    def paused(surface: pygame.Surface, theme: Theme) -> None:
        surface.blit(theme.text("Four calls is too many, and I'm sorry.", "heading"), (120, 250))
        dim = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        dim.fill((0, 0, 0, 170))
        surface.blit(dim, (0, 0))
        surface.blit(theme.text("Paused", "heading"), (130, 250))

    assert found(game, paused) == []


class Stuck(PlayScene):
    """A test-only play screen whose arrow keys and wheel do not scroll (nor move the focus)."""

    def handle(self, intent: Intent) -> Navigation | None:
        return None if isinstance(intent, Move | Scroll) else super().handle(intent)


@pytest.mark.parametrize("stuck", [False, True], ids=["scrolls", "stuck"])
def test_answers_below_the_fold_must_be_reachable(make_app: AppFactory, tmp_path: Path, stuck: bool) -> None:
    """At 960x540 with the largest text, the phone call's four long answers do not all fit."""
    data = tmp_path / "saves"
    save_settings(data, Settings(text_size=len(TEXT_SIZES) - 1))
    game = make_app((960, 540), saves=data)
    kind = Stuck if stuck else PlayScene
    game.app.push(kind(game.app, scenario("phone-notes")))
    game.press("space")
    settle(game)
    missed = reachable(game, "the first question")
    if not stuck:
        assert missed == []
        return
    assert "the first question: answer 4 cannot be brought into view by the keys" in missed
    assert "the first question: answer 4 cannot be brought into view by the wheel" in missed
