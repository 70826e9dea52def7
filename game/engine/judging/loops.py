"""Loops in the state graph: the groups of states that can reach each other, and the loops
that change an effect total each time round.

The validator refuses a loop whose effects do not add up to zero, so a scenario's raw effects
stay what its author wrote however long a conversation runs. Scoring does not rely on it (it
judges each answer among its neighbours), but the groups also let reachability be found in
one pass over the graph, sinks first.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import SCORE_NAMES
from .statespace import Edge, StateGraph

DIMENSIONS = range(len(SCORE_NAMES))


@dataclass(frozen=True, slots=True)
class UnboundedLoop:
    """An edge on a loop that changes a score each time round."""

    state: int
    edge: Edge
    dimension: str


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
