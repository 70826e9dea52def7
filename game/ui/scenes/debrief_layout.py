"""The debrief's list of answers, laid out: one line per answer, the selected one opened as a card.

A row is the answer's number, its opening words, what it did to the anger and a mark for how good
it was. The selected answer opens into a card: the answer in full, then the better words (the
lesson, in the largest and brightest type after the answer itself), then why, then the principle.
A turn can also be opened to show what the customer said before it, so the list reads as the
conversation both ways. After the answers come how it ended (when the header had no room for it)
and why the scores are what they are. Everything is in the list's own coordinates.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import pygame

from game.engine import Result, Review, quoted_speech

from ..scroll import TextBlock
from ..theme import Color, Theme
from ..transcript import Heard, opening_words
from .debrief_marks import Mark, mark_of, mark_width

GAP = 4  # scaled pixels between two rows


@dataclass(frozen=True, slots=True)
class Entry:
    rect: pygame.Rect  # in the list's coordinates
    blocks: tuple[TextBlock, ...]
    answer: int | None  # 0-based; None for a card that is not an answer
    head: pygame.Rect = field(default_factory=pygame.Rect)  # the line with the number, the opening words and the marks
    opening: str = ""  # the answer's opening words, for its head when the answer is not shown in full
    badge: tuple[int, int] = (0, 0)  # centre of the answer's number
    chip: pygame.Rect = field(default_factory=pygame.Rect)  # the anger change, then the mark
    toggle: pygame.Rect = field(default_factory=pygame.Rect)  # the arrow that shows or hides what was said before
    opened: bool = False  # what the customer said is shown
    selected: bool = False  # the card is open: the answer in full, the better words, why
    mark: Mark | None = None
    better: TextBlock | None = None  # the lesson's block, drawn with a bar in its colour beside it

    @property
    def in_full(self) -> bool:
        """The answer's words are a block of their own below the head, not opening words in it."""
        return self.selected or self.opened


@dataclass(frozen=True, slots=True)
class Metrics:
    """Sizes shared by every row, measured once per layout."""

    pad: int
    line: int  # a body line
    radius: int  # the number's circle
    toggle: int  # the arrow's square
    text_left: int
    chip_width: int


def metrics(theme: Theme) -> Metrics:
    body, small = theme.font("body"), theme.font("small")
    pad = theme.px(10)
    radius = round(small.get_linesize() * 0.62)
    toggle = theme.px(12) + small.get_height() // 2
    chip_width = body.size("+100")[0] + 2 * theme.px(7) + theme.px(6) + mark_width(theme)
    text_left = pad + toggle + theme.px(6) + 2 * radius + theme.px(10)
    return Metrics(pad, body.get_linesize(), radius, toggle, text_left, chip_width)


def layout_list(
    theme: Theme,
    result: Result,
    heard: Sequence[Heard],
    width: int,
    selected: int | None,
    opened: Collection[int],
    ending_card: bool,
) -> tuple[tuple[Entry, ...], int]:
    """Every row and card from the top down; returns them and the list's height."""
    sizes, gap = metrics(theme), theme.px(GAP)
    entries: list[Entry] = []
    y = 0
    for number, review in enumerate(result.reviews):
        said = heard[number] if number < len(heard) else None
        entries.append(_turn(theme, sizes, review, number, said, width, y, number == selected, number in opened))
        y = entries[-1].rect.bottom + gap
    cards: list[tuple[str, tuple[str, ...]]] = [("How it ended", (result.ending.text,))] if ending_card else []
    cards.append(("Why these scores", result.reasons))
    for heading, texts in cards:
        y += theme.px(6)
        entries.append(_card(theme, heading, texts, width, y))
        y = entries[-1].rect.bottom + gap
    return tuple(entries), max(0, y - gap)


def _turn(
    theme: Theme,
    sizes: Metrics,
    review: Review,
    number: int,
    said: Heard | None,
    width: int,
    top: int,
    selected: bool,
    opened: bool,
) -> Entry:
    palette, pad = theme.palette, sizes.pad
    full = width - sizes.text_left - pad
    blocks: list[TextBlock] = []
    y = top + theme.px(6)
    if opened and said is not None:
        for text, role, color in _heard_lines(theme, said):
            blocks.append(TextBlock(text, role, color, full, (sizes.text_left, y)))
            y = blocks[-1].bottom(theme) + theme.px(2)
        y += theme.px(4)
    head_top = y
    words_width = full - sizes.chip_width - theme.px(8)
    opening = opening_words(theme.text_width, quoted(review.text), words_width)
    if selected or opened:
        blocks.append(TextBlock(quoted(review.text), "body", palette.text, words_width, (sizes.text_left, y)))
        y = max(blocks[-1].bottom(theme), y + sizes.line)
    else:
        y += sizes.line
    head = pygame.Rect(0, head_top, width, sizes.line)
    better: TextBlock | None = None
    if selected:
        y += theme.px(8)
        bar = theme.px(4) + theme.px(8)
        lesson = (
            f"Better: {quoted(review.better_text)}" if review.better_id is not None else "One of the best answers here."
        )
        better = TextBlock(lesson, "body", palette.good, full - bar, (sizes.text_left + bar, y))  # the lesson
        blocks.append(better)
        y = blocks[-1].bottom(theme) + theme.px(6)
        for text, role, color in _why(theme, review, opened):
            blocks.append(TextBlock(text, role, color, full, (sizes.text_left, y)))
            y = blocks[-1].bottom(theme) + theme.px(3)
    bottom = y + theme.px(6)
    chip = pygame.Rect(width - pad - sizes.chip_width, head_top, sizes.chip_width, sizes.line)
    toggle = pygame.Rect(pad, head_top + (sizes.line - sizes.toggle) // 2, sizes.toggle, sizes.toggle)
    badge = (toggle.right + theme.px(6) + sizes.radius, head_top + sizes.line // 2)
    return Entry(
        pygame.Rect(0, top, width, bottom - top),
        tuple(blocks),
        number,
        head,
        opening,
        badge,
        chip,
        toggle,
        opened,
        selected,
        mark_of(review),
        better,
    )


def _heard_lines(theme: Theme, said: Heard) -> list[tuple[str, str, Color]]:
    """What the customer said before the answer, and any narration, muted: the context, not the lesson."""
    lines: list[tuple[str, str, Color]] = []
    if said.narration:
        lines.append((said.narration, "small", theme.palette.muted))
    if said.line:
        lines.append((f"{said.speaker}: {quoted(said.line)}", "small", theme.palette.muted))
    return lines or [("(nothing was said)", "small", theme.palette.muted)]


def _why(theme: Theme, review: Review, opened: bool) -> list[tuple[str, str, Color]]:
    """Why the answer helped or hurt, and the principle; its explanation when the turn is opened."""
    palette = theme.palette
    notes: list[tuple[str, str, Color]] = []
    if review.feedback:
        notes.append((review.feedback, "small", palette.muted))
    if review.principle is not None:
        notes.append((f"Principle: {review.principle.name}", "small", palette.accent))
        if opened and review.principle.explanation:
            notes.append((review.principle.explanation, "small", palette.muted))
    return notes


def _card(theme: Theme, heading: str, texts: tuple[str, ...], width: int, top: int) -> Entry:
    """A card that is not an answer: a small heading over paragraphs."""
    palette, pad = theme.palette, theme.px(14)
    blocks = [TextBlock(heading, "small", palette.accent, width - 2 * pad, (pad, top + pad))]
    for text in texts:
        y = blocks[-1].bottom(theme) + theme.px(4)
        blocks.append(TextBlock(text, "body", palette.text, width - 2 * pad, (pad, y)))
    rect = pygame.Rect(0, top, width, blocks[-1].bottom(theme) + pad - top)
    return Entry(rect, tuple(blocks), None, pygame.Rect(0, top, width, blocks[0].bottom(theme) + pad - top))


def quoted(text: str) -> str:
    """Words said go in quotes; the engine's "(no answer in time)" and the like do not."""
    return text if text.startswith("(") else quoted_speech(text)
