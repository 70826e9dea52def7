"""The game and the analysis move alike because both take their moves from the compiled machine.

Every edge of the state graph is checked against a real Session firing the machine's trigger from
that situation, and every trigger the machine lists from a state fires exactly when the graph has
its edge: a second definition of the rules could not creep back without one of these failing."""

from __future__ import annotations

import sys

import pytest
from transitions import Event

from game.engine.judging.statespace import State, StateGraph, explore
from game.engine.model import Scenario
from game.engine.playing.machine import Conversation, answer_trigger, machine_for, moves_for
from game.engine.playing.session import Session
from game.engine.reading.loader import read_scenario
from game.storage.scenario_files import load_principles, load_scenario
from tests.paths import ROOT, SCENARIOS

sys.path.insert(0, str(ROOT / "bench"))
from generate_scenario import generate

SHIPPED = sorted(path for path in SCENARIOS.glob("*.yaml") if path.name != "principles.yaml")
SHIPPED += [ROOT / "docs" / "examples" / "worked-example.yaml"]


def bench_scenario(nodes: int) -> Scenario:
    principles, _ = load_principles(SCENARIOS)
    return read_scenario(generate(nodes).encode(), f"bench-{nodes}.yaml", principles).scenario_or_raise()


SCENARIO_MAKERS = [*((path.stem, lambda path=path: load_scenario(path)) for path in SHIPPED)]
SCENARIO_MAKERS.append(("bench-60", lambda: bench_scenario(60)))


def situation(session: Session, graph: StateGraph) -> State:
    return graph.states[graph.find(session.place, session.anger, session.flags)]


@pytest.mark.parametrize("temperament", [80, 135])
@pytest.mark.parametrize("make", [make for _, make in SCENARIO_MAKERS], ids=[name for name, _ in SCENARIO_MAKERS])
def test_every_edge_of_the_state_graph_is_what_a_session_does(make, temperament: int) -> None:
    scenario = make()
    graph = explore(scenario, temperament)
    machine = machine_for(scenario)
    for index, state in enumerate(graph.states):
        node = scenario.nodes.get(state.place)
        if node is None:
            continue
        out = {edge.option: edge for edge in graph.edges[index]}
        triggers = [answer_trigger(i) for i in range(len(node.choices))] + (["timeout"] if node.timeout else [])
        assert set(machine.get_triggers(state.place)) == set(triggers)
        for option, trigger in enumerate(triggers):
            fired = Conversation(scenario, state.place, temperament, state.anger, state.flags).trigger(trigger)
            assert fired == (option in out), (state, trigger)
        for option, edge in out.items():
            session = Session(scenario, 0, state, temperament)
            if edge.is_timeout:
                session.timeout()
            else:
                session.choose_id(node.choices[option].id)
            assert situation(session, graph) == graph.states[edge.target], (state, option)
        offered = {
            option.choice_id for option in Session(scenario, 0, state, temperament).view().options if option.available
        }
        assert offered == {node.choices[option].id for option in out if option < len(node.choices)}


@pytest.mark.parametrize("make", [make for _, make in SCENARIO_MAKERS], ids=[name for name, _ in SCENARIO_MAKERS])
def test_endings_are_the_machines_final_states(make) -> None:
    scenario = make()
    machine = machine_for(scenario)
    assert {name for name, state in machine.states.items() if state.final} == set(scenario.endings)
    assert moves_for(scenario).endings == frozenset(scenario.endings)
    assert not any(machine.get_triggers(ending) for ending in scenario.endings)


def fire_both_ways(scenario: Scenario, state: State, temperament: int, event: Event) -> list[tuple]:
    """The machine's own firing of `event` and transitions' stock `Event.trigger`, each on a fresh conversation."""
    outcomes = []
    for fire in (event.trigger, lambda conversation: Event.trigger(event, conversation)):
        conversation = Conversation(scenario, state.place, temperament, state.anger, state.flags)
        outcomes.append((fire(conversation), conversation.state, conversation.anger, conversation.flags))
    return outcomes


@pytest.mark.parametrize("make", [make for _, make in SCENARIO_MAKERS], ids=[name for name, _ in SCENARIO_MAKERS])
def test_the_machines_events_do_what_transitions_own_event_trigger_does(make) -> None:
    """DirectEvent leaves out only what the machine never uses: transitions' own dispatch agrees everywhere."""
    scenario = make()
    machine = machine_for(scenario)
    hooks = [machine.prepare_event, machine.finalize_event, machine.before_state_change, machine.after_state_change]
    hooks += [machine.on_exception, getattr(machine, "on_final", [])]
    hooks += [hook for state in machine.states.values() for hook in (state.on_enter, state.on_exit)]
    every = [t for event in machine.events.values() for ts in event.transitions.values() for t in ts]
    hooks += [hook for transition in every for hook in (transition.prepare, transition.after)]
    assert not any(hooks)  # the steps DirectEvent skips would have nothing to run
    for temperament in (80, 135):
        for state in explore(scenario, temperament).states:
            for name in machine.get_triggers(state.place):
                ours, stock = fire_both_ways(scenario, state, temperament, machine.events[name])
                assert ours == stock, (state, name)
