"""Reading statements back from the LRS through its xAPI API, page after page, for the cohort report.

Every statement the LRS holds is listed (since a moment, when asked), because xAPI has no filter
for "every activity under an address" and Ralph's own filters by activity and verb match nothing:
the caller keeps Composure's. Each page is bounded in bytes (the sender's limit) and in number, a
`more` link is followed only on the endpoint's own server (the credentials go nowhere else), and
every failure is a sentence of ours naming the endpoint, never the password nor urllib's words.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from .config import LrsConfig
from .sender import Answer, ask

PAGE_SIZE = 500  # statements asked for per page; an LRS may send fewer (Ralph sends 100 at most)
MOST_PAGES = 20_000  # a million statements and more; an LRS sending pages without end is stopped here
LONGEST_NUMBER = 20  # digits: any whole number Composure sends has fewer


class LrsUnreadable(Exception):
    """Why the statements could not be read, in a sentence for the trainer."""


def read_statements(config: LrsConfig, since: datetime | None = None) -> Iterator[Any]:
    """Every statement the LRS holds (since `since`, when given, as the LRS takes that: stored since
    then, as xAPI says, or happened since then, as Ralph does), as plain JSON values in the order it
    sends them; raises LrsUnreadable when it cannot be read to the end."""
    parameters = {"limit": str(PAGE_SIZE)}
    if since is not None:
        parameters["since"] = since.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    asked, path = config, "statements?" + urlencode(parameters)
    followed = {config.endpoint + path}
    for _ in range(MOST_PAGES):
        statements, more = _page(asked, path, config.endpoint)
        yield from statements
        if not more:
            return
        asked, path = _next(config, more, followed)
    raise LrsUnreadable(
        f"the LRS at {config.endpoint} kept sending pages of statements ({MOST_PAGES:,} of them); "
        "report on less of it with --since"
    )


def _page(asked: LrsConfig, path: str, endpoint: str) -> tuple[list[Any], str]:
    """One page's statements and its `more` link ("" for none)."""
    answer = ask(asked, path)
    if not 200 <= answer.status < 300:
        raise LrsUnreadable(_why_not(answer, endpoint))
    try:
        page = json.loads(answer.content, parse_int=_whole_number)
    except (ValueError, RecursionError):  # ValueError: not JSON, or not UTF-8
        page = None
    statements, more = (page.get("statements"), page.get("more") or "") if isinstance(page, dict) else (None, "")
    if not isinstance(statements, list) or not isinstance(more, str):
        raise LrsUnreadable(
            f"the LRS at {endpoint} answered with something that is not a list of xAPI statements: "
            "check that the endpoint is the LRS's xAPI address"
        )
    return statements, more


def _why_not(answer: Answer, endpoint: str) -> str:
    """Why a page did not come; the sender's sentence where it fits a reader too (no answer, the
    credentials, the LRS's own trouble)."""
    if answer.status == 403:
        return f"the LRS at {endpoint} does not let this user read statements (HTTP 403): ask for the right to read"
    if answer.status == 404:
        return f"there are no xAPI statements at {endpoint}statements (HTTP 404): check the endpoint"
    if 300 <= answer.status < 400:
        return f"the LRS at {endpoint} sends Composure to another address (HTTP {answer.status}): check the endpoint"
    if 400 <= answer.status < 500 and answer.status != 401:
        return f"the LRS at {endpoint} refused to list its statements (HTTP {answer.status})"
    return answer.problem


def _next(config: LrsConfig, more: str, followed: set[str]) -> tuple[LrsConfig, str]:
    """Where the next page is, as the settings to ask with and the path under their endpoint. A `more`
    link is relative to the LRS's server (xAPI 1.0.3, 2.1.3); one on another server is not followed."""
    endpoint = urlsplit(config.endpoint)
    address = urljoin(config.endpoint, more)
    target = urlsplit(address)
    if (target.scheme, target.netloc) != (endpoint.scheme, endpoint.netloc):
        raise LrsUnreadable(
            f"the LRS at {config.endpoint} sent the rest of its statements' address on another server, "
            "where Composure does not send its credentials"
        )
    if address in followed:
        raise LrsUnreadable(f"the LRS at {config.endpoint} sent the same page of statements again and again")
    followed.add(address)
    if address.startswith(config.endpoint):
        return config, address.removeprefix(config.endpoint)
    root = f"{endpoint.scheme}://{endpoint.netloc}/"
    return dataclasses.replace(config, endpoint=root), address.removeprefix(root)


def _whole_number(digits: str) -> int | None:
    """A whole number, unless it is longer than any Composure sends (Python refuses to read the very
    long ones at all): then nothing, so the statement holding it is skipped rather than the page."""
    return int(digits) if len(digits.lstrip("-")) <= LONGEST_NUMBER else None
