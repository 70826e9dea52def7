"""Scenario files on disk: find them, read their bytes, hand them to the engine's loader.

The engine never touches the file system; this is the one place scenarios are read from.
A library is a folder of `*.yaml` scenarios with a `principles.yaml` beside them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from game.engine import (
    DEFAULT_LIMITS,
    Diagnostic,
    DiagnosticSink,
    LoadReport,
    Position,
    Principle,
    Scenario,
    ScenarioError,
    SizeLimits,
    check_library,
    read_principles,
    read_scenario,
    sort_key,
)

from .bounded import UnreadableFile, read_bounded

PRINCIPLES_FILE = "principles.yaml"


@dataclass(slots=True)
class Library:
    """Every scenario found, each with its diagnostics; broken ones have no scenario."""

    reports: dict[Path, LoadReport] = field(default_factory=dict)
    extra: list[Diagnostic] = field(default_factory=list)  # principles file and cross-file problems
    unchecked: list[Path] = field(default_factory=list)  # folders with no principles file: names not checked

    @property
    def scenarios(self) -> list[Scenario]:
        return [r.scenario for r in self.reports.values() if r.scenario is not None]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        found = [d for r in self.reports.values() for d in r.diagnostics] + self.extra
        return sorted(found, key=sort_key)


def read_bytes(path: Path, sink: DiagnosticSink, limits: SizeLimits = DEFAULT_LIMITS) -> bytes | None:
    """The file's bytes, or None with a diagnostic; a pipe, a device or an oversized file is never read."""
    try:
        return read_bounded(path, limits.max_bytes)
    except UnreadableFile as problem:
        sink.error(Position(1, 1), problem.code, problem.reason)
        return None


def load_principles(folder: Path) -> tuple[dict[str, Principle] | None, list[Diagnostic]]:
    """The principles beside the scenarios, or None when there are none or they cannot be used."""
    path = folder / PRINCIPLES_FILE
    if not os.path.lexists(path):  # a link to nothing is reported, not taken for no file
        return None, []
    sink = DiagnosticSink(str(path))
    data = read_bytes(path, sink)
    if data is None:
        return None, sink.items
    try:
        return read_principles(data, str(path)), []
    except ScenarioError as problem:
        return None, problem.diagnostics


def load_report(path: Path, limits: SizeLimits = DEFAULT_LIMITS) -> LoadReport:
    """One scenario file, checked against the principles beside it; `limits` size the scenario only,
    since a principles file does not grow with a generated scenario."""
    principles, _ = load_principles(path.parent)
    return _report(path, principles, limits)


def _report(path: Path, principles: dict[str, Principle] | None, limits: SizeLimits) -> LoadReport:
    sink = DiagnosticSink(str(path))
    data = read_bytes(path, sink, limits)
    return read_scenario(data, str(path), principles, limits) if data is not None else LoadReport(None, sink.items)


def load_scenario(path: Path) -> Scenario:
    """One scenario, checked against the principles beside it; raises ScenarioError."""
    return load_report(Path(path)).scenario_or_raise()


def scenario_paths(target: Path) -> list[Path]:
    if target.is_dir():
        return sorted(p for p in target.glob("*.yaml") if p.name != PRINCIPLES_FILE)
    return [target]


def load_library(targets: list[Path], limits: SizeLimits = DEFAULT_LIMITS) -> Library:
    library = Library()
    principles_by_folder: dict[Path, dict[str, Principle] | None] = {}
    for target in targets:
        for path in scenario_paths(target):
            folder = path.parent
            if folder not in principles_by_folder:
                principles_by_folder[folder], problems = load_principles(folder)
                library.extra.extend(problems)
                if principles_by_folder[folder] is None and not problems:
                    library.unchecked.append(folder)
            library.reports[path] = _report(path, principles_by_folder[folder], limits)
    library.extra.extend(check_library(library.scenarios))
    return library
