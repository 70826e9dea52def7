"""The debrief's numbers: scores normalised to this scenario, a grade, and per-answer reviews.

Each score is 100 x (total - worst) / (best - worst), where best and worst are the exact
extremes achievable from where this session started, at this customer's temperament
(see docs/scoring.md). The "better choice" at each answer is the one that leads to the best
overall grade from that very situation.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import SCORE_NAMES, Ending, Outcome, Principle
from ..playing.session import TIMEOUT, Session, Step
from .analysis import Analysis, analysis_for
from .statespace import Edge, State, start_state

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


@dataclass(frozen=True, slots=True)
class Result:
    scenario_id: str
    ending: Ending
    final_anger: int
    path: tuple[str, ...]
    scores: Scores
    reviews: tuple[Review, ...]
    anger_curve: tuple[int, ...]  # the meter before the first answer and after each one

    @property
    def outcome(self) -> Outcome:
        return self.ending.outcome


def grade_for(overall: float) -> str:
    return next(letter for floor, letter in GRADES if overall >= floor)


def result(session: Session) -> Result:
    """The debrief of a finished session."""
    ending = session.ending
    if ending is None:
        raise ValueError("the conversation has not ended yet; call result() once view().finished is true")
    analysis = analysis_for(session.scenario, session.temperament, session_root(session))
    edges = [edge_for(analysis, step) for step in session.history]
    final = analysis.graph.find(ending.id, session.anger, session.flags)
    totals = analysis.totals(edges, final)
    values = [analysis.bounds.normalised(d, totals[d]) for d in range(len(SCORE_NAMES))]
    overall = sum(values) / len(values)
    composure, assertiveness, resolution = (round(v) for v in values)
    scores = Scores(composure, assertiveness, resolution, round(overall), grade_for(round(overall)))  # as shown
    curve = (session.origin.anger, *(step.anger_after for step in session.history))
    path = (*(step.node for step in session.history), ending.id)
    return Result(
        session.scenario.id,
        ending,
        session.anger,
        path,
        scores,
        tuple(review(analysis, step, edge) for step, edge in zip(session.history, edges, strict=True)),
        curve,
    )


def session_root(session: Session) -> State:
    origin = session.origin
    return start_state(session.scenario, origin.place, origin.anger, origin.flags)


def state_index(analysis: Analysis, step: Step) -> int:
    return analysis.graph.find(step.node, step.anger_before, frozenset(step.flags_before))


def edge_for(analysis: Analysis, step: Step) -> Edge:
    node = analysis.graph.scenario.nodes[step.node]
    option = len(node.choices) if step.choice == TIMEOUT else [c.id for c in node.choices].index(step.choice)
    return next(e for e in analysis.graph.edges[state_index(analysis, step)] if e.option == option)


def review(analysis: Analysis, step: Step, taken: Edge) -> Review:
    scenario = analysis.graph.scenario
    node = scenario.nodes[step.node]
    consequence = node.consequences()[taken.option]
    text = "(no answer in time)" if step.choice == TIMEOUT else node.choices[taken.option].text
    best = analysis.best_option(state_index(analysis, step))
    better_id, better_text = None, ""
    if best is not None and _value(analysis, best) > _value(analysis, taken) + 1e-9:
        better = node.choices[best.option] if not best.is_timeout else None
        better_id = better.id if better else TIMEOUT
        better_text = better.text if better else "(waiting for the timer)"
    return Review(
        step, text, consequence.feedback, scenario.principles.get(consequence.principle), better_id, better_text
    )


def _value(analysis: Analysis, edge: Edge) -> float:
    return analysis.bounds.overall_weight(edge.gains) + analysis.bounds.best_overall[edge.target]
