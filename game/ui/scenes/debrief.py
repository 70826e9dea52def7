"""The debrief: how it ended, the scores, the anger chart and every answer reviewed.

The trainee can retry the scenario, rewind to any earlier answer and try another, or go
back to the menu. Everything shown comes from `session.result()`, computed once. When the
attempt was not added to the trainee's results (they cannot be stored, or it was a rewound
what-if or a play-test run), a line beside the buttons says so and why.
"""

from __future__ import annotations

import pygame

from game.engine import Outcome, Result, Review, Scenario, Session

from ..chart import answer_at, draw_chart
from ..host import Host
from ..intents import Back, Choose, Click, Confirm, Intent, Move, Point, Scroll, Skip
from ..navigation import BackToTitle, Conversation, Navigation, Replace
from ..palette import Color, mix
from ..scene import Scene
from ..scroll import Scroller
from ..theme import Theme, band_color, grade_color
from ..widgets import Button, ButtonList, panel
from .debrief_layout import HINT, OUTCOMES, SCORE_LABELS, DebriefLayout, Entry, layout_debrief

REVEAL_SECONDS = 0.9  # the bars fill and the chart draws itself in this time


def color_of(theme: Theme, name: str) -> Color:
    color: Color = getattr(theme.palette, name)
    return color


class DebriefScene(Scene):
    name = "debrief"

    def __init__(self, app: Host, scenario: Scenario, session: Session, note: str = "") -> None:
        super().__init__(app)
        self.scenario = scenario
        self.session = session
        self.note = note  # why this attempt is not in the results, or ""
        self.result: Result = session.result()
        mistakes = [i for i, review in enumerate(self.result.reviews) if review.better_id is not None]
        self.selected = mistakes[0] if mistakes else 0  # the answer Rewind goes back to
        self.hover: int | None = None
        self.elapsed = 0.0
        self.scroller = Scroller()
        rewind = Button("rewind", "Rewind", enabled=bool(self.result.reviews))
        self.buttons = ButtonList(
            [Button("retry", "Retry"), rewind, Button("menu", "Menu")], focus=1 if mistakes else 0
        )
        self.last_button = self.buttons.focus  # focus -1: the transcript has it; Left/Right come back here
        self.layout: DebriefLayout | None = None

    # -- what the buttons do, and what tests call ------------------------------------------
    def button_rect(self, action: str) -> pygame.Rect:
        return next(b.rect for b in self.buttons.buttons if b.action == action)

    def rewind_to(self, answer_index: int) -> Navigation:
        return Replace(Conversation(self.scenario, self.session.rewound(answer_index), what_if=True))

    def _press(self, index: int) -> Navigation | None:
        button = self.buttons.buttons[index]
        if not button.enabled:
            return None
        if button.action == "retry":
            return Replace(Conversation(self.scenario))
        if button.action == "rewind":
            return self.rewind_to(self.selected)
        return BackToTitle()

    # -- input -------------------------------------------------------------------------
    def handle(self, intent: Intent) -> Navigation | None:
        count, buttons = len(self.result.reviews), self.buttons
        last = len(buttons.buttons) - 1
        in_buttons = buttons.focus >= 0 or not count
        move: Navigation | None = None
        match intent:
            case Back():
                move = BackToTitle()
            case Move(dy=dy) if dy and in_buttons:  # Up goes back to the transcript; Tab cycles round
                if count and (dy < 0 or buttons.focus == last):
                    self._select(self.selected if dy < 0 else 0)
                elif dy > 0:
                    buttons.focus = min(last, buttons.focus + 1)
            case Move(dy=dy) if dy:
                if dy > 0 and self.selected == count - 1:
                    buttons.focus = self.last_button
                else:
                    self._select(max(0, min(count - 1, self.selected + dy)))
            case Move(dx=dx) if dx:
                start = buttons.focus if buttons.focus >= 0 else self.last_button - dx
                buttons.focus = max(0, min(last, start + dx))
            case Confirm() | Skip() if in_buttons:
                move = self._press(max(0, buttons.focus))
            case Confirm() | Skip():
                move = self.rewind_to(self.selected)
            case Choose(index=index) if index < count:
                self._select(index)
            case Scroll(dy=dy):
                self.scroller.scroll(dy * 2 * self.app.theme.font("body").get_linesize())
            case Point(pos=pos):
                self.hover, hit = self._answer_at(pos), buttons.at(pos)
                buttons.focus = buttons.focus if hit is None else hit
            case Click(pos=pos):
                hit, answer = buttons.at(pos), self._answer_at(pos)
                if hit is not None:
                    buttons.focus = hit
                    move = self._press(hit)
                elif answer is not None:
                    self._select(answer)
        if buttons.focus >= 0:
            self.last_button = buttons.focus
        return move

    def _select(self, answer: int) -> None:
        """Select an answer in the transcript; keyboard focus leaves the buttons for it."""
        self.selected = answer
        self.buttons.focus = -1
        self.buttons.buttons[1].label = f"Rewind to answer {answer + 1}"
        entry = self._entry_of(answer)
        if entry is not None:
            self.scroller.reveal_rect(entry.rect, self.app.theme.px(8))

    def _answer_at(self, pos: tuple[int, int]) -> int | None:
        if self.layout is None:
            return None
        on_chart = answer_at(self.layout.chart, pos)
        inside = self.scroller.to_content(pos)
        if on_chart is not None or inside is None:
            return on_chart
        return next((e.answer for e in self.layout.entries if e.rect.collidepoint(inside)), None)

    def _entry_of(self, answer: int) -> Entry | None:
        entries = self.layout.entries if self.layout else ()
        return next((e for e in entries if e.answer == answer), None)

    # -- time --------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.elapsed += dt
        self.scroller.update(dt)

    def frame_interval(self) -> float | None:
        return 0 if self.elapsed < REVEAL_SECONDS or self.scroller.moving else None

    @property
    def shown(self) -> float:
        """How far the opening reveal has got, eased, from 0 to 1."""
        t = min(1.0, self.elapsed / REVEAL_SECONDS)
        return 1 - (1 - t) ** 3

    def relayout(self) -> None:
        if self.result.reviews:
            self.buttons.buttons[1].label = f"Rewind to answer {self.selected + 1}"
        self.layout = layout_debrief(self.app.theme, self.result, self.scenario, self.buttons)
        self.scroller.set_content(self.layout.viewport, self.layout.content_height)
        entry = self._entry_of(self.selected)
        if entry is not None and (self.buttons.focus < 0 or entry.rect.top >= self.scroller.viewport.height):
            self.scroller.reveal_rect(entry.rect, self.app.theme.px(8), at_once=True)

    # -- drawing -----------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, layout = self.app.theme, self.layout
        assert layout is not None, "relayout() runs when the scene is pushed"
        surface.fill(theme.palette.background)
        self._draw_header(surface, theme, layout)
        panel(surface, theme, layout.left)
        self._draw_scores(surface, theme, layout)
        selected = self.selected if self.result.reviews else None
        curve, walks_out_at = self.result.anger_curve, self.scenario.customer.walks_out_at
        draw_chart(surface, theme, layout.chart, curve, walks_out_at, selected, self.shown)
        panel(surface, theme, layout.right)
        surface.blit(theme.text("Your answers", "heading"), layout.heading)
        if layout.hint:
            surface.blit(theme.text(HINT, "small", theme.palette.muted), layout.hint)
        self._draw_transcript(surface, theme, layout)
        self.buttons.draw(surface, theme)
        if self.note:
            self._draw_note(surface, theme)

    def _draw_note(self, surface: pygame.Surface, theme: Theme) -> None:
        """The note in the room left of the centred buttons, centred on them (the notes are short)."""
        first = self.buttons.buttons[0].rect
        margin = theme.px(24)
        note = theme.text(self.note, "small", theme.palette.muted, first.left - theme.px(16) - margin)
        surface.blit(note, note.get_rect(midleft=(margin, first.centery)))

    def _draw_header(self, surface: pygame.Surface, theme: Theme, layout: DebriefLayout) -> None:
        palette, ending = theme.palette, self.result.ending
        word, color_name = OUTCOMES[ending.outcome]
        color = color_of(theme, color_name)
        badge = layout.badge
        pygame.draw.rect(surface, color, badge, border_radius=badge.height // 2)
        _outcome_icon(surface, theme, ending.outcome, pygame.Rect(badge.x, badge.y, badge.height, badge.height))
        label = theme.text(word.upper(), "small", palette.background)
        surface.blit(label, label.get_rect(midleft=(badge.x + badge.height + theme.px(4), badge.centery + 1)))
        if layout.scenario_title:
            surface.blit(theme.text(self.scenario.title, "small", palette.muted), layout.scenario_title)
        surface.blit(theme.text(ending.title, "heading", width=layout.header_width), layout.title)
        if layout.text:
            surface.blit(theme.text(ending.text, "body", palette.text, layout.header_width), layout.text)
        scores = self.result.scores
        letter_color = grade_color(theme, scores.grade)
        pygame.draw.rect(surface, palette.panel, layout.grade, border_radius=theme.px(14))
        pygame.draw.rect(surface, letter_color, layout.grade, theme.px(3), border_radius=theme.px(14))
        letter = theme.text(scores.grade, "title", letter_color)
        surface.blit(letter, letter.get_rect(center=layout.grade.center))
        right, top = layout.overall
        caption = theme.text("Overall", "small", palette.muted)
        surface.blit(caption, caption.get_rect(topright=(right, top)))
        number = theme.text(f"{round(scores.overall * self.shown)} / 100", "heading")
        surface.blit(number, number.get_rect(topright=(right, top + caption.get_height())))
        grade_word = theme.text("grade", "small", palette.muted)
        surface.blit(grade_word, grade_word.get_rect(midtop=(layout.grade.centerx, layout.grade.bottom + theme.px(2))))

    def _draw_scores(self, surface: pygame.Surface, theme: Theme, layout: DebriefLayout) -> None:
        palette, values = theme.palette, self.result.scores.as_dict()
        for label, row in zip(SCORE_LABELS, layout.scores, strict=True):
            value = round(int(values[label.lower()]) * self.shown)
            text = theme.text(label, "body")
            surface.blit(text, text.get_rect(midleft=row.label))
            pygame.draw.rect(
                surface, mix(palette.panel, palette.panel_edge, 0.8), row.bar, border_radius=row.bar.height
            )
            filled = row.bar.copy()
            filled.width = max(row.bar.height, round(row.bar.width * value / 100))
            pygame.draw.rect(surface, palette.accent, filled, border_radius=row.bar.height)
            number = theme.text(str(value), "body")
            surface.blit(number, number.get_rect(midright=row.value))

    def _draw_transcript(self, surface: pygame.Surface, theme: Theme, layout: DebriefLayout) -> None:
        scroller, palette = self.scroller, theme.palette
        previous_clip = surface.get_clip()
        surface.set_clip(scroller.viewport)
        in_transcript = self.buttons.focus < 0
        for entry in layout.entries:
            if not scroller.shows(entry.rect):
                continue
            card = scroller.to_screen(entry.rect)
            chosen = entry.answer is not None and entry.answer == self.selected
            pygame.draw.rect(surface, palette.button, card, border_radius=theme.px(10))
            hovered = entry.answer is not None and entry.answer == self.hover
            # hover shows in the edge: a lighter fill would take the coloured notes below AA contrast
            edge, width = (palette.muted, theme.px(2)) if hovered else (palette.panel_edge, 1)
            if chosen:
                edge, width = (palette.focus, theme.px(3)) if in_transcript else (palette.accent, theme.px(2))
            pygame.draw.rect(surface, edge, card, width, border_radius=theme.px(10))
            if entry.answer is not None:
                self._draw_marks(surface, theme, entry, self.result.reviews[entry.answer])
            for block in entry.blocks:
                scroller.draw_block(surface, theme, block)
        surface.set_clip(previous_clip)
        scroller.draw_bar(surface, theme)

    def _draw_marks(self, surface: pygame.Surface, theme: Theme, entry: Entry, review: Review) -> None:
        """The answer's number, coloured like its point on the chart, and the anger change."""
        palette, scroller = theme.palette, self.scroller
        step = review.step
        radius = round(theme.font("body").get_linesize() * 0.62)
        centre = scroller.to_screen(pygame.Rect(entry.badge, (0, 0))).topleft
        pygame.draw.aacircle(surface, band_color(palette, step.anger_after), centre, radius)
        number = theme.text(str((entry.answer or 0) + 1), "small", palette.background)
        number_rect = number.get_rect(center=(centre[0], centre[1] + 1))
        if scroller.viewport.contains(number_rect):  # never a number cut in half at the edge
            surface.blit(number, number_rect)
        change = step.anger_after - step.anger_before
        color = palette.bad if change > 0 else palette.good if change < 0 else palette.muted
        chip = scroller.to_screen(entry.chip)
        line = theme.font("body").get_linesize()
        size = theme.px(7)
        tip_x, mid_y = chip.right - size, chip.top + line // 2
        direction = -1 if change > 0 else 1
        if change:
            base = mid_y - direction * size // 2
            pygame.draw.polygon(
                surface, color, [(tip_x - size, base), (tip_x + size, base), (tip_x, mid_y + direction * size)]
            )
        amount = theme.text(f"{change:+d}" if change else "\u00b10", "body", color)
        amount_x = entry.chip.right - 2 * size - theme.px(6) - amount.get_width()
        scroller.blit_text(surface, amount, (amount_x, entry.chip.top), line)
        now = theme.text(f"now {step.anger_after}", "small", palette.muted)
        now_at = (entry.chip.right - now.get_width(), entry.chip.top + line)
        scroller.blit_text(surface, now, now_at, theme.font("small").get_linesize())


def _outcome_icon(surface: pygame.Surface, theme: Theme, outcome: Outcome, box: pygame.Rect) -> None:
    """A shape for each outcome, so the badge reads without its colour too."""
    ink, width = theme.palette.background, theme.px(3)
    inner = box.inflate(-box.height // 2, -box.height // 2).move(theme.px(4), 0)
    if outcome is Outcome.RESOLVED:
        pygame.draw.lines(
            surface, ink, False, [inner.midleft, (inner.centerx - 1, inner.bottom), inner.topright], width
        )
    elif outcome is Outcome.PARTIAL:
        pygame.draw.aacircle(surface, ink, inner.center, inner.width // 2, width)
        pygame.draw.aacircle(surface, ink, inner.center, inner.width // 2, draw_top_left=True, draw_bottom_left=True)
    elif outcome is Outcome.ESCALATED:
        pygame.draw.lines(surface, ink, False, [inner.bottomleft, inner.midtop, inner.bottomright], width)
    else:
        pygame.draw.line(surface, ink, inner.topleft, inner.bottomright, width)
        pygame.draw.line(surface, ink, inner.bottomleft, inner.topright, width)
