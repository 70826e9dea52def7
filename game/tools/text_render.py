"""Plain-text drawings of a session for the terminal: the meter, a view, and the debrief.

Every line with scenario text in it goes through `wrap`, which makes it safe to print: the
terminal obeys what it is sent, so an ESC sequence in a title could recolour or rewrite it.
"""

from __future__ import annotations

import textwrap
import unicodedata

from game.engine import Result, Scene, View, quoted_speech
from game.ui.displayable import LINE_BREAKS, capped

WIDTH = 78
BAR = 30
ESCAPED = frozenset({"Cc", "Cf", "Cs"})  # controls, invisible formatting (bidi overrides), lone surrogates


def anger_label(anger: int) -> str:
    return "calm" if anger < 25 else "annoyed" if anger < 50 else "angry" if anger < 75 else "furious"


def meter(anger: int, walks_out_at: int | None) -> str:
    filled = round(anger * BAR / 100)
    cells = ["#" if i < filled else "." for i in range(BAR)]
    if walks_out_at is not None:
        cells[min(BAR - 1, round(walks_out_at * BAR / 100))] = "|"
    limit = f", walks out at {walks_out_at}" if walks_out_at is not None else ""
    return f"Anger [{''.join(cells)}] {anger:3d}/100 {anger_label(anger)}{limit}"


def wrap(text: str, indent: str = "", hanging: int = 0) -> str:
    """`terminal_safe` text filled to the terminal width; `hanging` indents continuation lines past
    a list number."""
    return textwrap.fill(terminal_safe(text), WIDTH, initial_indent=indent, subsequent_indent=indent + " " * hanging)


def terminal_safe(text: str) -> str:
    """`text` capped like the window's, with line breaks and tabs as spaces (a \\r would overwrite
    the line) and any other control or format character spelled out, as `\\x1b` or `\\u202e`: shown
    to the author, obeyed by nobody."""
    text = capped(text)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _spelled_out(char) for char in text)


def _spelled_out(char: str) -> str:
    if char in "\t\n" or char in LINE_BREAKS:
        return " "
    if unicodedata.category(char) in ESCAPED:
        return char.encode("unicode_escape").decode("ascii")
    return char  # spaces other than " ", private-use and unassigned code points print harmlessly


def render_view(view: View, scene: Scene | None = None) -> str:
    """A view as text; a review (a talk after the call) has no customer to read, so no meter."""
    parts = [] if scene is Scene.REVIEW else [meter(view.anger, view.walks_out_at)]
    if view.narration:
        parts.append(wrap(f"({view.narration})", "  "))
    if view.line:
        parts.append(wrap(f"{view.speaker}: {quoted_speech(capped(view.line))}"))  # capped before its quotes are curled
    if view.timer:
        parts.append(f"  [you have {view.timer} seconds to answer]")
    for number, option in enumerate(view.options, start=1):
        locked = "" if option.available else f"  [not yet: {option.hint or 'unavailable'}]"
        parts.append(wrap(f"{number}. {option.text}{locked}", "  ", hanging=len(f"{number}. ")))
    return "\n".join(parts)


def render_debrief(result: Result) -> str:
    scores = result.scores
    lines = [
        "=" * WIDTH,
        wrap(f"ENDING: {result.ending.title} ({result.outcome.value})"),
        wrap(result.ending.text),
        "",
        f"Composure {scores.composure:3d}   Assertiveness {scores.assertiveness:3d}   "
        f"Resolution {scores.resolution:3d}   Overall {scores.overall:3d} (grade {scores.grade})",
        *(wrap(reason, hanging=2) for reason in result.reasons),
        "Anger over the conversation: " + " -> ".join(str(a) for a in result.anger_curve),
        "",
    ]
    for number, review in enumerate(result.reviews, start=1):
        step = review.step
        said = f"{number}. You said: {review.text}  (anger {step.anger_before} -> {step.anger_after})"
        lines.append(wrap(said, hanging=len(f"{number}. ")))
        if review.principle is not None:
            lines.append(wrap(f"Principle: {review.principle.name}", "   "))
        if review.feedback:
            lines.append(wrap(review.feedback, "   "))
        if review.better_id is not None:
            lines.append(wrap(f"Better: {review.better_text}", "   "))
        lines.append("")
    return "\n".join(lines)
