"""Checks on the whole scenario graph, after each node was read and its references checked.

Structural checks follow every link regardless of conditions; the state-space checks then
play out every situation (at the lowest, typical and highest temperament) to find dead ends
a trainee could actually hit, loops that pump a score, and endings nobody can reach.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .analysis import describe_loop, describe_state, typical_temperament
from .bounds import find_unbounded_loops
from .conditions import flags_named
from .diagnostics import Diagnostic, DiagnosticSink, Position, Severity
from .model import Node, Scenario
from .statespace import Edge, StateGraph, TooManyStates, explore


def links(node: Node) -> Iterator[str]:
    """Every place a node can lead to, whatever the conditions."""
    yield from (route.next for route in node.route)
    yield from (consequence.next for consequence in node.consequences())


def reachable(scenario: Scenario, start: str, include_walkout: bool) -> set[str]:
    seen, todo = {start}, [start]
    walkout = scenario.customer.walks_out_to
    while todo:
        node = scenario.nodes.get(todo.pop())
        if node is None:
            continue
        targets = list(links(node)) + ([walkout] if include_walkout and walkout and node.choices else [])
        for target in targets:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def check_graph(scenario: Scenario, sink: DiagnosticSink) -> None:
    errors_before = sink.has_errors
    _check_route_cycles(scenario, sink)
    if sink.has_errors:
        return
    seen = reachable(scenario, scenario.start, include_walkout=True)
    for node in scenario.nodes.values():
        if node.id not in seen:
            sink.error(node.position, "unreachable", f"node '{node.id}' cannot be reached from the start")
        elif not any(place in scenario.endings for place in reachable(scenario, node.id, False)):
            sink.error(node.position, "no-ending", f"no ending can be reached from node '{node.id}'")
    _check_flags(scenario, sink)
    if not sink.has_errors and not errors_before:
        _check_states(scenario, sink, seen)


def _check_route_cycles(scenario: Scenario, sink: DiagnosticSink) -> None:
    for node in scenario.nodes.values():
        if node.is_route and node.id in _route_closure(scenario, [route.next for route in node.route]):
            sink.error(node.position, "route-loop",
                       f"routing from '{node.id}' can come back to it without a choice in between")


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


def _check_states(scenario: Scenario, sink: DiagnosticSink, seen: set[str]) -> None:
    temperament = scenario.customer.temperament
    reached: set[str] = set()
    for value in sorted({temperament.low, typical_temperament(scenario), temperament.high}):
        try:
            graph = explore(scenario, value)
        except TooManyStates as problem:
            sink.warning(scenario.id_position, "too-many-states", f"not fully checked: {problem}")
            return
        reached |= {state.place for state in graph.states}
        if not _report_states(graph, sink):
            return
    for ending in scenario.endings.values():
        if ending.id not in reached:
            sink.warning(ending.position, "ending-unreached", f"no way of playing reaches the ending '{ending.id}'")


def _report_states(graph: StateGraph, sink: DiagnosticSink) -> bool:
    """Report dead ends and score-pumping loops; False when there were any."""
    for state_index in graph.stuck_states():
        node = graph.node_of(state_index)
        assert node is not None
        sink.error(node.position, "stuck", "no choice is available (and no timer runs) at "
                   f"{describe_state(graph.states[state_index])}")
        return False
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
            found.append(Diagnostic(scenario.path, scenario.id_position, Severity.ERROR, "duplicate-id",
                                    f"the scenario id '{scenario.id}' is already used by {earlier.path}"))
    return found
