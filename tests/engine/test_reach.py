"""The fast anger-set reachability agrees exactly with the state-by-state exploration."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from game.engine.judging.statespace import explore
from game.engine.model import Scenario
from game.engine.playing.rules import clamp_anger
from game.engine.reading.loader import read_scenario
from game.engine.reading.reach import ALL, reachability, shifted, span
from game.storage.scenario_files import load_principles, load_scenario
from tests.paths import ANGRY_WALK_IN, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from generate_scenario import generate


def grouped(scenario: Scenario, temperament: int) -> dict[tuple[str, frozenset[str]], int]:
    """explore()'s states as reachability reports them: (place, flags) -> bit set of angers."""
    found: dict[tuple[str, frozenset[str]], int] = {}
    for state in explore(scenario, temperament).states:
        key = (state.place, state.flags)
        found[key] = found.get(key, 0) | 1 << state.anger
    return found


def generated(nodes: int) -> Scenario:
    principles, _ = load_principles(ROOT / "scenarios")
    return read_scenario(generate(nodes).encode(), f"bench-{nodes}.yaml", principles).scenario_or_raise()


@pytest.mark.parametrize("temperament", [50, 85, 100, 120, 200])
def test_same_situations_as_exploring_the_angry_walk_in(temperament: int) -> None:
    scenario = load_scenario(ANGRY_WALK_IN)
    assert reachability(scenario, temperament).reached == grouped(scenario, temperament)


@pytest.mark.parametrize("path", [ROOT / "docs" / "examples" / "worked-example.yaml"])
def test_same_situations_in_the_worked_example(path: Path) -> None:
    scenario = load_scenario(path)
    assert reachability(scenario, 100).reached == grouped(scenario, 100)


@pytest.mark.parametrize("temperament", [90, 110])
def test_same_situations_in_a_generated_scenario_with_routes_timers_and_flags(temperament: int) -> None:
    scenario = generated(200)
    assert reachability(scenario, temperament).reached == grouped(scenario, temperament)


@pytest.mark.parametrize("delta", [-101, -100, -37, -1, 0, 1, 5, 37, 100, 101, 150])
def test_a_shift_moves_every_anger_like_the_rules_do(delta: int) -> None:
    for angers in (ALL, span(0, 10), span(90, 100), 1 << 50, span(20, 30) | span(70, 80)):
        expected = 0
        for anger in range(101):
            if angers >> anger & 1:
                expected |= 1 << clamp_anger(anger + delta)
        assert shifted(angers, delta) == expected
