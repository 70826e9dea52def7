"""Why the results database could not be used, in our words, chosen by SQLite's error code.

SQLite's own wording ("database disk image is malformed") changes between releases and means
nothing to a trainee, so it is never shown; the code says which of a few situations this is, and
only a damaged file is ever set aside.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    reason: str  # the end of a sentence: "Results cannot be stored: <reason>."
    damaged: bool = False  # the file itself is broken: set it aside and start a new one


class Unusable(Exception):
    """The results file cannot be used as it is; carries the Problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.reason)
        self.problem = problem


# What a database that cannot be used raises: SQLite's errors, and a UnicodeDecodeError when SQLite's
# own message quotes bytes of a damaged file that are no text.
FAILURES = (sqlite3.Error, UnicodeDecodeError)


def code_of(error: sqlite3.Error) -> int:
    """SQLite's primary result code: extended codes keep it in their low byte."""
    return (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF


def problem_of(error: sqlite3.Error | UnicodeDecodeError, path: str) -> Problem:
    code = sqlite3.SQLITE_CORRUPT if isinstance(error, UnicodeDecodeError) else code_of(error)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return Problem(f"another program, or another Composure, is using the results file {path}")
    if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_READONLY_DIRECTORY:
        return Problem(f"the folder of the results file {path} is read-only")
    if code == sqlite3.SQLITE_READONLY:
        return Problem(f"the results file {path} is read-only")
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return Problem(f"Composure may not open or create the results file {path}")
    if code == sqlite3.SQLITE_FULL:
        return Problem(f"the disk is full ({path})")
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return Problem(f"the results file {path} is damaged", damaged=True)
    if code == sqlite3.SQLITE_IOERR:
        return Problem(f"the disk holding the results file {path} could not be read or written")
    return Problem(f"the results file {path} could not be used")
