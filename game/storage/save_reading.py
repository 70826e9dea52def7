"""Reading one of the player's JSON files so that whatever is in it, the game carries on.

A missing file is no file. A damaged one (cut short, not JSON, too deep for the reader, a pipe or
a device in its place, not ours to read, fields that make no sense) is renamed aside, never deleted,
so that it can be looked at or mended later. A file from a newer game that this one cannot read is
left exactly where it is. Each caller turns the outcome into its own sentence for the player.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from .atomic import remove_leftovers, set_aside
from .bounded import SMALL_FILE_BYTES, UnreadableFile, read_bounded
from .save_format import FileFormat, TooNew

LOG = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Reading(Generic[T]):
    """What came of reading a file: at most one field is set; none when there was no file."""

    value: T | None = None
    kept_as: Path | None = None  # it was damaged and now has this name
    too_new: int | None = None  # the newer format version it was written in; the file is untouched
    stuck: bool = False  # it was damaged and could not be renamed either (a read-only folder)


def read_file(path: Path, form: FileFormat, convert: Callable[[dict[str, Any]], T]) -> Reading[T]:
    """The file at `path` read as `form` and turned into a value by `convert`, which raises
    ValueError or TypeError (in words for the log) when the fields make no sense."""
    if path.parent.is_dir():
        remove_leftovers(path)
    if not os.path.lexists(path):
        return Reading()
    try:
        data = json.loads(read_bounded(path, SMALL_FILE_BYTES).decode("utf-8"))
        return Reading(value=convert(form.current(data)))
    except TooNew as newer:
        LOG.warning("%s was written by a newer Composure (%s); left as it is", path, newer)
        return Reading(too_new=newer.version)
    except (UnreadableFile, ValueError, TypeError, RecursionError) as problem:  # RecursionError: [[[[...
        try:
            moved = set_aside(path)
        except OSError:
            LOG.warning("%s is unreadable (%s) and could not be moved aside", path, problem)
            return Reading(stuck=True)
        LOG.warning("%s is unreadable (%s); moved to %s", path, problem, moved)
        return Reading(kept_as=moved)
