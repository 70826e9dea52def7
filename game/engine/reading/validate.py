"""Checks on the whole scenario graph, after each node was read and its references checked.

Structural checks follow every link regardless of conditions. The situation checks then
consider everything that can really happen, at the lowest, typical and highest
temperament: dead ends a trainee could hit, endings nobody can reach, and (where the
scenario has loops at all) loops that pump a score.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..judging.analysis import describe_loop, describe_state, typical_temperament
from ..judging.loops import find_unbounded_loops
from ..judging.statespace import Edge, TooManyStates, explore
from ..model import Node, Scenario
from ..playing.conditions import flags_named
from .diagnostics import Diagnostic, DiagnosticSink, Position, Severity, listed
from .fields import did_you_mean
from .links import able_to_end, depth_first, reachable_from_start
from .reach import reachability
from .unpickable import check_pickable


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


def check_flags(scenario: Scenario, sink: DiagnosticSink) -> None:
    """A flag tested but never set is most often a typo: said once per flag, at the first test, naming
    the other places and the closest flag that is set. It needs only the conditions and the flags set,
    so it runs beside every other error rather than after them."""
    consequences = [c for node in scenario.nodes.values() for c in node.consequences()]
    set_somewhere = sorted(set().union(*(c.sets for c in consequences)))
    tested_at: dict[str, list[Position]] = {}
    for node in scenario.nodes.values():
        tested = [(c.condition, c.position) for c in node.choices] + [(r.condition, r.position) for r in node.route]
        for condition, position in tested:
            for flag in flags_named(condition).difference(set_somewhere):
                places = tested_at.setdefault(flag, [])
                if position not in places:  # a block shared through an alias is one place
                    places.append(position)
    for flag, places in sorted(tested_at.items(), key=lambda item: min(item[1])):
        first, *others = sorted(places)
        also = f" (and on {_lines(others)})" if others else ""
        hint = did_you_mean(flag, set_somewhere)
        sink.warning(first, "flag-never-set", f"the flag '{flag}' is tested here{also} but no choice sets it{hint}")


def _lines(positions: list[Position]) -> str:
    """'line 4', or 'lines 4, 9 and 12'."""
    return f"line{'s' if len(positions) > 1 else ''} {listed([str(position.line) for position in positions])}"


def _check_situations(scenario: Scenario, sink: DiagnosticSink) -> None:
    bounds = scenario.customer.temperament
    reached: set[str] = set()
    walk = depth_first(scenario)
    played = []
    for temperament in sorted({bounds.low, typical_temperament(scenario), bounds.high}):
        found = reachability(scenario, temperament, walk)
        played.append(found)
        reached |= found.places()
        for state in found.stuck[:1]:
            sink.error(
                scenario.nodes[state.place].position,
                "stuck",
                f"no choice is available (and no timer runs) at {describe_state(state)}",
            )
        if found.stuck or (walk.has_loop and not _check_loops(scenario, temperament, sink)):
            return
    check_pickable(scenario, played, sink)
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
