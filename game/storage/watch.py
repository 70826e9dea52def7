"""Noticing that files on disk were added, changed or removed, by comparing their stamps now and then.

The game sleeps when nothing moves (game/ui/app.py), so nothing here runs on its own: no thread,
no operating-system notifications to set up on three systems. The App asks about once a second,
and a look costs one `stat` per file (plus one folder listing for a library), far below the idle
CPU budget. A stamp is the modification time in nanoseconds, the size and the inode, so an
editor's save is seen both when it rewrites the file in place and when it renames a new file
over it. Nothing is opened or read here: reading stays with scenario_files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .scenario_files import PRINCIPLES_FILE, scenario_paths

Stamp = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Changes:
    """What differs since the last look, each in path order."""

    added: tuple[Path, ...] = ()
    changed: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def stamp(path: Path) -> Stamp | None:
    """The file's stamp, or None when there is nothing there to look at. A link to nothing still has
    a stamp of its own: it is listed (and reported) as a file that cannot be read."""
    for look in (os.stat, os.lstat):
        try:
            status = look(path)
        except (OSError, ValueError):  # gone, not ours to look at, or a name the system refuses
            continue
        return status.st_mtime_ns, status.st_size, status.st_ino
    return None


class Watcher:
    """The files `listing` names, stamped at each look; the first look is made at once, so the
    first `changes()` reports what happened since the watcher was made."""

    def __init__(self, listing: Callable[[], Iterable[Path]]) -> None:
        self._listing = listing
        self._stamps = self._look()

    def _look(self) -> dict[Path, Stamp]:
        found = ((path, stamp(path)) for path in self._listing())
        return {path: found_stamp for path, found_stamp in found if found_stamp is not None}

    def changes(self) -> Changes:
        before, now = self._stamps, self._look()
        self._stamps = now
        if now == before:  # the usual answer, once a second: no sets, no sorting
            return Changes()
        return Changes(
            tuple(sorted(now.keys() - before.keys())),
            tuple(sorted(path for path in now.keys() & before.keys() if now[path] != before[path])),
            tuple(sorted(before.keys() - now.keys())),
        )


def library_watcher(folder: Path) -> Watcher:
    """The scenario files of a library folder (the picker's cards) and the principles file beside them."""
    return Watcher(lambda: [*scenario_paths(folder), folder / PRINCIPLES_FILE] if folder.is_dir() else [])


def scenario_watcher(path: Path) -> Watcher:
    """One scenario file and the principles file that its checks read."""
    return Watcher(lambda: (path, path.parent / PRINCIPLES_FILE))
