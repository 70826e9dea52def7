"""Keeping a conversation: the autosave after every answer and on leaving mid-question, and, once
it ends, the attempt recorded in the results and its save removed.

The play screen tells its keeper when; the keeper knows who is practising, where the files go, and
that nothing it writes may stop play: a write that failed becomes a sentence for the trainee (the
play screen shows the last one) and the conversation goes on. Only a conversation from the
scenario's own start is kept: a play-test run started elsewhere from the jump list, or a what-if
from the debrief's Rewind, is neither saved over the trainee's progress nor recorded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from game.engine import Scenario, Session, attempt_record
from game.storage.errors import StorageError
from game.storage.results import AttemptLost, keep_for_later
from game.storage.results_entry import Entry
from game.storage.saves import SavedGame, remove_save, utc_now, write_save

from .host import Host
from .reveal import TurnClock

LOG = logging.getLogger(__name__)
# What the debrief says, short enough for the room beside its buttons; the title's notice says why.
NOT_STORED = "Not added to your results: they cannot be stored. The menu says why."
UNOPENED = "the results file could not be opened"
NOT_YET = "Not in your results yet: the menu says why."
WHAT_IF = "A rewound run: not added to your results."
PLAY_TEST = "A play-test run: not added to the results."


class Kept(Protocol):
    """What the keeper reads of the play screen."""

    @property
    def scenario(self) -> Scenario: ...

    @property
    def session(self) -> Session: ...

    @property
    def clock(self) -> TurnClock: ...

    @property
    def call_seconds(self) -> float: ...


def from_the_start(scenario: Scenario, session: Session) -> bool:
    """Whether the conversation began where the scenario begins, as a trainee's own attempt does."""
    origin = session.origin
    return (origin.place, origin.anger, origin.flags) == (scenario.start, scenario.customer.anger, frozenset())


class Keeper:
    """Saves and records one play screen's conversations for the trainee practising."""

    def __init__(self, app: Host, started_at: str = "", what_if: bool = False) -> None:
        self.app = app
        self.started_at = started_at or utc_now()
        self.what_if = what_if  # the debrief's Rewind: explored, not kept
        self.problem = ""  # the last write that failed, for the play screen to show
        self.logged = ""  # the last failure written to the log

    def restarted(self) -> None:
        """A new attempt on the same screen (Restart, or a jump): it starts now."""
        self.started_at, self.what_if = utc_now(), False

    def keeps(self, play: Kept) -> bool:
        return self.app.trainee is not None and not self.what_if and from_the_start(play.scenario, play.session)

    def save(self, play: Kept) -> None:
        """The autosave: after an answer (the clock not started yet), or on leaving mid-question
        (the seconds already spent on it are kept, so a timer resumes with what was left)."""
        trainee, scenario, session = self.app.trainee, play.scenario, play.session
        if trainee is None or not self.keeps(play) or session.finished:
            return
        waited, call = play.clock.elapsed, play.call_seconds
        game = SavedGame(
            trainee.id, scenario.id, scenario.path, session.to_dict(), waited, call, self.started_at, utc_now()
        )
        self._safely(lambda: write_save(self.app.data, game))

    def finished(self, play: Kept) -> str:
        """Record the finished attempt, then forget its save; returns what the debrief says about the
        results: "" when the attempt is stored, else that it is not (a failure's sentence is the notice)."""
        trainee, results = self.app.trainee, self.app.results
        if trainee is None:
            return ""
        if not self.keeps(play):
            return WHAT_IF if self.what_if else PLAY_TEST
        attempt, ended_at = attempt_record(play.session), utc_now()
        if results is None:  # kept for later where the folder allows: the next opening stores it
            entry = Entry(trainee.id, trainee.name, trainee.email, attempt, self.started_at, ended_at)
            failed = self._safely(lambda: keep_for_later(self.app.data, entry, UNOPENED))
        else:
            failed = self._safely(lambda: results.record(trainee, attempt, self.started_at, ended_at))
            if failed is None and results.lrs is not None:
                self._send_soon()
        if isinstance(failed, AttemptLost):  # nowhere else holds it: the save stays, a step from the end
            return NOT_STORED
        self._safely(lambda: remove_save(self.app.data, trainee.id, play.scenario.id))
        return NOT_YET if failed else ""

    def _send_soon(self) -> None:
        """The attempt's statements wait in the outbox: the LRS sender, running in the background, sends
        them now rather than at its next try."""
        from game.storage.lrs.background import wake  # with an LRS only: no network modules otherwise

        wake(self.app.data)

    def _safely(self, write: Callable[[], object]) -> StorageError | None:
        """Run a write; a failure becomes the sentence shown (and is returned), never an end to play."""
        self.problem, failure = "", None
        try:
            write()
        except StorageError as problem:
            if str(problem) != self.logged:  # an autosave failing after every answer is logged once
                LOG.warning("%s (%s)", problem, problem.__cause__ or "no system error")
                self.logged = str(problem)
            self.problem, failure = str(problem), problem
            self.app.tell(self.problem)
        self.app.changed()
        return failure
