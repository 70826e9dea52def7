"""A small set of our own widgets: buttons in a list with keyboard focus, and panels.

We chose our own over pygame_gui (see docs/architecture.md): every screen must be fully
playable with the keyboard alone, and focus traversal is the heart of that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pygame

from .intents import NUMBER_KEY_COUNT, Choose, Click, Confirm, Intent, Move, Point, Skip
from .palette import Color
from .theme import Theme

LOCKED = "Not available"  # starts the hint under a choice that cannot be made yet


@dataclass(slots=True)
class Button:
    action: str  # what activating it means to the scene, e.g. "play" or "choose:2"
    label: str
    enabled: bool = True
    hint: str = ""  # shown under a disabled button
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    detail: str = ""  # a small line under the label, such as what an answer does in the play-test view


@dataclass(slots=True)
class ButtonList:
    """Buttons with one focused: arrows/Tab move, Enter/Space activate, the mouse hovers and
    clicks, and number keys pick directly when `numbered`."""

    buttons: list[Button]
    focus: int = 0
    numbered: bool = False
    wraps: bool = True

    def handle(self, intent: Intent) -> str | None:
        """The action activated by this intent, if any."""
        if not self.buttons:
            return None
        match intent:
            case Move(dy=dy) if dy:
                self.move(dy)
            case Confirm() | Skip():
                return self._activate(self.focus)
            case Choose(index=index) if self.numbered and index < len(self.buttons):
                self.focus = index
                return self._activate(index)
            case Point(pos=pos):
                hit = self.at(pos)
                if hit is not None:
                    self.focus = hit
            case Click(pos=pos):
                hit = self.at(pos)
                if hit is not None:
                    self.focus = hit
                    return self._activate(hit)
        return None

    def move(self, step: int) -> None:
        count = len(self.buttons)
        target = self.focus + step
        self.focus = target % count if self.wraps else max(0, min(count - 1, target))

    def at(self, pos: tuple[int, int]) -> int | None:
        return next((i for i, b in enumerate(self.buttons) if b.rect.collidepoint(pos)), None)

    def _activate(self, index: int) -> str | None:
        button = self.buttons[index]
        return button.action if button.enabled else None

    def layout_column(self, theme: Theme, left: int, top: int, width: int, gap: int | None = None) -> int:
        """Stack the buttons from `top`, each as tall as its wrapped label; returns the bottom."""
        gap = theme.px(10) if gap is None else gap
        for number, button in enumerate(self.buttons, start=1):
            label = self.label_of(number, button)
            height = theme.text(label, "body", width=width - 2 * theme.px(16)).get_height()
            height += sum(line.get_height() for line in under_label(theme, button, width - 2 * theme.px(16)))
            button.rect = pygame.Rect(left, top, width, height + 2 * theme.px(12))
            top = button.rect.bottom + gap
        return top - gap

    def label_of(self, number: int, button: Button) -> str:
        """Numbered only as far as number keys reach: a "10." would promise a key there is not."""
        return f"{number}.  {button.label}" if self.numbered and number <= NUMBER_KEY_COUNT else button.label

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        palette = theme.palette
        for number, button in enumerate(self.buttons, start=1):
            button_frame(surface, theme, button, number - 1 == self.focus)
            color = palette.button_text if button.enabled else palette.muted
            inner = button.rect.width - 2 * theme.px(16)
            label = theme.text(self.label_of(number, button), "body", color, inner)
            x, y = button.rect.x + theme.px(16), button.rect.y + theme.px(12)
            surface.blit(label, (x, y))
            y += label.get_height()
            for line in under_label(theme, button, inner):
                surface.blit(line, (x, y))
                y += line.get_height()


def locked_hint(button: Button) -> str:
    """The line under a locked button: that it is locked and why, in words, as its label is not dimmed."""
    return f"{LOCKED}: {button.hint}" if button.hint and not button.enabled else ""


def under_label(theme: Theme, button: Button, width: int) -> list[pygame.Surface]:
    """The small lines under a button's label, wrapped to `width`: why it is locked, then its detail."""
    lines = (locked_hint(button), button.detail)
    return [theme.text(line, "small", theme.palette.muted, width) for line in lines if line]


def button_frame(surface: pygame.Surface, theme: Theme, button: Button, focused: bool) -> None:
    """A button's fill and edge. A locked one is hollow with a dashed edge, so it looks locked
    without its words dropping below AA contrast the way greyed-out text would."""
    palette, radius, rect = theme.palette, theme.px(8), button.rect
    if button.enabled:
        pygame.draw.rect(surface, palette.button_hover if focused else palette.button, rect, border_radius=radius)
    if focused:
        pygame.draw.rect(surface, palette.focus, rect, width=theme.px(3), border_radius=radius)
    elif button.enabled:
        pygame.draw.rect(surface, palette.panel_edge, rect, width=1, border_radius=radius)
    else:
        dashed_outline(surface, palette.muted, rect, radius, theme.px(6))


def dashed_outline(surface: pygame.Surface, color: Color, rect: pygame.Rect, radius: int, dash: int) -> None:
    """A 1 px rounded outline with dashed sides. pygame draws no dashes, so the corners are clipped
    from a whole outline and the straight sides are drawn dash by dash."""
    clip = surface.get_clip()
    for x in (rect.left, rect.right - radius):
        for y in (rect.top, rect.bottom - radius):
            surface.set_clip(pygame.Rect(x, y, radius, radius).clip(clip))
            pygame.draw.rect(surface, color, rect, width=1, border_radius=radius)
    surface.set_clip(clip)
    for start in range(rect.left + radius, rect.right - radius, 2 * dash):
        end = min(start + dash, rect.right - radius) - 1
        pygame.draw.line(surface, color, (start, rect.top), (end, rect.top))
        pygame.draw.line(surface, color, (start, rect.bottom - 1), (end, rect.bottom - 1))
    for start in range(rect.top + radius, rect.bottom - radius, 2 * dash):
        end = min(start + dash, rect.bottom - radius) - 1
        pygame.draw.line(surface, color, (rect.left, start), (rect.left, end))
        pygame.draw.line(surface, color, (rect.right - 1, start), (rect.right - 1, end))


def panel(surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
    pygame.draw.rect(surface, theme.palette.panel, rect, border_radius=theme.px(12))
    pygame.draw.rect(surface, theme.palette.panel_edge, rect, width=theme.px(2), border_radius=theme.px(12))


def centered_text(surface: pygame.Surface, theme: Theme, text: str, role: str, center: tuple[int, int]) -> pygame.Rect:
    rendered = theme.text(text, role)
    rect = rendered.get_rect(center=center)
    surface.blit(rendered, rect)
    return rect


def key_hints(
    surface: pygame.Surface,
    theme: Theme,
    keys: Sequence[tuple[str, str]],
    y: int,
    left: int | None = None,
    right: int | None = None,
) -> None:
    """Key caps with what each does ("Esc pause"), centred on `y`, from `left` or ending at `right`."""
    palette = theme.palette
    pieces = [
        (theme.text(key, "small", palette.text), theme.text(action, "small", palette.muted)) for key, action in keys
    ]
    pad, space, gap = theme.px(10), theme.px(8), theme.px(20)
    widths = [label.get_width() + pad + space + words.get_width() for label, words in pieces]
    x = left if left is not None else (right or theme.size[0]) - sum(widths) - gap * (len(widths) - 1)
    for (label, words), width in zip(pieces, widths, strict=True):
        cap = pygame.Rect(0, 0, label.get_width() + pad, label.get_height() + theme.px(4))
        cap.midleft = (x, y)
        pygame.draw.rect(surface, palette.key_cap, cap, border_radius=theme.px(4))
        surface.blit(label, label.get_rect(center=cap.center))
        surface.blit(words, words.get_rect(midleft=(cap.right + space, y)))
        x += width + gap
