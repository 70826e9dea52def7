"""Where a screen drew its words, its boxes and its lines, found by watching it draw.

A screen is drawn once more, onto a `Recording` surface: a pygame Surface whose blits note what
landed where, under which clip. Texts are known by identity: every surface `Theme.text` returns is
noted as it is made (the one way the screens render words). Boxes are `pygame.draw.rect` calls and
`fill`s of part of a surface; lines are `pygame.draw.line`/`lines`/`aaline`. While `watching()` is
on, `pygame.Surface` is `Recording`, so a card or chart drawn onto a surface of its own, or onto a
subsurface, is followed too: its marks are mapped through the blit that puts it on the screen.

Nothing is replaced: every call goes on to pygame as before. This observes the screens, so the
checks in screens_checks.py can say which text leaves its box or overlaps another.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import count, pairwise
from typing import Any

import pygame

from game.ui.theme import Theme

SURFACE = pygame.Surface  # pygame's own, kept while `watching()` swaps in Recording
TEXT, BOX, LINE, COVER, SURFACE_MARK, SUBSURFACE = "text", "box", "line", "cover", "surface", "subsurface"
GRADIENT_STRIPS = 3  # this many strips in a run make a gradient
_order = count()
_texts: weakref.WeakKeyDictionary[pygame.Surface, str] = weakref.WeakKeyDictionary()
_ink: weakref.WeakKeyDictionary[pygame.Surface, pygame.Rect] = weakref.WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class Mark:
    """One thing drawn on a recording surface, in that surface's coordinates."""

    kind: str  # TEXT, BOX, LINE, COVER, SURFACE_MARK (a recording blitted here) or SUBSURFACE
    rect: pygame.Rect  # where it landed before clipping (a text: its ink, the pixels that show)
    clip: pygame.Rect  # the surface's clip at the time
    order: int
    words: str = ""
    source: Recording | None = None  # SURFACE_MARK and SUBSURFACE: whose marks come along
    offset: tuple[int, int] = (0, 0)  # where the source's (0, 0) lands here
    ends: tuple[tuple[int, int], tuple[int, int]] | None = None  # LINE: one segment
    filled: bool = False  # BOX: painted whole, hiding what was under it (not an outline)


@dataclass(frozen=True, slots=True)
class Drawn:
    """A mark on the screen: `rect` where it was put, `shown` the part of it the clip let through."""

    kind: str
    rect: pygame.Rect
    clip: pygame.Rect
    order: tuple[int, ...]
    words: str = ""
    ends: tuple[tuple[int, int], tuple[int, int]] | None = None
    filled: bool = False

    @property
    def shown(self) -> pygame.Rect:
        return self.rect.clip(self.clip)


class Recording(SURFACE):
    """A Surface that notes each blit, fill and (through `watching`) rect or line drawn on it."""

    @property
    def marks(self) -> list[Mark]:
        found: list[Mark] | None = self.__dict__.get("_marks")
        if found is None:  # a copy() or subsurface() is made without __init__
            found = self.__dict__["_marks"] = []
        return found

    def note(self, kind: str, rect: pygame.Rect, **more: Any) -> None:
        self.marks.append(Mark(kind, rect, self.get_clip(), next(_order), **more))

    def blit(self, source: pygame.Surface, dest: Any = (0, 0), area: Any = None, special_flags: int = 0) -> pygame.Rect:
        self._note_blit(source, dest, area)
        return super().blit(source, dest, area, special_flags)

    def blits(self, blit_sequence: Any, doreturn: Any = 1) -> list[pygame.Rect] | None:
        drawn = [self.blit(*item) for item in blit_sequence]
        return drawn if doreturn else None

    def fblits(self, blit_sequence: Any, special_flags: int = 0) -> None:
        for source, dest in blit_sequence:
            self.blit(source, dest, None, special_flags)

    def fill(self, color: Any, rect: Any = None, special_flags: int = 0) -> pygame.Rect:
        whole = self.get_rect()
        filled = whole if rect is None else pygame.Rect(rect).clip(whole)
        if filled == whole:
            self.marks.clear()  # painted over: what was drawn before is gone, and the paint hides
            self.note(COVER, whole)  # what it lands on when this surface is blitted
        elif filled.width and filled.height:
            self.note(BOX, filled, filled=True)
        return super().fill(color, rect, special_flags)

    def subsurface(self, *rect: Any) -> pygame.Surface:
        child = super().subsurface(*rect)
        self.note(SUBSURFACE, pygame.Rect(*rect), source=child, offset=child.get_offset())
        return child

    def _note_blit(self, source: pygame.Surface, dest: Any, area: Any) -> None:
        x, y = (dest.x, dest.y) if isinstance(dest, pygame.Rect) else (round(dest[0]), round(dest[1]))
        bounds = source.get_rect()
        taken = bounds if area is None else pygame.Rect(area)
        part = taken.clip(bounds)
        x, y = x + part.x - taken.x, y + part.y - taken.y  # an area sticking out of the source moves the blit
        offset = (x - part.x, y - part.y)
        words = text_of(source)
        if words is not None:
            ink = ink_of(source).clip(part)
            if ink.width and ink.height:
                self.note(TEXT, ink.move(offset), words=words)
        elif isinstance(source, Recording) and source.marks:
            self.note(SURFACE_MARK, part.move(offset), source=source, offset=offset)
        elif part.width and part.height:
            self.note(COVER, part.move(offset))


def text_of(surface: pygame.Surface) -> str | None:
    """The words a surface shows, when Theme.text made it (or it is a part of one that did)."""
    while surface is not None:
        if surface in _texts:
            return _texts[surface]
        surface = surface.get_parent()
    return None


def ink_of(text: pygame.Surface) -> pygame.Rect:
    """The pixels of a text that show: the line height's padding above and below is not ink."""
    ink = _ink.get(text)
    if ink is None:
        ink = _ink[text] = text.get_bounding_rect()
    return ink


def placed(surface: Recording, offset: tuple[int, int] = (0, 0), clip: pygame.Rect | None = None) -> list[Drawn]:
    """Every text, box, line and cover that reached `surface`, in its coordinates, in drawing order;
    what was drawn on a surface of its own comes through the blit that placed it, cut to that blit."""
    clip = surface.get_rect().move(offset) if clip is None else clip
    found: list[Drawn] = []
    for mark in gradients_as_covers(surface.marks):
        seen = mark.clip.move(offset).clip(clip)
        at = (offset[0] + mark.offset[0], offset[1] + mark.offset[1])
        if mark.kind == SURFACE_MARK and mark.source is not None:
            inner = placed(mark.source, at, mark.rect.move(offset).clip(seen))
            found += [replace(d, order=(mark.order, *d.order)) for d in inner]
        elif mark.kind == SUBSURFACE and mark.source is not None:
            found += placed(mark.source, at, mark.rect.move(offset).clip(clip))
        else:
            ends = None if mark.ends is None else (_moved(mark.ends[0], offset), _moved(mark.ends[1], offset))
            found.append(Drawn(mark.kind, mark.rect.move(offset), seen, (mark.order,), mark.words, ends, mark.filled))
    return sorted(found, key=lambda drawn: drawn.order)


def _moved(point: tuple[int, int], offset: tuple[int, int]) -> tuple[int, int]:
    return point[0] + offset[0], point[1] + offset[1]


def gradients_as_covers(marks: list[Mark]) -> list[Mark]:
    """A gradient or a fade is drawn as a run of strips (lines a pixel apart, or rects that touch),
    each as wide as the last: the run is one cover over what is under it, not many box edges."""
    merged: list[Mark] = []
    run: list[Mark] = []
    for mark in [*marks, None]:
        if mark is not None and run and _strip_after(run[-1], mark):
            run.append(mark)
            continue
        if len(run) >= GRADIENT_STRIPS:
            union = run[0].rect.unionall([strip.rect for strip in run[1:]])
            merged.append(Mark(COVER, union, run[0].clip, run[0].order))
        else:
            merged += run
        run = [mark] if mark is not None and mark.kind in (BOX, LINE) else []
        if mark is not None and not run:
            merged.append(mark)
    return merged


def _strip_after(last: Mark, mark: Mark) -> bool:
    if mark.kind != last.kind or mark.kind not in (BOX, LINE) or mark.filled != last.filled:
        return False
    a, b = last.rect, mark.rect
    return a.x == b.x and a.width == b.width and a.top < b.top <= a.bottom + 1


@dataclass
class Watch:
    """What `watching` swapped, to put back."""

    saved: dict[tuple[Any, str], Any] = field(default_factory=dict)

    def swap(self, owner: Any, name: str, new: Any) -> None:
        self.saved[(owner, name)] = getattr(owner, name)
        setattr(owner, name, new)

    def restore(self) -> None:
        for (owner, name), old in self.saved.items():
            setattr(owner, name, old)


@contextmanager
def watching() -> Iterator[None]:
    """Texts from Theme.text noted, rects and lines drawn on a Recording noted, and every new
    Surface a Recording, until the block ends."""
    watch = Watch()
    text, rect, circle, aacircle = Theme.text, pygame.draw.rect, pygame.draw.circle, pygame.draw.aacircle
    line, lines, aaline = pygame.draw.line, pygame.draw.lines, pygame.draw.aaline

    def noted_text(theme: Theme, words: str, *args: Any, **kwargs: Any) -> pygame.Surface:
        surface = text(theme, words, *args, **kwargs)
        _texts[surface] = words
        return surface

    def noted_rect(
        surface: pygame.Surface, color: Any, box: Any, width: int = 0, *args: Any, **kwargs: Any
    ) -> pygame.Rect:
        if isinstance(surface, Recording):
            shape = pygame.Rect(box)
            shape.normalize()
            if shape.width and shape.height:
                surface.note(BOX, shape, filled=width == 0)
        return rect(surface, color, box, width, *args, **kwargs)

    def noted_circle(
        surface: pygame.Surface, color: Any, center: Any, radius: float, width: int = 0, *args: Any, **kwargs: Any
    ) -> pygame.Rect:
        if isinstance(surface, Recording) and width == 0 and radius >= 1:  # a disc hides what is under it
            surface.note(
                COVER,
                pygame.Rect(0, 0, 2 * round(radius), 2 * round(radius)).move(
                    round(center[0] - radius), round(center[1] - radius)
                ),
            )
        return circle(surface, color, center, radius, width, *args, **kwargs)

    def noted_aacircle(
        surface: pygame.Surface, color: Any, center: Any, radius: float, width: int = 0, *args: Any, **kwargs: Any
    ) -> pygame.Rect:
        if isinstance(surface, Recording) and width == 0 and radius >= 1:
            surface.note(
                COVER,
                pygame.Rect(0, 0, 2 * round(radius), 2 * round(radius)).move(
                    round(center[0] - radius), round(center[1] - radius)
                ),
            )
        return aacircle(surface, color, center, radius, width, *args, **kwargs)

    def noted_line(surface: pygame.Surface, color: Any, start: Any, end: Any, width: int = 1) -> pygame.Rect:
        _note_segments(surface, [start, end], width)
        return line(surface, color, start, end, width)

    def noted_lines(surface: pygame.Surface, color: Any, closed: bool, points: Any, width: int = 1) -> pygame.Rect:
        _note_segments(surface, [*points, points[0]] if closed else list(points), width)
        return lines(surface, color, closed, points, width)

    def noted_aaline(surface: pygame.Surface, color: Any, start: Any, end: Any, *args: Any) -> pygame.Rect:
        _note_segments(surface, [start, end], 1)
        return aaline(surface, color, start, end, *args)

    watch.swap(Theme, "text", noted_text)
    watch.swap(pygame.draw, "rect", noted_rect)
    watch.swap(pygame.draw, "circle", noted_circle)
    watch.swap(pygame.draw, "aacircle", noted_aacircle)
    watch.swap(pygame.draw, "line", noted_line)
    watch.swap(pygame.draw, "lines", noted_lines)
    watch.swap(pygame.draw, "aaline", noted_aaline)
    watch.swap(pygame, "Surface", Recording)
    try:
        yield
    finally:
        watch.restore()


def _note_segments(surface: pygame.Surface, points: Sequence[Any], width: int) -> None:
    if not isinstance(surface, Recording):
        return
    for start, end in pairwise(points):
        a, b = (round(start[0]), round(start[1])), (round(end[0]), round(end[1]))
        box = pygame.Rect(min(a[0], b[0]), min(a[1], b[1]), abs(a[0] - b[0]) + 1, abs(a[1] - b[1]) + 1)
        surface.note(LINE, box.inflate(width // 2 * 2, width // 2 * 2), ends=(a, b))


def draw_recorded(scene: Any, size: tuple[int, int]) -> tuple[Recording, list[Drawn]]:
    """The scene drawn once more, onto a recording the window's size: the picture and what is in it."""
    canvas = Recording(size)
    scene.draw(canvas)
    return canvas, placed(canvas)
