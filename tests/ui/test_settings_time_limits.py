"""The time-limits row of the settings screen (WCAG 2.2.1): Off, Normal, 1.5x longer or 2x longer, by
keys and by mouse, remembered for the next game; the row fits the smallest window at the largest text."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.engine import TIME_LIMITS
from game.storage.settings import TEXT_SIZES, Settings, load_settings, save_settings
from game.ui.scenes.settings import SettingsScene
from tests.ui.test_play_test_view import open_settings

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory

WORDS = ["Off", "Normal", "1.5x longer", "2x longer"]


def row_index(settings: SettingsScene) -> int:
    return next(i for i, row in enumerate(settings.rows) if row.key == "time_limits")


def test_the_row_names_every_setting_in_words() -> None:
    from game.ui.scenes.settings import ROWS

    row = next(row for row in ROWS if row.key == "time_limits")
    assert (row.label, list(row.words), len(row.words)) == ("Time limits", WORDS, len(TIME_LIMITS))
    assert Settings().time_limits == TIME_LIMITS.index("normal")


def test_keys_and_the_mouse_change_the_time_limits_and_a_new_game_remembers(
    make_app: AppFactory, tmp_path: Path
) -> None:
    driver = make_app()
    settings = open_settings(driver)
    row = row_index(settings)
    driver.press(*["down"] * row, "right")
    assert TIME_LIMITS[driver.app.settings.time_limits] == "1.5x"
    driver.press("right", "right")  # past the last word it stays there
    assert TIME_LIMITS[driver.app.settings.time_limits] == "2x"
    left, _ = settings._arrows(settings._screen_rect(row))
    for _ in range(3):
        driver.click(left)
    assert TIME_LIMITS[driver.app.settings.time_limits] == "off"
    assert TIME_LIMITS[load_settings(tmp_path / "saves").settings.time_limits] == "off", "saved at once"
    driver.press("enter")  # Enter cycles the focused row
    assert TIME_LIMITS[driver.app.settings.time_limits] == "normal"
    driver.press("left")
    again = make_app(saves=tmp_path / "saves")
    assert TIME_LIMITS[again.app.settings.time_limits] == "off"


def test_the_row_is_reachable_at_the_largest_text_in_the_smallest_window(make_app: AppFactory, tmp_path: Path) -> None:
    save_settings(tmp_path / "saves", Settings(text_size=len(TEXT_SIZES) - 1))
    driver = make_app(size=(960, 540))
    settings = open_settings(driver)
    row = row_index(settings)
    driver.press(*["down"] * row)
    rect = settings._screen_rect(row)
    assert driver.screen.get_rect().contains(rect), "the focused row is scrolled into view"
    _, right = settings._arrows(rect)
    driver.click(right)
    assert TIME_LIMITS[driver.app.settings.time_limits] == "1.5x"
