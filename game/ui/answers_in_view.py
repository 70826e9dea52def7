"""Keeping the play screen's answers in view: where the column scrolls when they come, and the
"2 more answers below" cue when some are out of view.

When the window is short or the text large, not every answer fits under the customer's line. A
small fade at the edge is easy to miss, and a missed answer is a choice the trainee never had,
so a bright pill in a strip under the column says how many answers are out of view and which way
(never over an answer's words); clicking it brings the nearest of them into view.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from .scroll import Scroller
from .theme import Theme


def answers_top(starts: list[int], header: int, answers: list[pygame.Rect], height: int, margin: int) -> int:
    """Where the column's view starts once the answers have come (content coordinates, 0 at the top).

    `starts` are where the exchange's blocks begin, earliest first (the column's top, the trainee's
    last words, the customer's line): the view starts at the earliest of them that shows the most
    answers whole, never cutting a block in two; where none shows even the first answer, at the
    reply `header`. Starting at a block's edge can leave room under the last answer, so the column
    must be made at least this plus `height` tall."""
    if not answers:
        return 0

    def shown(top: int) -> int:
        return sum(rect.bottom + margin <= top + height for rect in answers)

    best = max(shown(top) for top in starts) if starts else 0
    top = next(top for top in starts if shown(top) == best) if best else header
    return max(0, top - margin)


@dataclass(frozen=True, slots=True)
class Cue:
    text: str
    rect: pygame.Rect  # on screen, over the edge of the column's viewport
    below: bool
    answer: int  # the nearest answer out of view that way: a click brings it into view


def strip_height(theme: Theme) -> int:
    """The room the cues take under a column that scrolls."""
    return theme.font("small").get_linesize() + theme.px(18)


def answer_cues(theme: Theme, scroller: Scroller, rects: list[pygame.Rect]) -> list[Cue]:
    """The cues for answers (rects in the column's own coordinates) not wholly in view as drawn now,
    in the strip under the viewport: those above on its left, those below on its right."""
    top, bottom = scroller.top, scroller.top + scroller.viewport.height
    above = [index for index, rect in enumerate(rects) if rect.top < top]
    below = [index for index, rect in enumerate(rects) if rect.bottom > bottom]
    cues = [_cue(theme, scroller.viewport, len(above), False, above[-1])] if above else []
    return cues + ([_cue(theme, scroller.viewport, len(below), True, below[0])] if below else [])


def _cue(theme: Theme, view: pygame.Rect, count: int, below: bool, answer: int) -> Cue:
    text = f"{count} more {'answer' if count == 1 else 'answers'} {'below' if below else 'above'}"
    label = theme.text(text, "small")
    rect = pygame.Rect(0, 0, label.get_width() + theme.px(52), label.get_height() + theme.px(10))
    rect.top = view.bottom + theme.px(6)
    if below:
        rect.right = view.right
    else:
        rect.left = view.left
    return Cue(text, rect, below, answer)


def cue_at(cues: list[Cue], pos: tuple[int, int]) -> Cue | None:
    return next((cue for cue in cues if cue.rect.collidepoint(pos)), None)


def draw_cues(surface: pygame.Surface, theme: Theme, cues: list[Cue]) -> None:
    """Each cue as a pill in the accent colour, its words beside a chevron pointing the way to go."""
    palette = theme.palette
    for cue in cues:
        pygame.draw.rect(surface, palette.accent, cue.rect, border_radius=cue.rect.height // 2)
        pygame.draw.rect(surface, palette.background, cue.rect, width=theme.px(2), border_radius=cue.rect.height // 2)
        label = theme.text(cue.text, "small", palette.background)
        place = label.get_rect(midleft=(cue.rect.x + theme.px(16), cue.rect.centery))
        surface.blit(label, place)
        x, y, size = place.right + theme.px(14), cue.rect.centery, theme.px(6)
        tip = y + size if cue.below else y - size
        back = y - size // 2 if cue.below else y + size // 2
        pygame.draw.polygon(surface, palette.background, [(x - size, back), (x + size, back), (x, tip)])
