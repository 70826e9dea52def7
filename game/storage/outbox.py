"""Attempts waiting to be stored: one JSON file each in the data folder's `outbox/`.

When the results database cannot take an attempt (locked by another program, read-only, damaged
mid-game), the attempt is written here, atomically, and stored the next time the database opens.
A file is named after the attempt's key, so keeping the same attempt twice keeps one file, and
storing it twice stores it once (the database's UNIQUE key): a game killed between storing an
attempt and removing its file loses nothing and duplicates nothing. A file that cannot be read is
set aside with a message, never deleted; it does not stop the others.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

from .atomic import set_aside, write_atomically
from .bounded import SMALL_FILE_BYTES, UnreadableFile, read_bounded
from .lrs import LrsConfig, statements_for
from .results_entry import Entry, from_plain, to_plain
from .results_problems import FAILURES
from .results_writing import insert
from .trainees import Trainee

LOG = logging.getLogger(__name__)
OUTBOX = "outbox"
SUFFIX = ".json"


def keep(folder: Path, entry: Entry) -> Path:
    """Write `entry` into the outbox of `folder`; returns the file. Raises OSError when it cannot."""
    key = json.dumps(entry.key).encode("utf-8")
    path = folder / OUTBOX / f"attempt-{hashlib.sha256(key).hexdigest()[:20]}{SUFFIX}"
    write_atomically(path, (json.dumps(to_plain(entry), indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    return path


def bring_in(folder: Path, connection: sqlite3.Connection, lrs: LrsConfig | None = None) -> list[str]:
    """Store every attempt waiting in the outbox, oldest file name first, with its xAPI statements
    queued for `lrs` when one is configured; messages for the player about files that could not be
    read. Stops quietly when the database refuses: they wait."""
    outbox = folder / OUTBOX
    if not outbox.is_dir():
        return []
    _remove_leftovers(outbox)
    messages = []
    for path in sorted(outbox.glob(f"*{SUFFIX}")):
        try:
            entry = from_plain(json.loads(read_bounded(path, SMALL_FILE_BYTES).decode("utf-8")))
        except (UnreadableFile, ValueError, RecursionError) as problem:  # RecursionError: [[[[...
            messages.append(_set_aside(path, str(problem)))
            continue
        try:
            insert(connection, entry, current_name=False, statements=_statements(entry, lrs))
        except FAILURES as error:
            LOG.warning("attempts in %s wait: the database refused %s (%s)", outbox, path.name, error)
            break
        with contextlib.suppress(OSError):  # stored: the file is only a copy now (a second store is ignored)
            path.unlink()
    return messages


def _statements(entry: Entry, lrs: LrsConfig | None) -> list[dict[str, Any]]:
    """The attempt's statements, made now: an attempt kept here was never stored, so none were queued."""
    if lrs is None:
        return []
    trainee = Trainee(entry.trainee_id, entry.trainee_name, entry.trainee_email)
    return statements_for(trainee, entry.attempt, entry.started_at, entry.ended_at, lrs)


def _set_aside(path: Path, problem: str) -> str:
    """Move an unreadable file out of the way; the sentence says where it is (the reason, often the
    JSON reader's own words, goes to the log)."""
    try:
        kept = set_aside(path)
    except OSError:
        LOG.warning("outbox file %s unreadable (%s) and could not be moved", path, problem)
        return f"An attempt waiting to be stored could not be read, nor moved aside; it is left as {path}."
    LOG.warning("outbox file %s unreadable (%s); moved to %s", path, problem, kept)
    return f"An attempt waiting to be stored could not be read, so it was kept as {path.parent.name}/{kept.name}."


def _remove_leftovers(outbox: Path) -> None:
    """Temporary files of a keep() that was interrupted: their attempt was never confirmed as kept."""
    for leftover in outbox.glob(f".*{SUFFIX}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()
