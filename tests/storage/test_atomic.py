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


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_a_new_file_gets_the_usual_permissions_and_an_old_one_keeps_its_own(tmp_path: Path) -> None:
    """mkstemp makes a private file; a scenario or a map written for a trainer must be readable as
    any file they write is, and a file made private on purpose stays private."""
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.yaml"
        write_atomically(fresh, b"a")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        private = tmp_path / "private.json"
        private.write_bytes(b"old")
        private.chmod(0o600)
        write_atomically(private, b"new")
        assert stat.S_IMODE(private.stat().st_mode) == 0o600 and private.read_bytes() == b"new"
    finally:
        os.umask(umask)
