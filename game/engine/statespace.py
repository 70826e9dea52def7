"""Every situation a scenario can be in, as a graph: the ground truth for analysis.

A state is (place, anger, flags): everything that decides what can happen next. Anger is
clamped to 0-100 and flags are finite, so the graph is finite and exploring it is exact:
no paths are enumerated, and loops are found rather than followed forever.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from .model import Node, Scenario
from .rules import is_available, settle, step

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
    scenario: Scenario
    temperament: int
    states: list[State] = field(default_factory=list)
    index: dict[State, int] = field(default_factory=dict)
    edges: list[list[Edge]] = field(default_factory=list)

    def add(self, state: State) -> int:
        known = self.index.get(state)
        if known is not None:
            return known
        if len(self.states) >= MAX_STATES:
            raise TooManyStates(f"more than {MAX_STATES:,} states")
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


def start_state(scenario: Scenario, place: str | None = None, anger: int | None = None,
                flags: frozenset[str] = frozenset()) -> State:
    anger = scenario.customer.anger if anger is None else anger
    return State(settle(scenario, place or scenario.start, anger, flags), anger, flags)


def explore(scenario: Scenario, temperament: int, root: State | None = None) -> StateGraph:
    """Breadth-first over every state reachable from `root` (the scenario's start by default)."""
    graph = StateGraph(scenario, temperament)
    graph.add(root or start_state(scenario))
    frontier = 0
    while frontier < len(graph.states):
        place, anger, flags = graph.states[frontier]
        node = scenario.nodes.get(place)
        if node is not None:
            graph.edges[frontier] = list(_edges_from(graph, node, anger, flags))
        frontier += 1
    return graph


def _edges_from(graph: StateGraph, node: Node, anger: int, flags: frozenset[str]) -> Iterator[Edge]:
    scenario, temperament = graph.scenario, graph.temperament
    options = [(i, c.consequence, False) for i, c in enumerate(node.choices) if is_available(c, anger, flags)]
    if node.timeout is not None:
        options.append((len(node.choices), node.timeout, True))
    for option, consequence, is_timeout in options:
        target = graph.add(State(*step(scenario, consequence, anger, flags, temperament)))
        effects = consequence.effects
        yield Edge(option, target, (effects.composure, effects.assertiveness, effects.resolution), is_timeout)
