"""`python3 main.py coverage [PATH ...] [--json]`: the principles against the answers that teach them.

Principles no answer teaches come first, since those are the gaps a trainer writes for next; then
each principle with the answers that follow it and those that break it, at their places.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game.engine import Coverage, Principle, Teaching, principle_coverage, sort_key
from game.storage.scenario_files import PRINCIPLES_FILE, load_principles

from .arguments import add_size_limits
from .targets import library_of, targets_or_library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    parser.add_argument("paths", nargs="*", help="files or folders (default: scenarios/)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the text report")
    add_size_limits(parser)


def run(args: argparse.Namespace) -> int:
    library, missing = library_of(targets_or_library(args.paths), args.limits, sys.stderr)
    broken = [path for path, loaded in library.reports.items() if loaded.scenario is None]
    for diagnostic in sorted((d for d in library.diagnostics if d.is_error), key=sort_key):
        print(diagnostic, file=sys.stderr)
    folders = sorted({path.parent for path in library.reports})
    principles = principles_beside(folders)
    if not principles and library.reports:
        print(
            f"error: no {PRINCIPLES_FILE} beside these scenarios, so there are no principles to cover", file=sys.stderr
        )
        return 1
    rows = principle_coverage(principles, library.scenarios)
    files = [str(path) for path, loaded in library.reports.items() if loaded.scenario is not None]
    print(json.dumps(as_dict(files, rows), indent=2) if args.json else render(files, rows))
    if broken:
        print(f"{len(broken)} file(s) left out for their errors (see `validate`)", file=sys.stderr)
    return 1 if missing or broken else 0


def principles_beside(folders: list[Path]) -> dict[str, Principle]:
    """Every principle of the principles files beside the scenarios; the first folder's wins an id."""
    found: dict[str, Principle] = {}
    for folder in folders:
        principles, _ = load_principles(folder)  # its problems are printed with the library's
        for key, principle in (principles or {}).items():
            found.setdefault(key, principle)
    return found


def as_dict(files: list[str], rows: list[Coverage]) -> dict[str, Any]:
    return {
        "scenarios": files,
        "untaught": [row.id for row in rows if not row.taught and row.principle is not None],
        "principles": [
            {
                "id": row.id,
                "name": row.principle.name if row.principle else None,
                "known": row.principle is not None,
                "follows": [teaching_dict(t) for t in row.follows],
                "breaks": [teaching_dict(t) for t in row.breaks],
            }
            for row in rows
        ],
    }


def teaching_dict(teaching: Teaching) -> dict[str, Any]:
    return {
        "scenario": teaching.scenario,
        "path": teaching.path,
        "line": teaching.position.line,
        "column": teaching.position.column,
        "nodes": list(teaching.nodes),
        "answer": teaching.answer,
        "quality": round(teaching.quality, 2),
    }


def render(files: list[str], rows: list[Coverage]) -> str:
    known = [row for row in rows if row.principle is not None]
    untaught = [row for row in known if not row.taught]
    lines = [
        f"{len(known)} principles against {len(files)} scenario file(s): "
        f"{len(known) - len(untaught)} taught, {len(untaught)} taught by no answer",
    ]
    if untaught:
        lines += ["", "Taught by no answer:"]
        width = max(len(row.id) for row in untaught) + 2  # the longest id still has room before its name
        lines += [f"  {row.id:<{width}}{row.principle.name if row.principle else ''}" for row in untaught]
    for row in rows:
        if not row.taught:
            continue
        name = row.principle.name if row.principle else "(in no principles file)"
        lines += ["", f"{row.id}: {name}; followed by {len(row.follows)} answer(s), broken by {len(row.breaks)}"]
        lines += [teaching_line("follows", t) for t in row.follows]
        lines += [teaching_line("breaks", t) for t in row.breaks]
    return "\n".join(lines)


def teaching_line(verb: str, teaching: Teaching) -> str:
    where = f"{teaching.path}:{teaching.position.line}"
    nodes = ", ".join(teaching.nodes)
    return f"  {verb:<8}{where}  '{teaching.answer}' at {nodes} (quality {teaching.quality:.2f})"
