"""The picker follows its library folder while it is open: a scenario file added, saved or removed
shows on its cards at the App's next look (a frame after a second of simulated time), or at once
with F5, and the focus stays on the same file. Real files, the real App, real posted keys."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from game.ui.app import WATCH_SECONDS
from game.ui.scenes.picker import PickerScene
from tests.paths import ANGRY_WALK_IN, SCENARIOS

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

WALK_IN = ANGRY_WALK_IN.read_text(encoding="utf-8")


def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(ANGRY_WALK_IN, folder)
    shutil.copy(SCENARIOS / "principles.yaml", folder)
    return folder


def copy_titled(folder: Path, name: str, title: str) -> Path:
    path = folder / f"{name}.yaml"
    text = WALK_IN.replace("id: angry-walk-in", f"id: {name}", 1).replace('"The Letter in Red"', f'"{title}"', 1)
    path.write_text(text, encoding="utf-8")
    return path


def open_picker(make_app: AppFactory, folder: Path) -> tuple[Driver, PickerScene]:
    driver = make_app(scenarios=folder)
    driver.press("enter")
    picker = driver.top
    assert isinstance(picker, PickerScene)
    return driver, picker


def titles(picker: PickerScene) -> list[str]:
    return [card.title for card in picker.cards]


def test_a_file_added_then_removed_shows_then_vanishes_at_the_next_look(make_app: AppFactory, tmp_path: Path) -> None:
    folder = library(tmp_path)
    driver, picker = open_picker(make_app, folder)
    assert titles(picker) == ["The Letter in Red"]
    added = copy_titled(folder, "a-second-visit", "A Second Visit")
    driver.frame(WATCH_SECONDS / 2)
    assert titles(picker) == ["The Letter in Red"], "not before the App looks"
    driver.frame(WATCH_SECONDS / 2)
    assert titles(picker) == ["A Second Visit", "The Letter in Red"]
    added.unlink()
    driver.frame(WATCH_SECONDS)
    assert titles(picker) == ["The Letter in Red"]


def test_a_saved_mistake_greys_the_card_and_a_fix_restores_it_keeping_the_focus(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder = library(tmp_path)
    copy_titled(folder, "a-second-visit", "A Second Visit")
    driver, picker = open_picker(make_app, folder)
    driver.press("down")  # the walk-in, second in file order
    assert picker.focused is not None and picker.focused.title == "The Letter in Red"
    (folder / "angry-walk-in.yaml").write_text(WALK_IN.replace("start: burst-in", "start: nowhere", 1))
    driver.frame(WATCH_SECONDS)
    card = picker.cards[1]
    assert card.scenario is None and "nowhere" in card.problem
    assert picker.focus == 1, "the focus stays on the file"
    driver.press("enter")
    assert driver.scene_is("picker"), "a broken card cannot start"
    (folder / "angry-walk-in.yaml").write_text(WALK_IN)
    driver.frame(WATCH_SECONDS)
    assert picker.cards[1].scenario is not None and picker.focus == 1
    driver.press("enter")
    assert driver.scene_is("play")


def test_f5_reads_the_library_at_once(make_app: AppFactory, tmp_path: Path) -> None:
    folder = library(tmp_path)
    driver, picker = open_picker(make_app, folder)
    copy_titled(folder, "a-second-visit", "A Second Visit")
    driver.press("f5")
    assert titles(picker) == ["A Second Visit", "The Letter in Red"]
    assert picker.focused is not None and picker.focused.title == "The Letter in Red", "still on the same file"
