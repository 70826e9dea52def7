"""The scenario's links as a plain graph of places, whatever the conditions and anger.

Questions answered here are structural: what the start can lead to, what can still end,
whether any path loops, an order that visits a node's successors first, and which flags
may still be read after each place.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Node, Scenario
from ..playing.conditions import flags_named


@dataclass(frozen=True, slots=True)
class DepthFirst:
    finish_order: list[str]  # every node after all the nodes it leads to, unless a loop intervenes
    has_loop: bool


def depth_first(scenario: Scenario) -> DepthFirst:
    """One depth-first pass over every node, without recursion."""
    status: dict[str, int] = {}  # 1: on the current path, 2: finished
    finished: list[str] = []
    has_loop = False
    for root in scenario.nodes:
        if root in status:
            continue
        status[root] = 1
        work = [(root, iter(scenario.nodes[root].targets()))]
        while work:
            place, pending = work[-1]
            for target in pending:
                has_loop = has_loop or status.get(target) == 1
                if target in scenario.nodes and target not in status:
                    status[target] = 1
                    work.append((target, iter(scenario.nodes[target].targets())))
                    break
            else:
                status[place] = 2
                finished.append(place)
                work.pop()
    return DepthFirst(finished, has_loop)


def reachable_from_start(scenario: Scenario) -> set[str]:
    """Places some choice leads to from the start, counting the walk-out from any node."""
    walkout = scenario.customer.walks_out_to
    seen, todo = {scenario.start}, [scenario.start]
    while todo:
        node = scenario.nodes.get(todo.pop())
        if node is None:
            continue
        extra = [walkout] if walkout and node.choices else []
        for target in node.targets() + extra:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def able_to_end(scenario: Scenario) -> set[str]:
    """Places from which some path (not counting the walk-out) reaches an ending."""
    sources: dict[str, list[str]] = {}
    for node in scenario.nodes.values():
        for target in node.targets():
            sources.setdefault(target, []).append(node.id)
    seen, todo = set(scenario.endings), list(scenario.endings)
    while todo:
        for source in sources.get(todo.pop(), ()):
            if source not in seen:
                seen.add(source)
                todo.append(source)
    return seen


def flags_named_at(node: Node) -> set[str]:
    """The flags this node's choices and routes test."""
    conditions = [c.condition for c in node.choices] + [r.condition for r in node.route]
    return set().union(*(flags_named(condition) for condition in conditions))


def live_flags(scenario: Scenario, walk: DepthFirst | None = None) -> dict[str, frozenset[str]]:
    """For each place, the flags that a condition there or anywhere after it tests."""
    live = {node.id: frozenset(flags_named_at(node)) for node in scenario.nodes.values()}
    live |= {ending: frozenset() for ending in scenario.endings}
    order = [scenario.nodes[place] for place in (walk or depth_first(scenario)).finish_order]
    changed = True
    while changed:  # successors come first, so without loops one round settles it
        changed = False
        for node in order:
            grown = live[node.id].union(*(live[target] for target in node.targets() if target in live))
            if grown != live[node.id]:
                live[node.id], changed = grown, True
    return live
