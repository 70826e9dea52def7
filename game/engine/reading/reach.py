"""Which situations can happen, with anger handled as a set: fast and still exact.

Exploring state by state costs one step per (place, anger, flags). For reachability alone
we can move every anger value at once: a Python int is a bit set of the 101 anger values,
an anger change is a clamped shift, and a condition on anger is a mask. Validation uses
this to find dead ends and unreachable endings in large scenarios in a blink.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field

from ..collector import collector_paused
from ..judging.statespace import State
from ..model import AllOf, AngerRange, AnyOf, Condition, Consequence, HasFlag, Node, Not, Scenario
from ..playing.rules import ANGER_MAX, flags_after, scaled_anger
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
            walker.visit(scenario.nodes[key[0]], key[1], walker.pending.pop(key))
    return result


class _Walker:
    def __init__(self, scenario: Scenario, temperament: int, result: Reachability, walk: DepthFirst) -> None:
        self.scenario, self.temperament, self.result = scenario, temperament, result
        self.live = live_flags(scenario, walk)
        # Visit a node once all that leads to it is done, so its angers arrive together.
        finish_order = walk.finish_order
        self.rank = {place: len(finish_order) - i for i, place in enumerate(finish_order)}
        self.pending: dict[tuple[str, frozenset[str]], int] = {}
        self.queue: list[tuple[int, int, tuple[str, frozenset[str]]]] = []
        self.arrivals = itertools.count()  # breaks ties in arrival order
        threshold = scenario.customer.walks_out_at
        self.stays = ALL if threshold is None else span(0, threshold - 1)

    def deliver(self, place: str, flags: frozenset[str], angers: int) -> None:
        node = self.scenario.nodes.get(place)
        if node is not None and node.is_route:
            for route in node.route:
                taken = angers & anger_set(route.condition, flags)
                if taken:
                    self.deliver(route.next, flags, taken)
                    angers &= ~taken
            return
        key = (place, flags & self.live[place])
        new = angers & ~self.result.reached.get(key, 0)
        if new:
            self.result.reached[key] = self.result.reached.get(key, 0) | new
            if node is not None:
                if key not in self.pending:
                    heapq.heappush(self.queue, (self.rank[place], next(self.arrivals), key))
                self.pending[key] = self.pending.get(key, 0) | new

    def visit(self, node: Node, flags: frozenset[str], angers: int) -> None:
        speakable = ALL if node.timeout is not None else 0
        for choice in node.choices:
            allowed = anger_set(choice.condition, flags)
            speakable |= allowed
            if angers & allowed:
                self.follow(choice.consequence, flags, angers & allowed)
        if node.timeout is not None:
            self.follow(node.timeout, flags, angers)
        if angers & ~speakable:
            self.result.stuck.append(State(node.id, lowest(angers & ~speakable), flags))

    def follow(self, consequence: Consequence, flags: frozenset[str], angers: int) -> None:
        after = shifted(angers, scaled_anger(consequence.effects.anger, self.temperament))
        flags = flags_after(flags, consequence)
        walkout = self.scenario.customer.walks_out_to
        if walkout is not None and after & ~self.stays:
            self.deliver(walkout, flags, after & ~self.stays)
        if after & self.stays:
            self.deliver(consequence.next, flags, after & self.stays)
