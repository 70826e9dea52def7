"""What a Session costs and says: a start that does the same work at any size, one transition per
answer, the `Answered` each answer returns, and `rewound(n)` for the debrief's Rewind."""

from __future__ import annotations

import random
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine.model import Scenario
from game.engine.playing.machine import machine_for
from game.engine.playing.session import TIMEOUT, InvalidChoice, Session
from game.storage.scenario_files import load_scenario
from tests.inline_scenarios import header, scenario_from

ANGRY_WALK_IN = Path(__file__).resolve().parents[2] / "scenarios" / "angry-walk-in.yaml"


@pytest.fixture(scope="module")
def walk_in() -> Scenario:
    return load_scenario(ANGRY_WALK_IN)


def tree(size: int) -> Scenario:
    """bench/ink_peer.py's story: node i offers three choices, to 3i+1..3i+3 or the ending."""
    lines = [
        header("tree", '  name: "T"\n  portrait: caller-woman\n  anger: 50\n  walks_out_at: 99\n  walks_out_to: gone')
    ]
    lines.append("start: n0\nnodes:")
    for node in range(size):
        lines.append(f'  n{node}:\n    say: "Line {node}."\n    choices:')
        targets = [f"n{to}" if to < size else "end" for to in range(3 * node + 1, 3 * node + 4)]
        lines += [f'      - {{id: c{k}, text: "C{k}", next: {to}}}' for k, to in enumerate(targets)]
    lines.append(
        'endings:\n  end: {outcome: resolved, title: "E", text: "e"}\n  gone: {outcome: lost, title: "G", text: "g"}'
    )
    return scenario_from("\n".join(lines))


def calls_made(action: Callable[[], object]) -> Counter[str]:
    """Every Python and builtin function called while `action` runs, by name."""
    calls: Counter[str] = Counter()

    def count(frame, event, arg) -> None:  # type: ignore[no-untyped-def]
        if event == "call":
            calls[frame.f_code.co_qualname] += 1
        elif event == "c_call":
            calls[arg.__qualname__] += 1

    sys.setprofile(count)
    try:
        action()
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize("seed", [0, 7])
def test_starting_a_session_does_the_same_work_at_any_size(seed: int) -> None:
    small, large = tree(10), tree(3_000)
    for scenario in (small, large):
        machine_for(scenario)  # built once per scenario, not per session
    work = [calls_made(lambda scenario=scenario: Session.start(scenario, seed)) for scenario in (small, large)]
    assert work[0] == work[1]
    assert not any("add_model" in name or "_add_model_to_state" in name for name in work[1])


def test_an_answer_does_the_same_work_at_any_size() -> None:
    small, large = Session.start(tree(10)), Session.start(tree(3_000))
    for session in (small, large):
        session.view()
    assert calls_made(lambda: small.choose(1)) == calls_made(lambda: large.choose(1))


@pytest.mark.parametrize(("choice", "anger", "walks"), [("doormat", 40, False), ("snap-back", 94, True)])
def test_an_answer_checks_the_walk_out_once_and_applies_its_effects_once(
    walk_in: Scenario, choice: str, anger: int, walks: bool
) -> None:
    session = Session.start(walk_in, 0, at="interrupts", anger=anger)
    session.view()
    calls = calls_made(lambda: session.choose_id(choice))
    assert (calls["Move.walks_out"], calls["Move.applied"]) == (1, 1)
    assert (session.place == walk_in.customer.walks_out_to) is walks


@pytest.mark.parametrize(
    ("at", "flags", "choice", "set_", "cleared"),
    [
        ("vent", set(), "write-down", {"complaint-noted"}, set()),
        ("vent", {"complaint-noted"}, "write-down", set(), set()),  # already set: nothing changed
        ("cant-deliver", {"promised-move", "promised-credit"}, "come-clean", set(), {"promised-move"}),
        ("relief", set(), "promise-move", {"promised-move"}, set()),
    ],
)
def test_choose_says_which_flags_it_set_and_cleared(walk_in: Scenario, at, flags, choice, set_, cleared) -> None:
    session = Session.start(walk_in, 0, at=at, anger=40, flags=flags)
    answered = session.choose_id(choice)
    assert (answered.flags_set, answered.flags_cleared) == (set_, cleared)
    assert session.flags == (frozenset(flags) | set_) - cleared


def test_choose_says_what_happened_without_comparing_views(walk_in: Scenario) -> None:
    rng = random.Random(3)
    for seed in range(30):
        session = Session.start(walk_in, seed)
        while not session.finished:
            before, step_count = session.view(), len(session.history)
            offered = [o.choice_id for o in before.options if o.available]
            move = rng.choice(offered + ([TIMEOUT] if before.timer else []))
            answered = session.timeout() if move == TIMEOUT else session.choose_id(move)
            step = session.history[step_count]
            assert (answered.choice_id, answered.anger_before, answered.anger_after) == (
                move,
                before.anger,
                session.anger,
            )
            assert (step.choice, step.anger_before, step.anger_after) == (move, before.anger, session.anger)
            assert answered.place == session.place and answered.ending is session.ending
            assert answered.ended == session.finished == session.view().finished


def test_an_answer_that_ends_names_the_ending(walk_in: Scenario) -> None:
    answered = Session.start(walk_in, 1, at="interrupts", anger=94).choose_id("snap-back")
    assert answered.ended and answered.place == "walked-out" and answered.ending is walk_in.endings["walked-out"]


def played(scenario: Scenario, seed: int) -> Session:
    session, rng = Session.start(scenario, seed), random.Random(seed)
    while not session.finished:
        offered = [o.choice_id for o in session.view().options if o.available]
        session.choose_id(rng.choice(offered), seconds=round(rng.uniform(1, 9), 1))
    return session


@pytest.mark.parametrize("seed", [0, 1, 5, 42])
def test_rewound_equals_replaying_the_first_answers(walk_in: Scenario, seed: int) -> None:
    session = played(walk_in, seed)
    saved = session.to_dict()
    for answers in range(len(session.history) + 1):
        rewound = session.rewound(answers)
        replayed = Session.from_dict(walk_in, saved | {"history": saved["history"][:answers]})
        assert rewound.to_dict() == replayed.to_dict()
        assert rewound.view() == replayed.view()
        assert rewound.history == session.history[:answers]
    assert session.to_dict() == saved  # rewinding leaves the session itself as it was


@pytest.mark.parametrize("answers", [-1, 99])
def test_rewound_refuses_answers_that_were_not_given(walk_in: Scenario, answers: int) -> None:
    session = played(walk_in, 0)
    with pytest.raises(InvalidChoice, match=f"there are {len(session.history)} answers"):
        session.rewound(answers)
