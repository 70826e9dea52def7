"""Shared test set-up: the repository root on sys.path, paths to the shipped content, how many
test workers `-n auto` starts, and Hypothesis settings: no per-example deadline (a wall-clock
budget that a loaded machine breaks) and as many examples as the chosen test depth asks for
(tests/depth.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent  # tests/paths.py names the content once this is on sys.path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.depth import scaled  # noqa: E402 - needs the root on sys.path

settings.register_profile("composure", deadline=None, max_examples=scaled(100))
settings.load_profile("composure")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` (the default options): one worker more than there are cores. A worker spends part
    of its time waiting, not computing: on a `python3 main.py` it started, on the LRS, on SDL
    closing the audio device, on a game reading its stop signal after an idle frame. On two cores
    a third worker fills those waits (measured in the commit that brought this in).
    PYTEST_XDIST_AUTO_NUM_WORKERS and `-n logical` keep xdist's own count."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS") or config.option.numprocesses == "logical":
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores + 1
