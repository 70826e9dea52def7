"""Visiting every screen of the real game for the screen checks: the way there, and what each
screen's focused item is.

The screens are reached the way the game reaches them (a move returned to the App: Push(Picker()),
Push(Conversation(...)), a save that cannot be continued through `continue_save`), not through the
title's buttons, so the checks do not depend on the title's menu; the keys and the wheel then do
the rest, as a player's would. Time is simulated in frames long enough that easing ends at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.engine import TIMEOUT, Scenario
from game.storage.saves import SavedGame
from game.storage.scenario_files import load_scenario
from game.tools.autoplay import policy
from game.ui.continuing import continue_save
from game.ui.navigation import Conversation, Picker, Progress, Push, SettingsMenu
from game.ui.scene import Scene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.jump import JumpScene
from game.ui.scenes.picker import PickerScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.progress import ProgressScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.trainees import TraineesScene
from tests.ui.conftest import SCENARIOS
from tests.ui.screens_checks import Frame, problems, scrolling_viewports
from tests.ui.screens_drawn import draw_recorded

if TYPE_CHECKING:
    from tests.ui.conftest import Driver

STEP = 0.1  # a frame this long ends any easing (EASE_PER_SECOND * STEP >= 1)
SETTLE_FRAMES = 40
TURN_LIMIT = 40
# Each channel's scenario, and how the robot answers in it (the worst path has the most debrief cards).
CHANNELS = {
    "in-person": ("angry-walk-in", "worst"),
    "phone": ("phone-notes", "best"),
    "chat": ("all-caps", "worst"),
    "review": ("after-the-shift", "best"),
}


@dataclass
class Shots:
    """What the checks found on each screen visited, and where the failing pictures were saved."""

    folder: Path
    label: str  # size, theme and text size, for the file names
    found: list[str] = field(default_factory=list)

    def check(self, driver: Driver, where: str) -> None:
        scene = driver.top
        canvas, drawn = draw_recorded(scene, driver.screen.get_size())
        frame = Frame(canvas.get_rect(), scrolling_viewports(scene), focused_item(scene))
        wrong = problems(drawn, frame)
        if wrong:
            picture = self.folder / f"{self.label}-{where.replace(' ', '-').replace(',', '')}.png"
            pygame.image.save(canvas, str(picture))
            self.found += [f"{where} ({picture}): {problem}" for problem in wrong]


def focused_item(scene: Scene) -> pygame.Rect | None:
    """The item with the keyboard focus (or the selection) in the screen's scrolling list, on screen;
    None where the focus is not in a scrolling list."""
    match scene:
        case PlayScene(buttons=buttons) if buttons.buttons and scene.appear >= 1:
            return buttons.buttons[buttons.focus].rect.copy()
        case PickerScene(focused=card) if card is not None:
            return scene.scroller.to_screen(scene.layouts[scene.focus].rect)
        case SettingsScene() | JumpScene():
            return scene._screen_rect(scene.focus)
        case TraineesScene(focus=focus) if focus < len(scene.layout.rows):
            return scene.scroller.to_screen(scene.layout.rows[focus])
        case ProgressScene(layout=layout) if layout is not None and scene.focus < len(layout.cards):
            return scene.scroller.to_screen(layout.cards[scene.focus].rect)
        case DebriefScene(layout=layout) if layout is not None:
            entry = next((e for e in layout.entries if e.answer == scene.selected), None)
            return None if entry is None else scene.scroller.to_screen(entry.rect)
    return None


def settle(driver: Driver) -> None:
    """Frames until nothing moves: the line typed, the answers shown, the scrolling eased."""
    for _ in range(SETTLE_FRAMES):
        if driver.top.frame_interval() != 0 or _only_counting_down(driver.top):
            return
        driver.frame(STEP)


def _only_counting_down(scene: Scene) -> bool:
    if not isinstance(scene, PlayScene):
        return False
    return scene.typing_done and scene.appear >= 1 and not scene.scroller.moving and not scene.meter.animating


def scenario(name: str) -> Scenario:
    return load_scenario(SCENARIOS / f"{name}.yaml")


def open_screen(driver: Driver, move: Push) -> None:
    driver.app.go(move)
    settle(driver)


def menus(driver: Driver, shots: Shots, data: Path) -> None:
    """Trainees (the App opens on it), title, picker at its top and end, settings at its top and
    last row, progress, and a save that cannot be continued."""
    shots.check(driver, "trainees")
    driver.press("enter")
    settle(driver)
    assert driver.scene_is("title"), driver.top.name
    shots.check(driver, "title")
    open_screen(driver, Push(Picker()))
    shots.check(driver, "picker")
    driver.press("end")
    settle(driver)
    shots.check(driver, "picker end")
    driver.press("esc")
    open_screen(driver, Push(SettingsMenu()))
    shots.check(driver, "settings")
    driver.press("up")
    settle(driver)
    shots.check(driver, "settings last row")
    driver.press("esc")
    open_screen(driver, Push(Progress()))
    shots.check(driver, "progress")
    driver.press("esc")
    trainee = driver.app.trainee
    assert trainee is not None
    gone = data / "a folder of scenarios that was moved away" / "angry-walk-in.yaml"
    game = SavedGame(trainee.id, "angry-walk-in", str(gone), {}, 0.0, 0.0, "2026-01-01T09:00:00Z", "")
    driver.app.go(continue_save(driver.app, game))
    settle(driver)
    assert driver.scene_is("cannot-continue"), driver.top.name
    shots.check(driver, "cannot-continue")


def conversation(driver: Driver, shots: Shots, channel: str) -> None:
    """Every turn of the channel's scenario: the screen checked, and every answer reachable; after
    the first, the pause menu, Quit to menu and Continue from the title."""
    name, strategy = CHANNELS[channel]
    open_screen(driver, Push(Conversation(scenario(name))))
    play = driver.top
    assert isinstance(play, PlayScene)
    choose = policy(play.session, strategy)
    for turn in range(1, TURN_LIMIT):
        driver.press("space")  # the line in full
        settle(driver)
        shots.check(driver, f"{channel} turn {turn}")
        shots.found += reachable(driver, f"{channel} turn {turn}")
        if turn == 1:
            play = leave_and_continue(driver, shots, channel)
        answer(driver, play, choose(play.session))
        if not driver.scene_is("play"):
            return
    raise AssertionError(f"{name} did not end in {TURN_LIMIT} turns")


def leave_and_continue(driver: Driver, shots: Shots, channel: str) -> PlayScene:
    """Pause, Quit to menu (the conversation is saved), the title with its Continue, and back in."""
    driver.press("esc")
    settle(driver)
    shots.check(driver, f"{channel} paused")
    driver.press("up", "enter")  # from Resume round to Quit to menu
    settle(driver)
    assert driver.scene_is("title"), driver.top.name
    shots.check(driver, f"title with {channel} to continue")
    driver.open_on_title("continue")
    driver.press("space")  # the line, typed again, in full
    settle(driver)
    play = driver.top
    assert isinstance(play, PlayScene), play.name
    return play


def answer(driver: Driver, play: PlayScene, choice: str) -> None:
    if choice == TIMEOUT:
        turn = len(play.session.history)
        driver.until(lambda: len(play.session.history) > turn or not driver.scene_is("play"), dt=0.5)
        return
    number = [option.choice_id for option in play.session.view().options].index(choice)
    if number < 9:
        driver.press(str(number + 1))
    else:  # past the number keys: Down to it from the focused answer, then Enter
        driver.press(*["down"] * (number - play.buttons.focus), "enter")


def reachable(driver: Driver, where: str) -> list[str]:
    """Each answer brought whole into view by the keys (Down from the first), then by the wheel (from
    the top down, a notch at a time): what cannot be is a problem. Leaves the first answer focused."""
    play = driver.top
    assert isinstance(play, PlayScene)
    count, view = len(play.buttons.buttons), play.scroller.viewport
    by_keys: set[int] = set()
    for index in range(count):
        if index:
            driver.press("down")
            settle(driver)
        if play.buttons.focus == index and in_view(play.options_rects()[index], view):
            by_keys.add(index)
    by_wheel: set[int] = set()
    driver.press(*["pageup"] * 3)
    for _ in range(60):
        settle(driver)
        by_wheel |= {i for i, rect in enumerate(play.options_rects()) if in_view(rect, view)}
        if play.scroller.top >= play.scroller.max_offset:
            break
        driver.wheel(-1)
    driver.press("down")  # wraps to the first answer
    settle(driver)
    missed = [
        f"{where}: answer {i + 1} cannot be brought into view by {how}"
        for how, reached in (("the keys", by_keys), ("the wheel", by_wheel))
        for i in range(count)
        if i not in reached
    ]
    return missed


def in_view(rect: pygame.Rect, view: pygame.Rect) -> bool:
    """Whole in the viewport, or (taller than it) filling it from its top."""
    if rect.height > view.height:
        return view.top <= rect.top < view.bottom
    return view.contains(rect)


def debrief_and_progress(driver: Driver, shots: Shots) -> None:
    """After the in-person conversation: the debrief, its list with one turn opened both ways, then
    all opened and scrolled through; then progress with the attempt, at its top and its end."""
    assert driver.scene_is("debrief"), driver.top.name
    for keys, where in (
        ((), "debrief"),
        (("up",), "debrief in the list"),  # the selected answer, from the buttons
        (("right",), "debrief turn opened"),  # its conversation both ways
        (("home", "up", "enter"), "debrief all opened"),  # Show all, above the first answer
        (("pagedown",) * 4, "debrief scrolled"),
    ):
        driver.press(*keys)
        settle(driver)
        shots.check(driver, where)
    driver.press("esc")
    open_screen(driver, Push(Progress()))
    shots.check(driver, "progress after a run")
    driver.press("end")
    settle(driver)
    shots.check(driver, "progress end")
