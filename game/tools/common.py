"""What the command-line verbs share: loading a scenario with its diagnostics printed."""

from __future__ import annotations

import codecs
import io
import sys
from pathlib import Path
from typing import TextIO

from game.engine.model import Scenario
from game.engine.reading.diagnostics import sort_key
from game.engine.reading.links import flags_named_at
from game.engine.reading.typography import plain
from game.storage.scenario_files import load_report

PLAIN_ERRORS = "composure-plain"  # the codec error handler of plain_when_needed


def load_or_report(path: str) -> Scenario | None:
    """The scenario at `path`, or None after printing every problem to standard error."""
    report = load_report(Path(path))
    if report.scenario is None:
        for diagnostic in sorted(report.diagnostics, key=sort_key):  # in file order, as `validate` prints them
            print(diagnostic, file=sys.stderr)
        if not report.diagnostics:
            print(f"{path}: error: cannot load this scenario", file=sys.stderr)
    return report.scenario


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
