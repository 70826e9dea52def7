"""The `transitions` state machine behind every session of one scenario: the one definition of how
a conversation moves, built once per scenario and shared by the Session and the analysis.

States are the node and ending ids; endings are final states. Every way to answer is a trigger of
its own: `answer_<i>` for a node's i-th choice (0-based, in the file's order) and `timeout` for its
timer; `route` moves on from a routing node. Each (state, trigger) is made from one `Move`, which
the machine's transitions carry: the choice's condition guards them, the first goes to the
answer's `next` unless the anger after it reaches the walk-out, the second to the walk-out, and
the move's effects are their `before` callback, applied once by whichever is taken.

The Session fires the machine's events. Its events are `DirectEvent`s: they run exactly what
`transitions`' own `Event.trigger` runs for a machine built as this one is (each transition of
the state in order, its conditions, its `before` callbacks, the new state), without the steps
this machine leaves empty (queueing, prepare and finalize hooks, leaving and entering states,
logging). A test fires both on every situation of every scenario and compares.

The state graph, validation's reachability and the
Session's list of available answers read the same Moves off the compiled machine (`moves_for`),
once, so that exploring thousands of states does not go through `transitions`' dispatch per
state, and so that the game and the analysis cannot disagree: there is no other copy of the rules.

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

from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from transitions import Event, EventData, Machine, MachineError, Transition

from ..collector import collector_paused
from ..model import Condition, Consequence, Node, Scenario
from .conditions import holds
from .rules import MAX_ROUTE_HOPS, clamp_anger, scaled_anger

TIMEOUT_TRIGGER = "timeout"
ROUTE = "route"
Flags = frozenset[str]

_COMPILED: WeakKeyDictionary[Scenario, tuple[Machine, Moves]] = WeakKeyDictionary()


def answer_trigger(index: int) -> str:
    """The trigger for a node's choice at `index` in its list."""
    return f"answer_{index}"


@dataclass(frozen=True, slots=True)
class Move:
    """What one trigger does from one state: when it may fire, and where and how it lands."""

    trigger: str
    source: str
    option: int  # the index in the node's consequences() (its choices, then its timeout); routes count apart
    condition: Condition | None
    next: str
    walkout: str | None = None  # where it goes instead once the anger after it reaches `walks_at`
    walks_at: int | None = None
    anger_change: int = 0  # before the customer's temperament scales it
    sets: Flags = frozenset()
    clears: Flags = frozenset()
    gains: tuple[int, int, int] = (0, 0, 0)  # composure, assertiveness, resolution

    @property
    def changes_anything(self) -> bool:
        """Whether applying it changes anger or flags; a route, or an answer without effects, does not."""
        return self.anger_change != 0 or bool(self.sets or self.clears)

    @property
    def is_timeout(self) -> bool:
        return self.trigger == TIMEOUT_TRIGGER

    def allowed(self, anger: int, flags: Flags) -> bool:
        return self.condition is None or holds(self.condition, anger, flags)

    def scaled(self, temperament: int) -> int:
        """The anger change for a customer of this temperament (percent)."""
        return scaled_anger(self.anger_change, temperament)

    def anger_after(self, anger: int, temperament: int) -> int:
        return clamp_anger(anger + self.scaled(temperament))

    def flags_after(self, flags: Flags) -> Flags:
        """The flags after this move: the same object when it sets and clears none."""
        return (flags - self.clears) | self.sets if self.sets or self.clears else flags

    def walks(self, anger_after: int) -> bool:
        return self.walks_at is not None and anger_after >= self.walks_at

    def lands(self, anger: int, flags: Flags, change: int) -> tuple[str, int, Flags]:
        """Where it leads from (anger, flags), with its anger change already scaled: the place
        (before any routing node there is followed), anger and flags."""
        anger = clamp_anger(anger + change)
        flags = self.flags_after(flags)
        return (self.walkout if self.walkout is not None and self.walks(anger) else self.next), anger, flags

    # -- as the machine's callbacks, on a Conversation -----------------------------------
    def applied(self, event: EventData) -> None:
        conversation = _model(event)
        conversation.anger = self.anger_after(conversation.anger, conversation.temperament)
        conversation.flags = self.flags_after(conversation.flags)

    def is_allowed(self, event: EventData) -> bool:
        conversation = _model(event)
        return self.allowed(conversation.anger, conversation.flags)

    def walks_out(self, event: EventData) -> bool:
        conversation = _model(event)
        return self.walks(self.anger_after(conversation.anger, conversation.temperament))


class MoveTransition(Transition):
    """A transition that keeps the Move it was made from, so the moves can be read off the machine."""

    def __init__(self, source: str, dest: str, *args: Any, move: Move, **kwargs: Any) -> None:
        super().__init__(source, dest, *args, **kwargs)
        self.move = move


class DirectEvent(Event):
    """An event that runs a transition as `Event.trigger` does, minus the steps this machine leaves empty.

    `Event.trigger` spends most of an answer's time in machinery a scenario machine never uses:
    a queue, prepare and finalize hooks, looking up states to call their (empty) enter and exit
    callbacks, and a dozen debug log calls. This keeps what decides the outcome, in the same
    order: the state's transitions tried in turn, each one's conditions, its `before`
    callbacks, then the new state. It raises MachineError for a trigger the state lacks, as
    the machine is configured to. `_build` keeps every other hook empty."""

    def trigger(self, model: Any, *args: Any, **kwargs: Any) -> bool:
        transitions: Any = self.transitions.get(model.state)  # their callbacks are callables (see _build)
        if transitions is None:
            raise MachineError(f"Can't trigger event {self.name} from state {model.state}!")
        event = EventData(None, self, self.machine, model, args, kwargs)
        for transition in transitions:
            event.transition = transition
            if all(condition.func(event) == condition.target for condition in transition.conditions):
                for callback in transition.before:
                    callback(event)
                model.state = transition.dest
                return True
        return False


class ScenarioMachine(Machine):
    transition_cls = MoveTransition
    event_cls = DirectEvent


@dataclass(frozen=True, slots=True)
class Moves:
    """The compiled machine's moves per state, read once from its transitions: the analysis's view."""

    answers: dict[str, tuple[Move, ...]]  # per speaking node, in option order
    routes: dict[str, tuple[Move, ...]]  # per routing node, in the order the machine tries them
    endings: frozenset[str]  # the final states

    def settle(self, place: str, anger: int, flags: Flags) -> str:
        """Follow routing nodes, as the machine's `route` trigger does, to a node that speaks or an ending."""
        for _ in range(MAX_ROUTE_HOPS):
            routes = self.routes.get(place)
            if routes is None:
                return place
            place = next((move.next for move in routes if move.allowed(anger, flags)), "")
            if not place:
                raise ValueError(f"no route of node '{routes[0].source}' applies; its last entry must have no 'if'")
        raise ValueError(f"routing from '{place}' never reaches a node with choices")


class Conversation:
    """The machine's model for one session: where it is and what the rules read.

    It holds no reference to its Session, and the machine none to it."""

    def __init__(self, scenario: Scenario, place: str, temperament: int, anger: int, flags: Flags) -> None:
        self.machine, self.moves = compiled(scenario)
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
    return compiled(scenario)[0]


def moves_for(scenario: Scenario) -> Moves:
    """The scenario machine's moves, for walking many situations without firing events."""
    return compiled(scenario)[1]


def compiled(scenario: Scenario) -> tuple[Machine, Moves]:
    found = _COMPILED.get(scenario)
    if found is None:
        with collector_paused():  # tens of thousands of small objects for a large scenario
            machine = _build(scenario)
            found = _COMPILED[scenario] = (machine, _read_moves(machine))
    return found


def _build(scenario: Scenario) -> Machine:
    machine = ScenarioMachine(
        model=None,
        states=[*scenario.nodes, *({"name": ending, "final": True} for ending in scenario.endings)],
        initial=None,  # no model is ever added; each Conversation starts where it is told
        auto_transitions=False,  # else a transition between every pair of states
        send_event=True,
    )
    for node in scenario.nodes.values():
        for move in _moves_of(scenario, node):
            guard: list[Any] = [] if move.condition is None else [move.is_allowed]
            before: list[Any] = [move.applied] if move.changes_anything else []
            unless: list[Any] = [] if move.walkout is None else [move.walks_out]
            carried: Any = move  # transitions 0.9.1's type stubs say extra keywords are dicts
            machine.add_transition(move.trigger, node.id, move.next, guard, unless, before, move=carried)
            if move.walkout is not None:
                machine.add_transition(move.trigger, node.id, move.walkout, guard, None, before, move=carried)
    return machine


def _moves_of(scenario: Scenario, node: Node) -> list[Move]:
    customer = scenario.customer
    walkout = customer.walks_out_to
    walks_at = customer.walks_out_at if walkout is not None else None

    def move(trigger: str, option: int, condition: Condition | None, consequence: Consequence) -> Move:
        effects = consequence.effects
        return Move(
            trigger, node.id, option, condition, consequence.next, walkout, walks_at,
            effects.anger, consequence.sets, consequence.clears, effects.gains(),
        )  # fmt: skip

    moves = [move(answer_trigger(i), i, c.condition, c.consequence) for i, c in enumerate(node.choices)]
    if node.timeout is not None:
        moves.append(move(TIMEOUT_TRIGGER, len(node.choices), None, node.timeout))
    routes = [Move(ROUTE, node.id, i, route.condition, route.next) for i, route in enumerate(node.route)]
    return routes + moves


def _read_moves(machine: Machine) -> Moves:
    """Each state's moves, as the machine's transitions carry them (one Move per state and trigger)."""
    answers: dict[str, tuple[Move, ...]] = {}
    routes: dict[str, tuple[Move, ...]] = {}
    for event in machine.events.values():
        for source, transitions in event.transitions.items():
            made = (t.move for t in transitions if isinstance(t, MoveTransition))
            moves = list({id(move): move for move in made}.values())  # an answer's two transitions share one
            if event.name == ROUTE:
                routes[source] = tuple(moves)
            else:
                answers[source] = (*answers.get(source, ()), *moves)
    endings = frozenset(name for name, state in machine.states.items() if state.final)
    return Moves(
        {place: tuple(sorted(moves, key=lambda m: m.option)) for place, moves in answers.items()}, routes, endings
    )


def _model(event: EventData) -> Conversation:
    model = event.model
    assert isinstance(model, Conversation)
    return model
