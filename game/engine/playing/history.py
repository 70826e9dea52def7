"""A conversation's record of answers: what a session keeps, and what a save stores and replays.

Apart from the session, so that the saved state can read and check a history without importing
the session that makes one (the session hands restoring its own constructor instead).
"""

from __future__ import annotations

from dataclasses import dataclass

TIMEOUT = "(timeout)"  # the history's name for "the timer ran out"; not a valid choice id


@dataclass(frozen=True, slots=True)
class Step:
    """One answer in the history, with what the meter did and how long the trainee took."""

    node: str
    choice: str  # a choice id, or TIMEOUT
    anger_before: int
    anger_after: int
    flags_before: tuple[str, ...]
    seconds: float | None = None
