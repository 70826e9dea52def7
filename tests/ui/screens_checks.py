"""The issue's bar for every screen, on what screens_drawn.py saw it draw: each text lies in the
window and in its box, and no two texts overlap.

- In the window: a text that shows at all shows whole, not cut by the window's edge.
- The focused item's head (its top) is in its scrolling viewport.
- In its box: a text never crosses the edge of a box (a card, button, chip, panel, bar) or a line
  drawn on the screen; it is inside the box or clear of it. A text cut by a clip is cut on
  purpose only by a scrolling viewport, and then never the focused item's: its head (a card's
  number and first words) shows whole, and the whole item when it fits in the viewport.
- No overlap: the ink of two texts (the box round each one's visible pixels, not its line height)
  never meets.

Whatever a later blit covers whole (the pause menu's dimming over the conversation) is behind it,
and was checked on its own screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

import pygame

from game.ui.scroll import Scroller
from tests.ui.screens_drawn import BOX, COVER, LINE, TEXT, Drawn


@dataclass(frozen=True, slots=True)
class Frame:
    """What a check needs to know of the screen besides the marks: the window, its scrolling
    viewports, and the item that has the focus there (on screen), if any."""

    window: pygame.Rect
    viewports: tuple[pygame.Rect, ...] = ()
    focused: pygame.Rect | None = None


def problems(drawn: list[Drawn], frame: Frame) -> list[str]:
    """Every way the drawn screen misses the bar, in words a developer can act on."""
    front = in_front(drawn)
    texts = [d for d in front if d.kind == TEXT and d.shown.width and d.shown.height]
    edges = [d for d in front if d.kind in (BOX, LINE) and d.shown.width and d.shown.height]
    grounds = [d for d in front if d.kind == COVER or (d.kind == BOX and d.filled)]
    found = [*head_out_of_view(frame), *cut(texts, frame), *crossing(texts, edges, grounds)]
    found += [
        f"{said(first)} overlaps {said(second)}"
        for first, second in combinations(texts, 2)
        if first.shown.colliderect(second.shown) and not same_words_at_same_place(first, second)
    ]
    return found


def in_front(drawn: list[Drawn]) -> list[Drawn]:
    """What no later cover hides whole."""
    covers = [d for d in drawn if d.kind == COVER]
    return [d for d in drawn if not any(c.order > d.order and c.shown.contains(d.shown) for c in covers)]


def head_out_of_view(frame: Frame) -> list[str]:
    """The focused item's top (a card's number and first words) must be in its viewport."""
    item = frame.focused
    if item is None:
        return []
    return [
        f"the focused item {item} has its head out of the viewport {viewport}"
        for viewport in frame.viewports
        if viewport.colliderect(item) and not viewport.top <= item.top < viewport.bottom
    ]


def cut(texts: Iterable[Drawn], frame: Frame) -> list[str]:
    found = []
    for text in texts:
        if not frame.window.contains(text.rect):
            found.append(f"{said(text)} runs past the window's edge {frame.window}")
        elif text.shown != text.rect and not (scrolled_away(text, frame) and not heads_focus(text, frame)):
            found.append(f"{said(text)} is cut by the clip {text.clip}, showing only {text.shown}")
    return found


def scrolled_away(text: Drawn, frame: Frame) -> bool:
    """Cut by a scrolling viewport (the part out of view can be scrolled to)."""
    return any(text.clip == viewport.clip(frame.window) for viewport in frame.viewports)


def heads_focus(text: Drawn, frame: Frame) -> bool:
    """Part of the focused item where it must show whole: the item fits, or this is its top."""
    item = frame.focused
    if item is None or not item.colliderect(text.rect):
        return False
    fits = any(item.height <= viewport.height for viewport in frame.viewports if viewport.colliderect(item))
    return fits or text.rect.top < text.clip.top


def crossing(texts: list[Drawn], edges: list[Drawn], grounds: list[Drawn]) -> list[str]:
    """Box edges and lines through a text, among those not painted over by what the text sits on
    (the last filled box or picture before it that holds it whole: a chip over a striped counter)."""
    found = []
    for text in texts:
        under = [g.order for g in grounds if g.order < text.order and g.shown.contains(text.shown)]
        ground = max(under, default=())
        for edge in (e for e in edges if e.order > ground):
            if edge.kind == LINE:
                assert edge.ends is not None
                if text.shown.clipline(*edge.ends) and edge.shown.colliderect(text.shown):
                    found.append(f"{said(text)} is crossed by a line {edge.ends}")
            elif crosses(text.shown, edge.shown):
                found.append(f"{said(text)} crosses the edge of the box {edge.shown}")
    return found


def crosses(text: pygame.Rect, box: pygame.Rect) -> bool:
    """Partly in the box, partly out: neither holds the other whole."""
    return text.colliderect(box) and not box.contains(text) and not text.contains(box)


def same_words_at_same_place(first: Drawn, second: Drawn) -> bool:
    """The same text drawn again where it was (a frame redrawn over itself) is not an overlap."""
    return first.words == second.words and first.rect == second.rect


def said(text: Drawn) -> str:
    words = " ".join(text.words.split())
    return f"the text {words[:50]!r}{'...' if len(words) > 50 else ''} at {text.rect}"


def scrolling_viewports(scene: object, depth: int = 3) -> tuple[pygame.Rect, ...]:
    """The viewports of every Scroller the scene holds (its own, its panels', the screen it sits on)."""
    found: list[pygame.Rect] = []
    seen: set[int] = set()

    def look(thing: object, left: int) -> None:
        if id(thing) in seen or left < 0:
            return
        seen.add(id(thing))
        if isinstance(thing, Scroller):
            found.append(thing.viewport.copy())
            return
        if type(thing).__module__.startswith("game.ui"):
            for value in attributes(thing):
                look(value, left - 1)

    look(scene, depth)
    return tuple(found)


def attributes(thing: object) -> list[object]:
    names = list(getattr(thing, "__dict__", {})) + [
        name for klass in type(thing).__mro__ for name in getattr(klass, "__slots__", ())
    ]
    return [getattr(thing, name, None) for name in names]
