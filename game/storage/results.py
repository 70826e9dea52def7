"""The results history: every finished attempt in `composure.sqlite3` in the data folder.

`open_results` never raises and never loses a file: a damaged database is set aside (with its log)
and a new one started, one from a newer Composure is left alone, and a locked or read-only one
still shows the history it holds. Whatever stops an attempt from being stored, `record` keeps it in
`outbox/` when the folder can be written, and the next opening stores it; then it raises
StorageError so the player is told. Every sentence is ours, never SQLite's.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, NoReturn, ParamSpec, TypeVar

from . import outbox, results_queries
from .errors import StorageError, why_not_written
from .lrs import LrsConfig, load_lrs_config, statements_for
from .results_entry import Entry
from .results_file import RESULTS_FILE, Connected, connect, set_aside_database
from .results_problems import FAILURES, Unusable, problem_of
from .results_queries import AttemptSummary, BrokenPrinciple, Standing
from .results_writing import insert
from .save_folder import folder_problem

if TYPE_CHECKING:
    from game.engine import AttemptRecord

    from .trainees import Trainee

__all__ = ["AttemptSummary", "BrokenPrinciple", "OpenedResults", "ResultsStore", "Standing", "open_results"]
LOG = logging.getLogger(__name__)
BUSY_SECONDS = 2.0  # how long to wait for another Composure to finish storing its attempt
CANNOT = "Results cannot be stored: {reason}."
WAITING = " Attempts you finish meanwhile are kept in {outbox} and stored the next time Composure opens its results."
Found = TypeVar("Found")
Asked = ParamSpec("Asked")


@dataclass(frozen=True, slots=True)
class OpenedResults:
    store: ResultsStore | None  # None: no results can be read or stored (the message says why)
    message: str = ""  # "" when all is well; else sentences for the player


def open_results(folder: Path, busy_seconds: float = BUSY_SECONDS) -> OpenedResults:
    """The results database of the data folder `folder`, made when missing. Never raises."""
    path = folder / RESULTS_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        connected = connect(path, busy_seconds)
    except OSError as error:
        return OpenedResults(None, CANNOT.format(reason=why_not_written(folder, error)))
    except Unusable as unusable:
        if not unusable.problem.damaged:
            return OpenedResults(None, CANNOT.format(reason=unusable.problem.reason))
        return _start_afresh(folder, unusable.problem.reason, busy_seconds)
    return _opened(folder, connected, [])


class AttemptLost(StorageError):
    """The attempt could neither be stored nor kept for later: whatever else holds it (the save) must stay."""


def keep_for_later(folder: Path, entry: Entry, reason: str) -> NoReturn:
    """Keep an attempt that could not be stored (for `reason`) in the outbox, to be stored the next time
    the results open; raises StorageError saying so, or AttemptLost when it could not be kept either."""
    try:
        kept = outbox.keep(folder, entry)
    except OSError as error:
        raise AttemptLost(
            f"Your result could not be stored: {reason}; nor could it be kept for later: "
            f"{why_not_written(folder / outbox.OUTBOX, error)}."
        ) from error
    raise StorageError(
        f"Your result could not be stored yet: {reason}. It is kept in {kept} and will be stored "
        "the next time Composure opens its results."
    )


class ResultsStore:
    """One open results database. Its reads raise StorageError when the file fails mid-game."""

    def __init__(
        self, folder: Path, connection: sqlite3.Connection, read_only: str = "", lrs: LrsConfig | None = None
    ) -> None:
        self.folder = folder
        self._connection = connection
        self._read_only = read_only  # why this connection can never write ("" when it can try)
        self.lrs = lrs  # the Learning Record Store each attempt's statements are queued for; None: none

    def record(self, trainee: Trainee, attempt: AttemptRecord, started_at: str, ended_at: str) -> None:
        """Store a finished attempt with its answers, all or nothing; the same attempt twice is stored
        once. Raises StorageError when it could not be stored (it is kept in the outbox if it can be)."""
        entry = Entry(trainee.id, trainee.name, trainee.email, attempt, started_at, ended_at)
        statements = statements_for(trainee, attempt, started_at, ended_at, self.lrs) if self.lrs else []
        reason = self._read_only or self._stored(entry, statements)
        if reason:
            keep_for_later(self.folder, entry, reason)

    def _stored(self, entry: Entry, statements: list[dict[str, Any]]) -> str:
        """Why `entry` could not be stored (with its statements); "" once it is."""
        try:
            insert(self._connection, entry, current_name=True, statements=statements)
        except OverflowError as error:
            raise StorageError(
                f"This attempt could not be stored: its seed ({entry.attempt.seed}) is larger than the results "
                "file holds."
            ) from error
        except FAILURES as error:
            reason = problem_of(error, str(self.folder / RESULTS_FILE)).reason
            LOG.warning("attempt not stored (%s): %s", reason, error)
            return reason
        return ""

    @property
    def connection(self) -> sqlite3.Connection:
        """The open database: the LRS sender reads and settles the statements outbox through it."""
        return self._connection

    def standings(self, trainee_id: str) -> dict[str, Standing]:
        return self._read(results_queries.standings, trainee_id)

    def history(self, trainee_id: str, scenario_id: str | None = None) -> list[AttemptSummary]:
        return self._read(results_queries.history, trainee_id, scenario_id)

    def broken_principles(self, trainee_id: str, limit: int = 5) -> list[BrokenPrinciple]:
        return self._read(results_queries.broken_principles, trainee_id, limit)

    def close(self) -> None:
        self._connection.close()

    def _read(
        self, query: Callable[Concatenate[sqlite3.Connection, Asked], Found], *args: Asked.args, **kwargs: Asked.kwargs
    ) -> Found:
        try:
            return query(self._connection, *args, **kwargs)
        except FAILURES as error:
            reason = problem_of(error, str(self.folder / RESULTS_FILE)).reason
            raise StorageError(f"Your results could not be read: {reason}.") from error


def _start_afresh(folder: Path, reason: str, busy_seconds: float) -> OpenedResults:
    """Set the unusable file aside (never deleted) and open a new one in its place."""
    path = folder / RESULTS_FILE
    try:
        kept = set_aside_database(path)
    except OSError as error:
        return OpenedResults(
            None,
            CANNOT.format(reason=f"{reason}, and it could not be moved aside ({why_not_written(folder, error)})")
            + " It is left as it is.",
        )
    LOG.warning("results file %s unusable (%s); moved to %s", path, reason, kept)
    kept_note = f"{reason[0].upper()}{reason[1:]}, so it was kept as {kept.name} and a new one was started."
    try:
        connected = connect(path, busy_seconds)
    except Unusable as unusable:
        return OpenedResults(None, f"{kept_note} {CANNOT.format(reason=unusable.problem.reason)}")
    return _opened(folder, connected, [kept_note])


def _opened(folder: Path, connected: Connected, messages: list[str]) -> OpenedResults:
    """The store, with the attempts waiting in the outbox brought in when it can take them."""
    lrs = load_lrs_config(folder, os.environ)
    if connected.cannot_write:
        waiting = "" if folder_problem(folder) else WAITING.format(outbox=folder / outbox.OUTBOX)
        messages.append(CANNOT.format(reason=connected.cannot_write) + waiting)
    else:
        messages.extend(outbox.bring_in(folder, connected.connection, lrs.config))
    if lrs.problem:
        messages.append(lrs.problem)
    read_only = connected.cannot_write if connected.read_only else ""
    store = ResultsStore(folder, connected.connection, read_only, lrs.config)
    return OpenedResults(store, " ".join(messages))
