"""Every answer can be seen: at the smallest window with the largest text, on the real App under
the dummy driver, driven by posted key, wheel and mouse events.

A 4-answer node (the walk-in's first) and a 9-answer node (written here, in each channel): each
answer is reached by the arrows or Tab, and by the wheel, and brought wholly into the column's
view; a cue says how many are out of view, and a click on it brings the next one in.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pytest

from game.engine.playing.session import Session
from game.engine.reading.loader import read_scenario
from game.storage.scenario_files import load_scenario
from game.storage.settings import TEXT_SIZES, Settings, save_settings
from game.ui.answers_in_view import answers_top
from game.ui.scenes.play import PlayScene
from tests.paths import ANGRY_WALK_IN

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

SMALLEST = (960, 540)
LARGEST = len(TEXT_SIZES) - 1
CHANNELS = ("in-person", "phone", "chat")
ANSWERS = (
    "I can see the letter is worrying you. Let me read it with you, line by line.",
    "That sounds stressful. Could you give me your account number so I can check?",
    "I'm sorry, that's just how the system works, there's nothing I can do today.",
    "Let me get this right: the letter says Thursday, and you have already paid it.",
    "Calm down, please. Shouting at me is not going to get this sorted any quicker.",
    "I'll take this one myself. Give me two minutes and I'll tell you what I find.",
    "You'd have to ring the number on the letter; we can't help with that here.",
    "Thanks for bringing it in. Let's look at the dates together, then decide.",
    "I hear you. Before anything else, is anyone at home without water right now?",
)


def nine_answers(channel: str) -> bytes:
    """A scenario whose first question has nine long answers, each leading to one more line."""
    choices = "".join(
        f'      - id: a{n}\n        text: "{text}"\n        feedback: Fine.\n        next: reply\n'
        for n, text in enumerate(ANSWERS)
    )
    return f"""\
id: nine-answers
title: Nine answers
summary: A question with every number key in use.
channel: {channel}
difficulty: 1
objectives:
  - Read every answer
customer:
  name: Pat Jones
  portrait: caller-woman
  anger: 60
  walks_out_at: 95
  walks_out_to: done
start: ask
nodes:
  ask:
    narration: She puts the letter on the counter and waits, arms folded, for you to say something.
    say: Well? What are you going to do about it? I have been waiting all morning for someone here.
    choices:
{choices}  reply:
    say: Right. Go on, then.
    choices:
      - id: fine
        text: Thank you.
        feedback: Fine.
        next: done
endings:
  done:
    outcome: resolved
    title: Done
    text: Done.
""".encode()


def open_play(make_app: AppFactory, tmp_path: Path, session: Session) -> tuple[Driver, PlayScene]:
    """The play screen at the smallest window and the largest text, its line read and the answers come."""
    saves = tmp_path / "saves"
    save_settings(saves, Settings(text_size=LARGEST))
    driver = make_app(SMALLEST, saves=saves)
    scene = PlayScene(driver.app, session.scenario, session)
    driver.app.push(scene)
    driver.press("space")
    settle(driver, scene)
    return driver, scene


def nine(make_app: AppFactory, tmp_path: Path, channel: str) -> tuple[Driver, PlayScene]:
    scenario = read_scenario(nine_answers(channel), "nine-answers.yaml").scenario_or_raise()
    return open_play(make_app, tmp_path, Session.start(scenario, seed=3))


def walk_in(make_app: AppFactory, tmp_path: Path) -> tuple[Driver, PlayScene]:
    return open_play(make_app, tmp_path, Session.start(load_scenario(ANGRY_WALK_IN), seed=4))


def settle(driver: Driver, scene: PlayScene) -> None:
    driver.until(lambda: not scene.scroller.moving and scene.appear >= 1, dt=0.1)  # long frames: no easing


def wholly_shown(scene: PlayScene) -> set[int]:
    return {i for i, rect in enumerate(scene.options_rects()) if scene.scroller.viewport.contains(rect)}


@pytest.mark.parametrize(("key", "channel"), [*(("down", channel) for channel in CHANNELS), ("tab", "chat")])
def test_each_of_nine_answers_comes_wholly_into_view_as_the_focus_reaches_it(
    make_app: AppFactory, tmp_path: Path, channel: str, key: str
) -> None:
    driver, scene = nine(make_app, tmp_path, channel)
    assert len(scene.options_rects()) == 9 and wholly_shown(scene) != set(range(9))  # it must scroll
    assert scene.buttons.focus in wholly_shown(scene)
    for _ in range(9):
        driver.press(key)
        settle(driver, scene)
        assert scene.buttons.focus in wholly_shown(scene), (scene.buttons.focus, scene.options_rects())
    driver.press("up", "up")  # and back round the other way
    settle(driver, scene)
    assert scene.buttons.focus in wholly_shown(scene)
    for key, answer in (("end", 8), ("home", 0)):
        driver.press(key)
        settle(driver, scene)
        assert scene.buttons.focus == answer and answer in wholly_shown(scene)


@pytest.mark.parametrize("answers", [4, 9])
def test_the_wheel_brings_every_answer_wholly_into_view(make_app: AppFactory, tmp_path: Path, answers: int) -> None:
    driver, scene = nine(make_app, tmp_path, "in-person") if answers == 9 else walk_in(make_app, tmp_path)
    count = len(scene.options_rects())
    seen = wholly_shown(scene)
    for _ in range(40):
        driver.wheel(-1)
        settle(driver, scene)
        seen |= wholly_shown(scene)
    assert seen == set(range(count))
    assert scene.scroller.top == scene.scroller.max_offset
    driver.wheel(40)
    settle(driver, scene)
    assert scene.scroller.top == 0 and scene.session.history == []  # scrolling never answers


@pytest.mark.parametrize("answered", [0, 1, 2])
def test_the_walk_in_shows_each_answer_or_says_how_many_are_below(
    make_app: AppFactory, tmp_path: Path, answered: int
) -> None:
    """The issue's case: the walk-in at 960x540 and the largest text, its first three questions."""
    driver, scene = walk_in(make_app, tmp_path)
    for _ in range(answered):
        driver.press("1")
        driver.press("space")
        settle(driver, scene)
    below = [i for i, rect in enumerate(scene.options_rects()) if rect.bottom > scene.scroller.viewport.bottom]
    said = [cue.text for cue in scene.cues() if cue.below]
    count = len(below)
    assert said == ([f"{count} more {'answer' if count == 1 else 'answers'} below"] if below else [])
    assert not any(rect.top < scene.scroller.viewport.top for rect in scene.options_rects())


@pytest.mark.parametrize("channel", CHANNELS)
def test_the_cue_counts_what_is_out_of_view_and_a_click_brings_the_next_in(
    make_app: AppFactory, tmp_path: Path, channel: str
) -> None:
    driver, scene = nine(make_app, tmp_path, channel)
    below = [i for i, rect in enumerate(scene.options_rects()) if rect.bottom > scene.scroller.viewport.bottom]
    (cue,) = scene.cues()
    assert cue.below and cue.text == f"{len(below)} more answers below" and cue.answer == below[0]
    assert not cue.rect.colliderect(scene.scroller.viewport)  # never over an answer's words
    assert driver.screen.get_rect().contains(cue.rect)
    driver.click(cue.rect)
    settle(driver, scene)
    assert below[0] in wholly_shown(scene) and scene.session.history == []
    driver.press(*["pagedown"] * 10)
    settle(driver, scene)
    assert [c.below for c in scene.cues()] == [False]  # at the end: the ones above are counted instead
    assert scene.cues()[0].text.endswith("answers above")


def test_a_click_on_an_answer_cut_by_the_edge_brings_it_in_and_a_second_chooses_it(
    make_app: AppFactory, tmp_path: Path
) -> None:
    driver, scene = nine(make_app, tmp_path, "in-person")
    view = scene.scroller.viewport
    cut = next(i for i, rect in enumerate(scene.options_rects()) if rect.top < view.bottom < rect.bottom)
    driver.click((scene.options_rects()[cut].centerx, view.bottom - 2))
    settle(driver, scene)
    assert scene.session.history == [] and scene.buttons.focus == cut and cut in wholly_shown(scene)
    chosen = scene.view.options[cut].choice_id
    driver.click(scene.options_rects()[cut])
    assert [step.choice for step in scene.session.history] == [chosen]


def test_a_number_key_answers_even_an_answer_out_of_view(make_app: AppFactory, tmp_path: Path) -> None:
    driver, scene = nine(make_app, tmp_path, "phone")
    assert 8 not in wholly_shown(scene)
    chosen = scene.view.options[8].choice_id
    driver.press("9")
    assert [step.choice for step in scene.session.history] == [chosen]


def test_the_view_starts_at_the_earliest_block_that_shows_the_most_answers() -> None:
    answers = [pygame.Rect(0, top, 100, 40) for top in (300, 350, 400)]
    assert answers_top([0, 100, 200], 250, answers, 500, 8) == 0  # all fit from the top
    assert answers_top([0, 100, 200], 250, answers, 400, 8) == 92  # from the second block, all three
    assert answers_top([0, 100, 200], 250, answers, 210, 8) == 192  # from the line, two of them
    assert answers_top([0, 100, 200], 250, answers, 100, 8) == 242  # not even one: the reply header
    assert answers_top([0, 100], 250, [], 100, 8) == 0
