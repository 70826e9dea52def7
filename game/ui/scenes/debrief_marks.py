"""The small signs on each row of the debrief's list: what an answer did to the anger, and a
mark for how good it was among the answers on offer, drawn as shapes so they read without colour.
"""

from __future__ import annotations

from enum import Enum

import pygame

from game.engine import Review

from ..theme import Theme

CLOSE_ENOUGH = 0.5  # an answer's mean quality (0..1 among those on offer) from which it was nearly right


class Mark(Enum):
    """How good an answer was: its shape's name, its palette colour, and what it says in words."""

    BEST = ("tick", "good", "one of the best answers")
    CLOSE = ("dash", "annoyed", "nearly: a better one was on offer")
    POOR = ("cross", "bad", "one of the weaker answers on offer")

    @property
    def color_name(self) -> str:
        return self.value[1]


def mark_of(review: Review) -> Mark:
    """Best when nothing better was on offer; else by the answer's mean quality across the scores."""
    if review.better_id is None:
        return Mark.BEST
    return Mark.CLOSE if sum(review.quality) / len(review.quality) >= CLOSE_ENOUGH else Mark.POOR


def mark_width(theme: Theme) -> int:
    """The room a mark takes at the end of a row: a square a little under a body line, and a gap."""
    return theme.font("body").get_linesize() - theme.px(4) + theme.px(8)


def draw_mark(surface: pygame.Surface, theme: Theme, mark: Mark, box: pygame.Rect) -> None:
    """A tick, a dash or a cross in `box`, in the mark's colour."""
    color, width = getattr(theme.palette, mark.color_name), theme.px(3)
    inner = box.inflate(-box.width // 4, -box.height // 4)
    if mark is Mark.BEST:
        points = [(inner.left, inner.centery), (inner.left + inner.width // 3, inner.bottom), inner.topright]
        pygame.draw.lines(surface, color, False, points, width)
    elif mark is Mark.CLOSE:
        pygame.draw.line(surface, color, inner.midleft, inner.midright, width + 1)
    else:
        pygame.draw.line(surface, color, inner.topleft, inner.bottomright, width)
        pygame.draw.line(surface, color, inner.bottomleft, inner.topright, width)


def draw_change(surface: pygame.Surface, theme: Theme, change: int, right: int, centre_y: int) -> None:
    """The anger change, right-aligned at `right`: "+16" and an arrow up, "-9" and one down, or "±0"."""
    palette = theme.palette
    color = palette.bad if change > 0 else palette.good if change < 0 else palette.muted
    size = theme.px(6)
    tip_x = right - size
    if change:
        way = -1 if change > 0 else 1
        base = centre_y - way * size // 2
        arrow = [(tip_x - size, base), (tip_x + size, base), (tip_x, centre_y + way * size)]
        pygame.draw.polygon(surface, color, arrow)
    amount = theme.text(f"{change:+d}" if change else "\u00b10", "body", color)
    surface.blit(amount, amount.get_rect(midright=(right - 2 * size - theme.px(6), centre_y)))
