"""The watcher on real files in a real folder: what it reports after each kind of save an editor
makes, and, for any sequence of adds, edits and removals, exactly what changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.storage.atomic import write_atomically
from game.storage.scenario_files import PRINCIPLES_FILE
from game.storage.watch import Changes, Watcher, library_watcher, scenario_watcher
from tests.storage.hostile import fifo, unix_only


def later(path: Path) -> None:
    """Push the file's modification time a second on, as a save a moment later would."""
    status = os.stat(path)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))


def test_nothing_changed_reports_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("one")
    watcher = library_watcher(tmp_path)
    assert watcher.changes() == Changes()
    assert not watcher.changes()


def test_an_added_a_changed_and_a_removed_file_are_each_reported_once(tmp_path: Path) -> None:
    (tmp_path / "kept.yaml").write_text("kept")
    (tmp_path / "edited.yaml").write_text("before")
    (tmp_path / "gone.yaml").write_text("gone")
    watcher = library_watcher(tmp_path)
    (tmp_path / "new.yaml").write_text("new")
    (tmp_path / "edited.yaml").write_text("after, longer")
    (tmp_path / "gone.yaml").unlink()
    assert watcher.changes() == Changes(
        added=(tmp_path / "new.yaml",), changed=(tmp_path / "edited.yaml",), removed=(tmp_path / "gone.yaml",)
    )
    assert watcher.changes() == Changes()


def test_a_save_of_the_same_size_is_seen_in_place_and_by_rename(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text("anger: 10")
    watcher = scenario_watcher(path)
    path.write_text("anger: 20")  # the same length, in place: the editor saved a moment later
    later(path)
    assert watcher.changes().changed == (path,)
    write_atomically(path, b"anger: 30")  # a new file renamed over the old: a new inode
    assert watcher.changes().changed == (path,)


def test_a_scenario_watcher_sees_its_principles_file_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text("id: one")
    watcher = scenario_watcher(path)
    (tmp_path / "other.yaml").write_text("id: other")
    assert not watcher.changes()
    (tmp_path / PRINCIPLES_FILE).write_text("principles: []")
    assert watcher.changes().added == (tmp_path / PRINCIPLES_FILE,)
    path.unlink()
    assert watcher.changes().removed == (path,)


def test_a_library_watcher_lists_only_scenario_files_and_principles(tmp_path: Path) -> None:
    watcher = library_watcher(tmp_path)
    (tmp_path / "notes.txt").write_text("not a scenario")
    (tmp_path / ".scenario.yaml.1234.tmp").write_text("half an atomic write")
    assert not watcher.changes()
    (tmp_path / PRINCIPLES_FILE).write_text("principles: []")
    assert watcher.changes().added == (tmp_path / PRINCIPLES_FILE,)


def test_a_missing_library_folder_is_an_empty_library(tmp_path: Path) -> None:
    watcher = library_watcher(tmp_path / "nowhere")
    assert not watcher.changes()
    (tmp_path / "nowhere").mkdir()
    (tmp_path / "nowhere" / "a.yaml").write_text("a")
    assert watcher.changes().added == (tmp_path / "nowhere" / "a.yaml",)


@unix_only
def test_a_link_to_nothing_and_a_pipe_are_stamped_without_being_opened(tmp_path: Path) -> None:
    """A look never opens a file, so a named pipe cannot block it; a dangling link is a file too."""
    watcher = library_watcher(tmp_path)
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "missing")
    fifo(tmp_path / "pipe.yaml")
    assert watcher.changes().added == (tmp_path / "dangling.yaml", tmp_path / "pipe.yaml")


NAMES = ("a.yaml", "b.yaml", "c.yaml")
ACTIONS = st.lists(st.tuples(st.sampled_from(("save", "remove")), st.sampled_from(NAMES)), max_size=12)


@given(ACTIONS)
def test_any_sequence_of_saves_and_removals_is_reported_exactly(
    tmp_path_factory: pytest.TempPathFactory, actions: list[tuple[str, str]]
) -> None:
    folder = tmp_path_factory.mktemp("library")
    watcher = Watcher(lambda: sorted(folder.iterdir()))
    for number, (action, name) in enumerate(actions):
        path = folder / name
        existed = path.exists()
        if action == "remove":
            path.unlink(missing_ok=True)
            expected = Changes(removed=(path,)) if existed else Changes()
        else:
            write_atomically(path, str(number).encode())
            expected = Changes(changed=(path,)) if existed else Changes(added=(path,))
        assert watcher.changes() == expected
