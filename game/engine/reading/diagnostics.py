"""Diagnostics: every problem found in content, with the place it was found.

Loading and validation never stop at the first problem; they collect `Diagnostic`s so a
trainer sees every mistake in a file at once, each as `path:line:col: severity: message`.
A file that is not a scenario at all must still give a short report: a message quotes the file
only through `quoted`/`shown`, and a sink keeps a file's first MAX_PROBLEMS_PER_FILE problems.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import NamedTuple

from ..errors import EngineError
from .limits import MAX_PROBLEMS_PER_FILE, QUOTED_IN_MESSAGES

TOO_MANY = "too-many-problems"  # the code of the diagnostic that counts those left out


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Position(NamedTuple):
    """A 1-based line and column in a file, as editors count them.

    A named tuple rather than a dataclass: one is made for every value read, and tuples are
    the cheapest immutable record Python has."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    position: Position
    severity: Severity
    code: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.position.line}:{self.position.column}"
        return f"{where}: {self.severity.value}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class ScenarioError(EngineError):
    """Raised when content has errors; carries every diagnostic found, errors and warnings."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=sort_key)
        errors = [d for d in self.diagnostics if d.is_error]
        shown = "\n".join(str(d) for d in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} error(s):\n{shown}{more}")

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def sort_key(diagnostic: Diagnostic) -> tuple[str, bool, int, int, str]:
    """File order within each file, the count of problems left out last."""
    position = diagnostic.position
    return (diagnostic.path, diagnostic.code == TOO_MANY, position.line, position.column, diagnostic.message)


def shown(text: str) -> str:
    """File content as a message shows it: at most QUOTED_IN_MESSAGES characters, then "...", with
    each character a terminal would act on or not show (a line break, ESC, U+202E) as an escape."""
    pieces = [_escaped(char) for char in text[: QUOTED_IN_MESSAGES + 1]]
    if len(text) <= QUOTED_IN_MESSAGES and sum(map(len, pieces)) <= QUOTED_IN_MESSAGES:
        return "".join(pieces)
    kept: list[str] = []
    room = QUOTED_IN_MESSAGES
    for piece in pieces:
        room -= len(piece)
        if room < 0:
            break
        kept.append(piece)
    return "".join(kept) + "..."


def quoted(text: str) -> str:
    """File content in a message, in single quotes: every message that quotes a file uses this."""
    return f"'{shown(text)}'"


def listed(words: list[str]) -> str:
    """Words in a sentence: 'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _escaped(char: str) -> str:
    return char if char.isprintable() or char == " " else char.encode("unicode_escape").decode("ascii")


class SinkMark(NamedTuple):
    """Where a sink stood, to go back to: how many it kept, what it said of the rest, how many it heard."""

    kept: int
    left_out: int
    summary: Diagnostic | None
    heard: int


class DiagnosticSink:
    """Collects diagnostics for one file, so checks can report and carry on.

    It keeps the first MAX_PROBLEMS_PER_FILE and then one last diagnostic counting the rest, so a
    junk file (a stray notes file, /etc/passwd) gives a short report, quickly, not megabytes.
    A problem said twice (the same words at the same place) is kept once: a block reused through
    an alias is read once for each use, and its mistakes are still one mistake each."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[Diagnostic] = []
        self.left_out = 0
        self._in_order: list[tuple[Position, Severity, str, str]] = []  # every problem reported
        self._heard: set[tuple[Position, Severity, str, str]] = set()

    def error(self, position: Position, code: str, message: str) -> None:
        self._add(position, Severity.ERROR, code, message)

    def warning(self, position: Position, code: str, message: str) -> None:
        self._add(position, Severity.WARNING, code, message)

    def _add(self, position: Position, severity: Severity, code: str, message: str) -> None:
        said = (position, severity, code, message)
        if said in self._heard:
            return
        self._heard.add(said)
        self._in_order.append(said)
        if len(self.items) < MAX_PROBLEMS_PER_FILE:
            self.items.append(Diagnostic(self.path, position, severity, code, message))
            return
        self.left_out += 1
        earlier = self.items.pop() if self.left_out > 1 else None  # the summary so far
        at = earlier.position if earlier else position  # where the first problem left out was found
        worst = Severity.ERROR if severity is Severity.ERROR or (earlier and earlier.is_error) else Severity.WARNING
        more = f"... and {self.left_out:,} more problem{'s' if self.left_out > 1 else ''} in this file"
        self.items.append(Diagnostic(self.path, at, worst, TOO_MANY, more))

    @property
    def count(self) -> int:
        """Every problem found so far, kept or not."""
        return len(self.items) + self.left_out - (1 if self.left_out else 0)

    def mark(self) -> SinkMark:
        return SinkMark(len(self.items), self.left_out, self.items[-1] if self.left_out else None, len(self._in_order))

    def rollback(self, mark: SinkMark) -> None:
        """Forget every problem found since `mark`, e.g. before reading the file again."""
        del self.items[mark.kept :]
        self.left_out = mark.left_out
        if mark.summary is not None:
            self.items[-1] = mark.summary
        self._heard.difference_update(self._in_order[mark.heard :])
        del self._in_order[mark.heard :]

    def relocate(self, since: SinkMark, moved: Callable[[Position], Position]) -> None:
        """Move the problems kept since `since`: found in a changed copy of the file, shown where written."""
        self.items[since.kept :] = [replace(d, position=moved(d.position)) for d in self.items[since.kept :]]

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.items)
