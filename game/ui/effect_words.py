"""What an answer does, in a line a trainer reads at a glance: the play-test view's words for an
engine Preview, such as: anger +10 to 62 · composure +5 · sets 'apologised' · then 'vent' (in curly quotes).

Scores that do not move are left out, so the line says only what changes; where the answer
leads comes last, with the outcome when it ends the conversation.
"""

from __future__ import annotations

from game.engine import SCORE_NAMES, Preview

MINUS = "\u2212"
SEPARATOR = "  \u00b7  "


def signed(number: int) -> str:
    """+5, or -5 with a true minus sign (as wide as the plus), or ±0."""
    return f"+{number}" if number > 0 else f"{MINUS}{-number}" if number < 0 else "\u00b10"


def named(identifier: str) -> str:
    return f"\u2018{identifier}\u2019"


def effect_words(preview: Preview) -> str:
    parts = [f"anger {signed(preview.anger_change)} to {preview.anger_after}"]  # the font has no arrow
    parts += [f"{name} {signed(gain)}" for name, gain in zip(SCORE_NAMES, preview.gains, strict=True) if gain]
    if preview.sets:
        parts.append("sets " + ", ".join(named(flag) for flag in sorted(preview.sets)))
    if preview.clears:
        parts.append("clears " + ", ".join(named(flag) for flag in sorted(preview.clears)))
    parts.append(where(preview))
    return SEPARATOR.join(parts)


def where(preview: Preview) -> str:
    if preview.ending is None:
        return f"then {named(preview.place)}"
    ends = f"ends {named(preview.place)} ({preview.ending.outcome.value})"
    return f"walks out: {ends}" if preview.walks_out else ends
