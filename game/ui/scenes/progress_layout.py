"""Where everything on the progress screen goes, worked out once per window size and theme.

Only measuring and placing: the page is one scrolled column in its own coordinates (0 at its
top): the suggestion, the chart, the scenarios and the principles most often missed, each a
card the focus can rest on. Text is wrapped to its card, so nothing runs out of the window at
any size or text size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from ..score_chart import ScoreChart, layout_score_chart
from ..scroll import TextBlock
from ..theme import Theme
from ..widgets import ButtonList
from .debrief_layout import quoted
from .picker_art import PLAY
from .progress_model import ProgressModel, ScenarioRow, played_on

if TYPE_CHECKING:
    from game.storage.results import BrokenPrinciple

TITLE = "Your progress"
SCENARIOS = "Your scenarios"
PRINCIPLES = "The principles you missed most"
SCORES = ("Last time: composure", "assertiveness", "resolution")
NO_BREAK = "\u00a0"
SEPARATOR = f"{NO_BREAK}{NO_BREAK}\u00b7{NO_BREAK} "  # a line may break after the dot, never before
NOTHING_YET = (
    "You have not finished a scenario yet. Start the one suggested above, or choose any with Play on the"
    " title screen: each one you finish appears here with its scores."
)
NOTHING_MISSED = "No principle missed yet: every answer you gave was one of the best on offer."
GONE = "No longer in the library"
CHOOSE, PLAY_KEY, ATTEMPTS, BACK = ("Up/Down", "choose"), ("Enter", "play"), ("Left/Right", "attempts"), ("Esc", "back")
EMPTY = pygame.Rect(0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Chip:
    """A grade on its colour ("B 82"), or "New", at a place in the page."""

    rect: pygame.Rect
    text: str
    grade: str  # "" for New
    caption: str  # "best", "last" or "" above the chip


@dataclass(frozen=True, slots=True)
class Card:
    """One thing the focus can rest on; Enter or a click starts `start` when there is one."""

    rect: pygame.Rect  # in the page's coordinates
    blocks: tuple[TextBlock, ...]
    start: Path | None = None
    number: int = 0  # the scenario's number, drawn in a circle at `badge`
    badge: tuple[int, int] | None = None
    chips: tuple[Chip, ...] = ()
    play: pygame.Rect = field(default_factory=lambda: EMPTY)  # the Play tag
    chart: pygame.Rect = field(default_factory=lambda: EMPTY)  # the chart, in the page's coordinates
    caption: pygame.Rect = field(default_factory=lambda: EMPTY)  # the selected attempt's words


@dataclass(frozen=True, slots=True)
class ProgressLayout:
    title: tuple[int, int]
    name: tuple[int, int] | None  # the trainee's name, beside or under the title
    viewport: pygame.Rect
    headings: tuple[TextBlock, ...]  # section headings and messages, in the page's coordinates
    cards: tuple[Card, ...]
    content_height: int
    chart: ScoreChart | None  # placed in the chart's own rect, (0, 0) at its top left
    keys: tuple[tuple[str, str], ...]  # the keys that work here, when their hints fit
    keys_at: tuple[int, int]  # where the key hints start


def layout_progress(theme: Theme, model: ProgressModel, back: ButtonList) -> ProgressLayout:
    width, height = theme.size
    margin = theme.px(28)
    column = min(width - 2 * margin, theme.px(1040))
    left = (width - column) // 2
    title_line = theme.font("title").get_linesize()
    name = _name_place(theme, model.trainee, left, column)
    top = margin + title_line + (theme.font("body").get_linesize() if name and name[1] > margin else 0) + theme.px(8)
    button_height = theme.font("body").get_linesize() + 2 * theme.px(12)
    back_width = theme.text("Back", "body").get_width() + 2 * theme.px(16) + theme.px(2)
    back.buttons[0].rect = pygame.Rect(
        left + column - back_width, height - margin - button_height, back_width, button_height
    )
    viewport = pygame.Rect(left, top, column, back.buttons[0].rect.top - theme.px(14) - top)
    page = Page(theme, column - theme.px(14), viewport.height)
    chart = page.lay_out(model)
    keys = _keys(model, bool(page.cards))
    if _hints_width(theme, keys) > back.buttons[0].rect.left - theme.px(16) - left:
        keys = ()
    keys_at = (left, back.buttons[0].rect.centery)
    return ProgressLayout(
        (left, margin), name, viewport, tuple(page.headings), tuple(page.cards), page.y, chart, keys, keys_at
    )


def _keys(model: ProgressModel, cards: bool) -> tuple[tuple[str, str], ...]:
    """The key hints for what works here: no choosing without cards, no attempts to pick without any."""
    if not cards:
        return (BACK,)
    return (CHOOSE, PLAY_KEY, ATTEMPTS, BACK) if model.attempts else (CHOOSE, PLAY_KEY, BACK)


def _name_place(theme: Theme, trainee: str, left: int, column: int) -> tuple[int, int] | None:
    """The trainee's name at the right of the title's line, or under the title when it does not fit."""
    if not trainee:
        return None
    margin, gap = theme.px(28), theme.px(24)
    title_width = theme.text(TITLE, "title").get_width()
    name_width = theme.text(trainee, "body").get_width()
    title_line, body_line = theme.font("title").get_linesize(), theme.font("body").get_linesize()
    if title_width + gap + name_width <= column:
        return left + column - name_width, margin + title_line - body_line - theme.px(4)
    return left, margin + title_line


def _hints_width(theme: Theme, keys: tuple[tuple[str, str], ...]) -> int:
    """As widgets.key_hints lays them out: each key cap and its word, then a gap."""
    pieces = [theme.text(key, "small").get_width() + theme.text(word, "small").get_width() for key, word in keys]
    return sum(pieces) + len(keys) * (theme.px(10) + theme.px(8)) + (len(keys) - 1) * theme.px(20)


class Page:
    """The scrolled column, built top to bottom."""

    def __init__(self, theme: Theme, width: int, view_height: int) -> None:
        self.theme, self.width, self.view_height = theme, width, view_height
        self.pad, self.gap = theme.px(18), theme.px(14)
        self.headings: list[TextBlock] = []
        self.cards: list[Card] = []
        self.y = 0

    def lay_out(self, model: ProgressModel) -> ScoreChart | None:
        palette = self.theme.palette
        if model.message:
            self._heading(model.message, "body", palette.text)
            return None
        if model.suggestion is not None:
            self._suggestion(model)
        chart = self._chart(model) if model.attempts else None
        if not model.attempts:
            self._heading(NOTHING_YET, "body", palette.muted)
        self._heading(SCENARIOS, "heading", palette.text)
        for row in model.rows:
            self._row(row)
        if model.attempts:
            self._heading(PRINCIPLES, "heading", palette.text)
            if not model.broken:
                self._heading(NOTHING_MISSED, "body", palette.muted)
            for principle in model.broken:
                self._principle(model, principle)
        self.y = max(0, self.y - self.gap)
        return chart

    # -- pieces ----------------------------------------------------------------------------
    def _heading(self, text: str, role: str, color: tuple[int, int, int]) -> None:
        block = TextBlock(text, role, color, self.width, (0, self.y))
        self.headings.append(block)
        self.y = block.bottom(self.theme) + self.gap

    def _add(self, card: Card) -> None:
        self.cards.append(card)
        self.y = card.rect.bottom + self.gap

    def _suggestion(self, model: ProgressModel) -> None:
        theme, palette, pad, top = self.theme, self.theme.palette, self.pad, self.y
        suggestion = model.suggestion
        assert suggestion is not None
        label = theme.text(PLAY, "body")
        play = pygame.Rect(0, 0, label.get_width() + theme.px(44), label.get_height() + theme.px(10))
        play.topright = (self.width - pad, top + pad)
        inner = self.width - 2 * pad
        blocks = [TextBlock("Practise next", "small", palette.accent, inner - play.width - pad, (pad, top + pad))]
        title_top = blocks[0].bottom(theme) + theme.px(2)
        practice = suggestion.practice
        blocks.append(TextBlock(practice.title, "heading", palette.text, inner - play.width - pad, (pad, title_top)))
        below = max(blocks[-1].bottom(theme), play.bottom) + theme.px(6)
        blocks.append(TextBlock(practice.reason, "body", palette.muted, inner, (pad, below)))
        bottom = blocks[-1].bottom(theme) + pad
        self._add(Card(pygame.Rect(0, top, self.width, bottom - top), tuple(blocks), suggestion.path, play=play))

    def _chart(self, model: ProgressModel) -> ScoreChart:
        """Tall enough to read, short enough that the card fits the view whole (and on a usual window, under
        the suggestion); the picked attempt's words under it."""
        theme, pad, top = self.theme, self.pad, self.y
        caption_height = 2 * theme.font("small").get_linesize()
        room = self.view_height - 2 * pad - theme.px(8) - caption_height
        chart = pygame.Rect(pad, top + pad, self.width - 2 * pad, max(theme.px(150), min(theme.px(290), room)))
        caption = pygame.Rect(pad, chart.bottom + theme.px(8), chart.width, caption_height)
        self._add(Card(pygame.Rect(0, top, self.width, caption.bottom + pad - top), (), chart=chart, caption=caption))
        return layout_score_chart(theme, pygame.Rect((0, 0), chart.size), model.attempts)

    def _row(self, row: ScenarioRow) -> None:
        theme, palette, pad, top = self.theme, self.theme.palette, self.pad, self.y
        body = theme.font("body").get_linesize()
        radius = round(body * 0.62)
        text_left = pad + 2 * radius + theme.px(12)
        chips = _chips(theme, row)
        chips_width = sum(chip.rect.width for chip in chips) + theme.px(10) * (len(chips) - 1)
        lines = _row_lines(row)
        narrower = self.width - text_left - pad - chips_width - theme.px(16)
        beside = all(theme.text(line, "small").get_width() <= narrower for line in lines)  # else under the lines
        text_width = narrower if beside else self.width - text_left - pad
        blocks = [TextBlock(row.title, "body", palette.text, text_width, (text_left, top + pad))]
        for line in lines:
            blocks.append(TextBlock(line, "small", palette.muted, text_width, (text_left, blocks[-1].bottom(theme))))
        caption = theme.font("small").get_linesize() if any(chip.caption for chip in chips) else 0
        chip_top = top + pad if beside else blocks[-1].bottom(theme) + theme.px(8)
        x = self.width - pad - chips_width if beside else text_left
        placed = []
        for chip in chips:
            placed.append(Chip(chip.rect.move(x, chip_top + caption), chip.text, chip.grade, chip.caption))
            x += chip.rect.width + theme.px(10)
        bottom = max(blocks[-1].bottom(theme), max(chip.rect.bottom for chip in placed), top + pad + 2 * radius) + pad
        rect = pygame.Rect(0, top, self.width, bottom - top)
        badge = (pad + radius, top + pad + body // 2)
        self._add(Card(rect, tuple(blocks), row.path, row.number, badge, tuple(placed)))

    def _principle(self, model: ProgressModel, principle: BrokenPrinciple) -> None:
        theme, palette, pad, top = self.theme, self.theme.palette, self.pad, self.y
        inner = self.width - 2 * pad
        times = "once" if principle.times == 1 else "twice" if principle.times == 2 else f"{principle.times} times"
        texts = [
            (principle.principle_name, "body", palette.accent),
            (f"Missed {times}, most recently in {principle.scenario_title}", "small", palette.muted),
            (f"You said: {quoted(principle.example_text)}", "body", palette.text),
        ]
        if principle.feedback:
            texts.append((principle.feedback, "body", palette.muted))
        if principle.better_text:
            texts.append((f"Better: {quoted(principle.better_text)}", "body", palette.good))
        blocks: list[TextBlock] = []
        y = top + pad
        for text, role, color in texts:
            blocks.append(TextBlock(text, role, color, inner, (pad, y)))
            y = blocks[-1].bottom(theme) + theme.px(4)
        rect = pygame.Rect(0, top, self.width, y - theme.px(4) + pad - top)
        self._add(Card(rect, tuple(blocks), model.path_of(principle.scenario_id)))


def _row_lines(row: ScenarioRow) -> list[str]:
    """Under the title: where it stands on the ladder and how often it was played, then the last scores."""
    where = f"Difficulty {row.difficulty}" if row.difficulty is not None else GONE
    standing, last = row.standing, row.last
    if standing is None:
        return [kept_together(where, "not played yet")]
    attempts = "1 attempt" if standing.attempts == 1 else f"{standing.attempts} attempts"
    day = played_on(standing.last_played)
    lines = [kept_together(where, attempts, *([f"last played {day}"] if day else []))]
    if last is not None:
        values = (last.composure, last.assertiveness, last.resolution)
        lines.append(kept_together(*(f"{name} {value}" for name, value in zip(SCORES, values, strict=True))))
    return lines


def kept_together(*parts: str) -> str:
    """Parts with a dot between them, each kept whole on one line when the text wraps ("composure" never
    parted from its number, no line starting with a dot)."""
    return SEPARATOR.join(part.replace(" ", NO_BREAK) for part in parts)


def _chips(theme: Theme, row: ScenarioRow) -> list[Chip]:
    """Best and last as grade chips, or a single "New"; placed at (0, 0), moved into place by the row."""
    standing = row.standing
    shown = (
        [("New", "", "")]
        if standing is None
        else [
            (f"{standing.best_grade} {standing.best_overall}", standing.best_grade, "best"),
            (f"{standing.last_grade} {standing.last_overall}", standing.last_grade, "last"),
        ]
    )
    height = theme.font("body").get_linesize() + theme.px(6)
    widest = max(theme.text("E 100", "body").get_width(), theme.text("best", "small").get_width())
    chips = []
    for text, grade, caption in shown:
        width = max(widest, theme.text(text, "body").get_width()) + 2 * theme.px(10)
        chips.append(Chip(pygame.Rect(0, 0, width, height), text, grade, caption))
    return chips
