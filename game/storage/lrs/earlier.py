"""Statements for the attempts stored before the LRS was set up, made when a trainer asks for them
(`python3 main.py lrs sync --earlier`), never on their own: practice from before a company connected
its LRS is the trainee's until someone decides to send it.

An attempt is "earlier" when the statements outbox holds nothing for it. Its statements are made
from the stored record, exactly as they would have been on the day (the same times, the trainee's
name and e-mail as stored), and queued in one transaction, so asking twice queues them once.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from typing import Any

from game.engine import AnswerRecord, AttemptRecord

from ..results_transaction import write_transaction
from ..trainees import Trainee
from . import outbox
from .config import LrsConfig
from .statements import statements_for

ATTEMPT_FIELDS = [field.name for field in dataclasses.fields(AttemptRecord) if field.name != "answers"]
ANSWER_FIELDS = [field.name for field in dataclasses.fields(AnswerRecord)]
NOT_QUEUED = "NOT EXISTS (SELECT 1 FROM lrs_outbox AS o WHERE o.attempt_id = a.id)"
ATTEMPTS = f"""SELECT a.id, t.id, t.name, t.email, a.started_at, a.ended_at,
    {", ".join("a." + name for name in ATTEMPT_FIELDS)}
    FROM attempts AS a JOIN trainees AS t ON t.id = a.trainee_id WHERE {NOT_QUEUED} ORDER BY a.id"""
ANSWERS = f"SELECT {', '.join(ANSWER_FIELDS)} FROM answers WHERE attempt_id = ? ORDER BY position"


def count_earlier(connection: sqlite3.Connection) -> int:
    """How many stored attempts have no statements queued or sent."""
    return int(connection.execute(f"SELECT count(*) FROM attempts AS a WHERE {NOT_QUEUED}").fetchone()[0])


def queue_earlier(connection: sqlite3.Connection, config: LrsConfig) -> int:
    """Queue the statements of every earlier attempt; returns how many attempts."""
    with write_transaction(connection):
        rows = connection.execute(ATTEMPTS).fetchall()
        for row in rows:
            attempt_id, trainee, started_at, ended_at, record = _parts(connection, row)
            outbox.queue(connection, attempt_id, statements_for(trainee, record, started_at, ended_at, config))
    return len(rows)


def _parts(connection: sqlite3.Connection, row: tuple[Any, ...]) -> tuple[int, Trainee, str, str, AttemptRecord]:
    attempt_id, trainee_id, name, email, started_at, ended_at, *attempt = row
    answers = []
    for stored in connection.execute(ANSWERS, (attempt_id,)):
        fields = dict(zip(ANSWER_FIELDS, stored, strict=True))
        answers.append(AnswerRecord(**{**fields, "best": bool(fields["best"]), "worst": bool(fields["worst"])}))
    record = AttemptRecord(**dict(zip(ATTEMPT_FIELDS, attempt, strict=True)), answers=tuple(answers))
    return attempt_id, Trainee(trainee_id, name, email), started_at, ended_at, record
