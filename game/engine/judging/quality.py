"""How good an answer was, per score, among the answers on offer at that moment.

A trainee can only be asked to pick the best of what is on offer. So each answer is placed
between the worst (0) and the best (1) option of the situation it was given in, by its own
effect on that score: how high a later node pays, or how often a loop can be gone round,
cannot make an answer look better than its neighbours.
"""

from __future__ import annotations

from collections.abc import Sequence

from .statespace import Edge

Quality = tuple[float, float, float]  # composure, assertiveness, resolution; each 0..1
DIMENSIONS = range(3)


def option_qualities(options: Sequence[Edge]) -> list[Quality]:
    """Each option's quality per score; 1 for all of them where they have the same effect."""
    qualities: list[list[float]] = [[] for _ in options]
    for d in DIMENSIONS:
        gains = [edge.gains[d] for edge in options]
        low, high = min(gains, default=0), max(gains, default=0)
        for row, gain in zip(qualities, gains, strict=True):
            row.append(1.0 if high == low else (gain - low) / (high - low))
    return [(q[0], q[1], q[2]) for q in qualities]


def mean_quality(quality: Quality) -> float:
    """One number for an answer: its three qualities counted equally."""
    return (quality[0] + quality[1] + quality[2]) / 3


def score_means(places: Sequence[str], qualities: Sequence[Quality]) -> Quality:
    """Per score, the mean quality of a conversation's answers, each node weighing the same
    however often it was answered: going round a loop or coming back to a question cannot
    water down a mistake made elsewhere. 1 for a conversation without answers."""
    by_place: dict[str, list[Quality]] = {}
    for place, quality in zip(places, qualities, strict=True):
        by_place.setdefault(place, []).append(quality)
    if not by_place:
        return (1.0, 1.0, 1.0)
    groups = by_place.values()
    means = [sum(sum(q[d] for q in group) / len(group) for group in groups) / len(groups) for d in DIMENSIONS]
    return (means[0], means[1], means[2])
