"""Diagnostics: every problem found in content, with the place it was found.

Loading and validation never stop at the first problem; they collect `Diagnostic`s so a
trainer sees every mistake in a file at once, each as `path:line:col: severity: message`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


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


class ScenarioError(Exception):
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


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    position = diagnostic.position
    return (diagnostic.path, position.line, position.column, diagnostic.message)


class DiagnosticSink:
    """Collects diagnostics for one file, so checks can report and carry on."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[Diagnostic] = []

    def error(self, position: Position, code: str, message: str) -> None:
        self.items.append(Diagnostic(self.path, position, Severity.ERROR, code, message))

    def warning(self, position: Position, code: str, message: str) -> None:
        self.items.append(Diagnostic(self.path, position, Severity.WARNING, code, message))

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.items)
