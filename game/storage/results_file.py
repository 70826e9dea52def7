"""Opening the results database file, and learning before anything is played whether it can take
results: damaged, from a newer Composure, locked, read-only, or fine.

The checks run from the cheapest to the most thorough, and none of them writes until the file is
known to be ours and whole: a file from a newer version, or one that is not a database at all,
is left byte for byte as it was. Write-ahead logging (WAL) lets the progress screen read while an
attempt is being stored, and synchronous=FULL flushes the log to disk at every commit, so a stored
attempt survives not only a killed game (which NORMAL would survive too) but a power cut: one
flush per finished attempt costs nothing a trainee can notice.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .atomic import set_aside
from .bounded import NOT_FILES, OPEN_FLAGS
from .results_problems import FAILURES, Problem, Unusable, code_of, problem_of
from .results_schema import SCHEMA_VERSION, TABLES, upgrade, version_of

LOG = logging.getLogger(__name__)
RESULTS_FILE = "composure.sqlite3"
# SQLite's companion files: the write-ahead log and its index, and the rollback journal of a file
# not in WAL mode. Each belongs to the database beside it and must move with it.
COMPANIONS = ("-wal", "-shm", "-journal")
SMALLEST_PAGE = 512
NEWER = (
    "the results file {path} was written by a newer version of Composure (results format {version}; "
    f"this one knows format {SCHEMA_VERSION}); it is left as it is, and results are stored again once "
    "Composure is updated"
)


@dataclass(frozen=True, slots=True)
class Connected:
    connection: sqlite3.Connection
    cannot_write: str = ""  # why attempts cannot be stored now (locked, read-only); "" when they can
    read_only: bool = False  # opened only to read: the folder cannot be written


def connect(path: Path, busy_seconds: float) -> Connected:
    """The results database at `path`, checked and migrated; raises Unusable.

    An existing file is first looked at through a read-only connection, which never checkpoints or
    removes the log: a damaged file is set aside with every byte it came with, log included."""
    _refuse_unless_file(path)
    _set_aside_orphans(path)
    if path.exists():
        inspected = _guarded(path, lambda: _inspected(path, busy_seconds))
        if inspected.cannot_write:
            return inspected  # a read-only folder: reading is all there is
        inspected.connection.close()
    return _guarded(path, lambda: _writer(path, busy_seconds))


def reconnect(path: Path, busy_seconds: float) -> sqlite3.Connection:
    """Another connection to a results file that `connect` has checked and brought up to date: for a
    second thread, which need not read the whole file again. Never makes the file; raises Unusable
    when it is gone, or no longer of this version."""
    try:
        connection = _opened(f"{_uri(path)}?mode=rw", busy_seconds)
    except FAILURES as error:
        raise Unusable(problem_of(error, str(path))) from error
    try:
        if version_of(connection) != SCHEMA_VERSION:
            raise Unusable(Problem(f"the results file {path} was changed by another version of Composure"))
    except BaseException as error:
        connection.close()
        if isinstance(error, FAILURES):
            raise Unusable(problem_of(error, str(path))) from error
        raise
    return connection


def set_aside_database(path: Path) -> Path:
    """Move a damaged database out of the way with its companions, renamed to match, so the kept
    file still opens with its log; returns the new name. Never deletes anything."""
    kept = set_aside(path)
    for suffix in COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if os.path.lexists(companion):
            companion.rename(kept.with_name(kept.name + suffix))
    return kept


def _inspected(path: Path, busy_seconds: float) -> Connected:
    """A read-only connection to a file found whole, of a version this Composure can use."""
    try:
        return Connected(_checked(_opened(f"{_uri(path)}?mode=ro", busy_seconds), path))
    except sqlite3.OperationalError as error:
        if code_of(error) != sqlite3.SQLITE_READONLY:
            raise
        reason = problem_of(error, str(path)).reason  # no room for the log's index: the folder is read-only
    connection = _checked(_opened(f"{_uri(path)}?mode=ro&immutable=1", busy_seconds), path)
    if version_of(connection) < SCHEMA_VERSION:
        connection.close()
        raise Unusable(Problem(f"the results file {path} needs updating, and it cannot be written"))
    return Connected(connection, reason, read_only=True)


def _checked(connection: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """`connection` when its file is ours and whole; else it is closed and Unusable raised."""
    try:
        version = version_of(connection)  # the first read: a file that is no database fails here
        if version > SCHEMA_VERSION:
            raise Unusable(Problem(NEWER.format(path=path, version=version)))
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if (version == 0 and tables) or (version > 0 and not TABLES <= tables):
            raise Unusable(Problem(f"the file {path} is not a Composure results database", damaged=True))
        if connection.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            raise Unusable(Problem(f"the results file {path} is damaged", damaged=True))
    except BaseException:
        connection.close()
        raise
    return connection


def _writer(path: Path, busy_seconds: float) -> Connected:
    """The connection that stores attempts: the file made or brought up to date, and a write tried."""
    connection = _opened(str(path), busy_seconds)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        upgrade(connection)
        return Connected(connection, _cannot_write(connection, path))
    except BaseException:
        connection.close()
        raise


def _opened(target: str, busy_seconds: float) -> sqlite3.Connection:
    """A connection in autocommit mode (each write says where it begins and ends), with foreign keys
    on, and none of the file's own SQL functions trusted: the file may come from anywhere."""
    connection = sqlite3.connect(target, timeout=busy_seconds, isolation_level=None, uri=target.startswith("file:"))
    connection.text_factory = _text  # a damaged byte in a text shows as a mark, never stops the game
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA trusted_schema = OFF")
    return connection


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _guarded(path: Path, opening: Callable[[], Connected]) -> Connected:
    """`opening()`, with whatever SQLite raised told as an Unusable of ours."""
    try:
        return opening()
    except FAILURES as error:
        raise Unusable(problem_of(error, str(path))) from error


def _cannot_write(connection: sqlite3.Connection, path: Path) -> str:
    """Try a write that changes nothing: a read-only file or a lock shows up now, not after an attempt."""
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
    except FAILURES as error:
        return problem_of(error, str(path)).reason
    finally:
        if connection.in_transaction:
            with contextlib.suppress(*FAILURES):
                connection.execute("ROLLBACK")
    return ""


def _uri(path: Path) -> str:
    return path.resolve().as_uri()


def _refuse_unless_file(path: Path) -> None:
    """A folder, a pipe or a device where the database should be is set aside like a damaged file
    (SQLite would wait for ever on a pipe), and so is a file that is plainly no database."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):  # a link to nothing
            raise Unusable(Problem(f"the results file {path} is a link to nothing", damaged=True)) from None
        return
    except OSError as error:
        raise Unusable(Problem(f"Composure may not look at the results file {path} ({error.strerror})")) from None
    if not stat.S_ISREG(status.st_mode):
        kind = next((name for test, name in NOT_FILES if test(status.st_mode)), "a special file")
        raise Unusable(Problem(f"the results file {path} is {kind}, not a file", damaged=True))
    try:
        database = not status.st_size or _looks_like_a_database(path)
    except OSError as error:
        raise Unusable(Problem(f"Composure may not read the results file {path} ({error.strerror})")) from None
    if not database:
        raise Unusable(Problem(f"the results file {path} is not a database", damaged=True))


def _looks_like_a_database(path: Path) -> bool:
    """SQLite's own mark, and at least its smallest page: SQLite takes a file shorter than a page for
    an empty database and writes a new one over it, so such a file must be stopped before SQLite sees it."""
    with open(os.open(path, OPEN_FLAGS), "rb") as file:  # never blocks, should a pipe take its place meanwhile
        start = file.read(SMALLEST_PAGE)
    return len(start) == SMALLEST_PAGE and start.startswith(b"SQLite format 3\x00")


def _set_aside_orphans(path: Path) -> None:
    """A log with no database beside it (left by a move that was interrupted) would be replayed into
    the new database SQLite makes: it is moved aside first, kept like anything else."""
    if os.path.lexists(path):
        return
    for suffix in COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if os.path.lexists(companion):
            with contextlib.suppress(OSError):
                LOG.warning("results companion %s had no database; moved to %s", companion, set_aside(companion))
