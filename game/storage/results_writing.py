"""Storing one attempt: the trainee, the attempt and every answer, in one transaction.

Storing the same attempt twice stores it once: the attempts table's UNIQUE key (trainee, scenario,
start time, seed) names an attempt, so an attempt brought in from the outbox after it did reach the
database after all, or recorded again after a failure that happened after the commit, is left as it is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from .lrs import outbox as statements_outbox
from .results_entry import Entry
from .results_transaction import write_transaction

TRAINEE_NEW = "INSERT INTO trainees (id, name, email) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING"
TRAINEE_CURRENT = (
    "INSERT INTO trainees (id, name, email) VALUES (?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email"
)
ATTEMPT = """INSERT INTO attempts (trainee_id, scenario_id, scenario_title, scenario_digest, difficulty,
    started_at, ended_at, seed, temperament, ending, outcome, composure, assertiveness, resolution, overall, grade,
    time_limits)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (trainee_id, scenario_id, started_at, seed) DO NOTHING"""
ANSWER = """INSERT INTO answers (attempt_id, position, node, choice_id, text, seconds, anger_before, anger_after,
    principle, principle_name, quality, best, worst, feedback, better_text)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def insert(
    connection: sqlite3.Connection, entry: Entry, *, current_name: bool, statements: Sequence[dict[str, Any]] = ()
) -> bool:
    """Store `entry`; False when it was stored already. `current_name`: the entry carries the trainee's
    name and e-mail as they are now (a new attempt), not as they were (one kept in the outbox).
    `statements` (its xAPI statements, when an LRS is configured) go into the statements outbox in
    the same transaction: never an attempt without them, nor them without it."""
    trainee = (entry.trainee_id, entry.trainee_name, entry.trainee_email)
    attempt = entry.attempt
    with write_transaction(connection):
        connection.execute(TRAINEE_CURRENT if current_name else TRAINEE_NEW, trainee)
        cursor = connection.execute(
            ATTEMPT,
            (
                entry.trainee_id,
                attempt.scenario_id,
                attempt.scenario_title,
                attempt.scenario_digest,
                attempt.difficulty,
                entry.started_at,
                entry.ended_at,
                attempt.seed,
                attempt.temperament,
                attempt.ending,
                attempt.outcome,
                attempt.composure,
                attempt.assertiveness,
                attempt.resolution,
                attempt.overall,
                attempt.grade,
                attempt.time_limits,
            ),
        )
        if cursor.rowcount == 0:
            return False
        connection.executemany(
            ANSWER,
            (
                (
                    cursor.lastrowid,
                    position,
                    answer.node,
                    answer.choice_id,
                    answer.text,
                    answer.seconds,
                    answer.anger_before,
                    answer.anger_after,
                    answer.principle,
                    answer.principle_name,
                    answer.quality,
                    answer.best,
                    answer.worst,
                    answer.feedback,
                    answer.better_text,
                )
                for position, answer in enumerate(attempt.answers)
            ),
        )
        statements_outbox.queue(connection, int(cursor.lastrowid or 0), statements)
    return True
