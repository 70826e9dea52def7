"""One trainee's conversation, played on the scenario's `transitions` state machine.

The Session wraps the shared Machine (see `machine.py`; it does not inherit from it) and
offers the screens a small pull API: `view()`, `choose(i)`, `timeout()`, and
`scoring.result(session)` at the end. Its own model object on the machine holds the place,
anger and flags.

All state that must survive is the seed, the starting state and the history of choices;
the current place, anger and flags are rebuilt by replaying it, so a restored session is
exactly the one that was saved.
"""

from __future__ import annotations

import random
import weakref
from dataclasses import dataclass
from typing import Any

from ..errors import EngineError
from ..judging.statespace import State
from ..model import Choice, Ending, Node, Scenario, Visibility
from ..reading.diagnostics import quoted
from . import rules
from .machine import ANSWER, ROUTE, Conversation, machine_for

TIMEOUT = "(timeout)"  # the history's name for "the timer ran out"; not a valid choice id


class InvalidChoice(EngineError):
    """A call that does not fit the session's moment; the message says what to do instead."""


@dataclass(frozen=True, slots=True)
class Option:
    choice_id: str
    text: str
    available: bool
    hint: str = ""


@dataclass(frozen=True, slots=True)
class View:
    """A snapshot of what the trainee sees now; the screens draw this and nothing else."""

    scenario_id: str
    place: str
    speaker: str
    line: str
    narration: str
    anger: int
    walks_out_at: int | None
    options: tuple[Option, ...]
    timer: int | None
    turn: int
    ending: Ending | None

    @property
    def finished(self) -> bool:
        return self.ending is not None


@dataclass(frozen=True, slots=True)
class Step:
    """One answer in the history, with what the meter did and how long the trainee took."""

    node: str
    choice: str  # a choice id, or TIMEOUT
    anger_before: int
    anger_after: int
    flags_before: tuple[str, ...]
    seconds: float | None = None


class Session:
    def __init__(self, scenario: Scenario, seed: int, origin: State, temperament: int) -> None:
        self.scenario = scenario
        self.seed = seed
        self.origin = origin
        self.temperament = temperament
        self.history: list[Step] = []
        self._view: View | None = None
        self._conversation = Conversation(scenario, temperament, origin.anger, origin.flags)
        self._machine = machine_for(scenario)
        self._machine.add_model(self._conversation, initial=origin.place)
        # The machine outlives sessions; leave it when this session is dropped.
        weakref.finalize(self, self._machine.remove_model, self._conversation)
        self._follow_routes()

    # -- making sessions ---------------------------------------------------------------
    @classmethod
    def start(
        cls,
        scenario: Scenario,
        seed: int = 0,
        at: str | None = None,
        anger: int | None = None,
        flags: frozenset[str] | set[str] = frozenset(),
    ) -> Session:
        """A new conversation; `at`, `anger` and `flags` start it anywhere, for play-testing."""
        if at is not None and at not in scenario.nodes:
            ending = f" ('{at}' is an ending)" if at in scenario.endings else ""
            raise InvalidChoice(
                f"there is no node '{at}' in scenario '{scenario.id}'{ending}; "
                f"start at one of: {', '.join(scenario.nodes)}"
            )
        if anger is not None and not rules.ANGER_MIN <= anger <= rules.ANGER_MAX:
            raise InvalidChoice(f"anger must be from 0 to 100, not {anger}")
        origin = State(at or scenario.start, scenario.customer.anger if anger is None else anger, frozenset(flags))
        return cls(scenario, seed, origin, draw_temperament(scenario, seed))

    def to_dict(self) -> dict[str, Any]:
        from .session_state import session_to_dict

        return session_to_dict(self)

    @classmethod
    def from_dict(cls, scenario: Scenario, data: Any) -> Session:
        """Restore exactly; raises SessionStateError with a sentence when the data does not fit."""
        from .session_state import session_from_dict

        return session_from_dict(scenario, data)

    # -- what the screens ask ----------------------------------------------------------
    @property
    def place(self) -> str:
        return self._conversation.state

    @property
    def anger(self) -> int:
        return self._conversation.anger

    @property
    def flags(self) -> frozenset[str]:
        return self._conversation.flags

    @property
    def ending(self) -> Ending | None:
        return self.scenario.endings.get(self.place)

    @property
    def finished(self) -> bool:
        return self.ending is not None

    def view(self) -> View:
        """What to show now; the same frozen object until the next answer."""
        if self._view is None:
            scenario, node = self.scenario, self.scenario.nodes.get(self.place)
            line, options = ("", ()) if node is None else self._presentation(node)
            self._view = View(
                scenario.id,
                self.place,
                scenario.customer.name,
                line,
                node.narration if node else "",
                self.anger,
                scenario.customer.walks_out_at,
                options,
                node.timer if node else None,
                len(self.history),
                self.ending,
            )
        return self._view

    def _presentation(self, node: Node) -> tuple[str, tuple[Option, ...]]:
        """The line and option order for this visit, drawn from the seed and the turn number."""
        rng = random.Random(f"{self.seed}:{len(self.history)}")
        line = node.say[rng.randrange(len(node.say))] if node.say else ""
        choices = list(node.choices)
        if node.shuffle:
            rng.shuffle(choices)
        options = (self._option(choice) for choice in choices)
        return line, tuple(option for option in options if option is not None)

    def _option(self, choice: Choice) -> Option | None:
        """How a choice is offered now; None when it is unavailable and set to hide."""
        if rules.is_available(choice, self.anger, self.flags):
            return Option(choice.id, choice.text, True)
        if choice.when_unavailable is Visibility.HIDE:
            return None
        return Option(choice.id, choice.text, False, choice.unavailable_hint)

    # -- what the screens tell ---------------------------------------------------------
    def choose(self, index: int, seconds: float | None = None) -> View:
        """Answer with the option at `index` (0-based) of `view().options`."""
        node = self._speaking_node("choose")
        options = self.view().options
        if not options:  # every choice is hidden for now; only the timer moves on
            way_on = "wait for the timer and call timeout()" if node.timeout else "no choice is available"
            raise InvalidChoice(f"no option is offered at '{node.id}' now; {way_on}")
        if not 0 <= index < len(options):
            raise InvalidChoice(f"there are {len(options)} options here; choose an index from 0 to {len(options) - 1}")
        option = options[index]
        if not option.available:
            hint = f" ({option.hint})" if option.hint else ""
            raise InvalidChoice(f"the option '{option.choice_id}' is not available yet{hint}; choose another")
        return self._move(node, option.choice_id, seconds)

    def choose_id(self, choice_id: str, seconds: float | None = None) -> View:
        """Answer with a choice by its stable id, whatever order it is shown in."""
        self._speaking_node("choose")
        ids = [option.choice_id for option in self.view().options]
        if choice_id not in ids:
            raise InvalidChoice(f"{quoted(choice_id)} is not a choice offered here; offered: {', '.join(ids)}")
        return self.choose(ids.index(choice_id), seconds)

    def timeout(self, seconds: float | None = None) -> View:
        """The timer ran out before the trainee answered."""
        node = self._speaking_node("timeout")
        if node.timeout is None:
            raise InvalidChoice(f"node '{node.id}' has no timer; call choose() instead")
        return self._move(node, TIMEOUT, seconds)

    def _speaking_node(self, action: str) -> Node:
        if self.finished:
            raise InvalidChoice(
                f"the conversation has ended, so it cannot {action}; "
                "call result() for the debrief or start a new session"
            )
        return self.scenario.nodes[self.place]

    def _move(self, node: Node, choice_id: str, seconds: float | None) -> View:
        anger_before, flags_before = self.anger, tuple(sorted(self.flags))
        consequence = node.timeout if choice_id == TIMEOUT else _choice(node, choice_id).consequence
        self._conversation.trigger(ANSWER, consequence=consequence)
        self._follow_routes()
        self.history.append(Step(node.id, choice_id, anger_before, self.anger, flags_before, seconds))
        self._view = None
        return self.view()

    def _follow_routes(self) -> None:
        for _ in range(rules.MAX_ROUTE_HOPS):
            node = self.scenario.nodes.get(self.place)
            if node is None or not node.is_route:
                return
            self._conversation.trigger(ROUTE)


def _choice(node: Node, choice_id: str) -> Choice:
    return next(choice for choice in node.choices if choice.id == choice_id)


def draw_temperament(scenario: Scenario, seed: int) -> int:
    bounds = scenario.customer.temperament
    return random.Random(f"{seed}:temperament").randint(bounds.low, bounds.high)
