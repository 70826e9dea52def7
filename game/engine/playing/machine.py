"""The `transitions` state machine behind every session of one scenario, built once and shared.

States are the node and ending ids. Two triggers carry everything: `answer` (a choice or a
timeout, passed as the `consequence`) and `route`. Each node's `answer` transitions are tried
in order: first the walk-out, guarded by the anger after the answer, then one per choice,
guarded by "this was the answer given". Effects are applied once per trigger in
`prepare_event`, before any condition is checked. Conditions read the model they are given,
so one machine serves many sessions (transitions' multi-model design), and building a
session costs a model, not a machine.

Trainer ids never become trigger names, so they cannot collide with model attributes, and
every callback is a callable: no trainer text ever reaches the machine as a callback name.
"""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary

from transitions import EventData, Machine

from ..model import Condition, Consequence, Scenario
from . import rules
from .conditions import holds

ANSWER = "answer"
ROUTE = "route"
Guard = Callable[[EventData], bool]

_MACHINES: WeakKeyDictionary[Scenario, Machine] = WeakKeyDictionary()


class Conversation:
    """The machine's model for one session: where it is and what the rules read.

    It holds no reference to its Session, so a Session can be collected and leave the
    shared machine (see `Session.__init__`)."""

    state: str
    trigger: Callable[..., bool]  # added by the Machine

    def __init__(self, scenario: Scenario, temperament: int, anger: int, flags: frozenset[str]) -> None:
        self.scenario = scenario
        self.temperament = temperament
        self.anger = anger
        self.flags = flags


def machine_for(scenario: Scenario) -> Machine:
    """The scenario's machine, built on first use and kept as long as the scenario is."""
    machine = _MACHINES.get(scenario)
    if machine is None:
        machine = _MACHINES[scenario] = _build(scenario)
    return machine


def _build(scenario: Scenario) -> Machine:
    machine = Machine(
        model=None,
        states=[*scenario.nodes, *scenario.endings],
        initial=scenario.start,
        auto_transitions=False,  # else a transition between every pair of states
        send_event=True,
        prepare_event=_apply_consequence,
    )
    walkout = scenario.customer.walks_out_to
    for node in scenario.nodes.values():
        for route in node.route:
            machine.add_transition(ROUTE, node.id, route.next, conditions=[_route_holds(route.condition)])
        if walkout is not None and node.consequences():
            machine.add_transition(ANSWER, node.id, walkout, conditions=[_walking_out])
        for consequence in node.consequences():
            machine.add_transition(ANSWER, node.id, consequence.next, conditions=[_answered(consequence)])
    return machine


def _model(event: EventData) -> Conversation:
    model = event.model
    assert isinstance(model, Conversation)
    return model


def _apply_consequence(event: EventData) -> None:
    consequence = event.kwargs.get("consequence")
    conversation = _model(event)
    if consequence is not None:
        conversation.anger = rules.anger_after(conversation.anger, consequence, conversation.temperament)
        conversation.flags = rules.flags_after(conversation.flags, consequence)


def _walking_out(event: EventData) -> bool:
    conversation = _model(event)
    return rules.walks_out(conversation.scenario, conversation.anger)


def _answered(consequence: Consequence) -> Guard:
    return lambda event: event.kwargs.get("consequence") is consequence


def _route_holds(condition: Condition | None) -> Guard:
    return lambda event: holds(condition, _model(event).anger, _model(event).flags)
