"""`python3 main.py lint [PATH ...] [--strict]`: checks of what a scenario teaches.

Each finding is a warning at its place, `path:line:col: warning: message`, as `validate` prints
its own. Warnings are advice, so they do not fail the command unless `--strict` asks them to
(a check before publishing); a file that cannot be loaded always does, and is left to `validate`.
"""

from __future__ import annotations

import argparse
import sys

from game.engine import lint, sort_key

from .arguments import add_size_limits
from .progress import Progress
from .targets import library_of, targets_or_library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    parser.add_argument("paths", nargs="*", help="files or folders (default: scenarios/)")
    parser.add_argument("--strict", action="store_true", help="exit with 1 when there is any warning")
    add_size_limits(parser)


def run(args: argparse.Namespace) -> int:
    warnings = broken = 0
    with Progress(sys.stderr, "lint") as progress:  # a large scenario is played out three times
        progress.stage("reading the files")
        library, missing = library_of(targets_or_library(args.paths), args.limits, sys.stdout)
        for file, loaded in library.reports.items():
            if loaded.scenario is None:
                broken += 1
                for diagnostic in sorted((d for d in loaded.diagnostics if d.is_error), key=sort_key):
                    print(diagnostic)
                continue
            progress.stage(f"checking {file}")
            report = lint(loaded.scenario)
            for finding in report.findings:
                print(finding)
            for note in report.notes:
                print(f"{file}: note: {note}", file=sys.stderr)
            warnings += len(report.findings)
    linted = len(library.reports) - broken
    unread = f"; {broken} file(s) not linted for their errors (see `validate`)" if broken else ""
    print(f"linted {linted} scenario file(s): {warnings} warning(s){unread}", file=sys.stderr)
    if missing or broken:
        return 1
    return 1 if args.strict and warnings else 0
