"""A play-test carried over to a new version of its scenario: the same answers, given again.

When a trainer saves the scenario they are playing, the game reloads it and replays the answers
given so far, so the trainer stays where they were and sees their change at once. This is not a
save being restored, and saves are not loosened for it: `Session.from_dict` must resume the same
game exactly, so it refuses an answer that no longer has the same effect. Here the trainer has
just changed those effects on purpose, so an answer fits while the conversation stands at the
node it was given at and that node offers it now (or, for a missed reply, still has a timer);
anger and flags follow the new version, and it must not end a conversation that had not ended.
Replay stops before the first answer that does not fit, and says why in a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..judging.statespace import State
from ..model import Scenario
from ..reading.diagnostics import quoted
from .history import TIMEOUT, Step
from .session import Session, draw_temperament


@dataclass(frozen=True, slots=True)
class Resumed:
    """The conversation on the new version, and how much of the old one it replays."""

    session: Session
    replayed: int  # answers given again, from the first
    stopped_at: Step | None = None  # the first answer that does not fit, when one does not
    problem: str = ""  # why it does not fit, as a sentence's end

    @property
    def complete(self) -> bool:
        return self.stopped_at is None and not self.problem


def resumed(scenario: Scenario, old: Session) -> Resumed:
    """`old`'s conversation (seed, customer, start, time limits, answers) played again on `scenario`,
    a new version of its scenario, as far as its answers still fit."""
    before, origin = old.scenario, old.origin
    temperament = old.temperament
    if not scenario.customer.temperament.low <= temperament <= scenario.customer.temperament.high:
        temperament = draw_temperament(scenario, old.seed)
    if origin == State(before.start, before.customer.anger, frozenset()):  # from the start: the new start
        origin = State(scenario.start, scenario.customer.anger, frozenset())
    elif origin.place not in scenario.nodes:
        fresh = Session.start(scenario, old.seed, time_limits=old.time_limits)
        return Resumed(fresh, 0, problem=f"it started at {quoted(origin.place)}, which is no longer a node")
    session = Session(scenario, old.seed, origin, temperament, old.time_limits)
    for number, step in enumerate(old.history):
        problem = _unfit(session, step)
        if problem:
            return Resumed(session, number, step, problem)
        answered = (
            session.timeout(step.seconds) if step.choice == TIMEOUT else session.choose_id(step.choice, step.seconds)
        )
        if answered.ended and not (old.finished and number == len(old.history) - 1):
            problem = f"it now ends the conversation, at {quoted(answered.place)}"
            return Resumed(session.rewound(number), number, step, problem)
    return Resumed(session, len(old.history))


def _unfit(session: Session, step: Step) -> str:
    """Why `step` cannot be given again where `session` stands, or ""."""
    if session.finished:
        return f"the conversation now ends before it, at {quoted(session.place)}"
    if session.place != step.node:
        return f"it was given at {quoted(step.node)}, but the conversation now comes to {quoted(session.place)}"
    node = session.scenario.nodes[step.node]
    if step.choice == TIMEOUT:
        return "" if node.timeout is not None else f"{quoted(step.node)} no longer has a timer"
    option = next((option for option in session.view().options if option.choice_id == step.choice), None)
    if option is None:
        hidden = any(choice.id == step.choice for choice in node.choices)
        return f"{quoted(step.choice)} is {'hidden' if hidden else 'no longer a choice'} at {quoted(step.node)} now"
    return "" if option.available else f"{quoted(step.choice)} is not available at {quoted(step.node)} now"
