"""Where the repository and its shipped content are, for tests to import by a package path
(a bare `from conftest import` picks whichever test folder's conftest came first)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
ANGRY_WALK_IN = SCENARIOS / "angry-walk-in.yaml"
