"""`play PATH --auto STRATEGY --screenshots DIR`: a robot plays in the game window and saves each screen.

It drives the App the way a person does, with posted key presses (Enter, arrows, number keys,
Esc), and chooses its answers with the same policies as `play --auto` (`autoplay.policy`).
Time is simulated (frames of 1/60 s), so a run takes seconds, and a timed question that the
policy leaves unanswered runs out as it would for a player. The settings live in a temporary
saves folder, so the player's own settings are never read or changed. Whatever SDL video driver
is set is used: a real window on a desktop or under Xvfb, none with SDL_VIDEODRIVER=dummy.
"""

from __future__ import annotations

import io
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game.engine import TIMEOUT, Scenario
from game.storage.atomic import write_atomically
from game.storage.settings import Settings, save_settings
from game.storage.trainees import Roster, add_trainee
from game.ui.app import App, AppConfig
from game.ui.scenes.pause import PauseScene
from game.ui.scenes.picker import PickerScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.title import TitleScene

from .autoplay import policy

ROBOT = "Screenshot robot"  # the robot practises under a name, as every player does
FRAME = 1 / 60
WAIT_FRAMES = 600  # ten simulated seconds: enough for any typing, easing or reveal
SETTLE_FRAMES = 90  # a countdown keeps the play screen busy; 1.5 s lets everything else finish
TURN_LIMIT = 200  # a scenario loops at most this long before the robot gives up
TIMER_STEP = 0.25


@dataclass(frozen=True, slots=True)
class ShotPlan:
    path: Path
    scenario: Scenario
    strategy: str  # best | worst | random
    seed: int
    size: tuple[int, int] = (1280, 720)
    high_contrast: bool = False
    text_size: int = 1


@dataclass(slots=True)
class Robot:
    """A player made of posted events, with a camera."""

    app: App
    folder: Path
    saved: list[Path] = field(default_factory=list)

    @property
    def screen_name(self) -> str:
        return self.app.top.name

    def frame(self, dt: float = FRAME) -> None:
        self.app.frame(dt)

    def press(self, key: int, times: int = 1) -> None:
        for _ in range(times):
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
            self.frame()

    def wait_for(self, done: Callable[[], bool], dt: float = FRAME, limit: int = WAIT_FRAMES) -> None:
        for _ in range(limit):
            if done():
                return
            self.frame(dt)
        raise RuntimeError(f"the {self.screen_name} screen did not get where the robot expected")

    def settle(self) -> None:
        """Draw, and let the screen's animations finish as a player's eye would, before the picture."""
        for _ in range(SETTLE_FRAMES):
            self.frame()
            if self.app.top.frame_interval() != 0:
                return

    def shot(self, label: str, numbered: bool = True) -> None:
        """The window as `label`.png, numbered in the order taken unless asked not to be."""
        name = f"{len(self.saved) + 1:02d}-{label}.png" if numbered else f"{label}.png"
        path = self.folder / name
        picture = io.BytesIO()
        pygame.image.save(self.app.screen, picture, name)
        write_atomically(path, picture.getvalue())
        self.saved.append(path)

    def open_on_title(self, action: str) -> None:
        """From the title, Down or Up to the button that does `action`, then Enter, as a player would."""
        title = self.app.top
        assert isinstance(title, TitleScene)
        actions = [button.action for button in title.menu.buttons]
        steps = actions.index(action) - title.menu.focus
        self.press(pygame.K_DOWN if steps > 0 else pygame.K_UP, abs(steps))
        self.press(pygame.K_RETURN)

    def back_to_title(self) -> None:
        """Esc until the title shows: from the pause menu, Quit to menu (the conversation is saved)."""
        for _ in range(WAIT_FRAMES):
            if self.screen_name == "title":
                return
            if self.screen_name == "pause":
                pause = self.app.top
                assert isinstance(pause, PauseScene)
                self.press(pygame.K_DOWN, len(pause.menu.buttons) - 1 - pause.menu.focus)  # Quit, the last
                self.press(pygame.K_RETURN)
            else:
                self.press(pygame.K_ESCAPE)
        raise RuntimeError(f"the robot could not get back to the title from the {self.screen_name} screen")

    def start(self, scenario_id: str) -> None:
        """Title, Play, Down to the scenario's card, Enter: its conversation (or its save, continued)."""
        self.open_on_title("play")
        self.wait_for(lambda: self.screen_name == "picker")
        self.settle()
        picker = self.app.top
        assert isinstance(picker, PickerScene)
        ids = [card.scenario.id if card.scenario else None for card in picker.cards]
        if scenario_id not in ids:
            raise RuntimeError(f"the picker shows no scenario '{scenario_id}'")
        self.press(pygame.K_DOWN, ids.index(scenario_id) - picker.focus)
        self.press(pygame.K_RETURN)
        self.wait_for(lambda: self.screen_name == "play")


def take_screenshots(plan: ShotPlan, folder: Path) -> int:
    """Play `plan` in the window, saving a PNG per screen into `folder`; 0 when it got to the end."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="composure-shots-") as saves:
        save_settings(Path(saves), Settings(text_size=plan.text_size, high_contrast=plan.high_contrast))
        add_trainee(Path(saves), Roster(), ROBOT)
        app = App(AppConfig(plan.path.parent, Path(saves), plan.size, seed=plan.seed))
        robot = Robot(app, folder)
        try:
            tour(robot, plan)
        except RuntimeError as problem:
            print(f"error: {problem}; screenshots so far are in {folder}", file=sys.stderr)
            return 1
        finally:
            pygame.quit()
    for path in robot.saved:
        print(path)
    print(f"{len(robot.saved)} screenshot(s) in {folder}", file=sys.stderr)
    return 0


def tour(robot: Robot, plan: ShotPlan) -> None:
    """Who is practising, title, picker, every turn of the conversation (and the pause menu once),
    debrief, progress, settings."""
    robot.settle()
    robot.shot("trainees")
    robot.press(pygame.K_RETURN)  # the robot's name, preselected
    robot.wait_for(lambda: robot.screen_name == "title")
    robot.settle()
    robot.shot("title")
    robot.open_on_title("play")
    robot.wait_for(lambda: robot.screen_name == "picker")
    robot.settle()
    robot.shot("picker")
    robot.press(pygame.K_ESCAPE)
    robot.wait_for(lambda: robot.screen_name == "title")
    robot.start(plan.scenario.id)
    play_conversation(robot, plan)
    robot.settle()
    robot.shot("debrief")
    robot.press(pygame.K_PAGEDOWN, 20)
    robot.settle()
    robot.shot("debrief-end")
    robot.back_to_title()
    visit(robot, "progress")
    visit(robot, "settings")


def visit(robot: Robot, screen: str) -> None:
    """The title's button for that screen: the screen photographed, then Esc back to the title."""
    robot.open_on_title(screen)
    robot.wait_for(lambda: robot.screen_name == screen)
    robot.settle()
    robot.shot(screen)
    robot.press(pygame.K_ESCAPE)
    robot.wait_for(lambda: robot.screen_name == "title")


def play_conversation(robot: Robot, plan: ShotPlan) -> None:
    play = robot.app.top
    assert isinstance(play, PlayScene)
    session = play.session
    choose = policy(session, plan.strategy, plan.seed)
    for turn in range(1, TURN_LIMIT):
        robot.wait_for(lambda: play.typing_done)
        robot.settle()
        robot.shot(f"play-{turn:02d}")
        if turn == 1:
            robot.press(pygame.K_ESCAPE)
            robot.settle()
            robot.shot("pause")
            robot.press(pygame.K_RETURN)  # Resume has focus
        answer(robot, play, choose(session))
        if robot.screen_name != "play":
            return
    raise RuntimeError(f"the conversation did not end within {TURN_LIMIT} turns")


def answer(robot: Robot, play: PlayScene, choice: str) -> None:
    """As a player: the number key of the choice, or silence until the timer runs out."""
    session = play.session
    answered = len(session.history)
    if choice == TIMEOUT:
        robot.wait_for(lambda: len(session.history) > answered, dt=TIMER_STEP)
        return
    number = [option.choice_id for option in session.view().options].index(choice)
    if number < 9:
        robot.press(getattr(pygame, f"K_{number + 1}"))
    else:  # past the number keys: arrows to it, then Enter
        robot.press(pygame.K_DOWN, number - play.buttons.focus)
        robot.press(pygame.K_RETURN)
