"""The picker on a library of fifty scenarios: cards run gentle to hard, the channel and difficulty
row filters by keyboard and by mouse, the focus stays on a card in view however the list is
scrolled, the choice is remembered while the game runs, and a filter that matches nothing says so.
Everything is driven by posted key, wheel and mouse events through the real App."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pytest

from game.engine import Channel
from game.storage.settings import TEXT_SIZES, Settings, save_settings
from game.ui.scenes.picker import PickerScene
from game.ui.scenes.picker_filter import Chip, Filter
from game.ui.scenes.play import PlayScene
from tests.ui.test_contrast import Recorder, Rendered, low_contrast, rendered  # noqa: F401 (a fixture)

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "scenarios" / "after-the-shift.yaml"  # the smallest shipped scenario
CHANNELS = ("in-person", "phone", "chat")
COUNT = 50


def channel_of(n: int) -> str:
    return CHANNELS[n % len(CHANNELS)]


def difficulty_of(n: int) -> int:
    return n % 5 + 1


def fifty(tmp_path: Path, broken: bool = False) -> Path:
    """Fifty copies of a shipped scenario, each with its own id, title, channel and difficulty."""
    folder = tmp_path / "fifty"
    folder.mkdir()
    shutil.copy(ROOT / "scenarios" / "principles.yaml", folder)
    text = SOURCE.read_text(encoding="utf-8")
    for n in range(COUNT):
        changed = re.sub(r"^id: .*$", f"id: practice-{n:02d}", text, count=1, flags=re.M)
        changed = re.sub(r"^title: .*$", f'title: "Practice {n:02d}"', changed, count=1, flags=re.M)
        changed = re.sub(r"^channel: .*$", f"channel: {channel_of(n)}", changed, count=1, flags=re.M)
        changed = re.sub(r"^difficulty: .*$", f"difficulty: {difficulty_of(n)}", changed, count=1, flags=re.M)
        (folder / f"practice-{n:02d}.yaml").write_text(changed, encoding="utf-8")
    if broken:
        (folder / "zz-broken.yaml").write_text(text.replace("id: after-the-shift", "id: broken\n  - oops", 1))
    return folder


def open_picker(make_app: AppFactory, folder: Path, size: tuple[int, int] = (1280, 720)) -> tuple[Driver, PickerScene]:
    driver = make_app(size, scenarios=folder)
    driver.press("enter")
    picker = driver.top
    assert isinstance(picker, PickerScene)
    return driver, picker


def settle(driver: Driver) -> None:
    driver.until(lambda: driver.top.frame_interval() != 0)


def focus_in_view(picker: PickerScene) -> bool:
    """The focused card's top, with its title (or Back), is on screen at the scroll the viewer sees
    once it settles."""
    if picker.focused is None:
        return True
    top, scroller = picker.layouts[picker.focus].rect.top, picker.scroller
    return scroller.target <= top < scroller.target + scroller.viewport.height


def chip(picker: PickerScene, label: str, group: str) -> Chip:
    return next(c for c in picker.row.chips if c.label == label and c.group == group)


def test_cards_run_gentle_to_hard_and_broken_files_show_under_every_filter(
    make_app: AppFactory, tmp_path: Path
) -> None:
    driver, picker = open_picker(make_app, fifty(tmp_path, broken=True))
    assert len(picker.cards) == COUNT + 1
    good = [card.scenario for card in picker.cards if card.scenario is not None]
    assert [(s.difficulty, s.title) for s in good] == sorted((s.difficulty, s.title) for s in good)
    assert picker.cards[-1].scenario is None and picker.cards[-1].title == "zz-broken.yaml"
    driver.press("right", "right", "5")  # phone, difficulty 5
    assert picker.chosen == Filter(Channel.PHONE, 5)
    assert picker.cards[-1].scenario is None, "a file with a mistake is shown whatever is chosen"
    assert {(c.scenario.channel, c.scenario.difficulty) for c in picker.cards if c.scenario} == {(Channel.PHONE, 5)}


def test_the_filter_row_works_from_the_keyboard(make_app: AppFactory, tmp_path: Path) -> None:
    driver, picker = open_picker(make_app, fifty(tmp_path))
    driver.press("right")
    assert picker.chosen.channel is Channel.IN_PERSON
    assert picker.cards and all(c.scenario and c.scenario.channel is Channel.IN_PERSON for c in picker.cards)
    driver.press("3")
    expected = sum(1 for n in range(COUNT) if channel_of(n) == "in-person" and difficulty_of(n) == 3)
    assert len(picker.cards) == expected and picker.focus == 0
    driver.press("3")
    assert picker.chosen == Filter(Channel.IN_PERSON, None), "the same key again shows every difficulty"
    driver.press("left", "left")
    assert picker.chosen.channel is Channel.CHAT, "Left wraps round from All to Chat"
    driver.press("left", "left", "left")
    assert picker.chosen == Filter() and len(picker.cards) == COUNT


def test_the_filter_row_works_with_the_mouse_and_keeps_the_focus_on_its_file(
    make_app: AppFactory, tmp_path: Path
) -> None:
    driver, picker = open_picker(make_app, fifty(tmp_path))
    driver.press("down", "down", "down")
    focused = picker.focused
    assert focused is not None and focused.scenario is not None
    driver.click(chip(picker, "Phone" if focused.scenario.channel is Channel.PHONE else "All", "channel").rect)
    driver.click(chip(picker, str(focused.scenario.difficulty), "difficulty").rect)
    assert picker.chosen.difficulty == focused.scenario.difficulty
    assert picker.focused is focused, "the focus stays on the same scenario when it is still shown"
    driver.click(chip(picker, "Chat", "channel").rect)
    assert all(c.scenario and c.scenario.channel is Channel.CHAT for c in picker.cards)
    driver.click(chip(picker, "All", "difficulty").rect)
    driver.click(chip(picker, "All", "channel").rect)
    assert picker.chosen == Filter() and len(picker.cards) == COUNT
    assert driver.scene_is("picker"), "clicking the row never starts a scenario"


@pytest.mark.parametrize("how", ["pagedown", "wheel", "down"])
def test_the_fiftieth_card_is_reached_with_the_focus_in_view_and_opens(
    make_app: AppFactory, tmp_path: Path, how: str
) -> None:
    driver, picker = open_picker(make_app, fifty(tmp_path), (960, 540))
    last = len(picker.cards) - 1
    for _ in range(10 * COUNT):
        if picker.focus == last:
            break
        if how == "wheel":
            driver.wheel(-1)
        else:
            driver.press(how)
        assert focus_in_view(picker), f"after {how}, card {picker.focus} is out of view"
    settle(driver)
    assert picker.focus == last and focus_in_view(picker)
    view = picker.scroller.viewport
    assert view.contains(picker.scroller.to_screen(picker.layouts[last].rect).clip(view))
    for _ in range(3):  # and back up a little: the focus follows the other way too
        driver.press("pageup")
        assert focus_in_view(picker)
    driver.press(*["down"] * (last - picker.focus))
    assert picker.focus == last
    title = picker.cards[last].title
    driver.press("enter")
    play = driver.top
    assert isinstance(play, PlayScene) and play.scenario.title == title


def test_the_last_card_opens_with_a_click_after_the_wheel(make_app: AppFactory, tmp_path: Path) -> None:
    driver, picker = open_picker(make_app, fifty(tmp_path))
    for _ in range(COUNT * 10):
        driver.wheel(-3)
    settle(driver)
    last = picker.layouts[-1]
    assert picker.scroller.shows(last.rect)
    driver.click(picker.scroller.to_screen(last.rect).clip(picker.scroller.viewport))
    play = driver.top
    assert isinstance(play, PlayScene) and play.scenario.title == picker.cards[-1].title


def test_the_choice_is_remembered_while_the_game_runs(make_app: AppFactory, tmp_path: Path) -> None:
    folder = fifty(tmp_path)
    driver, picker = open_picker(make_app, folder)
    driver.press("right", "right", "2")
    shown = [card.title for card in picker.cards]
    driver.press("esc", "enter")
    again = driver.top
    assert isinstance(again, PickerScene) and again is not picker
    assert again.chosen == Filter(Channel.PHONE, 2) and [card.title for card in again.cards] == shown
    _, fresh = open_picker(make_app, folder)
    assert fresh.chosen == Filter(), "a new game starts with everything shown"


def test_a_filter_that_matches_nothing_says_so_legibly_at_the_largest_text(
    make_app: AppFactory,
    tmp_path: Path,
    rendered: Rendered,  # noqa: F811
) -> None:
    saves = tmp_path / "saves"
    save_settings(saves, Settings(text_size=len(TEXT_SIZES) - 1))
    driver = make_app((960, 540), saves=saves)  # the walk-in alone: in person, difficulty 2
    driver.press("enter")
    picker = driver.top
    assert isinstance(picker, PickerScene)
    driver.press("right", "right")
    assert picker.cards == [] and picker.focused is None, "the focus falls to Back"
    screen = Recorder(driver.screen.get_size(), rendered)
    picker.draw(screen)
    words = [text.words for text in screen.drawn]
    assert any(w.startswith("No scenarios match: phone, any difficulty") for w in words), words
    assert not list(low_contrast(screen.drawn))
    driver.press("enter")
    assert driver.scene_is("title"), "Enter on Back leaves"


def test_end_and_home_jump_to_the_last_and_first_cards_with_them_in_view(make_app: AppFactory, tmp_path: Path) -> None:
    driver, picker = open_picker(make_app, fifty(tmp_path), (960, 540))
    driver.press(pygame.K_END)
    settle(driver)
    assert picker.focus == len(picker.cards) - 1 and focus_in_view(picker)
    driver.press(pygame.K_HOME)
    settle(driver)
    assert picker.focus == 0 and focus_in_view(picker)
