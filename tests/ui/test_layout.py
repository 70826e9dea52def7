"""Every screen at the smallest, usual and largest window, in both palettes, at the largest text:
what can be pointed at or clicked never overlaps anything else that can, and lies in the window.

Scrolling lists (picker cards, play choices, settings rows, debrief answers, progress cards,
trainees) are checked in their own viewport: the items never overlap each other, sit within the
viewport's width, and the viewport itself is in the window and clear of the fixed buttons around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pytest

from game.engine.playing.session import TIMEOUT
from game.storage.settings import TEXT_SIZES, Settings, save_settings
from game.tools.autoplay import policy
from game.ui.app import WATCH_SECONDS
from game.ui.scene import Scene
from game.ui.scenes.cannot_continue import CannotContinueScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.jump import JumpScene
from game.ui.scenes.pause import PauseScene
from game.ui.scenes.picker import PickerScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.progress import ProgressScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.title import TitleScene
from game.ui.scenes.trainees import TraineesScene
from tests.ui.test_picker_filter import fifty

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

SIZES = ((960, 540), (1280, 720), (1920, 1080))
LARGEST = len(TEXT_SIZES) - 1


@dataclass
class Targets:
    """What a screen lets the player point at: fixed rects, and items scrolled in a viewport."""

    fixed: list[pygame.Rect]
    viewport: pygame.Rect | None = None
    scrolled: list[pygame.Rect] = field(default_factory=list)  # on screen, at the current scroll
    inner: list[tuple[pygame.Rect, list[pygame.Rect]]] = field(default_factory=list)  # parts of an item


def targets(scene: Scene) -> Targets:
    match scene:
        case TitleScene() | PauseScene() | CannotContinueScene():
            return Targets([b.rect for b in scene.menu.buttons])
        case TraineesScene():
            fixed = [field.rect for field in scene.fields] + [scene.add.rect, scene.leave.rect]
            rows = [scene.scroller.to_screen(row) for row in scene.layout.rows]
            return Targets(fixed, scene.scroller.viewport if rows else None, rows)
        case PickerScene():
            cards = [scene.scroller.to_screen(layout.rect) for layout in scene.layouts]
            fixed = [b.rect for b in scene.back.buttons] + [chip.rect for chip in scene.row.chips]
            return Targets(fixed, scene.scroller.viewport, cards)
        case PlayScene():
            panel = scene.panel
            fixed = [panel.frame] if panel.shown else []  # the trainer panel, with its jump button inside
            jump = panel.jump_button()
            inner = [(panel.frame, [jump])] if jump else []
            return Targets(fixed, scene.scroller.viewport, scene.options_rects(), inner)
        case SettingsScene() | JumpScene():
            rows = [scene._screen_rect(i) for i in range(len(scene._rows))]
            arrows = [
                (rect, list(scene._arrows(rect))) for rect, row in zip(rows, scene.rows, strict=True) if row.is_stepper
            ]
            return Targets([], scene.scroller.viewport, rows, arrows)
        case ProgressScene():
            assert scene.layout is not None
            on_screen = scene.scroller.to_screen
            cards = [on_screen(card.rect) for card in scene.layout.cards]
            plays = [(on_screen(card.rect), [on_screen(card.play)]) for card in scene.layout.cards if card.play.width]
            return Targets([b.rect for b in scene.back.buttons], scene.scroller.viewport, cards, plays)
        case DebriefScene():
            assert scene.layout is not None
            buttons = [scene.button_rect(action) for action in ("retry", "rewind", "menu")]
            entries = [scene.scroller.to_screen(entry.rect) for entry in scene.layout.entries]
            return Targets([*buttons, scene.layout.chart.rect], scene.scroller.viewport, entries)
    raise AssertionError(f"no layout check for the {scene.name} screen")


def check(driver: Driver, where: str) -> None:
    scene, window = driver.top, driver.screen.get_rect()
    found = targets(scene)
    label = f"{where} ({scene.name}, {window.size}, contrast={driver.app.settings.high_contrast})"
    regions = found.fixed + ([found.viewport] if found.viewport else [])
    assert all(rect.width > 0 and rect.height > 0 for rect in regions + found.scrolled), f"{label}: an empty rect"
    for rect in regions:
        assert window.contains(rect), f"{label}: {rect} is not inside the window"
    for first, second in combinations(regions, 2):
        assert not first.colliderect(second), f"{label}: {first} overlaps {second}"
    for first, second in combinations(found.scrolled, 2):
        assert not first.colliderect(second), f"{label}: scrolled items {first} and {second} overlap"
    if found.viewport is not None:
        view = found.viewport
        for rect in found.scrolled:
            assert view.left <= rect.left and rect.right <= view.right, f"{label}: {rect} is wider than {view}"
    for item, parts in found.inner:
        for part in parts:
            assert item.contains(part), f"{label}: {part} sticks out of {item}"
        for first, second in combinations(parts, 2):
            assert not first.colliderect(second), f"{label}: {first} overlaps {second} in {item}"


def settle(driver: Driver) -> None:
    for _ in range(240):
        if driver.top.frame_interval() != 0:
            return
        driver.frame()


def answer(driver: Driver, choice_id: str) -> None:
    play = driver.top
    assert isinstance(play, PlayScene)
    if not play.typing_done:
        driver.press("space")
    if choice_id == TIMEOUT:
        turn = len(play.session.history)
        driver.until(lambda: len(play.session.history) > turn or not driver.scene_is("play"), dt=0.5)
        return
    ids = [option.choice_id for option in play.session.view().options]
    driver.press(str(ids.index(choice_id) + 1))


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_nothing_clickable_overlaps_or_leaves_the_window(
    make_app: AppFactory, tmp_path: Path, size: tuple[int, int], high_contrast: bool
) -> None:
    saves = tmp_path / "saves"
    save_settings(saves, Settings(text_size=LARGEST, high_contrast=high_contrast))
    game = make_app(size, saves=saves)
    assert game.app.theme.palette is not None and game.screen.get_size() == size
    check(game, "title")
    game.press("enter")
    settle(game)
    check(game, "picker")
    game.press("enter")
    game.press("space")
    settle(game)
    check(game, "the first question")
    game.press("up")  # focus wraps to the last choice, which scrolls into view
    settle(game)
    check(game, "the first question, last choice")
    game.press("esc")
    check(game, "pause")
    game.press("esc")
    answer(game, "i-understand")
    game.press("space")  # the next line in full
    settle(game)
    check(game, "a timed question")
    play = game.top
    assert isinstance(play, PlayScene)
    choose = policy(play.session, "worst")
    for _ in range(40):
        if not game.scene_is("play"):
            break
        answer(game, choose(play.session))
    settle(game)
    check(game, "debrief")
    game.press("pagedown", "pagedown", "pagedown", "pagedown")
    settle(game)
    check(game, "debrief, scrolled")
    game.press("esc")
    game.open_on_title("progress")  # the attempt just finished, on the chart and in its scenario's card
    settle(game)
    check(game, "progress")
    game.press("end")
    settle(game)
    check(game, "progress, scrolled to the end")
    game.press("esc")
    game.open_on_title("trainee")
    settle(game)
    check(game, "trainees")
    game.press("esc")
    assert game.scene_is("title"), game.top.name
    game.open_on_title("settings")
    settle(game)
    check(game, "settings")
    game.press("up")  # the Back row, at the bottom
    settle(game)
    check(game, "settings, last row")


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_trainer_screens_fit_too(
    make_app: AppFactory, broken_library: Path, tmp_path: Path, size: tuple[int, int], high_contrast: bool
) -> None:
    """The play-test view, a saved file's errors and the jump list, at the largest text."""
    saves = tmp_path / "saves"
    save_settings(saves, Settings(text_size=LARGEST, high_contrast=high_contrast, play_test=True))
    game = make_app(size, scenarios=broken_library, saves=saves)
    game.press("enter", "enter", "space")
    settle(game)
    check(game, "the play-test view")
    walk_in = broken_library / "angry-walk-in.yaml"
    walk_in.write_text(walk_in.read_text(encoding="utf-8").replace("start: burst-in", "start: nowhere"))
    game.frame(WATCH_SECONDS)
    settle(game)
    play = game.top
    assert isinstance(play, PlayScene) and play.broken is not None
    check(game, "a saved file's errors")
    game.press("j")
    settle(game)
    check(game, "the jump list")


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_picker_fits_with_fifty_scenarios_and_its_filter_row(
    make_app: AppFactory, tmp_path: Path, size: tuple[int, int], high_contrast: bool
) -> None:
    """The filter row's chips (wrapped onto two lines where the window is narrow), the cards
    filtered, scrolled to the end, and a filter that matches nothing."""
    saves = tmp_path / "saves"
    save_settings(saves, Settings(text_size=LARGEST, high_contrast=high_contrast))
    game = make_app(size, scenarios=fifty(tmp_path), saves=saves)
    game.press("enter")
    settle(game)
    check(game, "picker of fifty")
    game.press("right", "4")
    settle(game)
    check(game, "picker, in person at difficulty 4")
    game.press("4", "left")
    game.press(*["pagedown"] * 60)
    settle(game)
    check(game, "picker, scrolled to the fiftieth card")
    picker = game.top
    assert isinstance(picker, PickerScene) and picker.focus == len(picker.cards) - 1
    game.press("esc")
    game = make_app(size, saves=saves)  # the walk-in alone: no phone scenario
    game.press("enter", "right", "right")
    settle(game)
    picker = game.top
    assert isinstance(picker, PickerScene) and not picker.cards
    check(game, "picker, nothing matches")
