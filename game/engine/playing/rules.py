"""The arithmetic of anger and scores that the machine's moves (`machine.py`) and the scoring share.

How a conversation moves is defined once, by the scenario's compiled machine; these are only the
bounds and the sums it and the analysis compute with.
"""

from __future__ import annotations

from ..model import Effects, Scenario

ANGER_MIN, ANGER_MAX = 0, 100
TEMPERAMENT_MIN, TEMPERAMENT_MAX = 10, 500  # percent: how strongly a customer reacts to every anger effect
MAX_ROUTE_HOPS = 1000  # validation forbids route-only cycles; this only guards hand-built models


def scaled_anger(delta: int, temperament: int) -> int:
    """An anger effect scaled by the customer's temperament (percent), rounded half away from 0."""
    magnitude = (abs(delta) * temperament + 50) // 100
    return magnitude if delta >= 0 else -magnitude


def clamp_anger(anger: int) -> int:
    return max(ANGER_MIN, min(ANGER_MAX, anger))


def gains_on_arrival(scenario: Scenario, gains: tuple[int, int, int], place: str) -> tuple[int, int, int]:
    """A move's score gains, plus the ending's effects when the move ends the conversation there.

    The one place ending effects count: every total (the state graph, and through it the
    debrief of a Session) takes each move's gains from here."""
    ending = scenario.endings.get(place)
    if ending is None or ending.effects == Effects():
        return gains
    extra = ending.effects.gains()
    return (gains[0] + extra[0], gains[1] + extra[1], gains[2] + extra[2])
