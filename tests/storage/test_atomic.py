"""An atomic write flushes the folder after the rename (else a power cut can undo the rename), and
still writes where a folder cannot be opened (Windows) or flushed (some file systems).

No strace here: the flushes are seen by wrapping os.fsync and asking what each descriptor is."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from game.storage.atomic import write_atomically

Fsync = Callable[[int], None]


def test_the_folder_is_flushed_after_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "settings.json"
    flushed: list[tuple[bool, int, bool]] = []  # (is a folder, inode, the file already in place)
    real_fsync: Fsync = os.fsync

    def recorded_fsync(descriptor: int) -> None:
        status = os.fstat(descriptor)
        flushed.append((stat.S_ISDIR(status.st_mode), status.st_ino, path.exists()))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", recorded_fsync)
    write_atomically(path, b"new")
    folder = os.stat(tmp_path).st_ino
    assert [flush[0] for flush in flushed] == [False, True], "the file first, then its folder"
    assert flushed[1] == (True, folder, True), "the folder holding the file, after the rename"
    assert path.read_bytes() == b"new"


def test_a_folder_that_cannot_be_opened_still_gets_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As on Windows, where opening a folder fails with a permission error."""
    real_open: Callable[..., int] = os.open

    def no_folders(target: str | Path, flags: int, *args: int) -> int:
        if Path(target) == tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_open(target, flags, *args)

    monkeypatch.setattr(os, "open", no_folders)
    write_atomically(tmp_path / "settings.json", b"new")
    assert (tmp_path / "settings.json").read_bytes() == b"new"


def test_a_folder_that_cannot_be_flushed_still_gets_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync: Fsync = os.fsync

    def files_only(descriptor: int) -> None:
        if stat.S_ISDIR(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", files_only)
    write_atomically(tmp_path / "settings.json", b"new")
    assert (tmp_path / "settings.json").read_bytes() == b"new"
    assert [path.name for path in tmp_path.iterdir()] == ["settings.json"]
