"""The play-test view in the real game: F2 (or the settings screen, by key or mouse) shows on each
answer what it does, in the engine's numbers, and the node and flags beside the customer; the
setting is remembered; J (or the panel's button) opens the jump list, which starts the
conversation at the chosen node with the chosen anger and flags."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.engine import previews
from game.storage.settings import Settings, load_settings, save_settings
from game.ui.effect_words import effect_words
from game.ui.scenes.jump import ANGER, FLAG, NODE, JumpScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.settings import SettingsScene
from tests.ui.test_flow import answer_by_key, play_scene, start_walk_in

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver


def details(play: PlayScene) -> list[str]:
    return [button.detail for button in play.buttons.buttons]


def panel_texts(play: PlayScene) -> list[str]:
    return [block.text for block in play.panel.blocks] if play.panel.shown else []


def test_f2_shows_what_each_answer_does_and_where_the_conversation_stands(make_app: AppFactory, tmp_path: Path) -> None:
    driver = make_app(seed=5)
    play = start_walk_in(driver)
    assert details(play) == [""] * len(play.view.options) and not play.panel.shown
    driver.press("f2")
    assert driver.app.settings.play_test and load_settings(tmp_path / "saves").settings.play_test, "remembered"
    shown = previews(play.session)
    assert details(play) == [effect_words(shown[option.choice_id]) for option in play.view.options]
    number = [option.choice_id for option in play.view.options].index("i-understand")
    promised = shown["i-understand"].anger_after
    assert f"to {promised}" in details(play)[number] and details(play)[number].endswith("then \u2018louder\u2019")
    assert {"Node \u2018burst-in\u2019", "Flags: none"} <= set(panel_texts(play))
    answer_by_key(driver, "i-understand")
    assert play.session.anger == promised, "the view said what the answer would do"
    assert "Node \u2018louder\u2019" in panel_texts(play)
    assert any(text.startswith("No reply in time: anger +") for text in panel_texts(play)), "the timer's effect too"
    driver.press("f2")
    assert not driver.app.settings.play_test and not load_settings(tmp_path / "saves").settings.play_test
    assert details(play) == [""] * len(play.view.options) and not play.panel.shown


def open_settings(driver: Driver) -> SettingsScene:
    driver.open_on_title("settings")
    scene = driver.top
    assert isinstance(scene, SettingsScene)
    return scene


def test_the_settings_screen_switches_it_by_key_and_by_mouse_and_a_new_game_remembers(
    make_app: AppFactory, tmp_path: Path
) -> None:
    driver = make_app()
    settings = open_settings(driver)
    row = next(i for i, row in enumerate(settings.rows) if row.key == "play_test")
    driver.press(*["down"] * row, "right")
    assert driver.app.settings.play_test
    left, _ = settings._arrows(settings._screen_rect(row))
    driver.click(left)
    assert not driver.app.settings.play_test
    driver.press("enter")  # Enter cycles the focused row: on again
    assert driver.app.settings.play_test
    again = make_app(saves=tmp_path / "saves")
    play = start_walk_in(again)
    assert all(details(play)) and play.panel.shown


def jump_list(driver: Driver) -> JumpScene:
    scene = driver.top
    assert isinstance(scene, JumpScene), f"expected the jump list, not {scene.name}"
    return scene


def row_of(scene: JumpScene, key: str) -> int:
    return next(i for i, row in enumerate(scene.rows) if row.key == key)


def test_j_opens_the_jump_list_which_starts_at_the_chosen_node_anger_and_flags(
    make_app: AppFactory, tmp_path: Path
) -> None:
    save_settings(tmp_path / "saves", Settings(play_test=True))
    driver = make_app(seed=8)
    play = start_walk_in(driver)
    driver.press("j")
    scene = jump_list(driver)
    assert scene.focus == row_of(scene, NODE + "burst-in"), "the focus starts where the conversation is"
    assert scene.anger == play.session.anger == 70
    driver.press(*["up"] * scene.focus, "right", "right")  # to the anger, then 5 at a time
    assert scene.anger == 80
    flag = row_of(scene, FLAG + "promised-fix")
    driver.press(*["down"] * flag, "right")
    assert scene.flags == {"promised-fix"}
    driver.press(*["down"] * (row_of(scene, NODE + "vent") - flag), "enter")
    assert play_scene(driver) is play
    origin = play.session.origin
    assert (origin.place, origin.anger, origin.flags) == ("vent", 80, frozenset({"promised-fix"}))
    assert play.session.place == "vent" and play.session.history == []
    assert {"Node \u2018vent\u2019", "Flags: \u2018promised-fix\u2019"} <= set(panel_texts(play))


def test_the_jump_list_by_mouse_from_the_panel_and_never_without_the_view(make_app: AppFactory, tmp_path: Path) -> None:
    driver = make_app(seed=8)
    play = start_walk_in(driver)
    driver.press("j")
    assert driver.top is play, "the jump list is part of the play-test view"
    driver.press("f2")
    button = play.panel.jump_button()
    assert button is not None
    driver.click(button)
    scene = jump_list(driver)
    assert scene.rows[0].key == ANGER
    target = row_of(scene, NODE + "louder")
    scene.scroller.jump(scene._rows[target].top)  # as the wheel would bring it into view
    driver.click(scene._screen_rect(target))
    assert play_scene(driver) is play and play.session.place == "louder"
    answer_by_key(driver, "yes-help")
    assert play.session.place == "vent", "play goes on from the jump"
