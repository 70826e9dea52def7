"""The attempt record the results history keeps: the debrief's figures and every answer, in plain values."""

from __future__ import annotations

import dataclasses
import json
import random

import pytest

from game.engine import EngineError, Session, attempt_record
from game.engine.model import Scenario
from game.storage.scenario_files import load_scenario
from tests.paths import SCENARIOS


@pytest.fixture(scope="module", params=["angry-walk-in", "phone-notes", "lunchtime-queue"])
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(SCENARIOS / f"{request.param}.yaml")


def played(scenario: Scenario, seed: int, pick: str) -> Session:
    """A finished session: always the first, the last or a random available answer (timeouts where timed)."""
    session, chooser = Session.start(scenario, seed), random.Random(seed)
    while not session.view().finished:
        view = session.view()
        available = [i for i, option in enumerate(view.options) if option.available]
        if not available:
            session.timeout(3.0)
            continue
        index = {"first": available[0], "last": available[-1]}.get(pick, chooser.choice(available))
        session.choose(index, seconds=1.5)
    return session


@pytest.mark.parametrize("seed", range(8))
def test_the_record_says_what_the_debrief_says(scenario: Scenario, seed: int) -> None:
    session = played(scenario, seed, ["first", "last", "random"][seed % 3])
    record, debrief = attempt_record(session), session.result()
    assert (record.scenario_id, record.scenario_digest, record.seed) == (scenario.id, scenario.digest, seed)
    assert (record.ending, record.outcome, record.overall, record.grade) == (
        debrief.ending.id,
        debrief.outcome.value,
        debrief.scores.overall,
        debrief.scores.grade,
    )
    assert len(record.answers) == len(session.history) == len(debrief.reviews)
    for answer, step, review in zip(record.answers, session.history, debrief.reviews, strict=True):
        assert (answer.node, answer.choice_id, answer.anger_before, answer.anger_after) == (
            step.node,
            step.choice,
            step.anger_before,
            step.anger_after,
        )
        assert answer.text == review.text and answer.feedback == review.feedback
        assert answer.best == (review.better_id is None) and answer.best == (answer.better_text == "")
        assert 0.0 <= answer.quality <= 1.0
        assert not (answer.best and answer.worst) or answer.quality == 1.0


def test_it_is_plain_data_that_survives_json(scenario: Scenario) -> None:
    plain = dataclasses.asdict(attempt_record(played(scenario, 3, "random")))
    assert json.loads(json.dumps(plain)) == plain | {"answers": list(plain["answers"])}


def test_worst_play_is_marked_worst_and_best_play_best(scenario: Scenario) -> None:
    """The walk-in's best and worst lines, as the analysis plays them: the flags follow the play."""
    from game.engine import analysis_for, session_root

    for worst in (False, True):
        session = Session.start(scenario, 11)
        analysis = analysis_for(scenario, session.temperament, session_root(session))
        for _state, edge in analysis.extreme_play(worst=worst):
            node = scenario.nodes[session.place]
            if edge.option == len(node.choices):
                session.timeout(1.0)
            else:
                session.choose_id(node.choices[edge.option].id, 1.0)
        answers = attempt_record(session).answers
        assert answers
        if worst:
            assert any(a.worst for a in answers) and not all(a.best for a in answers)
        else:
            assert all(a.best for a in answers) and not any(a.worst for a in answers)


def test_an_unfinished_session_has_no_record(scenario: Scenario) -> None:
    with pytest.raises(EngineError, match="not ended"):
        attempt_record(Session.start(scenario, 1))
