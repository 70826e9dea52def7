"""One write to the results database: all of it or none of it.

The connections are opened in autocommit mode (isolation_level=None), so Python's sqlite3 never
begins or commits behind our back; every write says where it starts and ends. IMMEDIATE takes the
write lock at the start, so a second Composure writing at the same moment waits for its turn (up to
the busy timeout) instead of failing half-way through.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator


@contextlib.contextmanager
def write_transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Commit when the body ends, roll back when it raises (the body's exception is the one raised)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        with contextlib.suppress(sqlite3.Error):  # a failed rollback must not hide why the write failed
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
