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


class Signal:
    """An intent that carries nothing, so any two of a kind are equal. A plain class rather than a
    frozen dataclass: making each dataclass costs about 0.3 ms when the window starts."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Confirm(Signal):
    """Enter: activate what has focus."""

    __slots__ = ()


class Back(Signal):
    """Escape: leave, pause or close."""

    __slots__ = ()


class Skip(Signal):
    """Space: finish the text that is being typed out, or activate like Enter."""

    __slots__ = ()


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
    """The wheel or Page Up/Down: positive scrolls the content up (towards its start). `aside`
    (Shift with Page Up/Down) scrolls a screen's second list, such as the play screen's errors."""

    dy: int
    aside: bool = False


class Quit(Signal):
    """The window was closed."""

    __slots__ = ()


class ToggleFullscreen(Signal):
    """F11."""

    __slots__ = ()


class TogglePlayTest(Signal):
    """F2: the trainers' play-test view on or off, on any screen."""

    __slots__ = ()


class Reload(Signal):
    """F5: read the scenario files again now, without waiting for the next look at them."""

    __slots__ = ()


class Jump(Signal):
    """J, in the play-test view: start the scenario at another node."""

    __slots__ = ()


class Home(Signal):
    """Home: to the first item of a list."""

    __slots__ = ()


class End(Signal):
    """End: to the last item of a list."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Resized:
    size: tuple[int, int]


Intent = (
    Move | Confirm | Back | Skip | Choose | Point | Click | Scroll | Quit | Resized | ToggleFullscreen | TogglePlayTest
) | (Reload | Jump | Home | End)

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
    pygame.K_F2: TogglePlayTest(),
    pygame.K_F5: Reload(),
    pygame.K_j: Jump(),
    pygame.K_HOME: Home(),
    pygame.K_END: End(),
}
SHIFTED_KEYS: dict[int, Intent] = {pygame.K_PAGEUP: Scroll(3, aside=True), pygame.K_PAGEDOWN: Scroll(-3, aside=True)}


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
    if event.mod & pygame.KMOD_SHIFT and event.key in SHIFTED_KEYS:
        return SHIFTED_KEYS[event.key]
    return SIMPLE_KEYS.get(event.key)
