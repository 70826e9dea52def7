"""Where everything on the debrief goes, worked out once per window size and theme.

Kept apart from the scene so the scene reads as behaviour: this module only measures
text and places rects. The transcript is laid out in its own coordinates for the Scroller.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.engine import Outcome, Result, Review, Scenario, quoted_speech

from ..chart import ChartLayout, layout_chart
from ..scroll import TextBlock
from ..theme import Color, Theme
from ..widgets import ButtonList

OUTCOMES = {  # the word and the palette colour of each outcome
    Outcome.RESOLVED: ("Resolved", "good"),
    Outcome.PARTIAL: ("Partly resolved", "annoyed"),
    Outcome.ESCALATED: ("Escalated", "angry"),
    Outcome.LOST: ("Lost", "bad"),
}
HEADER_SHARE = 0.3  # the ending text moves into the transcript if the header would be taller
SCORE_LABELS = ("Composure", "Assertiveness", "Resolution")
HEADING = "Your answers"
HINT = "Pick an answer, then Rewind to try it another way"


@dataclass(frozen=True, slots=True)
class Entry:
    rect: pygame.Rect  # in the transcript's coordinates
    blocks: tuple[TextBlock, ...]
    answer: int | None  # 0-based; None for the card with the ending's text
    badge: tuple[int, int] = (0, 0)  # centre of the answer's number, transcript coordinates
    chip: pygame.Rect = field(
        default_factory=lambda: pygame.Rect(0, 0, 0, 0)
    )  # the anger change, transcript coordinates


@dataclass(frozen=True, slots=True)
class ScoreRow:
    label: tuple[int, int]  # left, centre y
    bar: pygame.Rect
    value: tuple[int, int]  # right, centre y


@dataclass(frozen=True, slots=True)
class DebriefLayout:
    badge: pygame.Rect
    scenario_title: tuple[int, int] | None  # beside the badge when it fits
    title: tuple[int, int]
    text: tuple[int, int] | None  # None: the ending's text is the transcript's first card
    header_width: int
    grade: pygame.Rect
    overall: tuple[int, int]  # right edge and top of "Overall" and the number under it
    left: pygame.Rect
    scores: tuple[ScoreRow, ...]
    chart: ChartLayout
    right: pygame.Rect
    heading: tuple[int, int]
    hint: tuple[int, int] | None  # beside or under the heading, or not at all when no room
    viewport: pygame.Rect
    entries: tuple[Entry, ...]
    content_height: int


def layout_debrief(theme: Theme, result: Result, scenario: Scenario, buttons: ButtonList) -> DebriefLayout:
    width, height = theme.size
    margin, gap = theme.px(24), theme.px(16)
    buttons_top = _layout_buttons(theme, buttons, len(result.reviews))
    # the header: outcome badge, ending title and text on the left; the grade on the right
    side = theme.font("title").get_linesize() + theme.px(28)
    grade = pygame.Rect(width - margin - side, margin, side, side)
    overall_width = max(theme.text("Overall", "small").get_width(), theme.text("100 / 100", "heading").get_width())
    header_width = grade.left - theme.px(20) - overall_width - gap - margin
    small = theme.font("small")
    badge_label = theme.text(OUTCOMES[result.outcome][0].upper(), "small")
    badge = pygame.Rect(margin, margin, 0, small.get_linesize() + theme.px(10))
    badge.width = badge_label.get_width() + badge.height + theme.px(24)  # the icon is a badge.height square
    title_top = badge.bottom + theme.px(8)
    beside_badge = (badge.right + theme.px(12), badge.centery - small.get_linesize() // 2)
    fits = beside_badge[0] + theme.text(scenario.title, "small").get_width() <= margin + header_width
    scenario_title = beside_badge if fits else None
    bottom = title_top + theme.text(result.ending.title, "heading", width=header_width).get_height()
    text_height = theme.text(result.ending.text, "body", width=header_width).get_height()
    text: tuple[int, int] | None = None
    if bottom + theme.px(8) + text_height - margin <= height * HEADER_SHARE:
        text = (margin, bottom + theme.px(8))
        bottom += theme.px(8) + text_height
    top = max(bottom, grade.bottom + theme.px(2) + small.get_linesize()) + gap  # "grade" is under the letter
    # the columns: scores and the chart on the left, the transcript on the right
    columns = buttons_top - gap - top
    left = pygame.Rect(margin, top, max(theme.px(300), round(width * 0.38)), columns)
    right = pygame.Rect(left.right + gap, top, width - margin - left.right - gap, columns)
    pad = theme.px(16)
    scores, below = _layout_scores(theme, left.inflate(-2 * pad, -2 * pad))
    chart_rect = pygame.Rect(left.x + pad, below + gap, left.width - 2 * pad, left.bottom - pad - below - gap)
    chart = layout_chart(theme, chart_rect, result.anger_curve, scenario.customer.walks_out_at)
    heading = (right.x + pad, right.y + pad)
    heading_height = theme.font("heading").get_linesize()
    hint_width = theme.text(HINT, "small").get_width()
    head_width = theme.text(HEADING, "heading").get_width()
    hint: tuple[int, int] | None = None
    viewport_top = heading[1] + heading_height + theme.px(8)
    if head_width + gap + hint_width <= right.width - 2 * pad:
        hint = (right.right - pad - hint_width, heading[1] + heading_height - small.get_linesize() - theme.px(2))
    elif hint_width <= right.width - 2 * pad and right.height > 11 * heading_height:
        hint = (heading[0], viewport_top)
        viewport_top += small.get_linesize() + theme.px(6)
    viewport = pygame.Rect(right.x + pad, viewport_top, right.width - 2 * pad, right.bottom - pad // 2 - viewport_top)
    entries, content_height = _layout_entries(theme, result, viewport.width - theme.px(14), text is None)
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
        viewport,
        entries,
        content_height,
    )


def _layout_buttons(theme: Theme, buttons: ButtonList, answers: int) -> int:
    """A centred row at the bottom, the Rewind button wide enough for any answer number; returns its top."""
    width, height = theme.size
    pad = theme.px(16)
    button_height = theme.font("body").get_linesize() + 2 * theme.px(12)
    top = height - theme.px(20) - button_height
    widest_rewind = f"Rewind to answer {max(1, answers)}"
    widths = [
        theme.text(widest_rewind if b.action == "rewind" else b.label, "body").get_width() + 2 * pad + theme.px(2)
        for b in buttons.buttons
    ]
    gap = theme.px(16)
    x = (width - sum(widths) - gap * (len(widths) - 1)) // 2
    for button, button_width in zip(buttons.buttons, widths, strict=True):
        button.rect = pygame.Rect(x, top, button_width, button_height)
        x += button_width + gap
    return top


def _layout_scores(theme: Theme, inner: pygame.Rect) -> tuple[tuple[ScoreRow, ...], int]:
    """One row per score: label, bar, number; returns them and the bottom of the last."""
    label_width = max(theme.text(label, "body").get_width() for label in SCORE_LABELS)
    value_width = theme.text("100", "body").get_width()
    row_height = theme.font("body").get_linesize() + theme.px(10)
    bar_height = theme.px(12)
    rows = []
    for number in range(len(SCORE_LABELS)):
        centre = inner.top + row_height * number + row_height // 2
        bar_left = inner.left + label_width + theme.px(14)
        bar = pygame.Rect(
            bar_left, centre - bar_height // 2, inner.right - value_width - theme.px(14) - bar_left, bar_height
        )
        rows.append(ScoreRow((inner.left, centre), bar, (inner.right, centre)))
    return tuple(rows), inner.top + row_height * len(SCORE_LABELS)


def _layout_entries(theme: Theme, result: Result, width: int, ending_card: bool) -> tuple[tuple[Entry, ...], int]:
    gap = theme.px(10)
    entries: list[Entry] = []
    y = 0
    cards: list[tuple[str, tuple[str, ...]]] = [("How it ended", (result.ending.text,))] if ending_card else []
    cards.append(("Why these scores", result.reasons))
    for heading, texts in cards:
        entries.append(_layout_card(theme, heading, texts, width, y))
        y = entries[-1].rect.bottom + gap
    for number, review in enumerate(result.reviews):
        entries.append(_layout_entry(theme, review, number, width, y))
        y = entries[-1].rect.bottom + gap
    return tuple(entries), max(0, y - gap)


def _layout_card(theme: Theme, heading: str, texts: tuple[str, ...], width: int, top: int) -> Entry:
    """A card that is not an answer: a small heading over paragraphs."""
    palette, pad = theme.palette, theme.px(14)
    blocks = [TextBlock(heading, "small", palette.accent, width - 2 * pad, (pad, top + pad))]
    for text in texts:
        y = blocks[-1].bottom(theme) + theme.px(4)
        blocks.append(TextBlock(text, "body", palette.text, width - 2 * pad, (pad, y)))
    return Entry(pygame.Rect(0, top, width, blocks[-1].bottom(theme) + pad - top), tuple(blocks), None)


def _layout_entry(theme: Theme, review: Review, number: int, width: int, top: int) -> Entry:
    palette, pad = theme.palette, theme.px(14)
    body, small = theme.font("body"), theme.font("small")
    radius = round(body.get_linesize() * 0.62)
    chip_width = max(body.size("+100")[0] + theme.px(22), small.size("now 100")[0]) + theme.px(4)
    text_left = pad + 2 * radius + theme.px(12)
    said_width = width - text_left - chip_width - 2 * pad
    full = width - text_left - pad
    y = top + pad
    blocks = [TextBlock(quoted(review.text), "body", palette.text, said_width, (text_left, y))]
    chip = pygame.Rect(width - pad - chip_width, y, chip_width, body.get_linesize() + small.get_linesize())
    y = max(blocks[-1].bottom(theme), chip.bottom) + theme.px(8)
    for text, role, color in _notes(theme, review):
        blocks.append(TextBlock(text, role, color, full, (text_left, y)))
        y = blocks[-1].bottom(theme) + theme.px(6)
    rect = pygame.Rect(0, top, width, y - top - theme.px(6) + pad)
    return Entry(rect, tuple(blocks), number, (pad + radius, top + pad + body.get_linesize() // 2), chip)


def _notes(theme: Theme, review: Review) -> list[tuple[str, str, Color]]:
    """What follows the answer: the feedback, the principle and the better choice."""
    palette = theme.palette
    notes: list[tuple[str, str, Color]] = []
    if review.feedback:
        notes.append((review.feedback, "body", palette.muted))
    if review.principle is not None:
        notes.append((f"Principle: {review.principle.name}", "small", palette.accent))
        if review.principle.explanation:
            notes.append((review.principle.explanation, "small", palette.muted))
    if review.better_id is not None:
        notes.append((f"Better: {quoted(review.better_text)}", "small", palette.good))
    else:
        notes.append(("One of the best answers here.", "small", palette.good))
    return notes


def quoted(text: str) -> str:
    """Words said go in quotes; the engine's "(no answer in time)" and the like do not."""
    return text if text.startswith("(") else quoted_speech(text)
