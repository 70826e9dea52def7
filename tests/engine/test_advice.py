"""Practise next: the weakest principles first, never more than one rung above what was handled."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import practise_next, principles_practised
from game.engine.judging.advice import MASTERED, PASSED
from game.engine.model import Scenario
from game.storage.scenario_files import load_scenario, scenario_paths
from tests.paths import SCENARIOS


@pytest.fixture(scope="module")
def library() -> list[Scenario]:
    return [load_scenario(path) for path in scenario_paths(SCENARIOS)]


def easiest(library: list[Scenario]) -> int:
    return min(s.difficulty for s in library)


def test_a_new_trainee_starts_on_the_easiest_rung(library: list[Scenario]) -> None:
    practice = practise_next(library, {}, {})
    assert practice is not None
    chosen = next(s for s in library if s.id == practice.scenario_id)
    assert chosen.difficulty == easiest(library)
    assert "not tried it yet" in practice.reason and practice.title == chosen.title


def test_a_broken_principle_picks_a_scenario_that_practises_it(library: list[Scenario]) -> None:
    bottom = [s for s in library if s.difficulty == easiest(library)]
    principle = sorted(principles_practised(bottom[-1]) - principles_practised(bottom[0]))[0]
    practice = practise_next(library, {}, {principle: 3})
    assert practice is not None
    chosen = next(s for s in library if s.id == practice.scenario_id)
    assert principle in principles_practised(chosen) and chosen.difficulty == easiest(library)
    name = chosen.principles[principle].name
    assert practice.reason == f"It practises “{name}”, which your answers have missed 3 times."


def test_passing_the_bottom_rung_opens_the_next(library: list[Scenario]) -> None:
    best = {s.id: MASTERED for s in library if s.difficulty == easiest(library)}
    practice = practise_next(library, best, {})
    assert practice is not None
    assert next(s for s in library if s.id == practice.scenario_id).difficulty == easiest(library) + 1


def test_a_mastered_library_suggests_its_weakest_best(library: list[Scenario]) -> None:
    best = {s.id: 100 for s in library} | {library[3].id: MASTERED}
    practice = practise_next(library, best, {"anything": 5})
    assert practice is not None and practice.scenario_id == library[3].id
    assert "keep it sharp" in practice.reason


def test_an_empty_library_has_nothing_to_suggest() -> None:
    assert practise_next([], {}, {}) is None


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_suggestion_respects_the_ladder(library: list[Scenario], data: st.DataObject) -> None:
    ids = [s.id for s in library]
    best = data.draw(st.dictionaries(st.sampled_from(ids), st.integers(0, 100)))
    every_principle = sorted(set().union(*(principles_practised(s) for s in library)))
    broken = data.draw(st.dictionaries(st.sampled_from(every_principle), st.integers(1, 20)))
    practice = practise_next(library, best, broken)
    assert practice is not None
    chosen = next(s for s in library if s.id == practice.scenario_id)
    passed = [s.difficulty for s in library if best.get(s.id, -1) >= PASSED]
    ceiling = max(passed) + 1 if passed else easiest(library)
    if any(best.get(s.id, -1) < MASTERED and s.difficulty <= ceiling for s in library):
        assert chosen.difficulty <= ceiling and best.get(chosen.id, -1) < MASTERED
    else:
        assert best[chosen.id] == min(best.values())
