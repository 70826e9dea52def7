"""One trainee's conversation, played on the scenario's `transitions` state machine.

The Session drives the scenario's shared Machine (see `machine.py`; it does not inherit from
it) and offers the screens a small pull API: `view()`, then `choose(i)` or `timeout()`, each
saying what the answer did; `rewound(n)` for the debrief's Rewind; and `result()`, the debrief's numbers, which
`judging.scoring` works out from what it reads of a session (its `Played` protocol).
Its own model object for the machine holds the place, anger and flags.

All state that must survive is the seed, the starting state and the history of choices;
the current place, anger and flags are rebuilt by replaying it, so a restored session is
exactly the one that was saved.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from ..errors import EngineError
from ..judging.scoring import Result
from ..judging.scoring import result as scored
from ..judging.statespace import State
from ..model import Choice, Ending, Node, Scenario, Visibility
from ..reading.diagnostics import quoted
from . import rules
from .history import TIMEOUT, Step
from .machine import ROUTE, TIMEOUT_TRIGGER, Conversation, Move
from .session_state import session_from_dict, session_to_dict
from .time_limits import NORMAL, TIME_LIMITS, time_limit

NO_FLAGS: frozenset[str] = frozenset()


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
    speaker: str  # the name of whoever says `line`: the customer, or a person the node names
    line: str
    narration: str
    anger: int
    walks_out_at: int | None
    options: tuple[Option, ...]
    timer: int | None  # seconds to answer in, as the session's time limits make them; None: no limit
    turn: int
    ending: Ending | None
    where: str | None = None  # the latest place a node on the way here named; None: the channel's own words
    expression: str | None = None  # the speaker's expression for this line, one of EXPRESSIONS

    @property
    def finished(self) -> bool:
        return self.ending is not None


@dataclass(frozen=True, slots=True)
class Answered:
    """What one answer did, so that no caller compares views before and after it."""

    choice_id: str  # or TIMEOUT
    anger_before: int
    anger_after: int
    flags_set: frozenset[str]
    flags_cleared: frozenset[str]
    place: str  # where the conversation is now: the next node that speaks, or an ending
    ending: Ending | None

    @property
    def ended(self) -> bool:
        return self.ending is not None


@dataclass(frozen=True, slots=True)
class Offer:
    """What a speaking node offers, worked out once per scenario and node, not at every visit."""

    choices: tuple[tuple[Choice, Move], ...]  # each choice with the machine's move for it, in file order
    triggers: dict[str, str]  # choice id -> the machine's trigger for it
    speaker: str
    fixed: tuple[Option, ...] | None  # the options when no choice has a condition: the same at every visit

    @classmethod
    def of(cls, scenario: Scenario, node: Node, moves: tuple[Move, ...]) -> Offer:
        choices = tuple(zip(node.choices, moves, strict=False))
        fixed = None
        if not any(choice.condition for choice in node.choices):
            fixed = tuple(Option(choice.id, choice.text, True) for choice in node.choices)
        triggers = {choice.id: move.trigger for choice, move in choices}
        return cls(choices, triggers, scenario.speaker_at(node.id).name, fixed)


_OFFERS: WeakKeyDictionary[Scenario, dict[str, Offer]] = WeakKeyDictionary()


class Session:
    def __init__(
        self, scenario: Scenario, seed: int, origin: State, temperament: int, time_limits: str = NORMAL
    ) -> None:
        self.scenario = scenario
        self.seed = seed
        self.origin = origin
        self.temperament = temperament
        self.time_limits = time_limits  # one of TIME_LIMITS: how the scenario's timers are applied
        self.history: list[Step] = []
        self._view: View | None = None
        self._conversation = Conversation(scenario, origin.place, temperament, origin.anger, origin.flags)
        self._offers = _OFFERS.setdefault(scenario, {})
        self._follow_routes()
        self._ending = scenario.endings.get(self._conversation.state)
        self._where: str | None = None
        self._note_where()

    # -- making sessions ---------------------------------------------------------------
    @classmethod
    def start(
        cls,
        scenario: Scenario,
        seed: int = 0,
        at: str | None = None,
        anger: int | None = None,
        flags: frozenset[str] | set[str] = frozenset(),
        time_limits: str = NORMAL,
    ) -> Session:
        """A new conversation; `at`, `anger` and `flags` start it anywhere, for play-testing;
        `time_limits` (one of TIME_LIMITS) is the trainee's setting for the timers."""
        if at is not None and at not in scenario.nodes:
            ending = f" ('{at}' is an ending)" if at in scenario.endings else ""
            raise InvalidChoice(
                f"there is no node '{at}' in scenario '{scenario.id}'{ending}; "
                f"start at one of: {', '.join(scenario.nodes)}"
            )
        if anger is not None and not rules.ANGER_MIN <= anger <= rules.ANGER_MAX:
            raise InvalidChoice(f"anger must be from 0 to 100, not {anger}")
        if time_limits not in TIME_LIMITS:
            raise InvalidChoice(f"the time limits must be one of {', '.join(TIME_LIMITS)}, not {quoted(time_limits)}")
        origin = State(at or scenario.start, scenario.customer.anger if anger is None else anger, frozenset(flags))
        return cls(scenario, seed, origin, draw_temperament(scenario, seed), time_limits)

    def to_dict(self) -> dict[str, Any]:
        return session_to_dict(self)

    @classmethod
    def from_dict(cls, scenario: Scenario, data: Any) -> Session:
        """Restore exactly; raises SessionStateError with a sentence when the data does not fit."""
        return session_from_dict(scenario, data, cls)

    def rewound(self, answers: int) -> Session:
        """This conversation (seed, customer, start, time limits) with only its first `answers` answers given."""
        if not 0 <= answers <= len(self.history):
            raise InvalidChoice(f"there are {len(self.history)} answers; rewind to 0 to {len(self.history)} of them")
        session = Session(self.scenario, self.seed, self.origin, self.temperament, self.time_limits)
        for step in self.history[:answers]:
            session._move(session._speaking_node("rewind"), step.choice, step.seconds)
        return session

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
        return self._ending

    @property
    def finished(self) -> bool:
        return self._ending is not None

    def result(self) -> Result:
        """The debrief of the finished conversation: scores, grade, reasons and each answer reviewed."""
        if self._ending is None:
            raise InvalidChoice("the conversation has not ended yet; ask for its result once it is finished")
        return scored(self)

    def view(self) -> View:
        """What to show now; the same frozen object until the next answer."""
        if self._view is None:
            self._view = self._make_view()
        return self._view

    def _make_view(self) -> View:
        scenario, place = self.scenario, self._conversation.state
        node = scenario.nodes.get(place)
        options: tuple[Option, ...] = ()
        if node is None:
            speaker, line, narration, timer, expression = scenario.speaker_at(place).name, "", "", None, None
        else:
            offer = self._offer(node)
            speaker, narration, expression = offer.speaker, node.narration, node.expression
            line, options = self._presentation(node, offer)
            timer = time_limit(node.timer, self.time_limits, any(option.available for option in options))
        anger, walks_at, turn = self._conversation.anger, scenario.customer.walks_out_at, len(self.history)
        return View(
            scenario.id,
            place,
            speaker,
            line,
            narration,
            anger,
            walks_at,
            options,
            timer,
            turn,
            self._ending,
            self._where,
            expression,
        )

    def _offer(self, node: Node) -> Offer:
        offer = self._offers.get(node.id)
        if offer is None:
            moves = self._conversation.moves.answers.get(node.id, ())
            offer = self._offers[node.id] = Offer.of(self.scenario, node, moves)
        return offer

    def _presentation(self, node: Node, offer: Offer) -> tuple[str, tuple[Option, ...]]:
        """The line and option order for this visit, drawn from the seed and the turn number.

        Seeding a generator costs more than the rest of a view, so it is made only when there is
        something to draw; when there is, it draws exactly as it always has."""
        if len(node.say) < 2 and not (node.shuffle and len(offer.choices) > 1):
            return (node.say[0] if node.say else ""), self._in_file_order(offer)
        rng = random.Random(f"{self.seed}:{len(self.history)}")
        line = node.say[rng.randrange(len(node.say))] if node.say else ""
        if not node.shuffle:
            return line, self._in_file_order(offer)
        choices = list(offer.choices)
        rng.shuffle(choices)
        return line, self._options(choices)

    def _in_file_order(self, offer: Offer) -> tuple[Option, ...]:
        """The options unshuffled: the node's own when no choice has a condition, else as they stand now."""
        return offer.fixed if offer.fixed is not None else self._options(offer.choices)

    def _options(self, choices: Iterable[tuple[Choice, Move]]) -> tuple[Option, ...]:
        options = (self._option(choice, move) for choice, move in choices)
        return tuple(option for option in options if option is not None)

    def _option(self, choice: Choice, move: Move) -> Option | None:
        """How a choice is offered now, as the machine's move allows; None when it is unavailable and set to hide."""
        if move.allowed(self._conversation.anger, self._conversation.flags):
            return Option(choice.id, choice.text, True)
        if choice.when_unavailable is Visibility.HIDE:
            return None
        return Option(choice.id, choice.text, False, choice.unavailable_hint)

    # -- what the screens tell ---------------------------------------------------------
    def choose(self, index: int, seconds: float | None = None) -> Answered:
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

    def choose_id(self, choice_id: str, seconds: float | None = None) -> Answered:
        """Answer with a choice by its stable id, whatever order it is shown in."""
        self._speaking_node("choose")
        ids = [option.choice_id for option in self.view().options]
        if choice_id not in ids:
            raise InvalidChoice(f"{quoted(choice_id)} is not a choice offered here; offered: {', '.join(ids)}")
        return self.choose(ids.index(choice_id), seconds)

    def timeout(self, seconds: float | None = None) -> Answered:
        """The timer ran out before the trainee answered."""
        node = self._speaking_node("timeout")
        if node.timeout is None:
            raise InvalidChoice(f"node '{node.id}' has no timer; call choose() instead")
        return self._move(node, TIMEOUT, seconds)

    def _speaking_node(self, action: str) -> Node:
        if self._ending is not None:
            raise InvalidChoice(
                f"the conversation has ended, so it cannot {action}; ask for its result() or start a new session"
            )
        return self.scenario.nodes[self._conversation.state]

    def _move(self, node: Node, choice_id: str, seconds: float | None) -> Answered:
        conversation = self._conversation
        anger_before, flags_before = conversation.anger, conversation.flags
        conversation.trigger(TIMEOUT_TRIGGER if choice_id == TIMEOUT else self._offer(node).triggers[choice_id])
        self._follow_routes()
        place, anger, flags = conversation.state, conversation.anger, conversation.flags
        self._ending = ending = self.scenario.endings.get(place)
        self.history.append(Step(node.id, choice_id, anger_before, anger, tuple(sorted(flags_before)), seconds))
        self._view = None
        self._note_where()
        if flags is flags_before:
            return Answered(choice_id, anger_before, anger, NO_FLAGS, NO_FLAGS, place, ending)
        return Answered(choice_id, anger_before, anger, flags - flags_before, flags_before - flags, place, ending)

    def _note_where(self) -> None:
        """Keep the latest place named on the way here: every session, however it was made
        (started, rewound, restored, resumed), reaches where it stands through `_move`, so it agrees."""
        node = self.scenario.nodes.get(self._conversation.state)
        if node is not None and node.where:
            self._where = node.where

    def _follow_routes(self) -> None:
        routes, conversation = self._conversation.moves.routes, self._conversation
        for _ in range(rules.MAX_ROUTE_HOPS):
            if conversation.state not in routes:
                return
            conversation.trigger(ROUTE)


def draw_temperament(scenario: Scenario, seed: int) -> int:
    bounds = scenario.customer.temperament
    if bounds.low == bounds.high:  # nothing to draw, and seeding a generator costs most of a start
        return bounds.low
    return random.Random(f"{seed}:temperament").randint(bounds.low, bounds.high)
