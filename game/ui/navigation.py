"""How a screen leaves for another without knowing it: it returns a move that names where it wants
to go, and the App builds that screen (scenes/routes.py). So screens never construct or import
each other, and the screens' modules form no import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import pygame

if TYPE_CHECKING:  # only named here: importing the Session at start-up would slow the first frame
    from game.engine import Scenario, Session
    from game.storage.saves import SavedGame


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


@runtime_checkable
class Suspendable(Protocol):
    """A screen with something to keep when the game closes under it (the play screen's autosave)."""

    def suspend(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Resuming:
    """What a saved conversation brings back besides its session: the window's clocks, and when the
    attempt began."""

    waited: float  # seconds already spent on the current question: a timer goes on with the rest
    call_seconds: float  # the phone call's clock
    started_at: str  # UTC, as saves write it


@dataclass(frozen=True, slots=True)
class Conversation:
    """The play screen, on `session` or on a new one; `resuming` a save, or a `what_if` from the
    debrief's Rewind (explored, neither saved nor recorded)."""

    scenario: Scenario
    session: Session | None = None
    resuming: Resuming | None = None
    what_if: bool = False


@dataclass(frozen=True, slots=True)
class PauseMenu:
    """The pause menu over the conversation it pauses."""

    over: Pausable


@dataclass(frozen=True, slots=True)
class Debrief:
    """The debrief of a finished conversation."""

    scenario: Scenario
    session: Session
    note: str = ""  # about the results: why this attempt was not added, or "" when it was


@dataclass(frozen=True, slots=True)
class Progress:
    """The current trainee's progress: scores per scenario, a chart over attempts, what to practise."""


@dataclass(frozen=True, slots=True)
class Trainees:
    """Choose who is practising, or add a new trainee."""


@dataclass(frozen=True, slots=True)
class CannotContinue:
    """A save that cannot be continued: why, and the offer to start it again (or, with its scenario
    gone, to set the save aside)."""

    message: str
    scenario: Scenario | None
    game: SavedGame


@dataclass(frozen=True, slots=True)
class JumpList:
    """The play-test view's list of nodes to start the conversation at, over the play screen."""

    over: Jumpable


Destination = (
    Picker | SettingsMenu | Conversation | PauseMenu | Debrief | JumpList | Progress | Trainees | CannotContinue
)


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
