"""How long a trainee has to answer at a timed node: the scenario's timer, adjusted by the trainee.

WCAG 2.2.1 (Timing Adjustable) asks that a user can turn a time limit off or extend it before
meeting it, so the trainee picks one of TIME_LIMITS in the settings and every session carries it.
"""

from __future__ import annotations

import math
from fractions import Fraction

OFF = "off"
NORMAL = "normal"
TIME_LIMITS = (OFF, NORMAL, "1.5x", "2x")  # in the settings screen's order
# Off scales nothing: its timer runs only where the trainee has nothing to say (see time_limit).
FACTORS = {OFF: Fraction(1), NORMAL: Fraction(1), "1.5x": Fraction(3, 2), "2x": Fraction(2)}


def time_limit(timer: int | None, time_limits: str, something_to_say: bool) -> int | None:
    """The seconds to answer in: the node's timer scaled and rounded up (never less time than asked
    for), or None when there is no limit. With limits off a timed node waits, unless the trainee has
    nothing to say there: then its timer runs as written, or the conversation would wait for ever."""
    if timer is None or (time_limits == OFF and something_to_say):
        return None
    return math.ceil(timer * FACTORS[time_limits])
