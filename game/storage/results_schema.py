"""The results database's tables, and the migrations that bring an older file up to date.

The schema's version is SQLite's `user_version`: 0 is an empty file, and `MIGRATIONS[n]` takes a
file from version n to n + 1. All the steps a file needs run in one transaction with the new
version number, so a crash or a kill half-way leaves the file exactly as it was before: never
half migrated. A file from a newer Composure is never migrated (it is refused before this runs).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from .results_transaction import write_transaction


@dataclass(frozen=True, slots=True)
class Migration:
    """One step up: what it changes (for people reading the history) and the statements that do it."""

    purpose: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "the first schema: trainees, their attempts, and every answer of an attempt",
        (
            """CREATE TABLE trainees (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                email TEXT NOT NULL DEFAULT ''
            )""",
            """CREATE TABLE attempts (
                id INTEGER PRIMARY KEY,
                trainee_id TEXT NOT NULL REFERENCES trainees(id),
                scenario_id TEXT NOT NULL,
                scenario_title TEXT NOT NULL,
                scenario_digest TEXT NOT NULL,
                difficulty INTEGER NOT NULL,
                started_at TEXT NOT NULL,
                ended_at TEXT NOT NULL,
                seed INTEGER NOT NULL,
                temperament INTEGER NOT NULL,
                ending TEXT NOT NULL,
                outcome TEXT NOT NULL,
                composure INTEGER NOT NULL,
                assertiveness INTEGER NOT NULL,
                resolution INTEGER NOT NULL,
                overall INTEGER NOT NULL,
                grade TEXT NOT NULL,
                UNIQUE (trainee_id, scenario_id, started_at, seed)
            )""",
            """CREATE TABLE answers (
                attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                node TEXT NOT NULL,
                choice_id TEXT NOT NULL,
                text TEXT NOT NULL,
                seconds REAL,
                anger_before INTEGER NOT NULL,
                anger_after INTEGER NOT NULL,
                principle TEXT NOT NULL,
                principle_name TEXT NOT NULL,
                quality REAL NOT NULL,
                best INTEGER NOT NULL,
                worst INTEGER NOT NULL,
                feedback TEXT NOT NULL,
                better_text TEXT NOT NULL,
                PRIMARY KEY (attempt_id, position)
            )""",
            # A trainee's standings and history read one trainee's attempts by scenario, in time order;
            # a report for one scenario, or since a date, reads them across the cohort.
            "CREATE INDEX attempts_by_trainee ON attempts (trainee_id, scenario_id, ended_at)",
            "CREATE INDEX attempts_by_scenario ON attempts (scenario_id, ended_at)",
        ),
    ),
    Migration(
        "each attempt's time limits (off, normal, 1.5x, 2x); attempts stored before they could be changed ran "
        "their timers as written, so they read 'normal'",
        ("ALTER TABLE attempts ADD COLUMN time_limits TEXT NOT NULL DEFAULT 'normal'",),
    ),
    Migration(
        "the statements outbox: each attempt's xAPI statements, written with the attempt when a Learning Record "
        "Store is configured, until the LRS has them (sent) or has refused them for good (refused, with why)",
        (
            """CREATE TABLE lrs_outbox (
                statement_id TEXT PRIMARY KEY,
                attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
                statement TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'sent', 'refused')),
                tries INTEGER NOT NULL DEFAULT 0,
                next_try REAL NOT NULL DEFAULT 0,
                reason TEXT NOT NULL DEFAULT ''
            )""",
            # The sender reads what waits and is due, in the order it was written.
            "CREATE INDEX lrs_outbox_due ON lrs_outbox (state, next_try)",
        ),
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
TIME_LIMITS_SINCE = 2  # the version that added attempts.time_limits: a report reads an older file as 'normal'
TABLES = frozenset({"trainees", "attempts", "answers"})


def version_of(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def upgrade(connection: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> None:
    """Bring the file up to `len(migrations)` in one transaction; nothing is written when it is there.

    The version is read again under the write lock: another Composure opening the same folder at
    the same moment may have migrated it meanwhile."""
    if version_of(connection) >= len(migrations):
        return
    with write_transaction(connection):
        for migration in migrations[version_of(connection) :]:
            for statement in migration.statements:
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {len(migrations):d}")
