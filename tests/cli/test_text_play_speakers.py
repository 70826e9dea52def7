"""Text play names whoever speaks: the customer, or a person the node names; a review has no meter."""

from __future__ import annotations

import io

from game.engine.playing.session import Session
from game.engine.reading.loader import read_scenario
from game.tools.play_text import play_in_terminal
from tests.ui.test_speakers_and_scenes import CALL_THEN_REVIEW


def test_each_line_is_printed_with_its_speakers_name() -> None:
    scenario = read_scenario(CALL_THEN_REVIEW, "call-then-review.yaml").scenario_or_raise()
    out = io.StringIO()
    assert play_in_terminal(Session.start(scenario, seed=1), io.StringIO("1\n1\n"), out) == 0
    text = out.getvalue()
    assert "Pat Jones: \u201cWhy is my bill so high?\u201d" in text
    assert "Sam Okafor: \u201cHow do you think that went?\u201d" in text


def test_the_review_after_the_call_shows_no_anger_meter() -> None:
    scenario = read_scenario(CALL_THEN_REVIEW, "call-then-review.yaml").scenario_or_raise()
    out = io.StringIO()
    play_in_terminal(Session.start(scenario, seed=1), io.StringIO("1\n1\n"), out)
    call, review, _ = out.getvalue().split("Your answer")  # each view is printed before its prompt
    assert "Pat Jones:" in call and "Anger [" in call
    assert "Sam Okafor:" in review and "Anger [" not in review
