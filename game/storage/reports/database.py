"""Opening the results database for a report: read-only, so a report never changes it, and every
way it can fail (missing, damaged, busy, newer) told as one sentence for the trainer."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..results_file import RESULTS_FILE
from ..results_problems import code_of, problem_of
from ..results_schema import SCHEMA_VERSION, TABLES, version_of

BUSY_WAIT = 5.0  # seconds to wait for the game to finish storing an attempt


class ReportError(Exception):
    """Why there is no report; its str says so in words for the trainer ("error: " goes before it)."""


@contextmanager
def read_only(
    folder: Path, wait: float = BUSY_WAIT, consequence: str = "so there is no report"
) -> Iterator[sqlite3.Connection]:
    """The results database of a data folder, opened so that nothing can write through it; a failure
    is a ReportError whose sentence ends with `consequence`."""
    path = folder / RESULTS_FILE
    if not folder.is_dir():
        raise ReportError(f"there is no data folder {folder}: check --data or COMPOSURE_DATA")
    if not path.is_file():
        raise ReportError(f"there are no results in {folder} yet: nobody has finished a scenario there")
    try:
        connection = _opened(path, wait)
    except sqlite3.Error as problem:
        raise ReportError(_unreadable(path, problem, consequence)) from None
    try:
        yield connection
    except sqlite3.Error as problem:
        raise ReportError(_unreadable(path, problem, consequence)) from None
    finally:
        connection.close()


def _opened(path: Path, wait: float) -> sqlite3.Connection:
    """Read-only; in a folder nobody may write to (a read-only install, a shared drive), SQLite cannot
    make the index a write-ahead log is read through, so there the file is read as it stands."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        return _checked(uri, path, wait)
    except sqlite3.OperationalError as problem:
        if code_of(problem) not in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN):
            raise
    return _checked(f"{uri}&immutable=1", path, wait)


def _checked(uri: str, path: Path, wait: float) -> sqlite3.Connection:
    connection = sqlite3.connect(uri, uri=True, timeout=wait)
    try:
        connection.execute("PRAGMA trusted_schema = OFF")  # a file from elsewhere runs none of its own SQL
        _check_version(connection, path)
    except BaseException:
        connection.close()
        raise
    return connection


def _check_version(connection: sqlite3.Connection, path: Path) -> None:
    version = version_of(connection)
    if version > SCHEMA_VERSION:
        raise ReportError(
            f"{path} was written by a newer version of Composure (results format {version}; this one reads "
            f"format {SCHEMA_VERSION}): update Composure to report on it"
        )
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version < 1 or not TABLES <= tables:  # an older version is read as it is: a report changes nothing
        raise ReportError(f"{path} is not a Composure results database, so there is nothing to report from it")


def _unreadable(path: Path, problem: sqlite3.Error, consequence: str) -> str:
    """The sentence for a failure, chosen by SQLite's error code (never its wording) as the game chooses it."""
    return f"{problem_of(problem, str(path)).reason}, {consequence}"
