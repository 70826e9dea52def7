"""A cache for functions that render surfaces, bounded by the pixels it holds as well as by count.

Text is drawn every frame from the same few strings, so each is rendered once and kept. A bound
on the count alone (lru_cache) is not enough: a few thousand characters wrapped at the largest
text size make one surface of tens of megabytes, and hundreds of those would be gigabytes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

import pygame

Render = Callable[..., pygame.Surface]


class SurfaceCache:
    """`render` memoised like lru_cache (positional, hashable arguments; `cache_clear`), dropping
    the least recently used once more than `entries` or `pixels` are held. The newest is always
    kept, however big, so a frame never renders the same text twice."""

    def __init__(self, render: Render, entries: int, pixels: int) -> None:
        self.render = render
        self.entries = entries
        self.pixels = pixels
        self._kept: OrderedDict[tuple[Hashable, ...], pygame.Surface] = OrderedDict()
        self._held = 0

    def __call__(self, *key: Hashable) -> pygame.Surface:
        surface = self._kept.get(key)
        if surface is not None:
            self._kept.move_to_end(key)
            return surface
        surface = self.render(*key)
        self._kept[key] = surface
        self._held += _area(surface)
        while len(self._kept) > 1 and (len(self._kept) > self.entries or self._held > self.pixels):
            _, dropped = self._kept.popitem(last=False)
            self._held -= _area(dropped)
        return surface

    @property
    def held(self) -> int:
        """Pixels held now."""
        return self._held

    def __len__(self) -> int:
        return len(self._kept)

    def cache_clear(self) -> None:
        """Forget everything: the surfaces die with pygame.quit()."""
        self._kept.clear()
        self._held = 0


def surface_cache(entries: int, pixels: int) -> Callable[[Render], SurfaceCache]:
    """The decorator form, like functools.lru_cache(maxsize)."""
    return lambda render: SurfaceCache(render, entries, pixels)


def _area(surface: pygame.Surface) -> int:
    width, height = surface.get_size()
    return width * height
