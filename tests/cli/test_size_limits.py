"""The size guards stay on by default, and a trainer raises them for one command with --max-megabytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.reading.loader import read_scenario
from game.engine.reading.yamltree import LARGEST_MEGABYTES, SizeLimits
from tests.cli.test_cli import run
from tests.paths import ANGRY_WALK_IN

PADDING_LINE = b"# generated padding: comments count towards the file's size, not its values\n"


def scenario_of_megabytes(folder: Path, megabytes: float) -> Path:
    """The angry walk-in, padded with comments to just over `megabytes` MiB: valid, and large."""
    data = ANGRY_WALK_IN.read_bytes()
    lines = int(megabytes * 1024 * 1024 - len(data)) // len(PADDING_LINE) + 1
    path = folder / "large.yaml"
    path.write_bytes(data + PADDING_LINE * lines)
    return path


def test_validate_refuses_a_file_over_4_mib_by_default_and_accepts_it_with_the_option(tmp_path: Path) -> None:
    path = scenario_of_megabytes(tmp_path, 4.5)
    refused = run("validate", str(path))
    assert refused.returncode == 1
    assert refused.stdout == f"{path}:1:1: error: the file is 4.50 MiB; the limit is 4 MiB\n"
    assert "--max-megabytes" in refused.stderr
    accepted = run("validate", "--max-megabytes", "5", str(path))
    assert (accepted.returncode, accepted.stdout) == (0, "")
    assert "checked 1 scenario file(s): 0 error(s), 0 warning(s)" in accepted.stderr


@pytest.mark.parametrize("verb", [["analyze", "--runs", "10"], ["play", "--auto", "best"]])
def test_analyze_and_play_take_the_option_too(tmp_path: Path, verb: list[str]) -> None:
    path = scenario_of_megabytes(tmp_path, 4.5)
    refused = run(verb[0], str(path), *verb[1:])
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"{path}:1:1: error: the file is 4.50 MiB; the limit is 4 MiB\n")
    accepted = run(verb[0], str(path), *verb[1:], "--max-megabytes", "5")
    assert (accepted.returncode, accepted.stderr) == (0, "")
    assert accepted.stdout


@pytest.mark.parametrize("megabytes", ["0", str(LARGEST_MEGABYTES + 1), "lots"])
def test_the_option_has_bounds(megabytes: str) -> None:
    done = run("validate", "--max-megabytes", megabytes, str(ANGRY_WALK_IN))
    assert done.returncode == 2
    assert "--max-megabytes" in done.stderr


def test_raising_the_size_raises_the_count_of_values_in_proportion() -> None:
    assert SizeLimits.of_megabytes(4) == SizeLimits()
    assert SizeLimits.of_megabytes(8) == SizeLimits(8 * 1024 * 1024, 800_000)
    many_values = b"objectives:\n" + b"- x\n" * 1000
    refused = read_scenario(many_values, "h.yaml", limits=SizeLimits(max_values=1000))
    assert [d.code for d in refused.diagnostics] == ["too-many-values"]
    counted = read_scenario(many_values, "h.yaml", limits=SizeLimits(max_values=2000))
    assert "too-many-values" not in {d.code for d in counted.diagnostics}
