"""Properties of the results history, over generated values: what `record` stores comes back the same
through history, standings, broken principles and the answers table; an attempt survives its trip
through the outbox's plain form; and whatever bytes stand in the database file, opening it never
raises and never loses them."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from game.engine import TIME_LIMITS, AnswerRecord, AttemptRecord
from game.storage.results import ResultsStore, open_results
from game.storage.results_entry import Entry, from_plain, to_plain
from game.storage.results_file import RESULTS_FILE
from game.storage.results_queries import AttemptSummary
from game.storage.trainees import Trainee
from tests.storage.results_played import ANA, attempt, utc, walk_in

texts = st.text(max_size=30)
whole = st.integers(min_value=-(2**63), max_value=2**63 - 1)
finite = st.floats(allow_nan=False, allow_infinity=False)
answers = st.builds(
    AnswerRecord,
    node=texts,
    choice_id=texts,
    text=texts,
    seconds=st.none() | finite,
    anger_before=whole,
    anger_after=whole,
    principle=st.sampled_from(["", "listen-first", "no-blaming-questions", "tell-the-truth"]),
    principle_name=texts,
    quality=st.floats(min_value=0, max_value=1),
    best=st.booleans(),
    worst=st.booleans(),
    feedback=texts,
    better_text=texts,
)
attempts = st.builds(
    AttemptRecord,
    scenario_id=st.sampled_from(["angry-walk-in", "phone-notes"]),
    scenario_title=texts,
    scenario_digest=texts,
    difficulty=whole,
    seed=whole,
    temperament=whole,
    time_limits=st.sampled_from(TIME_LIMITS),
    ending=texts,
    outcome=st.sampled_from(["resolved", "partial", "escalated", "lost"]),
    composure=whole,
    assertiveness=whole,
    resolution=whole,
    overall=st.sampled_from([35, 60, 82, 100]),  # few values, so that attempts tie for the best
    grade=st.sampled_from("ABCDE"),
    answers=st.lists(answers, max_size=6).map(tuple),
)
trainees = st.builds(Trainee, id=st.text(min_size=1, max_size=32), name=texts, email=texts)
# Each attempt starts at its own moment (the database's key); ends may tie, and then the one stored first is first.
played = st.lists(st.tuples(attempts, st.integers(0, 5)), min_size=1, max_size=5)


@contextmanager
def store_in_a_new_folder() -> Iterator[tuple[ResultsStore, Path]]:
    with tempfile.TemporaryDirectory() as folder:
        opened = open_results(Path(folder))
        assert opened.message == "" and opened.store is not None
        try:
            yield opened.store, Path(folder)
        finally:
            opened.store.close()


def answers_stored(folder: Path) -> list[AnswerRecord]:
    with closing(sqlite3.connect(folder / RESULTS_FILE)) as connection:
        rows = connection.execute(
            "SELECT node, choice_id, text, seconds, anger_before, anger_after, principle, principle_name, quality, "
            "best, worst, feedback, better_text FROM answers ORDER BY attempt_id, position"
        ).fetchall()
    return [AnswerRecord(*row[:9], bool(row[9]), bool(row[10]), *row[11:]) for row in rows]


@given(trainee=trainees, played=played)
def test_what_is_recorded_comes_back_the_same(trainee: Trainee, played: list[tuple[AttemptRecord, int]]) -> None:
    with store_in_a_new_folder() as (store, folder):
        for start, (record, end) in enumerate(played):
            store.record(trainee, record, utc(start), utc(100 + end))
        in_order = sorted(range(len(played)), key=lambda index: played[index][1])  # stable: stored first, first
        history = store.history(trainee.id)
        assert [
            AttemptSummary(
                summary.attempt_id,
                record.scenario_id,
                record.scenario_title,
                utc(100 + end),
                record.outcome,
                record.overall,
                record.grade,
                record.composure,
                record.assertiveness,
                record.resolution,
            )
            for summary, (record, end) in zip(history, (played[index] for index in in_order), strict=True)
        ] == history
        assert answers_stored(folder) == [answer for record, _ in played for answer in record.answers]
        with closing(sqlite3.connect(folder / RESULTS_FILE)) as connection:
            limits = connection.execute("SELECT time_limits FROM attempts ORDER BY id").fetchall()
        assert limits == [(record.time_limits,) for record, _ in played]
        for scenario_id, standing in store.standings(trainee.id).items():
            mine = [played[index] for index in in_order if played[index][0].scenario_id == scenario_id]
            best = max(reversed(mine), key=lambda pair: pair[0].overall)  # the later of equals
            assert (standing.attempts, standing.best_overall, standing.best_grade) == (
                len(mine),
                best[0].overall,
                best[0].grade,
            )
            assert (standing.last_overall, standing.last_grade, standing.last_played) == (
                mine[-1][0].overall,
                mine[-1][0].grade,
                utc(100 + mine[-1][1]),
            )
        assert {item.principle: item.times for item in store.broken_principles(trainee.id, limit=10)} == broken_counts(
            played
        )


def broken_counts(played: list[tuple[AttemptRecord, int]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for record, _ in played:
        for answer in record.answers:
            if not answer.best and answer.principle:
                counts[answer.principle] = counts.get(answer.principle, 0) + 1
    return counts


@given(trainee=trainees, record=attempts, started=texts, ended=texts)
def test_an_attempt_survives_the_outbox_plain_form(
    trainee: Trainee, record: AttemptRecord, started: str, ended: str
) -> None:
    entry = Entry(trainee.id, trainee.name, trainee.email, record, started, ended)
    assert from_plain(json.loads(json.dumps(to_plain(entry)))) == entry


def mutations(value: Any) -> st.SearchStrategy[Any]:
    """`value` with one part somewhere inside it replaced, removed or added."""
    odd = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5) | st.just([]) | st.just({})
    if isinstance(value, dict) and value:
        return st.sampled_from(sorted(value)).flatmap(
            lambda key: (
                odd.map(lambda new: value | {key: new})
                | st.just({k: v for k, v in value.items() if k != key})
                | mutations(value[key]).map(lambda new: value | {key: new})
            )
        )
    if isinstance(value, list) and value:
        return st.integers(0, len(value) - 1).flatmap(
            lambda index: mutations(value[index]).map(lambda new: [*value[:index], new, *value[index + 1 :]])
        ) | odd.map(lambda new: [*value, new])
    return odd


@given(st.data())
def test_a_damaged_plain_attempt_is_refused_with_a_reason_or_read_whole(data: st.DataObject) -> None:
    plain = json.loads(json.dumps(to_plain(Entry(ANA.id, ANA.name, ANA.email, data.draw(attempts), "s", "e"))))
    damaged = data.draw(mutations(plain))
    try:
        entry = from_plain(damaged)
    except ValueError as refusal:
        assert str(refusal)
    else:
        assert json.loads(json.dumps(to_plain(entry))) == json.loads(json.dumps(damaged))


@cache
def real_database() -> bytes:
    with store_in_a_new_folder() as (store, folder):
        scenario = walk_in()
        for seed in range(3):
            store.record(ANA, attempt(scenario, seed), utc(seed), utc(seed + 1))
        store.close()
        return (folder / RESULTS_FILE).read_bytes()


def damaged_database() -> st.SearchStrategy[bytes]:
    """A real database cut short, or with a stretch of it overwritten."""
    real = st.builds(real_database)
    cut = real.flatmap(lambda data: st.integers(0, len(data) - 1).map(lambda end: data[:end]))
    overwritten = real.flatmap(
        lambda data: st.tuples(st.integers(0, len(data) - 1), st.binary(min_size=1, max_size=64)).map(
            lambda change: data[: change[0]] + change[1] + data[change[0] + len(change[1]) :]
        )
    )
    return cut | overwritten


@given(data=st.binary(max_size=4096) | damaged_database())
def test_whatever_stands_in_the_database_file_opening_never_raises_and_keeps_it(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / RESULTS_FILE).write_bytes(data)
        opened = open_results(folder)
        if opened.store is not None:
            opened.store.close()
        kept = [
            path for path in folder.glob(f"{RESULTS_FILE}.unreadable-*") if not path.name.endswith(("-wal", "-shm"))
        ]
        if kept:
            [moved] = kept
            assert moved.read_bytes() == data and moved.name in opened.message
        else:  # opened as it stood (or refused, from a newer Composure): not a byte changed
            assert data == b"" or (folder / RESULTS_FILE).read_bytes() == data
