"""A write that failed, told as a sentence for the player rather than as the system's error.

Every storage write (the autosave, the trainee list, the results) raises StorageError, so the
screens catch one thing and show its words; the system's own error stays in `__cause__` for the log.
"""

from __future__ import annotations

import errno
from pathlib import Path

REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your share of the disk is used up",
    errno.EROFS: "the disk is read-only",
    errno.EEXIST: "a file stands where its folder should be",
    errno.ENOTDIR: "a file stands where its folder should be",
}
NOT_ALLOWED = (errno.EACCES, errno.EPERM)


class StorageError(Exception):
    """Something could not be written; str() is a whole sentence for the player."""


def failed_write(subject: str, folder: Path, problem: OSError) -> StorageError:
    """`subject` ("Your progress") could not be saved in `folder`, and why, in our words."""
    return StorageError(f"{subject} could not be saved: {why_not_written(folder, problem)}.")


def why_not_written(folder: Path, problem: OSError) -> str:
    """The end of a sentence saying why nothing could be written in `folder`."""
    if problem.errno in REASONS:
        return f"{REASONS[problem.errno]} ({folder})"
    if problem.errno in NOT_ALLOWED:
        return f"Composure is not allowed to write in {folder}"
    return f"the system refused to write in {folder} ({problem.strerror or type(problem).__name__})"
