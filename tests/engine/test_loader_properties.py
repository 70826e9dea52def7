"""Property tests: whatever bytes arrive, read_scenario answers with located diagnostics.

(a) the shipped scenario, damaged the ways people and editors damage files; (b) arbitrary
text and bytes; (c) random YAML values dumped by PyYAML, alone and grafted into the real
scenario. None may raise; every position must be inside the file; a scenario comes back
only when there are no errors.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from game.engine.reading.loader import LoadReport, read_scenario
from tests.depth import scaled

ROOT = Path(__file__).resolve().parents[2]
REAL = (ROOT / "scenarios" / "angry-walk-in.yaml").read_text(encoding="utf-8")
REAL_TREE = yaml.safe_load(REAL)
PATH = "p.yaml"

TOKENS = [
    "[]",
    "{}",
    "~",
    "-5",
    "99999",
    "!!str",
    "&a",
    "*a",
    '"',
    ":",
    "#",
    "",
    "'",
    "|",
    ">",
    "- x",
    "? x",
    "{a: b}",
    "[a, [b]]",
    "&a [*a]",
    "*nowhere",
    "!!python/name:os.system",
    "%",
    "@",
    "`",
    "12:30",
    "0x1F",
    "no",
    "1.5",
    "1" + "0" * 5000,
    "\t",
    "---",
    "...",
    "é",
    "\u2028",
    "\x85",
    "\r",
]

PROFILE = settings(deadline=None, max_examples=scaled(200), suppress_health_check=[HealthCheck.too_slow])


def assert_well_formed(report: LoadReport, text: str) -> None:
    assert isinstance(report, LoadReport)
    last_line = len(text.splitlines()) + 1
    for diagnostic in report.diagnostics:
        line, column = diagnostic.position.line, diagnostic.position.column
        assert 1 <= line <= last_line, str(diagnostic)
        assert column >= 1, str(diagnostic)
        assert str(diagnostic).startswith(f"{PATH}:{line}:{column}: {diagnostic.severity.value}: ")
    if report.scenario is not None:
        assert not any(d.is_error for d in report.diagnostics)
    else:
        assert any(d.is_error for d in report.diagnostics)


def read_text(text: str) -> LoadReport:
    report = read_scenario(text.encode("utf-8"), PATH, None)
    assert_well_formed(report, text)
    return report


# --- (a) mutations of the real scenario ---------------------------------------------------


def _line_index(draw: st.DrawFn, lines: list[str]) -> int:
    return draw(st.integers(0, max(0, len(lines) - 1)))


def delete_line(draw: st.DrawFn, lines: list[str]) -> None:
    if lines:
        del lines[_line_index(draw, lines)]


def duplicate_line(draw: st.DrawFn, lines: list[str]) -> None:
    if lines:
        index = _line_index(draw, lines)
        lines.insert(index, lines[index])


def swap_lines(draw: st.DrawFn, lines: list[str]) -> None:
    if lines:
        a, b = _line_index(draw, lines), _line_index(draw, lines)
        lines[a], lines[b] = lines[b], lines[a]


def reindent_line(draw: st.DrawFn, lines: list[str]) -> None:
    if lines:
        index = _line_index(draw, lines)
        indent = draw(st.sampled_from([" ", "\t"])) * draw(st.integers(0, 12))
        lines[index] = indent + lines[index].lstrip(" ")


def replace_value(draw: st.DrawFn, lines: list[str]) -> None:
    candidates = [i for i, line in enumerate(lines) if ": " in line or line.lstrip().startswith("- ")]
    if candidates:
        index = draw(st.sampled_from(candidates))
        line = lines[index]
        cut = line.index(": ") + 2 if ": " in line else line.index("- ") + 2
        lines[index] = line[:cut] + draw(st.sampled_from(TOKENS)) + "\n"


def insert_text(draw: st.DrawFn, lines: list[str]) -> None:
    text = "".join(lines)
    offset = draw(st.integers(0, len(text)))
    inserted = draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)))
    lines[:] = (text[:offset] + inserted + text[offset:]).splitlines(keepends=True)


def truncate(draw: st.DrawFn, lines: list[str]) -> None:
    text = "".join(lines)
    lines[:] = text[: draw(st.integers(0, len(text)))].splitlines(keepends=True)


MUTATIONS = [delete_line, duplicate_line, swap_lines, reindent_line, replace_value, insert_text, truncate]


@st.composite
def damaged_scenarios(draw: st.DrawFn) -> str:
    lines = REAL.splitlines(keepends=True)
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=4)):
        mutation(draw, lines)
        note(mutation.__name__)
    return "".join(lines)


@PROFILE
@given(damaged_scenarios())
def test_damaged_real_scenario_gives_located_diagnostics(text: str) -> None:
    read_text(text)


def test_the_undamaged_real_scenario_loads() -> None:
    report = read_text(REAL)
    assert report.scenario is not None and report.diagnostics == []


# --- (b) arbitrary text and bytes ---------------------------------------------------------

YAML_PIECES = [*"ab:-[]{}#&*!|>'\"\n ?,~019\t%@`.", "\r\n", "é", "id", "nodes", "next", "\x01", "\ufeff"]
YAMLISH = st.lists(st.sampled_from(YAML_PIECES), max_size=150).map("".join)


@settings(deadline=None, max_examples=scaled(300))
@given(st.one_of(st.text(max_size=500), YAMLISH))
def test_arbitrary_text_never_raises(text: str) -> None:
    read_text(text)


@settings(deadline=None, max_examples=scaled(200))
@given(st.binary(max_size=500))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    report = read_scenario(data, PATH, None)
    assert_well_formed(report, data.decode("utf-8", errors="replace"))


# --- (c) random YAML values, dumped by PyYAML ---------------------------------------------

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["No", "on", "12:30", "0x1F", "~", "next", "id"]),
)
KEYS = st.one_of(st.text(max_size=10), st.sampled_from(["id", "title", "next", "choices", "if", "anger", "flag"]))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=25,
)
DUMP_STYLES = st.fixed_dictionaries(
    {"default_flow_style": st.sampled_from([False, True, None]), "allow_unicode": st.booleans()}
)


def dump(value: Any, style: dict[str, Any]) -> str:
    return yaml.dump(value, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False, **style)


@settings(deadline=None, max_examples=scaled(200))
@given(VALUES, DUMP_STYLES)
def test_random_yaml_values_never_raise(value: Any, style: dict[str, Any]) -> None:
    read_text(dump(value, style))


def paths_in(tree: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += paths_in(value, (*prefix, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            found += paths_in(value, (*prefix, index))
    return found


REAL_PATHS = paths_in(REAL_TREE)[1:]


@settings(deadline=None, max_examples=scaled(150))
@given(st.lists(st.tuples(st.sampled_from(REAL_PATHS), VALUES), min_size=1, max_size=3), DUMP_STYLES)
def test_random_values_grafted_into_the_real_scenario_never_raise(
    grafts: list[tuple[tuple[Any, ...], Any]], style: dict[str, Any]
) -> None:
    tree = copy.deepcopy(REAL_TREE)
    for path, value in grafts:
        parent = tree
        try:
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier graft replaced what this path runs through
    read_text(dump(tree, style))
