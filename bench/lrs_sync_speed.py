"""What connecting an LRS costs, and how fast the outbox empties: `python3 bench/lrs_sync_speed.py [--attempts N]`.

Three figures, each as a ratio against a baseline in the same run:

1. Storing an attempt at the end of a conversation (ResultsStore.record, one transaction) with an
   LRS configured, which also makes the attempt's statements and queues them, against the same
   attempts stored with no LRS: the extra wait a trainee has before the debrief.
2. Sending: `sync_once` emptying the outbox of N attempts into a real Ralph LRS (its file backend,
   on 127.0.0.1, started here as the tests start it), against a baseline of POSTing the very same
   batches of statements with urllib and nothing else (no outbox to read or settle). Each of the
   two goes to a new, empty LRS, since Ralph's file backend slows as its file grows.
3. `report --from-lrs`'s reading: the cohort of those attempts read back from the LRS (every page,
   put back together, the report's queries on an in-memory database) against the same cohort read
   from the local results database.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import AttemptRecord  # after the root is on sys.path
from game.storage.lrs import LrsConfig
from game.storage.lrs.sender import BATCH, ask, sync_once
from game.storage.reports import ReportQuery, read_cohort
from game.storage.reports.from_lrs import read_cohort_from_lrs
from game.storage.results import open_results
from tests.lrs.conftest import PASSWORD, USERNAME, RealLrs
from tests.storage.results_played import ANA, BEN, attempt, utc, walk_in

VARIABLES = ("COMPOSURE_LRS_ENDPOINT", "COMPOSURE_LRS_USERNAME", "COMPOSURE_LRS_PASSWORD")


def store_all(folder: Path, records: list[AttemptRecord], lrs: LrsConfig | None) -> tuple[float, int]:
    """Store every record in a new results database in `folder`; the seconds per attempt (median)
    and how many statements were queued."""
    for name, value in zip(VARIABLES, (lrs.endpoint, lrs.username, lrs.password) if lrs else ("", "", ""), strict=True):
        os.environ[name] = value
    store = open_results(folder).store
    assert store is not None and (store.lrs is None) == (lrs is None)
    times = []
    for index, record in enumerate(records):
        started = time.perf_counter()
        store.record((ANA, BEN)[index % 2], record, utc(60 * index), utc(60 * index + 30))
        times.append(time.perf_counter() - started)
    queued = store.connection.execute("SELECT count(*) FROM lrs_outbox").fetchone()[0]
    store.close()
    return statistics.median(times), queued


def post_directly(folder: Path, config: LrsConfig) -> float:
    """The baseline: the queued statements, with fresh ids, POSTed in the sender's batches, nothing else."""
    store = open_results(folder).store
    assert store is not None
    statements = [json.loads(row[0]) for row in store.connection.execute("SELECT statement FROM lrs_outbox")]
    store.close()
    for statement in statements:
        statement["id"] = str(uuid.uuid4())
    started = time.perf_counter()
    for first in range(0, len(statements), BATCH):
        body = json.dumps(statements[first : first + BATCH], ensure_ascii=False).encode("utf-8")
        answer = ask(config, "statements", body)
        assert 200 <= answer.status < 300, answer.problem
    return time.perf_counter() - started


def sync_all(folder: Path, config: LrsConfig) -> tuple[float, int]:
    store = open_results(folder).store
    assert store is not None
    started = time.perf_counter()
    report = sync_once(store.connection, config)
    taken = time.perf_counter() - started
    assert (report.waiting, report.problem) == (0, ""), report
    store.close()
    return taken, report.sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attempts", type=int, default=200, help="attempts to store and send (default 200)")
    parser.add_argument("--runs", type=int, default=3, help="runs of the sending figure (default 3)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="composure-lrs-bench-"))
    try:
        run(work, args.attempts, args.runs)
    finally:
        shutil.rmtree(work)


@contextmanager
def fresh_lrs(folder: Path) -> Iterator[RealLrs]:
    """A Ralph LRS holding nothing yet: its file backend reads what it holds on every POST, so each
    figure is measured from the same empty start."""
    lrs = RealLrs(folder)
    folder.mkdir()
    try:
        lrs.make_credentials()
        lrs.start()
        yield lrs
    finally:
        lrs.stop()


def run(work: Path, attempts: int, runs: int) -> None:
    scenario = walk_in()
    records = [attempt(scenario, seed) for seed in range(attempts)]
    config = LrsConfig("http://127.0.0.1:9/xAPI/", USERNAME, PASSWORD)  # only queued to: nothing is sent
    without, _ = store_all(work / "without", records, None)
    with_lrs, queued = store_all(work / "with", records, config)
    print(f"{attempts} attempts at The Letter in Red, {queued} statements ({queued / attempts:.1f} per attempt)")
    print("\nstoring one attempt at the end of a conversation (median):")
    print(f"  {'baseline: no LRS configured':<50} {without * 1000:7.2f} ms")
    label = "an LRS configured (statements made and queued)"
    print(f"  {label:<50} {with_lrs * 1000:7.2f} ms  {with_lrs / without:4.2f}x")
    print(f"\nsending {queued} statements in batches of {BATCH} to a new Ralph (file backend), median of {runs}:")
    direct, synced, local, from_lrs = [], [], [], []
    for run_number in range(runs):
        folder = work / f"send-{run_number}"
        with fresh_lrs(work / f"ralph-{run_number}-direct") as lrs:
            store_all(folder, records, config)
            direct.append(post_directly(folder, dataclasses.replace(config, endpoint=lrs.endpoint)))
        with fresh_lrs(work / f"ralph-{run_number}-sync") as lrs:
            taken, sent = sync_all(folder, dataclasses.replace(config, endpoint=lrs.endpoint))
            local.append(seconds(lambda: read_cohort(folder, ReportQuery())))  # noqa: B023 - called at once
            remote = dataclasses.replace(config, endpoint=lrs.endpoint)
            from_lrs.append(seconds(lambda: read_cohort_from_lrs(remote, ReportQuery())))  # noqa: B023
        assert sent == queued
        synced.append(taken)
    baseline, taken = statistics.median(direct), statistics.median(synced)
    label = "baseline: the same batches POSTed with urllib"
    print(f"  {label:<50} {baseline:7.2f} s  {queued / baseline:7.0f} statements/s")
    label = "sync_once (read the outbox, send, settle)"
    print(f"  {label:<50} {taken:7.2f} s  {queued / taken:7.0f} statements/s  {taken / baseline:4.2f}x")
    print(f"\nthe cohort a report shows, read from those {attempts} attempts (median of {runs}):")
    here, there = statistics.median(local), statistics.median(from_lrs)
    print(f"  {'baseline: from the local results database':<50} {here * 1000:7.1f} ms")
    label = "from the LRS (every page, rebuilt, the same queries)"
    print(f"  {label:<50} {there * 1000:7.1f} ms  {queued / there:7.0f} statements/s  {there / here:4.0f}x")


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
