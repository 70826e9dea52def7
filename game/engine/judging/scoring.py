"""The debrief's numbers: each answer judged among those on offer, the ending among the endings
within reach, a grade, the sentences that say why, and per-answer reviews (docs/scoring.md).

Each score is the mean quality of the answers (0..1 among the options of that moment, by the
answer's effect on that score). The overall score lies in a band set by the outcome's level
among the outcomes reachable from where the session started, and the grade follows from it,
so no answers make up for a worse ending and no ending sooner saves points.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..model import Ending, Outcome, Principle, Scenario
from ..playing.history import TIMEOUT, Step
from .analysis import Analysis, analysis_for
from .explain import reasons
from .quality import Quality, score_means
from .statespace import Edge, State, start_state


class Played(Protocol):
    """What scoring reads of a session. A protocol, so that the Session can offer `result()`
    by calling this module without the two importing each other."""

    scenario: Scenario
    origin: State
    temperament: int
    history: list[Step]

    @property
    def anger(self) -> int: ...

    @property
    def ending(self) -> Ending | None: ...


GRADES = ((90, "A"), (75, "B"), (60, "C"), (45, "D"), (0, "E"))


@dataclass(frozen=True, slots=True)
class Scores:
    composure: int
    assertiveness: int
    resolution: int
    overall: int
    grade: str

    def as_dict(self) -> dict[str, int | str]:
        return {
            "composure": self.composure,
            "assertiveness": self.assertiveness,
            "resolution": self.resolution,
            "overall": self.overall,
            "grade": self.grade,
        }


@dataclass(frozen=True, slots=True)
class Review:
    """One answer as the debrief shows it."""

    step: Step
    text: str
    feedback: str
    principle: Principle | None
    better_id: str | None  # None: this was (one of) the best answers here
    better_text: str
    quality: Quality  # among the options of that moment, per score


@dataclass(frozen=True, slots=True)
class Result:
    scenario_id: str
    ending: Ending
    final_anger: int
    path: tuple[str, ...]
    scores: Scores
    reviews: tuple[Review, ...]
    anger_curve: tuple[int, ...]  # the meter before the first answer and after each one
    reasons: tuple[str, ...]  # one sentence per score, then one for the overall score

    @property
    def outcome(self) -> Outcome:
        return self.ending.outcome


def grade_for(overall: float) -> str:
    return next(letter for floor, letter in GRADES if overall >= floor)


def result(session: Played) -> Result:
    """The debrief of a finished session."""
    ending = session.ending
    if ending is None:
        raise ValueError("the conversation has not ended yet; ask for the result once view().finished is true")
    analysis = analysis_for(session.scenario, session.temperament, session_root(session))
    states = [state_index(analysis, step) for step in session.history]
    edges = [edge_for(analysis, state, step) for state, step in zip(states, session.history, strict=True)]
    qualities = [analysis.quality(state, edge) for state, edge in zip(states, edges, strict=True)]
    means = score_means([step.node for step in session.history], qualities)
    overall = round(analysis.standing.overall(ending.outcome, sum(means) / 3))
    composure, assertiveness, resolution = (round(100 * m) for m in means)
    scores = Scores(composure, assertiveness, resolution, overall, grade_for(overall))  # as shown
    curve = (session.origin.anger, *(step.anger_after for step in session.history))
    path = (*(step.node for step in session.history), ending.id)
    reviews = tuple(
        review(analysis, state, step, edge, frozenset(states[: i + 1]))
        for i, (state, step, edge) in enumerate(zip(states, session.history, edges, strict=True))
    )
    return Result(
        session.scenario.id,
        ending,
        session.anger,
        path,
        scores,
        reviews,
        curve,
        reasons(
            (composure, assertiveness, resolution),
            overall,
            [(step.node, quality) for step, quality in zip(session.history, qualities, strict=True)],
            ending.outcome,
            analysis.standing,
        ),
    )


def session_root(session: Played) -> State:
    origin = session.origin
    return start_state(session.scenario, origin.place, origin.anger, origin.flags)


def state_index(analysis: Analysis, step: Step) -> int:
    return analysis.graph.find(step.node, step.anger_before, frozenset(step.flags_before))


def edge_for(analysis: Analysis, state: int, step: Step) -> Edge:
    node = analysis.graph.scenario.nodes[step.node]
    option = len(node.choices) if step.choice == TIMEOUT else [c.id for c in node.choices].index(step.choice)
    return next(e for e in analysis.graph.edges[state] if e.option == option)


def review(analysis: Analysis, state: int, step: Step, taken: Edge, met: frozenset[int]) -> Review:
    """The answer with its better choice: the best option of that situation that does not go
    back to a situation already met (going round again earns nothing)."""
    scenario = analysis.graph.scenario
    node = scenario.nodes[step.node]
    consequence = node.consequences()[taken.option]
    text = "(no answer in time)" if step.choice == TIMEOUT else node.choices[taken.option].text
    best = analysis.best_option(state, visited=met)
    better_id, better_text = None, ""
    if best is not None and analysis.value(state, best) > analysis.value(state, taken) + 1e-9:
        better = node.choices[best.option] if not best.is_timeout else None
        better_id = better.id if better else TIMEOUT
        better_text = better.text if better else "(waiting for the timer)"
    return Review(
        step,
        text,
        consequence.feedback,
        scenario.principles.get(consequence.principle),
        better_id,
        better_text,
        analysis.quality(state, taken),
    )
