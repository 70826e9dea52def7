"""How hard the randomised tests push: a quick default, and a deep run on request.

`COMPOSURE_TEST_DEPTH=deep python3 -m pytest` multiplies the examples of every property test
and the events of the monkey test, for a long search before a release; the default keeps the
whole suite within a few minutes on a two-core machine. Counts, never seconds: a loaded
machine runs slower, not differently.
"""

from __future__ import annotations

import os

DEPTH_VARIABLE = "COMPOSURE_TEST_DEPTH"
DEPTHS = {"quick": 1, "deep": 10}
_depth = os.environ.get(DEPTH_VARIABLE, "quick")
if _depth not in DEPTHS:
    raise SystemExit(f"{DEPTH_VARIABLE}={_depth!r}: choose one of {', '.join(DEPTHS)}")
FACTOR = DEPTHS[_depth]


def scaled(quick_count: int) -> int:
    """A count of examples or events for the chosen depth."""
    return quick_count * FACTOR
