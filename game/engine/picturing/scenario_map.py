"""A map of a scenario: its places and the machine's transitions between them, with what play does.

Built from the scenario's compiled `transitions` machine (`machine_for`), the one definition of how
a conversation moves: its states are the places (final states are the endings), and each
transition carries the `Move` it was made from, so the arrows are the machine's transitions, the
walk-out included. What the map adds comes from play on the same machine: which places and
transitions play can reach, at the temperaments validation checks (`traces.py`); where only
escalated or lost endings are left; and the best and worst plays of the analysis.

The map is data for a picture, not the picture: the command line writes it as Graphviz DOT or
Mermaid text (`game/tools/map_*.py`). That keeps file formats and colours out of the engine while
the facts, which need the state graph, stay in it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
from enum import StrEnum

from transitions import Machine

from ..errors import EngineError
from ..judging.analysis import Analysis, analysis_for, typical_temperament
from ..judging.statespace import StateGraph, TooManyStates, explore
from ..model import Condition, Outcome, Scenario
from ..playing.machine import ROUTE, Move, MoveTransition, machine_for, moves_for
from ..reading.fields import did_you_mean
from .traces import Step, StepKey, answer_steps, start_steps, steps_in_play

FAILURES = frozenset({Outcome.ESCALATED, Outcome.LOST})


class MapError(EngineError):
    """A map cannot be drawn as asked (a focus on a place the scenario does not have)."""


class PlaceKind(StrEnum):
    TALKING = "talking"
    ROUTING = "routing"
    ENDING = "ending"


class Effect(StrEnum):
    """What an arrow does to the customer: the colour and line of its arrow."""

    CALMING = "calming"
    NEUTRAL = "neutral"
    ANGERING = "angering"
    ROUTE = "route"  # a routing node passing on: no answer, no effect
    WALKOUT = "walk-out"


@dataclass(frozen=True, slots=True)
class MapPlace:
    id: str
    kind: PlaceKind
    outcome: Outcome | None = None  # an ending's
    timer: int | None = None  # seconds a talking node gives before its timeout
    start: bool = False
    reached: bool = True  # some play gets here
    no_way_back: bool = False  # a node from which every ending play can still reach is escalated or lost
    best: bool = False  # on the best play
    worst: bool = False
    cut: bool = False  # a focused map leaves out some of its arrows


@dataclass(frozen=True, slots=True)
class MapAnswer:
    """One way along an arrow: a choice, the timeout, or a routing node's entry."""

    name: str  # the choice's id, "timeout", or "route N" (its place in the list, from 1)
    anger: int = 0  # as written, before temperament scales it
    condition: Condition | None = None
    sets: frozenset[str] = frozenset()
    clears: frozenset[str] = frozenset()
    taken: bool = True  # some play takes it
    best: bool = False
    worst: bool = False


@dataclass(frozen=True, slots=True)
class MapArrow:
    """The answers of one place that lead to the same place with the same kind of effect."""

    source: str
    target: str
    effect: Effect
    answers: tuple[MapAnswer, ...]

    @property
    def taken(self) -> bool:
        return any(answer.taken for answer in self.answers)

    @property
    def best(self) -> bool:
        return any(answer.best for answer in self.answers)

    @property
    def worst(self) -> bool:
        return any(answer.worst for answer in self.answers)


@dataclass(frozen=True, slots=True)
class ScenarioMap:
    scenario_id: str
    title: str
    temperament: int  # of the best and worst plays
    walkout: str | None  # the ending a walk-out leads to
    walks_out_at: int | None
    places: tuple[MapPlace, ...]
    arrows: tuple[MapArrow, ...]
    focus: str | None = None
    depth: int = 0

    def around(self, place: str, depth: int) -> ScenarioMap:
        """The part of the map within `depth` arrows of `place`, either way: a large scenario's
        neighbourhood of one node. Places with arrows left out are marked `cut`. Walk-outs are
        kept with the nodes they leave, and are no way to the nodes that share the walk-out."""
        ids = [p.id for p in self.places]
        if place not in ids:
            raise MapError(f"there is no node or ending '{place}' in this scenario{did_you_mean(place, ids)}")
        near = {p: set[str]() for p in ids}
        for arrow in self.arrows:
            if arrow.effect is not Effect.WALKOUT:  # the walk-out ending is near every node: no way round
                near[arrow.source].add(arrow.target)
                near[arrow.target].add(arrow.source)
        distance = {place: 0}
        todo = deque([place])
        while todo:
            here = todo.popleft()
            if distance[here] < depth:
                for there in near[here] - distance.keys():
                    distance[there] = distance[here] + 1
                    todo.append(there)
        places = tuple(replace(p, cut=bool(near[p.id] - distance.keys())) for p in self.places if p.id in distance)
        arrows = tuple(
            a for a in self.arrows if a.source in distance and (a.target in distance or a.effect is Effect.WALKOUT)
        )
        return replace(self, places=places, arrows=arrows, focus=place, depth=depth)


def scenario_map(scenario: Scenario) -> ScenarioMap:
    """The whole scenario's map: every state and transition of its compiled machine.

    Raises AnalysisError where play can get stuck, MapError where there are too many situations."""
    machine, moves = machine_for(scenario), moves_for(scenario)
    try:
        analysis = analysis_for(scenario, typical_temperament(scenario))
        taken = {step.key for step in steps_in_play(moves, _graphs(scenario, analysis.graph))}
    except TooManyStates as problem:
        raise MapError(f"this scenario's flags and anger make {problem}: too many to map") from None
    best, worst = (_play_steps(analysis, worst) for worst in (False, True))
    reached = {scenario.start} | {key[2] for key in taken}
    hopeless = _no_way_back(analysis)
    on_best, on_worst = _places_on(scenario, best), _places_on(scenario, worst)
    places = tuple(
        _place(scenario, name, state.final, name in reached, name in hopeless, name in on_best, name in on_worst)
        for name, state in machine.states.items()
    )
    arrows = _arrows(scenario, machine, taken, {s.key for s in best}, {s.key for s in worst})
    customer = scenario.customer
    walks_at = customer.walks_out_at if customer.walks_out_to is not None else None
    temperament = analysis.graph.temperament
    return ScenarioMap(scenario.id, scenario.title, temperament, customer.walks_out_to, walks_at, places, arrows)


def _arrows(
    scenario: Scenario, machine: Machine, taken: set[StepKey], best: set[StepKey], worst: set[StepKey]
) -> tuple[MapArrow, ...]:
    """The machine's transitions, one arrow per place, target and kind of effect, in the order of
    the machine's states and then of the answers."""
    grouped: dict[tuple[str, str, Effect], dict[int, MapAnswer]] = {}
    for event in machine.events.values():
        for source, transitions in event.transitions.items():
            for transition in transitions:
                assert isinstance(transition, MoveTransition)
                move, target = transition.move, transition.dest
                assert target is not None  # every transition of a scenario machine goes somewhere
                step = Step(move, target).key
                if step not in taken and target != move.next:
                    continue  # a walk-out no play can cause: not drawn
                answer = _answer(scenario, move, step in taken, step in best, step in worst)
                effect = Effect.WALKOUT if target != move.next else _effect(move)
                grouped.setdefault((source, target, effect), {})[move.option] = answer
    order = {name: index for index, name in enumerate(machine.states)}
    return tuple(
        MapArrow(source, target, effect, tuple(answers[option] for option in sorted(answers)))
        for (source, target, effect), answers in sorted(
            grouped.items(), key=lambda item: (order[item[0][0]], min(item[1]), order[item[0][1]])
        )
    )


def _graphs(scenario: Scenario, typical: StateGraph) -> list[StateGraph]:
    """The state graphs at the temperaments validation checks: the lowest, the typical, the highest."""
    bounds = scenario.customer.temperament
    others = sorted({bounds.low, bounds.high} - {typical.temperament})
    return [typical, *(explore(scenario, temperament) for temperament in others)]


def _play_steps(analysis: Analysis, worst: bool) -> list[Step]:
    """Every transition of the best (or worst) play, routing included, from the start."""
    graph = analysis.graph
    moves = moves_for(graph.scenario)
    steps = start_steps(moves, graph)
    for state, edge in analysis.extreme_play(worst):
        steps += answer_steps(moves, graph.states[state], edge, graph.temperament)
    return steps


def _places_on(scenario: Scenario, steps: list[Step]) -> set[str]:
    return {scenario.start, *(step.target for step in steps)}


def _no_way_back(analysis: Analysis) -> set[str]:
    """Nodes where, in every situation play meets them, the best ending still reachable is a failure."""
    outcome_at = {level: outcome for outcome, level in analysis.standing.levels.items()}
    hopeful: set[str] = set()
    met: set[str] = set()
    graph = analysis.graph
    for index, state in enumerate(graph.states):
        if not graph.is_ending(index):
            met.add(state.place)
            if outcome_at[analysis.best_level[index]] not in FAILURES:
                hopeful.add(state.place)
    return met - hopeful


def _place(
    scenario: Scenario, name: str, final: bool, reached: bool, hopeless: bool, best: bool, worst: bool
) -> MapPlace:
    if final:
        kind, outcome, timer = PlaceKind.ENDING, scenario.endings[name].outcome, None
    else:
        node = scenario.nodes[name]
        kind, outcome, timer = (PlaceKind.ROUTING if node.is_route else PlaceKind.TALKING), None, node.timer
    return MapPlace(
        name, kind, outcome, timer, name == scenario.start, reached, hopeless and kind is PlaceKind.TALKING, best, worst
    )


def _answer(scenario: Scenario, move: Move, taken: bool, best: bool, worst: bool) -> MapAnswer:
    if move.trigger == ROUTE:
        name = f"route {move.option + 1}"
    elif move.is_timeout:
        name = "timeout"
    else:
        name = scenario.nodes[move.source].choices[move.option].id
    return MapAnswer(name, move.anger_change, move.condition, move.sets, move.clears, taken, best, worst)


def _effect(move: Move) -> Effect:
    if move.trigger == ROUTE:
        return Effect.ROUTE
    if move.anger_change < 0:
        return Effect.CALMING
    return Effect.ANGERING if move.anger_change > 0 else Effect.NEUTRAL
