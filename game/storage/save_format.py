"""The wrapper on every file the game keeps for a player: which format, which version, which reader.

A file names its format, the version that wrote it and the oldest reader that can still use it
(`min_compatible`), as saved sessions do (game/engine/playing/save_versions.py). A later version
that only adds fields leaves `min_compatible` low, so an older game still reads the file and ignores
what it does not know; a change an older game would misread raises it, and that game refuses the
file with a sentence instead of misreading it. An older file is brought up to date by running each
migration from its version to ours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeGuard

Migration = Callable[[dict[str, Any]], dict[str, Any]]


class NotThisFormat(ValueError):
    """The data is not a file of this format that any version of the game wrote: it is damaged."""


class TooNew(Exception):
    """The file was written by a newer game that this one cannot read; it is to be left untouched."""

    def __init__(self, version: int) -> None:
        super().__init__(f"format version {version}")
        self.version = version


@dataclass(frozen=True, slots=True)
class FileFormat:
    name: str
    version: int
    min_compatible: int
    migrations: tuple[Migration, ...] = ()  # migrations[n - 1] turns version n into version n + 1

    def stamp(self) -> dict[str, Any]:
        """The fields a file of this format starts with."""
        return {"format": self.name, "version": self.version, "min_compatible": self.min_compatible}

    def current(self, data: Any) -> dict[str, Any]:
        """`data` in the form this version reads: migrated up, or a newer file read as it is when its
        oldest reader is this version or older. Raises NotThisFormat or TooNew."""
        if not isinstance(data, dict) or data.get("format") != self.name:
            raise NotThisFormat(f"it is not a {self.name} file")
        version = data.get("version")
        if not _whole(version) or not 1 <= version:
            raise NotThisFormat(f"its version {version!r} is not one any Composure wrote")
        if version > self.version:
            oldest = data.get("min_compatible")
            if not _whole(oldest) or oldest > self.version:
                raise TooNew(version)
            return data
        for migrate in self.migrations[version - 1 :]:
            data = migrate(data)
        return data


def _whole(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
