"""Which of the compiled machine's transitions play actually takes: the answers given, the
walk-outs, the route entries followed, and the places reached.

The state graph (`judging/statespace.py`) keeps where each answer finally lands, after routing,
which is what analysis needs; a map draws the machine's own transitions, so each answer is
replayed here from every state it is given in: its Move says whether it walked out, and the
route entries after it are followed one by one. The best and worst plays are traced the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from ..judging.statespace import Edge, State, StateGraph
from ..playing.machine import Flags, Move, Moves

StepKey = tuple[str, str, str]  # source, trigger, target: one transition of the machine


class Step(NamedTuple):
    """One transition taken: a move and the place it led to (its `next`, or the walk-out)."""

    move: Move
    target: str

    @property
    def key(self) -> StepKey:
        return (self.move.source, self.move.trigger, self.target)


def answer_steps(moves: Moves, state: State, edge: Edge, temperament: int) -> list[Step]:
    """An answer given in `state` (one edge of the state graph), then the route entries after it."""
    move = moves.answers[state.place][edge.option]  # a place's answers are in option order
    landed, anger, flags = move.lands(state.anger, state.flags, move.scaled(temperament))
    return [Step(move, landed), *route_steps(moves, landed, anger, flags)]


def route_steps(moves: Moves, place: str, anger: int, flags: Flags) -> list[Step]:
    """The route entries followed from `place`, as the machine's `route` trigger takes them: at
    each routing node the first whose condition holds (validation makes the last one always hold,
    and forbids routing round in a circle)."""
    steps = []
    while (routes := moves.routes.get(place)) is not None:
        move = next(route for route in routes if route.allowed(anger, flags))
        steps.append(Step(move, move.next))
        place = move.next
    return steps


def start_steps(moves: Moves, graph: StateGraph) -> list[Step]:
    """The route entries from the scenario's start to the first node that speaks."""
    scenario = graph.scenario
    return route_steps(moves, scenario.start, scenario.customer.anger, frozenset())


def steps_in_play(moves: Moves, graphs: Iterable[StateGraph]) -> Iterator[Step]:
    """Every step taken from some state of these graphs (states repeat a step: callers keep a set)."""
    for graph in graphs:
        yield from start_steps(moves, graph)
        for state, out in zip(graph.states, graph.edges, strict=True):
            for edge in out:
                yield from answer_steps(moves, state, edge, graph.temperament)
