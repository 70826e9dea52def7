"""`python3 main.py migrate`: a scenario written before the closed list of portraits is rewritten
in place, each change said at its line, every other byte kept, and then checked like `validate`."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from game.engine.model import PORTRAITS
from game.storage.locations import SHIPPED_LIBRARY
from game.storage.scenario_files import scenario_paths
from tests.cli.test_cli import run
from tests.engine.test_migration import small

CHAT_FACE = "no portrait is named like it, so the usual face of a customer on chat"


def written(folder: Path, text: str, name: str = "old.yaml") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("quote", ["", "'", '"'])
def test_an_unknown_portrait_is_rewritten_in_its_own_quotes(tmp_path: Path, quote: str) -> None:
    path = written(tmp_path, small(f"{quote}grumpy{quote}"))
    done = run("migrate", str(path))
    assert done.returncode == 0, done.stdout
    assert done.stdout == f"{path}:9:13: migrated: portrait 'grumpy' is now 'young-woman' ({CHAT_FACE})\n"
    assert done.stderr == "migrated 1 portrait(s) in 1 of 1 file(s)\n"
    assert path.read_bytes() == small(f"{quote}young-woman{quote}").encode()


def test_the_migrated_file_validates(tmp_path: Path) -> None:
    path = written(tmp_path, small("grumpy", person="manager"))
    before = run("validate", str(path))
    assert before.returncode == 1
    assert "there is no portrait 'grumpy'" in before.stdout
    assert run("migrate", str(path)).returncode == 0
    checked = run("validate", str(path))
    assert (checked.returncode, "error" in checked.stdout) == (0, False), checked.stdout


def test_the_column_counts_characters_in_a_flow_mapping_after_non_ascii_text(tmp_path: Path) -> None:
    block = '  name: "Zoë"\n  portrait: grumpy\n  anger: 40'
    flow = 'customer: {name: "Zoë 😀", portrait: grumpy, anger: 40}'
    path = written(tmp_path, small("grumpy").replace(f"customer:\n{block}", flow))
    done = run("migrate", str(path))
    assert done.stdout.startswith(f"{path}:7:37: migrated: portrait 'grumpy' is now 'young-woman'")
    assert path.read_text(encoding="utf-8").splitlines()[6] == flow.replace("grumpy", "young-woman")


def test_a_person_and_a_close_name(tmp_path: Path) -> None:
    path = written(tmp_path, small("caller-women", person="boss-man"))
    done = run("migrate", str(path))
    assert done.stdout.splitlines() == [
        f"{path}:9:13: migrated: portrait 'caller-women' is now 'caller-woman' (the closest name among the portraits)",
        f"{path}:14:15: migrated: portrait 'boss-man' is now 'team-leader' "
        "(no portrait is named like it, so the usual face of someone other than the customer)",
    ]
    assert path.read_bytes() == small("caller-woman").encode()


@pytest.mark.parametrize(("channel", "face"), [("phone", "caller-woman"), ("in-person", "walk-in-man")])
def test_a_far_name_becomes_the_usual_face_of_the_channel(tmp_path: Path, channel: str, face: str) -> None:
    path = written(tmp_path, small("zzz", channel=channel))
    assert f"is now '{face}'" in run("migrate", str(path)).stdout
    assert path.read_bytes() == small(face, channel=channel).encode()


def test_comments_blank_lines_and_crlf_line_endings_are_kept_byte_for_byte(tmp_path: Path) -> None:
    text = small("'grumpy'").replace("customer:\n", "# old face below\n\ncustomer:   # Zoë\n\n  # a comment\n")
    text = text.replace("portrait: 'grumpy'\n", "portrait:   'grumpy'   # was 'grumpy'\n\n")
    path = tmp_path / "crlf.yaml"
    path.write_bytes(text.replace("\n", "\r\n").encode())
    done = run("migrate", str(path))
    assert done.stdout.startswith(f"{path}:13:15: migrated: portrait 'grumpy' is now 'young-woman'")
    expected = text.replace("portrait:   'grumpy'", "portrait:   'young-woman'").replace("\n", "\r\n")
    assert path.read_bytes() == expected.encode()


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "marked.yaml"
    path.write_bytes(codecs.BOM_UTF8 + small("grumpy").encode())
    assert run("migrate", str(path)).returncode == 0
    assert path.read_bytes() == codecs.BOM_UTF8 + small("young-woman").encode()


def test_a_dry_run_says_what_would_change_and_writes_nothing(tmp_path: Path) -> None:
    path = written(tmp_path, small("grumpy"))
    before = path.stat()
    done = run("migrate", "--dry-run", str(path))
    assert done.returncode == 0
    assert done.stdout == f"{path}:9:13: would migrate: portrait 'grumpy' to 'young-woman' ({CHAT_FACE})\n"
    assert done.stderr == "would migrate 1 portrait(s) in 1 of 1 file(s); nothing was written (--dry-run)\n"
    assert path.read_bytes() == small("grumpy").encode()
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert list(tmp_path.iterdir()) == [path]


def test_a_file_with_nothing_to_migrate_is_left_alone(tmp_path: Path) -> None:
    path = written(tmp_path, small("caller-woman"))
    before = path.stat()
    done = run("migrate", str(path))
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "nothing to migrate in 1 file(s)\n")
    assert path.read_bytes() == small("caller-woman").encode()
    assert path.stat().st_mtime_ns == before.st_mtime_ns


def test_a_folder_and_the_summary(tmp_path: Path) -> None:
    old = written(tmp_path, small("grumpy", person="manager"), "old.yaml")
    new = written(tmp_path, small("caller-woman"), "new.yaml")
    written(tmp_path, "not: [a scenario", "broken.yaml")  # unreadable YAML: nothing migrate can do
    done = run("migrate", str(tmp_path))
    assert done.returncode == 0
    assert [line.split(": ")[0] for line in done.stdout.splitlines()] == [f"{old}:9:13", f"{old}:14:15"]
    assert done.stderr == "migrated 2 portrait(s) in 1 of 3 file(s)\n"
    assert new.read_bytes() == small("caller-woman").encode()


def test_every_shipped_scenario_needs_no_migration() -> None:
    done = run("migrate", "--dry-run")  # the library in scenarios/
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == f"nothing to migrate in {len(scenario_paths(SHIPPED_LIBRARY))} file(s)\n"


def test_errors_migrating_does_not_fix_are_printed_after_it(tmp_path: Path) -> None:
    path = written(tmp_path, small("grumpy").replace("next: done", "next: nowhere"))
    done = run("migrate", str(path))
    assert done.returncode == 0
    assert done.stdout.splitlines()[1:] == [
        f"{path}: still has 1 error(s) that migrate does not fix:",
        f"{path}:21:55: error: there is no node or ending 'nowhere'",
    ]


def test_a_portrait_behind_an_anchor_is_left_to_change_by_hand(tmp_path: Path) -> None:
    path = written(tmp_path, small("&face grumpy", person="manager"))
    done = run("migrate", str(path))
    assert done.returncode == 1
    assert done.stdout.splitlines() == [  # in file order
        f"{path}:9:13: error: portrait 'grumpy' needs changing by hand, to 'young-woman' say ({CHAT_FACE}): "
        "migrate rewrites only a portrait written bare or in quotes",
        f"{path}:14:15: migrated: portrait 'manager' is now 'team-leader' "
        "(no portrait is named like it, so the usual face of someone other than the customer)",
        f"{path}: still has 1 error(s) that migrate does not fix:",
        f"{path}:9:13: error: there is no portrait 'grumpy'; the portraits are {', '.join(PORTRAITS)}",
    ]
    assert done.stderr == "migrated 1 portrait(s) in 1 of 1 file(s); 1 portrait(s) to change by hand\n"
    assert path.read_bytes() == small("&face grumpy").encode()


def test_a_missing_path_or_a_file_that_is_not_text_fails(tmp_path: Path) -> None:
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes(small("grumpy").encode("utf-16"))
    done = run("migrate", str(tmp_path / "nope.yaml"), str(utf16))
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{tmp_path / 'nope.yaml'}:1:1: error: no such file or folder",
        f"{utf16}:1:1: error: the file is UTF-16; save it as UTF-8",
    ]
    assert done.stderr == "nothing migrated in 1 file(s); 1 file(s) could not be read or written; 1 path(s) not found\n"


def test_a_file_that_cannot_be_written_is_left_as_it_was(tmp_path: Path) -> None:
    """The temporary file beside it would have a name longer than the system allows (root ignores permissions)."""
    path = written(tmp_path, small("grumpy"), "x" * 240 + ".yaml")
    done = run("migrate", str(path))
    assert done.returncode == 1
    assert f"{path}:1:1: error: cannot write the file, so it is unchanged" in done.stdout
    assert done.stderr == "nothing migrated in 1 file(s); 1 file(s) could not be read or written\n"
    assert path.read_bytes() == small("grumpy").encode()
