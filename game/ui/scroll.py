"""A vertical viewport over content taller than the screen, for lists and transcripts.

Content is laid out once in its own coordinates (0 at its top); the Scroller maps it to
the screen, eases towards where it was asked to scroll, and draws text a whole line at a
time, so a line is never shown cut in half at the viewport's edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from .theme import Color, Theme

EASE_PER_SECOND = 14.0  # how fast the view catches up with its target; higher is snappier


@dataclass(frozen=True, slots=True)
class TextBlock:
    """Wrapped text at a place in the scrolled content's own coordinates."""

    text: str
    role: str
    color: Color
    width: int
    pos: tuple[int, int]

    def render(self, theme: Theme) -> pygame.Surface:
        return theme.text(self.text, self.role, self.color, self.width)

    def bottom(self, theme: Theme) -> int:
        return self.pos[1] + self.render(theme).get_height()


@dataclass(slots=True)
class Scroller:
    viewport: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    content_height: int = 0
    target: float = 0.0  # where the view is going, in content pixels from the top
    offset: float = 0.0  # where it is now

    @property
    def max_offset(self) -> int:
        return max(0, self.content_height - self.viewport.height)

    @property
    def top(self) -> int:
        """The current offset in whole pixels, as drawn."""
        return round(self.offset)

    @property
    def moving(self) -> bool:
        return abs(self.target - self.offset) >= 0.5

    def set_content(self, viewport: pygame.Rect, content_height: int) -> None:
        self.viewport = viewport
        self.content_height = content_height
        self.jump(self.target)

    def scroll(self, pixels: float) -> None:
        """Positive moves the content down (towards its start), like the wheel's Scroll intent."""
        self.target = self._clamp(self.target - pixels)

    def jump(self, target: float) -> None:
        """Go there at once: after a resize, or when there is nothing to animate."""
        self.target = self.offset = self._clamp(target)

    def reveal(self, top: int, bottom: int, margin: int = 0) -> None:
        """Scroll just enough that content from `top` to `bottom` is in view (its top first)."""
        height = self.viewport.height
        if bottom + margin - self.target > height:
            self.target = bottom + margin - height
        if top - margin < self.target:
            self.target = top - margin
        self.target = self._clamp(self.target)

    def reveal_rect(self, rect: pygame.Rect, margin: int = 0, at_once: bool = False) -> None:
        """`reveal` for a laid-out card or row; `at_once` after a relayout, where easing from the old
        layout's offset would scroll through content that has moved."""
        self.reveal(rect.top, rect.bottom, margin)
        if at_once:
            self.jump(self.target)

    def update(self, dt: float) -> None:
        if not self.moving:
            self.offset = self.target
            return
        self.offset += (self.target - self.offset) * min(1.0, dt * EASE_PER_SECOND)

    def to_screen(self, rect: pygame.Rect) -> pygame.Rect:
        return rect.move(self.viewport.x, self.viewport.y - self.top)

    def to_content(self, pos: tuple[int, int]) -> tuple[int, int] | None:
        """A screen position in content coordinates, or None outside the viewport."""
        if not self.viewport.collidepoint(pos):
            return None
        return pos[0] - self.viewport.x, pos[1] - self.viewport.y + self.top

    def shows(self, rect: pygame.Rect) -> bool:
        """Whether any of this content rect is on screen."""
        return self.to_screen(rect).colliderect(self.viewport)

    def _clamp(self, value: float) -> float:
        return max(0.0, min(float(self.max_offset), value))

    # -- drawing -------------------------------------------------------------------------
    def blit_text(self, surface: pygame.Surface, text: pygame.Surface, pos: tuple[int, int], line: int) -> None:
        """Blit wrapped text at a content position, only the lines wholly inside the viewport."""
        x, y = pos[0] + self.viewport.x, pos[1] + self.viewport.y - self.top
        lines = max(1, round(text.get_height() / line))
        first = max(0, -((y - self.viewport.top) // line))  # ceil of (viewport top - y) / line
        last = min(lines, (self.viewport.bottom - y) // line)
        if last <= first:
            return
        if last == lines:
            area = pygame.Rect(0, first * line, text.get_width(), text.get_height() - first * line)
        else:
            area = pygame.Rect(0, first * line, text.get_width(), (last - first) * line)
        surface.blit(text, (x, y + first * line), area)

    def draw_block(self, surface: pygame.Surface, theme: Theme, block: TextBlock) -> None:
        self.blit_text(surface, block.render(theme), block.pos, theme.font(block.role).get_linesize())

    def draw_bar(self, surface: pygame.Surface, theme: Theme) -> None:
        """A thin scroll bar at the viewport's right edge when there is more to see."""
        if self.max_offset <= 0:
            return
        view = self.viewport
        width = theme.px(5)
        track = pygame.Rect(view.right - width, view.top + theme.px(4), width, view.height - theme.px(8))
        share = view.height / self.content_height
        thumb_height = max(theme.px(24), round(track.height * share))
        thumb_top = track.top + round((track.height - thumb_height) * self.offset / self.max_offset)
        pygame.draw.rect(surface, theme.palette.panel_edge, track, border_radius=width)
        thumb = pygame.Rect(track.left, thumb_top, width, thumb_height)
        pygame.draw.rect(surface, theme.palette.muted, thumb, border_radius=width)
