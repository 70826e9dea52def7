"""Each picker card shows its own customer: the scenario's portrait, looking as angry as they are
when it starts. Two cards of the same customer draw the same face, pixel for pixel; another
portrait, or the same one calmer, draws a different one."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.ui.scenes.picker import PickerScene
from tests.ui.conftest import walk_in_library

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory

WALK_IN = "angry-walk-in.yaml"
VARIANTS = {  # file: what differs from the walk-in (whose man, walk-in-man, starts at anger 70)
    "b-same-man.yaml": {},
    "c-older-woman.yaml": {"portrait: walk-in-man": "portrait: older-woman"},
    "d-calm-man.yaml": {"anger: 70": "anger: 5"},
}


def library_of_faces(tmp_path: Path) -> Path:
    """The walk-in and three copies of it under other ids: one the same, one another customer, one calm."""
    folder = tmp_path / "faces"
    shutil.copytree(walk_in_library(tmp_path), folder)
    text = (folder / WALK_IN).read_text(encoding="utf-8")
    for name, changes in VARIANTS.items():
        changed = text.replace("id: angry-walk-in", f"id: {Path(name).stem}", 1)
        for old, new in changes.items():
            assert old in changed, old
            changed = changed.replace(old, new, 1)
        (folder / name).write_text(changed, encoding="utf-8")
    return folder


def test_each_card_draws_its_own_customer_at_their_starting_anger(make_app: AppFactory, tmp_path: Path) -> None:
    game = make_app((1920, 1080), scenarios=library_of_faces(tmp_path))
    game.open_on_title("play")
    picker = game.top
    assert isinstance(picker, PickerScene)
    faces: dict[str, bytes] = {}
    for index, card in enumerate(picker.cards):
        assert card.scenario is not None, card.problem
        if index:
            game.press("down")  # the next card, scrolled into view
        game.frames(60)
        assert picker.focus == index
        tile = picker.scroller.to_screen(picker.layouts[index].icon)
        assert picker.scroller.viewport.contains(tile), f"{card.path.name}'s face is not in view"
        faces[card.path.name] = pygame.image.tobytes(game.screen.subsurface(tile), "RGB")
    assert faces["b-same-man.yaml"] == faces[WALK_IN], "the same customer, the same face"
    size = len(faces[WALK_IN])
    for other in ("c-older-woman.yaml", "d-calm-man.yaml"):
        differing = sum(a != b for a, b in zip(faces[other], faces[WALK_IN], strict=True))
        assert differing > size // 20, f"{other} looks like the walk-in's man"
