"""A play-test carried over to a new version of its scenario (what live reload does): the answers
given again while they fit, the new version's numbers after them, and a sentence where they stop.
Saves stay strict: the same changed file refuses the session's save."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.model import Scenario
from game.engine.playing.resume import resumed
from game.engine.playing.session import TIMEOUT, Session
from game.engine.playing.session_state import SessionStateError
from tests.engine.test_session import act, moves
from tests.inline_scenarios import header, scenario_from
from tests.paths import ANGRY_WALK_IN

# Three talking nodes in a row, the middle one timed; each placeholder is changed by a test.
SHOP = (
    header("shop", '  name: "Sam"\n  portrait: caller-woman\n  anger: START_ANGER\n  temperament: TEMPERAMENT')
    + """
start: hello
nodes:
  hello:
    say: "Hi."
    choices:
      - {id: greet, text: "Hello", effects: {anger: GREET}, sets: [greeted], next: middle}
      - {id: shrug, text: "Shrug", effects: {anger: 20}, next: middle}
      - {id: wander, text: "Wander off", next: aside}
  aside:
    say: "Hm."
    choices:
      - {id: come-back, text: "Come back", next: last}
  middle:
    say: "So?"
    TIMER
    choices:
      - {id: help, text: "Help", next: NEXT}
      - {id: stall, text: "Stall", effects: {anger: 10}, next: last}
  last:
    say: "Right."
    choices:
      - {id: close, text: "Close", next: done}
endings:
  done: {outcome: resolved, title: "Done", text: "d"}
"""
)
BASE = {
    "START_ANGER": "40",
    "TEMPERAMENT": "{min: 100, max: 100}",
    "GREET": "-10",
    "NEXT": "last",
    "TIMER": "timer: 10\n    timeout: {effects: {anger: 5}, next: last}",
}


def shop_text(**changes: str) -> str:
    text = SHOP
    for key, value in (BASE | changes).items():
        text = text.replace(key, value)
    return text


def shop(**changes: str) -> Scenario:
    return scenario_from(shop_text(**changes))


def played(*answers: str, **changes: str) -> Session:
    session = Session.start(shop(**changes), seed=7)
    for answer in answers:
        act(session, answer)
    return session


def test_the_same_file_again_replays_every_answer_to_the_same_place() -> None:
    old = played("greet", "help")
    again = resumed(shop(), old)
    assert again.complete and again.replayed == 2
    assert again.session.to_dict() == old.to_dict()
    assert again.session.scenario is not old.scenario


def test_a_changed_effect_still_replays_and_the_new_numbers_count() -> None:
    old = played("greet", "help")
    new = shop(GREET="-30")
    again = resumed(new, old)
    assert again.complete and again.session.place == "last"
    assert (old.anger, again.session.anger) == (30, 10)
    with pytest.raises(SessionStateError, match="no longer has the same effect"):
        Session.from_dict(new, old.to_dict())  # a save is still the same game exactly, or refused


def test_a_conversation_from_the_start_takes_the_new_starting_anger() -> None:
    again = resumed(shop(START_ANGER="70"), played("greet"))
    assert again.complete and again.session.anger == 60


def test_a_removed_choice_stops_the_replay_before_it_with_a_sentence() -> None:
    old = played("greet", "stall", "close")
    again = resumed(scenario_from(shop_text_without("stall")), old)
    assert not again.complete and again.replayed == 1
    assert again.stopped_at is not None and again.stopped_at.choice == "stall"
    assert again.problem == "'stall' is no longer a choice at 'middle' now"
    assert again.session.place == "middle", "carried on from the last answer that fits"


def shop_text_without(choice: str) -> str:
    return "\n".join(line for line in shop_text().splitlines() if f"id: {choice}," not in line) + "\n"


def test_an_answer_that_now_leads_elsewhere_stops_where_the_paths_part() -> None:
    old = played("greet", "help", "close")
    again = resumed(shop(NEXT="aside"), old)
    assert again.replayed == 2 and again.session.place == "aside"
    assert again.problem == "it was given at 'last', but the conversation now comes to 'aside'"


def test_an_answer_that_now_ends_the_conversation_early_does_not_fit() -> None:
    old = played("greet", "help")
    again = resumed(shop(NEXT="done"), old)
    assert (again.replayed, again.problem) == (1, "it now ends the conversation, at 'done'")
    assert again.session.place == "middle" and not again.session.finished
    finished = played("greet", "help", "close")
    assert resumed(shop(), finished).session.finished, "a conversation that had ended may end again"


def test_a_missed_reply_needs_the_timer_to_still_be_there() -> None:
    old = played("greet", TIMEOUT)
    assert resumed(shop(), old).complete
    again = resumed(shop(TIMER=""), old)
    assert (again.replayed, again.problem) == (1, "'middle' no longer has a timer")


def test_a_locked_answer_does_not_fit() -> None:
    old = played("shrug", "help")
    help_line = 'text: "Help", next: last}'
    gated = shop_text().replace(
        help_line, 'text: "Help", if: {flag: greeted}, unavailable_hint: "Greet first.", next: last}'
    )
    again = resumed(scenario_from(gated), old)
    assert (again.replayed, again.problem) == (1, "'help' is not available at 'middle' now")


def test_a_jump_start_is_kept_or_said_to_be_gone() -> None:
    old = Session.start(shop(), seed=3, at="middle", anger=80, flags={"greeted"})
    act(old, "help")
    again = resumed(shop(), old)
    assert again.complete and again.session.origin == old.origin and again.session.place == "last"
    gone = resumed(scenario_from(shop_text().replace("middle", "centre")), old)
    assert gone.replayed == 0 and gone.problem == "it started at 'middle', which is no longer a node"
    assert gone.session.place == "hello", "from the new version's start"


def test_a_temperament_outside_the_new_range_is_drawn_again() -> None:
    old = Session.start(shop(TEMPERAMENT="{min: 50, max: 60}"), seed=5)
    again = resumed(shop(TEMPERAMENT="{min: 200, max: 220}"), old)
    assert 200 <= again.session.temperament <= 220
    kept = resumed(shop(TEMPERAMENT="{min: 40, max: 70}"), old)
    assert kept.session.temperament == old.temperament


WALK_IN, WALK_IN_SAVED_AGAIN = (scenario_from(ANGRY_WALK_IN.read_text(encoding="utf-8")) for _ in range(2))


@given(st.integers(0, 10**6), st.lists(st.integers(0, 8), max_size=40))
def test_any_walk_in_play_reloaded_unchanged_is_the_same_session(seed: int, picks: list[int]) -> None:
    session = Session.start(WALK_IN, seed=seed)
    for pick in picks:
        if session.finished:
            break
        options = moves(session)
        act(session, options[pick % len(options)])
    again = resumed(WALK_IN_SAVED_AGAIN, session)
    assert again.complete and again.replayed == len(session.history)
    assert again.session.to_dict() == session.to_dict()
