"""The outbox: attempts that waited for the database are stored when it next opens, each once, and a
file there that cannot be read is kept aside with a message, never deleted, never in the way."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import AttemptRecord
from game.storage.outbox import OUTBOX, keep
from game.storage.results import open_results
from game.storage.results_entry import PLAIN_VERSION, Entry, to_plain
from game.storage.trainees import Trainee
from tests.storage.results_played import ANA, BEN, attempt, utc, walk_in
from tests.storage.results_words import assert_ours


@pytest.fixture(scope="module")
def attempts() -> list[AttemptRecord]:
    scenario = walk_in()
    return [attempt(scenario, seed) for seed in range(3)]


def entry(record: AttemptRecord, minute: int, trainee: Trainee = ANA) -> Entry:
    return Entry(trainee.id, trainee.name, trainee.email, record, utc(minute * 60), utc(minute * 60 + 30))


def stored_after_opening(folder: Path, trainee_id: str = ANA.id) -> tuple[int, str]:
    opened = open_results(folder)
    assert opened.store is not None
    count = len(opened.store.history(trainee_id))
    opened.store.close()
    return count, opened.message


def test_waiting_attempts_are_stored_when_the_database_opens_and_leave_the_outbox(
    tmp_path: Path, attempts: list[AttemptRecord]
) -> None:
    for minute, record in enumerate(attempts):
        keep(tmp_path, entry(record, minute))
    assert len(list((tmp_path / OUTBOX).iterdir())) == 3
    assert stored_after_opening(tmp_path) == (3, "")
    assert list((tmp_path / OUTBOX).iterdir()) == []


def test_the_same_attempt_kept_twice_is_one_file_and_stored_once(tmp_path: Path, attempts: list[AttemptRecord]) -> None:
    first = keep(tmp_path, entry(attempts[0], 0))
    assert keep(tmp_path, entry(attempts[0], 0)) == first
    assert stored_after_opening(tmp_path) == (1, "")


def test_an_attempt_already_stored_is_not_stored_again(tmp_path: Path, attempts: list[AttemptRecord]) -> None:
    """A game killed after storing what waited, before removing the file, finds it again: harmless."""
    kept = keep(tmp_path, entry(attempts[0], 0))
    saved = kept.read_bytes()
    assert stored_after_opening(tmp_path) == (1, "")
    kept.write_bytes(saved)
    assert stored_after_opening(tmp_path) == (1, "")
    assert not kept.exists()


def test_an_old_name_in_the_outbox_does_not_undo_a_rename(tmp_path: Path, attempts: list[AttemptRecord]) -> None:
    keep(tmp_path, entry(attempts[0], 0, dataclasses.replace(BEN, name="Ben O.")))
    store = open_results(tmp_path).store
    assert store is not None
    store.record(BEN, attempts[1], utc(600), utc(630))
    store.close()
    keep(tmp_path, entry(attempts[2], 2, dataclasses.replace(BEN, name="Ben O.")))
    assert stored_after_opening(tmp_path, BEN.id) == (3, "")
    with sqlite3.connect(tmp_path / "composure.sqlite3") as connection:
        assert connection.execute("SELECT name FROM trainees").fetchall() == [(BEN.name,)]


def test_leftovers_of_an_interrupted_keep_are_removed(tmp_path: Path, attempts: list[AttemptRecord]) -> None:
    kept = keep(tmp_path, entry(attempts[0], 0))
    leftover = kept.with_name(f".{kept.name}.abc123.tmp")
    leftover.write_bytes(b'{"version": 1, "trai')
    assert stored_after_opening(tmp_path) == (1, "")
    assert not leftover.exists()


def plain(record: AttemptRecord) -> dict[str, object]:
    return to_plain(entry(record, 0))


BROKEN = {
    "not JSON": lambda record: b'{"version": 1, "trainee": ',
    "not UTF-8": lambda record: b"\xff\xfe\x00attempt",
    "nested too deep": lambda record: b"[" * 100_000 + b"]" * 100_000,
    "a newer version": lambda record: json.dumps(plain(record) | {"version": PLAIN_VERSION + 1}).encode(),
    "time limits this version does not know": lambda record: json.dumps(
        plain(record) | {"attempt": dataclasses.asdict(record) | {"time_limits": "3x"}}
    ).encode(),
    "a field missing": lambda record: json.dumps({k: v for k, v in plain(record).items() if k != "ended_at"}).encode(),
    "a score as text": lambda record: json.dumps(
        plain(record) | {"attempt": to_plain(entry(record, 0))["attempt"] | {"overall": "82"}}
    ).encode(),
    "a flag as a number": lambda record: json.dumps(
        plain(record)
        | {"attempt": dataclasses.asdict(record) | {"answers": [dataclasses.asdict(record.answers[0]) | {"best": 1}]}}
    ).encode(),
    "a seed too large to store": lambda record: json.dumps(
        plain(record) | {"attempt": dataclasses.asdict(record) | {"seed": 2**70}}
    ).encode(),
    "a quality that is not a number": lambda record: json.dumps(
        plain(record)
        | {
            "attempt": dataclasses.asdict(record)
            | {"answers": [dataclasses.asdict(record.answers[0]) | {"quality": "NaN"}]}
        }
    ).encode(),
}


@pytest.mark.parametrize("damage", BROKEN)
def test_a_file_that_cannot_be_read_is_kept_aside_and_the_rest_are_stored(
    tmp_path: Path, attempts: list[AttemptRecord], damage: str
) -> None:
    keep(tmp_path, entry(attempts[1], 1))
    bad = tmp_path / OUTBOX / "attempt-0000.json"
    data = BROKEN[damage](attempts[0])
    bad.write_bytes(data)
    count, message = stored_after_opening(tmp_path)
    [kept] = (tmp_path / OUTBOX).glob("attempt-0000.json.unreadable-*")
    assert count == 1 and kept.read_bytes() == data
    assert message == f"An attempt waiting to be stored could not be read, so it was kept as {OUTBOX}/{kept.name}."
    assert_ours(message)
    assert stored_after_opening(tmp_path) == (1, "")  # and it is not read again


def test_a_folder_in_the_outbox_is_moved_aside_not_read(tmp_path: Path) -> None:
    (tmp_path / OUTBOX / "attempt-folder.json").mkdir(parents=True)
    count, message = stored_after_opening(tmp_path)
    assert count == 0 and "attempt-folder.json.unreadable-" in message


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=2000)
    | st.builds(
        lambda value: json.dumps(value).encode(),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
            lambda children: (
                st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
            ),
            max_leaves=20,
        ),
    )
)
def test_any_bytes_in_the_outbox_are_kept_and_never_stop_the_game(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    folder = tmp_path_factory.mktemp("outbox")
    (folder / OUTBOX).mkdir()
    (folder / OUTBOX / "attempt-any.json").write_bytes(data)
    count, message = stored_after_opening(folder)
    [kept] = (folder / OUTBOX).glob("attempt-any.json.unreadable-*")
    assert count == 0 and kept.read_bytes() == data and kept.name in message
