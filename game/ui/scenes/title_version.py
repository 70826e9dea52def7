"""The game's version for the title's corner, as pip recorded it from pyproject.toml when the game
was installed (README's first command), so the number is written in one place only."""

from __future__ import annotations

from functools import cache

DISTRIBUTION = "composure"  # pyproject.toml's project name
NOT_INSTALLED = "development copy"  # run from a folder that pip never installed


@cache
def game_version() -> str:
    """The installed version, or NOT_INSTALLED; asked once the title is first shown, not at start-up."""
    from importlib.metadata import PackageNotFoundError, version  # about 25 ms of imports

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return NOT_INSTALLED
