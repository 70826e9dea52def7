"""The results file as it may really be found: damaged, cut short, not a database, something else
in its place, from a newer or an older Composure. open_results never raises and never loses a byte:
a file it cannot use is kept under a new name, said so in a sentence, and a new one started."""

from __future__ import annotations

import os
import random
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from game.storage.errors import StorageError
from game.storage.results import open_results
from game.storage.results_file import RESULTS_FILE
from game.storage.results_schema import MIGRATIONS, SCHEMA_VERSION, Migration, upgrade
from tests.storage.hostile import hang_guard, unix_only
from tests.storage.results_played import ANA, attempt, utc, walk_in
from tests.storage.results_words import assert_ours

DAMAGES = {
    "random bytes": lambda real: random.Random(7).randbytes(len(real)),
    "a database cut short": lambda real: real[: len(real) // 2],
    "a database cut inside its first page": lambda real: real[:1000],
    "a page overwritten": lambda real: real[:8192] + b"\xff" * 200 + real[8392:],
    "a text file": lambda real: b"Trainee,Score\nAna,82\n" * 40,
}


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a real results database with a few attempts in it."""
    folder = tmp_path_factory.mktemp("real")
    store = open_results(folder).store
    assert store is not None
    scenario = walk_in()
    for seed in range(4):
        store.record(ANA, attempt(scenario, seed), utc(seed * 60), utc(seed * 60 + 30))
    store.close()
    return (folder / RESULTS_FILE).read_bytes()


COMPANIONS = ("-wal", "-shm", "-journal")


def kept_files(folder: Path) -> list[Path]:
    """The files set aside, without the log and index that moved with each."""
    return sorted(path for path in folder.glob(f"{RESULTS_FILE}.unreadable-*") if not path.name.endswith(COMPANIONS))


def assert_starts_afresh(folder: Path, message: str) -> None:
    """A new, working database, and a message that names the file kept."""
    [kept] = kept_files(folder)
    assert kept.name in message and "a new one was started" in message
    assert_ours(message)
    store = open_results(folder).store
    assert store is not None
    store.record(ANA, attempt(walk_in(), 1), utc(0), utc(30))
    assert len(store.history(ANA.id)) == 1
    store.close()


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_file_is_kept_byte_for_byte_and_a_new_one_started(real: bytes, tmp_path: Path, damage: str) -> None:
    damaged = DAMAGES[damage](real)
    (tmp_path / RESULTS_FILE).write_bytes(damaged)
    opened = open_results(tmp_path)
    assert opened.store is not None
    opened.store.close()
    [kept] = kept_files(tmp_path)
    assert kept.read_bytes() == damaged
    assert "damaged" in opened.message
    assert_starts_afresh(tmp_path, opened.message)


def test_the_log_beside_a_damaged_file_moves_with_it_under_the_matching_name(real: bytes, tmp_path: Path) -> None:
    """So the kept file still opens with everything it had: SQLite finds `<name>-wal` beside `<name>`."""
    (tmp_path / RESULTS_FILE).write_bytes(real[:5000])
    (tmp_path / f"{RESULTS_FILE}-wal").write_bytes(b"log frames")
    opened = open_results(tmp_path)
    assert opened.store is not None
    opened.store.close()
    [kept] = kept_files(tmp_path)
    assert kept.with_name(kept.name + "-wal").read_bytes() == b"log frames"


def test_a_log_with_no_database_is_moved_aside_before_a_new_one_is_made(tmp_path: Path) -> None:
    """SQLite would replay a stray log into the new, empty database."""
    (tmp_path / f"{RESULTS_FILE}-wal").write_bytes(b"a log whose database went away")
    opened = open_results(tmp_path)
    assert opened.message == "" and opened.store is not None
    assert opened.store.history(ANA.id) == []
    opened.store.close()
    [kept] = tmp_path.glob(f"{RESULTS_FILE}-wal.unreadable-*")
    assert kept.read_bytes() == b"a log whose database went away"


def test_another_programs_database_is_kept_not_written_into(tmp_path: Path) -> None:
    with closing(sqlite3.connect(tmp_path / RESULTS_FILE)) as other:
        other.execute("CREATE TABLE shopping (item TEXT)")
        other.execute("INSERT INTO shopping VALUES ('milk')")
        other.commit()
    before = (tmp_path / RESULTS_FILE).read_bytes()
    opened = open_results(tmp_path)
    assert opened.store is not None
    opened.store.close()
    [kept] = kept_files(tmp_path)
    assert kept.read_bytes() == before and "not a Composure results database" in opened.message
    assert_starts_afresh(tmp_path, opened.message)


@unix_only
@pytest.mark.parametrize("thing", ["a folder", "a named pipe", "a link to nothing"])
def test_something_else_in_its_place_is_moved_aside(tmp_path: Path, thing: str) -> None:
    path = tmp_path / RESULTS_FILE
    if thing == "a folder":
        path.mkdir()
        (path / "inside.txt").write_text("kept")
    elif thing == "a named pipe":
        os.mkfifo(path)
    else:
        path.symlink_to(tmp_path / "nowhere")
    with hang_guard():  # SQLite opening a pipe would wait for a writer for ever
        opened = open_results(tmp_path)
    assert opened.store is not None
    opened.store.close()
    [kept] = kept_files(tmp_path)
    assert thing != "a folder" or (kept / "inside.txt").read_text() == "kept"
    assert_starts_afresh(tmp_path, opened.message)


def test_a_database_from_a_newer_composure_is_refused_and_left_as_it_is(real: bytes, tmp_path: Path) -> None:
    path = tmp_path / RESULTS_FILE
    path.write_bytes(real)
    with closing(sqlite3.connect(path)) as newer:
        newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    opened = open_results(tmp_path)
    assert opened.store is None
    assert "newer version of Composure" in opened.message and "left as it is" in opened.message
    assert_ours(opened.message)
    assert path.read_bytes() == before
    assert not kept_files(tmp_path)


def test_an_empty_file_from_before_the_first_schema_is_migrated(tmp_path: Path) -> None:
    """Version 0, made by hand: a database with no tables, as SQLite leaves one that was never set up."""
    path = tmp_path / RESULTS_FILE
    with closing(sqlite3.connect(path)) as older:
        older.execute("CREATE TABLE scratch (x)")
        older.execute("DROP TABLE scratch")
        older.commit()
        assert older.execute("PRAGMA user_version").fetchone() == (0,)
    assert path.stat().st_size > 0
    opened = open_results(tmp_path)
    assert opened.message == "" and opened.store is not None
    opened.store.record(ANA, attempt(walk_in(), 2), utc(0), utc(30))
    opened.store.close()
    with closing(sqlite3.connect(path)) as migrated:
        assert migrated.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert migrated.execute("SELECT COUNT(*) FROM attempts").fetchone() == (1,)


NOTE = Migration("a note on each attempt", ("ALTER TABLE attempts ADD COLUMN note TEXT NOT NULL DEFAULT ''",))


def test_a_migration_takes_a_file_one_version_up_and_keeps_its_attempts(real: bytes, tmp_path: Path) -> None:
    """The runner with a second step, as the next schema will bring, on a version 1 file."""
    path = tmp_path / RESULTS_FILE
    path.write_bytes(real)
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        upgrade(connection, (*MIGRATIONS, NOTE))
        assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION + 1,)
        assert connection.execute("SELECT COUNT(*), MIN(note) FROM attempts").fetchone() == (4, "")


def test_a_migration_that_fails_half_way_changes_nothing(real: bytes, tmp_path: Path) -> None:
    path = tmp_path / RESULTS_FILE
    path.write_bytes(real)
    broken = Migration("adds a column, then fails", (*NOTE.statements, "INSERT INTO no_such_table VALUES (1)"))
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        with pytest.raises(sqlite3.OperationalError):
            upgrade(connection, (*MIGRATIONS, broken))
        assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        columns = [row[1] for row in connection.execute("PRAGMA table_info(attempts)")]
    assert "note" not in columns


def test_a_folder_that_cannot_be_made_is_said_plainly(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file where the data folder should be")
    opened = open_results(tmp_path / "taken" / "data")
    assert opened.store is None and opened.message.startswith("Results cannot be stored: a file stands where")
    assert_ours(opened.message)


def test_a_file_damaged_while_the_game_runs_fails_to_read_with_a_sentence(real: bytes, tmp_path: Path) -> None:
    """Damage quick_check could not see at opening (the disk failing mid-game): the screens get our
    sentence, and the next opening sets the file aside."""
    path = tmp_path / RESULTS_FILE
    path.write_bytes(real)
    store = open_results(tmp_path).store
    assert store is not None
    with path.open("r+b") as file:
        file.seek(4096)
        file.write(b"\xff" * (len(real) - 4096))
    with pytest.raises(StorageError) as raised:
        store.history(ANA.id)
    assert str(raised.value).startswith("Your results could not be read: the results file") and "damaged" in str(
        raised.value
    )
    assert_ours(str(raised.value))
    store.close()
    assert "damaged" in open_results(tmp_path).message
