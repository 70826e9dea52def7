"""One plain sentence per score saying why it is what it is, for the debrief in both modes.

A trainee acts on counts ("two of your five answers were the least calm on offer"), not on
means, so each sentence counts the answers that were the best and the worst of their moment.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Outcome
from .quality import Quality
from .standing import Standing

TIE = 1e-9
WORDS = (  # per score: the best answer on offer, the worst
    ("Composure", "the calmest on offer", "the least calm on offer"),
    ("Assertiveness", "the firmest on offer", "the least firm on offer"),
    ("Resolution", "the closest to a fix on offer", "the furthest from a fix on offer"),
)
NUMBERS = ("none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def reasons(
    scores: tuple[int, int, int],
    overall: int,
    answers: Sequence[tuple[str, Quality]],
    outcome: Outcome,
    standing: Standing,
) -> tuple[str, ...]:
    """The sentences for scores as shown, from the (node, quality) of each answer."""
    repeated = len({node for node, _ in answers}) < len(answers)
    sentences = [
        score_sentence(name, value, [quality[d] for _, quality in answers], best, worst, repeated)
        for d, ((name, best, worst), value) in enumerate(zip(WORDS, scores, strict=True))
    ]
    return (*sentences, overall_sentence(overall, outcome, standing))


def score_sentence(name: str, value: int, qualities: list[float], best: str, worst: str, repeated: bool) -> str:
    total = len(qualities)
    if total == 0:
        return f"{name} {value}: there was nothing to answer."
    top = sum(q >= 1 - TIE for q in qualities)
    if top == total:
        said = f"all {number(total)} of your answers were {best}" if total > 1 else f"your one answer was {best}"
        return f"{name} {value}: {said}."
    bottom = sum(q <= TIE for q in qualities)
    between = total - top - bottom
    counted = "neither" if total == 2 and top == 0 else number(top)
    clauses = [f"{counted} of your {number(total)} answers {verb(top)} {best}"]
    if bottom:
        clauses.append(f"{number(bottom)} {verb(bottom)} {worst}")
    if between:
        clauses.append(f"{number(between)} {verb(between)} in between")
    said = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " and " + clauses[-1]
    note = " (a question met again counts once)" if repeated else ""
    return f"{name} {value}: {said}{note}."


def verb(count: int) -> str:
    return "were" if count > 1 else "was"


def overall_sentence(overall: int, outcome: Outcome, standing: Standing) -> str:
    low, high = standing.band(outcome)
    if outcome is Outcome.LOST:
        return f"Overall {overall}: the customer was lost, so it stays between {low} and {high} whatever the answers."
    best = standing.best()
    if outcome is best:
        return (
            f"Overall {overall}: it ended {outcome.value}, the best outcome within reach, "
            f"so your answers placed it between {low} and {high}."
        )
    return (
        f"Overall {overall}: it ended {outcome.value} where {best.value} was within reach, "
        f"so it stays between {low} and {high} however good the answers."
    )


def number(count: int) -> str:
    return NUMBERS[count] if count < len(NUMBERS) else str(count)
