"""The files and folders a verb over the library is given, and why one of them holds nothing to check.

Checking nothing must not pass as a clean bill: a missing path or a folder without scenario
files is reported in our words before any file is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from game.engine import SizeLimits
from game.storage.locations import default_library
from game.storage.scenario_files import PRINCIPLES_FILE, Library, load_library, scenario_paths

NO_SCENARIOS = (
    f"no scenario files in this folder (a scenario file is a *.yaml file directly inside it, not {PRINCIPLES_FILE})"
)


def targets_or_library(paths: list[str]) -> list[str]:
    """The paths given, or the scenario library when none are."""
    return paths or [str(default_library())]


def unusable(paths: list[str]) -> dict[str, str]:
    """Each path that holds no scenario file, with the reason."""
    return {path: why for path in paths if (why := nothing_to_check(Path(path)))}


def nothing_to_check(path: Path) -> str | None:
    if not path.exists():
        return "no such file or folder"
    if path.is_dir() and not scenario_paths(path):
        return NO_SCENARIOS
    return None


def library_of(paths: list[str], limits: SizeLimits, report_to: TextIO) -> tuple[Library, int]:
    """The library of the usable paths, after each unusable one is reported as an error at its
    line 1; with how many were unusable, which count as errors."""
    missing = unusable(paths)
    for path, why in missing.items():
        print(f"{path}:1:1: error: {why}", file=report_to)
    return load_library([Path(p) for p in paths if p not in missing], limits), len(missing)
