"""Attempts played by the engine, stored by the real ResultsStore in a real SQLite file, delivered to a
real Ralph LRS and read back through its xAPI API: every statement there exactly once, whatever fails."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pytest

from game.engine import AttemptRecord
from game.storage.lrs import LrsConfig
from game.storage.lrs import outbox as statements_outbox
from game.storage.lrs.sender import BATCH, sync_once
from game.storage.results import ResultsStore, open_results
from tests.lrs.conftest import PASSWORD, USERNAME, RealLrs
from tests.lrs.proxy import proxy_to
from tests.storage.results_played import ANA, BEN, attempt, utc, walk_in


@pytest.fixture(scope="module")
def records() -> list[AttemptRecord]:
    scenario = walk_in()
    return [attempt(scenario, seed) for seed in range(4)]


def lrs_folder(folder: Path, lrs: RealLrs, monkeypatch: pytest.MonkeyPatch, password: str = PASSWORD) -> LrsConfig:
    """Configure the data folder's LRS as a trainer would: through the COMPOSURE_LRS_* variables."""
    monkeypatch.setenv("COMPOSURE_LRS_ENDPOINT", lrs.endpoint)
    monkeypatch.setenv("COMPOSURE_LRS_USERNAME", USERNAME)
    monkeypatch.setenv("COMPOSURE_LRS_PASSWORD", password)
    return LrsConfig(lrs.endpoint, USERNAME, password)


def opened(folder: Path) -> ResultsStore:
    result = open_results(folder)
    assert result.message == "" and result.store is not None, result.message
    return result.store


def play(store: ResultsStore, records: list[AttemptRecord], first_minute: int = 0) -> set[str]:
    """Record `records` (alternating trainees); the ids of the statements queued for them."""
    before = queued_ids(store)
    for index, record in enumerate(records):
        minute = first_minute + 10 * index
        store.record((ANA, BEN)[index % 2], record, utc(minute), utc(minute + 5))
    return queued_ids(store) - before


def queued_ids(store: ResultsStore) -> set[str]:
    return {row[0] for row in store.connection.execute("SELECT statement_id FROM lrs_outbox")}


def held_once(lrs: RealLrs, ids: set[str]) -> bool:
    held = [statement["id"] for statement in lrs.statements() if statement["id"] in ids]
    assert len(held) == len(set(held)), "the LRS holds a statement twice"
    return set(held) == ids


def test_every_statement_of_every_attempt_reaches_the_lrs_once(
    real_lrs: RealLrs, records: list[AttemptRecord], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = lrs_folder(tmp_path, real_lrs, monkeypatch)
    store = opened(tmp_path)
    ids = play(store, records)
    assert len(ids) == sum(len(record.answers) + 3 for record in records)
    report = sync_once(store.connection, config)
    assert (report.sent, report.refused, report.waiting, report.problem) == (len(ids), 0, 0, "")
    assert held_once(real_lrs, ids)
    again = sync_once(store.connection, config)
    assert (again.sent, again.waiting) == (0, 0)
    assert held_once(real_lrs, ids)
    registration = next(
        iter(store.connection.execute("SELECT json_extract(statement, '$.context.registration') FROM lrs_outbox"))
    )[0]
    by_registration = real_lrs.statements(f"registration={registration}")
    assert len(by_registration) == len(records[0].answers) + 3


def test_a_resend_after_the_connection_was_cut_is_held_once(
    real_lrs: RealLrs, records: list[AttemptRecord], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The LRS stored the first batch, then the connection was cut before its answer came back: the
    outbox still says waiting, the resend carries the same ids, and the LRS holds each once."""
    with proxy_to(real_lrs.port, cut_after_storing=1) as proxy:
        config = dataclasses.replace(lrs_folder(tmp_path, real_lrs, monkeypatch), endpoint=proxy.endpoint())
        store = opened(tmp_path)
        ids = play(store, records * 2, first_minute=100)
        assert len(ids) > BATCH, "more than one batch, so the cut one is not the only one"
        report = sync_once(store.connection, config)
        assert (proxy.passed, proxy.cut, report.sent) == (1, 1, 0)
        assert "broke off" in report.problem
        first_batch = ids & {statement["id"] for statement in real_lrs.statements()}
        assert len(first_batch) == BATCH, "the LRS stored the batch whose answer was lost"
        again = sync_once(store.connection, config, now=lambda: 10**10)
    assert (again.sent, again.refused, again.waiting) == (len(ids), 0, 0)
    assert held_once(real_lrs, ids)


def test_wrong_credentials_say_so_and_keep_the_statements_waiting(
    real_lrs: RealLrs,
    records: list[AttemptRecord],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    wrong = "not-the-password-9876"
    config = lrs_folder(tmp_path, real_lrs, monkeypatch, password=wrong)
    store = opened(tmp_path)
    caplog.set_level(logging.DEBUG)
    ids = play(store, records[:1], first_minute=200)
    report = sync_once(store.connection, config)
    assert (report.sent, report.refused, report.waiting) == (0, 0, len(ids))
    assert "does not accept the user name and password" in report.problem
    counts = statements_outbox.counts(store.connection)
    assert (counts.waiting, counts.sent, counts.refused) == (len(ids), 0, 0)
    reasons = [row[0] for row in store.connection.execute("SELECT reason FROM lrs_outbox")]
    for said in [report.problem, repr(report), repr(config), caplog.text, *reasons]:
        assert wrong not in said and PASSWORD not in said
    right = dataclasses.replace(config, password=PASSWORD)
    assert sync_once(store.connection, right).sent == 0, "a failed batch waits for its next try"
    assert sync_once(store.connection, right, now=lambda: 10**10).sent == len(ids)
    assert held_once(real_lrs, ids)


def test_statements_wait_while_the_lrs_is_stopped_and_go_when_it_is_back(
    real_lrs: RealLrs, records: list[AttemptRecord], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = lrs_folder(tmp_path, real_lrs, monkeypatch)
    store = opened(tmp_path)
    ids = play(store, records, first_minute=300)
    real_lrs.stop()
    try:
        report = sync_once(store.connection, config)
        assert (report.sent, report.waiting) == (0, len(ids))
        assert "nothing answers at" in report.problem
    finally:
        real_lrs.start()
    assert sync_once(store.connection, config, now=lambda: 10**10).sent == len(ids)
    assert held_once(real_lrs, ids)


def test_no_lrs_configured_queues_nothing(records: list[AttemptRecord], tmp_path: Path) -> None:
    store = opened(tmp_path)
    assert store.lrs is None
    assert play(store, records[:2]) == set()
    assert store.history(ANA.id)
