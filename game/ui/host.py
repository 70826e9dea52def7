"""The App as a screen sees it: what a screen may ask of the App, and no more.

Screens depend on this protocol rather than on the App itself, so the App may import every
screen and no screen imports the App; leaving a screen is a returned move (navigation.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from game.storage.settings import Settings

from .sound import Sound
from .theme import Theme

if TYPE_CHECKING:  # named only: the title must not wait for SQLite to be imported
    from game.storage.results import ResultsStore
    from game.storage.trainees import Trainee


class Host(Protocol):
    @property
    def theme(self) -> Theme:
        """Fonts, colours and sizes for the window as it is now."""

    @property
    def settings(self) -> Settings: ...

    @property
    def sound(self) -> Sound: ...

    @property
    def sound_checked(self) -> bool:
        """Whether the sound device has been tried yet (before that, `sound.available` means nothing)."""

    @property
    def notice(self) -> str:
        """A problem to tell the player about (settings not saved, a screen that failed), or ""."""

    @property
    def library(self) -> Path:
        """The folder of scenarios the picker lists."""

    @property
    def data(self) -> Path:
        """The data folder: settings, trainees, saves and the results database."""

    @property
    def trainee(self) -> Trainee | None:
        """Who is practising, or None until someone is chosen."""

    @property
    def results(self) -> ResultsStore | None:
        """Where finished attempts are recorded; None when they cannot be (`notice` says why)."""

    @property
    def results_problem(self) -> str:
        """Why results are not being stored (the database could not be opened), or ""."""

    @property
    def revision(self) -> int:
        """Goes up whenever the trainee, their saves or their results change: a screen that shows
        them (the title's Continue, the picker's cards) reads them again when it differs."""

    def play_as(self, trainee: Trainee) -> None:
        """Make `trainee` the one practising (their name is already remembered, or could not be)."""

    def tell(self, message: str) -> None:
        """Show the player a problem (a save that failed, results not stored) as the notice."""

    def changed(self) -> None:
        """Something the trainee's screens show was saved, removed or recorded: bump `revision`."""

    def next_seed(self) -> int:
        """The seed for a new conversation."""

    def apply_settings(self, settings: Settings) -> None:
        """Use, save and re-theme for `settings`: every screen is laid out again."""
