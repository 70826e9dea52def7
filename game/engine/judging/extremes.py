"""The exact best and worst overall score of the paths ending in each outcome, for `analyze`.

A trainer must see at once when an ending meant as a failure can score well, and random play
only shows what it happened to meet. Within an outcome's band the overall is the mean, over the
nodes answered, of each node's mean answer quality. Where no path can answer a node twice (the
nodes form no loop), that is the plain mean of the answers' qualities along the path, and the
highest mean over all paths is found exactly by Dinkelbach's method: guess a mean, find the
path that beats it by most (a longest path, in one pass over the acyclic state graph), take
that path's mean as the next guess, and stop when no path beats it. A handful of passes.

Where the nodes form a loop a node's answers are averaged, the objective is no longer a mean
along the path, and this returns nothing: `analyze` then shows the figures seen in play.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..model import Outcome
from .analysis import Analysis
from .loops import strongly_connected
from .quality import mean_quality
from .statespace import Edge

EXACT = 1e-12  # a path beats the guessed mean only by more than rounding noise
MAX_PASSES = 100  # Dinkelbach converges in a few; this only guards against float noise cycling


@dataclass(frozen=True, slots=True)
class OverallRange:
    """The best and worst overall score of any path ending in one outcome."""

    best: float
    worst: float


Option = tuple[int, float]  # an answer's target state and its weight (its mean quality, signed)


def overall_ranges(analysis: Analysis) -> dict[Outcome, OverallRange] | None:
    """Per reachable outcome, the exact best and worst overall; None when a node can be answered twice."""
    order = _topological_order(analysis)
    if order is None:
        return None
    graph, standing = analysis.graph, analysis.standing
    endings = [analysis.outcome_of(s) if graph.is_ending(s) else None for s in range(len(graph.states))]
    speaking = [state for state in order if graph.edges[state]]
    highest, lowest = (_options(analysis, sign) for sign in (1.0, -1.0))  # lowest mean = -(highest of -mean)
    ranges = {}
    for outcome in {o for o in endings if o is not None}:
        goals = [found is outcome for found in endings]
        best, worst = _highest_mean(speaking, highest, goals), -_highest_mean(speaking, lowest, goals)
        ranges[outcome] = OverallRange(standing.overall(outcome, best), standing.overall(outcome, worst))
    return ranges


def _options(analysis: Analysis, sign: float) -> list[tuple[Option, ...]]:
    """Per state, each answer's target and its mean quality times `sign`."""
    return [
        tuple((edge.target, sign * mean_quality(quality)) for edge, quality in zip(out, qualities, strict=True))
        for out, qualities in zip(analysis.graph.edges, analysis.qualities, strict=True)
    ]


def _topological_order(analysis: Analysis) -> list[int] | None:
    """States sinks first, or None when some path can come back to a node it has answered at.

    Without a loop of nodes there is no loop of states, so Tarjan's groups are single states,
    and they come out sinks first."""
    graph = analysis.graph
    if _places_loop([state.place for state in graph.states], graph.edges):
        return None
    return [group[0] for group in strongly_connected(graph)]


def _places_loop(place_of: list[str], edges: list[list[Edge]]) -> bool:
    """Whether the nodes, as the state graph links them, form a loop (an answer at one node leading,
    at another anger or with other flags, back to it)."""
    links: dict[str, set[str]] = {}
    for state, out in enumerate(edges):
        links.setdefault(place_of[state], set()).update(place_of[e.target] for e in out)
    colour: dict[str, int] = {}  # 1 on the current path, 2 done
    for root in links:
        if root in colour:
            continue
        colour[root] = 1
        work = [(root, iter(links[root]))]
        while work:
            place, pending = work[-1]
            for target in pending:
                if colour.get(target) == 1:
                    return True
                if target not in colour:
                    colour[target] = 1
                    work.append((target, iter(links.get(target, ()))))
                    break
            else:
                colour[place] = 2
                work.pop()
    return False


def _highest_mean(speaking: list[int], options: list[tuple[Option, ...]], goals: list[bool]) -> float:
    """The highest mean weight of a path from the root to a goal ending, by Dinkelbach's method."""
    total, answers = _best_path(speaking, options, goals, 0.0)  # the heaviest path's mean: a first guess
    guess = total / answers
    for _ in range(MAX_PASSES):
        total, answers = _best_path(speaking, options, goals, guess)
        if total - guess * answers <= EXACT:
            break
        guess = total / answers
    return guess


def _best_path(
    speaking: list[int], options: list[tuple[Option, ...]], goals: list[bool], guess: float
) -> tuple[float, int]:
    """The weight total and length of the path from the root to a goal ending that beats `guess`
    per answer by most: one pass over the states that speak, sinks first."""
    gain = [0.0 if goal else -math.inf for goal in goals]
    pick: list[Option] = [(0, 0.0)] * len(goals)
    for state in speaking:
        best, chosen = -math.inf, pick[state]
        for option in options[state]:
            offered = option[1] + gain[option[0]]
            if offered > best:
                best, chosen = offered, option
        gain[state], pick[state] = best - guess, chosen
    total, answers, state = 0.0, 0, 0
    while not goals[state]:
        state, weight = pick[state]
        total += weight
        answers += 1
    return total, answers
