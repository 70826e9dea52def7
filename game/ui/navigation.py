"""How a screen leaves for another without knowing it: it returns a move that names where it wants
to go, and the App builds that screen (scenes/routes.py). So screens never construct or import
each other, and the screens' modules form no import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import pygame

if TYPE_CHECKING:  # only named here: importing the Session at start-up would slow the first frame
    from game.engine import Scenario, Session


class Pausable(Protocol):
    """What the pause menu needs from the screen it pauses."""

    def draw(self, surface: pygame.Surface) -> None: ...

    def restart(self) -> None: ...


class Jumpable(Protocol):
    """What the play-test jump list needs from the play screen it starts again."""

    @property
    def session(self) -> Session: ...

    def start_at(self, place: str, anger: int, flags: frozenset[str]) -> None: ...


@dataclass(frozen=True, slots=True)
class Picker:
    """The scenario picker."""


@dataclass(frozen=True, slots=True)
class SettingsMenu:
    """The settings screen."""


@dataclass(frozen=True, slots=True)
class Conversation:
    """The play screen, on `session` or on a new one."""

    scenario: Scenario
    session: Session | None = None


@dataclass(frozen=True, slots=True)
class PauseMenu:
    """The pause menu over the conversation it pauses."""

    over: Pausable


@dataclass(frozen=True, slots=True)
class Debrief:
    """The debrief of a finished conversation."""

    scenario: Scenario
    session: Session


@dataclass(frozen=True, slots=True)
class Progress:
    """The current trainee's progress: scores per scenario, a chart over attempts, what to practise."""


@dataclass(frozen=True, slots=True)
class JumpList:
    """The play-test view's list of nodes to start the conversation at, over the play screen."""

    over: Jumpable


Destination = Picker | SettingsMenu | Conversation | PauseMenu | Debrief | JumpList | Progress


@dataclass(frozen=True, slots=True)
class Push:
    """Open `to` over this screen; popping it comes back here."""

    to: Destination


@dataclass(frozen=True, slots=True)
class Replace:
    """Open `to` in this screen's place."""

    to: Destination


@dataclass(frozen=True, slots=True)
class Pop:
    """Close this screen, back to the one under it."""


@dataclass(frozen=True, slots=True)
class BackToTitle:
    """Close every screen above the title menu."""


@dataclass(frozen=True, slots=True)
class Exit:
    """Close the game."""


Navigation = Push | Replace | Pop | BackToTitle | Exit
