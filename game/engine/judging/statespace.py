"""Every situation a scenario can be in, as a graph: the ground truth for analysis.

A state is (place, anger, flags): everything that decides what can happen next. Anger is
clamped to 0-100 and flags are finite, so the graph is finite and exploring it is exact:
no paths are enumerated, and loops are found rather than followed forever.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from ..collector import collector_paused
from ..model import Node, Scenario
from ..playing.conditions import holds
from ..playing.machine import moves_for
from ..playing.rules import gains_on_arrival
from ..reading.links import live_flags

MAX_STATES = 1_000_000


class State(NamedTuple):
    place: str
    anger: int
    flags: frozenset[str]


class Edge(NamedTuple):
    """One thing the trainee can do in a state: a choice (by index in the node) or the timeout."""

    option: int
    target: int
    gains: tuple[int, int, int]  # composure, assertiveness, resolution
    is_timeout: bool


class TooManyStates(Exception):
    """The scenario's flags and anger values combine into more states than we analyse."""


@dataclass(slots=True)
class StateGraph:
    """The states reachable from state 0. A state keeps only the flags some later condition
    can still read (`live`), so situations that cannot play out differently are one state."""

    scenario: Scenario
    temperament: int
    live: dict[str, frozenset[str]]
    states: list[State] = field(default_factory=list)
    index: dict[State, int] = field(default_factory=dict)
    edges: list[list[Edge]] = field(default_factory=list)

    def find(self, place: str, anger: int, flags: frozenset[str]) -> int:
        """The index of a situation a session is in (KeyError if it is not reachable)."""
        return self.index[State(place, anger, flags & self.live.get(place, frozenset()))]

    def add(self, state: tuple[str, int, frozenset[str]]) -> int:
        place, anger, flags = state
        if flags:
            state = (place, anger, flags & self.live[place])
        known = self.index.get(state)  # type: ignore[call-overload]  # a plain tuple hashes as its State
        if known is not None:
            return known
        if len(self.states) >= MAX_STATES:
            raise TooManyStates(f"more than {MAX_STATES:,} states")
        state = State(*state)
        self.index[state] = len(self.states)
        self.states.append(state)
        self.edges.append([])
        return len(self.states) - 1

    def node_of(self, state_index: int) -> Node | None:
        return self.scenario.nodes.get(self.states[state_index].place)

    def is_ending(self, state_index: int) -> bool:
        return self.states[state_index].place in self.scenario.endings

    def stuck_states(self) -> Iterator[int]:
        """States at a node where no choice is available and no timer runs: the game would hang."""
        return (i for i, out in enumerate(self.edges) if not out and not self.is_ending(i))


def start_state(
    scenario: Scenario, place: str | None = None, anger: int | None = None, flags: frozenset[str] = frozenset()
) -> State:
    anger = scenario.customer.anger if anger is None else anger
    return State(moves_for(scenario).settle(place or scenario.start, anger, flags), anger, flags)


def explore(scenario: Scenario, temperament: int, root: State | None = None) -> StateGraph:
    """Breadth-first over every state reachable from `root` (the scenario's start by default).

    This is the hot loop of analysis, so it walks the moves the scenario's machine was compiled
    from (`moves_for`) rather than firing its events, with each move's anger change scaled once
    for this temperament, and looks states up as plain tuples.
    """
    graph = StateGraph(scenario, temperament, live_flags(scenario))
    table = moves_for(scenario)
    graph.add(root or start_state(scenario))
    scaled = {place: [(move, move.scaled(temperament)) for move in out] for place, out in table.answers.items()}
    states, edges, add, settle = graph.states, graph.edges, graph.add, table.settle
    frontier = 0
    with collector_paused():
        while frontier < len(states):
            place, anger, flags = states[frontier]
            out = edges[frontier]
            for move, change in scaled.get(place, ()):
                if move.condition is None or holds(move.condition, anger, flags):
                    target, after, flags_after = move.lands(anger, flags, change)
                    target = settle(target, after, flags_after)
                    gains = gains_on_arrival(scenario, move.gains, target)
                    out.append(Edge(move.option, add((target, after, flags_after)), gains, move.is_timeout))
            frontier += 1
    return graph
