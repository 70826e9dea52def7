"""Autosaves on a real folder: one per trainee and scenario, read back exactly, listed newest first,
removed when done; damaged ones set aside with a sentence (never deleted), a newer game's refused
and left alone, and ids that could climb out of the folder refused before anything is written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import Session
from game.storage.errors import StorageError
from game.storage.saves import (
    FORMAT,
    PROGRESS,
    SavedGame,
    read_save,
    remove_save,
    save_path,
    saves_of,
    utc_now,
    write_save,
)
from game.storage.scenario_files import load_scenario
from tests.paths import ANGRY_WALK_IN, ROOT
from tests.storage.hostile import HOSTILE_ENTRIES, hang_guard, unix_only

SAM = "0123456789abcdef0123456789abcdef"
ANA = "fedcba9876543210fedcba9876543210"


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` made read-only for the body; skips the test where that changes nothing (root, unless
    it runs without CAP_DAC_OVERRIDE, as under `capsh --drop=cap_dac_override --`)."""
    folder.chmod(0o555)
    try:
        probe = folder / ".can-i-write"
        try:
            probe.touch()
        except PermissionError:
            yield
            return
        probe.unlink()
        pytest.skip("this user writes in every folder")
    finally:
        folder.chmod(0o755)


def walk_in_after(answers: int) -> Session:
    """The angry walk-in a few answers in, taking the last answer on offer each time (the ending
    comes after eight)."""
    session = Session.start(load_scenario(ANGRY_WALK_IN), seed=11)
    for _ in range(answers):
        session.choose_id([option.choice_id for option in session.view().options if option.available][-1])
    return session


def mid_game(trainee_id: str = SAM, answers: int = 3, saved_at: str = "2026-03-01T10:00:00.000Z") -> SavedGame:
    """A save of the walk-in, as the game window writes it."""
    session = walk_in_after(answers)
    return SavedGame(
        trainee_id,
        "angry-walk-in",
        str(ANGRY_WALK_IN.relative_to(ROOT)),
        session.to_dict(),
        waited=4.25,
        call_seconds=0.0,
        started_at="2026-03-01T09:58:00.000Z",
        saved_at=saved_at,
    )


def kept_files(folder: Path, trainee_id: str = SAM) -> list[Path]:
    return sorted((folder / PROGRESS / trainee_id).glob("angry-walk-in.json.unreadable-*"))


def test_a_save_reads_back_exactly(tmp_path: Path) -> None:
    game = mid_game()
    write_save(tmp_path, game)
    assert save_path(tmp_path, SAM, "angry-walk-in") == tmp_path / "progress" / SAM / "angry-walk-in.json"
    loaded = read_save(tmp_path, SAM, "angry-walk-in")
    assert loaded.game == game and loaded.message == ""


def test_the_file_says_what_it_is_and_which_version_wrote_it(tmp_path: Path) -> None:
    write_save(tmp_path, mid_game())
    data = json.loads(save_path(tmp_path, SAM, "angry-walk-in").read_bytes())
    assert (data["format"], data["version"], data["min_compatible"]) == ("composure-save", 1, 1)
    assert data["session"]["format"] == "composure-session"


def test_no_save_is_no_game_and_no_message(tmp_path: Path) -> None:
    assert read_save(tmp_path, SAM, "angry-walk-in").game is None
    assert read_save(tmp_path, SAM, "angry-walk-in").message == ""
    assert saves_of(tmp_path, SAM).games == [] and saves_of(tmp_path, SAM).messages == []


def test_a_later_save_replaces_the_earlier_one(tmp_path: Path) -> None:
    write_save(tmp_path, mid_game(answers=1))
    write_save(tmp_path, later := mid_game(answers=3))
    assert read_save(tmp_path, SAM, "angry-walk-in").game == later
    assert [p.name for p in (tmp_path / PROGRESS / SAM).iterdir()] == ["angry-walk-in.json"]


def test_each_trainee_has_their_own_saves_listed_newest_first(tmp_path: Path) -> None:
    older = replace(mid_game(saved_at="2026-03-01T10:00:00.000Z"), scenario_id="older-one")
    newer = mid_game(saved_at="2026-03-02T08:00:00.000Z")
    for game in (older, newer, mid_game(ANA)):
        write_save(tmp_path, game)
    found = saves_of(tmp_path, SAM)
    assert found.games == [newer, older] and found.messages == []
    assert saves_of(tmp_path, ANA).games == [mid_game(ANA)]


def test_a_save_removed_is_gone_and_removing_none_is_quiet(tmp_path: Path) -> None:
    write_save(tmp_path, mid_game())
    remove_save(tmp_path, SAM, "angry-walk-in")
    assert read_save(tmp_path, SAM, "angry-walk-in").game is None
    remove_save(tmp_path, SAM, "angry-walk-in")
    remove_save(tmp_path, SAM, "../escape")


def test_utc_now_is_iso_8601_to_the_millisecond_in_utc() -> None:
    stamp = utc_now()
    assert len(stamp) == len("2026-12-01T03:04:05.123Z") and stamp.endswith("Z") and stamp[10] == "T"


MADE = "is not one the game made"
UNSAFE = {
    "trainee climbs out": ("../../" + "a" * 26, "angry-walk-in", f"the trainee id '../../{'a' * 26}' {MADE}"),
    "trainee absolute": ("/" + "a" * 31, "angry-walk-in", f"the trainee id '/{'a' * 31}' {MADE}"),
    "trainee upper case": (SAM.upper(), "angry-walk-in", f"the trainee id '{SAM.upper()}' {MADE}"),
    "scenario climbs out": (SAM, "../../settings", "'../../settings' is not a scenario id"),
    "scenario with a slash": (SAM, "a/b", "'a/b' is not a scenario id"),
    "scenario hidden": (SAM, ".hidden", "'.hidden' is not a scenario id"),
    "scenario empty": (SAM, "", "'' is not a scenario id"),
    "scenario too long": (SAM, "a" * 65, "'" + "a" * 40 + "...' is not a scenario id"),
    "scenario with a control": (SAM, "a\nb", "'a\\nb' is not a scenario id"),
}


@pytest.mark.parametrize(("trainee_id", "scenario_id", "words"), UNSAFE.values(), ids=UNSAFE.keys())
def test_an_id_that_is_not_a_safe_file_name_is_refused_before_anything_is_written(
    tmp_path: Path, trainee_id: str, scenario_id: str, words: str
) -> None:
    folder = tmp_path / "data"
    game = replace(mid_game(), trainee_id=trainee_id, scenario_id=scenario_id)
    with pytest.raises(StorageError) as refused:
        write_save(folder, game)
    assert str(refused.value) == f"Your progress could not be saved: {words}."
    assert list(tmp_path.rglob("*")) == [], "nothing written anywhere"
    loaded = read_save(folder, trainee_id, scenario_id)
    assert loaded.game is None and loaded.message == f"There is no saved progress to read: {words}."
    assert saves_of(folder, trainee_id).games == []


def stamped(**fields: object) -> bytes:
    game = json.loads(json.dumps({**FORMAT.stamp(), "trainee": SAM, "scenario": "angry-walk-in"}))
    whole = {
        **game,
        "scenario_path": "scenarios/angry-walk-in.yaml",
        "started_at": "2026-03-01T09:58:00.000Z",
        "saved_at": "2026-03-01T10:00:00.000Z",
        "waited": 0,
        "call_seconds": 0,
        "session": {"format": "composure-session"},
    }
    return json.dumps({**whole, **fields}).encode()


DAMAGED = {
    "garbage": b"\x00\xff\xfe not JSON {{{",
    "empty": b"",
    "cut short": stamped()[:-20],
    "not an object": b'["composure-save"]',
    "another format": stamped(format="composure-trainees"),
    "no version": stamped(version=None),
    "another trainee's save": stamped(trainee=ANA),
    "another scenario's save": stamped(scenario="the-baiter"),
    "no session": stamped(session=None),
    "a list for a session": stamped(session=[]),
    "negative seconds waited": stamped(waited=-1),
    "text for the call's clock": stamped(call_seconds="10"),
    "a switch for seconds": stamped(waited=True),
    "infinite seconds": stamped(waited=1e400),
    "no time saved": stamped(saved_at=None),
    "a number for the path": stamped(scenario_path=5),
    "nested too deep": b'{"session": ' * 100_000,
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_save_is_kept_aside_with_a_sentence(tmp_path: Path, content: bytes) -> None:
    path = save_path(tmp_path, SAM, "angry-walk-in")
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    loaded = read_save(tmp_path, SAM, "angry-walk-in")
    assert loaded.game is None
    [kept] = kept_files(tmp_path)
    assert loaded.message == (
        f"Your saved progress in 'angry-walk-in' could not be read; it was kept as {kept.name}. Start it again."
    )
    assert kept.read_bytes() == content, "set aside, never changed or deleted"
    write_save(tmp_path, mid_game())
    assert read_save(tmp_path, SAM, "angry-walk-in").game == mid_game()


def test_a_damaged_save_among_good_ones_is_told_and_the_rest_listed(tmp_path: Path) -> None:
    good = replace(mid_game(), scenario_id="all-caps")
    write_save(tmp_path, good)
    save_path(tmp_path, SAM, "angry-walk-in").write_bytes(b"{")
    found = saves_of(tmp_path, SAM)
    assert found.games == [good]
    [message] = found.messages
    assert "Your saved progress in 'angry-walk-in' could not be read" in message


def test_files_that_are_not_saves_are_left_alone(tmp_path: Path) -> None:
    write_save(tmp_path, mid_game())
    own = tmp_path / PROGRESS / SAM
    for name in ("Notes For Trainer.json", "readme.txt"):
        (own / name).write_bytes(b"keep me")
    assert saves_of(tmp_path, SAM).games == [mid_game()]
    assert saves_of(tmp_path, "not-an-id").games == []
    assert (own / "Notes For Trainer.json").read_bytes() == b"keep me" and (own / "readme.txt").exists()


def test_a_save_from_a_newer_game_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    path = save_path(tmp_path, SAM, "angry-walk-in")
    path.parent.mkdir(parents=True)
    path.write_bytes(stamped(version=4, min_compatible=3, session="a shape we do not know"))
    before = path.read_bytes()
    loaded = read_save(tmp_path, SAM, "angry-walk-in")
    assert loaded.game is None
    assert loaded.message == (
        "Your saved progress in 'angry-walk-in' was made by a newer version of Composure (save format 4); "
        "update Composure to continue it. Starting it again here replaces that save."
    )
    assert path.read_bytes() == before and kept_files(tmp_path) == []
    assert saves_of(tmp_path, SAM).messages == [loaded.message]


def test_a_newer_save_this_game_can_still_read_is_read(tmp_path: Path) -> None:
    path = save_path(tmp_path, SAM, "angry-walk-in")
    path.parent.mkdir(parents=True)
    path.write_bytes(stamped(version=2, min_compatible=1, something_new=[1, 2]))
    loaded = read_save(tmp_path, SAM, "angry-walk-in")
    assert loaded.game is not None and loaded.message == ""


def test_leftovers_of_an_interrupted_save_are_swept_when_it_is_read(tmp_path: Path) -> None:
    write_save(tmp_path, mid_game())
    leftover = tmp_path / PROGRESS / SAM / ".angry-walk-in.json.x1y2z3.tmp"
    leftover.write_bytes(b'{"format": "composure-sa')
    assert read_save(tmp_path, SAM, "angry-walk-in").game == mid_game()
    assert not leftover.exists()


@unix_only
@pytest.mark.parametrize("kind", HOSTILE_ENTRIES)
def test_whatever_stands_in_place_of_a_save_is_renamed_aside_unread(tmp_path: Path, kind: str) -> None:
    path = save_path(tmp_path, SAM, "angry-walk-in")
    path.parent.mkdir(parents=True)
    HOSTILE_ENTRIES[kind](path)
    with hang_guard():
        loaded = read_save(tmp_path, SAM, "angry-walk-in")
    [kept] = kept_files(tmp_path)
    assert loaded.game is None and kept.name in loaded.message


@unix_only
def test_a_save_that_cannot_be_moved_aside_is_told_too(tmp_path: Path) -> None:
    path = save_path(tmp_path, SAM, "angry-walk-in")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{")
    with read_only(path.parent):
        loaded = read_save(tmp_path, SAM, "angry-walk-in")
    assert (
        loaded.message == "Your saved progress in 'angry-walk-in' could not be read, nor moved aside. Start it again."
    )
    assert path.read_bytes() == b"{"


@given(st.binary(max_size=300))
def test_any_bytes_load_or_are_set_aside_with_a_message(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    path = save_path(folder, SAM, "angry-walk-in")
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    loaded = read_save(folder, SAM, "angry-walk-in")
    kept = kept_files(folder)
    if loaded.game is None:
        assert loaded.message and kept and kept[0].name in loaded.message and kept[0].read_bytes() == data
    else:
        assert not kept and path.read_bytes() == data


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
FIELDS = ("trainee", "scenario", "scenario_path", "started_at", "saved_at", "waited", "call_seconds", "session")


@given(st.dictionaries(st.sampled_from(("version", "min_compatible", *FIELDS)), JSON, max_size=4))
def test_any_save_shaped_json_loads_or_is_told(tmp_path_factory: pytest.TempPathFactory, changes: dict) -> None:
    """Good saves with a few fields replaced by anything: read, set aside, or refused as newer."""
    folder = tmp_path_factory.mktemp("json")
    path = save_path(folder, SAM, "angry-walk-in")
    path.parent.mkdir(parents=True)
    content = stamped(**changes)
    path.write_bytes(content)
    loaded = read_save(folder, SAM, "angry-walk-in")
    assert (loaded.game is None) == bool(loaded.message)
    if "newer version" in loaded.message or loaded.game is not None:
        assert path.read_bytes() == content
    else:
        [kept] = kept_files(folder)
        assert kept.read_bytes() == content and kept.name in loaded.message
