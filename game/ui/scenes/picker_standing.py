"""How the trainee practising stands on each scenario, as the picker's cards say it: the best grade
and the number of finished attempts, "New" for one never finished, and "In progress" where a save
waits (the card then continues it rather than starting over).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from game.storage.errors import StorageError
from game.storage.saves import SavedGame, saves_of

from ..host import Host

NEW = "New: not finished yet"
IN_PROGRESS = "In progress"


@dataclass(frozen=True, slots=True)
class Standings:
    """The trainee's best grade and attempts per scenario id, and their saves."""

    best: Mapping[str, tuple[str, int]] = field(default_factory=dict)  # id to (best grade, attempts)
    games: tuple[SavedGame, ...] = ()

    def in_progress(self, scenario_id: str) -> bool:
        return any(game.scenario_id == scenario_id for game in self.games)

    def words(self, scenario_id: str) -> str:
        """One short line: "Best grade B · 3 attempts · In progress", or "New: not finished yet"."""
        parts = []
        if scenario_id in self.best:
            grade, attempts = self.best[scenario_id]
            parts += [f"Best grade {grade}", "1 attempt" if attempts == 1 else f"{attempts} attempts"]
        if self.in_progress(scenario_id):
            parts.append(IN_PROGRESS)
        return "  \u00b7  ".join(parts) if parts else NEW


def standings_of(app: Host) -> Standings:
    """What the picker shows for whoever is practising: nothing when nobody is, no grades without results."""
    trainee, results = app.trainee, app.results
    if trainee is None:
        return Standings()
    games = tuple(saves_of(app.data, trainee.id).games)
    try:
        standings = results.standings(trainee.id) if results is not None else {}
    except StorageError as problem:  # the file failed since it was opened: the cards show no grades
        app.tell(str(problem))
        standings = {}
    return Standings({key: (standing.best_grade, standing.attempts) for key, standing in standings.items()}, games)
