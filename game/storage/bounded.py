"""Reading a file someone else put there, so that no file can hang the game or fill its memory.

A path in the library or the saves folder can be anything: a named pipe (opening one for
reading waits for a writer), a device (/dev/zero never ends), a folder, or a file far larger
than anything the game writes. Each is refused with a reason before a byte is read: the entry
is looked at first, opened without blocking, looked at again through the open descriptor (it
may have been swapped meanwhile), and never read past `limit` + 1 bytes, so even a file that
grows while it is read costs no more than that.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

SMALL_FILE_BYTES = 1024 * 1024  # the player's own files (settings) are a few hundred bytes
MEBIBYTE = 1024 * 1024
# Windows has neither O_NONBLOCK nor FIFOs to block on; it needs O_BINARY not to translate bytes.
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
NOT_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class UnreadableFile(Exception):
    """Why a file was not read, in words for the person who put it there."""

    def __init__(self, reason: str, code: str = "unreadable") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code  # a diagnostic's code: "unreadable" or "too-large"


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path` (a link to one is fine); raises UnreadableFile."""
    try:
        _refuse_unless_small_file(os.stat(path), limit)
        with open(os.open(path, OPEN_FLAGS), "rb") as file:
            _refuse_unless_small_file(os.fstat(file.fileno()), limit)
            data = file.read(limit + 1)
            if len(data) > limit:  # it grew after it was looked at
                raise _too_large(f"more than {limit / MEBIBYTE:g} MiB", limit)
    except OSError as problem:
        raise UnreadableFile(f"cannot read the file: {problem.strerror or problem}") from None
    return data


def _refuse_unless_small_file(status: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(status.st_mode):
        kind = next((name for test, name in NOT_FILES if test(status.st_mode)), "a special file")
        raise UnreadableFile(f"cannot read it: it is {kind}, not a file")
    if status.st_size > limit:
        raise _too_large(f"{status.st_size / MEBIBYTE:.2f} MiB", limit)


def _too_large(size: str, limit: int) -> UnreadableFile:
    return UnreadableFile(f"the file is {size}; the limit is {limit / MEBIBYTE:g} MiB", code="too-large")
