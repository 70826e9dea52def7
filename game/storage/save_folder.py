"""Whether the data folder can keep anything, asked once as the game starts.

A read-only install, a full disk or a shared drive that went away must not stop anyone playing:
the game opens anyway, and the player is told at once that nothing will be kept, instead of
learning it from a failed autosave half-way through a conversation.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import why_not_written

CANNOT_KEEP = (
    "Nothing you do can be kept: {reason}. You can still play; "
    "to keep your progress, start Composure with --data and a folder it may write in."
)


def folder_problem(folder: Path) -> str:
    """ "" when files can be written in `folder` (made if missing); else a sentence for the player."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".composure-check.", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as problem:
        return CANNOT_KEEP.format(reason=why_not_written(folder, problem))
    return ""
