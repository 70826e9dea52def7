"""The picker's cards say how the trainee practising stands: "New" for a scenario never finished,
"In progress" (and a Continue tag that picks the save up) where a save waits, and the best grade
with the number of attempts once finished; legible at the smallest window and the largest text."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pytest

from game.storage.settings import Settings, save_settings
from game.ui.scenes.picker import PickerScene
from game.ui.scenes.picker_art import CONTINUE, PLAY
from game.ui.scenes.picker_standing import IN_PROGRESS, NEW
from tests.ui.test_autosave import answer_anything
from tests.ui.test_flow import answer_by_key, debrief_scene, play_scene
from tests.ui.test_layout import LARGEST, check
from tests.ui.test_live_reload import colour_count

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

WALK_IN = "angry-walk-in"


def picker_of(driver: Driver) -> PickerScene:
    driver.open_on_title("play")
    scene = driver.top
    assert isinstance(scene, PickerScene)
    return scene


def words_on_card(picker: PickerScene) -> str:
    [layout] = picker.layouts
    return layout.blocks[1].text  # under the title and the channel line


def play_to_the_end(driver: Driver, strategy: list[str]) -> None:
    for choice in strategy:
        answer_by_key(driver, choice)
    play = play_scene(driver)
    while driver.scene_is("play"):
        answer_anything(driver, play)
    debrief_scene(driver)
    driver.press("esc")


def test_new_then_in_progress_then_the_best_grade_and_attempts(game: Driver) -> None:
    picker = picker_of(game)
    assert words_on_card(picker) == NEW
    game.press("enter")
    answer_by_key(game, "i-understand")
    game.press("esc", "up", "enter")  # pause, Quit to menu
    picker = picker_of(game)
    assert words_on_card(picker) == IN_PROGRESS
    game.press("enter")  # the card continues the save rather than starting over
    play = play_scene(game)
    assert [step.choice for step in play.session.history] == ["i-understand"]
    play_to_the_end(game, [])
    trainee = game.app.trainee
    assert game.app.results is not None and trainee is not None
    first = game.app.results.standings(trainee.id)[WALK_IN]
    assert words_on_card(picker_of(game)) == f"Best grade {first.best_grade}  \u00b7  1 attempt"
    game.press("enter")
    play_to_the_end(game, ["calm-down"])
    tries = game.app.results.history(trainee.id)
    best = max(tries, key=lambda attempt: attempt.overall)
    assert len(tries) == 2 and best.overall == game.app.results.standings(trainee.id)[WALK_IN].best_overall
    assert words_on_card(picker_of(game)) == f"Best grade {best.grade}  \u00b7  2 attempts"


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_a_card_in_progress_is_legible_at_the_smallest_window_and_largest_text(
    make_app: AppFactory, tmp_path: Path, high_contrast: bool
) -> None:
    data = tmp_path / "saves"
    save_settings(data, Settings(text_size=LARGEST, high_contrast=high_contrast))
    game = make_app((960, 540), saves=data)
    game.open_on_title("play")
    game.press("enter")
    answer_by_key(game, "i-understand")
    game.press("esc", "up", "enter")
    picker = picker_of(game)
    game.frames(30)
    check(game, "a card in progress")
    [layout] = picker.layouts
    words = picker.scroller.to_screen(pygame.Rect(layout.blocks[1].pos, (200, 1)))
    assert picker.scroller.viewport.contains(words), "the standing line is in view on the first card"
    line = pygame.Rect(words.x, words.y, 200, game.app.theme.font("small").get_linesize())
    assert colour_count(game.screen, line, game.app.theme.palette.accent) > 30, "and drawn"
    tag = picker.scroller.to_screen(layout.play)
    assert tag.width == game.app.theme.text(CONTINUE, "body").get_width() + game.app.theme.px(44)
    assert tag.width > game.app.theme.text(PLAY, "body").get_width() + game.app.theme.px(44)
