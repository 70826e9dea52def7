"""The trainer's panel on the play screen, above the customer: what a saved file did (reloaded, or
its errors), and in the play-test view where the conversation stands, with a button to jump.

It takes the room it needs at the top of the stage's column and leaves the rest to the stage;
a file's errors take the whole column, since the trainer has to fix them before anything else.
What does not fit scrolls, with the wheel over the panel or Shift+Page Up/Down, and text is
drawn a whole line at a time, so it stays legible at every text size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from .palette import Color
from .scroll import Scroller, TextBlock
from .theme import Theme
from .widgets import Button, button_frame

NATURAL_SHARE = 0.6  # of the column, at most, for the panel when it is not listing errors
JUMP = "Jump to a node\u2026  (J)"
COLORS = {"text": "text", "muted": "muted", "accent": "accent", "good": "good", "bad": "bad"}  # on the panel


@dataclass(frozen=True, slots=True)
class Note:
    text: str
    role: str = "small"
    color: str = "text"  # one of COLORS


class TrainerPanel:
    def __init__(self) -> None:
        self.scroller = Scroller()
        self.blocks: list[TextBlock] = []
        self.jump: pygame.Rect | None = None  # the jump button, in the panel's own coordinates
        self.frame = pygame.Rect(0, 0, 0, 0)  # the panel on screen; empty when there is nothing to show
        self.hovered = False

    @property
    def shown(self) -> bool:
        return self.frame.height > 0

    def lay_out(self, theme: Theme, column: pygame.Rect, notes: Sequence[Note], jump: bool, fill: bool) -> int:
        """Place the notes (and the jump button) at the top of `column`; returns the panel's bottom,
        which is the column's top when there is nothing to show."""
        if not notes and not jump:
            self.frame, self.blocks, self.jump = pygame.Rect(column.topleft, (column.width, 0)), [], None
            self.scroller.set_content(pygame.Rect(column.topleft, (0, 0)), 0)
            return column.top
        pad, gap = theme.px(12), theme.px(6)
        width = column.width - 2 * pad - theme.px(10)  # room for the scroll bar
        palette, y = theme.palette, 0
        self.blocks = []
        for note in notes:
            color: Color = getattr(palette, COLORS[note.color])
            self.blocks.append(TextBlock(note.text, note.role, color, width, (0, y)))
            y = self.blocks[-1].bottom(theme) + gap
        self.jump = None
        if jump:
            height = theme.font("body").get_linesize() + 2 * theme.px(8)
            self.jump = pygame.Rect(0, y + gap, min(width, theme.text(JUMP, "body").get_width() + 2 * pad), height)
            y = self.jump.bottom + gap
        content = y - gap
        height = column.height if fill else min(round(column.height * NATURAL_SHARE), content + 2 * pad)
        self.frame = pygame.Rect(column.x, column.y, column.width, height)
        self.scroller.set_content(self.frame.inflate(-2 * pad, -2 * pad), content)
        return self.frame.bottom

    def contains(self, pos: tuple[int, int]) -> bool:
        return self.shown and self.frame.collidepoint(pos)

    def jump_button(self) -> pygame.Rect | None:
        """The jump button on screen, when it is wholly in view (it is drawn and clicked only then)."""
        if self.jump is None:
            return None
        shown = self.scroller.to_screen(self.jump)
        return shown if self.scroller.viewport.contains(shown) else None

    def jump_at(self, pos: tuple[int, int]) -> bool:
        button = self.jump_button()
        return button is not None and button.collidepoint(pos)

    def scroll(self, lines: int, theme: Theme) -> None:
        self.scroller.scroll(lines * theme.font("small").get_linesize())

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not self.shown:
            return
        palette = theme.palette
        pygame.draw.rect(surface, palette.panel, self.frame, border_radius=theme.px(12))
        pygame.draw.rect(surface, palette.panel_edge, self.frame, width=theme.px(2), border_radius=theme.px(12))
        clip = surface.get_clip()
        surface.set_clip(self.scroller.viewport.clip(clip))
        for block in self.blocks:
            self.scroller.draw_block(surface, theme, block)  # a whole line at a time, only those in view
        shown = self.jump_button()
        if shown is not None:
            button_frame(surface, theme, Button("jump", JUMP, rect=shown), self.hovered)
            label = theme.text(JUMP, "body", palette.button_text)
            surface.blit(label, label.get_rect(center=shown.center))
        surface.set_clip(clip)
        self.scroller.draw_bar(surface, theme)
