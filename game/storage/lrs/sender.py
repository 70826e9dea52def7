"""Sending the statements outbox to the LRS in batches, over the standard library's urllib.

`sync_once` never raises for the LRS's sake and never waits longer than its timeout per batch, so it
can run from a background thread (open the store in that thread: a SQLite connection stays in the
thread that made it) or from `python3 main.py lrs sync`. What it says never holds the password: a
failure is told in our words, with the HTTP status at most.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from ..results import ResultsStore
from . import outbox
from .config import LrsConfig

BATCH = 50
TIMEOUT_SECONDS = 10.0
XAPI_VERSION = "1.0.3"


@dataclass(frozen=True, slots=True)
class SyncReport:
    sent: int = 0
    refused: int = 0
    waiting: int = 0  # still waiting after this run (failed now, or not yet due)
    problem: str = ""  # why sending stopped, for a person; "" when nothing went wrong


@dataclass(frozen=True, slots=True)
class Answer:
    """What the LRS made of one batch."""

    status: int  # the HTTP status; 0 when no answer came
    problem: str = ""


def request(config: LrsConfig, path: str, body: bytes | None = None) -> urllib.request.Request:
    """A request to the LRS at `<endpoint><path>`, signed in with Basic credentials."""
    token = base64.b64encode(f"{config.username}:{config.password}".encode()).decode("ascii")
    headers = {"Authorization": f"Basic {token}", "X-Experience-API-Version": XAPI_VERSION}
    if body is not None:
        headers["Content-Type"] = "application/json"
    return urllib.request.Request(config.endpoint + path, data=body, headers=headers)


def ask(config: LrsConfig, path: str, body: bytes | None = None) -> Answer:
    """Send one request; the answer's status, or why none came, in our words."""
    where = config.endpoint
    try:
        with urllib.request.urlopen(request(config, path, body), timeout=TIMEOUT_SECONDS) as response:
            return Answer(response.status)
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


def why_refused(status: int, where: str) -> str:
    if status in (401, 403):
        return f"the LRS at {where} does not accept the user name and password Composure was given (HTTP {status})"
    if status >= 500:
        return f"the LRS at {where} had a problem of its own (HTTP {status})"
    return f"the LRS at {where} refused the statements (HTTP {status})"


def retries(status: int) -> bool:
    """Whether the same batch may succeed later: no answer, the LRS's own trouble, too many requests,
    or credentials that someone may yet put right (the statements are not at fault)."""
    return status == 0 or status >= 500 or status in (401, 403, 408, 429)


def sync_once(store: ResultsStore, config: LrsConfig, now: Callable[[], float] = time.time) -> SyncReport:
    """Send what waits and is due, batch by batch, until none is left or a batch fails. Each statement
    is tried once per run at most, so a batch that could not be settled is never sent round and round."""
    connection = store.connection
    sent = refused = 0
    problem = ""
    tried: set[str] = set()
    while batch := [
        waiting for waiting in outbox.due(connection, now(), BATCH + len(tried)) if waiting.statement_id not in tried
    ][:BATCH]:
        ids = [waiting.statement_id for waiting in batch]
        tried.update(ids)
        body = json.dumps([waiting.statement for waiting in batch], ensure_ascii=False).encode("utf-8")
        answer = ask(config, "statements", body)
        if 200 <= answer.status < 300 or answer.status == 409:  # 409: the LRS holds these ids already
            outbox.mark_sent(connection, ids)
            sent += len(ids)
        elif retries(answer.status):
            outbox.mark_retry(connection, ids, now(), answer.problem)
            problem = answer.problem
            break
        else:
            outbox.mark_refused(connection, ids, answer.problem)
            refused += len(ids)
    return SyncReport(sent, refused, outbox.counts(connection).waiting, problem)
