"""The versioned wrapper of the player's files: older versions migrate step by step, a newer one is
read when it says this version can, refused otherwise, and anything else is not ours. Files written
by version 1 are committed (tests/storage/saved/) and must read for as long as the game lives."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from game.storage import saves, trainees
from game.storage.save_format import FileFormat, NotThisFormat, TooNew
from game.storage.saves import read_save, save_path
from game.storage.trainees import Trainee, load_roster

SAVED = Path(__file__).parent / "saved"
SAM = "0123456789abcdef0123456789abcdef"
ANA = "fedcba9876543210fedcba9876543210"


def renamed(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2 of a made-up format: 'who' became 'trainee'."""
    changed = {key: value for key, value in data.items() if key != "who"}
    return {**changed, "trainee": data["who"], "version": 2}


def counted(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 to 3: a count of answers was added."""
    return {**data, "answers": 0, "version": 3}


TOY = FileFormat("toy", version=3, min_compatible=2, migrations=(renamed, counted))


def test_an_older_file_is_migrated_through_every_version_since() -> None:
    assert TOY.current({"format": "toy", "version": 1, "who": "sam"}) == {
        "format": "toy",
        "version": 3,
        "trainee": "sam",
        "answers": 0,
    }
    assert TOY.current({"format": "toy", "version": 2, "trainee": "sam"})["answers"] == 0


def test_a_file_of_this_version_is_read_as_it_is() -> None:
    data = {**TOY.stamp(), "trainee": "sam", "answers": 4}
    assert TOY.current(data) == data


def test_a_newer_file_is_read_when_its_oldest_reader_is_this_one_or_older() -> None:
    newer = {"format": "toy", "version": 5, "min_compatible": 3, "trainee": "sam", "answers": 1, "new": True}
    assert TOY.current(newer) == newer


@pytest.mark.parametrize("oldest", [4, None, "3", 3.0])
def test_a_newer_file_that_this_version_cannot_read_is_refused(oldest: object) -> None:
    with pytest.raises(TooNew) as refused:
        TOY.current({"format": "toy", "version": 5, "min_compatible": oldest})
    assert refused.value.version == 5


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"version": 1},
        {"format": "other", "version": 1},
        {"format": "toy", "version": 0},
        {"format": "toy", "version": -1},
        {"format": "toy", "version": "1"},
        {"format": "toy", "version": True},
        {"format": "toy", "version": 1.0},
        {"format": "toy"},
    ],
)
def test_anything_else_is_not_a_file_of_this_format(data: object) -> None:
    with pytest.raises(NotThisFormat):
        TOY.current(data)


@pytest.mark.parametrize("form", [saves.FORMAT, trainees.FORMAT], ids=["saves", "trainees"])
def test_every_version_before_this_one_has_its_migration(form: FileFormat) -> None:
    """A version raised without a migration would strand every file written before it."""
    assert len(form.migrations) == form.version - 1
    assert 1 <= form.min_compatible <= form.version


def test_a_save_written_by_version_1_still_reads(tmp_path: Path) -> None:
    path = save_path(tmp_path, SAM, "angry-walk-in")
    path.parent.mkdir(parents=True)
    shutil.copy(SAVED / "version-1.json", path)
    loaded = read_save(tmp_path, SAM, "angry-walk-in")
    assert loaded.message == "" and loaded.game is not None
    assert (loaded.game.scenario_path, loaded.game.waited, loaded.game.call_seconds) == (
        "scenarios/angry-walk-in.yaml",
        4.25,
        0.0,
    )
    assert loaded.game.session["format"] == "composure-session" and len(loaded.game.session["history"]) == 3
    assert path.read_bytes() == (SAVED / "version-1.json").read_bytes(), "reading changes nothing"


def test_a_trainee_list_written_by_version_1_still_reads(tmp_path: Path) -> None:
    shutil.copy(SAVED / "trainees-version-1.json", tmp_path / trainees.FILE_NAME)
    loaded = load_roster(tmp_path)
    assert loaded.message == ""
    assert loaded.roster.trainees == (Trainee(SAM, "Sam Okafor", "sam@example.com"), Trainee(ANA, "Ana Lima"))
    assert loaded.roster.last == Trainee(ANA, "Ana Lima")
