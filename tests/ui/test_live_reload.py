"""Live reload in the real game loop: a trainer plays a copy of the walk-in and saves changes to its
file. The App looks at the file after a second of simulated frames (or at once on F5); a good save
plays on in the new version with the same answers given again, a save with errors lists them on
screen while the last good version stays answerable, and a fix recovers. Real files, real keys."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.ui.app import WATCH_SECONDS
from game.ui.scenes.play import PlayScene
from tests.paths import ANGRY_WALK_IN, SCENARIOS
from tests.ui.test_flow import answer_by_key, play_scene, start_walk_in

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

WALK_IN = ANGRY_WALK_IN.read_text(encoding="utf-8")
SLAPS = "He slaps the letter on the counter."
THUMPS = "He thumps the letter down on the counter."
I_UNDERSTAND_EFFECTS = "effects: {anger: 10, composure: -5, assertiveness: -5, resolution: -5}"  # first: i-understand


def library(tmp_path: Path, text: str = WALK_IN) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / ANGRY_WALK_IN.name).write_text(text, encoding="utf-8")
    shutil.copy(SCENARIOS / "principles.yaml", folder)
    return folder


def save(folder: Path, text: str) -> None:
    """What an editor does: the whole file written again (a moment later than the last save)."""
    path = folder / ANGRY_WALK_IN.name
    before = os.stat(path).st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def playing(make_app: AppFactory, folder: Path, *answers: str) -> tuple[Driver, PlayScene]:
    driver = make_app(scenarios=folder, seed=11)
    play = start_walk_in(driver)
    for answer in answers:
        answer_by_key(driver, answer)
    return driver, play


def answered(play: PlayScene) -> list[str]:
    return [step.choice for step in play.session.history]


def colour_count(surface: pygame.Surface, rect: pygame.Rect, color: tuple[int, int, int]) -> int:
    counts = Counter(
        tuple(surface.get_at((x, y)))[:3] for x in range(rect.left, rect.right) for y in range(rect.top, rect.bottom)
    )
    return counts[color]


def test_a_saved_change_shows_at_the_next_look_with_the_answers_given_again(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder = library(tmp_path)
    driver, play = playing(make_app, folder, "i-understand")
    old, anger = play.scenario, play.session.anger
    save(
        folder,
        WALK_IN.replace(SLAPS, THUMPS, 1).replace(I_UNDERSTAND_EFFECTS, I_UNDERSTAND_EFFECTS.replace("10", "15"), 1),
    )
    driver.frame(WATCH_SECONDS / 2)
    assert play.scenario is old, "not before the App looks"
    driver.frame(WATCH_SECONDS / 2)
    assert play.scenario is not old and play_scene(driver) is play
    assert play.session.place == "louder" and answered(play) == ["i-understand"]
    assert play.view.narration.startswith("He thumps"), "the change is on screen"
    assert play.session.anger > anger, "the new effect counts"
    assert play.typing_done, "the line already heard is shown whole"
    assert "given again" in play.notice and play.notice_ok


def test_a_broken_save_lists_its_errors_and_the_last_good_version_plays_on_until_a_fix(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder = library(tmp_path)
    driver, play = playing(make_app, folder, "i-understand")
    good = play.scenario
    palette = driver.app.theme.palette
    save(
        folder, WALK_IN.replace("start: burst-in", "start: nowhere", 1).replace("next: vent\n", "next: vent-typo\n", 1)
    )
    driver.frame(WATCH_SECONDS)
    assert play.broken is not None and play.scenario is good
    lines = play.broken.lines()
    assert lines[0].startswith("angry-walk-in.yaml:22:8: error: ") and "nowhere" in lines[0]
    assert any("vent-typo" in line and "did you mean" in line for line in lines)
    shown = [block.text for block in play.panel.blocks]
    assert shown[0].startswith("angry-walk-in.yaml has 2 errors") and shown[1:3] == lines
    driver.frame()
    assert colour_count(driver.screen, play.panel.frame, palette.bad) > 50, "the heading is drawn in the panel"
    answer_by_key(driver, "yes-help")  # the last good version still answers
    assert play.session.place == "vent" and answered(play) == ["i-understand", "yes-help"]
    assert play.broken is not None, "still listed until the file is fixed"
    save(folder, WALK_IN.replace(SLAPS, THUMPS, 1))
    driver.frame(WATCH_SECONDS)
    assert play.broken is None and play.scenario is not good
    assert play.session.place == "vent" and answered(play) == ["i-understand", "yes-help"]
    driver.frame()
    assert colour_count(driver.screen, play.panel.frame, palette.bad) == 0, "the errors are gone"


def test_when_an_answer_no_longer_fits_play_carries_on_before_it_and_says_how_to_start_over(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder = library(tmp_path)
    driver, play = playing(make_app, folder, "i-understand", "yes-help")
    save(folder, WALK_IN.replace("id: yes-help", "id: yes-i-help", 1))
    driver.frame(WATCH_SECONDS)
    assert answered(play) == ["i-understand"] and play.session.place == "louder"
    assert not play.notice_ok
    assert "answer 2 (\u201cYes, I\u2019ll help you." in play.notice and "no longer fits" in play.notice
    assert "\u2018yes-help\u2019 is no longer a choice at \u2018louder\u2019" in play.notice
    assert "Esc and choose Restart" in play.notice
    driver.press("esc", "down", "enter")  # Restart, on the new version
    assert play_scene(driver) is play and answered(play) == [] and play.session.place == "burst-in"
    assert "yes-i-help" in {choice.id for choice in play.scenario.nodes["louder"].choices}


def test_f5_reloads_at_once_and_the_next_look_finds_nothing_new(make_app: AppFactory, tmp_path: Path) -> None:
    folder = library(tmp_path)
    driver, play = playing(make_app, folder, "i-understand")
    save(folder, WALK_IN.replace(SLAPS, THUMPS, 1))
    driver.press("f5")
    reloaded = play.scenario
    assert play.view.narration.startswith("He thumps")
    driver.frame(WATCH_SECONDS)
    assert play.scenario is reloaded, "the same save is not read twice"


def test_a_chat_shows_the_same_messages_after_a_reload(make_app: AppFactory, tmp_path: Path) -> None:
    text = WALK_IN.replace("channel: in-person", "channel: chat", 1)
    assert text != WALK_IN
    folder = library(tmp_path, text)
    driver, play = playing(make_app, folder, "i-understand", "yes-help")
    before = list(play.chat)
    assert len(before) == 4, "two lines, two replies"
    save(folder, text)
    driver.frame(WATCH_SECONDS)
    assert play.chat == before and play.notice.startswith("Reloaded")


def test_many_errors_scroll_in_their_panel_by_shift_page_keys_and_the_wheel(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder = library(tmp_path)
    driver, play = playing(make_app, folder)
    save(folder, WALK_IN.replace("        next: ", "        next: x-"))  # every answer leads nowhere
    driver.frame(WATCH_SECONDS)
    assert play.broken is not None and len(play.broken.errors) > 40
    panel, column = play.panel.scroller, play.scroller
    assert panel.max_offset > 0, "more errors than fit"
    driver.press("pagedown", mod=pygame.KMOD_SHIFT)
    assert panel.target > 0 and column.target == 0
    driver.press("pageup", mod=pygame.KMOD_SHIFT)
    assert panel.target == 0
    driver.point(play.panel.frame.center)
    driver.wheel(-3)
    assert panel.target > 0, "the wheel over the panel scrolls it"
    driver.point(column.viewport.center)
    before = panel.target
    driver.wheel(-3)
    assert panel.target == before, "elsewhere the wheel scrolls the conversation"
