"""The cohort report read from the company's LRS, so that one report covers every training machine.

Composure's statements (about activities under `<activity_base>scenarios/`) are put back together
into attempts: one per `context.registration` whose completed, passed or failed statement is there,
its answers in the order of their `position`. The attempts are stored in a results database made
in memory, and the local report's own queries (`cohort_of`) read it, so the two reports never
disagree on what a figure means.

Nothing the LRS sends is trusted. Another app's statement is left alone; one of Composure's that is
damaged (a fact missing or of the wrong type, an absurd value: `lrs.statement_pieces` reads each one),
at odds with the rest of its attempt, or of an attempt whose end the LRS does not hold is skipped and
counted, never a traceback.

A trainee is the statements' actor: an e-mail address is the same person on every machine (letter
case aside); a trainee without one is an account of one machine's Composure. The name shown is the
one their latest attempt was sent with.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from game.engine import AnswerRecord, AttemptRecord

from ..lrs.config import LrsConfig
from ..lrs.reading import LrsUnreadable, read_statements
from ..lrs.statement_pieces import END_VERBS, Actor, Damaged, Piece, parent_ids, read_piece
from ..lrs.statements import scenarios_under, utc_text
from ..results_entry import Entry
from ..results_schema import upgrade
from ..results_writing import insert
from .database import ReportError
from .model import Cohort, ReportQuery
from .queries import cohort_of

# An LRS filters `since` on when it stored a statement (xAPI) or, as Ralph does, on when it happened:
# a day earlier than asked brings every statement of an attempt that ended on the day asked for,
# whichever it does and whatever the clocks of the training machines say.
SINCE_MARGIN = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class LrsCohort:
    cohort: Cohort
    skipped: int  # Composure's statements left out: damaged, at odds with their attempt, or of no finished attempt


@dataclass(frozen=True, slots=True)
class Gathered:
    entries: tuple[Entry, ...]  # the finished attempts, oldest first
    skipped: int


def read_cohort_from_lrs(config: LrsConfig, query: ReportQuery) -> LrsCohort:
    """What a report on every attempt in the LRS shows; ReportError when there is nothing to show,
    or the LRS cannot be read."""
    since = None if query.since is None else datetime.combine(query.since, time(), UTC) - SINCE_MARGIN
    source = f"the LRS at {config.endpoint}"
    try:
        gathered = gather(read_statements(config, since), config.activity_base)
    except LrsUnreadable as problem:
        raise ReportError(str(problem)) from None
    if not gathered.entries:
        raise ReportError(
            f"{source} holds no finished attempts at Composure's scenarios (activities under "
            f"{scenarios_under(config.activity_base)}), so there is nothing to report; if the training machines have "
            "sent theirs, check that they and this one are set to the same activity_base"
        )
    connection = in_memory(gathered.entries)
    try:
        return LrsCohort(cohort_of(connection, query, source), gathered.skipped)
    finally:
        connection.close()


def in_memory(entries: Iterable[Entry]) -> sqlite3.Connection:
    """A results database in memory holding `entries`, written as the game writes its own."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    upgrade(connection)
    for entry in entries:
        insert(connection, entry, current_name=True)  # the same attempt sent twice is stored once
    return connection


def gather(statements: Iterable[Any], activity_base: str) -> Gathered:
    """The finished attempts in `statements` (plain JSON values, in any order, repeats allowed)."""
    scenarios = scenarios_under(activity_base)
    seen: set[str] = set()
    by_registration: dict[str, list[Piece]] = {}
    skipped = 0
    for statement in statements:
        if not _about(statement, scenarios):
            continue  # another app's, or another Composure's with its own activity_base
        statement_id = statement.get("id")
        if isinstance(statement_id, str):
            if statement_id in seen:
                continue
            seen.add(statement_id)
        try:
            piece = read_piece(statement, activity_base)
        except Damaged:
            skipped += 1
            continue
        by_registration.setdefault(piece.registration, []).append(piece)
    attempts = []
    for pieces in by_registration.values():
        attempt, unused = _attempt(pieces)
        skipped += unused
        if attempt is not None:
            attempts.append(attempt)
    return Gathered(_entries(attempts), skipped)


@dataclass(frozen=True, slots=True)
class _Attempt:
    registration: str
    actor: Actor
    record: AttemptRecord
    started: datetime
    ended: datetime


def _attempt(pieces: list[Piece]) -> tuple[_Attempt | None, int]:
    """The attempt the statements of one registration make, and how many of them it leaves out."""
    ends = [(piece, piece.record) for piece in pieces if piece.record is not None]
    if not ends:
        return None, len(pieces)
    whose = Counter(_whose(piece) for piece in pieces)  # one damaged statement is outvoted by the rest
    end, record = min(ends, key=lambda pair: (-whose[_whose(pair[0])], END_VERBS.index(pair[0].verb)))
    own = [piece for piece in pieces if _whose(piece) == _whose(end)]
    answers: dict[int, AnswerRecord] = {}
    clashing = 0  # a second answer at a position taken
    for piece in sorted(own, key=lambda piece: piece.at):
        if piece.answer is not None:
            position, answer = piece.answer
            clashing += position in answers
            answers.setdefault(position, answer)
    started = min((piece.at for piece in own if piece.verb == "initialized"), default=end.at)
    record = dataclasses.replace(record, answers=tuple(answers[position] for position in sorted(answers)))
    attempt = _Attempt(end.registration, end.actor, record, min(started, end.at), end.at)
    return attempt, len(pieces) - len(own) + clashing


def _whose(piece: Piece) -> tuple[str, str]:
    """Who played which scenario: what every statement of one attempt agrees on."""
    return piece.actor.key, piece.scenario_id


def _entries(attempts: list[_Attempt]) -> tuple[Entry, ...]:
    """Each attempt as the results history stores one, under its trainee's latest name and e-mail."""
    attempts.sort(key=lambda attempt: (attempt.ended, attempt.started, attempt.registration))
    latest = {attempt.actor.key: attempt.actor for attempt in attempts}
    return tuple(
        Entry(
            trainee_id=attempt.actor.key,
            trainee_name=latest[attempt.actor.key].name,
            trainee_email=latest[attempt.actor.key].email,
            attempt=attempt.record,
            started_at=utc_text(attempt.started),
            ended_at=utc_text(attempt.ended),
        )
        for attempt in attempts
    )


def _about(statement: Any, scenarios: str) -> bool:
    """Whether a statement is about one of Composure's scenarios: its object is one, or an answer under
    one, or it names one as its parent. Nothing about it is trusted yet."""
    if not isinstance(statement, dict):
        return False
    activity = statement.get("object")
    if isinstance(activity, dict) and isinstance(activity.get("id"), str) and activity["id"].startswith(scenarios):
        return True
    return any(parent.startswith(scenarios) for parent in parent_ids(statement.get("context")))
