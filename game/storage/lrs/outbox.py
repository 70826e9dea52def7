"""The statements outbox: the table `lrs_outbox` of the results database, between an attempt and the LRS.

A statement is written here in the same transaction as its attempt, so an attempt is never stored
without its statements nor the other way round. It stays until the LRS has it (`sent`) or has refused
it for a reason that a resend cannot change (`refused`, kept with that reason for whoever looks into
it, never deleted). A failure that may pass (the LRS down, a timeout) leaves it `waiting`, to be tried
again after a wait that doubles with each try.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..results_transaction import write_transaction

WAITING, SENT, REFUSED = "waiting", "sent", "refused"
FIRST_WAIT_SECONDS = 30.0
LONGEST_WAIT_SECONDS = 6 * 3600.0  # an LRS down over a weekend is tried a few times an hour-ish, not never


@dataclass(frozen=True, slots=True)
class Waiting:
    row: int  # its place in the outbox: statements are sent in the order they were written
    statement_id: str
    statement: dict[str, Any]


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    waiting: int
    sent: int
    refused: int
    oldest_waiting: str  # the timestamp of the oldest statement still waiting; "" when none waits


def queue(connection: sqlite3.Connection, attempt_id: int, statements: Iterable[dict[str, Any]]) -> None:
    """Add an attempt's statements; call inside the transaction that stores the attempt."""
    connection.executemany(
        "INSERT INTO lrs_outbox (statement_id, attempt_id, statement) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        ((statement["id"], attempt_id, json.dumps(statement, ensure_ascii=False)) for statement in statements),
    )


def due(connection: sqlite3.Connection, now: float, limit: int, after: int = 0) -> list[Waiting]:
    """Up to `limit` waiting statements whose next try has come, in the order they were written,
    starting after the row `after` (a run goes through the outbox once, never round again)."""
    rows = connection.execute(
        "SELECT rowid, statement_id, statement FROM lrs_outbox "
        "WHERE state = ? AND next_try <= ? AND rowid > ? ORDER BY rowid LIMIT ?",
        (WAITING, now, after, limit),
    )
    return [Waiting(row, statement_id, json.loads(statement)) for row, statement_id, statement in rows]


def mark_sent(connection: sqlite3.Connection, ids: Sequence[str]) -> None:
    _settle(
        connection, ids, "UPDATE lrs_outbox SET state = 'sent', tries = tries + 1, reason = '' WHERE statement_id = ?"
    )


def mark_refused(connection: sqlite3.Connection, ids: Sequence[str], reason: str) -> None:
    _settle(
        connection,
        ids,
        "UPDATE lrs_outbox SET state = 'refused', tries = tries + 1, reason = ? WHERE statement_id = ?",
        reason,
    )


def mark_retry(connection: sqlite3.Connection, ids: Sequence[str], now: float, reason: str) -> None:
    """Leave the statements waiting, next tried after FIRST_WAIT_SECONDS doubled for each earlier try."""
    _settle(
        connection,
        ids,
        "UPDATE lrs_outbox SET tries = tries + 1, reason = ?, "
        "next_try = ? + min(?, ? * (1 << min(tries, 20))) WHERE statement_id = ?",
        reason,
        now,
        LONGEST_WAIT_SECONDS,
        FIRST_WAIT_SECONDS,
    )


def counts(connection: sqlite3.Connection) -> OutboxCounts:
    by_state = dict(connection.execute("SELECT state, count(*) FROM lrs_outbox GROUP BY state").fetchall())
    oldest = connection.execute(
        "SELECT min(json_extract(statement, '$.timestamp')) FROM lrs_outbox WHERE state = ?", (WAITING,)
    ).fetchone()[0]
    return OutboxCounts(by_state.get(WAITING, 0), by_state.get(SENT, 0), by_state.get(REFUSED, 0), oldest or "")


@dataclass(frozen=True, slots=True)
class Refusal:
    reason: str
    statements: int


def refusals(connection: sqlite3.Connection) -> list[Refusal]:
    """The refused statements by reason, the commonest first."""
    rows = connection.execute(
        "SELECT reason, count(*) FROM lrs_outbox WHERE state = ? GROUP BY reason ORDER BY 2 DESC, 1", (REFUSED,)
    )
    return [Refusal(reason, count) for reason, count in rows]


def last_problem(connection: sqlite3.Connection) -> str:
    """Why the statements still waiting were not sent the last time they were tried; "" when none was tried."""
    row = connection.execute(
        "SELECT reason FROM lrs_outbox WHERE state = ? AND tries > 0 AND reason != '' ORDER BY next_try DESC LIMIT 1",
        (WAITING,),
    ).fetchone()
    return row[0] if row else ""


def next_try(connection: sqlite3.Connection) -> float | None:
    """When the earliest waiting statement is next due (seconds since the epoch); None when none waits."""
    row = connection.execute("SELECT min(next_try) FROM lrs_outbox WHERE state = ?", (WAITING,)).fetchone()
    return None if row[0] is None else float(row[0])


def retry_refused(connection: sqlite3.Connection) -> int:
    """Put every refused statement back to waiting, due now (once whatever refused them is put right)."""
    with write_transaction(connection):
        return connection.execute(
            "UPDATE lrs_outbox SET state = ?, next_try = 0 WHERE state = ?", (WAITING, REFUSED)
        ).rowcount


def _settle(connection: sqlite3.Connection, ids: Sequence[str], update: str, *before_id: object) -> None:
    with write_transaction(connection):
        connection.executemany(update, ((*before_id, statement_id) for statement_id in ids))
