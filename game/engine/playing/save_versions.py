"""Which versions of the saved-session format this Composure reads, and how an older save is brought up to date.

A save names the format version that wrote it and the oldest reader that can still use it
(`min_compatible`). A later format that only adds fields leaves `min_compatible` low, so an
older Composure still resumes its saves (ignoring what it does not know); a change an older
reader would misread raises it, and that reader refuses with a sentence instead of resuming
somewhere wrong. An older save is read by running each migration from its version up to ours.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeGuard

from ..errors import EngineError
from ..reading.diagnostics import shown

FORMAT = "composure-session"
VERSION = 3
# Versions 2 and 3 only added fields (min_compatible; time_limits): a version 1 reader finds everything
# it needs, and resumes with the timers as written.
MIN_COMPATIBLE = 1


class SessionStateError(EngineError, ValueError):
    """The data is not a session of this scenario that we can restore; the message says why."""


def _from_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 named no oldest reader: it was the first, so every reader can use it."""
    return {**data, "version": 2, "min_compatible": 1}


def _from_version_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 had no time-limits setting: every session ran its timers as written."""
    return {**data, "version": 3, "time_limits": "normal"}


Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: tuple[Migration, ...] = (_from_version_1, _from_version_2)  # MIGRATIONS[n - 1] turns version n into n + 1


def current_form(data: Any) -> dict[str, Any]:
    """`data` as a save of our version (migrated up, or a newer one we can read as it is);
    raises SessionStateError saying why when it is neither."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SessionStateError("this is not a saved Composure session")
    version = data.get("version")
    if not _whole(version) or version < 1:
        raise SessionStateError(
            f"this session was saved in format version {shown(repr(version))}; "
            f"this version of Composure reads versions 1 to {VERSION}"
        )
    if version > VERSION:
        oldest = data.get("min_compatible")
        if not _whole(oldest) or oldest > VERSION:
            readable = f", which Composure reads from format version {oldest} on" if _whole(oldest) else ""
            raise SessionStateError(
                f"this session was saved by a newer Composure in format version {version}{readable}; "
                f"this one reads versions up to {VERSION}: update Composure to resume it"
            )
        return data
    for migrate in MIGRATIONS[version - 1 :]:
        data = migrate(data)
    return data


def _whole(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
