"""One of Composure's xAPI statements read back into a plain piece: the inverse of statements.py.

The report from the LRS puts attempts back together from these pieces. Nothing an LRS sends is
trusted: a fact missing or of the wrong type, text no database can hold or an absurd value makes
the statement Damaged, which the caller counts and skips, never a traceback.
"""

from __future__ import annotations

import json
import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from game.engine import ANGER_MAX, ANGER_MIN, AnswerRecord, AttemptRecord

from .statements import LONGEST_ANSWER_SECONDS, SCORE_MAX, SCORE_MIN, VERBS, extensions_under, scenarios_under

END_VERBS = ("completed", "passed", "failed")  # any of them ends an attempt; the first one held is read
VERBS_READ = frozenset({"initialized", "answered", *END_VERBS})
MOST_ANSWERS = 10_000  # a position past this is not one of an attempt's answers
WHOLE = 2**63  # SQLite's whole numbers are 64 bits


class Damaged(ValueError):
    """A statement about Composure's activities that cannot be read as one of Composure's."""


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


def read_piece(statement: dict[str, Any], activity_base: str) -> Piece:
    """One of Composure's statements read, or Damaged."""
    scenarios, extensions = scenarios_under(activity_base), extensions_under(activity_base)
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
        parent = next((parent for parent in parent_ids(context) if parent.startswith(scenarios)), "")
        if not activity_id.startswith(f"{parent}/nodes/"):
            raise Damaged("an answer not under its scenario")
        answer = _answer(_part(statement, "result"), extensions)
        return Piece(verb, registration, actor, _scenario_id(parent, scenarios), at, answer=answer)
    scenario_id = _scenario_id(activity_id, scenarios)
    if verb == "initialized":
        return Piece(verb, registration, actor, scenario_id, at)
    record = _record(scenario_id, _title(activity, scenario_id), context, _part(statement, "result"), extensions)
    return Piece(verb, registration, actor, scenario_id, at, record=record)


def parent_ids(context: Any) -> list[str]:
    """The ids of the parent activities a context names; nothing about it is trusted yet."""
    activities = context.get("contextActivities") if isinstance(context, dict) else None
    parents = activities.get("parent") if isinstance(activities, dict) else None
    parents = [parents] if isinstance(parents, dict) else parents  # xAPI 1.0 allowed one, not in a list
    if not isinstance(parents, list):
        return []
    return [parent["id"] for parent in parents if isinstance(parent, dict) and isinstance(parent.get("id"), str)]


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
