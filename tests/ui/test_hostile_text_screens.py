"""Any text in any field, on every screen that shows it: nothing raises and every frame ends.

Hypothesis writes the texts: every Unicode category (surrogates, controls and format characters
included) alone and mixed, the characters SDL_ttf has refused before, huge words and long runs of
words. They go straight into a real scenario model (tests/ui/retexted.py), which the real App
shows on the picker's card, the play screen in each channel's look and the debrief, driven by
posted key events. The frame guard only catches a hang: bench/text_render.py measures speed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.model import Channel, Scenario
from game.engine.playing.session import Session
from game.storage.scenario_files import load_scenario
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.picker import Card, PickerScene
from game.ui.scenes.play import PlayScene
from tests.depth import scaled
from tests.paths import ANGRY_WALK_IN
from tests.ui.conftest import AppFactory, Driver
from tests.ui.retexted import KINDS, retexted

FRAME_GUARD_SECONDS = 10.0  # a hang, not a slow frame: the slowest frame here takes well under a second
CATEGORIES = (
    *("Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po"),
    *("Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn"),
)
TROUBLE = "\x00\x1b\r\n\t\x7f\x85\u200b\u200d\u200e\u202e\ufe0f\ufeff\u00ad\u2060\u034f\ud800\udfff\U000e0041 aW.\u2026"
WORD = st.text(st.characters(categories=("Lu", "Ll")), min_size=1, max_size=14)
TEXT = st.one_of(
    st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=4, unique=True).flatmap(
        lambda categories: st.text(st.characters(categories=categories), max_size=3000)
    ),
    st.text(st.sampled_from(TROUBLE), max_size=3000),
    st.integers(0, 6000).map(lambda length: "W" * length),
    st.lists(WORD, max_size=700).map(" ".join),
)
TEXTS = st.fixed_dictionaries(dict.fromkeys(KINDS, TEXT))


@pytest.fixture(scope="module")
def walk_in() -> Scenario:
    return load_scenario(ANGRY_WALK_IN)


class Screens:
    """The real App at the smallest window, put on each screen in turn with frames timed."""

    def __init__(self, driver: Driver) -> None:
        self.driver = driver
        self.app = driver.app
        self.picker = PickerScene(self.app)  # the library is read once; each example swaps its card

    def frames(self, count: int = 2) -> None:
        for _ in range(count):
            self.timed(self.driver.frame)

    def press(self, key: str) -> None:
        self.timed(lambda: self.driver.press(key))

    def timed(self, frame: Callable[[], None]) -> None:
        started = time.perf_counter()
        frame()
        assert time.perf_counter() - started < FRAME_GUARD_SECONDS, f"a frame of {self.app.top.name} hung"

    def show_all(self, scenario: Scenario, seed: int) -> None:
        app = self.app
        app.back_to_title()
        self.picker.cards = [Card(scenario.title, scenario, Path(scenario.path))]
        app.push(self.picker)
        self.frames()
        for channel in Channel:
            app.back_to_title()
            variant = replace(scenario, channel=channel)
            app.push(PlayScene(app, variant, Session.start(variant, seed=seed)))
            self.frames()
            self.press("space")  # the whole line at once
            self.press("1")  # an answer: the chat keeps it above the next line
            self.frames()
        app.back_to_title()
        app.push(DebriefScene(app, scenario, finished(scenario, seed)))
        self.frames(3)


def finished(scenario: Scenario, seed: int) -> Session:
    """A whole conversation, the first possible answer each time (or the clock when none is)."""
    session = Session.start(scenario, seed=seed)
    while not session.finished:
        options = session.view().options
        available = [i for i, option in enumerate(options) if option.available]
        if available:
            session.choose(available[0])
        else:
            session.timeout()
    return session


@pytest.fixture
def screens(make_app: AppFactory) -> Screens:
    """One App for all of a test's examples (Hypothesis runs them in one call of the test)."""
    return Screens(make_app((960, 540)))


@settings(max_examples=scaled(40), suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(texts=TEXTS, seed=st.integers(0, 10**6), text_size=st.sampled_from((0, 3)))
def test_any_text_on_any_screen_draws_without_error_or_hang(
    screens: Screens,
    walk_in: Scenario,
    caplog: pytest.LogCaptureFixture,
    texts: dict[str, str],
    seed: int,
    text_size: int,
) -> None:
    caplog.clear()
    app = screens.app
    if app.settings.text_size != text_size:
        app.apply_settings(app.settings.with_changes(text_size=text_size))
    screens.show_all(retexted(walk_in, texts), seed)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], "displayable let a bad string through"
