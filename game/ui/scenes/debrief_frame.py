"""Where everything on the debrief goes: the header, the scores with what each measures, the
chart, the list of answers (debrief_layout) and the buttons, worked out per window size, theme
and the list's state (which answer is open).

Kept apart from the scene so the scene reads as behaviour: this module only measures
text and places rects.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import pygame

from game.engine import SCORE_MEANINGS, Outcome, Result, Scenario

from ..chart import ChartLayout, layout_chart
from ..theme import Theme
from ..transcript import Heard
from ..widgets import ButtonList
from .debrief_layout import Entry, layout_list

OUTCOMES = {  # the word and the palette colour of each outcome
    Outcome.RESOLVED: ("Resolved", "good"),
    Outcome.PARTIAL: ("Partly resolved", "annoyed"),
    Outcome.ESCALATED: ("Escalated", "angry"),
    Outcome.LOST: ("Lost", "bad"),
}
HEADER_SHARE = 0.3  # the ending text moves into the list if the header would be taller
CHART_LINES = 8  # the chart's least height in small lines, before the ending text leaves the header
SCORE_LABELS = ("Composure", "Assertiveness", "Resolution")
HEADING = "Your answers"
OVERALL = "Overall score and grade"
TOGGLE_LABELS = ("Show all", "Hide all")  # what was said before every answer
HINT = "Up/Down: an answer. Right/Left: what was said before it. Enter: rewind to it"
SHORT_HINT = "Right/Left: what was said before"
TIME_LIMIT_NOTES = {  # how the run was timed, when not as the scenario wrote it (WCAG 2.2.1)
    "off": "Played with time limits off",
    "1.5x": "Played with time limits 1.5x longer",
    "2x": "Played with time limits 2x longer",
}


def time_limits_note(time_limits: str) -> str:
    """A sentence for a run not played at the scenario's own time limits; "" for one that was."""
    return TIME_LIMIT_NOTES.get(time_limits, "")


@dataclass(frozen=True, slots=True)
class ScoreRow:
    label: tuple[int, int]  # left, centre y
    bar: pygame.Rect
    value: tuple[int, int]  # right, centre y
    meaning: tuple[int, int]  # the top left of the sentence saying what the score measures
    meaning_width: int


@dataclass(frozen=True, slots=True)
class DebriefLayout:
    badge: pygame.Rect
    scenario_title: tuple[int, int] | None  # beside the badge when it fits
    title: tuple[int, int]
    text: tuple[int, int] | None  # None: the ending's text is a card at the end of the list
    header_width: int
    grade: pygame.Rect
    overall: tuple[int, int]  # right edge and top of "Overall" and the number under it
    left: pygame.Rect
    scores: tuple[ScoreRow, ...]
    chart: ChartLayout
    right: pygame.Rect
    heading: tuple[int, int]
    hint: tuple[int, int] | None  # under the heading, or not at all when there is no room
    toggle: pygame.Rect  # the button that shows or hides what was said before every answer
    viewport: pygame.Rect
    entries: tuple[Entry, ...]
    content_height: int
    scenario_line: str  # beside the badge: the scenario's title, and how the run was timed when not as written
    note: tuple[int, int] | None = None  # why the attempt is not in the results, under the buttons
    note_width: int = 0


@dataclass(frozen=True, slots=True)
class ListState:
    """What the list shows: the answer open as a card, and the turns showing what was said before."""

    selected: int | None
    opened: Collection[int]
    heard: Sequence[Heard]
    toggle_label: str


def layout_debrief(
    theme: Theme,
    result: Result,
    scenario: Scenario,
    buttons: ButtonList,
    state: ListState,
    time_note: str = "",
    note: str = "",
) -> DebriefLayout:
    width, height = theme.size
    margin, gap = theme.px(24), theme.px(16)
    # the header: outcome badge, ending title and text on the left; the grade on the right
    side = min(theme.font("title").get_linesize(), grade_room(theme)) + theme.px(20)
    grade = pygame.Rect(width - margin - side, margin, side, side)
    overall_width = max(theme.text(OVERALL, "small").get_width(), theme.text("100 / 100", "heading").get_width())
    header_width = grade.left - theme.px(20) - overall_width - gap - margin
    small = theme.font("small")
    badge_label = theme.text(OUTCOMES[result.outcome][0].upper(), "small")
    badge = pygame.Rect(margin, margin, 0, small.get_linesize() + theme.px(10))
    badge.width = badge_label.get_width() + badge.height + theme.px(24)  # the icon is a badge.height square
    title_top = badge.bottom + theme.px(8)
    beside_badge = (badge.right + theme.px(12), badge.centery - small.get_linesize() // 2)
    room = margin + header_width - beside_badge[0]
    scenario_line = scenario.title
    if time_note:  # the note matters more than the title, which the trainee has just chosen
        both = f"{scenario.title} \u00b7 {time_note}"
        scenario_line = both if theme.text(both, "small").get_width() <= room else time_note
    fits = theme.text(scenario_line, "small").get_width() <= room
    scenario_title = beside_badge if fits else None
    bottom = title_top + theme.text(result.ending.title, "heading", width=header_width).get_height()
    text_height = theme.text(result.ending.text, "body", width=header_width).get_height()
    text: tuple[int, int] | None = None
    left_width, pad = max(theme.px(300), round(width * 0.32)), theme.px(16)
    bottom_margin = theme.px(16)
    note_at: tuple[int, int] | None = None
    below_buttons = height - bottom_margin
    if note:  # why the attempt is not in the results: under the buttons, at the foot of the left column
        below_buttons -= theme.text(note, "small", width=left_width).get_height() + theme.px(8)
        note_at = (margin, below_buttons + theme.px(8))
    # the buttons under the left column when they fit there in a row, so the list runs to the foot;
    # else in a row across the foot of both
    buttons_top, rows = _layout_buttons(
        theme, buttons, len(result.reviews), pygame.Rect(margin, 0, left_width, below_buttons)
    )
    list_bottom = height - bottom_margin
    if rows > 1:
        across = pygame.Rect(margin, 0, width - 2 * margin, below_buttons)
        buttons_top, _ = _layout_buttons(theme, buttons, len(result.reviews), across)
        list_bottom = buttons_top - gap
    _, scores_height = _layout_scores(theme, pygame.Rect(0, 0, left_width - 2 * pad, 0))
    least = scores_height + gap + CHART_LINES * small.get_linesize() + 2 * pad  # the left column at its smallest
    with_text = max(bottom + theme.px(8) + text_height, grade.bottom) + gap
    if with_text - margin <= height * HEADER_SHARE and buttons_top - gap - with_text >= least:
        text = (margin, bottom + theme.px(8))
        bottom += theme.px(8) + text_height
    top = max(bottom, grade.bottom) + gap
    # the columns: scores and the chart on the left, the list of answers on the right
    left = pygame.Rect(margin, top, left_width, buttons_top - gap - top)
    right = pygame.Rect(left.right + gap, top, width - margin - left.right - gap, list_bottom - top)
    scores, below = _layout_scores(theme, left.inflate(-2 * pad, -2 * pad))
    chart_rect = pygame.Rect(left.x + pad, below + gap, left.width - 2 * pad, left.bottom - pad - below - gap)
    chart = layout_chart(theme, chart_rect, result.anger_curve, scenario.customer.walks_out_at, numbers_below=True)
    heading = (right.x + pad, right.y + pad // 2)
    heading_height = theme.font("heading").get_linesize()
    toggle = _layout_toggle(theme, state.toggle_label, right.right - pad, heading[1] + heading_height // 2)
    hint: tuple[int, int] | None = None
    viewport_top = heading[1] + heading_height + theme.px(4)
    inner_width = right.width - 2 * pad
    if theme.text(HINT, "small").get_width() <= inner_width and right.height > 11 * heading_height:
        hint = (heading[0], viewport_top)
        viewport_top += small.get_linesize() + theme.px(6)
    viewport = pygame.Rect(right.x + pad, viewport_top, inner_width, right.bottom - pad // 2 - viewport_top)
    entries, content_height = layout_list(
        theme, result, state.heard, viewport.width - theme.px(14), state.selected, state.opened, text is None
    )
    overall = (grade.left - theme.px(20), grade.top)
    return DebriefLayout(
        badge,
        scenario_title,
        (margin, title_top),
        text,
        header_width,
        grade,
        overall,
        left,
        scores,
        chart,
        right,
        heading,
        hint,
        toggle,
        viewport,
        entries,
        content_height,
        scenario_line,
        note_at,
        left_width,
    )


def grade_room(theme: Theme) -> int:
    """The grade's letter is as tall as the badge and the ending's title beside it, at most."""
    badge = theme.font("small").get_linesize() + theme.px(10)
    return badge + theme.px(8) + theme.font("heading").get_linesize() - theme.px(20)


def _layout_toggle(theme: Theme, label: str, right: int, centre_y: int) -> pygame.Rect:
    """A small button at the heading's right; as wide as its longer label, so it does not jump."""
    widest = max(theme.text(words, "small").get_width() for words in TOGGLE_LABELS)
    rect = pygame.Rect(0, 0, widest + 2 * theme.px(12), theme.font("small").get_linesize() + theme.px(10))
    rect.midright = (right, centre_y)
    return rect


def _layout_buttons(theme: Theme, buttons: ButtonList, answers: int, column: pygame.Rect) -> tuple[int, int]:
    """The buttons in as few rows as fit the column's width, each row centred, the last at the
    column's bottom; the Rewind button wide enough for any answer number. Returns the first row's
    top and how many rows it took."""
    pad, gap = theme.px(16), theme.px(12)
    button_height = theme.font("body").get_linesize() + 2 * theme.px(12)
    widest_rewind = f"Rewind to answer {max(1, answers)}"
    widths = [
        theme.text(widest_rewind if b.action == "rewind" else b.label, "body").get_width() + 2 * pad + theme.px(2)
        for b in buttons.buttons
    ]
    rows: list[list[int]] = [[]]
    for index, button_width in enumerate(widths):
        row = rows[-1]
        if row and sum(widths[i] for i in row) + gap * len(row) + button_width > column.width:
            rows.append([])
        rows[-1].append(index)
    top = column.bottom - len(rows) * button_height - (len(rows) - 1) * gap
    for number, row in enumerate(rows):
        y = top + number * (button_height + gap)
        x = column.centerx - (sum(widths[i] for i in row) + gap * (len(row) - 1)) // 2
        for index in row:
            buttons.buttons[index].rect = pygame.Rect(x, y, widths[index], button_height)
            x += widths[index] + gap
    return top, len(rows)


def _layout_scores(theme: Theme, inner: pygame.Rect) -> tuple[tuple[ScoreRow, ...], int]:
    """One row per score: label, bar, number, and under them what the score measures; returns
    them and the bottom of the last."""
    label_width = max(theme.text(label, "body").get_width() for label in SCORE_LABELS)
    value_width = theme.text("100", "body").get_width()
    row_height = theme.font("body").get_linesize() + theme.px(2)
    bar_height = theme.px(12)
    rows = []
    top = inner.top
    for label in SCORE_LABELS:
        centre = top + row_height // 2
        bar_left = inner.left + label_width + theme.px(14)
        bar = pygame.Rect(
            bar_left, centre - bar_height // 2, inner.right - value_width - theme.px(14) - bar_left, bar_height
        )
        meaning = (inner.left, top + row_height)
        rows.append(ScoreRow((inner.left, centre), bar, (inner.right, centre), meaning, inner.width))
        top = meaning[1] + theme.text(meaning_of(label), "small", width=inner.width).get_height() + theme.px(8)
    return tuple(rows), top


def meaning_of(label: str) -> str:
    return SCORE_MEANINGS[label.lower()]
