"""Things a folder can hold in place of a file, made for real, and a guard that turns a hang into a failure.

A test that opens a named pipe the wrong way blocks for ever; under `hang_guard` it fails instead,
since SIGALRM interrupts even an open() waiting for a writer.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

HANG_SECONDS = 60  # far beyond any honest run, so a slow machine never trips it

unix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes, /dev/zero and SIGALRM are Unix things")


class Hung(AssertionError):
    pass


@contextmanager
def hang_guard(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Fail with Hung if the body is still running after `seconds`."""

    def hung(_number: int, _frame: object) -> None:
        raise Hung(f"still running after {seconds} s: it hangs")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def fifo(path: Path) -> None:
    os.mkfifo(path)


def link_to_dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def folder(path: Path) -> None:
    path.mkdir()
    (path / "notes.txt").write_text("keep me", encoding="utf-8")


def dangling_link(path: Path) -> None:
    path.symlink_to(path.with_name("nothing-here"))


def sparse_gigabyte(path: Path) -> None:
    """A 1 GiB file that takes no disk space: reading it would take 1 GB of memory."""
    with path.open("wb") as file:
        file.truncate(1024**3)


HOSTILE_ENTRIES: dict[str, Callable[[Path], None]] = {
    "named pipe": fifo,
    "link to /dev/zero": link_to_dev_zero,
    "folder": folder,
    "link to nothing": dangling_link,
    "sparse 1 GiB file": sparse_gigabyte,
}
# Why the game refuses each, as its messages say; {limit} is the limit of the file in MiB.
REFUSED_BECAUSE = {
    "named pipe": "cannot read it: it is a named pipe (FIFO), not a file",
    "link to /dev/zero": "cannot read it: it is a device, not a file",
    "folder": "cannot read it: it is a folder, not a file",
    "link to nothing": "cannot read the file: No such file or directory",
    "sparse 1 GiB file": "the file is 1024.00 MiB; the limit is {limit} MiB",
}
