"""What the command-line verbs share: loading a scenario with its diagnostics printed."""

from __future__ import annotations

import codecs
import io
import sys
from pathlib import Path
from typing import TextIO

from game.engine import (
    DEFAULT_LIMITS,
    LARGEST_MEGABYTES,
    Diagnostic,
    Scenario,
    SizeLimits,
    flags_named_at,
    plain,
    sort_key,
)
from game.storage.scenario_files import load_report

PLAIN_ERRORS = "composure-plain"  # the codec error handler of plain_when_needed
OVER_SIZE_LIMITS = frozenset({"too-large", "too-many-values"})  # not alias bombs: raising limits never fixes those


def load_or_report(path: str, limits: SizeLimits = DEFAULT_LIMITS) -> Scenario | None:
    """The scenario at `path`, or None after printing every problem to standard error."""
    report = load_report(Path(path), limits)
    if report.scenario is None:
        for diagnostic in sorted(report.diagnostics, key=sort_key):  # in file order, as `validate` prints them
            print(diagnostic, file=sys.stderr)
        if not report.diagnostics:
            print(f"{path}: error: cannot load this scenario", file=sys.stderr)
        hint_when_over_size(report.diagnostics)
    return report.scenario


def hint_when_over_size(diagnostics: list[Diagnostic]) -> None:
    """A generated scenario may be meant to be that large: say how to let it through."""
    if any(d.code in OVER_SIZE_LIMITS for d in diagnostics):
        print(
            f"note: for a scenario this large, raise the limits with --max-megabytes N (at most {LARGEST_MEGABYTES})",
            file=sys.stderr,
        )


def plain_when_needed(*streams: TextIO) -> None:
    """Let a terminal that cannot encode curly quotes (PYTHONIOENCODING=ascii, an old code page) show
    straight ones instead of crashing; any other character it cannot show becomes "?"."""
    codecs.register_error(PLAIN_ERRORS, _plain_replacement)
    for stream in streams:
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=PLAIN_ERRORS)


def _plain_replacement(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    unshown = plain(error.object[error.start : error.end])
    return "".join(char if char.isascii() else "?" for char in unshown), error.end


def parse_flags(text: str) -> frozenset[str]:
    return frozenset(flag.strip() for flag in text.split(",") if flag.strip())


def flags_known(scenario: Scenario) -> set[str]:
    """Every flag a scenario sets, clears or tests: a play-test flag outside it is a typo."""
    named: set[str] = set()
    for node in scenario.nodes.values():
        named |= flags_named_at(node)
        for consequence in node.consequences():
            named |= consequence.sets | consequence.clears
    return named
