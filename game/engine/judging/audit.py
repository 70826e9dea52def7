"""`analyze`'s balance audit: what best play recommends at every node, and the signs that a
scenario rewards the wrong thing (docs/scoring.md, "What analyze reports").

A trainer signs off a scenario by its recommended answers, so each is listed, and flagged when
it costs points; a failure ending must never pass; a penalty on an ending must count; and the
recommendations, followed all the way, should reach the best score any path reaches.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import SCORE_NAMES, Outcome, Scenario
from ..playing.history import TIMEOUT
from .analysis import Analysis
from .extremes import OverallRange
from .scoring import grade_for
from .statespace import Edge
from .teaching import failing_but_passing

EXACT = 1 - 1e-9  # a quality of 1 within rounding


@dataclass(frozen=True, slots=True)
class Recommendation:
    """The answer best play picks at a node, in how many of the node's situations."""

    choice: str  # the choice id, or "(timeout)"
    situations: int


@dataclass(frozen=True, slots=True)
class Flag:
    """Something in the balance a trainer should look at, with the places it concerns."""

    code: str
    message: str
    node: str | None = None
    choice: str | None = None
    ending: str | None = None


def answer_id(analysis: Analysis, state: int, edge: Edge) -> str:
    node = analysis.graph.node_of(state)
    assert node is not None
    return TIMEOUT if edge.is_timeout else node.choices[edge.option].id


def recommendations(analysis: Analysis) -> dict[str, list[Recommendation]]:
    """Per node met in play, in file order, what best play picks there, most situations first."""
    graph = analysis.graph
    picked: dict[str, Counter[str]] = {node: Counter() for node in graph.scenario.nodes}
    for state, out in enumerate(graph.edges):
        edge = analysis.best_option(state) if out else None
        if edge is not None:
            picked[graph.states[state].place][answer_id(analysis, state, edge)] += 1
    return {
        node: [Recommendation(choice, count) for choice, count in counts.most_common()]
        for node, counts in picked.items()
        if counts
    }


def audit(
    analysis: Analysis, ranges: dict[Outcome, OverallRange] | None, recommended: dict[str, list[Recommendation]]
) -> list[Flag]:
    """Every flag, in the order the report lists them; `recommended` as `recommendations` gives it."""
    return [
        *costly_recommendations(analysis.graph.scenario, recommended),
        *passing_failures(analysis),
        *penalties_that_never_count(analysis),
        *best_play_short(analysis, ranges),
    ]


def costly_recommendations(scenario: Scenario, recommended: dict[str, list[Recommendation]]) -> list[Flag]:
    """A recommended answer that lowers a score: best play picks it, so a trainer must agree it is right."""
    flags = []
    for node_id, picks in recommended.items():
        node = scenario.nodes[node_id]
        answers = dict(zip([c.id for c in node.choices] + [TIMEOUT], node.consequences(), strict=False))
        for pick in picks:
            effects = answers[pick.choice].effects
            costs = [f"{name} {effects.score(name):+d}" for name in SCORE_NAMES if effects.score(name) < 0]
            if costs:
                flags.append(
                    Flag(
                        "recommended-answer-costs",
                        f"best play recommends '{pick.choice}' at '{node_id}', though it lowers {', '.join(costs)}: "
                        "check that a trainer would sign it as the best answer there, or offer a better one",
                        node=node_id,
                        choice=pick.choice,
                    )
                )
    return flags


def passing_failures(analysis: Analysis) -> list[Flag]:
    """A failure ending that can earn a passing grade (see `teaching.failing_but_passing`)."""
    flags = []
    for failure in failing_but_passing(analysis):
        score = round(failure.best)
        flags.append(
            Flag(
                "failure-scores-well",
                f"{' and '.join(repr(e) for e in failure.endings)} ({failure.outcome.value}) can score {score}, "
                f"grade {grade_for(score)}: no better outcome than '{failure.best_within_reach.value}' is within "
                f"reach at temperament {analysis.graph.temperament}%, so the scoring counts it as the best the "
                "customer allows",
                ending=failure.endings[0],
            )
        )
    return flags


def penalties_that_never_count(analysis: Analysis) -> list[Flag]:
    """An ending's penalty counts only where an answer that ends there is judged against one that
    does not: where every answer on offer ends there (a hand-over, a walk-out), all pay it alike
    and the quality of the moment cancels it, so a trainee who got that far has avoided it."""
    graph, endings = analysis.graph, analysis.graph.scenario.endings
    counted: dict[str, bool] = {}
    cancelled_at: dict[str, list[str]] = {}
    for state, out in enumerate(graph.edges):
        arrivals = {graph.states[e.target].place for e in out}
        for place in arrivals:
            ending = endings.get(place)
            if ending is None or min(ending.effects.gains()) >= 0:
                continue
            alike = all(p in endings and endings[p].effects == ending.effects for p in arrivals)
            counted[place] = counted.get(place, False) or not alike
            if alike:
                node = graph.states[state].place
                cancelled_at.setdefault(place, [])
                if node not in cancelled_at[place]:
                    cancelled_at[place].append(node)
    flags = []
    for place, nodes in cancelled_at.items():
        effects = endings[place].effects
        penalty = ", ".join(f"{name} {effects.score(name):+d}" for name in SCORE_NAMES if effects.score(name) < 0)
        where = ", ".join(f"'{n}'" for n in nodes[:5]) + (f" and {len(nodes) - 5} more" if len(nodes) > 5 else "")
        scope = "never counts" if not counted[place] else "does not count on some paths"
        flags.append(
            Flag(
                "penalty-avoided",
                f"the penalty on ending '{place}' ({penalty}) {scope}: at {where} every answer ends the "
                "conversation with the same effects, and an answer is judged only against the others on offer, "
                "so there the penalty costs nothing and ending this way goes unpunished; put the cost on the "
                "answer that chooses this ending (the one that hands over or gives up), beside answers that do not",
                ending=place,
            )
        )
    return flags


def best_play_short(analysis: Analysis, ranges: dict[Outcome, OverallRange] | None) -> list[Flag]:
    """Best play takes the best answer of each moment; where a node's best answer still falls short
    on some score, a path that goes round that node can score more than following the advice."""
    play = analysis.extreme_play()
    if ranges is None or not play:
        return []
    outcome = analysis.outcome_of(play[-1][1].target)
    followed, reachable = round(analysis.overall_of(play)), round(ranges[outcome].best)
    if reachable <= followed:
        return []
    short = [analysis.graph.states[state].place for state, edge in play if min(analysis.quality(state, edge)) < EXACT]
    where = ", ".join(f"'{n}'" for n in short[:5]) + (f" and {len(short) - 5} more" if len(short) > 5 else "")
    return [
        Flag(
            "best-play-not-best",
            f"following best play (the best answer of each moment, as the debrief advises) scores {followed}, "
            f"but another path ending {outcome.value} scores {reachable}: on best play the best answer on offer "
            f"still falls short on some score at {where}, and a route that avoids or outweighs them scores more",
        )
    ]
