"""The trainee's last words stay on screen above the customer's reply, in every channel: a "You"
bubble in person and on the phone, the thread's newest message in a chat; a missed reply says so."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from game.engine.playing.session import Session
from game.engine.reading.loader import read_scenario
from game.storage.scenario_files import load_scenario
from game.ui.chat_log import MISSED
from game.ui.dialogue import NOTE, YOU
from game.ui.scenes.play import PlayScene
from tests.paths import ANGRY_WALK_IN
from tests.ui.test_answers_in_view import CHANNELS, nine_answers
from tests.ui.test_speakers_and_scenes import drawn

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver


def play(make_app: AppFactory, session: Session) -> tuple[Driver, PlayScene]:
    driver = make_app((1280, 720))
    scene = PlayScene(driver.app, session.scenario, session)
    driver.app.push(scene)
    return driver, scene


@pytest.mark.parametrize("channel", CHANNELS)
def test_what_the_trainee_said_shows_above_the_reply(make_app: AppFactory, channel: str) -> None:
    scenario = read_scenario(nine_answers(channel), "nine-answers.yaml").scenario_or_raise()
    driver, scene = play(make_app, Session.start(scenario, seed=2))
    driver.press("space")
    assert scene.column.last_words is None  # nothing said yet
    said = scene.view.options[0].text
    driver.press("1")
    assert not scene.typing_done  # the reply is being typed under the trainee's words
    bubble = scene.column.last_words
    assert bubble is not None and scene.column.history[-1][1].who == YOU
    assert scene.column.history[-1][1].text == said
    assert bubble.bottom <= scene.column.speech.top  # above the reply
    on_screen = scene.scroller.to_screen(bubble)
    assert scene.scroller.viewport.contains(on_screen)
    assert scene.app.theme.palette.tinted_panel in drawn(driver, on_screen)  # your colour, not theirs
    assert scene.column.labelled is (channel != "chat")  # "You" where bubbles are not a chat's convention
    driver.press("space")
    driver.until(lambda: not scene.scroller.moving)
    assert scene.scroller.viewport.contains(scene.scroller.to_screen(bubble))  # still there with the answers


def test_a_missed_reply_is_shown_as_such(make_app: AppFactory) -> None:
    driver, scene = play(make_app, Session.start(load_scenario(ANGRY_WALK_IN), seed=4, at="louder", anger=60))
    driver.until(lambda: len(scene.session.history) == 1, dt=0.5)
    assert [(entry.who, entry.text) for _, entry in scene.column.history] == [(NOTE, MISSED)]
