"""Every shipped scenario, played by a seeded random trainee through real Sessions.

Whatever a trainee picks, the conversation must end within a bounded number of answers,
the debrief must work and its numbers must make sense; and every shipped scenario must
load without a single error or warning.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from game.engine.judging.analysis import analysis_for
from game.engine.judging.scoring import GRADES, result, session_root
from game.engine.judging.statespace import State
from game.engine.model import Scenario
from game.engine.playing import rules
from game.engine.playing.session import Session
from game.storage.scenario_files import PRINCIPLES_FILE, load_library, load_report, load_scenario
from game.tools.autoplay import play_out
from tests.paths import SCENARIOS

SEEDS = range(200)
SHIPPED = sorted(p for p in SCENARIOS.glob("*.yaml") if p.name != PRINCIPLES_FILE)
IDS = [p.stem for p in SHIPPED]
LETTERS = {letter for _, letter in GRADES}


class TooLong(Exception):
    pass


def bounded(session: Session, limit: int) -> Session:
    """Make `session` raise TooLong on its answer number `limit + 1`, so no run can hang the tests."""
    answers = 0

    def counted(method):
        def answer(*args, **kwargs):
            nonlocal answers
            answers += 1
            if answers > limit:
                raise TooLong(f"still at '{session.place}' after {limit} answers (seed {session.seed})")
            return method(*args, **kwargs)

        return answer

    session.choose_id = counted(session.choose_id)  # type: ignore[method-assign]
    session.timeout = counted(session.timeout)  # type: ignore[method-assign]
    return session


def in_analysis_order(scenario: Scenario) -> list[int]:
    """Every seed, grouped by the analysis its debrief is scored against (the temperament and the
    start), so the few analyses `analysis_for` remembers are made once per group, not once per seed."""
    groups: dict[tuple[int, State], list[int]] = {}
    for seed in SEEDS:
        start = Session.start(scenario, seed)
        groups.setdefault((start.temperament, session_root(start)), []).append(seed)
    return [seed for seeds in groups.values() for seed in seeds]


def test_there_are_shipped_scenarios() -> None:
    assert SHIPPED, f"no scenarios found in {SCENARIOS}"


@pytest.mark.parametrize("path", SHIPPED, ids=IDS)
def test_shipped_scenario_loads_without_errors_or_warnings(path: Path) -> None:
    report = load_report(path)
    assert [str(d) for d in report.diagnostics] == []
    assert load_scenario(path).id


def test_shipped_library_has_no_diagnostics() -> None:
    """Cross-file checks (duplicate ids, the principles file) as `main.py validate` runs them."""
    assert [str(d) for d in load_library([SCENARIOS]).diagnostics] == []


@pytest.mark.parametrize("path", SHIPPED, ids=IDS)
def test_random_play_always_finishes_with_a_sensible_debrief(path: Path) -> None:
    scenario = load_scenario(path)
    limit = max(50, 10 * len(scenario.nodes))
    threshold = scenario.customer.walks_out_at
    seeds = in_analysis_order(scenario)
    assert sorted(seeds) == list(SEEDS)
    for seed in seeds:
        session = play_out(bounded(Session.start(scenario, seed), limit), "random", seed)
        assert session.finished
        outcome = result(session)
        where = f"{path.name} seed {seed}"

        scores = outcome.scores
        for name, value in scores.as_dict().items():
            if name != "grade":
                assert isinstance(value, int) and 0 <= value <= 100, f"{where}: {name} = {value}"
        assert scores.grade in LETTERS and len(scores.grade) == 1 and scores.grade in string.ascii_uppercase
        low, high = analysis_for(scenario, session.temperament, session_root(session)).standing.band(outcome.outcome)
        assert low <= scores.overall <= high, where  # each outcome has its band (docs/scoring.md)

        assert len(outcome.reviews) == len(session.history) <= limit, where
        assert outcome.path[0] == scenario.start and outcome.path[-1] == outcome.ending.id, where
        assert outcome.final_anger == session.anger, where
        assert all(rules.ANGER_MIN <= a <= rules.ANGER_MAX for a in outcome.anger_curve), where
        assert len(outcome.anger_curve) == len(session.history) + 1, where
        if threshold is not None and outcome.final_anger >= threshold:
            assert outcome.ending.id == scenario.customer.walks_out_to, f"{where}: anger {outcome.final_anger}"
        for review in outcome.reviews:
            assert review.text, where
            assert review.better_id is None or review.better_text, where

        saved = session.to_dict()
        assert Session.from_dict(scenario, saved).to_dict() == saved, f"{where}: restore changed the session"
