"""The `transitions` state machine behind every session of one scenario, built once and shared.

States are the node and ending ids. Every way to answer is a trigger of its own: `answer_<i>`
for a node's i-th choice (0-based, in the file's order) and `timeout` for its timer; `route`
moves on from a routing node. An answer's trigger has one transition to the answer's `next`,
taken unless the anger after it reaches the walk-out, and after it one to the walk-out: so
an answer fires the first transition it tries, after one condition. The answer's effects are
the transition's `before` callback, applied once, by whichever transition is taken.

Sessions are not added to the machine as models. `Machine.add_model` binds an `is_<state>`
method and looks for `on_enter_<state>`/`on_exit_<state>` methods on the model for every
state, so adding one costs as much as the scenario is large (92-95% of a Session's time on a
2,000-node scenario), and Composure uses none of them. Instead, as transitions' FAQ suggests
for many models of one static machine, each Conversation keeps its own `state` and fires the
machine's events itself (`Event.trigger(model)`, what a bound trigger method calls): starting
a session costs the same at any size, and the machine holds no reference to any session.

Trainer ids never become trigger names or attributes, and every callback is a callable: no
trainer text ever reaches the machine as a name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from transitions import EventData, Machine

from ..model import Condition, Consequence, Scenario
from . import rules
from .conditions import holds

TIMEOUT_TRIGGER = "timeout"
ROUTE = "route"
Guard = Callable[[EventData], bool]

_MACHINES: WeakKeyDictionary[Scenario, Machine] = WeakKeyDictionary()


def answer_trigger(index: int) -> str:
    """The trigger for a node's choice at `index` in its list."""
    return f"answer_{index}"


class Conversation:
    """The machine's model for one session: where it is and what the rules read.

    It holds no reference to its Session, and the machine none to it."""

    def __init__(self, scenario: Scenario, place: str, temperament: int, anger: int, flags: frozenset[str]) -> None:
        self.machine = machine_for(scenario)
        self.scenario = scenario
        self.state = place
        self.temperament = temperament
        self.anger = anger
        self.flags = flags

    def trigger(self, name: str) -> bool:
        """Fire the machine's event `name` for this conversation, as a bound trigger would."""
        return self.machine.events[name].trigger(self)


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
        initial=None,  # no model is ever added; each Conversation starts where it is told
        auto_transitions=False,  # else a transition between every pair of states
        send_event=True,
    )
    walkout = scenario.customer.walks_out_to
    for node in scenario.nodes.values():
        for route in node.route:
            machine.add_transition(ROUTE, node.id, route.next, conditions=[_route_holds(route.condition)])
        answers = [(answer_trigger(i), choice.consequence) for i, choice in enumerate(node.choices)]
        if node.timeout is not None:
            answers.append((TIMEOUT_TRIGGER, node.timeout))
        for trigger, consequence in answers:
            apply = _applying(consequence)
            if walkout is None:
                machine.add_transition(trigger, node.id, consequence.next, before=[apply])
            else:
                walks = _walking_out_after(consequence)
                machine.add_transition(trigger, node.id, consequence.next, unless=[walks], before=[apply])
                machine.add_transition(trigger, node.id, walkout, before=[apply])
    return machine


def _model(event: EventData) -> Conversation:
    model = event.model
    assert isinstance(model, Conversation)
    return model


def _applying(consequence: Consequence) -> Callable[[EventData], Any]:
    def apply(event: EventData) -> None:
        conversation = _model(event)
        conversation.anger = rules.anger_after(conversation.anger, consequence, conversation.temperament)
        conversation.flags = rules.flags_after(conversation.flags, consequence)

    return apply


def _walking_out_after(consequence: Consequence) -> Guard:
    def walks(event: EventData) -> bool:
        conversation = _model(event)
        anger = rules.anger_after(conversation.anger, consequence, conversation.temperament)
        return rules.walks_out(conversation.scenario, anger)

    return walks


def _route_holds(condition: Condition | None) -> Guard:
    return lambda event: holds(condition, _model(event).anger, _model(event).flags)
