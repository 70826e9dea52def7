"""Best and worst achievable totals from every state, found exactly on the state graph.

Scores only add up along a path, so the best total from a state is a longest-path
problem. Loops are allowed only when going round them leaves every score unchanged (else a
trainee could raise or lower a score for ever); then each strongly connected group of
states has a potential p with w(a->b) = p(b) - p(a), and best(x) = M - p(x) for the group's
best exit M. Everything is linear in the size of the graph.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from ..collector import collector_paused
from ..model import SCORE_NAMES, Outcome
from .statespace import Edge, StateGraph

OUTCOME_POINTS = {Outcome.RESOLVED: 30, Outcome.PARTIAL: 15, Outcome.ESCALATED: 5, Outcome.LOST: 0}
DIMENSIONS = range(len(SCORE_NAMES))


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
    factors: tuple[float, float, float] = (0.0, 0.0, 0.0)  # 1/span, or 0 where the span is 0

    def normalised(self, dimension: int, total: float) -> float:
        span = self.spans[dimension]
        low = self.worst[dimension][0]
        return 100.0 if span == 0 else max(0.0, min(100.0, 100.0 * (total - low) / span))

    def overall_weight(self, gains: tuple[int, int, int] | tuple[float, ...]) -> float:
        """The overall grade counts each score's span equally, so a point weighs 1/span."""
        f = self.factors
        return gains[0] * f[0] + gains[1] * f[1] + gains[2] * f[2]


def terminal_gains(graph: StateGraph, state: int) -> tuple[int, int, int]:
    place, anger, _ = graph.states[state]
    ending = graph.scenario.endings.get(place)
    return (0, 0, ending_points(ending.outcome, anger)) if ending else (0, 0, 0)


def compute_bounds(graph: StateGraph) -> Bounds | list[UnboundedLoop]:
    """Bounds for the graph rooted at state 0, or the loops that make them infinite."""
    with collector_paused():
        groups = strongly_connected(graph)
        group_of = _group_index(graph, groups)
        cyclic = cyclic_groups(graph, groups)
        potentials = [[0.0] * len(graph.states) for _ in DIMENSIONS]
        loops = [
            loop
            for n in cyclic
            for d in DIMENSIONS
            for loop in _fill_potentials(graph, groups[n], n, group_of, d, potentials[d])
        ]
        if loops:
            return loops
        solver = _Solver(graph, groups, group_of, cyclic)
        terminals = [terminal_gains(graph, i) for i in range(len(graph.states))]
        best, worst = solver.solve(potentials, attrgetter("gains"), terminals)
        spans = tuple(best[d][0] - worst[d][0] for d in DIMENSIONS)
        bounds = Bounds(best, worst, [], [], spans, tuple(1 / s if s else 0.0 for s in spans))  # type: ignore[arg-type]
        overall_potential = [bounds.overall_weight(p) for p in zip(*potentials, strict=True)]
        overall_terminal = [(bounds.overall_weight(t),) for t in terminals]
        overall_edge = lambda edge: (bounds.overall_weight(edge.gains),)  # noqa: E731
        (best_overall,), (worst_overall,) = solver.solve([overall_potential], overall_edge, overall_terminal)
        bounds.best_overall.extend(best_overall)
        bounds.worst_overall.extend(worst_overall)
        return bounds


def find_unbounded_loops(graph: StateGraph) -> list[UnboundedLoop]:
    groups = strongly_connected(graph)
    group_of = _group_index(graph, groups)
    potentials = [0.0] * len(graph.states)
    return [
        loop
        for n in sorted(cyclic_groups(graph, groups))
        for d in DIMENSIONS
        for loop in _fill_potentials(graph, groups[n], n, group_of, d, potentials)
    ]


def strongly_connected(graph: StateGraph) -> list[list[int]]:
    """Tarjan's algorithm without recursion; groups come out sinks first."""
    targets = [[e.target for e in out] for out in graph.edges]
    count = len(targets)
    order, low = [-1] * count, [0] * count
    on_stack, stack, groups = [False] * count, [], []
    counter = 0
    for root in range(count):
        if order[root] != -1:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, iter(targets[root]))]
        while work:
            state, pending = work[-1]
            for target in pending:
                if order[target] == -1:
                    order[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack[target] = True
                    work.append((target, iter(targets[target])))
                    break
                if on_stack[target] and order[target] < low[state]:
                    low[state] = order[target]
            else:
                work.pop()
                if low[state] == order[state]:
                    groups.append(_pop_group(stack, on_stack, state))
                if work and low[state] < low[work[-1][0]]:
                    low[work[-1][0]] = low[state]
    return groups


def _pop_group(stack: list[int], on_stack: list[bool], root: int) -> list[int]:
    group = []
    while True:
        member = stack.pop()
        on_stack[member] = False
        group.append(member)
        if member == root:
            return group


def _group_index(graph: StateGraph, groups: list[list[int]]) -> list[int]:
    group_of = [0] * len(graph.states)
    for number, group in enumerate(groups):
        for state in group:
            group_of[state] = number
    return group_of


def cyclic_groups(graph: StateGraph, groups: list[list[int]]) -> set[int]:
    """Numbers of the groups that hold a loop: more than one state, or a state leading to itself."""
    looping = {s for s, out in enumerate(graph.edges) for e in out if e.target == s}
    return {n for n, group in enumerate(groups) if len(group) > 1 or group[0] in looping}


def _fill_potentials(
    graph: StateGraph, group: list[int], number: int, group_of: list[int], dimension: int, potential: list[float]
) -> list[UnboundedLoop]:
    """Give each state of a cyclic group a potential; the edges that contradict it lie on loops
    whose total for this dimension is not zero."""
    internal = [(s, e) for s in group for e in graph.edges[s] if group_of[e.target] == number]
    neighbours: dict[int, list[tuple[int, float]]] = {s: [] for s in group}
    for s, e in internal:
        neighbours[s].append((e.target, e.gains[dimension]))
        neighbours[e.target].append((s, -e.gains[dimension]))
    potential[group[0]] = 0.0
    seen, todo = {group[0]}, [group[0]]
    while todo:
        s = todo.pop()
        for t, w in neighbours[s]:
            if t not in seen:
                seen.add(t)
                potential[t] = potential[s] + w
                todo.append(t)
    return [
        UnboundedLoop(s, e, SCORE_NAMES[dimension])
        for s, e in internal
        if potential[e.target] != potential[s] + e.gains[dimension]
    ]


Vector = tuple[float, ...]


class _Solver:
    """Best and worst of several additive objectives at once, sinks first (Tarjan's order)."""

    def __init__(self, graph: StateGraph, groups: list[list[int]], group_of: list[int], cyclic: set[int]) -> None:
        self.graph, self.groups, self.group_of, self.cyclic = graph, groups, group_of, cyclic
        self.is_ending = [state.place in graph.scenario.endings for state in graph.states]

    def solve(
        self, potentials: list[list[float]], weigh: Callable[[Edge], Vector], terminal: Sequence[Vector]
    ) -> tuple[tuple[list[float], ...], tuple[list[float], ...]]:
        count, size = len(potentials), len(self.graph.states)
        best = tuple([0.0] * size for _ in range(count))
        worst = tuple([0.0] * size for _ in range(count))
        edges, is_ending = self.graph.edges, self.is_ending
        for number, group in enumerate(self.groups):
            if number in self.cyclic:
                for d in range(count):
                    self._solve_cyclic(group, number, potentials[d], weigh, terminal, d, best[d], worst[d])
                continue
            state = group[0]
            if is_ending[state] or not edges[state]:
                for d in range(count):
                    best[d][state] = worst[d][state] = terminal[state][d]
                continue
            pairs = [(weigh(e), e.target) for e in edges[state]]
            for d in range(count):
                high, low = best[d], worst[d]
                high[state] = max([w[d] + high[t] for w, t in pairs])
                low[state] = min([w[d] + low[t] for w, t in pairs])
        return best, worst

    def _solve_cyclic(
        self,
        group: list[int],
        number: int,
        potential: list[float],
        weigh: Callable[[Edge], Vector],
        terminal: Sequence[Vector],
        d: int,
        best: list[float],
        worst: list[float],
    ) -> None:
        """Inside a zero-sum group, best(x) = (best exit, measured from potential 0) - p(x)."""
        exits = [
            (potential[s] + weigh(e)[d], e.target)
            for s in group
            for e in self.graph.edges[s]
            if self.group_of[e.target] != number
        ]
        endings = [potential[s] + terminal[s][d] for s in group if self.is_ending[s]]
        high = max([w + best[t] for w, t in exits] + endings, default=0.0)
        low = min([w + worst[t] for w, t in exits] + endings, default=0.0)
        for state in group:
            best[state] = high - potential[state]
            worst[state] = low - potential[state]
