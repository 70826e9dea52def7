"""What the title offers the trainee practising: their most recent save to continue, and the
scenario to practise next with its reason, read from their results.

The library is read once and again only when a file in it changes (a stamp per file), so
coming back to the title after each conversation, or opening the progress screen, costs a look,
not a validation of every file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.storage.errors import StorageError

from .host import Host

if TYPE_CHECKING:
    from game.engine import Practice, Scenario
    from game.storage.results import BrokenPrinciple, Standing
    from game.storage.saves import SavedGame
    from game.storage.watch import Watcher

PRINCIPLES_WEIGHED = 100  # every principle a trainee has broken counts towards the suggestion


@dataclass(frozen=True, slots=True)
class Offers:
    games: tuple[SavedGame, ...] = ()  # the trainee's saves, the most recent first
    practice: Practice | None = None
    messages: tuple[str, ...] = ()  # saves that could not be used: set aside, or from a newer game
    titles: dict[str, str] | None = None  # scenario id to title, for naming a save

    def title_of(self, game: SavedGame) -> str:
        return (self.titles or {}).get(game.scenario_id, game.scenario_id)


class LibraryLook:
    """The library's sound scenarios, read again only when one of its files changed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.watcher: Watcher | None = None
        self.scenarios: list[Scenario] = []

    def current(self) -> list[Scenario]:
        from game.storage.scenario_files import load_library  # with the first look, not at start-up
        from game.storage.watch import library_watcher

        if self.watcher is None or self.watcher.changes():
            self.watcher = self.watcher or library_watcher(self.folder)
            self.scenarios = load_library([self.folder]).scenarios
        return self.scenarios


_LOOKS: dict[Path, LibraryLook] = {}


def library_look(folder: Path) -> LibraryLook:
    """The one look at `folder` the title and the progress screen share, so that neither validates
    the whole library again while the other already holds it and nothing has changed."""
    if folder not in _LOOKS:
        _LOOKS[folder] = LibraryLook(folder)
    return _LOOKS[folder]


def offers_for(app: Host, scenarios: list[Scenario]) -> Offers:
    """The saves and the suggestion for whoever is practising (nothing when nobody is)."""
    from game.storage.saves import saves_of  # once someone is practising, not before the first frame

    trainee = app.trainee
    if trainee is None:
        return Offers()
    found = saves_of(app.data, trainee.id)
    titles = {scenario.id: scenario.title for scenario in scenarios}
    return Offers(tuple(found.games), suggestion(app, scenarios), tuple(found.messages), titles)


def suggestion(app: Host, scenarios: list[Scenario]) -> Practice | None:
    """What to practise next, from the trainee's results; None without results to go on."""
    trainee, results = app.trainee, app.results
    if trainee is None or results is None:
        return None
    try:
        standings = results.standings(trainee.id)
        broken = results.broken_principles(trainee.id, limit=PRINCIPLES_WEIGHED)
    except StorageError as problem:  # the file failed since it was opened: no suggestion, and why
        app.tell(str(problem))
        return None
    return practice_from(scenarios, standings, broken)


def practice_from(
    scenarios: list[Scenario], standings: dict[str, Standing], broken: list[BrokenPrinciple]
) -> Practice | None:
    """What to practise next from a trainee's results, read with `PRINCIPLES_WEIGHED`: the title's
    "Practise next" and the progress screen's suggestion are this one answer."""
    from game.engine import practise_next  # when first asked, not at start-up

    best = {scenario_id: standing.best_overall for scenario_id, standing in standings.items()}
    return practise_next(scenarios, best, {b.principle: b.times for b in broken})
