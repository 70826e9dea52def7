"""Hostile and strange files: each must end in diagnostics, quickly, never in an exception.

The dangerous ones (deep nesting, alias bombs, huge files, code-running tags) are read in a
child process, so a segfault in the C parser fails the test instead of killing pytest, and
the child's own peak memory can be checked. The child reads it itself, as VmHWM from
/proc/self/status where Linux has it: the rusage maximum (os.wait4's, or the child's own) can carry
over the forking parent's peak, so a pytest process grown past the limit would fail every case.
Elsewhere the rusage figure of os.wait4, which is that child's alone, is the fallback.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.engine.reading.loader import LoadReport, read_scenario
from game.engine.reading.yamltree import SizeLimits

ROOT = Path(__file__).resolve().parents[2]
REAL = (ROOT / "scenarios" / "angry-walk-in.yaml").read_text(encoding="utf-8")
PATH = "h.yaml"
HANG_GUARD_SECONDS = 30.0  # ten times the slowest case on a loaded machine; bench/ measures speed
MAX_MEGABYTES = 300
TAG_NOT_ALLOWED = "is not allowed: write plain text, numbers, lists and mappings without tags"

CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from game.engine.reading.loader import read_scenario
data = open(sys.argv[2], "rb").read()
report = read_scenario(data, "h.yaml")
try:
    status = open("/proc/self/status").read().split("VmHWM:")[1]
    peak_kib = int(status.split()[0])  # the peak resident set since this program was started
except (OSError, IndexError, ValueError):
    peak_kib = None
print(json.dumps({"loaded": report.scenario is not None, "peak_kib": peak_kib,
                  "diagnostics": [str(d)[:500] for d in report.diagnostics]}))
"""


@dataclass
class ChildRun:
    loaded: bool
    diagnostics: list[str]
    megabytes: float


def read_in_child(data: bytes, tmp_path: Path, timeout: float = HANG_GUARD_SECONDS) -> ChildRun:
    """read_scenario on `data` in a fresh interpreter; fails on a crash, a hang or an exception."""
    source, out, err = tmp_path / "hostile.yaml", tmp_path / "out.json", tmp_path / "err.txt"
    source.write_bytes(data)
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(source)], stdout=stdout, stderr=stderr)
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            pytest.fail(f"reading the file did not finish within {timeout} s")
        time.sleep(0.01)
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode >= 0, f"the child died of {signal.Signals(-process.returncode).name}"
    assert process.returncode == 0, err.read_text(errors="replace")
    result = json.loads(out.read_text())
    peak_kib = result["peak_kib"] if result["peak_kib"] is not None else usage.ru_maxrss
    return ChildRun(result["loaded"], result["diagnostics"], peak_kib / 1024)


def read_guarded(data: bytes) -> LoadReport:
    started = time.monotonic()
    report = read_scenario(data, PATH)
    assert time.monotonic() - started < HANG_GUARD_SECONDS
    return report


def errors_of(report: LoadReport) -> list[str]:
    assert report.scenario is None
    return [str(d) for d in report.diagnostics if d.is_error]


def billion_laughs(levels: int = 9) -> bytes:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels + 1):
        name, below = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [{', '.join([f'*{below}'] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


DANGEROUS = [
    pytest.param(random.Random(1).randbytes(64 * 1024), None, id="binary junk"),
    pytest.param(random.Random(2).randbytes(64 * 1024).replace(b"\0", b"x"), None, id="binary junk without NUL"),
    pytest.param(bytes(random.Random(3).choices(range(1, 128), k=64 * 1024)), None, id="ASCII junk"),
    pytest.param(
        billion_laughs(),
        "h.yaml:6:32: error: aliases expand this file to more than 400,000 values; write the values out instead",
        id="billion laughs",
    ),
    pytest.param(
        b"a: &a [x, *a]\n",
        "h.yaml:1:11: error: the alias *a refers to a value that contains it",
        id="recursive alias in a list",
    ),
    pytest.param(
        b"a: &a {b: *a}\n",
        "h.yaml:1:11: error: the alias *a refers to a value that contains it",
        id="recursive alias in a mapping",
    ),
    pytest.param(
        b"a: *nowhere\n",
        "h.yaml:1:4: error: the alias *nowhere has no anchor &nowhere before it",
        id="alias without anchor",
    ),
    pytest.param(b"[" * 100_000, "h.yaml:1:65: error: values are nested more than 64 deep", id="100k ["),
    pytest.param(b"{" * 60_000, "h.yaml:1:65: error: values are nested more than 64 deep", id="60k {"),
    pytest.param(
        b"title: x\nnodes:\n  a: " + b"[{x: " * 2_000,
        "h.yaml:3:161: error: values are nested more than 64 deep",
        id="flow nesting below block mappings",
    ),
    pytest.param(
        b"a: [" + b"[" * 2_000 + b"]]]] ]",
        "h.yaml:1:67: error: values are nested more than 64 deep",
        id="deep flow, then a syntax error",
    ),
    pytest.param(
        b"- " * 50_000 + b"x\n", "h.yaml:1:129: error: values are nested more than 64 deep", id="50k block sequences"
    ),
    pytest.param(
        b"title: " + b"x" * (5 * 1024 * 1024) + b"\n",
        "h.yaml:1:1: error: the file is 5.00 MiB; the limit is 4 MiB",
        id="over 4 MiB",
    ),
    pytest.param(
        b"[" + b"1," * 1_900_000 + b"1]\n",
        "h.yaml:1:800000: error: the file holds more than 400,000 values, far more than a scenario needs",
        id="too many values",
    ),
]


@pytest.mark.parametrize(("data", "expected"), DANGEROUS)
def test_dangerous_files_end_in_a_diagnostic_in_a_child_process(
    data: bytes, expected: str | None, tmp_path: Path
) -> None:
    run = read_in_child(data, tmp_path)
    assert not run.loaded and run.diagnostics
    assert all(": error: " in line or ": warning: " in line for line in run.diagnostics)
    if expected is not None:
        assert run.diagnostics == [expected]
    assert run.megabytes < MAX_MEGABYTES


@pytest.mark.parametrize(
    ("yaml_text", "where"),
    [
        pytest.param('!!python/object/apply:os.system ["touch {marker}"]\n', "1:1", id="apply at the top"),
        pytest.param(
            'id: x\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n', "2:8", id="apply in a value"
        ),
        pytest.param("id: x\nnodes:\n  a: !!python/object/new:os.system [touch {marker}]\n", "3:6", id="new"),
        pytest.param("title: !!python/name:os.system\n", "1:8", id="name"),
        pytest.param("? !!python/object/apply:os.system [touch {marker}]\n: x\n", "1:3", id="apply in a key"),
    ],
)
def test_python_tags_are_refused_and_run_nothing(yaml_text: str, where: str, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    run = read_in_child(yaml_text.format(marker=marker).encode(), tmp_path)
    assert len(run.diagnostics) == 1
    assert run.diagnostics[0].startswith(f"h.yaml:{where}: error: the tag !!python/")
    assert run.diagnostics[0].endswith(TAG_NOT_ALLOWED)
    assert not marker.exists()


def test_a_file_of_only_values_gets_a_message_without_aliases() -> None:
    # The real limit is 400,000 values (about a second of parsing); a small one shows both messages.
    few = SizeLimits(max_values=1000)
    plain = b"objectives:\n" + b"- x\n" * 1000
    assert errors_of(read_scenario(plain, PATH, limits=few)) == [
        "h.yaml:1001:3: error: the file holds more than 1,000 values, far more than a scenario needs"
    ]
    aliased = b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [" + b"*a, " * 100 + b"]\n"
    assert errors_of(read_scenario(aliased, PATH, limits=few)) == [
        "h.yaml:2:365: error: aliases expand this file to more than 1,000 values; write the values out instead"
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"", "h.yaml:1:1: error: the file is empty; a scenario is a mapping of keys", id="empty"),
        pytest.param(
            b"  \n\n# only a comment\n   # and another\n\n",
            "h.yaml:1:1: error: the file is empty; a scenario is a mapping of keys",
            id="comments only",
        ),
        pytest.param(
            b"---\n...\n", "h.yaml:2:1: error: the scenario must be a mapping of keys, not nothing", id="empty document"
        ),
        pytest.param(
            b"- id: x\n- title: y\n",
            "h.yaml:1:1: error: the scenario must be a mapping of keys, not a list",
            id="a list",
        ),
        pytest.param(
            b"just some words\n",
            "h.yaml:1:1: error: the scenario must be a mapping of keys, not 'just some words'",
            id="a scalar",
        ),
        pytest.param(b"~\n", "h.yaml:1:1: error: the scenario must be a mapping of keys, not nothing", id="null"),
        pytest.param(
            "id: x\ntitle: Café\n".encode("utf-16"),
            "h.yaml:1:1: error: the file is UTF-16; save it as UTF-8",
            id="UTF-16 with BOM",
        ),
        pytest.param(
            "id: x\n".encode("utf-16-be"),
            "h.yaml:1:1: error: the file contains a NUL byte: it is binary, not YAML text",
            id="UTF-16 no BOM",
        ),
        pytest.param(
            "id: x\ntitle: Café\n".encode("latin-1"),
            "h.yaml:2:11: error: byte 0xe9 is not UTF-8; save the file as UTF-8",
            id="latin-1",
        ),
        pytest.param(
            "id: x\ntitle: año ".encode() + b"caf\xe9\n",
            "h.yaml:2:15: error: byte 0xe9 is not UTF-8; save the file as UTF-8",
            id="latin-1 after UTF-8 counts characters",
        ),
        pytest.param(
            b"id: x\ntitle: a\x00b\n",
            "h.yaml:2:9: error: the file contains a NUL byte: it is binary, not YAML text",
            id="NUL byte",
        ),
        pytest.param(
            b"\x01",
            "h.yaml:1:1: error: the character U+0001 is not allowed in YAML text; remove it",
            id="control character",
        ),
        pytest.param(
            b"id: x\ntitle: \x1b[31mred\n",
            "h.yaml:2:8: error: the character U+001B is not allowed in YAML text; remove it",
            id="escape code",
        ),
        pytest.param(
            "id: x\ntitle: éé\x9f\n".encode(),
            "h.yaml:2:10: error: the character U+009F is not allowed in YAML text; remove it",
            id="C1 control after UTF-8",
        ),
        pytest.param(
            b"id: x\n---\nid: y\n", "h.yaml:2:1: error: only one YAML document is allowed per file", id="two documents"
        ),
        pytest.param(
            b"---\nid: x\n...\n---\nid: y\n",
            "h.yaml:4:1: error: only one YAML document is allowed per file",
            id="two explicit documents",
        ),
        pytest.param(
            b'id: x\ntitle: "unterminated\n',
            "h.yaml:2:8: error: YAML syntax: a quotation mark opened here is never closed: close it at the end of the text",
            id="unterminated quote",
        ),
        pytest.param(
            b"id: x\n  title: y\n",
            "h.yaml:2:3: error: YAML syntax: the indentation of this line is deeper than 'id' above it "
            "(column 3 against 1), so YAML reads it as more of that line's text: line 'title' up with the keys above it",
            id="bad indentation",
        ),
        pytest.param(
            b"id: x\ntitle: !custom y\n",
            "h.yaml:2:8: error: the tag !custom is not allowed: write plain text, numbers, lists and "
            "mappings without tags",
            id="local tag",
        ),
    ],
)
def test_strange_files_end_in_one_located_error(data: bytes, expected: str) -> None:
    assert errors_of(read_guarded(data)) == [expected]


@pytest.mark.parametrize(
    ("data", "tab_line"),
    [(b"id: x\ncustomer:\n\tname: Pat\n", 3), (b"id: x\ncustomer:\n  name: Pat\n\tanger: 5\n", 4)],
    ids=["tab indent", "tab after spaces"],
)
def test_a_tab_is_reported_and_the_rest_of_the_file_still_read(data: bytes, tab_line: int) -> None:
    """One tab no longer hides every other problem: the tab is located, and what the file lacks is said too."""
    errors = errors_of(read_guarded(data))
    assert (
        f"h.yaml:{tab_line}:1: error: a tab indents this line, and YAML allows only spaces for indentation: use spaces"
        in errors
    )
    assert "h.yaml:1:1: error: the scenario needs 'nodes'" in errors


def test_an_empty_mapping_lists_what_a_scenario_needs() -> None:
    errors = errors_of(read_guarded(b"{}\n"))
    assert len(errors) == 10
    assert "h.yaml:1:1: error: the scenario needs 'nodes'" in errors
    assert all(line.startswith("h.yaml:1:1: error: the scenario needs '") for line in errors)


def test_a_byte_order_mark_is_accepted() -> None:
    report = read_guarded(b"\xef\xbb\xbf" + REAL.encode())
    assert report.scenario is not None and report.diagnostics == []


# YAML 1.1 would read these as booleans, numbers, times or null; text fields keep what was written.
@pytest.mark.parametrize(
    ("old", "new", "field", "expected"),
    [
        ('title: "The Letter in Red"', "title: No", "title", "No"),
        ('title: "The Letter in Red"', "title: yes", "title", "yes"),
        ('title: "The Letter in Red"', "title: 1e3", "title", "1e3"),
        ('title: "The Letter in Red"', "title: .inf", "title", ".inf"),
        ('title: "The Letter in Red"', "title: 2001-01-01", "title", "2001-01-01"),
        ('title: "The Letter in Red"', 'title: "~"', "title", "~"),
        ('title: "The Letter in Red"', "title: 007", "title", "007"),
        ('summary: "A man storms', 'summary: 12:30\nx_summary: "A man storms', None, None),
        ('name: "Gareth Pryce"', "name: 0x1F", "customer.name", "0x1F"),
        ('text: "Go on, tell me what\'s happened."', "text: on", "choice.text", "on"),
        ('text: "Go on, tell me what\'s happened."', "text: OFF", "choice.text", "OFF"),
    ],
)
def test_yaml_11_surprises_keep_the_text_as_written(
    old: str, new: str, field: str | None, expected: str | None
) -> None:
    if field is None:  # summary: the original line must go, so replace the whole line instead
        lines = REAL.splitlines(keepends=True)
        text = "".join("summary: 12:30\n" if line.startswith("summary:") else line for line in lines)
        field, expected = "summary", "12:30"
    else:
        assert REAL.count(old) == 1
        text = REAL.replace(old, new)
    report = read_guarded(text.encode())
    assert report.diagnostics == [] and report.scenario is not None
    scenario = report.scenario
    values = {
        "title": scenario.title,
        "summary": scenario.summary,
        "customer.name": scenario.customer.name,
        "choice.text": scenario.nodes["burst-in"].choices[1].text,
    }
    assert values[field] == expected


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("title: ~", "h.yaml:3:8: error: 'title' in the scenario is empty"),
        ("title: null", "h.yaml:3:8: error: 'title' in the scenario is empty"),
        ("title:", "h.yaml:3:7: error: 'title' in the scenario is empty"),
    ],
)
def test_null_is_an_empty_value(new: str, expected: str) -> None:
    assert errors_of(read_guarded(REAL.replace('title: "The Letter in Red"', new).encode())) == [expected]


@pytest.mark.parametrize("value", ["12:30", "0x1F", "0o17", "1_000", "1.5", "true", "1e2"])
def test_yaml_11_numbers_are_located_errors(value: str) -> None:
    text = REAL.replace("  anger: 70\n", f"  anger: {value}\n")
    assert errors_of(read_guarded(text.encode())) == [
        f"h.yaml:16:10: error: 'anger' must be a whole number, not '{value}'"
    ]
