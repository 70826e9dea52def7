"""Choices whose `if` never holds at their own node, given every way the conversation gets there.

A condition can be sound on its own (`{flag: verified}` is a fine test) and still never hold where
it is written: no path into the node sets the flag, or anger there never reaches the range. The
trainee then never sees the choice (or only ever sees it greyed out), and the trainer is not told.
Reachability already knows each node's possible angers and flags at the temperaments validation
plays, so this reads them off and says, in the trainer's terms, what the node really sees.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Choice, Scenario
from ..playing.conditions import flags_named
from .diagnostics import DiagnosticSink, Position
from .reach import Reachability, anger_set, lowest

Seen = list[tuple[frozenset[str], int]]  # each set of flags a node is reached with, and its angers


def check_pickable(scenario: Scenario, found: Iterable[Reachability], sink: DiagnosticSink) -> None:
    """Warn at each choice with an `if` that holds in no situation its node is reached in. A block of
    choices shared through an alias is one place in the file: it is warned about only when its
    choice can be picked at none of the nodes that share it. A test of a flag that nothing sets has a
    warning of its own (`check_flags`), so it is not said twice."""
    guarded = {node.id: node for node in scenario.nodes.values() if any(c.condition for c in node.choices)}
    set_somewhere = set().union(*(c.sets for node in scenario.nodes.values() for c in node.consequences()))
    seen: dict[str, Seen] = {}
    for reachability in found:
        for (place, flags), angers in reachability.reached.items():
            if place in guarded:
                seen.setdefault(place, []).append((flags, angers))
    uses: dict[Position, list[tuple[str, Choice]]] = {}
    for place in seen:
        for choice in guarded[place].choices:
            if choice.condition is not None and flags_named(choice.condition) <= set_somewhere:
                uses.setdefault(choice.position, []).append((place, choice))
    for position, places in uses.items():
        if any(_ever_holds(choice, seen[place]) for place, choice in places):
            continue
        where = " or ".join(f"node '{place}' ({_what_it_sees(choice, seen[place])})" for place, choice in places)
        sink.warning(
            position,
            "never-here",
            f"choice '{places[0][1].id}' can never be picked: its 'if' holds in no way of reaching {where}",
        )


def _ever_holds(choice: Choice, situations: Seen) -> bool:
    return any(angers & anger_set(choice.condition, flags) for flags, angers in situations)


def _what_it_sees(choice: Choice, situations: Seen) -> str:
    """The node's anger range and the state of each flag the choice tests, in words."""
    angers = 0
    for _, reached in situations:
        angers |= reached
    low, high = lowest(angers), angers.bit_length() - 1
    facts = [f"anger there is always {low}" if low == high else f"anger there is {low} to {high}"]
    for flag in sorted(flags_named(choice.condition)):
        on = [flag in flags for flags, _ in situations]
        if not any(on):
            facts.append(f"the flag '{flag}' is never on there")
        elif all(on):
            facts.append(f"the flag '{flag}' is always on there")
    return "; ".join(facts)
