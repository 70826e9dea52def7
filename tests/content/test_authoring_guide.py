"""docs/authoring.md stays true: every full scenario in it validates cleanly, and every command it
shows is one the command line accepts, options and all.

A trainer copies from the guide; an example that fails `validate`, or a command with an option that
no longer exists, is the first thing they would meet.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from game.storage.scenario_files import PRINCIPLES_FILE, load_library
from game.tools.cli import build_parser
from tests.paths import ROOT, SCENARIOS

GUIDE = ROOT / "docs" / "authoring.md"
FULL_SCENARIO = re.compile(r"<!-- full scenario -->\n```yaml\n(.*?)```", re.DOTALL)
CODE_BLOCK = re.compile(r"^```[a-z]*\n(.*?)^```", re.DOTALL | re.MULTILINE)
COMMAND = "python3 main.py "


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def full_scenarios() -> list[str]:
    return FULL_SCENARIO.findall(guide())


def commands() -> list[str]:
    """Every `python3 main.py ...` line of the guide's code blocks, without the shell comment after it."""
    lines = (line.strip() for block in CODE_BLOCK.findall(guide()) for line in block.splitlines())
    return [line for line in lines if line.startswith(COMMAND)]


def test_the_guide_has_full_scenarios_and_commands_to_check() -> None:
    assert full_scenarios() and len(commands()) >= 10


@pytest.mark.parametrize("number", range(len(full_scenarios())))
def test_each_full_scenario_in_the_guide_validates_with_no_warning(tmp_path: Path, number: int) -> None:
    shutil.copy(SCENARIOS / PRINCIPLES_FILE, tmp_path / PRINCIPLES_FILE)  # its principles are checked
    path = tmp_path / "example.yaml"
    path.write_text(full_scenarios()[number], encoding="utf-8")
    library = load_library([path])
    assert [str(d) for d in library.diagnostics] == []
    assert len(library.scenarios) == 1
    schema = json.loads((SCENARIOS / "schema" / "scenario.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(yaml.safe_load(full_scenarios()[number]))) == []


@pytest.mark.parametrize("command", commands())
def test_each_command_in_the_guide_is_one_the_command_line_accepts(command: str) -> None:
    arguments = shlex.split(command.removeprefix(COMMAND), comments=True)
    parsed = build_parser().parse_args(arguments)  # a usage error exits, failing the test
    assert parsed.verb == arguments[0]
