"""The conversation both ways, for the debrief: what was said to the trainee before each answer.

The engine keeps only the answers (a session's history); the lines they answered come from
replaying the session from its start, so each is the very line the seed chose at that turn,
whichever of a node's alternatives it was. Also: an answer's opening words on one line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from game.engine import TIMEOUT, Session, Step, View

from .displayable import ELLIPSIS, displayable


@dataclass(frozen=True, slots=True)
class Heard:
    """What the trainee was told just before one answer: who said it, the line and any narration."""

    speaker: str
    line: str
    narration: str


def views_answered(session: Session) -> Iterator[tuple[View, Step]]:
    """Each answer with the view it was given in, replayed from the session's start."""
    replay = session.rewound(0)
    for step in session.history:
        yield replay.view(), step
        if step.choice == TIMEOUT:
            replay.timeout(step.seconds)
        else:
            replay.choose_id(step.choice, step.seconds)


def heard_before(session: Session) -> tuple[Heard, ...]:
    """Per answer, the line (and narration) it answered, as the screen showed them."""
    return tuple(
        Heard(view.speaker, displayable(view.line), displayable(view.narration)) for view, _ in views_answered(session)
    )


def opening_words(measure: Callable[[str], int], text: str, width: int) -> str:
    """As many whole words of `text` as fit `width` on one line, with an ellipsis when cut;
    `measure` gives a line's drawn width (Theme.text_width, so emoji are measured as drawn)."""
    text = " ".join(displayable(text).split())
    if measure(text) <= width:
        return text
    words, kept = text.split(" "), ""
    for word in words:
        longer = f"{kept} {word}" if kept else word
        if measure(longer + ELLIPSIS) > width:
            break
        kept = longer
    if not kept:  # one word wider than the room: cut it by characters
        kept = words[0]
        while kept and measure(kept + ELLIPSIS) > width:
            kept = kept[:-1]
    return kept.rstrip(",;:") + ELLIPSIS
