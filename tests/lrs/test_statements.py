"""The xAPI statements of real attempts: every one valid by Ralph's xAPI models (the rules a Ralph
LRS applies when it receives them), in the order they happened, one registration per attempt, an id
of its own each; the trainee by e-mail or by account; the debrief's facts as extensions."""

from __future__ import annotations

import dataclasses
import json
import math
import random
import re
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ralph.models.xapi.base.statements import BaseXapiStatement
from ralph.models.xapi.concepts.verbs.adl_vocabulary import AnsweredVerb
from ralph.models.xapi.concepts.verbs.scorm_profile import CompletedVerb, InitializedVerb

from game.engine import PASSED, AttemptRecord, Session, attempt_record
from game.storage.lrs import LrsConfig, load_lrs_config, statements_for
from game.storage.lrs.statements import INTERACTION, SIMULATION, iso_duration
from game.storage.scenario_files import load_scenario
from game.storage.trainees import EMAIL, Trainee, TraineeError, checked_email, checked_name
from game.tools.autoplay import play_out
from tests.paths import ANGRY_WALK_IN, ROOT

CONFIG = LrsConfig("http://127.0.0.1:8100/xAPI/", "composure", "secret")
ANA = Trainee("a" * 32, "Ana Ruiz", "ana@example.org")
BEN = Trainee("b" * 32, "Ben Okafor")
STARTED, ENDED = "2026-12-01T09:00:00.000Z", "2026-12-01T09:04:30.250Z"
VERBS = "http://adlnet.gov/expapi/verbs/"
KNOWN_VERBS = {"answered": AnsweredVerb, "initialized": InitializedVerb, "completed": CompletedVerb}
WALK_IN = load_scenario(ANGRY_WALK_IN)
DOCS = ROOT / "docs" / "lrs.md"
# Mostly what an address holds, with what no address may hold and anything else mixed in.
ADDRESS_PIECES = (
    st.sampled_from([*"az09-._~/:@!$&'()*+,;=", "%41", "%", "é", "語", *' <>"{}|\\^`[]?#']) | st.characters()
)


@pytest.fixture(scope="module")
def best() -> AttemptRecord:
    return attempt_record(play_out(Session.start(WALK_IN, seed=3), "best"))


@pytest.fixture(scope="module")
def worst() -> AttemptRecord:
    return attempt_record(play_out(Session.start(WALK_IN, seed=3), "worst"))


def assert_valid(statement: dict[str, Any]) -> None:
    """Valid xAPI as sent: through JSON, by Ralph's base statement model and, where Ralph knows the
    verb, by that verb's model; in UTC."""
    sent = json.loads(json.dumps(statement, allow_nan=False))
    BaseXapiStatement.model_validate(sent)
    verb = sent["verb"]["id"].removeprefix(VERBS)
    if verb in KNOWN_VERBS:
        KNOWN_VERBS[verb].model_validate(sent["verb"])
    assert sent["timestamp"].endswith("Z")
    assert uuid.UUID(sent["id"]).version == 4


def verbs_of(statements: list[dict[str, Any]]) -> list[str]:
    return [statement["verb"]["id"].removeprefix(VERBS) for statement in statements]


def extensions(part: dict[str, Any]) -> dict[str, Any]:
    """A result's or context's extensions by their short names."""
    prefix = CONFIG.activity_base + "extensions/"
    assert all(key.startswith(prefix) for key in part["extensions"])
    return {key.removeprefix(prefix): value for key, value in part["extensions"].items()}


@pytest.mark.parametrize("trainee", [ANA, BEN], ids=["by e-mail", "by account"])
@pytest.mark.parametrize("play", ["best", "worst"])
def test_every_statement_of_a_real_attempt_is_valid_xapi_in_the_order_played(
    trainee: Trainee, play: str, request: pytest.FixtureRequest
) -> None:
    attempt: AttemptRecord = request.getfixturevalue(play)
    statements = statements_for(trainee, attempt, STARTED, ENDED, CONFIG)
    for statement in statements:
        assert_valid(statement)
    ending = "passed" if play == "best" else "failed"
    assert verbs_of(statements) == ["initialized", *["answered"] * len(attempt.answers), "completed", ending]
    assert len({statement["context"]["registration"] for statement in statements}) == 1
    assert len({statement["id"] for statement in statements}) == len(statements)
    times = [statement["timestamp"] for statement in statements]
    assert times == sorted(times) and times[0] == STARTED and times[-1] == ENDED


def test_the_scenario_is_a_simulation_and_each_answer_a_choice_under_it(best: AttemptRecord) -> None:
    statements = statements_for(ANA, best, STARTED, ENDED, CONFIG)
    scenario_id = CONFIG.activity_base + "scenarios/angry-walk-in"
    for statement in (statements[0], *statements[-2:]):
        assert statement["object"]["id"] == scenario_id
        assert statement["object"]["definition"] == {"name": {"en": best.scenario_title}, "type": SIMULATION}
    for statement, answer in zip(statements[1:-2], best.answers, strict=True):
        activity = statement["object"]
        assert activity["id"] == f"{scenario_id}/nodes/{answer.node}/choices/{answer.choice_id}"
        assert activity["definition"] == {"name": {"en": answer.text}, "type": INTERACTION, "interactionType": "choice"}
        assert statement["context"]["contextActivities"]["parent"] == [{"objectType": "Activity", "id": scenario_id}]
        assert statement["result"]["response"] == answer.text


def test_an_answer_carries_what_the_debrief_knows_of_it(worst: AttemptRecord) -> None:
    statements = statements_for(BEN, worst, STARTED, ENDED, CONFIG)
    first, answer = statements[1], worst.answers[0]
    facts = extensions(first["result"])
    assert facts["position"] == 1 and facts["node"] == answer.node and facts["choice"] == answer.choice_id
    assert (facts["anger-before"], facts["anger-after"]) == (answer.anger_before, answer.anger_after)
    assert (facts["principle"], facts["principle-name"]) == (answer.principle, answer.principle_name)
    assert (facts["best-available"], facts["worst"], facts["better-answer"]) == (False, True, answer.better_text)
    assert facts["quality"] == answer.quality
    assert "seconds" not in facts and "duration" not in first["result"]  # autoplay measures no time
    assert extensions(first["context"])["time-limits"] == worst.time_limits == "normal"


def test_a_fact_with_nothing_to_say_is_left_out_not_sent_empty(best: AttemptRecord) -> None:
    for statement, answer in zip(statements_for(ANA, best, STARTED, ENDED, CONFIG)[1:-2], best.answers, strict=True):
        assert answer.best and not answer.better_text
        assert "better-answer" not in extensions(statement["result"])
        assert all(value != "" for value in statement["result"]["extensions"].values())


def test_the_end_carries_the_scores_and_the_time_taken(best: AttemptRecord, worst: AttemptRecord) -> None:
    for attempt in (best, worst):
        completed, verdict = statements_for(ANA, attempt, STARTED, ENDED, CONFIG)[-2:]
        score = {"scaled": attempt.overall / 100, "raw": attempt.overall, "min": 0, "max": 100}
        assert completed["result"]["score"] == verdict["result"]["score"] == score
        assert completed["result"]["completion"] is True
        assert verdict["result"]["success"] is (attempt.overall >= PASSED)
        assert verdict["result"]["duration"] == "PT4M30.25S"
        facts = extensions(verdict["result"])
        assert [facts[name] for name in ("composure", "assertiveness", "resolution")] == [
            attempt.composure,
            attempt.assertiveness,
            attempt.resolution,
        ]
        assert (facts["grade"], facts["ending"], facts["outcome"]) == (attempt.grade, attempt.ending, attempt.outcome)
    assert best.overall >= PASSED > worst.overall


@pytest.fixture(scope="module")
def walk_in_timed_out() -> AttemptRecord:
    """An attempt with measured answer times and the timer running out at the second answer."""
    session = Session.start(WALK_IN, seed=5)
    session.choose_id("i-understand", seconds=4.0)
    assert session.view().place == "louder" and session.view().timer is not None
    session.timeout(12.5)
    return attempt_record(play_out(session, "best"))


def test_a_timeout_is_an_answer_of_its_own_with_its_time(walk_in_timed_out: AttemptRecord) -> None:
    attempt = walk_in_timed_out
    statements = statements_for(BEN, attempt, STARTED, ENDED, CONFIG)
    for statement in statements:
        assert_valid(statement)
    timed_out = statements[2]
    assert timed_out["object"]["id"] == CONFIG.activity_base + "scenarios/angry-walk-in/nodes/louder/timeout"
    assert timed_out["result"]["response"] == attempt.answers[1].text == "(no answer in time)"
    assert timed_out["result"]["duration"] == "PT12.5S"
    assert extensions(timed_out["result"])["seconds"] == 12.5
    assert timed_out["timestamp"] == "2026-12-01T09:00:16.500Z"  # after both answers' times


def test_each_call_makes_new_statement_ids_and_the_same_activity_ids(best: AttemptRecord) -> None:
    first, second = (statements_for(ANA, best, STARTED, ENDED, CONFIG) for _ in range(2))
    assert not {s["id"] for s in first} & {s["id"] for s in second}
    assert first[0]["context"]["registration"] != second[0]["context"]["registration"]
    assert [s["object"]["id"] for s in first] == [s["object"]["id"] for s in second]
    again = json.loads(json.dumps(first))
    assert [s["id"] for s in again] == [s["id"] for s in first]  # the ids travel with the statements


@pytest.mark.parametrize(
    ("email", "by_mail"),
    [
        ("ana@example.org", True),
        ("Ana.Ruiz+training@mail.example.co.uk", True),
        ("", False),
        ("ana..ruiz@example.org", False),  # the trainee list takes it; an LRS would not
        ("ana@training.test", False),  # a name reserved for testing, never a mailbox
        ("ana@bücher.example.org", False),
    ],
)
def test_the_trainee_is_known_by_e_mail_or_else_by_account(email: str, by_mail: bool) -> None:
    trainee = Trainee("c" * 32, "Ana Ruiz", checked_email(email))
    config = LrsConfig(CONFIG.endpoint, "u", "p", home_page="https://training.example.com")
    actor = statements_for(trainee, attempt_of_one_answer(), STARTED, ENDED, config)[0]["actor"]
    assert actor["name"] == "Ana Ruiz"
    if by_mail:
        assert actor["mbox"] == f"mailto:{email}" and "account" not in actor
    else:
        assert actor["account"] == {"homePage": "https://training.example.com", "name": "c" * 32}
        assert "mbox" not in actor


@pytest.mark.parametrize("seconds", [math.nan, math.inf, -1.0, 1e300])
def test_an_answer_time_that_cannot_be_true_is_left_out(worst: AttemptRecord, seconds: float) -> None:
    """What a damaged record might hold: NaN is not JSON, and no LRS takes a negative duration."""
    damaged = dataclasses.replace(worst, answers=tuple(dataclasses.replace(a, seconds=seconds) for a in worst.answers))
    statements = statements_for(ANA, damaged, STARTED, ENDED, CONFIG)
    for statement in statements:
        assert_valid(statement)
    for answered in statements[1:-2]:
        assert "duration" not in answered["result"] and "seconds" not in extensions(answered["result"])
        assert answered["timestamp"] == STARTED


def test_statements_share_no_part_a_change_could_leak_through(best: AttemptRecord) -> None:
    statements = statements_for(ANA, best, STARTED, ENDED, CONFIG)
    owners: dict[int, int] = {}
    for index, statement in enumerate(statements):
        for part in containers(statement):
            assert owners.setdefault(id(part), index) == index, (
                f"statements {owners[id(part)]} and {index} share {part}"
            )
    first, second = statements[:2]
    first["actor"]["name"] = "changed"
    first["context"]["extensions"].clear()
    assert second["actor"]["name"] == ANA.name and extensions(second["context"])["trainee"] == ANA.id


def containers(value: object) -> Iterator[object]:
    """Every dict and list inside `value`, itself included."""
    if isinstance(value, dict | list):
        yield value
        for inner in value.values() if isinstance(value, dict) else value:
            yield from containers(inner)


def test_a_trainee_without_a_name_is_sent_without_one() -> None:
    """The trainee list requires a name, but a record read back from a file is not checked again."""
    statement = statements_for(Trainee("d" * 32, ""), attempt_of_one_answer(), STARTED, ENDED, CONFIG)[0]
    assert_valid(statement)
    assert "name" not in statement["actor"]


def attempt_of_one_answer() -> AttemptRecord:
    session = Session.start(WALK_IN, seed=1)
    session.choose(0, seconds=2.0)
    return attempt_record(play_out(session, "worst"))


@pytest.mark.parametrize(
    ("seconds", "written"),
    [(0, "PT0S"), (0.004, "PT0S"), (2.5, "PT2.5S"), (59.999, "PT1M0S"), (61.05, "PT1M1.05S"), (3723.1, "PT1H2M3.1S")],
)
def test_durations_are_iso_8601_to_the_hundredth(seconds: float, written: str) -> None:
    assert iso_duration(timedelta(seconds=seconds)) == written


def names() -> st.SearchStrategy[str]:
    return st.text(min_size=1, max_size=50).map(lambda text: _or_none(checked_name, text)).filter(bool)


def emails() -> st.SearchStrategy[str]:
    typed = st.one_of(st.emails(), st.from_regex(EMAIL, fullmatch=True), st.just(""))
    return typed.map(lambda text: _or_none(checked_email, text)).filter(lambda email: email is not None)


def _or_none(check: Any, text: str) -> Any:
    try:
        return check(text)
    except TraineeError:
        return None


def drawn_attempt(data: st.DataObject) -> AttemptRecord:
    """A real attempt at the walk-in: any choices, any answer times, timeouts."""
    session = Session.start(WALK_IN, seed=data.draw(st.integers(0, 2**31 - 1), label="seed"))
    chooser = random.Random(data.draw(st.integers(0, 1000), label="choices"))
    while not session.view().finished:
        view = session.view()
        seconds = data.draw(st.one_of(st.none(), st.floats(0, 600, allow_nan=False)), label="seconds")
        available = [index for index, option in enumerate(view.options) if option.available]
        if view.timer is not None and (not available or data.draw(st.booleans(), label="time out")):
            session.timeout(seconds)
        else:
            session.choose(chooser.choice(available), seconds=seconds)
    return attempt_record(session)


@given(name=names(), email=emails(), data=st.data())
def test_any_trainee_and_any_attempt_make_valid_statements(name: str, email: str, data: st.DataObject) -> None:
    attempt = drawn_attempt(data)
    started = data.draw(st.datetimes(datetime(2000, 1, 1), datetime(2099, 1, 1)), label="started")
    took = data.draw(st.floats(0, 86400 * 3, allow_nan=False), label="took")
    ended = started + timedelta(seconds=took)
    statements = statements_for(Trainee(uuid.uuid4().hex, name, email), attempt, _utc(started), _utc(ended), CONFIG)
    for statement in statements:
        assert_valid(statement)
    assert len(statements) == len(attempt.answers) + 3
    times = [statement["timestamp"] for statement in statements]
    assert times == sorted(times)


def _utc(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds") + "Z"


def test_the_documentation_names_every_extension_sent_and_no_other(walk_in_timed_out: AttemptRecord) -> None:
    statements = statements_for(BEN, walk_in_timed_out, STARTED, ENDED, CONFIG)
    sent = {
        name
        for statement in statements
        for part in (statement["context"], statement.get("result", {}))
        if "extensions" in part
        for name in extensions(part)
    }
    documented = set()
    for row in DOCS.read_text(encoding="utf-8").split("### Extensions", 1)[1].split("\n## ", 1)[0].splitlines():
        if row.startswith("| `"):
            documented |= set(re.findall(r"`([a-z-]+)`", row.split("|")[1]))
    assert sent == documented


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    host=st.sampled_from(["learning.example.com", "127.0.0.1:8100", "bücher.example", "[::1]"]),
    path=st.lists(ADDRESS_PIECES, max_size=20).map("".join),
    home=st.lists(ADDRESS_PIECES, max_size=10).map("".join),
)
def test_any_address_the_settings_take_makes_valid_activity_ids(
    tmp_path: Path, best: AttemptRecord, host: str, path: str, home: str
) -> None:
    environ = {
        "COMPOSURE_LRS_ENDPOINT": CONFIG.endpoint,
        "COMPOSURE_LRS_USERNAME": "u",
        "COMPOSURE_LRS_PASSWORD": "p",
        "COMPOSURE_LRS_ACTIVITY_BASE": f"https://{host}/{path}",
        "COMPOSURE_LRS_HOME_PAGE": f"http://{host}/{home}",
    }
    loaded = load_lrs_config(tmp_path, environ)
    if loaded.config is None:  # refused, in a sentence
        assert loaded.problem.endswith(".") and "COMPOSURE_LRS_" in loaded.problem
        return
    config = loaded.config
    for statement in statements_for(BEN, best, STARTED, ENDED, config):
        assert_valid(statement)
        assert statement["object"]["id"].startswith(config.activity_base)


def test_the_documentation_s_example_is_valid_xapi() -> None:
    example = DOCS.read_text(encoding="utf-8").split("### An answer, as the LRS receives it", 1)[1]
    assert_valid(json.loads(example.split("```json", 1)[1].split("```", 1)[0]))
