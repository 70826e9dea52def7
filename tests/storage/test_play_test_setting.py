"""The play-test setting joined the settings file without a new version: a file written before it
existed still reads (the view off), the setting round-trips, a wrong value sets the file aside as
any damage does, and a field from a newer game is passed over."""

from __future__ import annotations

import json
from pathlib import Path

from game.storage.settings import FILE_NAME, Settings, load_settings, save_settings

BEFORE_PLAY_TEST = {  # what the game wrote before the setting existed
    "version": 1,
    "text_size": 3,
    "text_speed": 2,
    "high_contrast": True,
    "fullscreen": False,
    "sound": False,
    "reduced_intensity": True,
}


def test_a_file_written_before_the_setting_existed_reads_with_the_view_off(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text(json.dumps(BEFORE_PLAY_TEST), encoding="utf-8")
    loaded = load_settings(tmp_path)
    assert loaded.message == ""
    assert loaded.settings == Settings(
        text_size=3, text_speed=2, high_contrast=True, sound=False, reduced_intensity=True
    )
    assert loaded.settings.play_test is False


def test_the_setting_round_trips_in_version_1(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(play_test=True))
    written = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert written["version"] == 1 and written["play_test"] is True
    assert load_settings(tmp_path).settings.play_test is True


def test_a_value_that_is_not_true_or_false_sets_the_file_aside(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text('{"version": 1, "play_test": "yes"}', encoding="utf-8")
    loaded = load_settings(tmp_path)
    assert loaded.settings == Settings() and "kept as" in loaded.message
    assert list(tmp_path.glob(f"{FILE_NAME}.unreadable-*"))


def test_a_field_from_a_newer_game_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text('{"version": 1, "play_test": true, "from_the_future": 3}', encoding="utf-8")
    loaded = load_settings(tmp_path)
    assert loaded.settings == Settings(play_test=True) and loaded.message == ""
