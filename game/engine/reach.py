"""Which situations can happen, with anger handled as a set: fast and still exact.

Exploring state by state costs one step per (place, anger, flags). For reachability alone
we can move every anger value at once: a Python int is a bit set of the 101 anger values,
an anger change is a clamped shift, and a condition on anger is a mask. Validation uses
this to find dead ends and unreachable endings in large scenarios in a blink.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .collector import collector_paused
from .model import AllOf, AngerRange, AnyOf, Condition, Consequence, HasFlag, Node, Not, Scenario
from .rules import ANGER_MAX, flags_after, scaled_anger
from .statespace import State, live_flags

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


def reachability(scenario: Scenario, temperament: int) -> Reachability:
    result = Reachability(scenario, temperament)
    walker = _Walker(scenario, temperament, result)
    with collector_paused():
        walker.deliver(scenario.start, frozenset(), 1 << scenario.customer.anger)
        while walker.pending:
            key, angers = walker.pending.popitem()
            walker.visit(scenario.nodes[key[0]], key[1], angers)
    return result


class _Walker:
    def __init__(self, scenario: Scenario, temperament: int, result: Reachability) -> None:
        self.scenario, self.temperament, self.result = scenario, temperament, result
        self.live = live_flags(scenario)
        self.pending: dict[tuple[str, frozenset[str]], int] = {}
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
