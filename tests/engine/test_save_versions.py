"""Saves carry a format version and the oldest reader that can use them: older saves are migrated
and replay exactly, newer ones are read when they allow it and refused in a sentence when not."""

from __future__ import annotations

import json
from typing import Any

import pytest

from game.engine.model import Scenario
from game.engine.playing.save_versions import MIGRATIONS, VERSION
from game.engine.playing.session import Session
from game.engine.playing.session_state import SessionStateError
from game.storage.scenario_files import load_scenario
from game.tools.autoplay import play_out
from tests.paths import SCENARIOS

SHIPPED = sorted(p for p in SCENARIOS.glob("*.yaml") if p.name != "principles.yaml")


@pytest.fixture(scope="module", params=SHIPPED, ids=[p.stem for p in SHIPPED])
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(request.param)


def saved_games(scenario: Scenario) -> list[dict[str, Any]]:
    """Random games of every length, saved as they would be on disk."""
    return [
        json.loads(json.dumps(play_out(Session.start(scenario, seed), "random", seed).to_dict())) for seed in range(8)
    ]


def as_version_1(save: dict[str, Any]) -> dict[str, Any]:
    """The same game as the first format wrote it: no oldest reader named, no time limits."""
    return {key: value for key, value in save.items() if key not in ("min_compatible", "time_limits")} | {"version": 1}


def test_every_older_version_has_a_migration() -> None:
    assert len(MIGRATIONS) == VERSION - 1
    for number, migrate in enumerate(MIGRATIONS, start=1):
        assert migrate({"version": number})["version"] == number + 1


def test_a_version_1_save_migrates_and_replays_identically(scenario: Scenario) -> None:
    for save in saved_games(scenario):
        restored = Session.from_dict(scenario, as_version_1(save))
        assert restored.to_dict() == save
        assert restored.view() == Session.from_dict(scenario, save).view()


def test_a_newer_save_that_older_readers_may_use_loads(scenario: Scenario) -> None:
    for save in saved_games(scenario):
        newer = save | {"version": VERSION + 1, "min_compatible": VERSION, "notes_from_the_future": [1, 2]}
        assert Session.from_dict(scenario, newer).to_dict() == save


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"version": VERSION + 1, "min_compatible": VERSION + 1},
            f"this session was saved by a newer Composure in format version {VERSION + 1}, which Composure reads "
            f"from format version {VERSION + 1} on; this one reads versions up to {VERSION}: "
            "update Composure to resume it",
        ),
        (
            {"version": VERSION + 5, "min_compatible": None},
            f"this session was saved by a newer Composure in format version {VERSION + 5}; "
            f"this one reads versions up to {VERSION}: update Composure to resume it",
        ),
        (
            {"version": 0},
            f"this session was saved in format version 0; this version of Composure reads versions 1 to {VERSION}",
        ),
    ],
)
def test_a_save_we_cannot_read_is_refused_in_a_sentence(changes: dict[str, Any], expected: str) -> None:
    scenario = load_scenario(SHIPPED[0])
    save = saved_games(scenario)[0] | changes
    with pytest.raises(SessionStateError) as refused:
        Session.from_dict(scenario, save)
    assert str(refused.value) == expected
