"""Which of the library's cards the picker shows, and in what order, and the row of choices
that sets it.

Cards run from gentle to hard (difficulty, then title), one list rather than channel headings:
a new hire climbs a ladder of difficulty, and the channel row narrows the ladder to the
counter, the phone or chat in one keystroke. A file with a mistake has no channel or
difficulty to filter by, so it is shown under every choice, after the scenarios, where a
trainer who is filtering still sees it needs fixing. The choice is remembered per App, so
it survives going into a conversation and back, and is forgotten when the game closes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar
from weakref import WeakKeyDictionary

import pygame

from game.engine import Channel, Scenario

from ..theme import Theme

CHANNEL_NAMES = {Channel.IN_PERSON: "In person", Channel.PHONE: "Phone", Channel.CHAT: "Chat"}
CHANNEL_ORDER: tuple[Channel | None, ...] = (None, *CHANNEL_NAMES)
MAX_DIFFICULTY = 5
GROUP_LABELS = {"channel": "Channel (Left/Right):", "difficulty": "Difficulty (keys 1\u20135):"}


class Listed(Protocol):
    """What ordering and filtering need of a picker card (picker.Card), without importing it back."""

    @property
    def title(self) -> str: ...

    @property
    def scenario(self) -> Scenario | None: ...


CardT = TypeVar("CardT", bound=Listed)


@dataclass(frozen=True, slots=True)
class Filter:
    """A channel and a difficulty to show, None meaning all of them."""

    channel: Channel | None = None
    difficulty: int | None = None

    def admits(self, card: Listed) -> bool:
        scenario = card.scenario
        if scenario is None:
            return True
        return self.channel in (None, scenario.channel) and self.difficulty in (None, scenario.difficulty)

    def step_channel(self, step: int) -> Filter:
        """The next channel along the row (All, In person, Phone, Chat), wrapping round."""
        index = CHANNEL_ORDER.index(self.channel)
        return replace(self, channel=CHANNEL_ORDER[(index + step) % len(CHANNEL_ORDER)])

    def toggle_difficulty(self, difficulty: int) -> Filter:
        """Show only this difficulty; asking for the one already shown shows them all again."""
        return replace(self, difficulty=None if self.difficulty == difficulty else difficulty)

    def describe(self) -> str:
        channel = CHANNEL_NAMES[self.channel].lower() if self.channel else "any channel"
        difficulty = f"difficulty {self.difficulty}" if self.difficulty else "any difficulty"
        return f"{channel}, {difficulty}"


REMEMBERED: WeakKeyDictionary[object, Filter] = WeakKeyDictionary()  # per App, while it runs


def shown(cards: Iterable[CardT], chosen: Filter) -> list[CardT]:
    """The cards the filter admits, gentle to hard, then any broken files in file order."""
    admitted = [card for card in cards if chosen.admits(card)]
    good = [card for card in admitted if card.scenario is not None]
    good.sort(key=lambda card: (card.scenario.difficulty if card.scenario else 0, card.title.casefold()))
    return good + [card for card in admitted if card.scenario is None]


@dataclass(frozen=True, slots=True)
class Chip:
    """One choice in the filter row: clicking it sets `value` for its group."""

    group: str  # "channel" or "difficulty"
    value: Channel | int | None
    label: str
    rect: pygame.Rect

    def applied(self, chosen: Filter) -> Filter:
        if self.group == "channel":
            return replace(chosen, channel=self.value if isinstance(self.value, Channel) else None)
        return replace(chosen, difficulty=self.value if isinstance(self.value, int) else None)

    def selected(self, chosen: Filter) -> bool:
        return bool(getattr(chosen, self.group) == self.value)


@dataclass(frozen=True, slots=True)
class FilterRow:
    """The laid-out row: group labels where they go, the chips, and where the row ends."""

    labels: tuple[tuple[str, tuple[int, int]], ...]
    chips: tuple[Chip, ...]
    bottom: int

    def at(self, pos: tuple[int, int]) -> Chip | None:
        return next((chip for chip in self.chips if chip.rect.collidepoint(pos)), None)


def choices() -> list[tuple[str, Sequence[tuple[Channel | int | None, str]]]]:
    channels = [(channel, CHANNEL_NAMES[channel] if channel else "All") for channel in CHANNEL_ORDER]
    levels: list[tuple[Channel | int | None, str]] = [(None, "All")]
    levels += [(n, str(n)) for n in range(1, MAX_DIFFICULTY + 1)]
    return [("channel", channels), ("difficulty", levels)]


def layout_row(theme: Theme, left: int, top: int, width: int) -> FilterRow:
    """Label and chips flowed left to right, wrapping to a new line when the column is full."""
    small = theme.font("small")
    height = small.get_linesize() + theme.px(8)
    gap, x, y, right = theme.px(8), left, top, left + width
    labels, chips = [], []

    def place(item_width: int, after: int) -> tuple[int, int]:
        nonlocal x, y
        if x > left and x + item_width > right:
            x, y = left, y + height + gap
        where = (x, y)
        x += item_width + after
        return where

    for group, options in choices():
        label = GROUP_LABELS[group]
        labels.append((label, place(theme.text(label, "small").get_width(), gap)))
        for value, words in options:
            chip_width = theme.text(words, "small").get_width() + theme.px(20)
            pos = place(chip_width, gap)
            chips.append(Chip(group, value, words, pygame.Rect(pos, (chip_width, height))))
        x += theme.px(16)  # a wider gap between the two groups
    return FilterRow(tuple(labels), tuple(chips), y + height)


def draw_row(surface: pygame.Surface, theme: Theme, row: FilterRow, chosen: Filter) -> None:
    """Chosen chips filled in the accent colour, the others outlined, so the choice reads at a glance."""
    palette = theme.palette
    height = row.chips[0].rect.height
    for label, (x, y) in row.labels:
        words = theme.text(label, "small", palette.muted)
        surface.blit(words, words.get_rect(midleft=(x, y + height // 2)))
    for chip in row.chips:
        on = chip.selected(chosen)
        radius = chip.rect.height // 2
        if on:
            pygame.draw.rect(surface, palette.accent, chip.rect, border_radius=radius)
        else:
            pygame.draw.rect(surface, palette.panel_edge, chip.rect, theme.px(2), border_radius=radius)
        words = theme.text(chip.label, "small", palette.background if on else palette.text)
        surface.blit(words, words.get_rect(center=chip.rect.center))
