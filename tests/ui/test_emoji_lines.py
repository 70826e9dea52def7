"""A customer's line full of emoji stays inside its bubble on the play screen, and the debrief's
one-line openings stay inside their rows: both measure a line as it is drawn (stand-in fonts
included), not as the game font alone would draw it, where an emoji is a narrow box."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from game.engine.playing.session import Session
from game.engine.reading.loader import read_scenario
from game.storage.settings import TEXT_SIZES
from game.ui.scenes.play import PlayScene
from game.ui.transcript import opening_words
from tests.ui.test_answers_in_view import nine_answers

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory

LARGEST = len(TEXT_SIZES) - 1
SAY = "Well? What are you going to do about it? I have been waiting all morning for someone here."
EMOJI_LINE = (
    "Still waiting 😡😡😡 seriously?? 🙄🙄 my order 📦📦📦 never came 👎👎 fix it 🔥🔥🔥 now 😤😤😤 please 🙏🙏"
)


@pytest.mark.parametrize("channel", ["chat", "in-person"])
def test_an_emoji_line_wraps_inside_its_bubble(make_app: AppFactory, channel: str) -> None:
    text = nine_answers(channel).replace(SAY.encode(), EMOJI_LINE.encode())
    scenario = read_scenario(text, "emoji.yaml").scenario_or_raise()
    driver = make_app((960, 540))
    driver.app.apply_settings(driver.app.settings.with_changes(text_size=LARGEST))
    scene = PlayScene(driver.app, scenario, Session.start(scenario, seed=2))
    driver.app.push(scene)
    driver.press("space")  # the whole line at once
    column, theme = scene.column, driver.app.theme
    inner = column.speech.width - 2 * (column.text_at[0] - column.speech.x)
    assert len(column.spans) > 1
    assert max(theme.text(span.text).get_width() for span in column.spans) <= inner


def test_an_opening_with_emoji_fits_its_row(make_app: AppFactory) -> None:
    app = make_app((960, 540)).app
    app.apply_settings(app.settings.with_changes(text_size=LARGEST))
    theme = app.theme
    for width in (120, 200, 333):
        opening = opening_words(theme.text_width, EMOJI_LINE, width)
        assert theme.text(opening).get_width() <= width
