"""The time-limits setting joined the settings file without a new version: a file written before it
existed reads as normal, every value round-trips, and a value out of range sets the file aside as any
damage does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine import TIME_LIMITS
from game.storage.settings import FILE_NAME, Settings, load_settings, save_settings
from tests.storage.test_play_test_setting import BEFORE_PLAY_TEST


def test_a_file_written_before_the_setting_existed_reads_as_normal(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text(json.dumps(BEFORE_PLAY_TEST | {"play_test": True}), encoding="utf-8")
    loaded = load_settings(tmp_path)
    assert loaded.message == "" and TIME_LIMITS[loaded.settings.time_limits] == "normal"


@pytest.mark.parametrize("index", range(len(TIME_LIMITS)), ids=TIME_LIMITS)
def test_every_time_limit_round_trips_in_version_1(tmp_path: Path, index: int) -> None:
    save_settings(tmp_path, Settings(time_limits=index))
    written = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert (written["version"], written["time_limits"]) == (1, index)
    assert load_settings(tmp_path).settings == Settings(time_limits=index)


@pytest.mark.parametrize("value", [-1, len(TIME_LIMITS), '"off"', "true", "1.5"])
def test_a_value_that_is_not_one_of_the_settings_sets_the_file_aside(tmp_path: Path, value: object) -> None:
    (tmp_path / FILE_NAME).write_text(f'{{"version": 1, "time_limits": {value}}}', encoding="utf-8")
    loaded = load_settings(tmp_path)
    assert loaded.settings == Settings() and "kept as" in loaded.message
    assert list(tmp_path.glob(f"{FILE_NAME}.unreadable-*"))
