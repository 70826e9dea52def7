"""Real attempts for the results tests and the kill test's child: sessions of a shipped scenario,
played to the end with seeded choices, and the records the engine makes of them."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from game.engine import AttemptRecord, Session, attempt_record
from game.engine.model import Scenario
from game.storage.scenario_files import load_scenario
from game.storage.trainees import Trainee
from tests.paths import ANGRY_WALK_IN

ANA = Trainee(id="a" * 32, name="Ana Ruiz", email="ana@example.org")
BEN = Trainee(id="b" * 32, name="Ben Okafor")
EPOCH = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def walk_in() -> Scenario:
    return load_scenario(ANGRY_WALK_IN)


def answer_one(session: Session, chooser: random.Random) -> None:
    """One answer, chosen by `chooser` among those on offer (the timer running out when none is)."""
    view = session.view()
    available = [index for index, option in enumerate(view.options) if option.available]
    if available:
        session.choose(chooser.choice(available), seconds=round(chooser.uniform(1.0, 20.0), 3))
    else:
        session.timeout(3.0)


def played(scenario: Scenario, seed: int) -> Session:
    """A finished session, its answers drawn from `seed`."""
    session, chooser = Session.start(scenario, seed), random.Random(seed)
    while not session.view().finished:
        answer_one(session, chooser)
    return session


def attempt(scenario: Scenario, seed: int) -> AttemptRecord:
    return attempt_record(played(scenario, seed))


def utc(seconds: float) -> str:
    """A moment `seconds` after the tests' epoch, as the results history writes times."""
    moment = EPOCH + timedelta(seconds=seconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
