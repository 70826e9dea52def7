"""Pausing Python's cyclic garbage collector around bulk building of acyclic data.

Reading a large scenario or exploring its states allocates hundreds of thousands of small
objects, none forming reference cycles, yet every allocation burst triggers a collector scan
over all of them: pausing it cuts those builds' time by a third to a half.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector for the block, and restore it as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
