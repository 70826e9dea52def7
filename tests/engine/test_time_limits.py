"""The trainee's time limits (WCAG 2.2.1): off, normal, 1.5x or 2x the scenario's timers, carried by
every session however it was made, saved with it, and in the attempt record."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import TIME_LIMITS, InvalidChoice, Session, SessionStateError, attempt_record
from game.engine.model import Scenario
from game.engine.playing.resume import resumed
from game.engine.playing.save_versions import VERSION
from game.engine.playing.session import TIMEOUT
from tests.depth import scaled
from tests.engine.test_session import GATES
from tests.inline_scenarios import header, scenario_from

# A timed node with an answer on offer, then one where every answer is hidden until a flag is set.
TIMED = (
    header("timed", '  name: "Tam"\n  portrait: caller-woman\n  anger: 40')
    + """
start: ask
nodes:
  ask:
    say: "Well?"
    timer: SECONDS
    timeout: {effects: {anger: 10}, next: hush}
    choices:
      - {id: answer, text: "Here you are", next: hush}
  hush:
    say: "..."
    timer: 10
    timeout: {next: done}
    choices:
      - {id: secret, text: "Secret", if: {flag: never}, when_unavailable: hide, next: done}
endings:
  done: {outcome: resolved, title: "Done", text: "d"}
"""
)


def timed(seconds: int = 15) -> Scenario:
    return scenario_from(TIMED.replace("SECONDS", str(seconds)))


def test_the_settings_words() -> None:
    assert TIME_LIMITS == ("off", "normal", "1.5x", "2x")


@pytest.mark.parametrize(
    ("seconds", "time_limits", "shown"),
    [
        (15, "normal", 15),
        (15, "1.5x", 23),  # 22.5, rounded up: never less time than the setting promises
        (15, "2x", 30),
        (15, "off", None),
        (5, "1.5x", 8),
        (600, "2x", 1200),
    ],
)
def test_the_view_shows_the_scaled_limit(seconds: int, time_limits: str, shown: int | None) -> None:
    assert Session.start(timed(seconds), time_limits=time_limits).view().timer == shown


def test_a_session_starts_with_normal_time_limits() -> None:
    session = Session.start(timed())
    assert (session.time_limits, session.view().timer) == ("normal", 15)


@pytest.mark.parametrize("time_limits", TIME_LIMITS)
def test_with_nothing_to_say_the_timer_still_runs_so_the_conversation_moves_on(time_limits: str) -> None:
    session = Session.start(timed(), time_limits=time_limits)
    session.choose_id("answer")
    assert session.view().options == ()
    assert session.view().timer == {"off": 10, "normal": 10, "1.5x": 15, "2x": 20}[time_limits]
    assert session.timeout().ended


def test_an_untimed_node_has_no_limit_whatever_the_setting() -> None:
    session = Session.start(scenario_from(GATES), time_limits="2x")
    assert session.view().timer is None


def test_an_unknown_word_is_refused_in_a_sentence() -> None:
    with pytest.raises(InvalidChoice) as refused:
        Session.start(timed(), time_limits="3x")
    assert str(refused.value) == "the time limits must be one of off, normal, 1.5x, 2x, not '3x'"


@pytest.mark.parametrize("time_limits", TIME_LIMITS)
def test_every_way_of_making_a_session_keeps_the_time_limits(time_limits: str) -> None:
    scenario = timed()
    session = Session.start(scenario, seed=4, time_limits=time_limits)
    session.choose_id("answer")
    session.timeout(2.0)
    assert session.finished
    made = [
        session.rewound(0),
        session.rewound(1),
        Session.from_dict(scenario, session.to_dict()),
        resumed(scenario, session).session,
        resumed(timed(20), session).session,  # a new version of the scenario, as live reload makes
        Session.start(scenario, at="hush", anger=70, time_limits=time_limits),  # a play-test from anywhere
    ]
    assert [each.time_limits for each in made] == [time_limits] * len(made)
    assert attempt_record(session).time_limits == time_limits
    assert session.rewound(0).view().timer == Session.start(scenario, time_limits=time_limits).view().timer


def test_the_setting_is_in_the_save() -> None:
    session = Session.start(timed(), time_limits="off")
    saved = json.loads(json.dumps(session.to_dict()))
    assert (saved["version"], saved["time_limits"]) == (VERSION, "off")


def save(**changes: Any) -> dict[str, Any]:
    session = Session.start(timed(), seed=2, time_limits="2x")
    session.choose_id("answer")
    return json.loads(json.dumps(session.to_dict())) | changes


def test_a_save_from_before_time_limits_reads_as_normal() -> None:
    older = {key: value for key, value in save().items() if key != "time_limits"} | {"version": 2}
    restored = Session.from_dict(timed(), older)
    assert (restored.time_limits, restored.history) == ("normal", Session.from_dict(timed(), save()).history)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"time_limits": "3x"},
            "this session was saved with the time limits '3x', which this version of Composure does not know; "
            "it knows off, normal, 1.5x, 2x",
        ),
        (
            {"time_limits": None},
            "this session was saved with the time limits None, which this version of Composure does not know; "
            "it knows off, normal, 1.5x, 2x",
        ),
    ],
)
def test_unknown_time_limits_in_a_save_are_refused_in_a_sentence(changes: dict[str, Any], expected: str) -> None:
    with pytest.raises(SessionStateError) as refused:
        Session.from_dict(timed(), save(**changes))
    assert str(refused.value) == expected


def test_a_current_save_without_time_limits_is_refused_in_a_sentence() -> None:
    missing = {key: value for key, value in save().items() if key != "time_limits"}
    with pytest.raises(SessionStateError, match=r"^'time_limits' is missing from the session$"):
        Session.from_dict(timed(), missing)


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=6), st.sampled_from(TIME_LIMITS)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=3), inner, max_size=3)),
    max_leaves=6,
)


@settings(deadline=None, max_examples=scaled(100))
@given(JSON_VALUES)
def test_any_time_limits_value_restores_exactly_or_is_refused_in_a_sentence(value: Any) -> None:
    try:
        restored = Session.from_dict(timed(), save(time_limits=value))
    except SessionStateError as refused:
        assert value not in TIME_LIMITS and str(refused).startswith("this session was saved with the time limits")
    else:
        assert restored.time_limits == value and restored.to_dict() == save(time_limits=value)


def test_a_timeout_is_still_possible_with_limits_off() -> None:
    """The screens never fire it with limits off; a save or a robot player that does is replayed as it was."""
    session = Session.start(timed(), time_limits="off")
    assert session.timeout().place == "hush" and session.history[-1].choice == TIMEOUT
