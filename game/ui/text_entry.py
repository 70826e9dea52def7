"""A one-line text field, and the typing events it takes.

Letters arrive as SDL's TEXTINPUT events, not as key presses: the operating system has already
applied the keyboard layout, dead keys and any input method, so "é", "ß" or a name typed through
an IME come in whole. An input method's unfinished text (TEXTEDITING) is shown at the caret and
never stored; while it is there, Backspace, Delete and the arrows belong to the input method.
Key presses that also mean something to the game (a number, Space, J) arrive as intents too, and
a screen with a field focused ignores those: the letter comes as text.

Typing events become edits here, in one place, as other events become intents in intents.py;
the App hands them to the screen on top when it `wants_text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import pygame

from .theme import Theme

if TYPE_CHECKING:
    from .navigation import Navigation

LONGEST = 200  # characters a field holds: a name or an address, never a pasted page
REPEAT = (400, 35)  # a held Backspace repeats after 0.4 s, every 35 ms, only while a field takes text


@dataclass(frozen=True, slots=True)
class Typed:
    """Text to insert at the caret: typed, finished by an input method, or pasted."""

    text: str


@dataclass(frozen=True, slots=True)
class Erase:
    """Backspace (the character before the caret) or Delete (`ahead`: the one after it)."""

    ahead: bool = False


@dataclass(frozen=True, slots=True)
class Composing:
    """An input method's text not yet chosen, shown at the caret; "" when it is done or cancelled."""

    text: str


Edit = Typed | Erase | Composing


def text_edit(event: pygame.event.Event) -> Edit | None:
    """The edit a raw event stands for, or None when it is not about typing."""
    if event.type == pygame.TEXTINPUT:
        return Typed(event.text)
    if event.type == pygame.TEXTEDITING:
        return Composing(event.text)
    if event.type != pygame.KEYDOWN:
        return None
    if event.key in (pygame.K_BACKSPACE, pygame.K_DELETE):
        return Erase(ahead=event.key == pygame.K_DELETE)
    if event.key == pygame.K_v and event.mod & pygame.KMOD_CTRL:
        return Typed(clipboard())
    return None


def clipboard() -> str:
    """The clipboard's text, "" when there is none or no clipboard can be reached."""
    try:
        return pygame.scrap.get_text()
    except pygame.error:
        return ""


@runtime_checkable
class TakesText(Protocol):
    """A screen with text fields: while `typing_at` gives the focused field's box, the App asks the
    system for typed text there and passes each edit to `edit`."""

    def typing_at(self) -> pygame.Rect | None: ...

    def edit(self, edit: Edit) -> Navigation | None: ...


class Typing:
    """The App's side: typing goes to the screen on top while it has a field to take it, and the
    system is asked for typed text (and key repeat) only then."""

    def __init__(self) -> None:
        self.at: pygame.Rect | None = None  # the box typed text goes to, while there is one
        self._stop()  # until a field asks: SDL starts with typed text on

    def edit(self, top: object, event: pygame.event.Event) -> Navigation | None:
        """Pass `event` to `top` when it is typing and a field there takes it."""
        edit = text_edit(event)
        if edit is not None and isinstance(top, TakesText) and top.typing_at() is not None:
            return top.edit(edit)
        return None

    def follow(self, top: object) -> None:
        """After each frame's input: ask for typed text over the field that takes it, or stop asking."""
        wanted = top.typing_at() if isinstance(top, TakesText) else None
        if wanted == self.at:
            return
        if wanted is None:
            self._stop()
        else:  # again for another field: an input method's window follows the caret's box
            pygame.key.start_text_input()
            pygame.key.set_text_input_rect(wanted)
            pygame.key.set_repeat(*REPEAT)
        self.at = wanted

    def _stop(self) -> None:
        """No typed text, and no key repeat: a held number key must not answer twice."""
        pygame.key.stop_text_input()
        pygame.key.set_repeat()


def printable(text: str) -> str:
    """What of `text` a one-line field keeps: no control characters, line breaks as spaces."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return "".join(ch for ch in text if ch >= " " and ch != "\x7f" and not 0x80 <= ord(ch) < 0xA0)


@dataclass(slots=True)
class TextField:
    """One line of text with a caret: insert, erase, move, and show what an input method composes."""

    label: str
    text: str = ""
    caret: int = 0  # characters before the caret
    composing: str = ""
    limit: int = LONGEST
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))  # the box, without its label

    def apply(self, edit: Edit) -> None:
        match edit:
            case Composing(text=text):
                self.composing = printable(text)
            case Typed(text=text):
                self.composing = ""
                room = self.limit - len(self.text)
                added = printable(text)[: max(0, room)]
                self.text = self.text[: self.caret] + added + self.text[self.caret :]
                self.caret += len(added)
            case Erase(ahead=ahead) if not self.composing:
                start = self.caret if ahead else max(0, self.caret - 1)
                end = min(len(self.text), self.caret + 1) if ahead else self.caret
                self.text = self.text[:start] + self.text[end:]
                self.caret = start

    def step(self, dx: int) -> None:
        """Left/Right: the caret one character along (an input method's own arrows are left alone)."""
        if not self.composing:
            self.caret = max(0, min(len(self.text), self.caret + dx))

    def to_end(self, end: bool) -> None:
        """Home or End."""
        if not self.composing:
            self.caret = len(self.text) if end else 0

    def clear(self) -> None:
        self.text, self.caret, self.composing = "", 0, ""

    def place_caret(self, theme: Theme, x: int) -> None:
        """A click at `x` puts the caret at the nearest gap between characters."""
        left = self._text_left(theme) - self._shift(theme)
        gaps = [left + theme.text_width(self.text[:i]) for i in range(len(self.text) + 1)]
        self.caret = min(range(len(gaps)), key=lambda i: abs(gaps[i] - x))

    # -- drawing (reads state, changes nothing) -------------------------------------------
    def height(self, theme: Theme) -> int:
        return theme.font("body").get_linesize() + 2 * theme.px(8)

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool) -> None:
        palette, rect = theme.palette, self.rect
        pygame.draw.rect(surface, palette.background, rect, border_radius=theme.px(6))
        edge, width = (palette.focus, theme.px(3)) if focused else (palette.muted, theme.px(1))
        pygame.draw.rect(surface, edge, rect, width, border_radius=theme.px(6))
        inner = rect.inflate(-2 * theme.px(10), -2 * theme.px(4))
        clip = surface.get_clip()
        surface.set_clip(inner.clip(clip))
        left, top = self._text_left(theme) - self._shift(theme), rect.y + theme.px(8)
        before = theme.text(self.text[: self.caret], "body")
        surface.blit(before, (left, top))
        x = left + before.get_width()
        if self.composing:  # underlined, as input methods mark what is not yet chosen
            composed = theme.text(self.composing, "body", palette.accent)
            surface.blit(composed, (x, top))
            line_y = top + composed.get_height() - theme.px(2)
            pygame.draw.line(surface, palette.accent, (x, line_y), (x + composed.get_width(), line_y), theme.px(2))
            x += composed.get_width()
        surface.blit(theme.text(self.text[self.caret :], "body"), (x, top))
        if focused:
            caret_top, line = top + theme.px(2), theme.font("body").get_linesize() - theme.px(4)
            pygame.draw.line(surface, palette.text, (x, caret_top), (x, caret_top + line), theme.px(2))
        surface.set_clip(clip)

    def _text_left(self, theme: Theme) -> int:
        return self.rect.x + theme.px(10)

    def _shift(self, theme: Theme) -> int:
        """How far the text slides left so that the caret (and what is being composed) stays in the box."""
        room = self.rect.width - 2 * theme.px(10) - theme.px(2)
        caret_x = theme.text_width(self.text[: self.caret] + self.composing)
        return max(0, caret_x - room)
