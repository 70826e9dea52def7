"""The bounded reader on real entries: a named pipe, a link to /dev/zero, a folder, a sparse 1 GiB
file. Each is refused with a reason, at once, without opening what can block or reading what is huge."""

from __future__ import annotations

import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from game.storage import bounded
from game.storage.bounded import SMALL_FILE_BYTES, UnreadableFile, read_bounded
from tests.storage.hostile import HOSTILE_ENTRIES, REFUSED_BECAUSE, hang_guard, unix_only

pytestmark = unix_only

REASONS = {kind: reason.format(limit=1) for kind, reason in REFUSED_BECAUSE.items()}


def test_a_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_bytes(b"x" * SMALL_FILE_BYTES)
    assert read_bounded(path, SMALL_FILE_BYTES) == b"x" * SMALL_FILE_BYTES


def test_a_link_to_a_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_bytes(b"{}")
    (tmp_path / "link.json").symlink_to(tmp_path / "real.json")
    assert read_bounded(tmp_path / "link.json", 10) == b"{}"


def test_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_bytes(b"x" * 11)
    with pytest.raises(UnreadableFile) as refused:
        read_bounded(path, 10)
    assert refused.value.code == "too-large"


@pytest.mark.parametrize("kind", REASONS)
def test_what_is_not_a_small_file_is_refused_with_its_reason(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "settings.json"
    HOSTILE_ENTRIES[kind](path)
    tracemalloc.start()
    try:
        with hang_guard(), pytest.raises(UnreadableFile) as refused:
            read_bounded(path, SMALL_FILE_BYTES)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.reason == REASONS[kind]
    assert refused.value.code == ("too-large" if kind == "sparse 1 GiB file" else "unreadable")
    assert peak < SMALL_FILE_BYTES, f"{peak} bytes taken to refuse it"


def test_a_named_pipe_is_never_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    opened: list[object] = []
    real_open: Callable[..., int] = os.open

    def recorded_open(target: object, *args: int) -> int:
        opened.append(target)
        return real_open(target, *args)

    monkeypatch.setattr(os, "open", recorded_open)
    with hang_guard(), pytest.raises(UnreadableFile):
        read_bounded(path, SMALL_FILE_BYTES)
    assert opened == []


def test_an_unreadable_file_says_so(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "secret.json"
    path.write_bytes(b"{}")
    path.chmod(0)
    with pytest.raises(UnreadableFile) as refused:
        read_bounded(path, SMALL_FILE_BYTES)
    assert refused.value.reason == "cannot read the file: Permission denied"


def test_even_when_the_checks_are_fooled_no_more_than_the_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file swapped or grown after it was looked at: the read itself stops one byte past the limit."""
    monkeypatch.setattr(bounded, "_refuse_unless_small_file", lambda status, limit: None)
    with hang_guard(), pytest.raises(UnreadableFile) as refused:
        read_bounded(Path("/dev/zero"), 1000)
    assert refused.value.code == "too-large"
    assert "more than" in refused.value.reason
