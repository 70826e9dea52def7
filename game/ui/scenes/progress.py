"""The progress screen: for the trainee practising, what to practise next, their overall score
attempt by attempt, best and last scores per scenario, and the principles they missed most,
each with the words that missed it and better ones.

One scrolled page of cards. Up/Down (or Tab) move the focus from card to card and scroll it
into view, Page Up/Down and the wheel scroll, Left/Right (or the pointer) pick an attempt on
the chart, Enter or a click starts what the focused card names (the suggestion, a scenario, the
scenario of a missed principle or of the picked attempt), continuing the trainee's save of it
when there is one. Everything shown is read once, when the screen opens (progress_model.py).
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.engine import ScenarioError
from game.storage.scenario_files import load_scenario

from ..continuing import begin
from ..host import Host
from ..intents import Back, Click, Confirm, End, Home, Intent, Move, Point, Scroll, Skip
from ..navigation import Navigation, Pop
from ..scene import Scene
from ..score_chart import attempt_at, draw_score_chart
from ..scroll import Scroller
from ..theme import Theme, grade_color
from ..widgets import Button, ButtonList, key_hints
from .picker_art import draw_play
from .progress_layout import TITLE, Card, Chip, ProgressLayout, layout_progress
from .progress_model import ProgressModel, progress_of

CANNOT_START = "That scenario cannot be started now: its file has a mistake"


class ProgressScene(Scene):
    name = "progress"

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        self.model = ProgressModel("")
        self.selected: int | None = None
        self.seen = -1  # the App's revision the model was read at
        self._read()
        self.focus = 0  # a card, or len(cards) for the Back button
        self.problem = ""  # why the last card could not be started
        self.scroller = Scroller()
        self.back = ButtonList([Button("back", "Back")])
        self.layout: ProgressLayout | None = None

    def _read(self) -> None:
        """Read the trainee's progress (again, when their results changed since), the last attempt picked."""
        app = self.app
        self.model = progress_of(app.library, app.trainee, app.results, app.results_problem)
        self.selected = len(self.model.attempts) - 1 if self.model.attempts else None
        self.seen = app.revision

    @property
    def cards(self) -> tuple[Card, ...]:
        return self.layout.cards if self.layout else ()

    # -- what the cards do -------------------------------------------------------------------
    def target_of(self, card: Card) -> Path | None:
        """The scenario file a card starts: the chart's is the picked attempt's scenario."""
        if card.chart.width and self.selected is not None:
            number = self.model.attempts[self.selected].number
            return self.model.rows[number - 1].path
        return card.start

    def start(self, card: Card) -> Navigation | None:
        path = self.target_of(card)
        if path is None:
            return None
        try:
            scenario = load_scenario(path)
        except ScenarioError as problem:
            first = problem.diagnostics[0] if problem.diagnostics else None
            where = f" (line {first.position.line}: {first.message})" if first else ""
            self.problem = f"{CANNOT_START}{where}."
            return None
        trainee = self.app.trainee
        if trainee is None:
            return begin(self.app, scenario, ())
        from game.storage.saves import saves_of  # with a start, not when the screen opens

        return begin(self.app, scenario, saves_of(self.app.data, trainee.id).games)

    # -- input ---------------------------------------------------------------------------------
    def handle(self, intent: Intent) -> Navigation | None:
        last = len(self.cards)
        move: Navigation | None = None
        match intent:
            case Back():
                move = Pop()
            case Move(dy=dy) if dy:
                self._focus(max(0, min(last, self.focus + dy)))
            case Move(dx=dx) if dx and self.selected is not None:
                self._select(max(0, min(len(self.model.attempts) - 1, self.selected + dx)))
            case Home():
                self._focus(0)
            case End():
                self._focus(max(0, last - 1))
            case Confirm() | Skip():
                move = Pop() if self.focus == last else self.start(self.cards[self.focus])
            case Scroll(dy=dy):
                self.scroller.scroll(dy * 2 * self.app.theme.font("body").get_linesize())
                self._follow_scroll()
            case Point(pos=pos):
                self._point(pos)
            case Click(pos=pos):
                move = self._click(pos)
        self.back.focus = 0 if self.focus == last else -1
        return move

    def _focus(self, index: int) -> None:
        self.focus = index
        if index < len(self.cards):
            self.scroller.reveal_rect(self.cards[index].rect, self.app.theme.px(10))

    def _select(self, attempt: int) -> None:
        """Pick an attempt on the chart; the chart card takes the focus and comes into view."""
        self.selected = attempt
        chart = next((i for i, card in enumerate(self.cards) if card.chart.width), None)
        if chart is not None:
            self._focus(chart)

    def _follow_scroll(self) -> None:
        """Keep the focus on a card whose top is in view, so Enter starts something the trainee sees."""
        top, height = self.scroller.target, self.scroller.viewport.height
        in_view = [i for i, card in enumerate(self.cards) if top <= card.rect.top < top + height]
        if in_view and self.focus not in in_view and self.focus < len(self.cards):
            self.focus = min(in_view, key=lambda i: abs(i - self.focus))

    def _card_at(self, pos: tuple[int, int]) -> int | None:
        """The card (or len(cards), the Back button) under a screen position."""
        if self.back.at(pos) is not None:
            return len(self.cards)
        inside = self.scroller.to_content(pos)
        if inside is None:
            return None
        return next((i for i, card in enumerate(self.cards) if card.rect.collidepoint(inside)), None)

    def _attempt_at(self, pos: tuple[int, int]) -> int | None:
        inside = self.scroller.to_content(pos)
        chart = self.layout.chart if self.layout else None
        card = next((card for card in self.cards if card.chart.width), None)
        if inside is None or chart is None or card is None:
            return None
        return attempt_at(chart, (inside[0] - card.chart.x, inside[1] - card.chart.y))

    def _point(self, pos: tuple[int, int]) -> None:
        hit, attempt = self._card_at(pos), self._attempt_at(pos)
        if hit is not None:
            self.focus = hit
        if attempt is not None:
            self.selected = attempt

    def _click(self, pos: tuple[int, int]) -> Navigation | None:
        hit, attempt = self._card_at(pos), self._attempt_at(pos)
        if hit is None:
            return None
        self.focus = hit
        if hit == len(self.cards):
            return Pop()
        if attempt is not None:
            self.selected = attempt
            return None
        return None if self.cards[hit].chart.width else self.start(self.cards[hit])

    # -- time and layout -------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if self.seen != self.app.revision:
            self._read()
            self.relayout()
        self.scroller.update(dt)

    def frame_interval(self) -> float | None:
        return 0 if self.scroller.moving else None

    def relayout(self) -> None:
        self.layout = layout_progress(self.app.theme, self.model, self.back)
        self.scroller.set_content(self.layout.viewport, self.layout.content_height)
        self.focus = min(self.focus, len(self.layout.cards))
        self.back.focus = 0 if self.focus == len(self.layout.cards) else -1
        if self.focus < len(self.layout.cards):
            self.scroller.reveal_rect(self.layout.cards[self.focus].rect, self.app.theme.px(10), at_once=True)

    # -- drawing ---------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, layout = self.app.theme, self.layout
        assert layout is not None, "relayout() runs when the scene is pushed"
        palette, scroller = theme.palette, self.scroller
        surface.fill(palette.background)
        surface.blit(theme.text(TITLE, "title"), layout.title)
        if layout.name is not None:
            surface.blit(theme.text(self.model.trainee, "body", palette.muted), layout.name)
        previous_clip = surface.get_clip()
        surface.set_clip(scroller.viewport)
        for block in layout.headings:
            scroller.draw_block(surface, theme, block)
        for index, card in enumerate(layout.cards):
            if scroller.shows(card.rect):
                self._draw_card(surface, theme, card, index == self.focus)
        surface.set_clip(previous_clip)
        scroller.draw_bar(surface, theme)
        self.back.draw(surface, theme)
        bottom = self.back.buttons[0].rect
        if self.problem:
            width = bottom.left - theme.px(16) - scroller.viewport.left
            words = theme.text(self.problem, "small", palette.bad, width)
            surface.blit(words, words.get_rect(midleft=(scroller.viewport.left, bottom.centery)))
        elif layout.keys:
            key_hints(surface, theme, layout.keys, layout.keys_at[1], left=layout.keys_at[0])

    def _draw_card(self, surface: pygame.Surface, theme: Theme, card: Card, focused: bool) -> None:
        palette, scroller = theme.palette, self.scroller
        rect = scroller.to_screen(card.rect)
        pygame.draw.rect(surface, palette.button if focused else palette.panel, rect, border_radius=theme.px(12))
        edge, width = (palette.focus, theme.px(3)) if focused else (palette.panel_edge, theme.px(1))
        pygame.draw.rect(surface, edge, rect, width, border_radius=theme.px(12))
        for block in card.blocks:
            scroller.draw_block(surface, theme, block)
        if card.play.width and scroller.viewport.contains(scroller.to_screen(card.play)):
            draw_play(surface, theme, scroller.to_screen(card.play), focused)
        if card.badge is not None:
            self._draw_badge(surface, theme, card)
        for chip in card.chips:
            self._draw_chip(surface, theme, chip)
        if card.chart.width:
            self._draw_chart(surface, theme, card)

    def _draw_badge(self, surface: pygame.Surface, theme: Theme, card: Card) -> None:
        """The scenario's number, as on the chart's points."""
        assert card.badge is not None
        palette = theme.palette
        centre = self.scroller.to_screen(pygame.Rect(card.badge, (0, 0))).topleft
        radius = round(theme.font("body").get_linesize() * 0.62)
        pygame.draw.aacircle(surface, palette.accent, centre, radius)
        number = theme.text(str(card.number), "small", palette.background)
        place = number.get_rect(center=(centre[0], centre[1] + 1))
        if self.scroller.viewport.contains(place):
            surface.blit(number, place)

    def _draw_chip(self, surface: pygame.Surface, theme: Theme, chip: Chip) -> None:
        palette, scroller = theme.palette, self.scroller
        rect = scroller.to_screen(chip.rect)
        if chip.caption:
            caption = theme.text(chip.caption, "small", palette.muted)
            place = caption.get_rect(bottomleft=(rect.left + theme.px(4), rect.top))
            if scroller.viewport.contains(place):
                surface.blit(caption, place)
        fill = grade_color(theme, chip.grade) if chip.grade else palette.accent
        pygame.draw.rect(surface, fill, rect, border_radius=rect.height // 2)
        words = theme.text(chip.text, "body", palette.background)
        place = words.get_rect(center=rect.center)
        if scroller.viewport.contains(place):
            surface.blit(words, place)

    def _draw_chart(self, surface: pygame.Surface, theme: Theme, card: Card) -> None:
        """Drawn whole on its own surface, then shown through the viewport like the text around it."""
        layout, palette, scroller = self.layout, theme.palette, self.scroller
        assert layout is not None and layout.chart is not None
        drawn = pygame.Surface(card.chart.size)
        drawn.fill(palette.panel)
        draw_score_chart(drawn, theme, layout.chart, self.model.attempts, self.selected)
        surface.blit(drawn, scroller.to_screen(card.chart))
        if self.selected is None:
            return
        attempt = self.model.attempts[self.selected]
        words = (
            f"Attempt {self.selected + 1} of {len(self.model.attempts)}: {attempt.number}. {attempt.title},"
            f" {attempt.overall} ({attempt.grade})"
        )
        caption = theme.text(words, "small", palette.text, card.caption.width)
        previous_clip = surface.get_clip()
        surface.set_clip(scroller.to_screen(card.caption).clip(previous_clip))  # two lines at most
        scroller.blit_text(surface, caption, card.caption.topleft, theme.font("small").get_linesize())
        surface.set_clip(previous_clip)
