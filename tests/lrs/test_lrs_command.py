"""`python3 main.py lrs check|sync|status`, run as whoever looks after the LRS runs it, against the
real Ralph LRS: what it says for every way the connection can go wrong (never a traceback, never the
password), and sending that resumes after the command was killed in the middle of a send."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.engine import AttemptRecord
from game.storage.results import open_results
from tests.cli.test_cli import run
from tests.lrs.conftest import PASSWORD, USERNAME, RealLrs, free_port
from tests.lrs.proxy import proxy_to
from tests.paths import ROOT
from tests.storage.results_played import ANA, BEN, attempt, utc, walk_in

HANG_GUARD = 60.0


@pytest.fixture(scope="module")
def records() -> list[AttemptRecord]:
    scenario = walk_in()
    return [attempt(scenario, seed) for seed in range(4)]


def settings(endpoint: str, password: str = PASSWORD) -> dict[str, str]:
    return {
        "COMPOSURE_LRS_ENDPOINT": endpoint,
        "COMPOSURE_LRS_USERNAME": USERNAME,
        "COMPOSURE_LRS_PASSWORD": password,
    }


@pytest.fixture
def unset(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No COMPOSURE_LRS_* variable from the machine running the tests leaks into a command."""
    for name in settings(""):
        monkeypatch.delenv(name, raising=False)
    yield


def recorded(
    folder: Path, records: list[AttemptRecord], monkeypatch: pytest.MonkeyPatch, environ: dict[str, str]
) -> int:
    """Attempts stored in the data folder as the game stores them, with `environ` as the LRS settings
    (empty: none set up); returns how many statements they make."""
    with monkeypatch.context() as patched:
        for name, value in environ.items():
            patched.setenv(name, value)
        store = open_results(folder).store
        assert store is not None
        for index, record in enumerate(records):
            store.record((ANA, BEN)[index % 2], record, utc(10 * index), utc(10 * index + 5))
        store.close()
    return sum(len(record.answers) + 3 for record in records)


def lrs(action: str, folder: Path, environ: dict[str, str], *options: str) -> subprocess.CompletedProcess[str]:
    done = run("lrs", action, "--data", str(folder), *options, env=environ)
    assert PASSWORD not in done.stdout + done.stderr
    return done


def status(folder: Path, environ: dict[str, str]) -> dict:
    done = lrs("status", folder, environ, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def held(real_lrs: RealLrs, folder: Path) -> list[str]:
    """The ids of the folder's statements that the LRS holds (one entry per copy held)."""
    with open_results(folder).store.connection as connection:  # type: ignore[union-attr]
        ours = {row[0] for row in connection.execute("SELECT statement_id FROM lrs_outbox")}
    return [statement["id"] for statement in real_lrs.statements() if statement["id"] in ours]


def test_check_says_the_connection_works(real_lrs: RealLrs, tmp_path: Path, unset: None) -> None:
    done = lrs("check", tmp_path, settings(real_lrs.endpoint))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Checking the learning record store at {real_lrs.endpoint} as '{USERNAME}'\n")
    assert "ok   it answers" in done.stdout
    assert "ok   it accepts the username and password" in done.stdout


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("wrong password", "does not accept the user name and password Composure was given (HTTP 401)"),
        ("nothing there", "nothing answers at http://127.0.0.1:"),
        ("not the xAPI address", "the endpoint should be its xAPI address"),
    ],
)
def test_check_says_what_is_wrong(real_lrs: RealLrs, tmp_path: Path, unset: None, where: str, said: str) -> None:
    environ = {
        "wrong password": settings(real_lrs.endpoint, password="not-the-password-1234"),
        "nothing there": settings(f"http://127.0.0.1:{free_port()}/xAPI/"),
        "not the xAPI address": settings(f"http://127.0.0.1:{real_lrs.port}/lms/"),
    }[where]
    done = lrs("check", tmp_path, environ)
    assert done.returncode == 1
    assert said in done.stderr
    assert done.stderr.count("error: ") == 1 and "not-the-password-1234" not in done.stdout + done.stderr


def test_check_and_sync_without_an_lrs_say_how_to_set_one_up(tmp_path: Path, unset: None) -> None:
    for action in ("check", "sync"):
        done = lrs(action, tmp_path, {})
        assert (done.returncode, done.stdout) == (1, "")
        assert f"error: no learning record store is set up for {tmp_path}: put its endpoint" in done.stderr
    done = lrs("status", tmp_path, {})
    assert done.returncode == 0 and done.stdout.startswith("No learning record store is set up for")
    (tmp_path / "lrs.json").write_text('{"endpont": "https://lrs.example.com/xAPI/"}', encoding="utf-8")
    done = lrs("check", tmp_path, {})
    assert done.returncode == 1 and "'endpont', which is not a setting; did you mean 'endpoint'?" in done.stderr


def test_sync_sends_what_waits_and_status_counts_it(
    real_lrs: RealLrs, records: list[AttemptRecord], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unset: None
) -> None:
    stopped = settings(f"http://127.0.0.1:{free_port()}/xAPI/")
    total = recorded(tmp_path, records, monkeypatch, stopped)
    done = lrs("sync", tmp_path, stopped)
    assert done.returncode == 1 and done.stdout == f"sent 0 statement(s); 0 refused; {total} waiting\n"
    assert "nothing answers at" in done.stderr and "kept and sent later" in done.stderr
    before = status(tmp_path, stopped)
    assert (before["waiting"], before["sent"], before["refused"]) == (total, 0, 0)
    assert "nothing answers at" in before["last_problem"] and before["next_try"] and before["oldest_waiting"]
    working = settings(real_lrs.endpoint)
    done = lrs("sync", tmp_path, working)  # at once, though the backoff would wait half a minute
    assert (done.returncode, done.stdout) == (0, f"sent {total} statement(s); 0 refused; 0 waiting\n")
    after = status(tmp_path, working)
    assert (after["waiting"], after["sent"], after["last_problem"], after["endpoint"]) == (
        0,
        total,
        "",
        real_lrs.endpoint,
    )
    text = lrs("status", tmp_path, working).stdout
    assert f"Sent:    {total}\n" in text and "Waiting: 0 statement(s)\n" in text
    assert sorted(held(real_lrs, tmp_path)) == sorted(set(held(real_lrs, tmp_path)))
    assert len(held(real_lrs, tmp_path)) == total


def test_earlier_attempts_are_sent_only_when_asked(
    real_lrs: RealLrs, records: list[AttemptRecord], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unset: None
) -> None:
    total = recorded(tmp_path, records[:2], monkeypatch, {})
    working = settings(real_lrs.endpoint)
    assert status(tmp_path, working)["earlier_attempts"] == 2
    assert "`python3 main.py lrs sync --earlier` sends them" in lrs("status", tmp_path, working).stdout
    assert lrs("sync", tmp_path, working).stdout == "sent 0 statement(s); 0 refused; 0 waiting\n"
    done = lrs("sync", tmp_path, working, "--earlier")
    assert done.returncode == 0
    assert (
        done.stdout
        == f"queued the statements of 2 earlier attempt(s)\nsent {total} statement(s); 0 refused; 0 waiting\n"
    )
    again = lrs("sync", tmp_path, working, "--earlier")
    assert again.stdout.startswith("queued the statements of 0 earlier attempt(s)\nsent 0 statement(s)")
    assert len(held(real_lrs, tmp_path)) == total


def test_refused_statements_are_kept_with_their_reason_and_sent_again_when_asked(
    real_lrs: RealLrs, records: list[AttemptRecord], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unset: None
) -> None:
    working = settings(real_lrs.endpoint)
    total = recorded(tmp_path, records[:1], monkeypatch, working)
    reason = "the LRS at somewhere refused the statements (HTTP 400)"
    with open_results(tmp_path).store.connection as connection:  # type: ignore[union-attr]
        connection.execute("UPDATE lrs_outbox SET state = 'refused', reason = ?", (reason,))  # as a 400 leaves them
    text = lrs("status", tmp_path, working).stdout
    assert f"Refused: {total}\n  {total}  {reason}\n" in text and "--retry-refused" in text
    assert status(tmp_path, working)["refusals"] == [{"reason": reason, "statements": total}]
    done = lrs("sync", tmp_path, working, "--retry-refused")
    assert done.stdout == f"{total} refused statement(s) tried again\nsent {total} statement(s); 0 refused; 0 waiting\n"
    assert len(held(real_lrs, tmp_path)) == total


def test_a_sync_killed_in_the_middle_of_a_send_resumes_next_time(
    real_lrs: RealLrs, records: list[AttemptRecord], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unset: None
) -> None:
    """SIGKILL while the second batch is on its way: the next run sends what was left, each once."""
    total = recorded(tmp_path, records * 2, monkeypatch, settings(real_lrs.endpoint))
    with proxy_to(real_lrs.port, delay=1.0) as slow:
        sending = subprocess.Popen(
            [sys.executable, "main.py", "lrs", "sync", "--data", str(tmp_path)],
            cwd=ROOT,
            env=os.environ | settings(slow.endpoint()),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        give_up = time.monotonic() + HANG_GUARD
        while slow.received < 2:
            assert time.monotonic() < give_up and sending.poll() is None, "the sync never sent a second batch"
            time.sleep(0.02)
        sending.send_signal(signal.SIGKILL)
        sending.wait(timeout=HANG_GUARD)
    middle = status(tmp_path, settings(real_lrs.endpoint))
    assert 0 < middle["waiting"] < total and middle["sent"] + middle["waiting"] == total
    done = lrs("sync", tmp_path, settings(real_lrs.endpoint))
    assert done.returncode == 0 and done.stdout == f"sent {middle['waiting']} statement(s); 0 refused; 0 waiting\n"
    ids = held(real_lrs, tmp_path)
    assert len(ids) == len(set(ids)) == total
