"""Where the game's files live: the scenario library and the player's data folder.

The data folder holds everything the game writes (settings, the log, trainees, saves, results).
It is `saves/` next to the game unless `--data DIR` or the COMPOSURE_DATA variable moves it: a
shared drive for a training room, or a writable place when the game is installed read-only.
"""

from __future__ import annotations

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
SHIPPED_LIBRARY = REPOSITORY / "scenarios"
SAVES = REPOSITORY / "saves"
DATA_VARIABLE = "COMPOSURE_DATA"


def default_library() -> Path:
    """`scenarios/` here when there is one (short paths in messages), else the shipped one."""
    here = Path("scenarios")
    return here if here.is_dir() else SHIPPED_LIBRARY


def data_folder(option: str | None = None) -> Path:
    """The `--data DIR` option when given, else COMPOSURE_DATA when set and not empty, else `saves/`.

    `~` is expanded in both, since a variable set in a desktop launcher meets no shell to expand it."""
    chosen = option or os.environ.get(DATA_VARIABLE, "")
    return Path(chosen).expanduser() if chosen else SAVES
