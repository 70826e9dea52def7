"""What a trainer's play-test view shows: each answer's consequences before it is picked, and the
flags a scenario uses, for starting it anywhere.

Everything is read off the compiled machine's moves (machine.py, the one definition of how a
conversation moves) for the session as it stands: its customer's temperament scales the anger,
its anger and flags decide a walk-out and the routing after the answer. So what the view shows
is exactly what picking the answer does, which a test checks on every shipped scenario.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..model import Ending, Scenario
from .conditions import flags_named
from .history import TIMEOUT
from .machine import Move, Moves, moves_for
from .rules import gains_on_arrival


class Situation(Protocol):
    """Where a conversation stands: what a Session tells of itself."""

    scenario: Scenario
    temperament: int

    @property
    def place(self) -> str: ...

    @property
    def anger(self) -> int: ...

    @property
    def flags(self) -> frozenset[str]: ...


@dataclass(frozen=True, slots=True)
class Preview:
    """What one answer (or a missed reply, TIMEOUT) would do from here."""

    choice_id: str
    anger_before: int
    anger_after: int  # scaled for this customer and kept within the meter
    gains: tuple[int, int, int]  # composure, assertiveness, resolution (SCORE_NAMES), with an ending's effects
    sets: frozenset[str]
    clears: frozenset[str]
    place: str  # where it leads: the next node that speaks (routing nodes followed), or an ending
    ending: Ending | None  # the ending it leads to, if it ends the conversation
    walks_out: bool  # the customer leaves: the anger after it reaches the walk-out point

    @property
    def anger_change(self) -> int:
        return self.anger_after - self.anger_before


def previews(situation: Situation) -> dict[str, Preview]:
    """Every answer of the node where the conversation stands, offered now or not, by choice id in
    the file's order, then TIMEOUT when the node has a timer; none at an ending."""
    scenario = situation.scenario
    node = scenario.nodes.get(situation.place)
    if node is None:
        return {}
    moves = moves_for(scenario)
    found = {}
    for move in moves.answers.get(node.id, ()):
        choice_id = TIMEOUT if move.is_timeout else node.choices[move.option].id
        found[choice_id] = _preview(scenario, moves, move, choice_id, situation)
    return found


def _preview(scenario: Scenario, moves: Moves, move: Move, choice_id: str, situation: Situation) -> Preview:
    anger, flags = situation.anger, situation.flags
    landing, anger_after, flags_after = move.lands(anger, flags, move.scaled(situation.temperament))
    place = moves.settle(landing, anger_after, flags_after)
    walks_out = move.walkout is not None and move.walks(anger_after)
    gains = gains_on_arrival(scenario, move.gains, place)
    ending = scenario.endings.get(place)
    return Preview(choice_id, anger, anger_after, gains, move.sets, move.clears, place, ending, walks_out)


def flags_in(scenario: Scenario) -> tuple[str, ...]:
    """Every flag the scenario's answers set or clear or its conditions test, sorted: the flags a
    play-test can start with."""
    moves = moves_for(scenario)
    named: set[str] = set()
    for move in (move for group in (moves.answers, moves.routes) for each in group.values() for move in each):
        named |= move.sets | move.clears | flags_named(move.condition)
    return tuple(sorted(named))
