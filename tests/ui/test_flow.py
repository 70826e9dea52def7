"""The whole game, driven like a player: keys and clicks posted to SDL, frames with simulated time.

Each test starts on the title menu of a real App under the dummy video driver and checks what
the player would see: the screen on top, what the session recorded, and pixels where it matters.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pytest

from game.engine.playing.session import TIMEOUT
from game.tools.autoplay import policy
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.picker import PickerScene
from game.ui.scenes.play import PlayScene
from game.ui.theme import HIGH_CONTRAST, NORMAL

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

TURN_LIMIT = 40
ROOT = Path(__file__).resolve().parents[2]


# -- small moves a player makes ------------------------------------------------------------
def play_scene(driver: Driver) -> PlayScene:
    scene = driver.top
    assert isinstance(scene, PlayScene), f"expected the play screen, not {scene.name}"
    return scene


def debrief_scene(driver: Driver) -> DebriefScene:
    scene = driver.top
    assert isinstance(scene, DebriefScene), f"expected the debrief, not {scene.name}"
    return scene


def start_walk_in(driver: Driver) -> PlayScene:
    """Enter on Play, Enter on the first card (the angry walk-in)."""
    driver.press("enter")
    assert driver.scene_is("picker")
    driver.press("enter")
    return play_scene(driver)


def number_of(play: PlayScene, choice_id: str) -> int:
    """The 1-based number shown beside a choice (options are shuffled per session)."""
    return [option.choice_id for option in play.session.view().options].index(choice_id) + 1


def answer_by_key(driver: Driver, choice_id: str) -> None:
    play = play_scene(driver)
    if not play.typing_done:
        driver.press("space")
        assert play.typing_done
    driver.press(str(number_of(play, choice_id)))


def settle(driver: Driver, limit: int = 600) -> None:
    """Frames until the top screen has nothing left to animate (a countdown excepted)."""
    for _ in range(limit):
        scene = driver.top
        if scene.frame_interval() != 0:
            return
        if isinstance(scene, PlayScene) and scene.typing_done and scene.meter_shown == scene.session.anger:
            if not scene.meter.animating and scene.appear >= 1:
                return
        driver.frame()


def click_option(driver: Driver, index: int) -> None:
    """Scroll the choice into view with the wheel if need be, then click its centre."""
    play = play_scene(driver)
    for _ in range(50):
        rect = play.options_rects()[index]
        if play.scroller.viewport.contains(rect):
            break
        driver.wheel(-1 if rect.bottom > play.scroller.viewport.bottom else 1)
        settle(driver)
    driver.click(play.options_rects()[index])


def region(driver: Driver, rect: pygame.Rect) -> bytes:
    return pygame.image.tobytes(driver.screen.subsurface(rect), "RGB")


def play_to_debrief(driver: Driver, strategy: str = "best") -> DebriefScene:
    play = start_walk_in(driver)
    choose = policy(play.session, strategy)
    for _ in range(TURN_LIMIT):
        if not driver.scene_is("play"):
            break
        choice = choose(play.session)
        assert choice != TIMEOUT
        answer_by_key(driver, choice)
    return debrief_scene(driver)


# -- the whole game ------------------------------------------------------------------------
def test_keys_alone_play_from_the_title_to_the_debrief(game: Driver) -> None:
    assert game.scene_is("title")
    play = start_walk_in(game)
    assert not play.typing_done and play.session.history == []
    session = play.session
    debrief = play_to_debrief_from(game, play)
    assert debrief.session is session
    assert len(debrief.result.reviews) == len(session.history) > 0
    assert debrief.result.ending.id == session.place


def play_to_debrief_from(driver: Driver, play: PlayScene) -> DebriefScene:
    choose = policy(play.session, "best")
    for _ in range(TURN_LIMIT):
        if not driver.scene_is("play"):
            break
        answer_by_key(driver, choose(play.session))
    return debrief_scene(driver)


def test_the_mouse_alone_plays_from_the_title_to_the_debrief_and_back(game: Driver) -> None:
    title = game.top
    game.click(next(b.rect for b in title.menu.buttons if b.action == "play"))  # type: ignore[attr-defined]
    picker = game.top
    assert isinstance(picker, PickerScene)
    game.click(picker.scroller.to_screen(picker.layouts[0].rect))
    play = play_scene(game)
    choose = policy(play.session, "random", seed=7)
    for _ in range(TURN_LIMIT):
        if not game.scene_is("play"):
            break
        if not play.typing_done:
            game.click(play.scroller.viewport)  # a click anywhere shows the whole line
            assert play.typing_done
        settle(game)
        ids = [option.choice_id for option in play.session.view().options]
        turn = len(play.session.history)
        click_option(game, ids.index(choose(play.session)))
        assert len(play.session.history) == turn + 1 or not game.scene_is("play")
    debrief = debrief_scene(game)
    settle(game)
    game.click(debrief.button_rect("menu"))
    assert game.scene_is("title") and len(game.app.scenes) == 1


def test_an_angry_answer_moves_the_meter_that_is_drawn(game: Driver) -> None:
    play = start_walk_in(game)
    game.press("space")
    settle(game)
    before_value, before_pixels = play.meter_shown, region(game, play.meter_rect)
    answer_by_key(game, "calm-down")  # "please calm down": anger goes up
    assert play.session.anger > before_value
    game.frames(3)
    assert before_value < play.meter_shown < play.session.anger, "the meter eases towards the new anger"
    settle(game)
    assert play.meter_shown == play.session.anger
    assert region(game, play.meter_rect) != before_pixels


def test_space_finishes_the_line_but_never_answers(game: Driver) -> None:
    play = start_walk_in(game)
    game.press("space")
    assert play.typing_done
    game.press("space", "space")
    assert play.session.history == [], "a double tap on Space must not answer unread"
    game.press("enter")
    assert len(play.session.history) == 1 or game.scene_is("debrief")


def test_the_line_types_out_as_frames_pass(game: Driver) -> None:
    play = start_walk_in(game)
    counts, pictures = [], []
    for _ in range(3):
        game.frames(20)
        counts.append(play.reveal.count)
        pictures.append(region(game, play.scroller.viewport))
    assert counts[0] < counts[1] < counts[2]
    assert len(set(pictures)) == 3
    assert not play.typing_done
    game.until(lambda: play.typing_done, dt=0.1)


def test_a_timed_question_runs_out_with_time_and_stands_still_while_paused(game: Driver) -> None:
    play = start_walk_in(game)
    answer_by_key(game, "i-understand")  # to a question with a 15-second timer
    assert play.session.view().timer == 15
    game.press("space")
    settle(game)
    header = play.scroller.to_screen(play.column.header)
    first = region(game, header)
    game.frames(10, dt=0.5)
    assert region(game, header) != first, "the countdown drawn goes down"
    remaining = play.clock.remaining
    assert remaining is not None and 0 < remaining < 15
    game.press("esc")
    assert game.scene_is("pause")
    game.frames(100, dt=0.5)  # fifty seconds on the pause menu
    game.press("enter")  # Resume
    assert game.top is play and len(play.session.history) == 1
    assert play.clock.remaining == pytest.approx(remaining - game.dt), "the timer stood still while paused"
    steps = math.ceil((remaining - game.dt) / 0.5)
    game.frames(steps - 1, dt=0.5)
    assert len(play.session.history) == 1, "not yet: under half a second is left"
    game.frames(1, dt=0.5)
    assert play.session.history[-1].choice == TIMEOUT
    assert play.session.history[-1].seconds == 15


def test_escape_pauses_resume_returns_and_restart_starts_over(game: Driver) -> None:
    play = start_walk_in(game)
    answer_by_key(game, "go-on")
    session = play.session
    game.press("esc")
    assert game.scene_is("pause")
    game.press("enter")  # Resume has focus
    assert game.top is play and play.session is session and len(session.history) == 1
    game.press("esc", "down", "enter")  # Restart
    assert game.top is play
    assert play.session is not session and play.session.history == []
    assert play.session.place == play.scenario.start


def test_rewind_from_the_debrief_lands_on_that_answer_with_that_anger(game: Driver) -> None:
    debrief = play_to_debrief(game, "best")  # the worst player walks him out in two answers
    history = debrief.session.history
    assert len(history) >= 3
    game.press("2")  # select the second answer in the transcript
    settle(game)
    game.click(debrief.button_rect("rewind"))
    play = play_scene(game)
    assert play.session.place == history[1].node
    assert play.session.anger == history[1].anger_before
    assert [step.choice for step in play.session.history] == [history[0].choice]
    assert play.meter_shown == history[1].anger_before


def test_rewind_by_keys_and_retry_by_click(game: Driver) -> None:
    debrief = play_to_debrief(game, "best")
    first = debrief.session.history[0]
    game.press("1", "enter")  # select answer 1; Enter rewinds to the selected answer
    play = play_scene(game)
    assert play.session.place == first.node and play.session.anger == first.anger_before
    assert play.session.history == []
    debrief = play_to_debrief_from(game, play)
    old = debrief.session
    settle(game)
    game.click(debrief.button_rect("retry"))
    play = play_scene(game)
    assert play.session is not old and play.session.history == []
    assert play.session.place == play.scenario.start


def test_settings_apply_at_once_and_are_remembered(make_app: AppFactory, tmp_path: Path) -> None:
    game = make_app((1280, 720))
    body_before = game.app.theme.font("body").get_height()
    game.open_on_title("settings")
    assert game.scene_is("settings")
    game.press("right", "right", "right")  # text size: Medium -> Largest (and no further)
    assert game.app.settings.text_size == 3
    assert game.app.theme.font("body").get_height() > body_before
    game.press("down", "down", "down", "right")  # past text speed and time limits: high contrast on
    assert game.app.theme.palette is HIGH_CONTRAST
    assert game.screen.get_at((2, 2))[:3] == HIGH_CONTRAST.background
    saved = json.loads((tmp_path / "saves" / "settings.json").read_text(encoding="utf-8"))
    assert saved["text_size"] == 3 and saved["high_contrast"] is True
    game.press("esc")
    assert game.scene_is("title") and game.screen.get_at((2, 2))[:3] == HIGH_CONTRAST.background
    again = make_app((1280, 720))  # the game started again with the same saves folder
    assert again.app.settings.text_size == 3 and again.app.settings.high_contrast
    again.open_on_title("settings")
    again.press("down", "down", "down", "enter")  # Enter cycles: high contrast off
    assert again.app.theme.palette is NORMAL
    again.press("esc")
    assert again.screen.get_at((2, 2))[:3] == NORMAL.background


def test_the_picker_lists_a_broken_scenario_with_its_first_error_and_cannot_start_it(
    make_app: AppFactory, broken_library: Path
) -> None:
    game = make_app((1280, 720), scenarios=broken_library)
    game.press("enter")
    picker = game.top
    assert isinstance(picker, PickerScene)
    broken = [card for card in picker.cards if card.scenario is None]
    assert [card.title for card in broken] == ["broken-walk-in.yaml"]
    assert broken[0].problem == "Line 22: there is no node \u2018nowhere\u2019"
    index = picker.cards.index(broken[0])
    game.press(*["down"] * index)
    assert picker.focused is broken[0]
    game.press("enter")
    assert game.top is picker
    settle(game)
    game.click(picker.scroller.to_screen(picker.layouts[index].rect))
    assert game.top is picker, "a broken scenario cannot be started, not even by a click"
    game.press(*["up"] * index, "enter")
    assert game.scene_is("play"), "the good one still starts"


def test_the_screenshot_robot_saves_every_screen_it_passes(tmp_path: Path) -> None:
    """`play --auto --screenshots`, run as a trainer runs it, in a process of its own."""
    folder = tmp_path / "shots"
    robot = ["play", "scenarios/angry-walk-in.yaml", "--auto", "best", "--seed", "1"]
    done = subprocess.run(
        [sys.executable, "main.py", *robot, "--screenshots", str(folder), "--size", "960x540", "--high-contrast"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    names = sorted(path.stem.split("-", 1)[1] for path in folder.glob("*.png"))
    assert {"title", "picker", "pause", "debrief", "debrief-end", "settings", "play-01"} <= set(names)
    for path in folder.glob("*.png"):
        picture = pygame.image.load(str(path))
        assert picture.get_size() == (960, 540)
        assert len(set(pygame.image.tobytes(picture, "RGB")[::997])) > 2, f"{path.name} is blank"


def test_a_configured_seed_replays_the_first_conversation_exactly(make_app: AppFactory, tmp_path: Path) -> None:
    seen = []
    for run in range(2):
        game = make_app(saves=tmp_path / f"saves-{run}", seed=4242)
        play = start_walk_in(game)
        view = play.session.view()
        seen.append((play.session.seed, play.session.temperament, view.line, [o.choice_id for o in view.options]))
        play.restart()
        assert play.session.seed != 4242, "only the first conversation replays; a restart is fresh"
    assert seen[0] == seen[1] and seen[0][0] == 4242


def test_f11_toggles_fullscreen_and_the_choice_is_remembered(game: Driver, tmp_path: Path) -> None:
    game.press("f11")
    assert game.app.settings.fullscreen
    assert json.loads((tmp_path / "saves" / "settings.json").read_text())["fullscreen"] is True
    game.press("f11")
    assert not game.app.settings.fullscreen
    assert game.screen.get_size() == (1280, 720), "back to the window size it had"


def test_a_resized_window_lays_the_play_screen_out_again(game: Driver) -> None:
    play = start_walk_in(game)
    game.press("space")
    wide = [rect.copy() for rect in play.options_rects()]
    game.resize((960, 540))
    narrow = play.options_rects()
    assert game.screen.get_size() == (960, 540)
    assert all(rect.right <= 960 and rect.bottom <= 540 for rect in narrow)
    assert [rect.width for rect in narrow] != [rect.width for rect in wide]
    game.resize((600, 400))
    assert game.screen.get_size() == (960, 540), "the window never gets smaller than the layout supports"


def test_an_unexpected_error_in_a_screen_returns_to_the_title_with_a_message(
    game: Driver, caplog: pytest.LogCaptureFixture
) -> None:
    play = start_walk_in(game)

    def broken(dt: float) -> None:  # stands in for a bug in a screen
        pygame.event.post(pygame.event.Event(pygame.QUIT))  # so run() ends once it has recovered
        raise RuntimeError("a bug in a screen")

    play.update = broken  # type: ignore[method-assign]
    with caplog.at_level("ERROR"):
        assert game.app.run() == 0
    assert game.scene_is("title")
    assert "Something went wrong" in game.app.notice
    assert any("unexpected error on the play screen" in record.getMessage() for record in caplog.records)
