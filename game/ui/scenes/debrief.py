"""The debrief: how it ended, the scores and what each measures, the anger chart and every
answer reviewed, in a list of one line per answer with the selected one opened as a card.

The trainee can retry the scenario, rewind to any earlier answer and try another, or go
back to the menu. Everything shown comes from `session.result()`, computed once. When the
attempt was not added to the trainee's results (they cannot be stored, or it was a rewound
what-if or a play-test run), a line beside the buttons says so and why; when it was played
with the time limits off or longer, the header says so.

Keys: Up/Down, Tab, 1-9, Home/End pick an answer (its card opens); Right and Left show and hide
what was said before it; Up from the first answer reaches "Show all", which does that for every
answer; Enter rewinds to the picked answer; Down from the last reaches the buttons.
"""

from __future__ import annotations

import pygame

from game.engine import Outcome, Result, Scenario, Session

from ..chart import answer_at, draw_chart
from ..host import Host
from ..intents import Back, Choose, Click, Confirm, End, Home, Intent, Move, Point, Scroll, Skip
from ..navigation import BackToTitle, Conversation, Navigation, Replace
from ..palette import Color, mix
from ..scene import Scene
from ..scroll import Scroller
from ..theme import Theme, grade_color
from ..transcript import heard_before
from ..widgets import Button, ButtonList, panel
from .debrief_frame import (
    HINT,
    OUTCOMES,
    OVERALL,
    SCORE_LABELS,
    TOGGLE_LABELS,
    DebriefLayout,
    ListState,
    layout_debrief,
    meaning_of,
    time_limits_note,
)
from .debrief_layout import Entry
from .debrief_list import band_height, draw_list, list_height, revealing, stepped, stops

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
        self.time_note = time_limits_note(session.time_limits)
        self.result: Result = session.result()
        self.heard = heard_before(session)  # what the customer said before each answer
        mistakes = [i for i, review in enumerate(self.result.reviews) if review.better_id is not None]
        self.selected = mistakes[0] if mistakes else 0  # the answer Rewind goes back to, open as a card
        self.opened: set[int] = set()  # answers showing what was said before them
        self.hover: int | None = None
        self.elapsed = 0.0
        self.scroller = Scroller()
        self.stops: list[int] = [0]
        rewind = Button("rewind", "Rewind", enabled=bool(self.result.reviews))
        self.buttons = ButtonList(
            [Button("retry", "Retry"), rewind, Button("menu", "Menu")], focus=1 if mistakes else 0
        )
        self.toggle = Button("all", TOGGLE_LABELS[0])  # "Show all": what was said before every answer
        self.toggle_focused = False
        self.toggle_hover = False  # the pointer is over it: its edge shows it can be clicked
        self.last_button = self.buttons.focus
        self.layout: DebriefLayout | None = None

    # -- what the buttons do, and what tests call ------------------------------------------
    def button_rect(self, action: str) -> pygame.Rect:
        if action == self.toggle.action:
            return self.toggle.rect
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

    @property
    def all_opened(self) -> bool:
        return len(self.opened) == len(self.result.reviews) > 0

    def open_turn(self, answer: int, show: bool) -> None:
        """Show or hide what was said before one answer."""
        if show:
            self.opened.add(answer)
        else:
            self.opened.discard(answer)
        self._refresh()

    def open_all(self, show: bool) -> None:
        """Show or hide what was said before every answer: the whole conversation, both ways."""
        self.opened = set(range(len(self.result.reviews))) if show else set()
        self._refresh()

    # -- input -------------------------------------------------------------------------
    def handle(self, intent: Intent) -> Navigation | None:
        count, buttons = len(self.result.reviews), self.buttons
        last = len(buttons.buttons) - 1
        in_buttons = buttons.focus >= 0 or not count
        move: Navigation | None = None
        match intent:
            case Back():
                move = BackToTitle()
            case _ if self.toggle_focused and self._on_toggle(intent):
                pass
            case Move(dy=dy) if dy and in_buttons:  # Up goes back to the list; Tab cycles round
                if count and (dy < 0 or buttons.focus == last):
                    self._select(self.selected if dy < 0 else 0)
                elif dy > 0:
                    buttons.focus = min(last, buttons.focus + 1)
            case Move(dy=dy) if dy:
                if dy > 0 and self.selected == count - 1:
                    buttons.focus = self.last_button
                elif dy < 0 and self.selected == 0:
                    self.toggle_focused = True
                else:
                    self._select(max(0, min(count - 1, self.selected + dy)))
            case Move(dx=dx) if dx and in_buttons:
                buttons.focus = max(0, min(last, buttons.focus + dx))
            case Move(dx=dx) if dx:
                self.open_turn(self.selected, dx > 0)
            case Confirm() | Skip() if in_buttons:
                move = self._press(max(0, buttons.focus))
            case Confirm() | Skip():
                move = self.rewind_to(self.selected)
            case Choose(index=index) if index < count:
                self._select(index)
            case Home() | End() if count:
                self._select(0 if isinstance(intent, Home) else count - 1)
            case Scroll(dy=dy):
                self.scroller.target = stepped(self.stops, self.scroller.target, -dy)
            case Point(pos=pos):
                self.hover, hit = self._answer_at(pos), buttons.at(pos)
                buttons.focus = buttons.focus if hit is None else hit
                self.toggle_hover = self.toggle.rect.collidepoint(pos)
            case Click(pos=pos):
                move = self._click(pos)
        if buttons.focus >= 0:
            self.last_button = buttons.focus
            self.toggle_focused = False
        return move

    def _on_toggle(self, intent: Intent) -> bool:
        """Keys while "Show all" has focus; False for those it leaves to the rest (Back, the mouse)."""
        match intent:
            case Confirm() | Skip():
                self.open_all(not self.all_opened)
            case Move(dy=dy) if dy > 0:
                self.toggle_focused = False
                self._select(self.selected if self.buttons.focus < 0 else 0)
            case Move(dy=dy) if dy < 0:
                self.toggle_focused = False
                self.buttons.focus = len(self.buttons.buttons) - 1
            case Move():
                pass
            case _:
                return False
        return True

    def _click(self, pos: tuple[int, int]) -> Navigation | None:
        hit = self.buttons.at(pos)
        if hit is not None:
            self.buttons.focus = hit
            return self._press(hit)
        if self.toggle.rect.collidepoint(pos):
            self.open_all(not self.all_opened)
            return None
        toggled = self._toggle_at(pos)
        if toggled is not None:
            self.open_turn(toggled, toggled not in self.opened)
            return None
        answer = self._answer_at(pos)
        if answer is not None:
            self._select(answer)
        return None

    def _select(self, answer: int) -> None:
        """Select an answer in the list: its card opens, keyboard focus leaves the buttons for it."""
        self.selected = answer
        self.buttons.focus = -1
        self.toggle_focused = False
        self._refresh()
        entry = self._entry_of(answer)
        if entry is not None:
            view = self.scroller.viewport.height
            self.scroller.target = revealing(self.stops, self.scroller.target, entry.rect, view)

    def _answer_at(self, pos: tuple[int, int]) -> int | None:
        if self.layout is None:
            return None
        on_chart = answer_at(self.layout.chart, pos)
        inside = self.scroller.to_content(pos)
        if on_chart is not None or inside is None:
            return on_chart
        return next((e.answer for e in self.layout.entries if e.rect.collidepoint(inside)), None)

    def _toggle_at(self, pos: tuple[int, int]) -> int | None:
        """The answer whose arrow (show what was said before it) is under `pos`, with some slack."""
        inside = self.scroller.to_content(pos)
        entries = self.layout.entries if self.layout else ()
        if inside is None:
            return None
        slack = self.app.theme.px(6)
        hits = (
            e.answer for e in entries if e.answer is not None and e.toggle.inflate(slack, slack).collidepoint(inside)
        )
        return next(hits, None)

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
        self._refresh()
        entry = self._entry_of(self.selected)
        if entry is not None:
            view = self.scroller.viewport.height
            self.scroller.jump(revealing(self.stops, self.scroller.target, entry.rect, view))

    def _refresh(self) -> None:
        """Lay the screen out again for the list's state: which card is open, which turns show more."""
        theme = self.app.theme
        if self.result.reviews:
            self.buttons.buttons[1].label = f"Rewind to answer {self.selected + 1}"
        self.toggle.label = TOGGLE_LABELS[1] if self.all_opened else TOGGLE_LABELS[0]
        selected = self.selected if self.result.reviews else None
        state = ListState(selected, frozenset(self.opened), self.heard, self.toggle.label)
        self.layout = layout = layout_debrief(
            theme, self.result, self.scenario, self.buttons, state, self.time_note, self.note
        )
        self.toggle.rect = layout.toggle
        band = band_height(theme)
        self.stops = stops(layout.entries, layout.viewport.height, band)
        target = self.scroller.target
        self.scroller.set_content(layout.viewport, list_height(layout.entries, layout.viewport.height, band))
        self.scroller.target = min(target, float(self.stops[-1]))

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
        self._draw_toggle(surface, theme)
        if layout.hint:
            surface.blit(theme.text(HINT, "small", theme.palette.muted), layout.hint)
        in_list = self.buttons.focus < 0 and not self.toggle_focused
        draw_list(surface, theme, self.scroller, layout.entries, self.result.reviews, self.hover, in_list)
        self.buttons.draw(surface, theme)
        self._draw_note(surface, theme, layout)

    def _draw_toggle(self, surface: pygame.Surface, theme: Theme) -> None:
        palette, rect = theme.palette, self.toggle.rect
        pygame.draw.rect(surface, palette.button, rect, border_radius=theme.px(6))
        edge, width = (palette.muted, theme.px(2)) if self.toggle_hover else (palette.panel_edge, 1)
        if self.toggle_focused:
            edge, width = palette.focus, theme.px(3)
        pygame.draw.rect(surface, edge, rect, width, border_radius=theme.px(6))
        label = theme.text(self.toggle.label, "small", palette.button_text)
        surface.blit(label, label.get_rect(center=rect.center))

    def _draw_note(self, surface: pygame.Surface, theme: Theme, layout: DebriefLayout) -> None:
        """Why the attempt is not in the results, under the buttons."""
        if layout.note is not None:
            surface.blit(theme.text(self.note, "small", theme.palette.muted, layout.note_width), layout.note)

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
            surface.blit(theme.text(layout.scenario_line, "small", palette.muted), layout.scenario_title)
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
        caption = theme.text(OVERALL, "small", palette.muted)
        surface.blit(caption, caption.get_rect(topright=(right, top)))
        number = theme.text(f"{round(scores.overall * self.shown)} / 100", "heading")
        surface.blit(number, number.get_rect(topright=(right, top + caption.get_height())))

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
            meaning = theme.text(meaning_of(label), "small", palette.muted, row.meaning_width)
            surface.blit(meaning, row.meaning)


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
