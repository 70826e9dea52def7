"""Where the statements stand, read without changing anything: for `python3 main.py lrs status`
and `lrs check`, which a trainer may run while the game is storing an attempt on the same file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..reports.database import read_only
from ..results_file import RESULTS_FILE
from . import outbox
from .earlier import count_earlier


@dataclass(frozen=True, slots=True)
class OutboxStatus:
    counts: outbox.OutboxCounts = field(default_factory=lambda: outbox.OutboxCounts(0, 0, 0, ""))
    next_try: float | None = None  # when the earliest waiting statement is next tried (epoch seconds)
    last_problem: str = ""  # why waiting statements were not sent the last time they were tried
    refusals: tuple[outbox.Refusal, ...] = ()
    earlier: int = 0  # attempts stored with no statements (finished before the LRS was set up)


def outbox_status(folder: Path) -> OutboxStatus:
    """The statements outbox of the data folder `folder`; all zero before any attempt is stored.
    Raises ReportError (a sentence for the trainer) when the results cannot be read."""
    if not (folder / RESULTS_FILE).is_file():
        return OutboxStatus()
    with read_only(folder, consequence="so its statements cannot be counted") as connection:
        has_outbox = connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'lrs_outbox'").fetchone()
        if not has_outbox:  # results of an older Composure, never opened by this one: nothing was ever queued
            return OutboxStatus(earlier=int(connection.execute("SELECT count(*) FROM attempts").fetchone()[0]))
        return OutboxStatus(
            counts=outbox.counts(connection),
            next_try=outbox.next_try(connection),
            last_problem=outbox.last_problem(connection),
            refusals=tuple(outbox.refusals(connection)),
            earlier=count_earlier(connection),
        )
