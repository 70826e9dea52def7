"""Shared test set-up: the repository root on sys.path, paths to the shipped content, and
Hypothesis settings: no per-example deadline (a wall-clock budget that a loaded machine
breaks) and as many examples as the chosen test depth asks for (tests/depth.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent  # tests/paths.py names the content once this is on sys.path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.depth import scaled  # noqa: E402 - needs the root on sys.path

settings.register_profile("composure", deadline=None, max_examples=scaled(100))
settings.load_profile("composure")
