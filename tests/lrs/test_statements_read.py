"""Statements read back from an LRS into attempts (`gather`): any attempt Composure sends comes back
as it was sent, whatever the order and repeats the LRS answers with and whatever other apps' statements
lie among them; one damaged statement is skipped and counted, never raised, and never costs more than
itself; and whatever comes back, the report's own queries can read it."""

from __future__ import annotations

import copy
import dataclasses
import json
import uuid
from datetime import datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from game.engine import AttemptRecord
from game.storage.lrs import LrsConfig, statements_for
from game.storage.lrs.statements import LONGEST_ANSWER_SECONDS, actor_for
from game.storage.reports import ReportQuery, cohort_csv
from game.storage.reports.from_lrs import gather, in_memory
from game.storage.reports.queries import cohort_of
from game.storage.trainees import Trainee
from tests.lrs.test_statements import ANA, BEN, ENDED, STARTED, drawn_attempt, emails, names
from tests.storage.report_cohort import played

CONFIG = LrsConfig("http://127.0.0.1:8100/xAPI/", "composure", "secret", activity_base="https://lrs.example/c/")
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
# What a damaged statement might hold in place of a value: near misses of what Composure sends, and anything.
DAMAGE = (
    st.sampled_from(["", "x", "\ud800", -1, 0, 101, 0.5, 1e300, True, None, [], {}, "2026-13-01T00:00:00Z"])
    | st.sampled_from(["mailto:", "mailto:nobody", str(uuid.uuid4()), CONFIG.activity_base + "scenarios/other"])
    | ANY_JSON
)


def sent(attempt: AttemptRecord) -> AttemptRecord:
    """The attempt as its statements carry it: without the debrief's words, with only the answer times measured."""

    def carried(seconds: float | None) -> float | None:
        return seconds if seconds is not None and 0 <= seconds <= LONGEST_ANSWER_SECONDS else None

    answers = tuple(dataclasses.replace(a, feedback="", seconds=carried(a.seconds)) for a in attempt.answers)
    return dataclasses.replace(attempt, answers=answers)


def through_json(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return json.loads(json.dumps(statements, allow_nan=False))


def utc(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds") + "Z"


def reportable(entries: Any) -> None:
    """What was gathered goes into the results schema, and the report's queries and CSV read it."""
    connection = in_memory(entries)
    try:
        if entries:
            assert cohort_csv(cohort_of(connection, ReportQuery(), "an LRS")).startswith(b"\xef\xbb\xbfTrainee,")
    finally:
        connection.close()


@given(name=names(), email=emails(), data=st.data())
def test_any_attempt_comes_back_as_it_was_sent_whatever_the_lrs_answers_around_it(
    name: str, email: str, data: st.DataObject
) -> None:
    attempt = drawn_attempt(data)
    started = data.draw(st.datetimes(datetime(2000, 1, 1), datetime(2099, 1, 1)), label="started")
    ended = started + timedelta(seconds=data.draw(st.floats(0, 86400 * 3, allow_nan=False), label="took"))
    trainee = Trainee(uuid.uuid4().hex, name, email)
    statements = through_json(statements_for(trainee, attempt, utc(started), utc(ended), CONFIG))
    repeated = data.draw(st.lists(st.sampled_from(statements), max_size=4), label="sent twice")
    others = data.draw(st.lists(ANY_JSON, max_size=3), label="other apps' statements")
    held = data.draw(st.permutations(statements + copy.deepcopy(repeated) + others), label="as the LRS answers")
    gathered = gather(held, CONFIG.activity_base)
    assert gathered.skipped == 0
    [entry] = gathered.entries
    assert entry.attempt == sent(attempt)
    assert (entry.started_at, entry.ended_at) == (utc(started), utc(ended))
    by_mail = "mbox" in actor_for(trainee, CONFIG)
    assert (entry.trainee_name, entry.trainee_email) == (name, email if by_mail else "")
    reportable(gathered.entries)


def test_the_same_e_mail_is_one_trainee_named_as_in_their_latest_attempt() -> None:
    walk_in = played("angry-walk-in", "best", 1)
    renamed = Trainee("c" * 32, "Ana Ruiz-Pérez", "ANA@example.org")  # another machine, the e-mail typed in capitals
    later = "2026-12-02T09:00:00.000Z"
    statements = [
        *statements_for(renamed, walk_in, "2026-12-02T08:55:00.000Z", later, CONFIG),
        *statements_for(ANA, walk_in, STARTED, ENDED, CONFIG),
        *statements_for(BEN, walk_in, STARTED, ENDED, CONFIG),
    ]
    entries = gather(through_json(statements), CONFIG.activity_base).entries
    entries = tuple(sorted(entries, key=lambda entry: (entry.ended_at, entry.trainee_name)))  # ties: either way
    assert [(entry.trainee_name, entry.trainee_email, entry.ended_at) for entry in entries] == [
        ("Ana Ruiz-Pérez", "ANA@example.org", ENDED),
        ("Ben Okafor", "", ENDED),
        ("Ana Ruiz-Pérez", "ANA@example.org", later),
    ]
    assert entries[0].trainee_id == entries[2].trainee_id != entries[1].trainee_id


def test_an_attempt_the_lrs_holds_no_end_of_is_left_out_and_its_statements_counted() -> None:
    walk_in = played("angry-walk-in", "worst", 2)
    statements = through_json(statements_for(BEN, walk_in, STARTED, ENDED, CONFIG))
    gathered = gather(statements[:-2], CONFIG.activity_base)
    assert (gathered.entries, gathered.skipped) == ((), len(statements) - 2)
    one_end = gather(statements[:-1], CONFIG.activity_base)
    assert (len(one_end.entries), one_end.skipped) == (1, 0)


def paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value, its own first."""
    places = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            places += paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            places += paths(inner, (*path, index))
    return places


def damage(statement: dict[str, Any], data: st.DataObject) -> None:
    """One place of the statement deleted or replaced by something else."""
    place = data.draw(st.sampled_from(paths(statement)[1:]), label="where")
    holder = statement
    for step in place[:-1]:
        holder = holder[step]
    if isinstance(holder, dict) and data.draw(st.booleans(), label="deleted"):
        del holder[place[-1]]
    else:
        holder[place[-1]] = data.draw(DAMAGE, label="instead")


WALK_IN_WORST = played("angry-walk-in", "worst", 2)
SENT = through_json(statements_for(ANA, WALK_IN_WORST, STARTED, ENDED, CONFIG))


@given(data=st.data())
def test_one_damaged_statement_is_skipped_and_counted_and_costs_nothing_else(data: st.DataObject) -> None:
    statements = copy.deepcopy(SENT)
    index = data.draw(st.integers(0, len(statements) - 1), label="which statement")
    damage(statements[index], data)
    gathered = gather(statements, CONFIG.activity_base)
    assert gathered.skipped <= 1
    answers = len(WALK_IN_WORST.answers)
    if 0 < index <= answers:  # an answer: lost or kept, and the attempt stands
        [entry] = gathered.entries
        assert len(entry.attempt.answers) + gathered.skipped == answers
    else:  # its start or one of its two ends: the attempt stands (twice when an end went to another registration)
        assert 1 <= len(gathered.entries) <= 2
        assert all(len(entry.attempt.answers) == answers for entry in gathered.entries[:1])
    reportable(gathered.entries)


@given(statements=st.lists(ANY_JSON, max_size=5))
def test_anything_at_all_is_read_without_a_traceback(statements: list[Any]) -> None:
    gathered = gather(statements, CONFIG.activity_base)
    assert (gathered.entries, gathered.skipped) == ((), 0)  # none of it is about Composure's scenarios
