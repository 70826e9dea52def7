"""A results file the game may not write: locked by another program, read-only, in a read-only
folder. The game is told why in a sentence of ours as it opens, the history it holds is still shown
where it can be read, and a finished attempt is kept in outbox/ to be stored once the file is free."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from game.engine import AttemptRecord
from game.storage.errors import StorageError
from game.storage.outbox import OUTBOX
from game.storage.results import OpenedResults, ResultsStore, open_results
from game.storage.results_file import RESULTS_FILE
from tests.storage.results_played import ANA, attempt, utc, walk_in
from tests.storage.results_words import assert_ours

BRIEFLY = 0.05  # seconds to wait for a lock in these tests (the game waits two)
NOBODY = 65534
unix_only = pytest.mark.skipif(sys.platform == "win32", reason="file modes and effective users are Unix things")


@pytest.fixture(scope="module")
def attempts() -> list[AttemptRecord]:
    scenario = walk_in()
    return [attempt(scenario, seed) for seed in range(3)]


@pytest.fixture
def data() -> Iterator[Path]:
    """A data folder with one attempt stored, that another user can reach: pytest's own temporary
    folders are private to whoever runs the tests."""
    top = Path(tempfile.mkdtemp(prefix="composure-access-"))
    top.chmod(0o755)
    folder = top / "data"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    store = opened(folder)
    store.record(ANA, attempt(walk_in(), 9), utc(0), utc(60))
    store.close()
    yield folder
    for path in (folder, *folder.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o777)
    shutil.rmtree(top)


@contextmanager
def as_someone_else() -> Iterator[None]:
    """File modes bind everyone but root: as root, the body runs as 'nobody' (the effective user
    only, put back after), so that a read-only file is read-only to it."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def opened(folder: Path, message: str = "") -> ResultsStore:
    found = open_results(folder, busy_seconds=BRIEFLY)
    assert found.message == message and found.store is not None, found.message
    return found.store


def waiting(folder: Path) -> list[Path]:
    outbox = folder / OUTBOX
    return sorted(outbox.iterdir()) if outbox.is_dir() else []


def refused(store: ResultsStore, record: AttemptRecord, minute: int) -> str:
    with pytest.raises(StorageError) as raised:
        store.record(ANA, record, utc(minute * 60), utc(minute * 60 + 30))
    assert_ours(str(raised.value))
    return str(raised.value)


def assert_stored_later(folder: Path, count: int) -> None:
    """Once the file is free, opening it stores what waited, once, and empties the outbox."""
    store = opened(folder)
    assert len(store.history(ANA.id)) == count
    store.close()
    assert waiting(folder) == []
    assert len(opened(folder).history(ANA.id)) == count


def test_a_locked_file_is_read_and_what_cannot_be_stored_waits_in_the_outbox(
    data: Path, attempts: list[AttemptRecord]
) -> None:
    with closing(sqlite3.connect(data / RESULTS_FILE, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # another Composure in the middle of storing its attempt
        found: OpenedResults = open_results(data, busy_seconds=BRIEFLY)
        assert found.store is not None
        assert "another program, or another Composure, is using the results file" in found.message
        assert "kept in" in found.message
        assert_ours(found.message)
        assert len(found.store.history(ANA.id)) == 1  # reading goes on under a writer
        message = refused(found.store, attempts[0], 1)
        assert "kept in" in message and "next time Composure opens its results" in message
        refused(found.store, attempts[1], 2)
        found.store.close()
    assert len(waiting(data)) == 2
    assert_stored_later(data, 3)


def test_a_file_another_program_holds_for_itself_is_said_plainly(data: Path) -> None:
    with closing(sqlite3.connect(data / RESULTS_FILE, isolation_level=None)) as other:
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        other.execute("INSERT INTO trainees VALUES ('x', 'X', '')")
        other.execute("COMMIT")  # the lock stays: exclusive mode keeps it until the connection closes
        found = open_results(data, busy_seconds=BRIEFLY)
    assert found.store is None and "is using the results file" in found.message
    assert_ours(found.message)
    assert list(data.glob("*.unreadable-*")) == []


@unix_only
def test_a_read_only_file_is_read_and_attempts_wait_until_it_can_be_written(
    data: Path, attempts: list[AttemptRecord]
) -> None:
    (data / RESULTS_FILE).chmod(0o444)
    with as_someone_else():
        found = open_results(data, busy_seconds=BRIEFLY)
        assert found.store is not None and "is read-only" in found.message and "kept in" in found.message
        assert_ours(found.message)
        assert len(found.store.history(ANA.id)) == 1
        assert "kept in" in refused(found.store, attempts[0], 1)
        found.store.close()
    assert len(waiting(data)) == 1
    (data / RESULTS_FILE).chmod(0o666)
    assert_stored_later(data, 2)


@unix_only
def test_in_a_read_only_folder_the_history_still_shows_and_the_player_is_told_nothing_is_kept(
    data: Path, attempts: list[AttemptRecord]
) -> None:
    before = sorted(data.iterdir())
    data.chmod(0o555)
    with as_someone_else():
        found = open_results(data, busy_seconds=BRIEFLY)
        assert found.store is not None and "read-only" in found.message and "kept in" not in found.message
        assert_ours(found.message)
        assert len(found.store.history(ANA.id)) == 1
        message = refused(found.store, attempts[0], 1)
        assert "nor could it be kept for later" in message
        found.store.close()
    assert sorted(data.iterdir()) == before


@unix_only
def test_a_read_only_folder_with_no_results_yet_is_said_plainly(data: Path) -> None:
    empty = data / "empty"
    empty.mkdir(mode=0o555)
    empty.chmod(0o555)
    with as_someone_else():
        found = open_results(empty, busy_seconds=BRIEFLY)
    assert found.store is None and found.message.startswith("Results cannot be stored: ")
    assert_ours(found.message)
    assert list(empty.iterdir()) == []
