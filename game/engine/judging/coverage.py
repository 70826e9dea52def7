"""`coverage`: which principles a library teaches, through which answers, and which it never does.

An answer names one `principle`, and the format does not say whether it follows or breaks it.
Its quality among the answers written beside it does (`choice_sets.py`): an answer nearer the
best on offer follows what it names, one nearer the worst breaks it, as the debrief teaches.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..model import Principle, Scenario
from ..reading.diagnostics import Position
from .choice_sets import choice_sets


@dataclass(frozen=True, slots=True)
class Teaching:
    """One answer that names a principle."""

    scenario: str  # its id
    path: str
    nodes: tuple[str, ...]  # every node offering the answer
    answer: str  # the choice id, or "(timeout)"
    position: Position
    quality: float  # its mean quality among the answers beside it, 0 to 1
    follows: bool


@dataclass(frozen=True, slots=True)
class Coverage:
    """A principle with the answers that follow and break it; `principle` is None for an id that
    answers name but no principles file defines."""

    id: str
    principle: Principle | None
    follows: tuple[Teaching, ...]
    breaks: tuple[Teaching, ...]

    @property
    def taught(self) -> bool:
        return bool(self.follows or self.breaks)


def principle_coverage(principles: Mapping[str, Principle], scenarios: Iterable[Scenario]) -> list[Coverage]:
    """Every principle, those no answer teaches first, then the rest in the principles' order;
    ids that answers name but `principles` lacks come last."""
    found: dict[str, list[Teaching]] = {key: [] for key in principles}
    for scenario in scenarios:
        for choice_set in choice_sets(scenario):
            for answer in choice_set.answers:
                named = answer.consequence.principle
                if named:
                    found.setdefault(named, []).append(
                        Teaching(
                            scenario.id,
                            scenario.path,
                            choice_set.nodes,
                            answer.id,
                            answer.position,
                            answer.mean,
                            not answer.is_poor,
                        )
                    )
    rows = [
        Coverage(
            key,
            principles.get(key),
            tuple(t for t in teachings if t.follows),
            tuple(t for t in teachings if not t.follows),
        )
        for key, teachings in found.items()
    ]
    return sorted(rows, key=lambda row: (row.principle is None, row.taught))  # stable: file order within
