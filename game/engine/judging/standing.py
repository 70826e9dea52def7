"""How an ending stands among the endings a scenario lets a trainee reach.

The outcome decides which band the overall score lies in, and the answers decide where in
the band: no quality of answers lifts an ending above a better outcome that was reachable.
Outcomes are ranked among those reachable, so where the best a customer allows is a partial
fix, reaching it is a success; losing the customer is always the bottom band.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Outcome

OUTCOME_ORDER = (Outcome.RESOLVED, Outcome.PARTIAL, Outcome.ESCALATED, Outcome.LOST)
BANDS = ((50, 100), (35, 49), (20, 34), (0, 19))  # overall range per level, best first
LOST_LEVEL = len(BANDS) - 1


@dataclass(frozen=True, slots=True)
class Standing:
    """Each reachable outcome's level: 0 for the best reachable, one more per better outcome
    above it; a lost customer is always the last level."""

    levels: dict[Outcome, int]

    @classmethod
    def among(cls, reachable: Iterable[Outcome]) -> Standing:
        found = set(reachable)
        kept = [o for o in OUTCOME_ORDER if o in found and o is not Outcome.LOST]
        levels: dict[Outcome, int] = {outcome: level for level, outcome in enumerate(kept)}
        levels[Outcome.LOST] = LOST_LEVEL
        return cls(levels)

    def level(self, outcome: Outcome) -> int:
        return self.levels.get(outcome, LOST_LEVEL)

    def band(self, outcome: Outcome) -> tuple[int, int]:
        return BANDS[self.level(outcome)]

    def overall(self, outcome: Outcome, mean: float) -> float:
        """The overall score: the outcome's band, entered as far as the answers' mean quality goes."""
        low, high = self.band(outcome)
        return low + (high - low) * mean

    def best(self) -> Outcome:
        return min(self.levels, key=self.levels.__getitem__)
