"""Continuing a save against real scenario files: found where it was played from or by its id in
the library, replayed to the same point; and one sentence for each way it cannot go on (the file
gone, broken or holding another scenario; the node it had reached gone; answers that no longer
replay; a damaged session), with the scenario to start again when there is one."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Session
from game.storage.resuming import Resumable, Unresumable, resume_save
from game.storage.saves import SavedGame
from game.storage.scenario_files import PRINCIPLES_FILE, load_scenario
from tests.depth import scaled
from tests.paths import ANGRY_WALK_IN, SCENARIOS

SAM = "0123456789abcdef0123456789abcdef"
TITLE = "The Letter in Red"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A library of one scenario, with its principles, that a test may change."""
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(SCENARIOS / PRINCIPLES_FILE, folder)
    shutil.copy(ANGRY_WALK_IN, folder)
    return folder


def saved(path: Path, answers: list[str], **changes: Any) -> SavedGame:
    """A save of the walk-in at `path` after these answers."""
    session = Session.start(load_scenario(path), seed=3)
    for choice_id in answers:
        session.choose_id(choice_id)
    game = SavedGame(SAM, "angry-walk-in", str(path), session.to_dict(), 6.5, 0.0, "t0", "t1")
    return replace(game, **changes)


ANSWERS = ["i-understand", "yes-help", "write-down"]


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def offers_again(resumed: Unresumable, path: Path) -> bool:
    """Whether the scenario offered to start again is the one now in the file."""
    return resumed.scenario is not None and resumed.scenario.digest == load_scenario(path).digest


def test_a_save_resumes_at_exactly_the_point_it_was_saved(library: Path) -> None:
    game = saved(library / "angry-walk-in.yaml", ANSWERS)
    resumed = resume_save(game, library)
    assert isinstance(resumed, Resumable)
    assert resumed.session.to_dict() == game.session
    assert resumed.session.view() == Session.from_dict(resumed.scenario, game.session).view()
    assert resumed.session.place == "check-mood" or resumed.session.history[-1].choice == "write-down"
    assert (resumed.waited, resumed.call_seconds) == (6.5, 0.0)


def test_a_moved_file_is_found_by_its_id_in_the_library(library: Path) -> None:
    game = saved(library / "angry-walk-in.yaml", ANSWERS)
    (library / "angry-walk-in.yaml").rename(library / "walk-in-renamed.yaml")
    resumed = resume_save(game, library)
    assert isinstance(resumed, Resumable)
    assert resumed.scenario.path.endswith("walk-in-renamed.yaml")
    assert resumed.session.to_dict() == game.session


def test_a_file_that_now_holds_another_scenario_is_passed_over_for_the_library(library: Path) -> None:
    game = saved(library / "angry-walk-in.yaml", ANSWERS)
    elsewhere = library / "played-here.yaml"
    shutil.copy(SCENARIOS / "the-baiter.yaml", elsewhere)
    resumed = resume_save(replace(game, scenario_path=str(elsewhere)), library)
    assert isinstance(resumed, Resumable) and resumed.scenario.id == "angry-walk-in"


def holds_the_baiter(path: Path) -> None:
    shutil.copy(SCENARIOS / "the-baiter.yaml", path)


@pytest.mark.parametrize(
    ("change", "what"),
    [(Path.unlink, "is gone"), (holds_the_baiter, "now holds another scenario")],
    ids=["gone", "another scenario"],
)
def test_a_file_gone_or_holding_another_scenario_says_so(
    library: Path, change: Callable[[Path], object], what: str
) -> None:
    path = library / "angry-walk-in.yaml"
    game = saved(path, ANSWERS)
    change(path)
    assert resume_save(game, library) == Unresumable(
        f"Your progress in 'angry-walk-in' cannot be continued: its file {path} {what}, "
        "and no scenario in the library has its id."
    )


def test_a_file_with_mistakes_now_says_so_and_how_to_see_them(library: Path) -> None:
    path = library / "angry-walk-in.yaml"
    game = saved(path, ANSWERS)
    rewrite(path, "next: louder", "next: nowhere-at-all")
    assert resume_save(game, library) == Unresumable(
        f"Your progress in 'angry-walk-in' cannot be continued: its file {path} has mistakes in it now "
        f"(a trainer can list them with: python3 main.py validate {path})."
    )


def test_a_library_that_is_not_there_only_means_not_found(tmp_path: Path, library: Path) -> None:
    game = saved(library / "angry-walk-in.yaml", ANSWERS, scenario_path=str(tmp_path / "gone.yaml"))
    resumed = resume_save(game, tmp_path / "no-library")
    assert isinstance(resumed, Unresumable) and "is gone" in resumed.message and resumed.scenario is None


CHANGED = f"'{TITLE}' has changed since you saved"
NO_LONGER_FITS = {
    "the node reached is gone": (
        "louder",  # the node, every arrow to it and its comment
        "raised-voice",
        f"{CHANGED}: the part of the conversation you had reached is no longer in it, "
        "so your progress cannot be continued.",
    ),
    "an answer given has another effect": (
        "effects: {anger: 10, composure: -5, assertiveness: -5, resolution: -5}\n        feedback: \"You don't know",
        "effects: {anger: 5, composure: -5, assertiveness: -5, resolution: -5}\n        feedback: \"You don't know",
        f"{CHANGED}, and your answers no longer lead where they did, so your progress cannot be continued.",
    ),
}


@pytest.mark.parametrize(("old", "new", "message"), NO_LONGER_FITS.values(), ids=NO_LONGER_FITS.keys())
def test_a_save_the_changed_scenario_no_longer_fits_says_why_and_offers_it_again(
    library: Path, old: str, new: str, message: str
) -> None:
    path = library / "angry-walk-in.yaml"
    game = saved(path, ANSWERS)
    rewrite(path, old, new)
    resumed = resume_save(game, library)
    assert isinstance(resumed, Unresumable) and offers_again(resumed, path)
    assert resumed.message == message


def test_a_change_elsewhere_in_the_file_still_resumes(library: Path) -> None:
    path = library / "angry-walk-in.yaml"
    game = saved(path, ANSWERS)
    rewrite(path, "Two people in the waiting area", "Three people in the waiting area")
    assert isinstance(resume_save(game, library), Resumable)


@pytest.mark.parametrize(
    "session",
    [{}, {"format": "composure-session"}, {"origin": [], "history": []}, {"origin": {"place": 3}, "history": []}],
)
def test_a_damaged_session_says_so(library: Path, session: dict[str, Any]) -> None:
    path = library / "angry-walk-in.yaml"
    resumed = resume_save(saved(path, ANSWERS, session=session), library)
    assert isinstance(resumed, Unresumable) and offers_again(resumed, path)
    assert resumed.message == f"Your saved progress in '{TITLE}' is damaged and cannot be continued."


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 200) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=scaled(40))
@given(st.dictionaries(st.sampled_from(["seed", "temperament", "origin", "history", "version", "scenario"]), JSON))
def test_any_session_resumes_or_says_why_in_one_sentence(library: Path, changes: dict[str, Any]) -> None:
    """A few examples: each one reads the scenario file again, as Continue does."""
    game = saved(library / "angry-walk-in.yaml", ANSWERS)
    resumed = resume_save(replace(game, session={**game.session, **changes}), library)
    if isinstance(resumed, Unresumable):
        assert resumed.message.endswith(".") and resumed.scenario is not None
