"""The progress screen fits: at the smallest and largest window, in both palettes, at the largest
text, full of results, new, and with results unavailable, nothing it shows runs out of its card,
its page or the window, and nothing lies over anything else."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pytest

from game.engine import AttemptRecord
from game.storage.settings import TEXT_SIZES, Settings, save_settings
from game.storage.trainees import NAME_LONGEST
from game.ui.scenes.progress import ProgressScene
from game.ui.scenes.progress_layout import TITLE, Card
from game.ui.scroll import TextBlock
from game.ui.theme import Theme
from tests.ui import test_progress_screen
from tests.ui.test_progress_screen import fill, library_of, newer_results, open_progress, settle

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory

SIZES = ((960, 540), (1920, 1080))
NARROW = (960, 1080)  # the largest text in the narrowest window: the key hints no longer fit beside Back
LARGEST = len(TEXT_SIZES) - 1
LONGEST_NAME = "W" * NAME_LONGEST  # as long as a trainee's name may be, in the widest letter
records = test_progress_screen.records  # the attempts played once for the module


def text_rect(block: TextBlock, theme: Theme) -> pygame.Rect:
    """Where a block's text may land: its wrapped lines, at its place, as wide as it may wrap."""
    drawn = block.render(theme)
    assert drawn.get_width() <= block.width, f"{block.text!r} is wider than its {block.width} px"
    return pygame.Rect(block.pos, (block.width, drawn.get_height()))


def check_card(scene: ProgressScene, card: Card, label: str) -> list[pygame.Rect]:
    """Everything in the card lies inside it, apart from each other; returns what it holds."""
    theme = scene.app.theme
    parts = [text_rect(block, theme) for block in card.blocks]
    small = theme.font("small").get_linesize()
    for chip in card.chips:
        assert theme.text(chip.text, "body").get_width() <= chip.rect.width, f"{label}: chip {chip.text}"
        parts.append(chip.rect.union(chip.rect.move(0, -small)) if chip.caption else chip.rect)
    if card.play.width:
        parts.append(card.play)
    if card.chart.width:
        parts += [card.chart, card.caption]
    if card.badge is not None:
        radius = round(theme.font("body").get_linesize() * 0.62)
        parts.append(pygame.Rect(card.badge[0] - radius, card.badge[1] - radius, 2 * radius, 2 * radius))
    for part in parts:
        assert card.rect.contains(part), f"{label}: {part} sticks out of its card {card.rect}"
    for first, second in combinations(parts, 2):
        assert not first.colliderect(second), f"{label}: {first} overlaps {second} in a card"
    return parts


def check_fits(scene: ProgressScene, label: str) -> None:
    theme, layout = scene.app.theme, scene.layout
    assert layout is not None
    window = pygame.Rect((0, 0), theme.size)
    back = scene.back.buttons[0].rect
    fixed = [theme.text(TITLE, "title").get_rect(topleft=layout.title), back, layout.viewport]
    if layout.name is not None:
        fixed.append(theme.text(scene.model.trainee, "body").get_rect(topleft=layout.name))
    for rect in fixed:
        assert window.contains(rect), f"{label}: {rect} is not inside the window"
    for first, second in combinations(fixed, 2):
        assert not first.colliderect(second), f"{label}: {first} overlaps {second}"
    page = [text_rect(block, theme) for block in layout.headings]
    for card in layout.cards:
        check_card(scene, card, label)
    page += [card.rect for card in layout.cards]
    room = layout.viewport.width - theme.px(5)  # the scroll bar's width at the right
    for rect in page:
        assert 0 <= rect.left and rect.right <= room, f"{label}: {rect} is wider than the page ({room} px)"
    for first, second in combinations(page, 2):
        assert not first.colliderect(second), f"{label}: {first} overlaps {second} on the page"
    assert max((rect.bottom for rect in page), default=0) <= layout.content_height
    if layout.chart is not None:
        card = next(card for card in layout.cards if card.chart.width)
        assert pygame.Rect((0, 0), card.chart.size).contains(layout.chart.layout.rect)
        assert card.rect.height <= layout.viewport.height, f"{label}: the chart cannot be seen whole"


def check_hints_clear_of_back(scene: ProgressScene, label: str) -> None:
    """Drawn, the key hints stop before the Back button: the column just left of it is bare."""
    surface = pygame.Surface(scene.app.theme.size)
    scene.draw(surface)
    back = scene.back.buttons[0].rect
    x = back.left - scene.app.theme.px(4)
    colours = {tuple(surface.get_at((x, y)))[:3] for y in range(back.top, back.bottom)}
    assert colours == {scene.app.theme.palette.background}, f"{label}: the key hints run into Back"


@pytest.mark.parametrize("state", ["played", "new", "unavailable"])
@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_progress_screen_fits(
    make_app: AppFactory,
    tmp_path: Path,
    records: tuple[AttemptRecord, ...],
    size: tuple[int, int],
    high_contrast: bool,
    state: str,
) -> None:
    library, data = library_of(tmp_path / "library"), tmp_path / "data"
    fill(data, records if state == "played" else ())
    if state == "unavailable":
        newer_results(data)
    save_settings(data, Settings(text_size=LARGEST, high_contrast=high_contrast))
    game = make_app(size, scenarios=library, saves=data)
    scene = open_progress(game)
    label = f"{state}, {size}, contrast={high_contrast}"
    assert (scene.model.message != "") == (state == "unavailable"), scene.model.message
    check_fits(scene, label)
    check_hints_clear_of_back(scene, label)
    for key in ("end", "pagedown", "home"):  # drawn at the top, the bottom and between, every frame
        game.press(getattr(pygame, f"K_{key.upper()}"))
        settle(game)
        check_fits(scene, f"{label}, after {key}")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_longest_name_goes_under_the_title_and_still_fits(
    make_app: AppFactory, tmp_path: Path, size: tuple[int, int]
) -> None:
    library, data = library_of(tmp_path / "library"), tmp_path / "data"
    fill(data, (), LONGEST_NAME)
    save_settings(data, Settings(text_size=LARGEST))
    game = make_app(size, scenarios=library, saves=data, trainee=LONGEST_NAME)
    scene = open_progress(game)
    assert scene.layout is not None and scene.layout.name is not None
    check_fits(scene, f"longest name, {size}")


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_a_tall_narrow_window_fits_too(
    make_app: AppFactory, tmp_path: Path, records: tuple[AttemptRecord, ...], high_contrast: bool
) -> None:
    library, data = library_of(tmp_path / "library"), tmp_path / "data"
    fill(data, records)
    save_settings(data, Settings(text_size=LARGEST, high_contrast=high_contrast))
    scene = open_progress(make_app(NARROW, scenarios=library, saves=data))
    assert scene.layout is not None and not scene.layout.keys
    check_fits(scene, f"{NARROW}, contrast={high_contrast}")
    check_hints_clear_of_back(scene, f"{NARROW}, contrast={high_contrast}")
