"""The play screen's pure parts: the line typed out, the meter's easing, the face by anger band,
the countdown; then the screen itself on the real App, driven by intents and simulated time."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import TIME_LIMITS
from game.engine.model import PORTRAITS
from game.engine.playing.session import Session
from game.storage.scenario_files import load_scenario
from game.storage.settings import Settings, save_settings
from game.ui.faces import BAND_FACES
from game.ui.intents import Choose, Click, Move, Point, Skip
from game.ui.meter import CHANGE_SHOWN, AngerMeter, Eased
from game.ui.portrait import (
    LOOKS,
    TRANSITION_SECONDS,
    FaceAnimator,
    blend,
    expression,
    look_for,
    talking,
)
from game.ui.reveal import Reveal, TurnClock, wrap
from game.ui.scenes.play import PlayScene
from game.ui.theme import anger_band

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"

BANDS = ("calm", "annoyed", "angry", "furious")


# -- the line, typed out ---------------------------------------------------------------------
def test_a_line_appears_at_the_chosen_speed() -> None:
    reveal = Reveal("Hello there", cps=10)
    assert reveal.shown == "" and not reveal.done
    reveal.update(0.35)
    assert reveal.shown == "Hel"
    reveal.update(1.0)
    assert reveal.done and reveal.shown == "Hello there"


def test_instant_text_is_complete_at_once() -> None:
    assert Reveal("Right! Who's in charge here?", cps=0).done


def test_a_beat_after_the_end_of_a_sentence() -> None:
    plain, paused = Reveal("ab cd", cps=10), Reveal("a. cd", cps=10)
    for reveal in (plain, paused):
        reveal.update(0.45)
    assert plain.count > paused.count == 2


def test_skipping_shows_the_whole_line() -> None:
    reveal = Reveal("Go on then. What does it say?", cps=25)
    reveal.update(0.1)
    reveal.skip()
    assert reveal.done and reveal.shown == reveal.text


@given(st.text(alphabet="ab .,!?", max_size=60), st.lists(st.floats(0, 0.5), max_size=40))
def test_what_shows_only_grows_and_is_always_a_prefix(text: str, steps: list[float]) -> None:
    reveal, before = Reveal(text, cps=30), 0
    for dt in steps:
        reveal.update(dt)
        assert reveal.count >= before and text.startswith(reveal.shown)
        before = reveal.count


@given(st.text(alphabet="abcdefgh  ", max_size=80), st.integers(1, 12))
def test_wrapping_keeps_every_character_in_place_and_within_the_width(text: str, width: int) -> None:
    spans = wrap(text, width, len)
    for span in spans:
        assert text[span.start : span.start + len(span.text)] == span.text
        assert len(span.text) <= width or " " not in span.text
    assert "".join(span.text for span in spans).replace(" ", "") == text.replace(" ", "")


def test_a_line_being_typed_shows_the_part_of_each_wrapped_line_reached() -> None:
    spans = wrap("one two three", 7, len)
    assert [span.text for span in spans] == ["one two", "three"]
    assert [span.visible(9) for span in spans] == ["one two", "t"]


# -- the meter -----------------------------------------------------------------------------
def test_the_meter_eases_to_its_target_without_overshooting() -> None:
    eased = Eased(70.0)
    eased.target = 85.0
    seen = []
    for _ in range(120):
        eased.update(1 / 60)
        seen.append(eased.value)
    assert seen == sorted(seen) and seen[-1] == 85.0 and max(seen) == 85.0
    assert 70 < seen[5] < 85  # it moves from the first frames, and does not jump


def test_the_meter_arrives_within_a_second_even_for_a_small_change() -> None:
    eased = Eased(50.0)
    eased.target = 49.0
    for _ in range(60):
        eased.update(1 / 60)
    assert not eased.moving and eased.value == 49.0


def test_a_change_is_shown_for_a_moment_then_the_meter_rests() -> None:
    meter = AngerMeter()
    meter.jump(70)
    assert not meter.animating and meter.shown.value == 70
    meter.set(55)
    assert meter.change == -15 and meter.animating
    for _ in range(round(CHANGE_SHOWN * 60) + 2):
        meter.update(1 / 60)
    assert not meter.animating and meter.shown.value == 55


# -- the face ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("anger", "band"),
    [
        (0, "calm"),
        (24, "calm"),
        (25, "annoyed"),
        (49, "annoyed"),
        (50, "angry"),
        (74, "angry"),
        (75, "furious"),
        (100, "furious"),
    ],
)
def test_each_anger_band_has_its_own_face(anger: int, band: str) -> None:
    assert anger_band(anger) == band
    assert expression(anger_band(anger)) == BAND_FACES[band]


def test_the_faces_grow_angrier_band_by_band() -> None:
    faces = [expression(band) for band in BANDS]
    assert len(set(faces)) == 4
    for calmer, angrier in itertools.pairwise(faces):
        assert angrier.brow > calmer.brow and angrier.eyes < calmer.eyes
        assert angrier.mouth < calmer.mouth and angrier.flush > calmer.flush


def test_reduced_intensity_softens_only_the_furious_face() -> None:
    soft, full = expression("furious", True), expression("furious")
    assert soft.shout < full.shout and soft.flush < full.flush
    assert expression("angry", True) == expression("angry")


def test_a_new_expression_blends_in_over_the_transition() -> None:
    calm, angry = expression("calm"), expression("angry")
    face = FaceAnimator.at(calm)
    face.show(angry)
    face.update(TRANSITION_SECONDS / 2)
    middle = face.face
    assert calm.brow < middle.brow < angry.brow and face.animating
    face.update(TRANSITION_SECONDS / 2 + 0.01)
    assert face.face == angry and not face.animating
    assert blend(calm, angry, 0.0) == calm and blend(calm, angry, 1.0) == angry


def test_the_face_shakes_only_when_asked_and_settles() -> None:
    face = FaceAnimator.at(expression("angry"))
    face.show(expression("furious"))
    face.update(0.05)
    assert face.shake_offset(3) == (0, 0)
    face.show(expression("furious"), shake=True)
    face.update(0.05)
    assert face.shake_offset(3) != (0, 0)
    face.update(1.0)
    assert face.shake_offset(3) == (0, 0) and not face.animating


def test_the_mouth_moves_with_the_words_and_shuts_between_them() -> None:
    calm = expression("calm")
    mouths = {talking(calm, "Hello there friend", count).shout for count in range(1, 18)}
    assert len(mouths) > 2
    assert talking(calm, "Hello there", 6) == calm  # the space after "Hello"
    assert talking(calm, "Hi", -1) == calm  # not speaking


def test_every_portrait_id_has_its_own_look_in_range() -> None:
    assert set(LOOKS) == set(PORTRAITS)  # the window draws exactly the portraits validation accepts
    looks = [look_for(portrait) for portrait in PORTRAITS]
    assert len(set(looks)) == len(PORTRAITS)
    assert all(0 <= look.skin < 4 and 0 <= look.hair < 4 and 0 <= look.style < 4 for look in looks)
    assert all(0 <= look.beard < 3 for look in looks)


# -- the countdown ---------------------------------------------------------------------------
def test_the_countdown_waits_for_the_choices_then_runs_out_once() -> None:
    clock = TurnClock(15.0)
    assert not clock.update(5.0) and clock.remaining == 15.0
    clock.start()
    assert clock.counting_down
    assert not clock.update(14.0) and clock.remaining == pytest.approx(1.0)
    assert clock.update(2.0) and clock.expired and clock.remaining == 0.0 and clock.elapsed == 15.0
    assert not clock.update(1.0) and not clock.counting_down


def test_without_a_timer_the_clock_only_measures() -> None:
    clock = TurnClock(None)
    clock.start()
    for _ in range(600):
        assert not clock.update(0.1)
    assert clock.remaining is None and clock.elapsed == pytest.approx(60.0) and not clock.counting_down


# -- the screen, on the real App ---------------------------------------------------------------
def play_scene(make_app: AppFactory, at: str | None = None, anger: int | None = None) -> tuple[Driver, PlayScene]:
    driver = make_app((1280, 720))
    scenario = load_scenario(SCENARIOS / "angry-walk-in.yaml")
    scene = PlayScene(driver.app, scenario, Session.start(scenario, seed=4, at=at, anger=anger))
    driver.app.push(scene)
    return driver, scene


def test_the_line_types_then_the_choices_come_and_the_screen_goes_idle(make_app: AppFactory) -> None:
    driver, scene = play_scene(make_app)
    assert not scene.typing_done and scene.frame_interval() == 0
    scene.handle(Choose(0))  # a number key while the line is typed only shows the whole line
    assert scene.typing_done and len(scene.session.history) == 0
    driver.frames(30)
    assert scene.frame_interval() is None
    rects = scene.options_rects()
    assert len(rects) == len(scene.session.view().options)
    assert all(scene.scroller.viewport.contains(rect) for rect in rects)
    assert all(a.bottom < b.top for a, b in itertools.pairwise(rects))


def test_a_click_answers_with_the_seconds_taken_and_the_meter_eases(make_app: AppFactory) -> None:
    driver, scene = play_scene(make_app)
    scene.handle(Skip())
    driver.frames(150)  # two and a half seconds of thinking
    view = scene.session.view()
    pick = next(i for i, option in enumerate(view.options) if option.choice_id == "acknowledge")
    driver.click(scene.options_rects()[pick])
    step = scene.session.history[0]
    assert step.choice == "acknowledge" and step.seconds == pytest.approx(2.5, abs=0.05)
    assert step.anger_after < scene.meter_shown < step.anger_before and scene.frame_interval() == 0
    driver.frames(120)
    assert scene.meter_shown == step.anger_after


def test_an_unavailable_option_cannot_be_chosen(make_app: AppFactory) -> None:
    _driver, scene = play_scene(make_app, at="reads-letter", anger=40)
    scene.handle(Skip())
    index = next(i for i, option in enumerate(scene.view.options) if not option.available)
    scene.handle(Choose(index))
    scene.handle(Point(scene.options_rects()[index].center))
    scene.handle(Click(scene.options_rects()[index].center))
    assert scene.session.history == []


def test_running_out_of_time_is_a_timeout_after_the_line(make_app: AppFactory) -> None:
    driver, scene = play_scene(make_app, at="louder", anger=60)
    driver.until(lambda: scene.typing_done)
    assert scene.typing_done and scene.session.history == []  # the countdown starts with the choices
    driver.until(lambda: len(scene.session.history) == 1, limit=60 * 16)
    step = scene.session.history[0]
    assert step.choice == "(timeout)" and step.seconds == pytest.approx(15.0)


@pytest.mark.parametrize(("limits", "seconds"), [(0, None), (1, 15), (2, 23), (3, 30)])
def test_the_time_limits_setting_scales_the_countdown_or_removes_it(
    make_app: AppFactory, tmp_path: Path, limits: int, seconds: int | None
) -> None:
    """'louder' gives 15 seconds: off, normal, 1.5x (22.5, rounded up) and 2x, from the settings file."""
    saves = tmp_path / "saves"
    save_settings(saves, Settings(time_limits=limits))
    driver = make_app((1280, 720), saves=saves)
    driver.open_on_title("play")
    driver.press("enter")  # the walk-in, the library's only scenario
    scene = driver.top
    assert isinstance(scene, PlayScene) and scene.session.time_limits == TIME_LIMITS[limits]
    scene.start_at("louder", 60, frozenset())
    driver.press("space")
    assert scene.clock.limit == seconds
    driver.frames(40, dt=1.0)  # longer than any of them
    assert (scene.session.history == []) is (seconds is None)
    scene.restart()  # the pause menu's Restart keeps the setting too
    assert scene.session.time_limits == TIME_LIMITS[limits]


def test_arrows_and_enter_answer_and_escape_pauses(make_app: AppFactory) -> None:
    driver, scene = play_scene(make_app)
    scene.handle(Skip())
    scene.handle(Move(dy=1))
    focus = scene.buttons.focus
    chosen = scene.session.view().options[focus].choice_id
    driver.press("enter")
    assert scene.session.history[0].choice == chosen
    driver.press("esc")
    assert driver.top.name == "pause"


def test_restart_starts_over(make_app: AppFactory) -> None:
    _driver, scene = play_scene(make_app)
    scene.handle(Skip())
    scene.handle(Choose(0))
    scene.restart()
    assert scene.session.history == [] and not scene.typing_done
    assert scene.meter_shown == scene.session.anger
