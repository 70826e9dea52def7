"""Sending the statements outbox while the game runs: one daemon thread per data folder.

The game never waits for the LRS. Recording an attempt only wakes the thread, which sends through
`sender.sync_folder` (a connection of its own) and then sleeps until it is woken again or the earliest
waiting statement's next try comes. Quitting never waits for a slow LRS either: the thread is a daemon,
and a batch cut off mid-send is still `waiting` in the outbox, so it goes again at the next start and
the LRS holds it once (a statement keeps the id it was made with).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..reports.database import ReportError, read_only
from . import outbox
from .config import LrsConfig
from .sender import SyncReport, needs_a_person, sync_folder

STOP_WAIT_SECONDS = 0.25  # how long quitting waits for a send to end before leaving it behind
# The least time between two runs when the outbox says a statement is due that the last run could not
# send (the database busy or unwritable): a run that failed at once is not repeated at once.
SHORTEST_WAIT_SECONDS = 1.0
_senders: dict[Path, BackgroundSender] = {}
_senders_lock = threading.Lock()


def start_sending(folder: Path, config: LrsConfig) -> BackgroundSender:
    """The data folder's sender, started and woken (an earlier run may have left statements waiting);
    the one already running for this folder and these settings, if there is one."""
    key = folder.resolve()
    with _senders_lock:
        running = _senders.get(key)
        if running is None or running.config != config:
            if running is not None:
                running.end()
            running = _senders[key] = BackgroundSender(key, config)
            running.start()
    running.wake()
    return running


def wake(folder: Path) -> None:
    """Statements were queued in the data folder's outbox: its sender, if one runs, sends them now."""
    with _senders_lock:
        sender = _senders.get(folder.resolve())
    if sender is not None:
        sender.wake()


@dataclass(frozen=True, slots=True)
class Heard:
    """What the thread last said, read in one piece."""

    runs: int = 0  # sends finished since the thread started
    last: SyncReport | None = None


class BackgroundSender:
    """Sends one data folder's outbox from a daemon thread; safe to wake, read and stop from any thread."""

    def __init__(self, folder: Path, config: LrsConfig) -> None:
        self.folder = folder
        self.config = config
        self._woken = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._heard = Heard()
        self._untold = ""  # a problem a person must put right, not yet taken by `problem_to_tell`
        self._told: set[str] = set()
        self._thread = threading.Thread(target=self._run, name=f"composure-lrs-{folder.name}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._woken.set()

    @property
    def heard(self) -> Heard:
        with self._lock:
            return self._heard

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def problem_to_tell(self) -> str:
        """Once per problem: why statements cannot reach the LRS until a person acts (the credentials
        refused, the endpoint wrong); "" otherwise. A passing failure (the LRS down) is not for the player."""
        with self._lock:
            untold, self._untold = self._untold, ""
        return untold

    def stop(self, wait: float = STOP_WAIT_SECONDS) -> bool:
        """Ask the thread to end and wait up to `wait` seconds; whether it has ended. A send still in
        flight is left to finish or to die with the process: its statements stay waiting until settled."""
        with _senders_lock:
            if _senders.get(self.folder) is self:
                del _senders[self.folder]
        self.end()
        self._thread.join(wait)
        return not self._thread.is_alive()

    def end(self) -> None:
        """Tell the thread to end after the send in flight, if any, without waiting for it."""
        self._stopping.set()
        self._woken.set()

    def _run(self) -> None:
        wait: float | None = None  # started woken: the first run goes at once
        first = True  # sends everything waiting, due or not: what stopped an earlier run may be put right
        while True:
            self._woken.wait(wait)
            if self._stopping.is_set():
                return
            self._woken.clear()  # before the run: a wake during it means another run
            report = sync_folder(self.folder, self.config, now_all=first)
            first = False
            self._hear(report)
            wait = self._until_next_try(report)

    def _hear(self, report: SyncReport) -> None:
        with self._lock:
            self._heard = Heard(self._heard.runs + 1, report)
            if needs_a_person(report.status) and report.problem not in self._told:
                self._told.add(report.problem)
                self._untold = report.problem

    def _until_next_try(self, report: SyncReport) -> float | None:
        """Seconds until the earliest waiting statement is due; None when none waits (only a wake
        starts another run). When the outbox cannot be read now, it is looked at again later."""
        try:
            with read_only(self.folder) as connection:
                due = outbox.next_try(connection)
        except ReportError:
            return outbox.FIRST_WAIT_SECONDS
        if due is None:
            return None
        shortest = outbox.FIRST_WAIT_SECONDS if report.problem else SHORTEST_WAIT_SECONDS
        return max(shortest, due - time.time())
