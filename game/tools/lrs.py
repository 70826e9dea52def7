"""`python3 main.py lrs check|sync|status [--data DIR]`: the connection to the company's Learning
Record Store, for whoever sets it up and looks after it.

`check` tests the address and the credentials without writing anything into the LRS; `sync` sends
what is waiting now, whatever its next try; `status` counts what waits, was sent and was refused,
and why. Every sentence is ours, and none holds the password.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.storage.locations import DATA_VARIABLE, data_folder
from game.storage.lrs import LrsConfig, load_lrs_config
from game.storage.lrs.config import not_set_up
from game.storage.lrs.earlier import queue_earlier
from game.storage.lrs.outbox import retry_refused
from game.storage.lrs.sender import Answer, ask, sync_once, why_refused
from game.storage.lrs.status import OutboxStatus, outbox_status
from game.storage.reports import ReportError
from game.storage.results import open_results
from game.storage.results_problems import FAILURES, problem_of

from .progress import Progress

XAPI_1 = "1.0."  # the versions Composure's statements are written for


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's actions, each with the data folder's option."""
    folder = argparse.ArgumentParser(add_help=False)
    folder.add_argument("--data", metavar="DIR", help=f"the data folder (default: ${DATA_VARIABLE}, else saves/)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True, help="what to do")
    actions.add_parser("check", parents=[folder], help="test the LRS's address and credentials (writes nothing)")
    sync = actions.add_parser("sync", parents=[folder], help="send the statements waiting now")
    sync.add_argument(
        "--earlier", action="store_true", help="also send the attempts finished before the LRS was set up"
    )
    sync.add_argument(
        "--retry-refused", action="store_true", help="send again the statements the LRS refused, once put right"
    )
    status = actions.add_parser("status", parents=[folder], help="how many statements wait, were sent, were refused")
    status.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    folder = data_folder(args.data)
    if args.action == "status":
        return _status(folder, args.json)
    settings = load_lrs_config(folder, os.environ)
    if settings.problem or settings.config is None:
        return _error(settings.reason or not_set_up(folder))
    if args.action == "check":
        return _check(settings.config)
    return _sync(folder, settings.config, earlier=args.earlier, refused_too=args.retry_refused)


def _check(config: LrsConfig) -> int:
    print(f"Checking the learning record store at {config.endpoint} as '{config.username}'")
    about = ask(config, "about")
    if about.status == 0:
        return _error(about.problem)
    print(f"  ok   {_versions(about)}")
    found = ask(config, "statements?limit=1")
    if found.status in (401, 403) or found.status == 0:
        return _error(found.problem if found.status != 403 else _may_not_read(config))
    if found.status == 404:
        return _error(
            f"the LRS has no statements at {config.endpoint}statements: the endpoint should be its xAPI "
            "address, the one that ends in /xAPI/ or /data/xAPI/"
        )
    if not 200 <= found.status < 300:
        return _error(why_refused(found.status, config.endpoint))
    if not _is_statement_page(found.content):
        return _error(f"what answers at {config.endpoint}statements is not an xAPI learning record store")
    print("  ok   it accepts the username and password, which may read statements (`report --from-lrs` can use them)")
    return 0


def _versions(about: Answer) -> str:
    """What the About resource says; an LRS without one (Ralph has none) is no failure."""
    try:
        versions = [str(version) for version in json.loads(about.content)["version"]]
    except (ValueError, KeyError, TypeError):
        return "it answers (it does not say which xAPI versions it speaks)"
    if not any(version.startswith(XAPI_1) for version in versions):
        return f"it answers, but speaks xAPI {', '.join(versions)} and Composure sends 1.0.3: it may refuse them"
    return f"it answers and speaks xAPI {', '.join(versions)}"


def _may_not_read(config: LrsConfig) -> str:
    return (
        f"the LRS at {config.endpoint} accepts the username '{config.username}' but will not let it read "
        "statements (HTTP 403): sending may still work, which `lrs sync` shows; `report --from-lrs` needs a "
        "user who may read"
    )


def _is_statement_page(content: bytes) -> bool:
    try:
        page = json.loads(content)
    except ValueError:
        return False
    return isinstance(page, dict) and isinstance(page.get("statements"), list)


def _sync(folder: Path, config: LrsConfig, *, earlier: bool, refused_too: bool) -> int:
    opened = open_results(folder)
    if opened.message:
        print(f"note: {opened.message}", file=sys.stderr)
    store = opened.store
    if store is None:
        return _error("nothing was sent: the results cannot be opened")
    connection = store.connection
    try:
        added = queue_earlier(connection, config) if earlier else 0
        again = retry_refused(connection) if refused_too else 0
        with Progress(sys.stderr, "lrs sync") as progress:
            progress.stage(f"sending to {config.endpoint}")
            report = sync_once(connection, config, now_all=True)
    except FAILURES as error:
        return _error(f"sending stopped: {problem_of(error, str(folder)).reason}")
    finally:
        store.close()
    if earlier:
        print(f"queued the statements of {added} earlier attempt(s)")
    if refused_too:
        print(f"{again} refused statement(s) tried again")
    print(f"sent {report.sent} statement(s); {report.refused} refused; {report.waiting} waiting")
    if report.problem:
        return _error(f"{report.problem}; the statements waiting are kept and sent later")
    if report.refused:
        return _error("the LRS refused some statements: `python3 main.py lrs status` says why")
    return 0


def _status(folder: Path, as_json: bool) -> int:
    settings = load_lrs_config(folder, os.environ)
    try:
        status = outbox_status(folder)
    except ReportError as problem:
        return _error(str(problem))
    if as_json:
        print(json.dumps(_plain(settings.config, settings.problem, status), indent=1, ensure_ascii=False))
        return 0
    if settings.config is not None:
        print(f"Learning record store: {settings.config.endpoint} as '{settings.config.username}'")
    else:
        unset = not_set_up(folder)
        print(settings.problem or f"{unset[0].upper()}{unset[1:]}.")
    for line in _status_lines(status):
        print(line)
    return 0


def _status_lines(status: OutboxStatus) -> list[str]:
    counts = status.counts
    waiting = f"Waiting: {counts.waiting} statement(s)"
    if counts.waiting:
        waiting += f", the oldest from {_shown(counts.oldest_waiting)}"
        if status.next_try:
            waiting += f"; next try {_when(status.next_try)}"
    lines = [waiting, f"Sent:    {counts.sent}", f"Refused: {counts.refused}"]
    lines += [f"  {refusal.statements}  {refusal.reason}" for refusal in status.refusals]
    if status.refusals:
        lines.append("  `python3 main.py lrs sync --retry-refused` sends them again once the cause is put right.")
    if status.last_problem:
        lines.append(f"Last problem: {status.last_problem}")
    if status.earlier:
        lines.append(
            f"Earlier attempts, finished before the LRS was set up and not sent: {status.earlier} "
            "(`python3 main.py lrs sync --earlier` sends them)"
        )
    return lines


def _plain(config: LrsConfig | None, problem: str, status: OutboxStatus) -> dict[str, Any]:
    counts = status.counts
    return {
        "endpoint": config.endpoint if config else None,
        "username": config.username if config else None,
        "settings_problem": problem,
        "waiting": counts.waiting,
        "sent": counts.sent,
        "refused": counts.refused,
        "oldest_waiting": counts.oldest_waiting or None,
        "next_try": _utc(status.next_try) if status.next_try else None,
        "last_problem": status.last_problem,
        "refusals": [{"reason": refusal.reason, "statements": refusal.statements} for refusal in status.refusals],
        "earlier_attempts": status.earlier,
    }


def _when(moment: float) -> str:
    return "now" if moment <= datetime.now(UTC).timestamp() else _shown(_utc(moment))


def _utc(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _shown(stamp: str) -> str:
    return f"{stamp[:19].replace('T', ' ')} UTC"


def _error(sentence: str) -> int:
    print(f"error: {sentence}", file=sys.stderr)
    return 1
