"""Checks on the whole scenario graph, after each node was read and its references checked.

Structural checks follow every link regardless of conditions. The situation checks then
consider everything that can really happen, at the lowest, typical and highest
temperament: dead ends a trainee could hit, endings nobody can reach, and (where the
scenario has loops at all) loops that pump a score.
"""

from __future__ import annotations

from collections.abc import Iterable

from .analysis import describe_loop, describe_state, typical_temperament
from .bounds import find_unbounded_loops
from .conditions import flags_named
from .diagnostics import Diagnostic, DiagnosticSink, Position, Severity
from .model import Node, Scenario
from .reach import reachability
from .statespace import Edge, TooManyStates, explore


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


def has_loop(scenario: Scenario) -> bool:
    """Whether any path of links returns to a node (depth-first, without recursion)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for root in scenario.nodes:
        if root in state:
            continue
        state[root] = 1
        work = [(root, iter(scenario.nodes[root].targets()))]
        while work:
            place, pending = work[-1]
            for target in pending:
                if state.get(target) == 1:
                    return True
                if target in scenario.nodes and target not in state:
                    state[target] = 1
                    work.append((target, iter(scenario.nodes[target].targets())))
                    break
            else:
                state[place] = 2
                work.pop()
    return False


def check_graph(scenario: Scenario, sink: DiagnosticSink) -> None:
    _check_route_cycles(scenario, sink)
    if sink.has_errors:
        return
    seen, ends = reachable_from_start(scenario), able_to_end(scenario)
    for node in scenario.nodes.values():
        if node.id not in seen:
            sink.error(node.position, "unreachable", f"node '{node.id}' cannot be reached from the start")
        elif node.id not in ends:
            sink.error(node.position, "no-ending", f"no ending can be reached from node '{node.id}'")
    _check_flags(scenario, sink)
    if not sink.has_errors:
        _check_situations(scenario, sink)


def _check_route_cycles(scenario: Scenario, sink: DiagnosticSink) -> None:
    for node in scenario.nodes.values():
        if node.is_route and node.id in _route_closure(scenario, [route.next for route in node.route]):
            sink.error(
                node.position, "route-loop", f"routing from '{node.id}' can come back to it without a choice in between"
            )


def _route_closure(scenario: Scenario, targets: list[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(targets)
    while todo:
        place = todo.pop()
        node = scenario.nodes.get(place)
        if place in seen or node is None or not node.is_route:
            continue
        seen.add(place)
        todo.extend(route.next for route in node.route)
    return seen


def _check_flags(scenario: Scenario, sink: DiagnosticSink) -> None:
    consequences = [c for node in scenario.nodes.values() for c in node.consequences()]
    set_somewhere = set().union(*(c.sets for c in consequences))
    for node in scenario.nodes.values():
        tested = [(c.condition, c.position) for c in node.choices] + [(r.condition, r.position) for r in node.route]
        for condition, position in tested:
            for flag in sorted(flags_named(condition) - set_somewhere):
                sink.warning(position, "flag-never-set", f"the flag '{flag}' is tested here but no choice sets it")


def _check_situations(scenario: Scenario, sink: DiagnosticSink) -> None:
    bounds = scenario.customer.temperament
    reached: set[str] = set()
    loops = has_loop(scenario)
    for temperament in sorted({bounds.low, typical_temperament(scenario), bounds.high}):
        found = reachability(scenario, temperament)
        reached |= found.places()
        for state in found.stuck[:1]:
            sink.error(
                scenario.nodes[state.place].position,
                "stuck",
                f"no choice is available (and no timer runs) at {describe_state(state)}",
            )
        if found.stuck or (loops and not _check_loops(scenario, temperament, sink)):
            return
    for ending in scenario.endings.values():
        if ending.id not in reached:
            sink.warning(ending.position, "ending-unreached", f"no way of playing reaches the ending '{ending.id}'")


def _check_loops(scenario: Scenario, temperament: int, sink: DiagnosticSink) -> bool:
    """Report loops that change a score each time round; False when there were any."""
    try:
        graph = explore(scenario, temperament)
    except TooManyStates as problem:
        sink.warning(scenario.id_position, "too-many-states", f"loops not fully checked: {problem}")
        return True
    reported: set[tuple[str, int, str]] = set()
    for loop in find_unbounded_loops(graph):
        node = graph.node_of(loop.state)
        assert node is not None
        key = (node.id, loop.edge.option, loop.dimension)
        if key not in reported:
            reported.add(key)
            sink.error(option_position(node, loop.edge), "score-loop", describe_loop(graph, loop))
    return not reported


def option_position(node: Node, edge: Edge) -> Position:
    if edge.is_timeout and node.timeout is not None:
        return node.timeout.position
    return node.choices[edge.option].position


def check_library(scenarios: Iterable[Scenario]) -> list[Diagnostic]:
    """Problems between scenarios: ids must be unique across the library."""
    first: dict[str, Scenario] = {}
    found = []
    for scenario in scenarios:
        earlier = first.setdefault(scenario.id, scenario)
        if earlier is not scenario:
            found.append(
                Diagnostic(
                    scenario.path,
                    scenario.id_position,
                    Severity.ERROR,
                    "duplicate-id",
                    f"the scenario id '{scenario.id}' is already used by {earlier.path}",
                )
            )
    return found
