"""Sending the statements outbox to the LRS in batches, over the standard library's urllib.

`sync_once` never raises for the LRS's sake and never waits longer than its timeout per batch, so it
can run from a background thread (`sync_folder` opens a connection of its own, since a SQLite
connection stays in the thread that made it) or from `python3 main.py lrs sync`. What it says never
holds the password: a failure is told in our words, with the HTTP status at most.
"""

from __future__ import annotations

import base64
import http.client
import json
import math
import sqlite3
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..results import BUSY_SECONDS
from ..results_file import RESULTS_FILE, reconnect
from ..results_problems import FAILURES, Unusable, problem_of
from . import outbox
from .config import LrsConfig
from .statements import XAPI_VERSION

BATCH = 50
TIMEOUT_SECONDS = 10.0
LONGEST_ANSWER = 32 * 1024 * 1024  # bytes: a page of statements is far smaller; anything longer is not one


@dataclass(frozen=True, slots=True)
class SyncReport:
    sent: int = 0
    refused: int = 0
    waiting: int = 0  # still waiting after this run (failed now, or not yet due)
    problem: str = ""  # why sending stopped, for a person; "" when nothing went wrong
    status: int = 0  # the HTTP status behind the problem; 0 when no answer came (or nothing went wrong)


@dataclass(frozen=True, slots=True)
class Answer:
    """What the LRS made of one batch."""

    status: int  # the HTTP status; 0 when no answer came
    problem: str = ""
    content: bytes = b""  # the body of a successful answer, up to LONGEST_ANSWER bytes


def request(config: LrsConfig, path: str, body: bytes | None = None) -> urllib.request.Request:
    """A request to the LRS at `<endpoint><path>`, signed in with Basic credentials."""
    token = base64.b64encode(f"{config.username}:{config.password}".encode()).decode("ascii")
    headers = {"Authorization": f"Basic {token}", "X-Experience-API-Version": XAPI_VERSION}
    if body is not None:
        headers["Content-Type"] = "application/json"
    return urllib.request.Request(config.endpoint + path, data=body, headers=headers)


class _StayPut(urllib.request.HTTPRedirectHandler):
    """Follow no redirect: urllib would turn a POST of statements into a GET (whose 200 would read as
    "stored") and carry the credentials to whatever host the LRS names."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # urllib then raises HTTPError with the 3xx status


_OPENER = urllib.request.build_opener(_StayPut)


def ask(config: LrsConfig, path: str, body: bytes | None = None) -> Answer:
    """Send one request; the answer's status, or why none came, in our words."""
    where = config.endpoint
    try:
        with _OPENER.open(request(config, path, body), timeout=TIMEOUT_SECONDS) as response:
            content = response.read(LONGEST_ANSWER + 1)
            if len(content) > LONGEST_ANSWER:
                return Answer(
                    0, f"the LRS at {where} sent a longer answer than Composure reads ({LONGEST_ANSWER:,} bytes)"
                )
            return Answer(response.status, content=content)
    except urllib.error.HTTPError as error:
        return Answer(error.code, why_refused(error.code, where))
    except TimeoutError:
        return Answer(0, f"the LRS at {where} did not answer within {TIMEOUT_SECONDS:g} seconds")
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            return Answer(0, f"the LRS at {where} did not answer within {TIMEOUT_SECONDS:g} seconds")
        if isinstance(error.reason, ConnectionRefusedError):
            return Answer(0, f"nothing answers at {where}: the LRS is not running there, or the address is wrong")
        return Answer(0, f"the LRS at {where} cannot be reached")
    except OSError:
        return Answer(0, f"the connection to the LRS at {where} broke off")
    except http.client.HTTPException:  # what answers there does not speak HTTP (urllib's words are not ours)
        return Answer(0, f"what answers at {where} does not speak HTTP: check the endpoint")


def why_refused(status: int, where: str) -> str:
    if status in (401, 403):
        return f"the LRS at {where} does not accept the user name and password Composure was given (HTTP {status})"
    if status >= 500:
        return f"the LRS at {where} had a problem of its own (HTTP {status})"
    if 300 <= status < 400:
        return f"the LRS at {where} sends Composure to another address (HTTP {status}): check the endpoint"
    if status in (404, 405):
        return f"the LRS has no statements at {where}statements (HTTP {status}): check the endpoint"
    return f"the LRS at {where} refused the statements (HTTP {status})"


def retries(status: int) -> bool:
    """Whether the same batch may succeed later: no answer, the LRS's own trouble, too many requests,
    or an address or credentials that someone may yet put right (the statements are not at fault)."""
    return status == 0 or status >= 500 or status in (408, 429) or needs_a_person(status)


def needs_a_person(status: int) -> bool:
    """Whether nothing will be sent until someone changes the settings or the LRS: the credentials
    refused, or the endpoint not an LRS's xAPI address (moved, or nothing there)."""
    return 300 <= status < 400 or status in (401, 403, 404, 405)


def sync_once(
    connection: sqlite3.Connection, config: LrsConfig, now: Callable[[], float] = time.time, *, now_all: bool = False
) -> SyncReport:
    """Send what waits and is due (with `now_all`, everything that waits: a person asked for it),
    batch by batch, until none is left or the LRS stops taking them. Each statement is tried once
    per run at most (a run goes through the outbox in order, once), so a batch that could not be
    settled is never sent round and round. Raises sqlite3.Error when the database fails
    (sync_folder turns that into words)."""
    tally = _Tally()
    after = 0
    while batch := outbox.due(connection, math.inf if now_all else now(), BATCH, after):
        after = batch[-1].row
        if not _deliver(connection, config, batch, tally, now):
            break
    return SyncReport(tally.sent, tally.refused, outbox.counts(connection).waiting, tally.problem, tally.status)


def sync_folder(
    folder: Path, config: LrsConfig, now: Callable[[], float] = time.time, *, now_all: bool = False
) -> SyncReport:
    """`sync_once` on a connection of its own to the results of the data folder `folder`, which this
    process has opened already (open_results checked it): for the game's background thread. Never raises."""
    path = folder / RESULTS_FILE
    if not path.is_file():
        return SyncReport()
    try:
        connection = reconnect(path, BUSY_SECONDS)
    except Unusable as unusable:
        return SyncReport(problem=f"nothing was sent: {unusable.problem.reason}")
    try:
        return sync_once(connection, config, now, now_all=now_all)
    except FAILURES as error:
        return SyncReport(problem=f"sending stopped: {problem_of(error, str(path)).reason}")
    finally:
        connection.close()


@dataclass(slots=True)
class _Tally:
    sent: int = 0
    refused: int = 0
    problem: str = ""
    status: int = 0


def _deliver(
    connection: sqlite3.Connection,
    config: LrsConfig,
    batch: list[outbox.Waiting],
    tally: _Tally,
    now: Callable[[], float],
) -> bool:
    """Send one batch. A batch the LRS refuses, or fails on with HTTP 500 (which is how some LRSs,
    Ralph among them, answer a statement they cannot store), is split in halves until the statement
    at fault stands alone, so one bad statement never holds back the others. A statement failing
    alone is its own fault once the LRS takes another; a second one failing before any is taken means
    the LRS itself is in trouble. False: the LRS is not taking statements now (down, overloaded, or
    the credentials refused); what is left waits for its next try."""
    parts = [batch]
    suspect: list[str] = []  # failed alone (HTTP 500) before the LRS took anything
    while parts:
        part = parts.pop()
        ids = [waiting.statement_id for waiting in part]
        body = json.dumps([waiting.statement for waiting in part], ensure_ascii=False).encode("utf-8")
        answer = ask(config, "statements", body)
        if 200 <= answer.status < 300 or (answer.status == 409 and len(part) == 1):  # 409: it holds that id
            outbox.mark_sent(connection, ids)
            tally.sent += len(ids)
            if suspect:  # the LRS works: the suspect is what it fails on
                outbox.mark_retry(connection, suspect, now(), tally.problem)
                suspect = []
        elif len(part) > 1 and (answer.status in (409, 500) or not retries(answer.status)):
            half = len(part) // 2
            parts += [part[half:], part[:half]]  # the first half is sent next
        elif answer.status == 500 and (tally.sent or not suspect):
            tally.problem, tally.status = answer.problem, answer.status
            if tally.sent:  # the LRS stores others: this statement is what it fails on
                outbox.mark_retry(connection, ids, now(), answer.problem)
            else:
                suspect = ids
        elif retries(answer.status):
            left = suspect + ids + [waiting.statement_id for rest in parts for waiting in rest]
            outbox.mark_retry(connection, left, now(), answer.problem)
            tally.problem, tally.status = answer.problem, answer.status
            return False
        else:
            outbox.mark_refused(connection, ids, answer.problem)
            tally.refused += len(ids)
    if suspect:  # nothing else was left to tell whose fault it was
        outbox.mark_retry(connection, suspect, now(), tally.problem)
    return not suspect or tally.sent > 0
