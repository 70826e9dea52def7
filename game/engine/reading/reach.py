"""Which situations can happen, with anger handled as a set: fast and still exact.

Exploring state by state costs one step per (place, anger, flags). For reachability alone
we can move every anger value at once: a Python int is a bit set of the 101 anger values,
an anger change is a clamped shift, and a condition on anger is a mask. Validation uses
this to find dead ends and unreachable endings in large scenarios in a blink. The moves are
the scenario machine's (`moves_for`), each applied to a set of angers at once.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field

from ..collector import collector_paused
from ..judging.statespace import State
from ..model import AllOf, AngerRange, AnyOf, Condition, HasFlag, Not, Scenario
from ..playing.machine import Move, moves_for
from ..playing.rules import ANGER_MAX
from .links import DepthFirst, depth_first, live_flags

ALL = (1 << (ANGER_MAX + 1)) - 1


def span(low: int, high: int) -> int:
    """The bit set of anger values low..high."""
    return ((1 << (high + 1)) - 1) ^ ((1 << low) - 1) if low <= high else 0


def anger_set(condition: Condition | None, flags: frozenset[str]) -> int:
    """The anger values at which the condition holds, given the flags."""
    match condition:
        case None:
            return ALL
        case AngerRange(low, high):
            return span(low, high)
        case HasFlag(flag):
            return ALL if flag in flags else 0
        case Not(inner):
            return ALL ^ anger_set(inner, flags)
        case AllOf(parts):
            result = ALL
            for part in parts:
                result &= anger_set(part, flags)
            return result
        case AnyOf(parts):
            result = 0
            for part in parts:
                result |= anger_set(part, flags)
            return result
    raise TypeError(f"not a condition: {condition!r}")


def shifted(angers: int, delta: int) -> int:
    """Every anger value moved by delta, clamped to 0..100 like `rules.clamp_anger`."""
    if delta >= 0:
        return ((angers << delta) & ALL) | ((1 << ANGER_MAX) if angers >> max(0, ANGER_MAX + 1 - delta) else 0)
    return (angers >> -delta) | (1 if angers & ((1 << -delta) - 1) else 0)


def lowest(angers: int) -> int:
    return (angers & -angers).bit_length() - 1


@dataclass(slots=True)
class Reachability:
    """Every (place, flags) reached, with the set of angers it is reached at."""

    scenario: Scenario
    temperament: int
    reached: dict[tuple[str, frozenset[str]], int] = field(default_factory=dict)
    stuck: list[State] = field(default_factory=list)  # a node where nothing can be said

    def places(self) -> set[str]:
        return {place for place, _ in self.reached}


def reachability(scenario: Scenario, temperament: int, walk: DepthFirst | None = None) -> Reachability:
    """Everything reachable at this temperament; pass `walk` when asking for several."""
    result = Reachability(scenario, temperament)
    walker = _Walker(scenario, temperament, result, walk or depth_first(scenario))
    with collector_paused():
        walker.deliver(scenario.start, frozenset(), 1 << scenario.customer.anger)
        while walker.queue:
            key = heapq.heappop(walker.queue)[2]
            walker.visit(key[0], key[1], walker.pending.pop(key))
    return result


class _Walker:
    def __init__(self, scenario: Scenario, temperament: int, result: Reachability, walk: DepthFirst) -> None:
        self.temperament, self.result = temperament, result
        self.moves = moves_for(scenario)
        self.live = live_flags(scenario, walk)
        # Visit a node once all that leads to it is done, so its angers arrive together.
        finish_order = walk.finish_order
        self.rank = {place: len(finish_order) - i for i, place in enumerate(finish_order)}
        self.pending: dict[tuple[str, frozenset[str]], int] = {}
        self.queue: list[tuple[int, int, tuple[str, frozenset[str]]]] = []
        self.arrivals = itertools.count()  # breaks ties in arrival order

    def deliver(self, place: str, flags: frozenset[str], angers: int) -> None:
        routes = self.moves.routes.get(place)
        if routes is not None:
            for route in routes:
                taken = angers & anger_set(route.condition, flags)
                if taken:
                    self.deliver(route.next, flags, taken)
                    angers &= ~taken
            return
        key = (place, flags & self.live[place])
        new = angers & ~self.result.reached.get(key, 0)
        if new:
            self.result.reached[key] = self.result.reached.get(key, 0) | new
            if place not in self.moves.endings:
                if key not in self.pending:
                    heapq.heappush(self.queue, (self.rank[place], next(self.arrivals), key))
                self.pending[key] = self.pending.get(key, 0) | new

    def visit(self, place: str, flags: frozenset[str], angers: int) -> None:
        speakable = 0
        for move in self.moves.answers.get(place, ()):
            allowed = anger_set(move.condition, flags)
            speakable |= allowed
            if angers & allowed:
                self.follow(move, flags, angers & allowed)
        if angers & ~speakable:
            self.result.stuck.append(State(place, lowest(angers & ~speakable), flags))

    def follow(self, move: Move, flags: frozenset[str], angers: int) -> None:
        after = shifted(angers, move.scaled(self.temperament))
        flags = move.flags_after(flags)
        walks = 0 if move.walks_at is None else after & span(move.walks_at, ANGER_MAX)
        if walks and move.walkout is not None:
            self.deliver(move.walkout, flags, walks)
        if after & ~walks:
            self.deliver(move.next, flags, after & ~walks)
