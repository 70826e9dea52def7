"""The autosave in the real game loop: after every answer, on pausing mid-question (the seconds
already spent kept, so Quit to menu and Continue give the timer back as it was), through a live
reload of the file, and never over the trainee's progress for a play-test run from the jump list.
A save that cannot be written is a sentence on screen, and play goes on to the debrief."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from game.storage.saves import SavedGame, read_save
from game.storage.settings import Settings, save_settings
from game.tools.autoplay import policy
from game.ui.app import WATCH_SECONDS
from game.ui.scenes.jump import ANGER
from game.ui.session_keeping import PLAY_TEST
from tests.ui.conftest import walk_in_library
from tests.ui.test_flow import answer_by_key, debrief_scene, play_scene, settle, start_walk_in
from tests.ui.test_play_test_view import jump_list, row_of

if TYPE_CHECKING:
    from game.ui.scenes.play import PlayScene
    from tests.ui.conftest import AppFactory, Driver

WALK_IN = "angry-walk-in"


def saved(driver: Driver) -> SavedGame | None:
    trainee = driver.app.trainee
    assert trainee is not None
    loaded = read_save(driver.app.data, trainee.id, WALK_IN)
    assert loaded.message == ""
    return loaded.game


def play_out(driver: Driver, play: PlayScene) -> None:
    choose = policy(play.session, "best")
    while driver.scene_is("play"):
        answer_by_key(driver, choose(play.session))


def answer_anything(driver: Driver, play: PlayScene) -> None:
    """The first answer that can be given, or, when none can, the timer left to run out."""
    offered = [option.choice_id for option in play.session.view().options if option.available]
    if offered:
        answer_by_key(driver, offered[0])
        return
    turn = len(play.session.history)
    driver.until(lambda: len(play.session.history) > turn or not driver.scene_is("play"), dt=0.5)


def test_every_answer_is_saved_at_once_with_the_clock_not_yet_started(game: Driver) -> None:
    play = start_walk_in(game)
    assert saved(game) is None, "nothing to keep before the first answer"
    for choice in ("i-understand", "yes-help"):
        answer_by_key(game, choice)
        kept = saved(game)
        assert kept is not None and kept.session == play.session.to_dict()
        assert kept.waited == 0 and kept.scenario_path == play.scenario.path
        assert kept.call_seconds == pytest.approx(play.call_seconds - game.dt), "saved before the frame's time"
    assert kept.started_at < kept.saved_at


def test_pausing_keeps_the_seconds_spent_and_continue_gives_the_timer_back(game: Driver) -> None:
    play = start_walk_in(game)
    answer_by_key(game, "i-understand")  # a question with a 15-second timer
    game.press("space")
    settle(game)
    game.frames(12, dt=0.5)
    remaining = play.clock.remaining
    game.press("esc")
    kept = saved(game)
    assert kept is not None and kept.waited == pytest.approx(play.clock.elapsed)
    game.press("up", "enter")  # Quit to menu, the last of the pause menu
    assert game.scene_is("title")
    game.open_on_title("continue")
    resumed = play_scene(game)
    assert resumed.clock.remaining == pytest.approx(remaining - game.dt)
    assert resumed.session.to_dict() == kept.session


def test_a_live_reload_keeps_autosaving_and_the_attempt_is_still_recorded(make_app: AppFactory, tmp_path: Path) -> None:
    game = make_app()
    play = start_walk_in(game)
    answer_by_key(game, "i-understand")
    walk_in = walk_in_library(tmp_path) / f"{WALK_IN}.yaml"
    text = walk_in.read_text(encoding="utf-8")
    walk_in.write_text(text.replace("slaps a letter", "thumps a letter", 1), encoding="utf-8")
    game.frame(WATCH_SECONDS)
    reloaded = play.scenario
    assert play.notice and play.session.scenario is reloaded
    answer_by_key(game, "yes-help")
    kept = saved(game)
    assert kept is not None and kept.session == play.session.to_dict()
    play_out(game, play)
    assert debrief_scene(game).note == "" and saved(game) is None
    trainee = game.app.trainee
    assert game.app.results is not None and trainee is not None
    assert len(game.app.results.history(trainee.id)) == 1


def test_a_play_test_run_from_the_jump_list_is_neither_saved_nor_recorded(make_app: AppFactory, tmp_path: Path) -> None:
    save_settings(tmp_path / "saves", Settings(play_test=True))
    game = make_app()
    play = start_walk_in(game)
    answer_by_key(game, "i-understand")
    before = saved(game)
    game.press("j")  # back to the start with the customer calm: a run a trainer tries out
    scene = jump_list(game)
    game.press(*["up"] * (scene.focus - row_of(scene, ANGER)), *["left"] * 20)
    game.press(*["down"] * row_of(scene, "node:burst-in"), "enter")
    origin = play_scene(game).session.origin
    assert (origin.place, origin.anger) == ("burst-in", 0)
    answer_anything(game, play)
    assert saved(game) == before, "the trainee's own progress is left as it was"
    game.press("esc")
    assert saved(game) == before
    game.press("enter")  # Resume
    while game.scene_is("play"):
        answer_anything(game, play)
    assert debrief_scene(game).note == PLAY_TEST
    trainee = game.app.trainee
    assert game.app.results is not None and trainee is not None
    assert game.app.results.history(trainee.id) == []


def test_a_save_that_cannot_be_written_is_said_on_screen_and_play_goes_on(make_app: AppFactory, tmp_path: Path) -> None:
    game = make_app()
    trainee = game.app.trainee
    assert trainee is not None
    own = tmp_path / "saves" / "progress" / trainee.id
    shutil.rmtree(own, ignore_errors=True)
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text("a file where the trainee's folder goes", encoding="utf-8")
    play = start_walk_in(game)
    answer_by_key(game, "i-understand")
    problem = "Your progress could not be saved: a file stands where its folder should be"
    assert play.keeper.problem.startswith(problem) and game.app.notice == play.keeper.problem
    assert any(block.text.startswith(problem) for block in play.panel.blocks), "shown in the panel at once"
    play_out(game, play)
    assert debrief_scene(game).note == "", "the attempt is recorded all the same"
    assert game.app.results is not None and len(game.app.results.history(trainee.id)) == 1
    game.press("esc")
    assert game.scene_is("title") and "could not be" in game.app.notice, "the menu says what went wrong last"
