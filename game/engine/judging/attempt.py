"""A finished conversation as plain data for the results history: the scores, the ending, and
each answer with what it did and how it ranked among the answers on offer.

Plain values only (no Scenario, no Session), so storage can write it and a report can read it
long after the scenario file has changed or gone. The clock is not the engine's: the caller
adds when the attempt started and ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .analysis import TIE, analysis_for
from .quality import mean_quality
from .scoring import Played, Result, edge_for, session_root, state_index


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """One answer as the results history keeps it."""

    node: str
    choice_id: str  # a choice id, or TIMEOUT when the timer ran out
    text: str  # the answer as the trainee saw it ("(no answer in time)" for a timeout)
    seconds: float | None  # time taken to answer; None when nobody measured it
    anger_before: int
    anger_after: int
    principle: str  # the principle's id, or "" when the answer names none
    principle_name: str
    quality: float  # 0..1 among the answers on offer at that moment (the mean over the three scores)
    best: bool  # one of the best answers on offer (the debrief names no better one)
    worst: bool  # the worst answer on offer, outcome within reach first
    feedback: str  # why it helped or hurt
    better_text: str  # the better answer's words, "" when this was the best


@dataclass(frozen=True, slots=True)
class AttemptRecord:
    """A finished attempt: what the debrief showed, in plain values."""

    scenario_id: str
    scenario_title: str
    scenario_digest: str  # of the file's bytes, so a history can tell versions of a scenario apart
    difficulty: int
    seed: int
    temperament: int
    time_limits: str  # one of TIME_LIMITS: "off" means the trainee played without the timers' pressure
    ending: str
    outcome: str  # an Outcome's value: "resolved", "partial", "escalated", "lost"
    composure: int
    assertiveness: int
    resolution: int
    overall: int
    grade: str
    answers: tuple[AnswerRecord, ...]


class Recorded(Played, Protocol):
    """What recording reads of a finished session beyond what scoring reads."""

    seed: int
    time_limits: str

    def result(self) -> Result: ...


def attempt_record(session: Recorded) -> AttemptRecord:
    """The record of a finished session (the Session refuses, as for its result, when it has not ended)."""
    debrief = session.result()
    scenario, scores = session.scenario, debrief.scores
    analysis = analysis_for(scenario, session.temperament, session_root(session))
    answers = []
    for step, review in zip(session.history, debrief.reviews, strict=True):
        state = state_index(analysis, step)
        taken = edge_for(analysis, state, step)
        lowest = min(analysis.value(state, edge) for edge in analysis.graph.edges[state])
        principle = review.principle
        answers.append(
            AnswerRecord(
                node=step.node,
                choice_id=step.choice,
                text=review.text,
                seconds=step.seconds,
                anger_before=step.anger_before,
                anger_after=step.anger_after,
                principle=principle.id if principle else "",
                principle_name=principle.name if principle else "",
                quality=round(mean_quality(review.quality), 4),
                best=review.better_id is None,
                worst=analysis.value(state, taken) <= lowest + TIE and len(analysis.graph.edges[state]) > 1,
                feedback=review.feedback,
                better_text=review.better_text,
            )
        )
    return AttemptRecord(
        scenario_id=scenario.id,
        scenario_title=scenario.title,
        scenario_digest=scenario.digest,
        difficulty=scenario.difficulty,
        seed=session.seed,
        temperament=session.temperament,
        time_limits=session.time_limits,
        ending=debrief.ending.id,
        outcome=debrief.outcome.value,
        composure=scores.composure,
        assertiveness=scores.assertiveness,
        resolution=scores.resolution,
        overall=scores.overall,
        grade=scores.grade,
        answers=tuple(answers),
    )
