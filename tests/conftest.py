"""Shared test set-up: the repository root on sys.path, and paths to the shipped content."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
ANGRY_WALK_IN = SCENARIOS / "angry-walk-in.yaml"

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
