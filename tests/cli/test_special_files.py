"""`validate` and `play` on what is not a scenario file: each refused at once with a located
message, never a hang (a named pipe), never memory filled (/dev/zero, a 1 GiB file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.storage.scenario_files import PRINCIPLES_FILE
from tests.cli.test_cli import run
from tests.paths import ANGRY_WALK_IN
from tests.storage.hostile import HOSTILE_ENTRIES, REFUSED_BECAUSE, unix_only

pytestmark = unix_only

REASONS = {kind: reason.format(limit=4) for kind, reason in REFUSED_BECAUSE.items()}


def test_validate_dev_zero_is_refused_at_once() -> None:
    done = run("validate", "/dev/zero")
    assert done.returncode == 1
    assert done.stdout == "/dev/zero:1:1: error: cannot read it: it is a device, not a file\n"


def test_validate_a_library_of_things_that_are_not_scenario_files(tmp_path: Path) -> None:
    for kind, make in HOSTILE_ENTRIES.items():
        make(tmp_path / f"{kind.replace(' ', '-').replace('/', '')}.yaml")
    (tmp_path / ANGRY_WALK_IN.name).write_bytes(ANGRY_WALK_IN.read_bytes())
    done = run("validate", str(tmp_path))
    assert done.returncode == 1
    expected = sorted(
        f"{tmp_path / kind.replace(' ', '-').replace('/', '')}.yaml:1:1: error: {reason}"
        for kind, reason in REASONS.items()
    )
    assert sorted(done.stdout.splitlines()) == expected
    assert f"checked {len(REASONS) + 1} scenario file(s): {len(REASONS)} error(s)" in done.stderr


@pytest.mark.parametrize("kind", ["named pipe", "link to /dev/zero"])
def test_play_refuses_a_scenario_that_is_not_a_file(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "scenario.yaml"
    HOSTILE_ENTRIES[kind](path)
    done = run("play", str(path), "--auto", "best")
    assert done.returncode == 1
    assert done.stderr == f"{path}:1:1: error: {REASONS[kind]}\n"


@pytest.mark.parametrize("kind", ["named pipe", "link to /dev/zero", "sparse 1 GiB file"])
def test_a_principles_file_that_is_not_a_file_is_reported_and_the_scenarios_still_checked(
    tmp_path: Path, kind: str
) -> None:
    (tmp_path / ANGRY_WALK_IN.name).write_bytes(ANGRY_WALK_IN.read_bytes())
    HOSTILE_ENTRIES[kind](tmp_path / PRINCIPLES_FILE)
    done = run("validate", str(tmp_path))
    assert done.returncode == 1
    assert done.stdout.splitlines() == [f"{tmp_path / PRINCIPLES_FILE}:1:1: error: {REASONS[kind]}"]
    assert "checked 1 scenario file(s): 1 error(s)" in done.stderr
