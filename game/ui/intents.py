"""Raw pygame events become game intents here, in one place.

Scenes never read pygame events: they receive these small, meaningful intents, so the same
scene works from the keyboard, the mouse, or a test that builds intents directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass(frozen=True, slots=True)
class Move:
    """Focus up/down (dy) or a value left/right (dx); Tab and Shift+Tab move focus too."""

    dy: int = 0
    dx: int = 0


@dataclass(frozen=True, slots=True)
class Confirm:
    """Enter: activate what has focus."""


@dataclass(frozen=True, slots=True)
class Back:
    """Escape: leave, pause or close."""


@dataclass(frozen=True, slots=True)
class Skip:
    """Space: finish the text that is being typed out, or activate like Enter."""


@dataclass(frozen=True, slots=True)
class Choose:
    """A number key: pick the option with this 0-based index."""

    index: int


@dataclass(frozen=True, slots=True)
class Point:
    """The mouse moved here."""

    pos: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Click:
    """The left mouse button was pressed here."""

    pos: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Scroll:
    """The wheel or Page Up/Down: positive scrolls the content up (towards its start)."""

    dy: int


@dataclass(frozen=True, slots=True)
class Quit:
    """The window was closed."""


@dataclass(frozen=True, slots=True)
class ToggleFullscreen:
    """F11."""


@dataclass(frozen=True, slots=True)
class Resized:
    size: tuple[int, int]


Intent = Move | Confirm | Back | Skip | Choose | Point | Click | Scroll | Quit | ToggleFullscreen | Resized

NUMBER_KEY_COUNT = 9  # 1-9 on the top row and on the keypad
NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n - 1 for n in range(1, NUMBER_KEY_COUNT + 1)} | {
    getattr(pygame, f"K_KP{n}"): n - 1 for n in range(1, NUMBER_KEY_COUNT + 1)
}
SIMPLE_KEYS: dict[int, Intent] = {
    pygame.K_UP: Move(dy=-1),
    pygame.K_DOWN: Move(dy=1),
    pygame.K_LEFT: Move(dx=-1),
    pygame.K_RIGHT: Move(dx=1),
    pygame.K_RETURN: Confirm(),
    pygame.K_KP_ENTER: Confirm(),
    pygame.K_ESCAPE: Back(),
    pygame.K_SPACE: Skip(),
    pygame.K_PAGEUP: Scroll(3),
    pygame.K_PAGEDOWN: Scroll(-3),
    pygame.K_F11: ToggleFullscreen(),
}


def translate(event: pygame.event.Event) -> Intent | None:
    """The intent a raw event stands for, or None when it means nothing to the game."""
    if event.type == pygame.QUIT:
        return Quit()
    if event.type == pygame.KEYDOWN:
        return _key(event)
    if event.type == pygame.MOUSEMOTION:
        return Point((int(event.pos[0]), int(event.pos[1])))
    if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
        return Click((int(event.pos[0]), int(event.pos[1])))
    if event.type == pygame.MOUSEWHEEL:
        return Scroll(int(event.y)) if event.y else None
    if event.type == pygame.VIDEORESIZE:
        return Resized((int(event.w), int(event.h)))
    return None


def _key(event: pygame.event.Event) -> Intent | None:
    if event.key == pygame.K_TAB:
        return Move(dy=-1 if event.mod & pygame.KMOD_SHIFT else 1)
    if event.key in NUMBER_KEYS:
        return Choose(NUMBER_KEYS[event.key])
    return SIMPLE_KEYS.get(event.key)
