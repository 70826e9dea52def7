"""YAML syntax errors reach a trainer in our words, the same whichever parser read the file.

libyaml (the C parser) and PyYAML's pure-Python parser word the same mistake differently, and a
release may reword it; each snippet here is read by both, and must give our one sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from game.engine.reading import yamltree
from game.engine.reading.diagnostics import DiagnosticSink
from game.engine.reading.yaml_problems import GENERAL
from tests.engine.test_diagnostics import BASE, printed, variant

INDENTATION = "the indentation of this line matches no line above it"
BROKEN = {
    "unclosed double quote": ('a: "abc\nb: c\n', "1:4", "a quotation mark opened here is never closed"),
    "unclosed single quote": ("a: 'abc\nb: c\n", "1:4", "a quotation mark opened here is never closed"),
    "colon inside a value": (
        "a: b: c\n",
        "1:5",
        "this text holds a colon followed by a space, which YAML reads as the start of a key: "
        "put the whole text after 'a:' in quotes",
    ),
    "key indented too little": (
        "a:\n  b: 1\n c: 2\n",
        "3:2",
        f"{INDENTATION}: it starts at column 2, and the lines above start at columns 3 and 1; "
        "move it, with spaces, to line up with the key or list item it belongs to",
    ),
    "list item among keys": (
        "a: 1\n- b\n",
        "2:1",
        "this list item ('- ') has the indentation of the key 'a' on line 1: a list belongs under a key "
        "with nothing after its colon, indented further than that key",
    ),
    "key among list items": (
        "- a\nb: 1\n",
        "2:1",
        "this line has the indentation of the list item ('- ') on line 1, but does not start with '- ': "
        "start it with '- ' if it is a new item, or indent it to column 3 to make it part of that item",
    ),
    "key without colon": ("a: 1\nb\nc: 2\n", "2:1", "this line is not a 'key: value' pair: add a colon and a space"),
    "value starting with @": ("a: @x\n", "1:4", "a value cannot begin with this character"),
    "value starting with a backtick": ("a: `x\n", "1:4", "a value cannot begin with this character"),
    "unclosed [": ("a: [1, 2\nb: 3\n", "2:2", "a list opened with [ is not closed"),
    "unclosed {": ("a: {x: 1\nb: 3\n", "2:2", "a mapping opened with { is not closed"),
    "unknown escape": ('a: "\\q"\n', "1:5", "double-quoted text has a backslash that starts no known escape"),
    "broken \\u escape": ('a: "\\uZZZZ"\n', "1:5", "\\x, \\u and \\U must be followed by hexadecimal digits"),
    "anchor without a name": ("a: & x\n", "1:5", "& and * must be followed by a name"),
    "alias without a name": ("a: * \n", "1:5", "& and * must be followed by a name"),
    "undefined tag handle": ("a: !x!y z\n", "1:4", "tags (! and !!) are not allowed"),
    "text after the document end": ("a: 1\n...\nb\n", "3:1", "a scenario file holds one YAML document"),
    "repeated directive": ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "2:1", "lines starting with %"),
    "junk after a block indicator": ("a: |x\n  b\n", "1:5", "after | or > only a line break may follow"),
    "dash inside [ ]": ("a: [- x]\n", "1:5", "a value is missing here, inside [ ] or { }: write one"),
}
PARSERS = {"libyaml": yaml.CSafeLoader, "pure Python": yaml.SafeLoader}


def problems(text: str) -> list[str]:
    sink = DiagnosticSink("s.yaml")
    yamltree.read_tree(text, sink)
    return [f"{d.position.line}:{d.position.column} {d.message}" for d in sink.items]


@contextmanager
def reading_with(parser: type) -> Iterator[None]:
    """Files read by this parser (libyaml, or PyYAML's own) for a while: a Hypothesis test cannot
    take pytest's monkeypatch."""
    original, yamltree._Loader = yamltree._Loader, parser
    try:
        yield
    finally:
        yamltree._Loader = original


def read_by_each_parser(text: str, read: Callable[[str], list[str]] = problems) -> dict[str, list[str]]:
    """What each parser's reading of `text` reports (by default as 'line:col message')."""
    found = {}
    for name, parser in PARSERS.items():
        with reading_with(parser):
            found[name] = read(text)
    return found


@pytest.mark.parametrize(("text", "where", "start"), BROKEN.values(), ids=BROKEN.keys())
def test_each_mistake_gets_our_sentence_at_one_place_from_either_parser(text: str, where: str, start: str) -> None:
    by_parser = read_by_each_parser(text)
    found = by_parser["libyaml"]
    assert len(found) == 1, found
    position, message = found[0].split(" ", 1)
    assert (position, message[: len("YAML syntax: ") + len(start)]) == (where, f"YAML syntax: {start}")
    assert by_parser["pure Python"] == found


@pytest.mark.parametrize(("text", "where", "start"), BROKEN.values(), ids=BROKEN.keys())
def test_no_parser_wording_reaches_the_message(text: str, where: str, start: str) -> None:
    for parser in PARSERS.values():
        try:
            loader = parser(text)
            while loader.check_event():
                loader.get_event()
        except yaml.MarkedYAMLError as problem:
            said = problems(text)[0]
            assert (problem.problem or "") not in said and GENERAL not in said
        else:
            pytest.fail(f"{parser.__name__} read {text!r} without complaint")


def test_an_unrecognised_mistake_gets_our_general_sentence() -> None:
    from game.engine.reading.yaml_problems import explain

    mark = yaml.Mark("s.yaml", 0, 2, 4, None, None)
    problem = yaml.MarkedYAMLError(problem="something new went wrong", problem_mark=mark)
    position, message = explain(problem, "a: 1\nb: 2\nc: 3\n")
    assert (position, message) == ((3, 5), GENERAL)


# The trainer's own mistakes, made in a real scenario (test_diagnostics' BASE; its listing there
# numbers the lines): each names the indentation or the quotes, and the column that would work.
LAYOUT_MISTAKES = {
    "a key indented under the line above": (
        [("    say: Why is my bill so high?\n", "    say: Why is my bill so high?\n      narration: Pat sighs.\n")],
        "16:7 the indentation of this line is deeper than 'say' above it (column 7 against 5), so YAML reads "
        "it as more of that line's text: line 'narration' up with the keys above it",
    ),
    "a choice's key a space short": (
        [("        feedback: Good.\n", "       feedback: Good.\n")],
        f"20:8 {INDENTATION}: it starts at column 8, and the lines above start at columns 9, 7, 5, 3 and 1; "
        "move it, with spaces, to line up with the key or list item it belongs to",
    ),
    "a choice's key a space too far": (
        [("        feedback: Good.\n", "         feedback: Good.\n")],
        f"20:10 {INDENTATION}: it starts at column 10, and the lines above start at columns 9, 7, 5, 3 and 1; "
        "move it, with spaces, to line up with the key or list item it belongs to",
    ),
    "a node's key a space short": (
        [("    choices:\n      - id: kind", "   choices:\n      - id: kind")],
        f"16:4 {INDENTATION}: it starts at column 4, and the lines above start at columns 5, 3 and 1; "
        "move it, with spaces, to line up with the key or list item it belongs to",
    ),
    "a choice a space short": (
        [("      - id: rude", "     - id: rude")],
        f"23:6 {INDENTATION}: it starts at column 6, and the lines above start at columns 9, 7, 5, 3 and 1; "
        "move it, with spaces, to line up with the key or list item it belongs to",
    ),
    "a top-level key indented": (
        [("start: hello", " start: hello")],
        f"12:2 {INDENTATION}: it starts at column 2, and the lines above start at columns 3 and 1; "
        "move it, with spaces, to line up with the key or list item it belongs to",
    ),
    "an unquoted colon in a line": (
        [("    say: Why is my bill so high?", "    say: Listen: why is my bill so high?")],
        "15:16 this text holds a colon followed by a space, which YAML reads as the start of a key: "
        "put the whole text after 'say:' in quotes",
    ),
    "an unquoted colon in a choice": (
        [("text: Let me look into it.", "text: Note: I will look into it.")],
        "18:19 this text holds a colon followed by a space, which YAML reads as the start of a key: "
        "put the whole text after 'text:' in quotes",
    ),
    "an unquoted colon in text carried over two lines": (
        [("    say: Why is my bill so high?", "    say: Why is my bill\n      so high? I said: why?")],
        "16:22 this line carries on the unquoted text above it, and a colon followed by a space cannot "
        "stand in unquoted text: put the whole text in quotes",
    ),
    "a key without its colon": (
        [("    say: Why is my bill so high?", "    say Why is my bill so high?")],
        "15:5 this line has no colon and space after its key, so YAML reads line 16 as more of its text: "
        "write it as 'key: value'",
    ),
    "a colon without its space": (
        [("    say: Why is my bill so high?", "    say:Why is my bill so high?")],
        "15:5 this line has no colon and space after its key, so YAML reads line 16 as more of its text: "
        "write it as 'key: value'",
    ),
}


@pytest.mark.parametrize(("edits", "expected"), LAYOUT_MISTAKES.values(), ids=LAYOUT_MISTAKES.keys())
def test_layout_mistakes_say_what_to_do_the_same_from_either_parser(
    edits: list[tuple[str, str]], expected: str
) -> None:
    position, sentence = expected.split(" ", 1)
    by_parser = read_by_each_parser(variant(*edits))
    assert by_parser == {name: [f"{position} YAML syntax: {sentence}"] for name in PARSERS}


BASE_LINES = BASE.split("\n")


@given(
    st.lists(st.tuples(st.integers(0, len(BASE_LINES) - 2), st.integers(0, 12)), min_size=1, max_size=3),
    st.sampled_from(["", " x: y", " #x", " - x", ": x"]),
)
def test_a_scenario_mis_indented_anywhere_reads_the_same_from_either_parser(
    indents: list[tuple[int, int]], appended: str
) -> None:
    """Any lines of a real scenario moved to any indentation, and a colon, a hash or a dash added to
    the first: whatever is wrong, both parsers give the same sentences at the same places."""
    lines = list(BASE_LINES)
    for number, indent in indents:
        lines[number] = " " * indent + lines[number].lstrip(" ")
    lines[indents[0][0]] += appended
    by_parser = read_by_each_parser("\n".join(lines), printed)
    assert by_parser["pure Python"] == by_parser["libyaml"]
