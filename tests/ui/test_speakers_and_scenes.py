"""A second speaker and a change of scene, on the real App under the dummy driver.

A phone call with the customer, then the team leader's review after it: the review shows her
name and portrait, and no anger meter (a review is after the call, with no customer to read);
the header names the place the review node gives, and the caller's sheepish line shows on her face.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.engine.model import Scene
from game.engine.playing.session import Session
from game.engine.reading.loader import read_scenario
from game.ui.intents import Choose, Skip
from game.ui.portrait import face_for, look_for
from game.ui.scenes.play import PlayScene

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

CALL_THEN_REVIEW = b"""\
id: call-then-review
title: A call, then a review
summary: A short call, and a word with your team leader after it.
channel: phone
difficulty: 1
objectives:
  - Listen
customer:
  name: Pat Jones
  portrait: caller-woman
  anger: 60
  walks_out_at: 95
  walks_out_to: done
people:
  sam:
    name: Sam Okafor
    portrait: team-leader
start: call
nodes:
  call:
    say: Why is my bill so high?
    expression: sheepish
    choices:
      - id: look
        text: Let me look into it.
        effects: {anger: -10}
        feedback: Good.
        next: review
  review:
    speaker: sam
    scene: review
    where: In the back office
    say: How do you think that went?
    choices:
      - id: well
        text: Well, I think.
        feedback: Fine.
        next: done
endings:
  done:
    outcome: resolved
    title: Done
    text: Done.
"""


def start(make_app: AppFactory) -> tuple[Driver, PlayScene]:
    driver = make_app((1280, 720))
    scenario = read_scenario(CALL_THEN_REVIEW, "call-then-review.yaml").scenario_or_raise()
    scene = PlayScene(driver.app, scenario, Session.start(scenario, seed=1))
    driver.app.push(scene)
    return driver, scene


def drawn(driver: Driver, rect: pygame.Rect) -> set[tuple[int, int, int]]:
    """The colours on screen in `rect` after a frame."""
    driver.frame()
    area = driver.screen.subsurface(rect)
    return {tuple(area.get_at((x, y)))[:3] for x in range(area.get_width()) for y in range(0, area.get_height(), 2)}


def test_the_review_shows_the_team_leader_without_the_meter(make_app: AppFactory) -> None:
    driver, scene = start(make_app)
    background = scene.app.theme.palette.background
    scene.handle(Skip())
    assert scene.view.speaker == "Pat Jones" and scene.scene_look is Scene.PHONE
    assert scene.look == look_for("caller-woman")
    assert drawn(driver, scene.meter_rect) != {background}  # the caller's meter, during the call

    scene.handle(Choose(0))
    scene.handle(Skip())
    assert scene.view.speaker == "Sam Okafor" and scene.look == look_for("team-leader")
    assert scene.scene_look is Scene.REVIEW and not scene.customer_speaks
    assert drawn(driver, scene.meter_rect) == {background}  # no meter in the review
    assert len(drawn(driver, scene.stage)) > 1  # but her portrait is drawn


def test_the_stage_looks_different_in_the_review(make_app: AppFactory) -> None:
    driver, scene = start(make_app)
    scene.handle(Skip())
    driver.frame()
    on_call = pygame.image.tobytes(driver.screen.subsurface(scene.stage), "RGB")
    scene.handle(Choose(0))
    scene.handle(Skip())
    driver.frame()
    assert pygame.image.tobytes(driver.screen.subsurface(scene.stage), "RGB") != on_call


def test_the_header_names_the_place_once_a_node_has(make_app: AppFactory) -> None:
    driver, scene = start(make_app)
    scene.handle(Skip())
    assert scene.place_words == "Phone call"  # no node has named a place yet: the channel's words
    driver.frame()
    top_bar = pygame.Rect(0, 0, driver.screen.get_width() // 2, scene.stage.top)
    on_call = pygame.image.tobytes(driver.screen.subsurface(top_bar), "RGB")
    scene.handle(Choose(0))
    assert scene.place_words == "In the back office"
    driver.frame()
    assert pygame.image.tobytes(driver.screen.subsurface(top_bar), "RGB") != on_call


def test_a_named_expression_shows_on_the_face_for_that_line_only(make_app: AppFactory) -> None:
    driver, scene = start(make_app)
    driver.frames(30)  # the face has settled
    assert scene.view.expression == "sheepish"
    assert scene.face.face == face_for(60, "sheepish") != face_for(60)
    scene.handle(Skip())
    scene.handle(Choose(0))  # Sam speaks now, with no expression named: her own calm face at once
    assert scene.face.face == face_for(0)
