"""An attempt as xAPI 1.0.3 statements for a company's Learning Record Store.

One attempt reads, in the LRS, as the trainee having `initialized` the scenario, `answered` each
customer line, then `completed` it and `passed` or `failed` it: the verbs and activity types of
ADL's vocabulary, which any LMS reading xAPI shows without being told about Composure. Everything
else the debrief knows travels as extensions, so a cohort report can be built from the LRS alone.

Pure: plain JSON-ready dicts from plain records, no clock and no I/O. Each statement's id is a
fresh uuid4 made here, once, so the caller keeps it with the statement and a resend after a lost
answer is recognised by the LRS as the same statement rather than stored twice.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from game.engine import PASSED, TIMEOUT, AnswerRecord, AttemptRecord

from ..trainees import Trainee
from .config import LrsConfig

XAPI_VERSION = "1.0.3"
VERBS = "http://adlnet.gov/expapi/verbs/"
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
PLATFORM = "Composure"
LANGUAGE = "en"  # the language of the names Composure gives activities; verbs keep ADL's "en-US"
SCORE_MIN, SCORE_MAX = 0, 100
LONGEST_ANSWER_SECONDS = 366 * 24 * 3600  # any longer (or NaN) is a damaged record, not a time
# An address an LRS takes as a mailbox: a plain ASCII dot-atom at a domain with a letters-only top
# level. Anything else the trainee list allows (and the reserved names of RFC 6761) goes as an
# account instead, so no LRS refuses a statement over how an e-mail was typed.
MAILBOX = re.compile(
    r"(?=[^@]{1,64}@)[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
RESERVED_DOMAINS = frozenset({"arpa", "example", "invalid", "local", "localhost", "onion", "test"})


def statements_for(
    trainee: Trainee, attempt: AttemptRecord, started_at: str, ended_at: str, config: LrsConfig
) -> list[dict[str, Any]]:
    """The attempt's statements in the order they happened, each with its own new id; all share
    one `registration`, the attempt's own id in the LRS. Times are the attempt's, UTC."""
    builder = _Builder(trainee, attempt, config, str(uuid.uuid4()))
    started, ended = _moment(started_at), max(_moment(started_at), _moment(ended_at))
    scenario = builder.scenario_activity()
    statements = [builder.statement("initialized", scenario, started)]
    times = _answer_times(attempt, started, ended)
    for position, (answer, answered_at) in enumerate(zip(attempt.answers, times, strict=True), 1):
        statements.append(builder.answered(position, answer, answered_at))
    result = builder.final_result(ended - started)
    statements.append(builder.statement("completed", scenario, ended, {**result, "completion": True}))
    passed = attempt.overall >= PASSED
    statements.append(
        builder.statement("passed" if passed else "failed", scenario, ended, {**result, "success": passed})
    )
    return statements


class _Builder:
    """The parts every statement of one attempt shares: who, which scenario, which registration."""

    def __init__(self, trainee: Trainee, attempt: AttemptRecord, config: LrsConfig, registration: str) -> None:
        self.attempt, self.config, self.registration = attempt, config, registration
        self.actor = actor_for(trainee, config)
        self.scenario_id = scenarios_under(config.activity_base) + attempt.scenario_id
        self.attempt_facts = self.extensions(
            {
                "trainee": trainee.id,
                "scenario-digest": attempt.scenario_digest,
                "difficulty": attempt.difficulty,
                "seed": attempt.seed,
                "temperament": attempt.temperament,
                "time-limits": attempt.time_limits,
            }
        )

    def extensions(self, facts: dict[str, Any]) -> dict[str, Any]:
        """`facts` keyed by their IRIs; a fact with nothing to say (no principle, no better answer, a
        time nobody measured) is left out rather than sent empty, which some LRSs refuse."""
        base = extensions_under(self.config.activity_base)
        return {base + name: value for name, value in facts.items() if value is not None and value != ""}

    def scenario_activity(self) -> dict[str, Any]:
        definition = {"name": {LANGUAGE: self.attempt.scenario_title}, "type": SIMULATION}
        return {"objectType": "Activity", "id": self.scenario_id, "definition": definition}

    def statement(
        self, verb: str, activity: dict[str, Any], moment: datetime, result: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        context: dict[str, Any] = {"registration": self.registration, "platform": PLATFORM}
        if activity["id"] != self.scenario_id:
            context["contextActivities"] = {"parent": [{"objectType": "Activity", "id": self.scenario_id}]}
        context["extensions"] = dict(self.attempt_facts)
        statement = {  # a copy of the shared parts each, so changing one statement changes no other
            "id": str(uuid.uuid4()),
            "version": XAPI_VERSION,
            "actor": copy.deepcopy(self.actor),
            "verb": {"id": VERBS + verb, "display": {"en-US": verb}},
            "object": copy.deepcopy(activity),
            "context": context,
            "timestamp": utc_text(moment),
        }
        return statement if result is None else {**statement, "result": copy.deepcopy(result)}

    def answered(self, position: int, answer: AnswerRecord, moment: datetime) -> dict[str, Any]:
        place = "timeout" if answer.choice_id == TIMEOUT else f"choices/{answer.choice_id}"  # no choice id has a "/"
        definition = {"name": {LANGUAGE: answer.text}, "type": INTERACTION, "interactionType": "choice"}
        activity = {
            "objectType": "Activity",
            "id": f"{self.scenario_id}/nodes/{answer.node}/{place}",
            "definition": definition,
        }
        seconds = _measured(answer.seconds)
        facts = {
            "position": position,
            "node": answer.node,
            "choice": answer.choice_id,
            "anger-before": answer.anger_before,
            "anger-after": answer.anger_after,
            "principle": answer.principle,
            "principle-name": answer.principle_name,
            "quality": answer.quality,
            "best-available": answer.best,
            "worst": answer.worst,
            "better-answer": answer.better_text,
            "seconds": seconds,
        }
        result: dict[str, Any] = {"response": answer.text}
        if seconds is not None:
            result["duration"] = iso_duration(timedelta(seconds=seconds))
        result["extensions"] = self.extensions(facts)
        return self.statement("answered", activity, moment, result)

    def final_result(self, took: timedelta) -> dict[str, Any]:
        attempt = self.attempt
        facts = {
            "composure": attempt.composure,
            "assertiveness": attempt.assertiveness,
            "resolution": attempt.resolution,
            "grade": attempt.grade,
            "ending": attempt.ending,
            "outcome": attempt.outcome,
        }
        return {
            "score": {
                "scaled": attempt.overall / SCORE_MAX,
                "raw": attempt.overall,
                "min": SCORE_MIN,
                "max": SCORE_MAX,
            },
            "duration": iso_duration(took),
            "extensions": self.extensions(facts),
        }


def scenarios_under(activity_base: str) -> str:
    """Where every scenario's activity id starts: `<activity_base>scenarios/`."""
    return activity_base + "scenarios/"


def extensions_under(activity_base: str) -> str:
    """Where every extension's IRI starts: `<activity_base>extensions/`."""
    return activity_base + "extensions/"


def actor_for(trainee: Trainee, config: LrsConfig) -> dict[str, Any]:
    """The trainee as an xAPI Agent: by e-mail when there is a usable one (the same person on
    every machine), else by their id as an account of this Composure installation."""
    actor: dict[str, Any] = {"objectType": "Agent", "name": trainee.name} if trainee.name else {"objectType": "Agent"}
    email = trainee.email
    if MAILBOX.fullmatch(email) and email.rpartition(".")[2].lower() not in RESERVED_DOMAINS:
        return {**actor, "mbox": f"mailto:{email}"}
    return {**actor, "account": {"homePage": config.home_page, "name": trainee.id}}


def iso_duration(span: timedelta) -> str:
    """`span` as ISO 8601 to the hundredth of a second xAPI keeps: "PT1H2M3.45S"."""
    hundredths = max(0, round(span.total_seconds() * 100))
    hours, rest = divmod(hundredths, 360000)
    minutes, rest = divmod(rest, 6000)
    seconds = f"{rest // 100}.{rest % 100:02d}".rstrip("0").rstrip(".")
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{seconds}S"


def _answer_times(attempt: AttemptRecord, started: datetime, ended: datetime) -> Iterator[datetime]:
    """When each answer was given, as near as the record tells: the start plus the answer times so
    far (the customer's lines in between are not measured), never later than the end."""
    elapsed = 0.0
    for answer in attempt.answers:
        elapsed += _measured(answer.seconds) or 0.0
        yield min(ended, started + timedelta(seconds=elapsed))


def _measured(seconds: float | None) -> float | None:
    """`seconds` when it can be a real answer time; None for none, or for what a damaged record
    might hold (NaN, which is not JSON, infinities, negative or absurd times)."""
    return seconds if seconds is not None and 0 <= seconds <= LONGEST_ANSWER_SECONDS else None


def _moment(utc: str) -> datetime:
    moment = datetime.fromisoformat(utc)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def utc_text(moment: datetime) -> str:
    """As xAPI and the results history write a time: `2026-12-01T09:04:30.250Z`, which sorts as time does."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
