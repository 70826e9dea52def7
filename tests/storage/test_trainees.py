"""The trainee list on a real folder: adding and choosing, the name and e-mail rules in our words,
damaged lists set aside (never deleted), a newer game's list left alone, and a reader that no
bytes can crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.storage.errors import StorageError
from game.storage.trainees import (
    FILE_NAME,
    FORMAT,
    NAME_LONGEST,
    LoadedRoster,
    Roster,
    Trainee,
    TraineeError,
    add_trainee,
    checked_email,
    checked_name,
    choose_trainee,
    load_roster,
)
from tests.storage.hostile import HOSTILE_ENTRIES, hang_guard, unix_only
from tests.storage.test_saves import read_only

SAM = "0123456789abcdef0123456789abcdef"


def kept_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{FILE_NAME}.unreadable-*"))


def written(folder: Path, data: object) -> Path:
    path = folder / FILE_NAME
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_no_file_means_no_trainees_and_nothing_is_made(tmp_path: Path) -> None:
    loaded = load_roster(tmp_path / "data")
    assert loaded.roster == Roster() and loaded.message == ""
    assert loaded.roster.last is None
    assert not (tmp_path / "data").exists()


def test_a_trainee_added_is_kept_and_preselected_next_time(tmp_path: Path) -> None:
    roster, sam = add_trainee(tmp_path, Roster(), "  Sam   Okafor ", " sam@example.com ")
    assert sam.name == "Sam Okafor" and sam.email == "sam@example.com"
    assert len(sam.id) == 32 and int(sam.id, 16) >= 0
    roster, ana = add_trainee(tmp_path, roster, "Ana")
    loaded = load_roster(tmp_path)
    assert loaded.message == ""
    assert loaded.roster.trainees == (sam, ana) and ana.email == ""
    assert loaded.roster.last == ana
    assert choose_trainee(tmp_path, loaded.roster, sam.id).last == sam
    assert load_roster(tmp_path).roster.last == sam


def test_ids_stay_when_more_trainees_come(tmp_path: Path) -> None:
    roster, sam = add_trainee(tmp_path, Roster(), "Sam")
    for name in ("Ana", "Bo", "Cy"):
        roster, _ = add_trainee(tmp_path, roster, name)
    assert load_roster(tmp_path).roster.find(sam.id) == sam
    assert len({t.id for t in roster.trainees}) == 4


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("", "Please type a name."),
        ("   \t ", "Please type a name."),
        ("x" * (NAME_LONGEST + 1), f"at most {NAME_LONGEST} characters long; this one has {NAME_LONGEST + 1}"),
        ("Sam\x00", "only hold letters, digits, spaces and punctuation"),
        ("Sam\u200bOkafor", "only hold letters, digits, spaces and punctuation"),
    ],
)
def test_a_name_that_cannot_be_kept_is_refused_with_a_sentence(tmp_path: Path, name: str, words: str) -> None:
    with pytest.raises(TraineeError) as refused:
        add_trainee(tmp_path, Roster(), name)
    assert words in str(refused.value)
    assert str(refused.value).endswith(".")
    assert not (tmp_path / FILE_NAME).exists()


@pytest.mark.parametrize("again", ["sam okafor", "  SAM OKAFOR", "Sam  Okafor "])
def test_a_name_already_taken_is_refused_whatever_its_case_or_spaces(tmp_path: Path, again: str) -> None:
    roster, _ = add_trainee(tmp_path, Roster(), "Sam Okafor")
    before = (tmp_path / FILE_NAME).read_bytes()
    with pytest.raises(TraineeError, match="There is already a trainee called Sam Okafor: choose them"):
        add_trainee(tmp_path, roster, again)
    assert (tmp_path / FILE_NAME).read_bytes() == before


@pytest.mark.parametrize("email", ["sam", "sam@", "@example.com", "sam@example", "sam@@example.com", "sam @x.org"])
def test_an_email_that_is_not_one_is_refused(tmp_path: Path, email: str) -> None:
    with pytest.raises(TraineeError) as refused:
        add_trainee(tmp_path, Roster(), "Sam", email)
    assert str(refused.value) == (
        "That does not look like an e-mail address (such as name@example.com); leave it empty if there is none."
    )


@pytest.mark.parametrize("email", ["sam@example.com", "s.o+training@mail.example.co.uk", "  a@b.io  "])
def test_an_email_that_looks_like_one_is_kept_trimmed(tmp_path: Path, email: str) -> None:
    _, sam = add_trainee(tmp_path, Roster(), "Sam", email)
    assert sam.email == email.strip()


def test_choosing_someone_not_on_the_list_says_so(tmp_path: Path) -> None:
    with pytest.raises(TraineeError, match="not on the list any more"):
        choose_trainee(tmp_path, Roster(), SAM)


DAMAGED = {
    "garbage": b"\x00\xff\xfe not JSON {{{",
    "empty": b"",
    "cut short": b'{"format": "composure-trainees", "version": 1, "trai',
    "not an object": b"[1, 2, 3]",
    "another format": b'{"format": "composure-save", "version": 1, "trainees": []}',
    "no version": b'{"format": "composure-trainees", "trainees": []}',
    "version zero": b'{"format": "composure-trainees", "version": 0, "trainees": []}',
    "trainees not a list": b'{"format": "composure-trainees", "version": 1, "trainees": {}}',
    "a trainee not a mapping": b'{"format": "composure-trainees", "version": 1, "trainees": ["Sam"]}',
    "an id that is not one": json.dumps(
        {**FORMAT.stamp(), "trainees": [{"id": "../../etc", "name": "Sam", "email": ""}]}
    ).encode(),
    "an empty name": json.dumps({**FORMAT.stamp(), "trainees": [{"id": SAM, "name": " ", "email": ""}]}).encode(),
    "a bad e-mail": json.dumps({**FORMAT.stamp(), "trainees": [{"id": SAM, "name": "Sam", "email": "x"}]}).encode(),
    "a number for a name": json.dumps({**FORMAT.stamp(), "trainees": [{"id": SAM, "name": 7}]}).encode(),
    "two with one id": json.dumps(
        {**FORMAT.stamp(), "trainees": [{"id": SAM, "name": "Sam"}, {"id": SAM, "name": "Ana"}]}
    ).encode(),
    "two with one name": json.dumps(
        {**FORMAT.stamp(), "trainees": [{"id": SAM, "name": "Sam"}, {"id": "f" * 32, "name": "SAM"}]}
    ).encode(),
    "nested too deep": b"[" * 100_000,
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_list_is_kept_aside_and_the_game_starts_with_none(tmp_path: Path, content: bytes) -> None:
    (tmp_path / FILE_NAME).write_bytes(content)
    loaded = load_roster(tmp_path)
    assert loaded.roster == Roster()
    [kept] = kept_files(tmp_path)
    assert loaded.message == f"The trainee list could not be read; it was kept as {kept.name}."
    assert kept.read_bytes() == content, "set aside, never changed or deleted"
    roster, _ = add_trainee(tmp_path, loaded.roster, "Sam")
    assert load_roster(tmp_path).roster == roster


def test_a_last_trainee_not_on_the_list_is_simply_not_preselected(tmp_path: Path) -> None:
    written(tmp_path, {**FORMAT.stamp(), "last": "f" * 32, "trainees": [{"id": SAM, "name": "Sam"}]})
    loaded = load_roster(tmp_path)
    assert loaded.roster.trainees == (Trainee(SAM, "Sam"),) and loaded.roster.last is None
    assert loaded.message == ""


def test_a_list_from_a_newer_game_is_left_alone_and_not_written_over(tmp_path: Path) -> None:
    path = written(tmp_path, {"format": FORMAT.name, "version": 7, "min_compatible": 5, "trainees": "elsewhere"})
    before = path.read_bytes()
    loaded = load_roster(tmp_path)
    assert loaded.roster == Roster()
    assert loaded.message == (
        "The trainee list was written by a newer version of Composure (format version 7). "
        "Update Composure to choose a trainee from it."
    )
    with pytest.raises(StorageError, match=r"newer version of Composure .* Update Composure to add or choose"):
        add_trainee(tmp_path, loaded.roster, "Sam")
    assert path.read_bytes() == before and kept_files(tmp_path) == []


def test_a_newer_list_that_this_game_can_still_read_is_read(tmp_path: Path) -> None:
    written(
        tmp_path,
        {
            "format": FORMAT.name,
            "version": 3,
            "min_compatible": 1,
            "last": SAM,
            "trainees": [{"id": SAM, "name": "Sam"}],
        },
    )
    loaded = load_roster(tmp_path)
    assert loaded.roster.last == Trainee(SAM, "Sam") and loaded.message == ""


@unix_only
@pytest.mark.parametrize("kind", HOSTILE_ENTRIES)
def test_whatever_stands_in_place_of_the_list_is_renamed_aside_unread(tmp_path: Path, kind: str) -> None:
    HOSTILE_ENTRIES[kind](tmp_path / FILE_NAME)
    with hang_guard():
        loaded = load_roster(tmp_path)
    [kept] = kept_files(tmp_path)
    assert kept.name in loaded.message


@unix_only
def test_a_read_only_folder_refuses_a_new_trainee_with_a_sentence_and_keeps_the_list(tmp_path: Path) -> None:
    roster, _ = add_trainee(tmp_path, Roster(), "Sam")
    before = (tmp_path / FILE_NAME).read_bytes()
    with read_only(tmp_path), pytest.raises(StorageError) as refused:
        add_trainee(tmp_path, roster, "Ana")
    assert (
        str(refused.value) == f"The trainee list could not be saved: Composure is not allowed to write in {tmp_path}."
    )
    assert (tmp_path / FILE_NAME).read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == [FILE_NAME]


def assert_read_or_kept(folder: Path, content: bytes, loaded: LoadedRoster) -> None:
    """Either a list was read, or the file was kept aside unchanged and the player told."""
    kept = kept_files(folder)
    if loaded.message:
        assert kept and kept[-1].name in loaded.message and kept[-1].read_bytes() == content
        kept[-1].unlink()
    else:
        assert not kept and (folder / FILE_NAME).read_bytes() == content
    (folder / FILE_NAME).unlink(missing_ok=True)


@given(st.binary(max_size=400))
def test_any_bytes_load_or_are_set_aside_with_a_message(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    (folder / FILE_NAME).write_bytes(data)
    assert_read_or_kept(folder, data, load_roster(folder))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
ENTRY = st.fixed_dictionaries(
    {"id": st.sampled_from([SAM, "f" * 32, "x", 3]), "name": st.text(max_size=45) | JSON},
    optional={"email": st.sampled_from(["", "a@b.io", "no", None])},
)


@given(
    st.fixed_dictionaries(
        {"format": st.just(FORMAT.name), "version": st.sampled_from([1, 2, 0, "1", True, None])},
        optional={"min_compatible": JSON, "last": st.sampled_from([SAM, None, 5]), "trainees": st.lists(ENTRY) | JSON},
    )
)
def test_any_list_shaped_json_loads_or_is_set_aside(tmp_path_factory: pytest.TempPathFactory, data: dict) -> None:
    folder = tmp_path_factory.mktemp("json")
    content = json.dumps(data).encode()
    (folder / FILE_NAME).write_bytes(content)
    loaded = load_roster(folder)
    if "newer version" in loaded.message:
        assert (folder / FILE_NAME).read_bytes() == content
        return
    assert_read_or_kept(folder, content, loaded)


@given(st.text(max_size=60), st.text(max_size=60))
def test_any_typed_name_and_email_are_kept_tidy_or_refused_in_a_sentence(name: str, email: str) -> None:
    try:
        tidy, address = checked_name(name), checked_email(email)
    except TraineeError as refused:
        assert str(refused).endswith(".") and str(refused).isprintable()
        return
    assert tidy == tidy.strip() and 0 < len(tidy) <= NAME_LONGEST and "  " not in tidy
    assert address == address.strip() and (address == "" or "@" in address)
