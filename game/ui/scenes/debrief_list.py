"""The debrief's list of answers on screen: rows and the open card, scrolled a row at a time.

The list only comes to rest where a row or card starts at the top of its window (`stops`), so
no answer's number and opening words are ever cut off at the top. A card taller than the window
is scrolled through in steps, and while it is, its head stays pinned at the top.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

import pygame

from game.engine import Review

from ..scroll import Scroller
from ..theme import Theme, band_color
from .debrief_layout import Entry
from .debrief_marks import draw_change, draw_mark, mark_width


def band_height(theme: Theme) -> int:
    """The pinned head: one body line and a little room above and below."""
    return theme.font("body").get_linesize() + 2 * theme.px(6)


def stops(entries: Sequence[Entry], view_height: int, band: int) -> list[int]:
    """Where the list may come to rest: each entry's top, and steps through an entry taller than
    the window (the pinned head covering the top `band`). The last is the furthest down there is."""
    found: list[int] = []
    for entry in entries:
        found.append(entry.rect.top)
        step = max(1, view_height - 2 * band)
        inside = entry.rect.top + step
        while entry.rect.bottom - inside > view_height - band:
            found.append(inside)
            inside += step
        if entry.rect.height > view_height:
            found.append(entry.rect.bottom - view_height)
    content = entries[-1].rect.bottom if entries else 0
    last = next((stop for stop in found if content - stop <= view_height), 0)
    return sorted({stop for stop in found if stop <= last})


def list_height(entries: Sequence[Entry], view_height: int, band: int) -> int:
    """The height to scroll: the list, with room below for its last stop to reach the top."""
    content = entries[-1].rect.bottom if entries else 0
    return max(content, stops(entries, view_height, band)[-1] + view_height if entries else 0)


def stepped(places: Sequence[int], current: float, steps: int) -> int:
    """The stop `steps` away from `current` (positive: further down), or the nearest end."""
    if steps > 0:
        index = bisect_right(places, current + 0.5) - 1 + steps
    else:
        index = bisect_left(places, current - 0.5) + steps
    return places[max(0, min(len(places) - 1, index))]


def revealing(places: Sequence[int], current: float, entry: pygame.Rect, view_height: int) -> int:
    """The stop nearest `current` that shows `entry` whole, or its top when it is taller than the window."""
    if entry.top < current or entry.height > view_height:
        return entry.top
    if entry.bottom <= current + view_height:
        return round(current)
    return next((stop for stop in places if stop >= entry.bottom - view_height), entry.top)


def pinned(entries: Sequence[Entry], top: int) -> Entry | None:
    """The answer whose head has scrolled above the window while the rest of it is still in view."""
    return next((e for e in entries if e.answer is not None and e.head.top < top < e.rect.bottom - e.head.height), None)


def draw_list(
    surface: pygame.Surface,
    theme: Theme,
    scroller: Scroller,
    entries: Sequence[Entry],
    reviews: Sequence[Review],
    hover: int | None,
    focused: bool,
) -> None:
    """Every entry in view; a head scrolled off the top is drawn again, pinned there."""
    previous = surface.get_clip()
    head = pinned(entries, scroller.top)
    view = scroller
    if head is not None:
        band = band_height(theme)
        inner = scroller.viewport.copy()
        inner.top += band
        inner.height -= band
        view = replace(scroller, viewport=inner, offset=scroller.offset + band, target=scroller.target + band)
    for entry in entries:  # an entry whose head the bottom edge would cut shows down to its head
        row, area = view.to_screen(entry.head), view.viewport.copy()
        if row.top < area.bottom < row.bottom:
            area.height = row.top - area.top if entry.opened else 0  # else only its top edge would show
        surface.set_clip(area)
        if view.shows(entry.rect) and area.height > 0:
            _draw_entry(surface, theme, view, entry, reviews, hover, focused)
    surface.set_clip(scroller.viewport)
    if head is not None and head.answer is not None:
        _draw_pinned(surface, theme, scroller, head, reviews[head.answer], focused)
    surface.set_clip(previous)
    scroller.draw_bar(surface, theme)


def _card_colors(theme: Theme, entry: Entry, hover: int | None, focused: bool) -> tuple[tuple[int, int, int], int]:
    palette = theme.palette
    if entry.selected:
        return (palette.focus, theme.px(3)) if focused else (palette.accent, theme.px(2))
    if entry.answer is not None and entry.answer == hover:
        return palette.muted, theme.px(2)  # hover shows in the edge: a lighter fill would dim the notes
    return palette.panel_edge, 1


def _draw_entry(
    surface: pygame.Surface,
    theme: Theme,
    view: Scroller,
    entry: Entry,
    reviews: Sequence[Review],
    hover: int | None,
    focused: bool,
) -> None:
    palette = theme.palette
    card = view.to_screen(entry.rect)
    radius = theme.px(8)
    pygame.draw.rect(surface, palette.button, card, border_radius=radius)
    edge, width = _card_colors(theme, entry, hover, focused)
    pygame.draw.rect(surface, edge, card, width, border_radius=radius)
    for block in entry.blocks:
        view.draw_block(surface, theme, block)
    if entry.better is not None:
        _draw_bar(surface, theme, view, entry)
    if entry.answer is None:
        return
    review = reviews[entry.answer]
    head = view.to_screen(entry.head)
    if head.top >= view.viewport.top and head.bottom <= view.viewport.bottom:
        _draw_head(surface, theme, entry, review, (head.left, head.top), not entry.in_full)


def _draw_bar(surface: pygame.Surface, theme: Theme, view: Scroller, entry: Entry) -> None:
    """The lesson's bar: a stripe in its colour down the left of the better words."""
    assert entry.better is not None
    block = entry.better
    height = block.render(theme).get_height()
    bar = view.to_screen(pygame.Rect(block.pos[0] - theme.px(12), block.pos[1], theme.px(4), height))
    pygame.draw.rect(surface, theme.palette.good, bar.clip(view.viewport), border_radius=theme.px(2))


def _draw_head(
    surface: pygame.Surface, theme: Theme, entry: Entry, review: Review, at: tuple[int, int], words: bool
) -> None:
    """The row's head with its top left at `at` on screen: the arrow, the number, the opening words
    (when the answer is not in full below), the anger change and the mark."""
    palette, line = theme.palette, theme.font("body").get_linesize()
    left, top = at
    centre_y = top + line // 2
    _draw_toggle(surface, theme, entry.toggle.move(left, top - entry.head.top), entry.opened)
    step = review.step
    badge = (left + entry.badge[0], centre_y)
    radius = round(theme.font("small").get_linesize() * 0.62)
    pygame.draw.aacircle(surface, band_color(palette, step.anger_after), badge, radius)
    number = theme.text(str((entry.answer or 0) + 1), "small", palette.background)
    surface.blit(number, number.get_rect(center=(badge[0], badge[1] + 1)))
    if words:
        opening = theme.text(entry.opening, "body", palette.text)
        surface.blit(opening, (badge[0] + radius + theme.px(10), top))
    chip = entry.chip.move(left, 0)
    mark_box = pygame.Rect(0, 0, line - theme.px(4), line - theme.px(4))
    mark_box.midright = (chip.right, centre_y)
    if entry.mark is not None:
        draw_mark(surface, theme, entry.mark, mark_box)
    draw_change(surface, theme, step.anger_after - step.anger_before, chip.right - mark_width(theme), centre_y)


def _draw_toggle(surface: pygame.Surface, theme: Theme, box: pygame.Rect, opened: bool) -> None:
    """A small arrow: pointing right when what was said before is hidden, down when it shows."""
    color = theme.palette.muted
    third = box.width // 3
    c = box.center
    if opened:
        points = [(c[0] - third - 1, c[1] - third // 2), (c[0] + third + 1, c[1] - third // 2), (c[0], c[1] + third)]
    else:
        points = [(c[0] - third // 2, c[1] - third - 1), (c[0] - third // 2, c[1] + third + 1), (c[0] + third, c[1])]
    pygame.draw.polygon(surface, color, points)


def _draw_pinned(
    surface: pygame.Surface, theme: Theme, scroller: Scroller, entry: Entry, review: Review, focused: bool
) -> None:
    """The head of a card scrolled past, over the top of the window: its number and opening words stay."""
    palette, band = theme.palette, band_height(theme)
    view = scroller.viewport
    card = scroller.to_screen(entry.rect)
    strip = pygame.Rect(card.left, view.top, card.width, band)
    pygame.draw.rect(surface, palette.button, strip)
    edge, width = _card_colors(theme, entry, None, focused)
    sides = strip.inflate(0, 2 * width).move(0, width)  # the card's edge down both sides, as below
    pygame.draw.rect(surface, edge, sides, width)
    pygame.draw.line(surface, edge, strip.bottomleft, (strip.right - 1, strip.bottom), theme.px(2))
    _draw_head(surface, theme, entry, review, (card.left, view.top + theme.px(6)), True)
