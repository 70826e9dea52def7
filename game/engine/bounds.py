"""Best and worst achievable totals from every state, found exactly on the state graph.

Scores only add up along a path, so the best total from a state is a longest-path
problem. Loops are allowed only when going round them leaves every score unchanged (else a
trainee could raise or lower a score for ever); then each strongly connected group of
states has a potential p with w(a->b) = p(b) - p(a), and best(x) = M - p(x) for the group's
best exit M. Everything is linear in the size of the graph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import SCORE_NAMES, Outcome
from .statespace import Edge, StateGraph

OUTCOME_POINTS = {Outcome.RESOLVED: 30, Outcome.PARTIAL: 15, Outcome.ESCALATED: 5, Outcome.LOST: 0}
DIMENSIONS = range(len(SCORE_NAMES))
RESOLUTION = SCORE_NAMES.index("resolution")


def ending_points(outcome: Outcome, anger: int) -> int:
    """Resolution earned by how it ended: the outcome, plus a point for each 10 of calm left."""
    return OUTCOME_POINTS[outcome] + (100 - anger + 5) // 10


@dataclass(frozen=True, slots=True)
class UnboundedLoop:
    """An edge on a loop that changes a score each time round."""

    state: int
    edge: Edge
    dimension: str


@dataclass(frozen=True, slots=True)
class Bounds:
    """Per state: best and worst totals per score, and best/worst of the overall grade's sum."""

    best: tuple[list[float], ...]  # one list per score, indexed by state
    worst: tuple[list[float], ...]
    best_overall: list[float]
    worst_overall: list[float]
    spans: tuple[float, ...]  # best - worst from the root, per score (0: everyone scores alike)

    def normalised(self, dimension: int, total: float) -> float:
        span = self.spans[dimension]
        low = self.worst[dimension][0]
        return 100.0 if span == 0 else max(0.0, min(100.0, 100.0 * (total - low) / span))

    def overall_weight(self, gains: tuple[int, int, int] | tuple[float, ...]) -> float:
        return sum(g / s for g, s in zip(gains, self.spans) if s)


def terminal_gains(graph: StateGraph, state: int) -> tuple[int, int, int]:
    place, anger, _ = graph.states[state]
    ending = graph.scenario.endings.get(place)
    return (0, 0, ending_points(ending.outcome, anger)) if ending else (0, 0, 0)


def compute_bounds(graph: StateGraph) -> Bounds | list[UnboundedLoop]:
    """Bounds for the graph rooted at state 0, or the loops that make them infinite."""
    groups = strongly_connected(graph)
    found = [_potentials(graph, groups, dimension) for dimension in DIMENSIONS]
    loops = [loop for _, broken in found for loop in broken]
    if loops:
        return loops
    potentials = [potential for potential, _ in found]
    terminals = [terminal_gains(graph, i) for i in range(len(graph.states))]
    best, worst = [], []
    for d in DIMENSIONS:
        weight = _dimension_weight(d)
        best.append(_extreme(graph, groups, potentials[d], weight, [t[d] for t in terminals], max))
        worst.append(_extreme(graph, groups, potentials[d], weight, [t[d] for t in terminals], min))
    spans = tuple(best[d][0] - worst[d][0] for d in DIMENSIONS)
    bounds = Bounds(tuple(best), tuple(worst), [], [], spans)
    overall_potential = [bounds.overall_weight(p) for p in zip(*potentials)]
    overall_terminal = [bounds.overall_weight(t) for t in terminals]
    overall_edge = lambda edge: bounds.overall_weight(edge.gains)  # noqa: E731
    bounds.best_overall.extend(_extreme(graph, groups, overall_potential, overall_edge, overall_terminal, max))
    bounds.worst_overall.extend(_extreme(graph, groups, overall_potential, overall_edge, overall_terminal, min))
    return bounds


def find_unbounded_loops(graph: StateGraph) -> list[UnboundedLoop]:
    groups = strongly_connected(graph)
    return [loop for dimension in DIMENSIONS for loop in _potentials(graph, groups, dimension)[1]]


def _dimension_weight(dimension: int) -> Callable[[Edge], float]:
    return lambda edge: edge.gains[dimension]


def strongly_connected(graph: StateGraph) -> list[list[int]]:
    """Tarjan's algorithm without recursion; groups come out sinks first."""
    count = len(graph.states)
    order, low = [-1] * count, [0] * count
    on_stack, stack, groups = [False] * count, [], []
    counter = 0
    for root in range(count):
        if order[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            state, edge_index = work.pop()
            if edge_index == 0:
                order[state] = low[state] = counter
                counter += 1
                stack.append(state)
                on_stack[state] = True
            out = graph.edges[state]
            if edge_index < len(out):
                work.append((state, edge_index + 1))
                target = out[edge_index].target
                if order[target] == -1:
                    work.append((target, 0))
                elif on_stack[target]:
                    low[state] = min(low[state], order[target])
                continue
            if low[state] == order[state]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    group.append(member)
                    if member == state:
                        break
                groups.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[state])
    return groups


def _potentials(graph: StateGraph, groups: list[list[int]], dimension: int) -> tuple[list[float], list[UnboundedLoop]]:
    potential: list[float] = [0.0] * len(graph.states)
    group_of = _group_index(graph, groups)
    loops = []
    for number, group in enumerate(groups):
        if len(group) == 1 and all(e.target != group[0] for e in graph.edges[group[0]]):
            continue
        internal = [(s, e) for s in group for e in graph.edges[s] if group_of[e.target] == number]
        neighbours: dict[int, list[tuple[int, float]]] = {s: [] for s in group}
        for s, e in internal:
            neighbours[s].append((e.target, e.gains[dimension]))
            neighbours[e.target].append((s, -e.gains[dimension]))
        seen, todo = {group[0]}, [group[0]]
        while todo:
            s = todo.pop()
            for t, w in neighbours[s]:
                if t not in seen:
                    seen.add(t)
                    potential[t] = potential[s] + w
                    todo.append(t)
        loops.extend(UnboundedLoop(s, e, SCORE_NAMES[dimension]) for s, e in internal
                     if potential[e.target] != potential[s] + e.gains[dimension])
    return potential, loops


def _group_index(graph: StateGraph, groups: list[list[int]]) -> list[int]:
    group_of = [0] * len(graph.states)
    for number, group in enumerate(groups):
        for state in group:
            group_of[state] = number
    return group_of


def _extreme(graph: StateGraph, groups: list[list[int]], potential: list[float],
             weight: Callable[[Edge], float], terminal: list[float],
             pick: Callable[..., float]) -> list[float]:
    value: list[float] = [0.0] * len(graph.states)
    group_of = _group_index(graph, groups)
    for number, group in enumerate(groups):
        candidates = [potential[s] + weight(e) + value[e.target]
                      for s in group for e in graph.edges[s] if group_of[e.target] != number]
        candidates += [potential[s] + terminal[s] for s in group if graph.is_ending(s)]
        exit_value = pick(candidates) if candidates else 0.0
        for state in group:
            value[state] = exit_value - potential[state]
    return value
