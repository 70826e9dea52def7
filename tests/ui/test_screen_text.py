"""Every screen at 960x540, 1280x720 and 1920x1080, in both palettes, at the smallest and the
largest text: every text lies in the window and in its box, no two texts overlap, and in play
every answer can be brought whole into view by the keys and by the wheel (issue 12's bar).

Where the words were drawn is watched, not guessed (screens_drawn.py); what counts as a problem is
in screens_checks.py; the way to each screen in screens_tour.py. A failing screen's picture is saved
in the test's temporary folder, named in the failure.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from game.storage.settings import TEXT_SIZES, Settings, save_settings
from game.storage.trainees import Roster, add_trainee
from tests.ui.conftest import SCENARIOS, TRAINEE
from tests.ui.screens_drawn import watching
from tests.ui.screens_tour import CHANNELS, Shots, conversation, debrief_and_progress, menus

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory

SIZES = ((960, 540), (1280, 720), (1920, 1080))
TEXT = (0, len(TEXT_SIZES) - 1)
GROUPS = ("menus", *CHANNELS)
SEED = 12


@pytest.fixture
def watched() -> Iterator[None]:
    with watching():
        yield


def library_of(folder: Path, group: str) -> Path:
    """The whole library for the menus (the picker's cards, the title's suggestion); the channel's
    scenario alone for a conversation, so the title reads one file, not fourteen."""
    if group == "menus":
        return SCENARIOS
    folder.mkdir()
    for name in (f"{CHANNELS[group][0]}.yaml", "principles.yaml"):
        shutil.copy(SCENARIOS / name, folder / name)
    return folder


@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("text_size", TEXT, ids=["smallest-text", "largest-text"])
@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_text_shows_whole_in_its_box_and_clear_of_the_others(
    watched: None,
    make_app: AppFactory,
    tmp_path: Path,
    size: tuple[int, int],
    high_contrast: bool,
    text_size: int,
    group: str,
) -> None:
    data = tmp_path / "saves"
    save_settings(data, Settings(text_size=text_size, high_contrast=high_contrast))
    add_trainee(data, Roster(), TRAINEE)
    library = library_of(tmp_path / "library", group)
    game = make_app(size, scenarios=library, saves=data, seed=SEED, trainee=None)  # the same conversation each run
    label = f"{size[0]}x{size[1]}-{'high-contrast' if high_contrast else 'normal'}-text{text_size}"
    shots = Shots(tmp_path, label)
    if group == "menus":
        menus(game, shots, data)
    else:
        game.press("enter")  # the trainee, preselected
        conversation(game, shots, group)
        if group == "in-person":
            debrief_and_progress(game, shots)
    assert not shots.found, "\n".join(shots.found)
