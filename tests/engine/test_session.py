"""The Session: what the trainee sees, what each answer does, saving and restoring.

Everything runs on real YAML: the shipped angry walk-in, and small scenarios written
here to isolate one rule each. Tables list the cases; each row is one pytest case.
"""

from __future__ import annotations

import json
import random
import re
import weakref
from pathlib import Path

import pytest

from game.engine.judging.scoring import result
from game.engine.model import Scenario
from game.engine.playing import rules
from game.engine.playing.machine import ROUTE, TIMEOUT_TRIGGER, answer_trigger, machine_for, moves_for
from game.engine.playing.save_versions import VERSION
from game.engine.playing.session import TIMEOUT, InvalidChoice, Session
from game.engine.playing.session_state import SessionStateError
from game.storage.scenario_files import load_scenario
from tests.inline_scenarios import header, scenario_from

ANGRY_WALK_IN = Path(__file__).resolve().parents[2] / "scenarios" / "angry-walk-in.yaml"


@pytest.fixture(scope="module")
def walk_in() -> Scenario:
    return load_scenario(ANGRY_WALK_IN)


def option_ids(session: Session, available_only: bool = False) -> list[str]:
    return [o.choice_id for o in session.view().options if o.available or not available_only]


def moves(session: Session) -> list[str]:
    """Everything the trainee can do now: the available choices, and the timeout if timed."""
    return option_ids(session, available_only=True) + ([TIMEOUT] if session.view().timer else [])


def act(session: Session, move: str, seconds: float | None = None) -> None:
    if move == TIMEOUT:
        session.timeout(seconds)
    else:
        session.choose_id(move, seconds)


def random_playthrough(session: Session, rng: random.Random) -> Session:
    while not session.finished:
        act(session, rng.choice(moves(session)), round(rng.uniform(0.5, 20), 2))
    return session


# -- small scenarios, one rule each -----------------------------------------------------

# The start node routes; routes test anger first, then a flag; choices lead back into it.
ROUTES = (
    header("routes", '  name: "Rita"\n  portrait: caller-woman\n  anger: 30')
    + """
start: door
nodes:
  door:
    route:
      - if: {anger: {at_least: 60}}
        next: hot
      - if: {flag: vip}
        next: vip-desk
      - next: calm
  calm:
    say: "Hello."
    choices:
      - {id: rile, text: "Rile", effects: {anger: 30}, next: door}
      - {id: make-vip, text: "VIP", sets: [vip], next: door}
      - {id: both, text: "Both", effects: {anger: 40}, sets: [vip], next: door}
      - {id: leave, text: "Bye", next: done}
  hot:
    say: "Grr."
    choices: [{id: leave, text: "Bye", next: done}]
  vip-desk:
    say: "VIP."
    choices: [{id: leave, text: "Bye", next: done}]
endings:
  done: {outcome: resolved, title: "Done", text: "d"}
"""
)

# Anger effects big enough to hit both ends of the meter, with a chosen temperament.
METER = """
start: talk
nodes:
  talk:
    say: "Well?"
    choices:
      - {id: up, text: "Up", effects: {anger: 80}, next: after}
      - {id: down, text: "Down", effects: {anger: -80}, next: after}
      - {id: small-up, text: "A bit up", effects: {anger: DELTA_UP}, next: after}
      - {id: small-down, text: "A bit down", effects: {anger: DELTA_DOWN}, next: after}
  after:
    say: "And?"
    choices: [{id: end, text: "End", next: done}]
endings:
  done: {outcome: resolved, title: "Done", text: "d"}
"""


def meter(temperament: int = 100, delta: int = 5, walks_out_at: int | None = None) -> Scenario:
    customer = '  name: "Mo"\n  portrait: caller-woman\n  anger: 50\n'
    customer += f"  temperament: {{min: {temperament}, max: {temperament}}}"
    body = METER.replace("DELTA_UP", str(abs(delta))).replace("DELTA_DOWN", str(-abs(delta)))
    if walks_out_at is not None:
        customer += f"\n  walks_out_at: {walks_out_at}\n  walks_out_to: gone"
        body += '  gone: {outcome: lost, title: "Gone", text: "g"}\n'
    return scenario_from(header("meter", customer) + body)


# Choices gated on anger and flags, shown greyed out or hidden; a timed node whose only
# choice is hidden.
GATES = (
    header("gates", '  name: "Gus"\n  portrait: caller-woman\n  anger: 40')
    + """
start: desk
nodes:
  desk:
    say: "What now?"
    choices:
      - id: calm-only
        text: "Only when calm"
        if: {anger: {at_most: 30}}
        unavailable_hint: "He has to be calmer first."
        next: done
      - id: secret
        text: "Secret"
        if: {flag: insider}
        when_unavailable: hide
        next: done
      - id: not-banned
        text: "Unless banned"
        if: {not_flag: banned}
        when_unavailable: show
        next: done
      - {id: always, text: "Always", next: done}
      - {id: wait, text: "Wait", next: waiting}
      - {id: promise, text: "Promise", sets: [insider, banned], clears: [banned], next: done}
  waiting:
    say: "..."
    timer: 10
    timeout: {effects: {anger: 5}, next: done}
    choices:
      - {id: secret, text: "Secret", if: {flag: insider}, when_unavailable: hide, next: done}
endings:
  done: {outcome: resolved, title: "Done", text: "d"}
"""
)

# Node and choice ids that look like attributes of a state machine or its model.
CLASH = (
    header("clash", '  name: "Ana"\n  portrait: caller-woman\n  anger: 40\n  walks_out_at: 90\n  walks_out_to: model')
    + """
start: trigger
nodes:
  trigger:
    say: "one"
    choices:
      - {id: state, text: "A", effects: {anger: 10}, next: state}
      - {id: trigger, text: "B", effects: {anger: -10}, next: to_state}
      - {id: to_state, text: "C", effects: {anger: 60}, next: machine}
  state:
    say: "two"
    choices:
      - {id: to_state, text: "C", next: is_state}
      - {id: is_state, text: "D", next: may_trigger}
  to_state:
    route:
      - if: {anger: {at_least: 35}}
        next: is_state
      - next: may_trigger
  is_state:
    say: "three"
    timer: 10
    timeout: {next: machine}
    choices:
      - {id: may_trigger, text: "E", next: initial}
  initial:
    say: "four"
    choices:
      - {id: machine, text: "F", next: machine}
      - {id: may_state, text: "G", next: model}
      - {id: is_trigger, text: "H", next: trigger}
  may_trigger:
    say: "five"
    choices:
      - {id: initial, text: "I", next: machine}
      - {id: model, text: "J", next: model}
endings:
  machine: {outcome: resolved, title: "M", text: "m"}
  model: {outcome: lost, title: "L", text: "l"}
"""
)


# -- the start and the view -------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2, 7, 12345])
def test_start_view_shows_the_first_node(walk_in: Scenario, seed: int) -> None:
    node = walk_in.nodes["burst-in"]
    view = Session.start(walk_in, seed).view()
    assert (view.scenario_id, view.place, view.turn) == ("angry-walk-in", "burst-in", 0)
    assert view.speaker == "Gareth Pryce"
    assert view.line in node.say
    assert view.narration == node.narration
    assert (view.anger, view.walks_out_at, view.timer) == (70, 95, None)
    assert {(o.choice_id, o.text) for o in view.options} == {(c.id, c.text) for c in node.choices}
    assert all(o.available and o.hint == "" for o in view.options)
    assert view.ending is None and not view.finished


def test_every_say_alternative_is_used_by_some_seed(walk_in: Scenario) -> None:
    lines = {Session.start(walk_in, seed).view().line for seed in range(60)}
    assert lines == set(walk_in.nodes["burst-in"].say)


@pytest.mark.parametrize(("at", "timer"), [("louder", 15), ("vent", None), ("reads-letter", None)])
def test_view_shows_the_timer(walk_in: Scenario, at: str, timer: int | None) -> None:
    assert Session.start(walk_in, 3, at=at).view().timer == timer


def test_a_finished_view_has_the_ending_and_no_options(walk_in: Scenario) -> None:
    session = Session.start(walk_in, 1, at="interrupts")
    answered = session.choose_id("snap-back")
    assert answered.ended and answered.ending is walk_in.endings["walked-out"]
    view = session.view()
    assert view.finished and view.ending is answered.ending
    assert (view.place, view.options, view.line, view.narration, view.timer) == ("walked-out", (), "", "", None)


# -- choosing --------------------------------------------------------------------------


@pytest.mark.parametrize("choice_id", ["calm-down", "go-on", "i-understand", "acknowledge"])
def test_choose_by_index_and_by_id_do_the_same(walk_in: Scenario, choice_id: str) -> None:
    by_index, by_id = Session.start(walk_in, 5), Session.start(walk_in, 5)
    index = option_ids(by_index).index(choice_id)
    assert by_index.choose(index, seconds=2.5) == by_id.choose_id(choice_id, seconds=2.5)
    assert by_index.history == by_id.history
    step = by_id.history[0]
    consequence = next(c for c in walk_in.nodes["burst-in"].choices if c.id == choice_id).consequence
    expected = rules.clamp_anger(70 + rules.scaled_anger(consequence.effects.anger, by_id.temperament))
    assert (step.node, step.choice, step.anger_before, step.anger_after, step.flags_before, step.seconds) == (
        "burst-in",
        choice_id,
        70,
        expected,
        (),
        2.5,
    )
    assert by_id.place == moves_for(walk_in).settle(consequence.next, expected, frozenset())
    assert by_id.view().turn == 1


# -- the walk-out -----------------------------------------------------------------------


def speaking_nodes(scenario: Scenario) -> list[str]:
    return [node.id for node in scenario.nodes.values() if not node.is_route]


@pytest.mark.parametrize("at", speaking_nodes(load_scenario(ANGRY_WALK_IN)))
def test_walk_out_from_any_node(walk_in: Scenario, at: str) -> None:
    """From 94, the angriest answer at every node reaches 95 and he walks out, whatever its `next`."""
    node = walk_in.nodes[at]
    session = Session.start(walk_in, 2, at=at, anger=94)
    angriest = max(node.choices, key=lambda c: c.consequence.effects.anger)
    assert rules.scaled_anger(angriest.consequence.effects.anger, session.temperament) >= 1
    answered = session.choose_id(angriest.id)
    assert answered.place == "walked-out" and answered.ended
    assert answered.anger_after == min(
        100, 94 + rules.scaled_anger(angriest.consequence.effects.anger, session.temperament)
    )


@pytest.mark.parametrize("at", speaking_nodes(load_scenario(ANGRY_WALK_IN)))
def test_calming_answer_at_94_goes_where_it_says(walk_in: Scenario, at: str) -> None:
    node = walk_in.nodes[at]
    session = Session.start(walk_in, 2, at=at, anger=94, flags={"account-checked", "complaint-noted"})
    calmest = min(node.choices, key=lambda c: c.consequence.effects.anger)
    answered = session.choose_id(calmest.id)
    assert answered.place == moves_for(walk_in).settle(calmest.consequence.next, session.anger, session.flags)


def test_walk_out_on_timeout(walk_in: Scenario) -> None:
    session = Session.start(walk_in, 2, at="louder", anger=90)
    assert session.timeout().place == "walked-out"


@pytest.mark.parametrize(
    ("start", "delta", "place"),
    [
        (80, 10, "gone"),  # exactly reaches walks_out_at
        (80, 9, "after"),  # one short
        (89, 80, "gone"),  # far over: clamped, still gone
        (85, -5, "after"),  # calming never walks out
    ],
)
def test_walk_out_threshold(start: int, delta: int, place: str) -> None:
    session = Session.start(meter(delta=delta, walks_out_at=90), anger=start)
    choice = "small-up" if delta > 0 else "small-down"
    assert session.choose_id(choice).place == place


def test_walk_out_beats_a_next_that_is_an_ending(walk_in: Scenario) -> None:
    session = Session.start(walk_in, 2, at="grudging", anger=90)
    assert walk_in.nodes["grudging"].choices[1].consequence.next == "left-upset"
    assert session.choose_id("youre-the-one").place == "walked-out"


# -- the anger meter and temperament ---------------------------------------------------


@pytest.mark.parametrize(
    ("start", "choice", "after"),
    [
        (50, "up", 100),
        (95, "small-up", 100),
        (100, "up", 100),
        (50, "down", 0),
        (3, "small-down", 0),
        (0, "down", 0),
        (50, "small-up", 55),
        (50, "small-down", 45),
    ],
)
def test_anger_is_clamped(start: int, choice: str, after: int) -> None:
    session = Session.start(meter(), anger=start)
    assert session.choose_id(choice).anger_after == after
    assert session.history[-1].anger_after == after


@pytest.mark.parametrize(
    ("delta", "temperament", "scaled"),
    [
        (10, 100, 10),
        (-10, 100, -10),
        (0, 300, 0),
        (5, 150, 8),
        (-5, 150, -8),  # 7.5: half away from zero
        (5, 50, 3),
        (-5, 50, -3),  # 2.5
        (1, 50, 1),
        (-1, 50, -1),  # 0.5
        (1, 49, 0),
        (-1, 49, 0),  # 0.49
        (3, 50, 2),
        (-3, 50, -2),  # 1.5
        (10, 85, 9),
        (-10, 85, -9),  # 8.5
        (15, 110, 17),
        (-15, 110, -17),  # 16.5
        (10, 120, 12),
        (-25, 120, -30),
        (7, 90, 6),
        (-7, 90, -6),  # 6.3
        (100, 500, 500),
        (-100, 500, -500),
        (3, 10, 0),
        (5, 10, 1),
        (-5, 10, -1),
    ],
)
def test_scaled_anger(delta: int, temperament: int, scaled: int) -> None:
    assert rules.scaled_anger(delta, temperament) == scaled


@pytest.mark.parametrize(
    ("temperament", "delta", "up", "down"),
    [
        (100, 5, 55, 45),
        (150, 5, 58, 42),
        (50, 5, 53, 47),
        (50, 1, 51, 49),
        (49, 1, 50, 50),
        (85, 10, 59, 41),
        (120, 25, 80, 20),
        (500, 20, 100, 0),
    ],
)
def test_temperament_scales_anger_in_play(temperament: int, delta: int, up: int, down: int) -> None:
    scenario = meter(temperament, delta)
    rising, falling = Session.start(scenario, 9), Session.start(scenario, 9)
    assert rising.temperament == temperament
    assert rising.choose_id("small-up").anger_after == up
    assert falling.choose_id("small-down").anger_after == down


@pytest.mark.parametrize("seed", range(20))
def test_temperament_is_drawn_within_the_customers_range(walk_in: Scenario, seed: int) -> None:
    assert 85 <= Session.start(walk_in, seed).temperament <= 120


# -- routes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("anger", "flags", "place"),
    [
        (30, set(), "calm"),
        (59, set(), "calm"),
        (60, set(), "hot"),
        (100, set(), "hot"),
        (30, {"vip"}, "vip-desk"),
        (70, {"vip"}, "hot"),  # first match wins: anger is tested before the flag
        (0, {"vip", "other"}, "vip-desk"),
        (30, {"other"}, "calm"),
    ],
)
def test_routing_at_the_start_node(anger: int, flags: set[str], place: str) -> None:
    session = Session.start(scenario_from(ROUTES), anger=anger, flags=flags)
    assert session.place == place and session.view().place == place
    assert session.history == []


@pytest.mark.parametrize(
    ("anger", "choice", "place"),
    [
        (30, "rile", "hot"),  # 60: by anger
        (20, "rile", "calm"),  # 50: falls through to the last entry
        (30, "make-vip", "vip-desk"),
        (30, "both", "hot"),  # anger and flag both match: the first entry wins
        (30, "leave", "done"),
    ],
)
def test_routing_after_a_choice(anger: int, choice: str, place: str) -> None:
    session = Session.start(scenario_from(ROUTES), anger=anger)
    assert session.choose_id(choice).place == place
    assert session.history[-1].node == "calm"


@pytest.mark.parametrize(
    ("anger", "flags", "place"),
    [
        (75, set(), "interrupts"),
        (74, set(), "reads-letter"),
        (90, {"account-checked"}, "interrupts"),
    ],
)
def test_walk_in_routes_by_anger(walk_in: Scenario, anger: int, flags: set[str], place: str) -> None:
    assert Session.start(walk_in, 0, at="check-mood", anger=anger, flags=flags).place == place


@pytest.mark.parametrize(
    ("anger", "flags", "place"),
    [
        (10, {"promised-credit"}, "promise-called-in"),
        (80, {"promised-fix"}, "promise-called-in"),  # flag first, though anger also matches
        (50, set(), "grudging"),
        (24, set(), "goodbye"),
        (24, {"complaint-noted"}, "goodbye"),
    ],
)
def test_walk_in_final_check_first_match_wins(walk_in: Scenario, anger: int, flags: set[str], place: str) -> None:
    assert Session.start(walk_in, 0, at="final-check", anger=anger, flags=flags).place == place


# -- conditional choices ----------------------------------------------------------------

HINT = "He has to be calmer first."


@pytest.mark.parametrize(
    ("anger", "flags", "options"),
    [
        (40, set(), [("calm-only", False, HINT), ("not-banned", True, ""), ("always", True, "")]),
        (
            30,
            {"insider"},
            [("calm-only", True, ""), ("secret", True, ""), ("not-banned", True, ""), ("always", True, "")],
        ),
        (31, {"banned"}, [("calm-only", False, HINT), ("not-banned", False, ""), ("always", True, "")]),
        (
            0,
            {"banned", "insider"},
            [("calm-only", True, ""), ("secret", True, ""), ("not-banned", False, ""), ("always", True, "")],
        ),
    ],
)
def test_conditional_choices_shown_or_hidden(anger: int, flags: set[str], options: list[tuple[str, bool, str]]) -> None:
    view = Session.start(scenario_from(GATES), anger=anger, flags=flags).view()
    shown = [(o.choice_id, o.available, o.hint) for o in view.options]
    assert shown == [*options, ("wait", True, ""), ("promise", True, "")]


def test_walk_in_unavailable_choice_is_shown_with_its_hint(walk_in: Scenario) -> None:
    options = {o.choice_id: o for o in Session.start(walk_in, 0, at="reads-letter").view().options}
    assert not options["account-fine"].available
    assert options["account-fine"].hint.startswith("You need his account number first.")
    checked = Session.start(walk_in, 0, at="reads-letter", flags={"account-checked"}).view()
    assert all(o.available for o in checked.options)


@pytest.mark.parametrize("by", ["index", "id"])
def test_choosing_an_unavailable_choice_says_why(by: str) -> None:
    session = Session.start(scenario_from(GATES), anger=40)
    with pytest.raises(InvalidChoice) as raised:
        if by == "index":
            session.choose(option_ids(session).index("calm-only"))
        else:
            session.choose_id("calm-only")
    assert str(raised.value) == f"the option 'calm-only' is not available yet ({HINT}); choose another"
    assert session.history == [] and session.place == "desk"


def test_choosing_a_hidden_choice_by_id_says_what_is_offered() -> None:
    session = Session.start(scenario_from(GATES), anger=40)
    with pytest.raises(
        InvalidChoice,
        match=r"'secret' is not a choice offered here; offered: calm-only, "
        r"not-banned, always, wait, promise$",
    ):
        session.choose_id("secret")


def test_a_timed_node_whose_choices_are_all_hidden_waits_for_the_timer() -> None:
    session = Session.start(scenario_from(GATES), anger=40)
    session.choose_id("wait")
    assert session.view().options == ()
    with pytest.raises(InvalidChoice) as raised:
        session.choose(0)
    assert "timeout()" in str(raised.value) and "-1" not in str(raised.value)
    assert session.timeout().place == "done" and session.anger == 45


# -- flags ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "flags", "choice", "after"),
    [
        ("vent", set(), "write-down", {"complaint-noted"}),
        ("vent", set(), "account-number", {"account-checked"}),
        ("vent", {"complaint-noted"}, "write-down", {"complaint-noted"}),
        ("vent", {"x"}, "are-you-sure", {"x"}),
        ("relief", set(), "promise-move", {"promised-move"}),
        ("promise-called-in", {"promised-water", "promised-credit", "complaint-noted"}, "own-it", {"complaint-noted"}),
        ("cant-deliver", {"promised-move"}, "come-clean", set()),
        ("cant-deliver", {"promised-move", "promised-credit"}, "come-clean", {"promised-credit"}),
        ("promise-called-in", {"promised-water"}, "double-down", {"promised-water"}),
    ],
)
def test_choices_set_and_clear_flags(walk_in: Scenario, at: str, flags: set[str], choice: str, after: set[str]) -> None:
    session = Session.start(walk_in, 0, at=at, anger=40, flags=flags)
    session.choose_id(choice)
    assert session.flags == frozenset(after)
    assert session.history[-1].flags_before == tuple(sorted(flags))


def test_clears_apply_before_sets() -> None:
    session = Session.start(scenario_from(GATES), flags={"banned"})
    session.choose_id("promise")
    assert session.flags == {"insider", "banned"}


# -- the timer ----------------------------------------------------------------------------


def test_timeout_on_a_timed_node(walk_in: Scenario) -> None:
    session = Session.start(walk_in, 4, at="louder", anger=70)
    answered = session.timeout(seconds=15.2)
    step = session.history[-1]
    assert (step.node, step.choice, step.seconds) == ("louder", TIMEOUT, 15.2)
    assert step.anger_after == 70 + rules.scaled_anger(10, session.temperament)
    assert answered.place == "interrupts"


@pytest.mark.parametrize("at", ["burst-in", "vent", "reads-letter", "goodbye"])
def test_timeout_on_an_untimed_node_raises(walk_in: Scenario, at: str) -> None:
    session = Session.start(walk_in, 4, at=at)
    with pytest.raises(InvalidChoice, match=f"node '{at}' has no timer; call choose\\(\\) instead"):
        session.timeout()
    assert session.history == []


# -- calls that do not fit ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "verb"),
    [
        (lambda s: s.choose(0), "choose"),
        (lambda s: s.choose(99), "choose"),
        (lambda s: s.choose_id("no-harm"), "choose"),
        (lambda s: s.choose_id("anything"), "choose"),
        (lambda s: s.timeout(), "timeout"),
    ],
)
def test_any_call_after_the_end_says_what_to_do(walk_in: Scenario, call, verb: str) -> None:
    session = Session.start(walk_in, 0, at="goodbye")
    session.choose_id("no-harm")
    assert session.finished
    with pytest.raises(InvalidChoice) as raised:
        call(session)
    message = str(raised.value)
    assert message.startswith(f"the conversation has ended, so it cannot {verb}")
    assert "result()" in message and "new session" in message
    assert len(session.history) == 1


def test_the_result_is_asked_of_the_session_once_it_has_ended(walk_in: Scenario) -> None:
    session = Session.start(walk_in, 0, at="goodbye")
    with pytest.raises(InvalidChoice, match="has not ended yet"):
        session.result()
    session.choose_id("no-harm")
    assert session.result() == result(session)
    assert session.result().ending.id == session.place


@pytest.mark.parametrize("index", [-1, 4, 5, 99])
def test_out_of_range_index(walk_in: Scenario, index: int) -> None:
    session = Session.start(walk_in, 0)
    with pytest.raises(InvalidChoice, match=r"^there are 4 options here; choose an index from 0 to 3$"):
        session.choose(index)
    assert session.history == []


# -- determinism ------------------------------------------------------------------------


def transcript(scenario: Scenario, seed: int, script_seed: int) -> list:
    session = Session.start(scenario, seed)
    rng = random.Random(script_seed)
    views = [session.view()]
    while not session.finished:
        ordered = sorted(moves(session))  # pick by id, so the script is independent of the order shown
        act(session, rng.choice(ordered))
        views.append(session.view())
    return [session.temperament, views, session.history]


@pytest.mark.parametrize("seed", [0, 1, 99, 2024])
def test_same_seed_same_session(walk_in: Scenario, seed: int) -> None:
    assert transcript(walk_in, seed, 7) == transcript(walk_in, seed, 7)


def test_different_seeds_differ(walk_in: Scenario) -> None:
    firsts = [Session.start(walk_in, seed) for seed in range(40)]
    assert len({s.view().line for s in firsts}) > 1
    assert len({tuple(option_ids(s)) for s in firsts}) > 1
    assert len({s.temperament for s in firsts}) > 1
    # later turns vary too: the same answers, seen under different seeds
    seconds = [Session.start(walk_in, seed) for seed in range(40)]
    for session in seconds:
        session.choose_id("go-on")
    assert len({s.view().line for s in seconds}) > 1


# -- saving and restoring ----------------------------------------------------------------


def assert_same(restored: Session, original: Session) -> None:
    assert restored.view() == original.view()
    assert restored.history == original.history
    assert (restored.place, restored.anger, restored.flags) == (original.place, original.anger, original.flags)
    assert (restored.seed, restored.temperament, restored.origin) == (
        original.seed,
        original.temperament,
        original.origin,
    )
    assert restored.to_dict() == original.to_dict()


@pytest.mark.parametrize(
    ("seed", "start"),
    [
        (0, {}),
        (1, {}),
        (2, {}),
        (3, {}),
        (11, {}),
        (42, {}),
        (5, {"at": "louder", "anger": 80}),
        (6, {"at": "check-mood", "anger": 20, "flags": {"over-promised"}}),
        (7, {"at": "relief", "flags": {"complaint-noted"}}),
    ],
)
def test_to_dict_round_trips_at_every_turn(walk_in: Scenario, seed: int, start: dict) -> None:
    session = Session.start(walk_in, seed, **start)
    rng = random.Random(seed)
    while True:
        saved = json.loads(json.dumps(session.to_dict()))
        restored = Session.from_dict(walk_in, saved)
        assert_same(restored, session)
        if session.finished:
            break
        move, seconds = rng.choice(moves(session)), rng.choice([None, 3, 4.25])
        act(session, move, seconds)
        act(restored, move, seconds)  # a restored session carries on exactly like the original
        assert_same(restored, session)


def walk_in_save(scenario: Scenario) -> dict:
    session = Session.start(scenario, 3)
    session.choose_id("go-on")
    session.choose_id("are-you-sure", seconds=4.5)
    return json.loads(json.dumps(session.to_dict()))


def edited(scenario_text: str, pattern: str, replacement: str) -> Scenario:
    text, count = re.subn(pattern, replacement, scenario_text)
    assert count == 1
    return scenario_from(text, str(ANGRY_WALK_IN))


def with_changes(data: dict, **changes) -> dict:
    return {**data, **changes}


def with_step_changes(data: dict, number: int, **changes) -> dict:
    history = [dict(step) for step in data["history"]]
    history[number] = {**history[number], **changes}
    return {**data, "history": history}


def without(data: dict, key: str) -> dict:
    return {k: v for k, v in data.items() if k != key}


BAD_SAVES = [
    # (label, make bad data from a good save, words the message must contain)
    ("not a dict", lambda d: [d], ["not a saved Composure session"]),
    ("none", lambda d: None, ["not a saved Composure session"]),
    ("wrong format", lambda d: with_changes(d, format="something-else"), ["not a saved Composure session"]),
    ("no format", lambda d: without(d, "format"), ["not a saved Composure session"]),
    (
        "newer version",
        lambda d: with_changes(d, version=9, min_compatible=9),
        ["version 9", f"up to {VERSION}", "update"],
    ),
    ("version as text", lambda d: with_changes(d, version="1"), ["version '1'", f"reads versions 1 to {VERSION}"]),
    ("other scenario", lambda d: with_changes(d, scenario="phone-refund"), ["phone-refund", "angry-walk-in"]),
    ("seed as text", lambda d: with_changes(d, seed="3"), ["'seed'", "whole number"]),
    ("seed as bool", lambda d: with_changes(d, seed=True), ["'seed'", "whole number"]),
    ("seed missing", lambda d: without(d, "seed"), ["'seed'", "missing"]),
    ("temperament missing", lambda d: without(d, "temperament"), ["'temperament'", "missing"]),
    ("temperament float", lambda d: with_changes(d, temperament=1.5), ["'temperament'", "whole number"]),
    ("temperament out of range", lambda d: with_changes(d, temperament=-100), ["temperament", "-100", "85", "120"]),
    ("origin missing", lambda d: without(d, "origin"), ["'origin'", "missing"]),
    ("origin as text", lambda d: with_changes(d, origin="burst-in"), ["'origin'", "mapping"]),
    ("origin unknown node", lambda d: with_changes(d, origin={**d["origin"], "place": "lobby"}), ["lobby"]),
    ("origin anger too high", lambda d: with_changes(d, origin={**d["origin"], "anger": 150}), ["150"]),
    (
        "origin flags as text",
        lambda d: with_changes(d, origin={**d["origin"], "flags": "over-promised"}),
        ["'flags'", "list"],
    ),
    ("origin flag not text", lambda d: with_changes(d, origin={**d["origin"], "flags": [3]}), ["flags"]),
    ("history missing", lambda d: without(d, "history"), ["'history'", "missing"]),
    ("history as mapping", lambda d: with_changes(d, history={"0": "go-on"}), ["'history'", "list"]),
    ("answer as text", lambda d: with_changes(d, history=["go-on"]), ["answer 1", "mapping"]),
    (
        "answer without choice",
        lambda d: with_changes(d, history=[without(d["history"][0], "choice")]),
        ["answer 1", "'choice'", "missing"],
    ),
    ("answer at the wrong node", lambda d: with_step_changes(d, 1, node="louder"), ["answer 2", "louder", "vent"]),
    ("answer with another effect", lambda d: with_step_changes(d, 0, anger_after=12), ["answer 1", "go-on"]),
    ("answer with other flags", lambda d: with_step_changes(d, 1, flags_before=["vip"]), ["answer 2"]),
    ("answer anger as text", lambda d: with_step_changes(d, 0, anger_before="70"), ["answer 1", "'anger_before'"]),
    ("unknown choice", lambda d: with_step_changes(d, 1, choice="shout"), ["'shout'", "not a choice offered"]),
    ("seconds as text", lambda d: with_step_changes(d, 1, seconds="soon"), ["answer 2", "'seconds'"]),
    ("negative seconds", lambda d: with_step_changes(d, 1, seconds=-4), ["answer 2", "'seconds'"]),
]


@pytest.mark.parametrize(("label", "spoil", "words"), BAD_SAVES, ids=[row[0] for row in BAD_SAVES])
def test_from_dict_refuses_bad_data(walk_in: Scenario, label: str, spoil, words: list[str]) -> None:
    with pytest.raises(SessionStateError) as raised:
        Session.from_dict(walk_in, spoil(walk_in_save(walk_in)))
    message = str(raised.value)
    for word in words:
        assert word in message, f"{label}: {word!r} not in {message!r}"
    assert "Error" not in message and '"' not in message  # a sentence, not a Python exception's repr


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: with_changes(d, scenario="x" * 5_000),
        lambda d: with_changes(d, version="\x1b[2J" * 5_000),
        lambda d: with_step_changes(d, 1, node="\x1b[2J" * 5_000),
        lambda d: with_step_changes(d, 1, choice="x" * 5_000),
    ],
    ids=["scenario", "version", "node", "choice"],
)
def test_from_dict_quotes_a_spoilt_save_short(walk_in: Scenario, spoil) -> None:
    with pytest.raises(SessionStateError) as raised:
        Session.from_dict(walk_in, spoil(walk_in_save(walk_in)))
    message = str(raised.value)
    assert len(message) < 250 and "\x1b" not in message and "..." in message, message


def test_from_dict_refuses_a_history_whose_choice_was_removed(walk_in: Scenario) -> None:
    text = ANGRY_WALK_IN.read_text(encoding="utf-8")
    dropped = edited(text, r"      - id: are-you-sure\n(?:        .*\n)+", "")
    assert "are-you-sure" not in [c.id for c in dropped.nodes["vent"].choices]
    with pytest.raises(SessionStateError) as raised:
        Session.from_dict(dropped, walk_in_save(walk_in))
    message = str(raised.value)
    assert "(the scenario has changed since)" in message and "'are-you-sure'" in message


def test_from_dict_refuses_a_history_whose_effect_changed(walk_in: Scenario) -> None:
    text = ANGRY_WALK_IN.read_text(encoding="utf-8")
    changed = edited(text, r"(text: \"Go on, tell me what's happened.\"\n        effects: \{anger: )-10", r"\g<1>-5")
    with pytest.raises(SessionStateError, match=r"scenario has changed since.*answer 1 \('go-on'\) no longer"):
        Session.from_dict(changed, walk_in_save(walk_in))


def test_from_dict_accepts_an_unchanged_edit_elsewhere(walk_in: Scenario) -> None:
    """Other edits (here a title) do not spoil a save whose answers still play the same."""
    text = ANGRY_WALK_IN.read_text(encoding="utf-8")
    retitled = edited(text, r'title: "The Letter in Red"', 'title: "The Red Letter"')
    restored = Session.from_dict(retitled, walk_in_save(walk_in))
    assert [s.choice for s in restored.history] == ["go-on", "are-you-sure"]


# -- play-testing starts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "place", "anger", "flags"),
    [
        ({}, "burst-in", 70, set()),
        ({"at": "reads-letter", "anger": 30, "flags": {"account-checked"}}, "reads-letter", 30, {"account-checked"}),
        ({"at": "check-mood", "anger": 80}, "interrupts", 80, set()),
        ({"at": "check-mood", "anger": 0}, "reads-letter", 0, set()),
        ({"at": "final-check", "anger": 100, "flags": {"promised-fix"}}, "promise-called-in", 100, {"promised-fix"}),
        ({"anger": 0}, "burst-in", 0, set()),
        ({"anger": 100}, "burst-in", 100, set()),
    ],
)
def test_play_testing_start(walk_in: Scenario, kwargs: dict, place: str, anger: int, flags: set[str]) -> None:
    session = Session.start(walk_in, 8, **kwargs)
    view = session.view()
    assert (view.place, view.anger, session.flags) == (place, anger, frozenset(flags))
    assert session.origin.anger == anger and session.history == []


def test_play_testing_start_can_use_a_gated_choice(walk_in: Scenario) -> None:
    session = Session.start(walk_in, 8, at="reads-letter", anger=30, flags={"account-checked"})
    assert session.choose_id("account-fine").place == "relief"


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"at": "lobby"}, ["'lobby'", "angry-walk-in", "burst-in"]),
        ({"at": "cleared-up"}, ["'cleared-up'", "ending"]),  # an ending is not somewhere to start
        ({"at": ""}, ["''", "burst-in"]),
        ({"anger": -1}, ["anger must be from 0 to 100, not -1"]),
        ({"anger": 101}, ["anger must be from 0 to 100, not 101"]),
        ({"at": "vent", "anger": 500}, ["not 500"]),
    ],
)
def test_play_testing_start_refuses_bad_places_and_anger(walk_in: Scenario, kwargs: dict, words: list[str]) -> None:
    with pytest.raises(InvalidChoice) as raised:
        Session.start(walk_in, 0, **kwargs)
    for word in words:
        assert word in str(raised.value)


# -- the state machine underneath ----------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: load_scenario(ANGRY_WALK_IN),
        lambda: scenario_from(CLASH),
        lambda: scenario_from(ROUTES),
        lambda: scenario_from(GATES),
    ],
    ids=["angry-walk-in", "clash", "routes", "gates"],
)
def test_machine_has_a_trigger_per_way_to_answer_and_no_auto_transitions(make) -> None:
    scenario = make()
    machine = machine_for(scenario)
    assert machine.auto_transitions is False and machine.models == []
    nodes = scenario.nodes.values()
    triggers = {answer_trigger(i) for node in nodes for i in range(len(node.choices))}
    triggers |= {TIMEOUT_TRIGGER for node in nodes if node.timeout} | {ROUTE for node in nodes if node.is_route}
    assert set(machine.events) == triggers
    per_answer = 2 if scenario.customer.walks_out_to else 1  # its `next`, then the walk-out
    moves = sum(len(node.consequences()) * per_answer + len(node.route) for node in nodes)
    assert sum(len(ts) for event in machine.events.values() for ts in event.transitions.values()) == moves


def test_sessions_share_one_machine_that_holds_none_of_them() -> None:
    scenario = load_scenario(ANGRY_WALK_IN)
    first, second = Session.start(scenario, 1), Session.start(scenario, 2)
    assert first._conversation.machine is second._conversation.machine is machine_for(scenario)
    first.choose(0)
    assert second.place == scenario.start  # one session's move does not move another
    assert machine_for(scenario).models == []
    gone = weakref.ref(first)
    del first
    assert gone() is None  # freed at once: nothing refers back to it


@pytest.mark.parametrize(
    ("script", "ending", "anger"),
    [
        (["state", "to_state", TIMEOUT], "machine", 50),
        (["state", "to_state", "may_trigger", "machine"], "machine", 50),
        (["state", "to_state", "may_trigger", "may_state"], "model", 50),
        (["state", "to_state", "may_trigger", "is_trigger", "trigger", "may_trigger", "may_state"], "model", 40),
        (["state", "is_state", "initial"], "machine", 50),
        (["trigger", "model"], "model", 30),  # route to_state: 30 < 35
        (["state", "to_state", "may_trigger", "is_trigger", "state", "is_state", "initial"], "machine", 60),
        (["to_state"], "model", 100),  # +60 walks out to 'model'
    ],
)
def test_ids_that_look_like_machine_attributes_play_correctly(script: list[str], ending: str, anger: int) -> None:
    scenario = scenario_from(CLASH)
    session = Session.start(scenario, 0)
    for move in script:
        assert not session.finished
        act(session, move)
    assert session.finished and session.place == ending and session.anger == anger
    assert [step.choice for step in session.history] == script
    restored = Session.from_dict(scenario, json.loads(json.dumps(session.to_dict())))
    assert_same(restored, session)


def test_model_attributes_survive_odd_ids() -> None:
    session = Session.start(scenario_from(CLASH), 0)
    session.choose_id("state")
    assert session._conversation.state == "state" and callable(session._conversation.trigger)
    assert session.place == "state"
