"""The cohort report read from the company's LRS, so that one report covers every training machine.

Composure's statements (about activities under `<activity_base>scenarios/`) are put back together
into attempts: one per `context.registration` whose completed, passed or failed statement is there,
its answers in the order of their `position`. The attempts are stored in a results database made
in memory, and the local report's own queries (`cohort_of`) read it, so the two reports never
disagree on what a figure means.

Nothing the LRS sends is trusted. Another app's statement is left alone; one of Composure's that is
damaged (a fact missing or of the wrong type, an absurd value), at odds with the rest of its attempt,
or of an attempt whose end the LRS does not hold is skipped and counted, never a traceback.

A trainee is the statements' actor: an e-mail address is the same person on every machine (letter
case aside); a trainee without one is an account of one machine's Composure. The name shown is the
one their latest attempt was sent with.
"""

from __future__ import annotations

import dataclasses
import json
import math
import sqlite3
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from game.engine import ANGER_MAX, ANGER_MIN, AnswerRecord, AttemptRecord

from ..lrs.config import LrsConfig
from ..lrs.reading import LrsUnreadable, read_statements
from ..lrs.statements import LONGEST_ANSWER_SECONDS, SCORE_MAX, SCORE_MIN, VERBS
from ..results_entry import Entry
from ..results_schema import upgrade
from ..results_writing import insert
from .database import ReportError
from .model import Cohort, ReportQuery
from .queries import cohort_of

END_VERBS = ("completed", "passed", "failed")  # any of them ends an attempt; the first one held is read
VERBS_READ = frozenset({"initialized", "answered", *END_VERBS})
# An LRS filters `since` on when it stored a statement (xAPI) or, as Ralph does, on when it happened:
# a day earlier than asked brings every statement of an attempt that ended on the day asked for,
# whichever it does and whatever the clocks of the training machines say.
SINCE_MARGIN = timedelta(days=1)
MOST_ANSWERS = 10_000  # a position past this is not one of an attempt's answers
WHOLE = 2**63  # SQLite's whole numbers are 64 bits


class Damaged(ValueError):
    """A statement about Composure's activities that cannot be read as one of Composure's."""


@dataclass(frozen=True, slots=True)
class LrsCohort:
    cohort: Cohort
    skipped: int  # Composure's statements left out: damaged, at odds with their attempt, or of no finished attempt


@dataclass(frozen=True, slots=True)
class Actor:
    key: str  # the same trainee on every machine: their e-mail (lower case), else their account
    name: str  # as sent, else their e-mail or account name: a report row needs a name
    email: str


@dataclass(frozen=True, slots=True)
class Piece:
    """One of Composure's statements, read."""

    verb: str
    registration: str  # the attempt
    actor: Actor
    scenario_id: str
    at: datetime  # UTC
    answer: tuple[int, AnswerRecord] | None = None  # answered: its position, and the answer
    record: AttemptRecord | None = None  # completed, passed, failed: the attempt, without its answers


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
            f"{config.activity_base}scenarios/), so there is nothing to report; if the training machines have "
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
    scenarios = activity_base + "scenarios/"
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
            piece = _piece(statement, activity_base)
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
            started_at=_utc_text(attempt.started),
            ended_at=_utc_text(attempt.ended),
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
    return any(parent.startswith(scenarios) for parent in _parents(statement.get("context")))


def _parents(context: Any) -> list[str]:
    activities = context.get("contextActivities") if isinstance(context, dict) else None
    parents = activities.get("parent") if isinstance(activities, dict) else None
    parents = [parents] if isinstance(parents, dict) else parents  # xAPI 1.0 allowed one, not in a list
    if not isinstance(parents, list):
        return []
    return [parent["id"] for parent in parents if isinstance(parent, dict) and isinstance(parent.get("id"), str)]


def _piece(statement: dict[str, Any], activity_base: str) -> Piece:
    """One of Composure's statements read, or Damaged."""
    scenarios, extensions = activity_base + "scenarios/", activity_base + "extensions/"
    verb = _text(_part(statement, "verb"), "id")
    if not verb.startswith(VERBS) or verb.removeprefix(VERBS) not in VERBS_READ:
        raise Damaged("not a verb of Composure's")
    verb = verb.removeprefix(VERBS)
    _text(statement, "id")  # an LRS gives every statement one: without it, it is not one the LRS holds
    context, activity = _part(statement, "context"), _part(statement, "object")
    activity_id = _text(activity, "id")
    registration, actor = _registration(context), _actor(_part(statement, "actor"))
    at = _moment(statement.get("timestamp"))
    if verb == "answered":
        parent = next((parent for parent in _parents(context) if parent.startswith(scenarios)), "")
        if not activity_id.startswith(f"{parent}/nodes/"):
            raise Damaged("an answer not under its scenario")
        answer = _answer(_part(statement, "result"), extensions)
        return Piece(verb, registration, actor, _scenario_id(parent, scenarios), at, answer=answer)
    scenario_id = _scenario_id(activity_id, scenarios)
    if verb == "initialized":
        return Piece(verb, registration, actor, scenario_id, at)
    record = _record(scenario_id, _title(activity, scenario_id), context, _part(statement, "result"), extensions)
    return Piece(verb, registration, actor, scenario_id, at, record=record)


def _scenario_id(activity_id: str, scenarios: str) -> str:
    scenario_id = activity_id.removeprefix(scenarios)
    if not activity_id.startswith(scenarios) or not scenario_id or "/" in scenario_id:
        raise Damaged("not a scenario's activity")
    return scenario_id


def _title(activity: dict[str, Any], scenario_id: str) -> str:
    """The scenario's title as sent (in English, else any language an LRS turned it into), else its id."""
    definition = activity.get("definition")
    names = definition.get("name") if isinstance(definition, dict) else None
    titles = [names.get("en"), *names.values()] if isinstance(names, dict) else []
    return next((title for title in titles if isinstance(title, str) and title and _storable(title)), scenario_id)


def _record(
    scenario_id: str, title: str, context: dict[str, Any], result: dict[str, Any], extensions: str
) -> AttemptRecord:
    about, facts = _facts(context, extensions), _facts(result, extensions)
    return AttemptRecord(
        scenario_id=scenario_id,
        scenario_title=title,
        scenario_digest=_text(about, "scenario-digest"),
        difficulty=_whole(about, "difficulty"),
        seed=_whole(about, "seed"),
        temperament=_whole(about, "temperament"),
        time_limits=_text(about, "time-limits"),
        ending=_text(facts, "ending"),
        outcome=_text(facts, "outcome"),
        composure=_whole(facts, "composure", SCORE_MIN, SCORE_MAX),
        assertiveness=_whole(facts, "assertiveness", SCORE_MIN, SCORE_MAX),
        resolution=_whole(facts, "resolution", SCORE_MIN, SCORE_MAX),
        overall=_whole(_part(result, "score"), "raw", SCORE_MIN, SCORE_MAX),
        grade=_text(facts, "grade"),
        answers=(),
    )


def _answer(result: dict[str, Any], extensions: str) -> tuple[int, AnswerRecord]:
    facts = _facts(result, extensions)
    answer = AnswerRecord(
        node=_text(facts, "node"),
        choice_id=_text(facts, "choice"),
        text=_text(result, "response"),
        seconds=_number(facts, "seconds", 0, LONGEST_ANSWER_SECONDS) if "seconds" in facts else None,
        anger_before=_whole(facts, "anger-before", ANGER_MIN, ANGER_MAX),
        anger_after=_whole(facts, "anger-after", ANGER_MIN, ANGER_MAX),
        principle=_text(facts, "principle", optional=True),
        principle_name=_text(facts, "principle-name", optional=True),
        quality=_number(facts, "quality", 0, 1),
        best=_flag(facts, "best-available"),
        worst=_flag(facts, "worst"),
        feedback="",  # the debrief's words are not sent
        better_text=_text(facts, "better-answer", optional=True),
    )
    return _whole(facts, "position", 1, MOST_ANSWERS), answer


def _actor(actor: dict[str, Any]) -> Actor:
    """The trainee as Composure sends one: by e-mail, or by an account of one machine's Composure."""
    name = _text(actor, "name", optional=True)
    if "mbox" in actor:
        mbox = _text(actor, "mbox")
        email = mbox[len("mailto:") :]
        if not mbox.lower().startswith("mailto:") or "@" not in email:
            raise Damaged("not a mailbox")
        return Actor(f"mailto:{email.lower()}", name or email, email)
    account = _part(actor, "account")
    home_page, account_name = _text(account, "homePage"), _text(account, "name")
    if not account_name:
        raise Damaged("an account without a name")
    return Actor(json.dumps(["account", home_page, account_name]), name or account_name, "")


def _registration(context: dict[str, Any]) -> str:
    try:
        return str(uuid.UUID(_text(context, "registration")))
    except ValueError:
        raise Damaged("no registration") from None


def _moment(value: Any) -> datetime:
    """A timestamp as a moment in UTC; one without a zone is taken as UTC."""
    if not isinstance(value, str):
        raise Damaged("no timestamp")
    try:
        moment = datetime.fromisoformat(value)
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise Damaged("not a timestamp") from None


def _utc_text(moment: datetime) -> str:
    """As the results history writes a time: `2026-12-01T09:04:30.250Z`, which sorts as time does."""
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _part(parent: dict[str, Any], key: str) -> dict[str, Any]:
    value = parent.get(key)
    if not isinstance(value, dict):
        raise Damaged(f"no {key}")
    return value


def _facts(part: dict[str, Any], extensions: str) -> dict[str, Any]:
    """A part's extensions by their short names (those of Composure's only)."""
    return {
        key.removeprefix(extensions): value
        for key, value in _part(part, "extensions").items()
        if key.startswith(extensions)
    }


def _text(part: dict[str, Any], key: str, optional: bool = False) -> str:
    value = part.get(key, "" if optional else None)
    if not isinstance(value, str) or not _storable(value):
        raise Damaged(f"{key} is not text")
    return value


def _storable(text: str) -> bool:
    """Text that UTF-8 can hold: JSON can carry half a surrogate pair, which no database or file takes."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _whole(part: dict[str, Any], key: str, low: int = -WHOLE, high: int = WHOLE - 1) -> int:
    """A whole number from `low` to `high`; an LRS may write one as a number with a point (57.0)."""
    value = part.get(key)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Damaged(f"{key} is not a whole number from {low} to {high}")
    return value


def _number(part: dict[str, Any], key: str, low: float, high: float) -> float:
    value = part.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Damaged(f"{key} is not a number")
    if not low <= value <= high:
        raise Damaged(f"{key} is not from {low} to {high}")
    return float(value)


def _flag(part: dict[str, Any], key: str) -> bool:
    value = part.get(key)
    if not isinstance(value, bool):
        raise Damaged(f"{key} is not true or false")
    return value
