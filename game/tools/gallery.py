"""`python3 -m game.tools.gallery [DIR]`: the README's screenshot gallery, made again (docs/gallery/).

The screenshot robot (screenshots.py) plays the library in the game window at 1280x720 and saves a
fixed set of named pictures: the title, the picker, a conversation in person, on the phone and in
a chat, the debrief, progress and settings; then a phone call in the high-contrast theme and a
conversation at the largest text. Run it after a change to how a screen looks, and commit the
folder. With SDL_VIDEODRIVER=dummy no window opens. Nothing outside the temporary saves folder it
plays in is read or changed, besides the pictures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.storage.settings import Settings, save_settings
from game.storage.trainees import Roster, add_trainee
from game.ui.app import App, AppConfig
from game.ui.scenes.play import PlayScene

from .autoplay import policy
from .screenshots import Robot, answer

ROOT = Path(__file__).resolve().parents[2]
SIZE = (1280, 720)
TRAINEE = "Alex Morgan"  # the name the title shows
SEED = 7
IN_PERSON, PHONE, CHAT = "angry-walk-in", "phone-notes", "all-caps"
EARLIER = (("wrong-job", "worst"), ("after-the-shift", "random"))  # results for the progress chart
TURN_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Look:
    """One start of the game with these settings, and what the robot does in it."""

    settings: Settings
    visit: Callable[[Robot], None]


def make_gallery(library: Path, folder: Path) -> int:
    """The gallery's pictures in `folder`; 0 when every one was taken."""
    looks = (
        Look(Settings(), everyday),
        Look(Settings(high_contrast=True), lambda robot: conversation_at(robot, PHONE, 1, "play-high-contrast")),
        Look(Settings(text_size=3), lambda robot: conversation_at(robot, IN_PERSON, 1, "play-largest-text")),
    )
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="composure-gallery-") as saves:
        add_trainee(Path(saves), Roster(), TRAINEE)
        for look in looks:
            save_settings(Path(saves), look.settings)
            robot = Robot(App(AppConfig(library, Path(saves), SIZE, seed=SEED)), folder)
            try:
                past_the_trainees(robot)
                look.visit(robot)
            except RuntimeError as problem:
                print(f"error: {problem}; the gallery so far is in {folder}", file=sys.stderr)
                return 1
            finally:
                saved += robot.saved
                pygame.quit()
    for path in saved:
        print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


def past_the_trainees(robot: Robot) -> None:
    """The game opens on who is practising: the gallery's trainee, preselected, goes on to the title."""
    robot.settle()
    robot.press(pygame.K_RETURN)
    robot.wait_for(lambda: robot.screen_name == "title")


def everyday(robot: Robot) -> None:
    """Three conversations played to their debriefs (a walk-out, a middling one, a good one), two
    left in progress, then the title, picker, progress and settings as a trainee who has practised
    sees them."""
    for scenario_id, strategy in EARLIER:
        conversation_at(robot, scenario_id, None, "", strategy)
        robot.back_to_title()
    conversation_at(robot, IN_PERSON, 1, "play-in-person", finish=True)
    robot.settle()
    robot.shot("debrief", numbered=False)
    robot.back_to_title()
    conversation_at(robot, PHONE, 1, "play-phone")
    conversation_at(robot, CHAT, 2, "play-chat")
    robot.settle()
    robot.shot("title", numbered=False)
    for screen in ("play", "progress", "settings"):
        robot.open_on_title(screen)
        robot.wait_for(lambda: robot.screen_name != "title")
        robot.settle()
        robot.shot("picker" if screen == "play" else screen, numbered=False)
        robot.back_to_title()


def conversation_at(
    robot: Robot, scenario_id: str, answers: int | None, name: str, strategy: str = "best", finish: bool = False
) -> None:
    """The scenario started from the picker, `answers` answers given, the screen saved as `name`;
    then played to the end (finish, or no picture asked for) or left for the title, its save kept."""
    robot.wait_for(lambda: robot.screen_name == "title")
    robot.start(scenario_id)
    play = robot.app.top
    assert isinstance(play, PlayScene)
    choose = policy(play.session, strategy, SEED)
    for turn in range(TURN_LIMIT):
        robot.wait_for(lambda: play.typing_done or robot.screen_name != "play")
        if robot.screen_name != "play":
            return
        if turn == answers:
            robot.settle()
            robot.shot(name, numbered=False)
            if not finish:
                robot.back_to_title()
                return
        answer(robot, play, choose(play.session))
    raise RuntimeError(f"{scenario_id} did not end within {TURN_LIMIT} turns")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m game.tools.gallery", description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "docs" / "gallery", help="where (docs/gallery)")
    parser.add_argument("--library", type=Path, default=ROOT / "scenarios", help="the scenarios (scenarios/)")
    args = parser.parse_args(argv)
    return make_gallery(args.library, args.folder)


if __name__ == "__main__":
    sys.exit(main())
