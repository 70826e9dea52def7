"""The one base of the engine's errors, so a caller can tell "the engine refused this, and says why
in a sentence" from a bug: a scenario that does not load, an answer that is not offered, a
scenario that cannot be analysed, a save that cannot be restored."""

from __future__ import annotations


class EngineError(Exception):
    """Something the engine refuses on purpose; str() is a sentence for a person."""
