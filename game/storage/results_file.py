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
from dataclasses import dataclass
from pathlib import Path

from .atomic import set_aside
from .results_problems import Problem, Unusable, code_of, problem_of
from .results_schema import SCHEMA_VERSION, TABLES, upgrade, version_of

LOG = logging.getLogger(__name__)
RESULTS_FILE = "composure.sqlite3"
# SQLite's companion files: the write-ahead log and its index, and the rollback journal of a file
# not in WAL mode. Each belongs to the database beside it and must move with it.
COMPANIONS = ("-wal", "-shm", "-journal")
NEWER = (
    "the results file {path} was written by a newer version of Composure (results format {version}; "
    f"this one knows format {SCHEMA_VERSION}); it is left as it is, and results are stored again once "
    "Composure is updated"
)


@dataclass(frozen=True, slots=True)
class Connected:
    connection: sqlite3.Connection
    cannot_write: str = ""  # why attempts cannot be stored now (locked, read-only); "" when they can


def connect(path: Path, busy_seconds: float) -> Connected:
    """The results database at `path`, checked and migrated; raises Unusable."""
    _refuse_unless_file(path)
    _set_aside_orphans(path)
    try:
        connection = sqlite3.connect(path, timeout=busy_seconds, isolation_level=None)
    except sqlite3.Error as error:
        raise Unusable(problem_of(error, str(path))) from error
    try:
        try:
            _check(connection, path, writable=True)
        except sqlite3.OperationalError as error:
            if code_of(error) != sqlite3.SQLITE_READONLY:
                raise
            connection.close()  # a read-only folder: no room for the log's index, so read the file as it is
            connection = sqlite3.connect(_read_only_uri(path), timeout=busy_seconds, isolation_level=None, uri=True)
            _check(connection, path, writable=False)
            return Connected(connection, problem_of(error, str(path)).reason)
        return Connected(connection, _cannot_write(connection, path))
    except sqlite3.Error as error:
        connection.close()
        raise Unusable(problem_of(error, str(path))) from error
    except Unusable:
        connection.close()
        raise


def set_aside_database(path: Path) -> Path:
    """Move a damaged database out of the way with its companions, renamed to match, so the kept
    file still opens with its log; returns the new name. Never deletes anything."""
    kept = set_aside(path)
    for suffix in COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(kept.with_name(kept.name + suffix))
    return kept


def _check(connection: sqlite3.Connection, path: Path, *, writable: bool) -> None:
    version = version_of(connection)  # the first read: a file that is no database fails here
    if version > SCHEMA_VERSION:
        raise Unusable(Problem(NEWER.format(path=path, version=version)))
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if (version == 0 and tables) or (version > 0 and not TABLES <= tables):
        raise Unusable(Problem(f"the file {path} is not a Composure results database", damaged=True))
    if writable:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA trusted_schema = OFF")  # a file from elsewhere runs none of its own SQL functions
    if connection.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
        raise Unusable(Problem(f"the results file {path} is damaged", damaged=True))
    if writable:
        upgrade(connection)
    elif version < SCHEMA_VERSION:
        raise Unusable(Problem(f"the results file {path} needs updating, and it cannot be written"))


def _cannot_write(connection: sqlite3.Connection, path: Path) -> str:
    """Try a write that changes nothing: a read-only file or a lock shows up now, not after an attempt."""
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
    except sqlite3.Error as error:
        return problem_of(error, str(path)).reason
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    return ""


def _read_only_uri(path: Path) -> str:
    """Read-only and immutable: nothing written, not even the log's index (nobody can write there anyway)."""
    return f"{path.resolve().as_uri()}?mode=ro&immutable=1"


def _refuse_unless_file(path: Path) -> None:
    """A folder, a pipe or a device where the database should be is set aside like a damaged file:
    SQLite would block on a pipe, and cannot use the rest."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.lexists(path):  # a link to nothing
            raise Unusable(Problem(f"{path} is a link to nothing", damaged=True)) from None
        return
    except OSError as error:
        raise Unusable(Problem(f"Composure may not look at the results file {path} ({error.strerror})")) from None
    if not stat.S_ISREG(mode):
        raise Unusable(Problem(f"{path} is not a file", damaged=True))


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
