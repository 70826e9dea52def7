"""Writing files so that a crash, a full disk or a power cut never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, rename it over `path`, then flush
    the folder too: until the folder is on disk, a power cut can undo the rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            os.chmod(temporary, mode)  # mkstemp makes it private; a trainer's file is shared like any other
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def _mode_for(path: Path) -> int:
    """The permissions the file keeps: its own when it exists, else what a plain open() gives (0666
    less the umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk where the system allows it.

    Windows cannot open a folder, and some file systems refuse to flush one: the rename is then as
    durable as the system makes it. The file is written either way, so neither is an error."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(descriptor)
    os.close(descriptor)


def remove_leftovers(path: Path) -> None:
    """Delete temporary files an interrupted `write_atomically` of `path` left behind.

    They never hold the only copy of anything: the rename that would have made them `path`
    did not happen, so `path` still holds the last complete write."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):  # a folder of that name, or a read-only one: it stays, harmless
            leftover.unlink(missing_ok=True)


def set_aside(path: Path) -> Path:
    """Move an unreadable file out of the way, never deleting it; returns where it went."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.unreadable-{stamp}-{counter}")
    path.rename(target)
    return target
