"""Where the game's files live: the scenario library and the player's saves."""

from __future__ import annotations

from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
SHIPPED_LIBRARY = REPOSITORY / "scenarios"
SAVES = REPOSITORY / "saves"


def default_library() -> Path:
    """`scenarios/` here when there is one (short paths in messages), else the shipped one."""
    here = Path("scenarios")
    return here if here.is_dir() else SHIPPED_LIBRARY
