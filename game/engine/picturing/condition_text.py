"""A condition as a trainer reads it on a map: `anger ≥ 75`, `account-checked and not brushed-off`.

Conditions are data (see `model.py`); this writes one back as short words, the way the file's
`if:` says it, so the map can show each answer's condition on its arrow without a legend."""

from __future__ import annotations

from ..model import AllOf, AngerRange, AnyOf, Condition, HasFlag, Not
from ..playing.rules import ANGER_MAX, ANGER_MIN


def condition_text(condition: Condition) -> str:
    match condition:
        case AngerRange(low, high):
            return _anger_text(low, high)
        case HasFlag(flag):
            return flag
        case Not(HasFlag(flag)):
            return f"not {flag}"
        case Not(inner):
            return f"not ({condition_text(inner)})"
        case AllOf(parts):
            return " and ".join(_part_text(part, AnyOf) for part in parts)
        case AnyOf(parts):
            return " or ".join(_part_text(part, AllOf) for part in parts)
    raise TypeError(f"not a condition: {condition!r}")


def _anger_text(low: int, high: int) -> str:
    if low == high:
        return f"anger = {low}"
    if (low, high) == (ANGER_MIN, ANGER_MAX):
        return "any anger"
    if low == ANGER_MIN:
        return f"anger ≤ {high}"
    if high == ANGER_MAX:
        return f"anger ≥ {low}"
    return f"anger {low}\u2013{high}"  # an en dash


def _part_text(part: Condition, other: type[AllOf] | type[AnyOf]) -> str:
    """A part of `and` or `or`, in brackets when it is the other one, so the reading stays exact."""
    text = condition_text(part)
    return f"({text})" if isinstance(part, other) else text
