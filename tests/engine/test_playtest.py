"""The play-test view's numbers: each answer's preview is exactly what picking it does, checked by
picking it, at every situation random play reaches on the walk-in and on small scenarios built to
route, gate, clash and walk out; the flags a scenario names, for the jump list."""

from __future__ import annotations

import random

import pytest

from game.engine.model import Scenario
from game.engine.playing.playtest import flags_in, previews
from game.engine.playing.session import TIMEOUT, Session
from tests.engine.test_session import CLASH, GATES, ROUTES, meter, moves
from tests.inline_scenarios import header, scenario_from
from tests.paths import ANGRY_WALK_IN

# Endings with score effects of their own, which count on the answer that arrives there.
ENDING_EFFECTS = (
    header("ending-effects", '  name: "Eve"\n  portrait: caller-woman\n  anger: 20')
    + """
start: ask
nodes:
  ask:
    say: "Well?"
    choices:
      - {id: fix, text: "Fix it", effects: {composure: 5, resolution: 10}, next: fixed}
      - {id: pass-on, text: "Pass it on", effects: {assertiveness: -5}, next: passed}
endings:
  fixed: {outcome: resolved, title: "Fixed", text: "f", effects: {resolution: 7}}
  passed: {outcome: partial, title: "Passed", text: "p", effects: {composure: -3}}
"""
)
SCENARIOS = {
    "ending-effects": lambda: scenario_from(ENDING_EFFECTS),
    "walk-in": lambda: scenario_from(ANGRY_WALK_IN.read_text(encoding="utf-8"), str(ANGRY_WALK_IN)),
    "routes": lambda: scenario_from(ROUTES),
    "gates": lambda: scenario_from(GATES),
    "clash": lambda: scenario_from(CLASH),
    "walk-out": lambda: meter(temperament=150, delta=10, walks_out_at=90),
}


def picked(session: Session, choice_id: str) -> Session:
    """A copy of the session with `choice_id` (or TIMEOUT) answered."""
    branch = session.rewound(len(session.history))
    if choice_id == TIMEOUT:
        branch.timeout()
    else:
        branch.choose_id(choice_id)
    return branch


def expected_gains(scenario: Scenario, node_id: str, choice_id: str, place: str) -> tuple[int, int, int]:
    """From the model, not the machine: the consequence's effects, plus the ending's when it ends there."""
    node = scenario.nodes[node_id]
    consequence = (
        node.timeout if choice_id == TIMEOUT else next(c for c in node.choices if c.id == choice_id).consequence
    )
    assert consequence is not None
    gains = consequence.effects.gains()
    ending = scenario.endings.get(place)
    extra = ending.effects.gains() if ending else (0, 0, 0)
    return (gains[0] + extra[0], gains[1] + extra[1], gains[2] + extra[2])


def check_situation(session: Session) -> None:
    scenario, node = session.scenario, session.scenario.nodes[session.place]
    shown = previews(session)
    assert list(shown) == [c.id for c in node.choices] + ([TIMEOUT] if node.timeout else []), "every answer, in order"
    for choice_id in moves(session):
        preview, after = shown[choice_id], picked(session, choice_id)
        assert (preview.anger_before, preview.anger_after) == (session.anger, after.anger), choice_id
        assert preview.place == after.place and preview.ending is after.ending, choice_id
        assert after.flags == (session.flags - preview.clears) | preview.sets, choice_id
        assert preview.gains == expected_gains(scenario, node.id, choice_id, preview.place), choice_id
        walkout = scenario.customer.walks_out_to
        customer_left = after.place == walkout and preview.anger_after >= (scenario.customer.walks_out_at or 101)
        assert preview.walks_out == customer_left, choice_id


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_preview_is_what_picking_the_answer_does(name: str) -> None:
    scenario = SCENARIOS[name]()
    for seed in range(12):
        rng = random.Random(seed)
        session = Session.start(scenario, seed=seed)
        while not session.finished:
            check_situation(session)
            session = picked(session, rng.choice(moves(session)))
        assert previews(session) == {}, "an ending offers nothing"


def test_answers_not_offered_now_are_previewed_too() -> None:
    """A trainer sees what a locked or hidden answer would do, to check the gate is worth it."""
    session = Session.start(scenario_from(GATES))
    offered = {option.choice_id for option in session.view().options}
    assert "secret" not in offered, "hidden while the flag is unset"
    assert set(previews(session)) >= {"secret", "calm-only"}
    promise = previews(session)["promise"]
    assert (promise.sets, promise.clears) == (frozenset({"insider", "banned"}), frozenset({"banned"}))


def test_anger_is_scaled_for_this_customer_and_a_walk_out_is_named() -> None:
    session = Session.start(meter(temperament=150, delta=10, walks_out_at=90))
    shown = previews(session)
    assert shown["small-up"].anger_change == 15, "+10 at 150 % is +15"
    assert shown["small-down"].anger_change == -15
    up = shown["up"]
    assert up.walks_out and up.place == "gone" and up.ending is not None and up.ending.outcome == "lost"
    assert not shown["down"].walks_out and shown["down"].anger_after == 0, "kept within the meter"


def test_flags_in_lists_every_flag_set_cleared_or_tested_once() -> None:
    assert flags_in(scenario_from(GATES)) == ("banned", "insider")
    assert flags_in(scenario_from(ROUTES)) == ("vip",)
    assert flags_in(meter()) == ()
