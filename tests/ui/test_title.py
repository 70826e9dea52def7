"""The title as a trainee sees it: who is practising, Continue only when there is a save, the
version in a corner; every button, line and the picture inside the window and clear of each other
from 960x540 at the largest text to 1920x1080, where the picture fills the room beside the menu;
the compact menu read and clicked in the order it is seen."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.storage.settings import Settings, save_settings
from game.ui.scenes.title import TitleScene
from game.ui.scenes.title_version import NOT_INSTALLED
from tests.paths import ROOT
from tests.ui.conftest import TRAINEE
from tests.ui.test_flow import answer_by_key, start_walk_in
from tests.ui.test_layout import LARGEST
from tests.ui.test_progress_screen import newer_results

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

WINDOWS = ((960, 540), (1280, 720), (1920, 1080), (960, 1300))  # the last taller than wide


def title_of(driver: Driver) -> TitleScene:
    scene = driver.top
    assert isinstance(scene, TitleScene), scene.name
    return scene


def lines_of(title: TitleScene) -> dict[str, str]:
    return {line.kind: line.text for line in (*title.layout.lines, *title.layout.footer)}


def inked(driver: Driver, rect: pygame.Rect) -> int:
    """How many pixels in `rect` differ from the window's background: something was drawn there."""
    background = driver.app.theme.palette.background
    area = driver.screen.subsurface(rect)
    return sum(area.get_at((x, y))[:3] != background for x in range(rect.width) for y in range(rect.height))


def with_a_save(driver: Driver) -> None:
    """One answer into the walk-in, then back to the title through the pause menu: a save to continue."""
    start_walk_in(driver)
    answer_by_key(driver, "i-understand")
    driver.press("esc", "up", "enter")  # pause, Quit to menu
    assert driver.scene_is("title"), driver.top.name


def test_the_title_names_who_is_practising_and_shows_the_version(game: Driver) -> None:
    title = title_of(game)
    said = lines_of(title)
    assert said["who"] == f"Practising: {TRAINEE}"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert said["version"] == f"Version {pyproject['project']['version']}", "the installed game is this one"
    for line in (*title.layout.lines, *title.layout.footer):
        assert inked(game, line.rect) > line.rect.width, f"{line.kind} is not drawn where it is laid out"
    actions = [button.action for button in title.menu.buttons]
    assert actions == ["practise", "play", "progress", "settings", "trainee", "quit"], "no save: nothing to continue"


def test_a_copy_that_pip_never_installed_says_so_in_place_of_a_version(tmp_path: Path) -> None:
    """A copy of the game outside any install (no site-packages: -S, and no pip metadata beside it,
    which an editable install leaves in the checkout); the title's version still says something."""
    shutil.copytree(ROOT / "game", tmp_path / "game", ignore=shutil.ignore_patterns("__pycache__"))
    code = "from game.ui.scenes.title_version import game_version; print(game_version())"
    run = subprocess.run(
        [sys.executable, "-S", "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == NOT_INSTALLED


def test_continue_is_offered_once_there_is_a_save_and_names_it(game: Driver) -> None:
    with_a_save(game)
    title = title_of(game)
    first = title.menu.buttons[0]
    assert first.action == "continue" and title.menu.focus == 0
    assert first.detail == "The Letter in Red: 1 answer in"
    assert inked(game, first.rect) > first.rect.width


def parts_of(title: TitleScene) -> dict[str, pygame.Rect]:
    """Everything the title shows, by name: each button, each line, the mark and the picture."""
    layout = title.layout
    found = {f"button {b.action}": b.rect for b in title.menu.buttons}
    found |= {line.kind: line.rect for line in (*layout.lines, *layout.footer)}
    found["mark"] = layout.mark
    if layout.art.width:
        found["picture"] = layout.art
    return found


def test_every_part_is_inside_the_window_and_clear_of_the_others(make_app: AppFactory, tmp_path: Path) -> None:
    """With Continue and Practise next too, at each window size, smallest and largest text, both palettes."""
    saves = tmp_path / "saves"
    with_a_save(make_app(saves=saves))
    for size in WINDOWS:
        for text_size in (0, LARGEST):
            for high_contrast in (False, True):
                save_settings(saves, Settings(text_size=text_size, high_contrast=high_contrast))
                game = make_app(size, saves=saves)
                title = title_of(game)
                label = f"{size}, text size {text_size}, high contrast {high_contrast}"
                assert [b.action for b in title.menu.buttons][:2] == ["continue", "practise"], label
                parts, window = parts_of(title), game.screen.get_rect()
                for name, rect in parts.items():
                    assert rect.width > 0 and window.contains(rect), f"{label}: {name} {rect} is not in the window"
                for (one, first), (other, second) in combinations(parts.items(), 2):
                    assert not first.colliderect(second), f"{label}: {one} {first} overlaps {other} {second}"
                if text_size == 0 or size[0] > 960:  # the picture gives way only to the largest text in 960 wide
                    assert "picture" in parts, f"{label}: no picture"
                drawn = [rect for name, rect in parts.items() if name not in ("notice", "version")]
                top, bottom = min(r.top for r in drawn), max(r.bottom for r in drawn)
                assert top < size[1] / 4 and bottom > size[1] * 3 / 4, f"{label}: an empty band from {top} or {bottom}"


def test_a_notice_wraps_beside_the_version_clear_of_the_menu(make_app: AppFactory, tmp_path: Path) -> None:
    """A damaged settings file set aside and a results file from a newer game: the title says both,
    wrapped in the footer left of the version at the smallest window, pushing nothing off it."""
    saves = tmp_path / "saves"
    newer_results(saves)
    (saves / "settings.json").write_text("{ not json", encoding="utf-8")
    title = title_of(make_app((960, 540), saves=saves))
    said = lines_of(title)
    assert "settings" in said["notice"] and "results" in said["notice"], said
    assert lines_of(title)["notice"].count(" ") > 20, "long enough to wrap"
    parts, window = parts_of(title), pygame.Rect(0, 0, 960, 540)
    assert all(window.contains(rect) for rect in parts.values()), parts
    for (one, first), (other, second) in combinations(parts.items(), 2):
        assert not first.colliderect(second), f"{one} {first} overlaps {other} {second}"


def test_a_tall_window_has_the_picture_above_the_menu(make_app: AppFactory) -> None:
    title = title_of(make_app((960, 1300)))
    art, top = title.layout.art, min(line.rect.top for line in title.layout.lines)
    assert art.width > 0 and art.bottom < top, "the picture first, then the menu under it"


def test_the_compact_menu_goes_in_reading_order_by_keys_and_answers_the_mouse(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """At 960x540 and the largest text the buttons pair up; Down still goes left to right, row by row."""
    saves = tmp_path / "saves"
    save_settings(saves, Settings(text_size=LARGEST))
    game = make_app((960, 540), saves=saves)
    title = title_of(game)
    rects = {button.action: button.rect for button in title.menu.buttons}
    assert rects["progress"].top == rects["settings"].top < rects["trainee"].top == rects["quit"].top
    assert rects["progress"].right < rects["settings"].left, "side by side"
    seen = []
    for _ in range(len(rects)):
        seen.append(title.menu.buttons[title.menu.focus].action)
        game.press("down")
    assert seen == ["play", "progress", "settings", "trainee", "quit", "practise"], "round to the top"
    game.click(rects["settings"])
    assert game.scene_is("settings")
