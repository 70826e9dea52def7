"""Golden transcripts: scripted conversations must read exactly as the files in golden/.

Each run in golden/runs.json is played twice through real Sessions: straight, and with a
save to JSON and restore after every turn. Both transcripts must equal the golden file, so
a change to content, presentation, scoring or save/restore shows up here as a readable diff.
"""

from __future__ import annotations

import difflib
import json

import pytest

from game.engine.playing.session import TIMEOUT, Session
from game.storage.scenario_files import load_scenario
from game.tools.autoplay import play_out
from tests.content.transcript import GOLDEN, RUNS, UPDATE_COMMAND, Run, load_runs, transcript

RUN_LIST = load_runs()


def mismatch(run: Run, expected: str, actual: str, kind: str) -> str:
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"golden/{run.golden.name}",
            tofile=f"{kind} transcript",
        )
    )
    return (
        f"the {kind} transcript of '{run.name}' differs from golden/{run.golden.name}:\n{diff}\n"
        f"If the change is intended, regenerate the goldens with `{UPDATE_COMMAND}` "
        "from the repository root and review the diff."
    )


@pytest.fixture(scope="module")
def scenarios() -> dict[str, object]:
    return {run.scenario: load_scenario(run.scenario_path) for run in RUN_LIST}


@pytest.mark.parametrize("run", RUN_LIST, ids=[run.name for run in RUN_LIST])
@pytest.mark.parametrize("round_trip", [False, True], ids=["straight", "round-trip"])
def test_transcript_matches_golden(run: Run, round_trip: bool, scenarios: dict) -> None:
    assert run.golden.exists(), f"golden/{run.golden.name} is missing; create it with `{UPDATE_COMMAND}`"
    expected = run.golden.read_text(encoding="utf-8")
    actual = transcript(scenarios[run.scenario], run.seed, run.choices, round_trip=round_trip)
    kind = "round-trip" if round_trip else "straight"
    assert actual == expected, mismatch(run, expected, actual, kind)


def test_every_golden_file_has_a_run() -> None:
    files = {path.stem for path in GOLDEN.glob("*.txt")}
    assert files == {run.name for run in RUN_LIST}, f"golden files and {RUNS.name} disagree"


def test_runs_cover_what_they_claim(scenarios: dict) -> None:
    """The table keeps its promises: every ending kind, a timeout, gated and locked choices."""
    texts = {run.name: run.golden.read_text(encoding="utf-8") for run in RUN_LIST}
    by_name = {run.name: run for run in RUN_LIST}
    assert "=== Ending: walked-out:" in texts["walk-out"]
    assert "=== Ending: handed-over:" in texts["supervisor-handover"]
    assert TIMEOUT in by_name["timer-runs-out"].choices
    assert "Answer: (timeout)" in texts["timer-runs-out"]
    assert "[account-fine]" in "\n".join(
        line for line in texts["conditional-choice"].splitlines() if line.startswith("Answer:")
    )
    assert "[UNAVAILABLE: " in texts["unavailable-hint"]
    assert not any("[UNAVAILABLE: (no hint)]" in text for text in texts.values()), "a locked choice has no hint"
    endings = {
        line.split(":")[1].strip()
        for name, text in texts.items()
        if by_name[name].scenario == "angry-walk-in.yaml"
        for line in text.splitlines()
        if line.startswith("=== Ending:")
    }
    assert endings == set(scenarios["angry-walk-in.yaml"].endings), "every ending of the walk-in has a golden"


def test_best_path_is_what_the_best_player_chooses(scenarios: dict) -> None:
    run = next(run for run in RUN_LIST if run.name == "best-path")
    session = play_out(Session.start(scenarios[run.scenario], run.seed), "best", run.seed)
    assert tuple(step.choice for step in session.history) == run.choices
    assert "Overall: 100 (grade A)" in run.golden.read_text(encoding="utf-8")


def test_restored_session_saves_the_same_dict(scenarios: dict) -> None:
    """Beyond the transcript: a restore of a save saves to exactly the same data."""
    for run in RUN_LIST:
        scenario = scenarios[run.scenario]
        session = Session.start(scenario, run.seed)
        for choice_id in run.choices:
            session.timeout() if choice_id == TIMEOUT else session.choose_id(choice_id)
            saved = json.loads(json.dumps(session.to_dict()))
            assert Session.from_dict(scenario, saved).to_dict() == saved, run.name
