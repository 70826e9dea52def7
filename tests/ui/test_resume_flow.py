"""The whole issue-11 flow in the real game loop, as a trainee lives it: add yourself, play half a
scenario, close the game, start it again on the same data folder, Continue at the exact point
(place, anger, answers, the timer's seconds left), finish, read the debrief, find the attempt in
the results database and the save gone, then open the progress screen.

Real parts only: posted key events, a data folder in tmp_path with real JSON saves and a real
SQLite file, and App.run() ending on a real window close, as a player's game ends.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pytest

from game.storage.saves import saves_of
from game.storage.settings import Settings, save_settings
from game.storage.trainees import load_roster
from game.tools.autoplay import policy
from game.ui.scenes.trainees import TraineesScene
from tests.ui.conftest import walk_in_library
from tests.ui.test_flow import answer_by_key, debrief_scene, play_scene, settle, start_walk_in
from tests.ui.test_layout import LARGEST, SIZES, check

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

WAITED = 4.0  # seconds the trainee spends on the timed question before the game is closed


def close_the_game(driver: Driver) -> None:
    """The window's close button, and the loop ending as it does for a player (App.run)."""
    driver.post(pygame.event.Event(pygame.QUIT))
    assert driver.app.run() == 0


def add_trainee_by_keys(driver: Driver, name: str, email: str = "") -> None:
    """Down to the name field (past the trainees listed), type, Tab, type, Enter."""
    chooser = driver.top
    assert isinstance(chooser, TraineesScene)
    while chooser.field is not chooser.fields[0]:
        driver.press("down")
    driver.type(name)
    driver.press("tab")
    driver.type(email)
    driver.press("enter")


def test_add_play_half_close_restart_continue_finish_and_see_progress(make_app: AppFactory, tmp_path: Path) -> None:
    data = tmp_path / "saves"
    game = make_app(trainee=None)
    add_trainee_by_keys(game, "Ada Lovelace", "ada@example.com")
    assert game.scene_is("title") and game.app.trainee is not None
    ada = game.app.trainee
    assert (ada.name, ada.email) == ("Ada Lovelace", "ada@example.com")

    play = start_walk_in(game)
    answer_by_key(game, "i-understand")  # to a question with a 15-second timer
    game.press("space")
    settle(game)
    before = play.clock.remaining
    assert before is not None
    game.frames(8, dt=WAITED / 8)
    point = play.session.to_dict()
    remaining, call = play.clock.remaining, play.call_seconds
    assert remaining == pytest.approx(before - WAITED)
    close_the_game(game)
    assert [g.scenario_id for g in saves_of(data, ada.id).games] == ["angry-walk-in"]

    again = make_app(trainee=None)  # the game started again on the same folder
    assert again.scene_is("trainees")
    again.press("enter")  # Ada, preselected
    assert again.scene_is("title") and again.app.trainee == ada
    assert again.top.menu.buttons[again.top.menu.focus].action == "continue"  # type: ignore[attr-defined]
    again.press("enter")
    resumed = play_scene(again)
    assert resumed.session.to_dict() == point, "the same place, anger, flags, seed and answers"
    assert resumed.session.place == "louder" and resumed.session.anger == play.session.anger
    assert [step.choice for step in resumed.session.history] == ["i-understand"]
    assert resumed.typing_done and resumed.clock.running, "a question already read is not typed again"
    frame = again.dt  # the frame that opened the play screen ran on
    assert resumed.clock.remaining == pytest.approx(remaining - frame), "the timer goes on with what was left"
    assert resumed.call_seconds == pytest.approx(call + frame)

    choose = policy(resumed.session, "best")
    while again.scene_is("play"):
        answer_by_key(again, choose(resumed.session))
    debrief = debrief_scene(again)
    assert debrief.note == "", "nothing to say: the attempt is stored"
    assert saves_of(data, ada.id).games == [], "the save is gone once the attempt is recorded"
    with sqlite3.connect(data / "composure.sqlite3") as database:
        rows = database.execute("SELECT trainee_id, scenario_id, ending, seed FROM attempts").fetchall()
        answers = database.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    assert rows == [(ada.id, "angry-walk-in", resumed.session.place, resumed.session.seed)]
    assert answers == len(resumed.session.history)

    again.press("esc")  # the debrief's way back to the menu
    again.open_on_title("progress")
    assert again.scene_is("progress")


def test_the_last_trainee_chosen_is_preselected_after_a_restart(make_app: AppFactory, tmp_path: Path) -> None:
    game = make_app(trainee=None)
    add_trainee_by_keys(game, "Bea")
    game.open_on_title("trainee")
    add_trainee_by_keys(game, "Cal")
    game.open_on_title("trainee")
    chooser = game.top
    names = [t.name for t in chooser.people]  # type: ignore[attr-defined]
    assert names == ["Bea", "Cal"] and chooser.focus == names.index("Cal")  # type: ignore[attr-defined]
    game.press("up", "enter")  # Bea, by keys
    assert game.app.trainee is not None and game.app.trainee.name == "Bea"
    close_the_game(game)
    again = make_app(trainee=None)
    chooser = again.top
    assert chooser.people[chooser.focus].name == "Bea"  # type: ignore[attr-defined]
    assert again.app.trainee is not None and again.app.trainee.name == "Bea"
    assert load_roster(tmp_path / "saves").roster.last == again.app.trainee


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_continue_practise_next_and_the_sentence_of_a_save_that_cannot_go_on_fit_every_window(
    make_app: AppFactory, tmp_path: Path, size: tuple[int, int], high_contrast: bool
) -> None:
    data = tmp_path / "saves"
    save_settings(data, Settings(text_size=LARGEST, high_contrast=high_contrast))
    game = make_app(size, saves=data)
    start_walk_in(game)
    answer_by_key(game, "i-understand")
    game.press("esc", "up", "enter")  # pause, Quit to menu
    actions = [button.action for button in game.top.menu.buttons]  # type: ignore[attr-defined]
    assert actions[:2] == ["continue", "practise"]
    check(game, "the title with Continue and Practise next")
    walk_in = walk_in_library(tmp_path) / "angry-walk-in.yaml"
    walk_in.write_text(walk_in.read_text(encoding="utf-8").replace("id: i-understand", "id: i-see", 1))
    game.press("enter")  # Continue has the focus
    assert game.scene_is("cannot-continue")
    check(game, "a save that cannot be continued")
