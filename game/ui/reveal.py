"""The pacing of a turn: the customer's line typed out, then the time the trainee takes to answer.

Pure logic driven by `update(dt)`, with no pygame and no clock, so it is tested directly and the
play screen stays a thin layer of drawing over it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate

# Extra characters' worth of time after punctuation, so the typing breathes like speech.
PAUSES = {".": 7.0, "!": 7.0, "?": 7.0, ",": 3.0, ";": 4.0, ":": 4.0, "\u2026": 7.0, "\u2014": 3.0}


@dataclass(slots=True)
class Reveal:
    """A line revealed a character at a time at `cps` characters per second (0: all at once)."""

    text: str
    cps: float
    elapsed: float = 0.0
    _ends: list[float] = field(init=False, repr=False)  # when each character has appeared, in characters

    def __post_init__(self) -> None:
        self._ends = list(accumulate(1.0 + _pause_before(self.text, i) for i in range(len(self.text))))
        if self.cps <= 0:
            self.skip()

    @property
    def count(self) -> int:
        """How many characters are showing."""
        if self.cps <= 0:
            return len(self.text)
        return bisect_right(self._ends, self.elapsed * self.cps + 1e-9)

    @property
    def done(self) -> bool:
        return self.count >= len(self.text)

    @property
    def shown(self) -> str:
        return self.text[: self.count]

    def update(self, dt: float) -> None:
        if not self.done:
            self.elapsed += max(0.0, dt)

    def skip(self) -> None:
        """Show the whole line now (Space, Enter or a click)."""
        self.elapsed = (self._ends[-1] / self.cps if self.cps > 0 else 0.0) if self._ends else 0.0


def _pause_before(text: str, index: int) -> float:
    """Time spent before character `index`: a beat after punctuation that ends a phrase."""
    if index == 0 or text[index] != " ":
        return 0.0
    return PAUSES.get(text[index - 1], 0.0)


@dataclass(slots=True)
class TurnClock:
    """Seconds since the choices appeared, and the countdown when the node has a timer."""

    limit: float | None = None  # None: no timer, only a stopwatch for the seconds taken
    elapsed: float = 0.0
    running: bool = False
    expired: bool = False

    @property
    def remaining(self) -> float | None:
        return None if self.limit is None else max(0.0, self.limit - self.elapsed)

    @property
    def counting_down(self) -> bool:
        return self.running and self.limit is not None and not self.expired

    def start(self) -> None:
        self.running = True

    def update(self, dt: float) -> bool:
        """Advance; True exactly once, on the frame the countdown runs out."""
        if not self.running or self.expired:
            return False
        self.elapsed += max(0.0, dt)
        if self.limit is not None and self.elapsed >= self.limit:
            self.elapsed = self.limit
            self.expired = True
            return True
        return False


@dataclass(frozen=True, slots=True)
class Span:
    """One wrapped line: where it starts in the text, and its characters."""

    start: int
    text: str

    def visible(self, count: int) -> str:
        """The part of this line showing when `count` characters of the whole text are."""
        return self.text[: max(0, count - self.start)]


def wrap(text: str, width: int, measure: Callable[[str], int]) -> list[Span]:
    """Greedy word wrap that keeps each line's place in the text, so a line being typed never
    jumps when a word grows past the edge: the breaks are decided on the whole text first."""
    spans: list[Span] = []
    offset = 0
    for paragraph in text.split("\n"):
        spans.extend(_wrap_paragraph(paragraph, offset, width, measure))
        offset += len(paragraph) + 1
    return spans


def _wrap_paragraph(text: str, offset: int, width: int, measure: Callable[[str], int]) -> list[Span]:
    spans: list[Span] = []
    start = end = 0  # the current line is text[start:end]
    index = 0
    while index < len(text):
        word_end = text.find(" ", index)
        word_end = len(text) if word_end < 0 else word_end
        cut = _fit(text, start, max(end, start + 1), word_end, width, measure)
        if end > start and cut < word_end:  # the word goes on the next line
            spans.append(Span(offset + start, text[start:end]))
            start = index
            cut = _fit(text, start, start + 1, word_end, width, measure)
        while cut < word_end:  # a word wider than the line
            spans.append(Span(offset + start, text[start:cut]))
            start = cut
            cut = _fit(text, start, start + 1, word_end, width, measure)
        end = word_end
        index = word_end + 1
    spans.append(Span(offset + start, text[start:end]))
    return spans


def _fit(text: str, start: int, fits: int, stop: int, width: int, measure: Callable[[str], int]) -> int:
    """Where the longest line text[start:end] no wider than `width` ends (fits <= end <= stop),
    given that text[start:fits] is taken (it fits, or is the one character a line must have).
    The probe doubles from there, then halves the gap: a line costs about twice its own length
    to measure however much text follows, and a long word is cut in about its length, not its square."""
    over = stop + 1  # text[start:over] is known to be too wide
    while fits < stop:
        probe = min(stop, start + 2 * (fits - start))
        if measure(text[start:probe]) > width:
            over = probe
            break
        fits = probe
    while over - fits > 1:
        middle = (fits + over) // 2
        if measure(text[start:middle]) > width:
            over = middle
        else:
            fits = middle
    return fits
