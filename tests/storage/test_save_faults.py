"""A save that fails part-way, at each step of the atomic write: the system's own calls are made to
fail (the file's write and flush, os.fsync, os.replace; a full disk), never our code. After each,
the previous save is there byte for byte or the new one is complete, never neither; no temporary
file is left; and the trainee is told in a sentence."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from game.storage.errors import StorageError
from game.storage.saves import SavedGame, read_save, remove_save, save_path, write_save
from game.storage.trainees import FILE_NAME, Roster, add_trainee, load_roster
from tests.storage.hostile import unix_only
from tests.storage.test_saves import SAM, mid_game, read_only

FULL = OSError(errno.ENOSPC, "No space left on device")
BROKEN = OSError(errno.EIO, "Input/output error")


class FailingFile:
    """The file object os.fdopen gave, with one of its methods failing as the system would."""

    def __init__(self, file: IO[bytes], failing: str, problem: OSError) -> None:
        self.file, self.failing, self.problem = file, failing, problem

    def __enter__(self) -> FailingFile:
        return self

    def __exit__(self, *_exception: object) -> None:
        self.file.close()

    def __getattr__(self, name: str) -> Any:
        return self.fail if name == self.failing else getattr(self.file, name)

    def fail(self, *_arguments: object) -> None:
        raise self.problem


Fault = Callable[[pytest.MonkeyPatch], None]


def is_folder(descriptor: int) -> bool:
    return stat.S_ISDIR(os.fstat(descriptor).st_mode)


def file_method_fails(method: str, problem: OSError) -> Fault:
    def install(monkeypatch: pytest.MonkeyPatch) -> None:
        real = os.fdopen

        def failing_fdopen(descriptor: int, *args: Any, **kwargs: Any) -> FailingFile:
            return FailingFile(real(descriptor, *args, **kwargs), method, problem)

        monkeypatch.setattr(os, "fdopen", failing_fdopen)

    return install


def os_call_fails(name: str, problem: OSError) -> Fault:
    """os.`name` fails; os.fsync only for a file, since a folder that cannot be flushed is no error."""

    def install(monkeypatch: pytest.MonkeyPatch) -> None:
        real = getattr(os, name)

        def failing(*args: Any, **kwargs: Any) -> Any:
            if name == "fsync" and is_folder(args[0]):
                return real(*args, **kwargs)
            raise problem

        monkeypatch.setattr(os, name, failing)

    return install


FAULTS: dict[str, tuple[Fault, str]] = {
    "write fails": (file_method_fails("write", BROKEN), "the system refused to write in {folder} (Input/output error)"),
    "flush fails": (file_method_fails("flush", BROKEN), "the system refused to write in {folder} (Input/output error)"),
    "fsync fails": (os_call_fails("fsync", BROKEN), "the system refused to write in {folder} (Input/output error)"),
    "replace fails": (os_call_fails("replace", BROKEN), "the system refused to write in {folder} (Input/output error)"),
    "disk full on write": (file_method_fails("write", FULL), "the disk is full ({folder})"),
    "disk full on flush": (file_method_fails("flush", FULL), "the disk is full ({folder})"),
    "disk full on fsync": (os_call_fails("fsync", FULL), "the disk is full ({folder})"),
    "not allowed to replace": (
        os_call_fails("replace", PermissionError(errno.EACCES, "Permission denied")),
        "Composure is not allowed to write in {folder}",
    ),
}


@pytest.fixture
def previous(tmp_path: Path) -> Iterator[tuple[Path, bytes]]:
    """A save already on disk (the walk-in after two answers), and its bytes."""
    write_save(tmp_path, mid_game(answers=2))
    path = save_path(tmp_path, SAM, "angry-walk-in")
    yield path, path.read_bytes()


def attempt_later_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: Fault) -> tuple[StorageError, SavedGame]:
    later = mid_game(answers=5)
    with monkeypatch.context() as patched:
        fault(patched)
        with pytest.raises(StorageError) as failed:
            write_save(tmp_path, later)
    return failed.value, later


@pytest.mark.parametrize(("fault", "reason"), FAULTS.values(), ids=FAULTS.keys())
def test_a_failed_save_leaves_the_previous_one_whole_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, previous: tuple[Path, bytes], fault: Fault, reason: str
) -> None:
    path, before = previous
    problem, _ = attempt_later_save(tmp_path, monkeypatch, fault)
    assert str(problem) == f"Your progress could not be saved: {reason.format(folder=path.parent)}."
    assert path.read_bytes() == before, "the previous save, byte for byte"
    assert [entry.name for entry in path.parent.iterdir()] == [path.name], "no temporary file left"
    assert read_save(tmp_path, SAM, "angry-walk-in").game == mid_game(answers=2)


@pytest.mark.parametrize(("fault", "reason"), FAULTS.values(), ids=FAULTS.keys())
def test_a_failed_first_save_leaves_nothing_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: Fault, reason: str
) -> None:
    attempt_later_save(tmp_path, monkeypatch, fault)
    folder = save_path(tmp_path, SAM, "angry-walk-in").parent
    assert list(folder.iterdir()) == []
    assert read_save(tmp_path, SAM, "angry-walk-in").game is None
    assert read_save(tmp_path, SAM, "angry-walk-in").message == ""


def test_a_folder_that_cannot_be_flushed_after_the_rename_still_has_the_new_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, previous: tuple[Path, bytes]
) -> None:
    """The last step: the file is in place, only its folder entry may not be on disk yet."""
    path, _ = previous
    later = mid_game(answers=5)
    real = os.fsync

    def folders_fail(descriptor: int) -> None:
        if is_folder(descriptor):
            raise BROKEN
        real(descriptor)

    with monkeypatch.context() as patched:
        patched.setattr(os, "fsync", folders_fail)
        write_save(tmp_path, later)
    assert read_save(tmp_path, SAM, "angry-walk-in").game == later
    assert [entry.name for entry in path.parent.iterdir()] == [path.name]


@pytest.mark.parametrize(("fault", "reason"), FAULTS.values(), ids=FAULTS.keys())
def test_a_failed_trainee_list_write_changes_nothing_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: Fault, reason: str
) -> None:
    roster, _ = add_trainee(tmp_path, Roster(), "Sam")
    before = (tmp_path / FILE_NAME).read_bytes()
    with monkeypatch.context() as patched:
        fault(patched)
        with pytest.raises(StorageError) as failed:
            add_trainee(tmp_path, roster, "Ana")
    assert str(failed.value) == f"The trainee list could not be saved: {reason.format(folder=tmp_path)}."
    assert (tmp_path / FILE_NAME).read_bytes() == before
    assert [entry.name for entry in tmp_path.iterdir()] == [FILE_NAME]
    assert load_roster(tmp_path).roster == roster


@unix_only
def test_a_read_only_folder_refuses_the_save_and_keeps_the_previous_one(
    tmp_path: Path, previous: tuple[Path, bytes]
) -> None:
    path, before = previous
    with read_only(path.parent), pytest.raises(StorageError) as failed:
        write_save(tmp_path, mid_game(answers=5))
    assert str(failed.value) == f"Your progress could not be saved: Composure is not allowed to write in {path.parent}."
    assert path.read_bytes() == before
    assert [entry.name for entry in path.parent.iterdir()] == [path.name]


def test_a_save_that_cannot_be_removed_after_the_end_says_so_and_stays_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, previous: tuple[Path, bytes]
) -> None:
    path, before = previous
    with monkeypatch.context() as patched:
        os_call_fails("unlink", BROKEN)(patched)
        with pytest.raises(StorageError) as failed:
            remove_save(tmp_path, SAM, "angry-walk-in")
    assert str(failed.value) == (
        "The save of this finished conversation could not be removed: "
        f"the system refused to write in {path.parent} (Input/output error)."
    )
    assert path.read_bytes() == before
