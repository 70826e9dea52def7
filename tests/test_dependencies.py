"""Every dependency has a supported range, and CI's second run pins the bottom of each.

A fresh machine gets the newest release inside each range (the README's command); `.ci/run`
then tests the oldest, from `.ci/constraints-oldest.txt`. These tests keep the two files in
step, so a range cannot widen without the oldest run following it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)(?:\[[^\]]*\])?\s*(?P<specifiers>[^;]*)$")  # extras: name[a,b]


def declared() -> dict[str, str]:
    """Each runtime and test requirement of pyproject.toml, by normalised name."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    found = {}
    for line in lines:
        match = REQUIREMENT.match(line.strip())
        assert match, f"cannot read the requirement {line!r}"
        found[normalised(match["name"])] = match["specifiers"].replace(" ", "")
    return found


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def bounds(specifiers: str) -> tuple[str | None, str | None]:
    """The lowest allowed release and the upper limit: `==X` is both, `>=X,<Y` is X and Y."""
    by_operator = {}
    for part in filter(None, specifiers.split(",")):
        operator, version = re.fullmatch(r"(==|>=|<=|<)(.+)", part).groups()  # type: ignore[union-attr]
        by_operator[operator] = version
    pinned = by_operator.get("==")
    return pinned or by_operator.get(">="), pinned or by_operator.get("<") or by_operator.get("<=")


def oldest() -> dict[str, str]:
    pins = {}
    for line in (ROOT / ".ci" / "constraints-oldest.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[normalised(name)] = version
    return pins


@pytest.mark.parametrize("name", sorted(declared()))
def test_every_dependency_has_a_lower_and_an_upper_bound(name: str) -> None:
    lower, upper = bounds(declared()[name])
    assert lower and upper, f"{name} {declared()[name]!r} needs a lower and an upper bound"


def test_the_oldest_run_pins_exactly_the_lower_bounds() -> None:
    expected = {name: bounds(specifiers)[0] for name, specifiers in declared().items()}
    assert oldest() == expected


def test_the_bounds_reader_sees_both_ends() -> None:
    assert bounds(">=6.0.1,<6.1") == ("6.0.1", "6.1")
    assert bounds("==0.17.6") == ("0.17.6", "0.17.6")
    assert bounds(">=2.5") == ("2.5", None)
    assert bounds("") == (None, None)


def test_ci_runs_the_readme_test_command_then_the_oldest_releases() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    command = "python3 -m pip install -e '.[test]' && python3 -m pytest"
    assert command in readme and command in ci
    assert ci.index(command) < ci.index("bash .ci/oldest-releases")
