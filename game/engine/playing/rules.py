"""The rules of a conversation as pure functions, shared by the session and the analysis.

The session runs these inside its state machine's callbacks and conditions; the state-space
analysis calls them directly. Keeping the rules here means the two can never disagree.
"""

from __future__ import annotations

from ..model import Choice, Consequence, Effects, Node, Scenario
from .conditions import holds

ANGER_MIN, ANGER_MAX = 0, 100
TEMPERAMENT_MIN, TEMPERAMENT_MAX = 10, 500  # percent: how strongly a customer reacts to every anger effect
MAX_ROUTE_HOPS = 1000  # validation forbids route-only cycles; this only guards hand-built models


def scaled_anger(delta: int, temperament: int) -> int:
    """An anger effect scaled by the customer's temperament (percent), rounded half away from 0."""
    magnitude = (abs(delta) * temperament + 50) // 100
    return magnitude if delta >= 0 else -magnitude


def clamp_anger(anger: int) -> int:
    return max(ANGER_MIN, min(ANGER_MAX, anger))


def anger_after(anger: int, consequence: Consequence, temperament: int) -> int:
    return clamp_anger(anger + scaled_anger(consequence.effects.anger, temperament))


def flags_after(flags: frozenset[str], consequence: Consequence) -> frozenset[str]:
    return (flags - consequence.clears) | consequence.sets


def gains_on_arrival(scenario: Scenario, gains: tuple[int, int, int], place: str) -> tuple[int, int, int]:
    """A move's score gains, plus the ending's effects when the move ends the conversation there.

    The one place ending effects count: every total (the state graph, and through it the
    debrief of a Session) takes each move's gains from here."""
    ending = scenario.endings.get(place)
    if ending is None or ending.effects == Effects():
        return gains
    extra = ending.effects.gains()
    return (gains[0] + extra[0], gains[1] + extra[1], gains[2] + extra[2])


def walks_out(scenario: Scenario, anger: int) -> bool:
    threshold = scenario.customer.walks_out_at
    return threshold is not None and anger >= threshold


def route_target(node: Node, anger: int, flags: frozenset[str]) -> str:
    """The first route entry whose condition holds (the last entry always does)."""
    for route in node.route:
        if holds(route.condition, anger, flags):
            return route.next
    raise ValueError(f"no route of node '{node.id}' applies; its last entry must have no 'if'")


def settle(scenario: Scenario, place: str, anger: int, flags: frozenset[str]) -> str:
    """Follow routing nodes until a place where the trainee speaks, or an ending."""
    for _ in range(MAX_ROUTE_HOPS):
        node = scenario.nodes.get(place)
        if node is None or not node.is_route:
            return place
        place = route_target(node, anger, flags)
    raise ValueError(f"routing from '{place}' never reaches a node with choices")


def is_available(choice: Choice, anger: int, flags: frozenset[str]) -> bool:
    return holds(choice.condition, anger, flags)


def step(
    scenario: Scenario, consequence: Consequence, anger: int, flags: frozenset[str], temperament: int
) -> tuple[str, int, frozenset[str]]:
    """Where a consequence leads from (anger, flags): the next place, anger and flags."""
    return land(scenario, consequence, anger_after(anger, consequence, temperament), flags_after(flags, consequence))


def land(
    scenario: Scenario, consequence: Consequence, anger: int, flags: frozenset[str]
) -> tuple[str, int, frozenset[str]]:
    """Where a consequence ends once its effects are applied: the walk-out, or its `next`."""
    if walks_out(scenario, anger):
        return scenario.customer.walks_out_to or consequence.next, anger, flags
    return settle(scenario, consequence.next, anger, flags), anger, flags
