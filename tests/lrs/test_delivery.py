"""Attempts played by the engine, stored by the real ResultsStore in a real SQLite file, delivered to a
real Ralph LRS and read back through its xAPI API: every statement there exactly once, whatever fails."""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
import time
from pathlib import Path

import pytest

from game.engine import AttemptRecord
from game.storage.errors import StorageError
from game.storage.lrs import LrsConfig
from game.storage.lrs import outbox as statements_outbox
from game.storage.lrs.sender import BATCH, sync_once
from game.storage.results import ResultsStore, keep_for_later, open_results
from game.storage.results_entry import Entry
from tests.lrs.conftest import PASSWORD, USERNAME, RealLrs
from tests.lrs.proxy import Proxy, proxy_to
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


def test_one_statement_the_lrs_refuses_is_kept_aside_and_the_rest_of_its_batch_is_sent(
    real_lrs: RealLrs, records: list[AttemptRecord], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = lrs_folder(tmp_path, real_lrs, monkeypatch)
    store = opened(tmp_path)
    ids = play(store, records[:2], first_minute=400)
    spoiled = sorted(ids)[len(ids) // 3]
    store.connection.execute(  # as if a bug had written it without a verb, which no LRS takes
        "UPDATE lrs_outbox SET statement = json_remove(statement, '$.verb') WHERE statement_id = ?", (spoiled,)
    )
    report = sync_once(store.connection, config)
    assert (report.sent, report.refused, report.waiting) == (len(ids) - 1, 1, 0)
    state, reason = store.connection.execute(
        "SELECT state, reason FROM lrs_outbox WHERE statement_id = ?", (spoiled,)
    ).fetchone()
    assert state == "refused"  # Ralph says 422 (unprocessable), another LRS 400: the same sentence of ours
    assert re.fullmatch(rf"the LRS at {re.escape(config.endpoint)} refused the statements \(HTTP 4\d\d\)", reason)
    assert held_once(real_lrs, ids - {spoiled})


def test_an_attempt_kept_for_later_is_sent_once_it_is_stored(
    real_lrs: RealLrs, records: list[AttemptRecord], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The results could not take the attempt, so it waited in outbox/: its statements are made when
    it is brought in, and only then, so a second opening queues nothing more."""
    config = lrs_folder(tmp_path, real_lrs, monkeypatch)
    entry = Entry(ANA.id, ANA.name, ANA.email, records[0], utc(500), utc(505))
    with pytest.raises(StorageError):
        keep_for_later(tmp_path, entry, "the results were busy")
    store = opened(tmp_path)
    ids = queued_ids(store)
    assert len(ids) == len(records[0].answers) + 3
    assert queued_ids(opened(tmp_path)) == ids
    assert sync_once(store.connection, config).sent == len(ids)
    assert held_once(real_lrs, ids)


def test_a_statement_the_lrs_fails_on_waits_alone_while_the_rest_are_sent(
    real_lrs: RealLrs, records: list[AttemptRecord], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP 500 for one statement, every time: the batch is split until it stands alone, the others go,
    and it waits for its next try (the LRS's trouble may pass) without holding anything back."""
    config = lrs_folder(tmp_path, real_lrs, monkeypatch)
    store = opened(tmp_path)
    ids = play(store, records[:2], first_minute=600)
    failing = sorted(ids)[len(ids) // 2]
    with proxy_to(real_lrs.port, fail_containing=failing.encode()) as proxy:
        through = dataclasses.replace(config, endpoint=proxy.endpoint())
        report = sync_once(store.connection, through)
        assert (report.sent, report.refused, report.waiting) == (len(ids) - 1, 0, 1)
        assert report.problem == f"the LRS at {through.endpoint} had a problem of its own (HTTP 500)"
        assert sync_once(store.connection, through, now=lambda: 10**10).waiting == 1
    assert held_once(real_lrs, ids - {failing})
    assert sync_once(store.connection, config, now=lambda: 10**11).sent == 1
    assert held_once(real_lrs, ids)


def test_an_lrs_failing_on_everything_is_not_sent_each_statement_alone(
    real_lrs: RealLrs, records: list[AttemptRecord], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP 500 for every request: after a few halvings the sender sees it is the LRS, and stops."""
    config = lrs_folder(tmp_path, real_lrs, monkeypatch)
    store = opened(tmp_path)
    ids = play(store, records * 2, first_minute=700)
    with proxy_to(real_lrs.port, fail_containing=b"/xAPI/statements") as proxy:
        report = sync_once(store.connection, dataclasses.replace(config, endpoint=proxy.endpoint()))
    assert (report.sent, report.waiting) == (0, len(ids))
    assert proxy.received <= 2 + BATCH.bit_length(), "a halving per level and one sibling, not one per statement"


def test_the_lrs_stopped_in_the_middle_of_a_send_loses_and_doubles_nothing(
    real_lrs: RealLrs,
    records: list[AttemptRecord],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    """The LRS goes down while the sender is between batches, and attempts go on being played while
    it is down; once it is back, everything arrives once."""
    config = lrs_folder(tmp_path, real_lrs, monkeypatch)
    store = opened(tmp_path)
    ids = play(store, records * 2, first_minute=800)
    with proxy_to(real_lrs.port, delay=0.3) as proxy:
        through = dataclasses.replace(config, endpoint=proxy.endpoint())
        stopper = threading.Thread(target=stop_after_first_batch, args=(real_lrs, proxy))
        stopper.start()
        try:
            report = sync_once(store.connection, through)
        finally:
            stopper.join()
            request.addfinalizer(lambda: real_lrs.process or real_lrs.start())  # the next tests need it
        assert (report.sent, report.waiting) == (BATCH, len(ids) - BATCH)
        assert "broke off" in report.problem
        ids |= play(store, records, first_minute=900)  # played while the LRS is down
        assert sync_once(store.connection, through, now=lambda: 10**10).sent == 0
        real_lrs.start()
        again = sync_once(store.connection, through, now=lambda: 10**11)
    assert (again.sent, again.waiting) == (len(ids) - BATCH, 0)
    assert held_once(real_lrs, ids)


def stop_after_first_batch(lrs: RealLrs, proxy: Proxy) -> None:
    """Stop the LRS once the second batch has reached the proxy, before the proxy passes it on."""
    give_up = time.monotonic() + 60
    while proxy.received < 2 and time.monotonic() < give_up:
        time.sleep(0.01)
    lrs.stop()


def test_a_batch_refused_for_one_id_the_lrs_holds_is_split_and_the_rest_stored(
    real_lrs: RealLrs, records: list[AttemptRecord], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some LRSs answer a whole batch with 409 when one id in it is held already, storing none of it:
    only that statement counts as held, and the others go in smaller batches."""
    config = lrs_folder(tmp_path, real_lrs, monkeypatch)
    store = opened(tmp_path)
    ids = play(store, records[:2], first_minute=1000)
    held_already = sorted(ids)[1]
    with proxy_to(real_lrs.port, fail_containing=held_already.encode(), fail_status=409) as proxy:
        report = sync_once(store.connection, dataclasses.replace(config, endpoint=proxy.endpoint()))
    assert (report.sent, report.refused, report.waiting, report.problem) == (len(ids), 0, 0, "")
    assert held_once(real_lrs, ids - {held_already})


def test_an_endpoint_that_is_not_the_xapi_address_keeps_every_statement_waiting(
    real_lrs: RealLrs, records: list[AttemptRecord], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP 404: the settings are wrong, not the statements, so none is refused for good."""
    config = lrs_folder(tmp_path, real_lrs, monkeypatch)
    store = opened(tmp_path)
    ids = play(store, records[:1], first_minute=1100)
    wrong = dataclasses.replace(config, endpoint=f"http://127.0.0.1:{real_lrs.port}/lms/")
    report = sync_once(store.connection, wrong)
    assert (report.sent, report.refused, report.waiting, report.status) == (0, 0, len(ids), 404)
    assert report.problem == f"the LRS has no statements at {wrong.endpoint}statements (HTTP 404): check the endpoint"
