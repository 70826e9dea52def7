"""The text rules (game/engine/reading/text_rules.py) on their own, and the promise they make: whatever text
is written into a field of the real scenario, either `validate` reports a located error or the
loaded text is presentable, so the screens can draw it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import yaml
from hypothesis import given, note, settings
from hypothesis import strategies as st

from game.engine.model import Scenario
from game.engine.reading import yamltree
from game.engine.reading.limits import MAX_LINE
from game.engine.reading.loader import LoadReport, read_scenario
from game.engine.reading.text_rules import TextKind, is_presentable
from game.engine.reading.typography import typographic
from tests.depth import scaled
from tests.engine.test_diagnostics import printed, variant
from tests.paths import ANGRY_WALK_IN

REAL = ANGRY_WALK_IN.read_text(encoding="utf-8")
PATH = "t.yaml"
LABEL, LINE, PARAGRAPH = TextKind.LABEL, TextKind.LINE, TextKind.PARAGRAPH


@pytest.mark.parametrize(
    ("text", "kind", "presentable"),
    [
        ("Hello", LABEL, True),
        ("", LINE, False),
        ("   ", LINE, False),
        ("a" * MAX_LINE, LINE, True),
        ("a" * (MAX_LINE + 1), LINE, False),
        ("One.\nTwo.", LINE, False),
        ("One.\nTwo.", PARAGRAPH, True),
        ("One.\n\nTwo.", PARAGRAPH, True),
        ("One.\n\u200b", PARAGRAPH, False),
        ("e\u0301", LABEL, True),
        ("\u0301", LABEL, False),
        ("\U0001f44d", LABEL, True),  # a symbol is visible
        ("\u2014", LABEL, True),  # so is punctuation
        ("\u00a0\u200b\u3000", LABEL, False),
        ("a\u200eb", LINE, True),  # a left-to-right mark only sets the direction of what follows
        ("a\u202eb", LINE, False),
        ("a\ud800b", LINE, False),
        ("a\U0001fffeb", LINE, False),
        ("a\x85b", PARAGRAPH, False),
        ("a\u2029b", PARAGRAPH, False),
    ],
)
def test_is_presentable(text: str, kind: TextKind, presentable: bool) -> None:
    assert is_presentable(text, kind) is presentable


def test_a_lone_surrogate_the_pure_python_reader_lets_through_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamltree, "_Loader", yaml.SafeLoader)
    assert printed(variant(("title: A short call", 'title: "A\\ud800B"'))) == [
        "s.yaml:2:8: error: 'title' in the scenario has the lone surrogate U+D800 (half of a character pair) at "
        "character 2; remove it"
    ]


# --- the property, on the real scenario ---------------------------------------------------------

FIELDS: dict[str, tuple[str, Callable[[Scenario], str], TextKind, bool]] = {  # start, value, kind, required
    "title": ('title: "The Letter in Red"', lambda s: s.title, LABEL, True),
    "choice": ('text: "Go on, tell me what\'s happened."', lambda s: s.nodes["burst-in"].choices[1].text, LINE, True),
    "narration": ('narration: "The office door', lambda s: s.nodes["burst-in"].narration, PARAGRAPH, False),
}
SPECIAL = [
    *"\x00\x07\t\n\r\x1b\x7f\x85\x9b\u00ad\u0301\u200b\u200d\u200e\u202e\u2028\u2066\u3000\ufe0f\ufeff\uffff",
    "\ud800",
    "\U0010ffff",
    " ",
    "'",
    '"',
    "A",
    "\U0001f600",
]
PIECES = st.lists(st.one_of(st.characters(exclude_categories=()), st.sampled_from(SPECIAL)), max_size=30).map("".join)
TEXTS = st.tuples(PIECES, st.integers(1, 120)).map(lambda pair: pair[0] * pair[1] if len(pair[0]) < 30 else pair[0])


def escaped(text: str) -> str:
    """`text` as a YAML double-quoted scalar: printable ASCII as it is, everything else as an escape."""
    out = []
    for char in text:
        point = ord(char)
        if " " <= char <= "~" and char not in '"\\':
            out.append(char)
        elif point < 0x100:
            out.append(f"\\x{point:02x}")
        elif point < 0x10000:
            out.append(f"\\u{point:04x}")
        else:
            out.append(f"\\U{point:08x}")
    return '"' + "".join(out) + '"'


def placed(field: str, written: str) -> tuple[str, int]:
    """The real scenario with `field`'s value replaced by `written`, and the line it is on."""
    start = FIELDS[field][0]
    key = start.split(":")[0]
    lines = REAL.splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line.lstrip().startswith(start))
    indent = lines[number][: len(lines[number]) - len(lines[number].lstrip())]
    lines[number] = f"{indent}{key}: {written}\n"
    return "".join(lines), number + 1


def texts_of(scenario: Scenario) -> Iterator[tuple[str, TextKind]]:
    """Every text for people in a loaded scenario, with its kind (docs: "What the format allows")."""
    yield scenario.title, LABEL
    yield scenario.customer.name, LABEL
    yield scenario.summary, PARAGRAPH
    yield from ((objective, LINE) for objective in scenario.objectives)
    for node in scenario.nodes.values():
        yield from ((line, LINE) for line in node.say)
        yield node.narration, PARAGRAPH
        for choice in node.choices:
            yield choice.text, LINE
            yield choice.unavailable_hint, LINE
        yield from ((consequence.feedback, PARAGRAPH) for consequence in node.consequences())
    for ending in scenario.endings.values():
        yield ending.title, LABEL
        yield ending.text, PARAGRAPH


def check(report: LoadReport, line: int) -> None:
    """A located error on the field's line, or every text of the loaded scenario presentable."""
    if report.scenario is None:
        assert any(d.is_error and d.position.line == line for d in report.diagnostics), report.diagnostics
        return
    assert not any(d.is_error for d in report.diagnostics)
    for text, kind in texts_of(report.scenario):
        assert text == "" or is_presentable(text, kind), (text, kind)


@settings(deadline=None, max_examples=scaled(150))
@given(st.sampled_from(sorted(FIELDS)), TEXTS)
def test_escaped_text_loads_exactly_when_it_is_presentable(field: str, text: str) -> None:
    """A double-quoted scalar carries any text, so the loader's verdict must be exactly the rule's."""
    source, line = placed(field, escaped(text))
    report = read_scenario(source.encode("utf-8"), PATH)
    note(str(report.diagnostics[:3]))
    check(report, line)
    _, loaded, kind, required = FIELDS[field]
    stripped = text.strip()
    assert (report.scenario is not None) == (is_presentable(stripped, kind) or not (stripped or required))
    if report.scenario is not None:
        assert loaded(report.scenario) == typographic(stripped)


@settings(deadline=None, max_examples=scaled(150))
@given(st.sampled_from(sorted(FIELDS)), TEXTS)
def test_text_written_plainly_is_refused_where_it_is_or_loads_presentable(field: str, text: str) -> None:
    """Written without quotes, YAML itself may read the text differently or not at all: whatever
    happens, a located error or texts the screens can draw."""
    source, line = placed(field, "".join(char for char in text if not "\ud800" <= char <= "\udfff"))  # not UTF-8
    report = read_scenario(source.encode("utf-8"), PATH)
    note(str(report.diagnostics[:3]))
    if report.scenario is None:
        assert any(d.is_error for d in report.diagnostics)
        assert all(1 <= d.position.line <= source.count("\n") + 2 for d in report.diagnostics)
    else:
        check(report, line)
