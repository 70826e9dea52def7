"""YAML syntax errors reach a trainer in our words, the same whichever parser read the file.

libyaml (the C parser) and PyYAML's pure-Python parser word the same mistake differently, and a
release may reword it; each snippet here is read by both, and must give our one sentence.
"""

from __future__ import annotations

import pytest
import yaml

from game.engine.reading import yamltree
from game.engine.reading.diagnostics import DiagnosticSink
from game.engine.reading.yaml_problems import GENERAL

BROKEN = {
    "unclosed double quote": ('a: "abc\nb: c\n', "1:4", "a quotation mark opened here is never closed"),
    "unclosed single quote": ("a: 'abc\nb: c\n", "1:4", "a quotation mark opened here is never closed"),
    "colon inside a value": ("a: b: c\n", "1:5", "a colon followed by a space cannot stand inside"),
    "key indented too little": ("a:\n  b: 1\n c: 2\n", "3:2", "this line does not line up with the keys"),
    "list item among keys": ("a: 1\n- b\n", "2:1", "this line does not line up with the keys"),
    "key among list items": ("- a\nb: 1\n", "2:1", "a list item '- ' was expected here"),
    "key without colon": ("a: 1\nb\nc: 2\n", "3:1", "this line is not a 'key: value' pair"),
    "value starting with @": ("a: @x\n", "1:4", "a value cannot begin with this character"),
    "value starting with a backtick": ("a: `x\n", "1:4", "a value cannot begin with this character"),
    "unclosed [": ("a: [1, 2\nb: 3\n", "2:2", "a list opened with [ is not closed"),
    "unclosed {": ("a: {x: 1\nb: 3\n", "2:2", "a mapping opened with { is not closed"),
    "unknown escape": ('a: "\\q"\n', "1:5", "double-quoted text has a backslash"),
    "broken \\u escape": ('a: "\\uZZZZ"\n', "1:7", "double-quoted text has a backslash"),
    "anchor without a name": ("a: & x\n", "1:5", "& and * must be followed by a name"),
    "alias without a name": ("a: * \n", "1:5", "& and * must be followed by a name"),
    "undefined tag handle": ("a: !x!y z\n", "1:4", "tags (! and !!) are not allowed"),
    "text after the document end": ("a: 1\n...\nb\n", "3:1", "a scenario file holds one YAML document"),
    "repeated directive": ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "2:1", "lines starting with %"),
    "junk after a block indicator": ("a: |x\n  b\n", "1:5", "after | or > only a line break may follow"),
    "dash inside [ ]": ("a: [- x]\n", "1:5", "a value is missing here"),
}
PARSERS = {"libyaml": yaml.CSafeLoader, "pure Python": yaml.SafeLoader}


def problems(text: str) -> list[str]:
    sink = DiagnosticSink("s.yaml")
    yamltree.read_tree(text, sink)
    return [f"{d.position.line}:{d.position.column} {d.message}" for d in sink.items]


@pytest.mark.parametrize("parser", PARSERS.values(), ids=PARSERS.keys())
@pytest.mark.parametrize(("text", "where", "start"), BROKEN.values(), ids=BROKEN.keys())
def test_each_mistake_gets_our_sentence_from_either_parser(
    text: str, where: str, start: str, parser: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamltree, "_Loader", parser)  # which parser reads: libyaml, or PyYAML's own
    found = problems(text)
    assert len(found) == 1, found
    position, message = found[0].split(" ", 1)
    assert message.startswith(f"YAML syntax: {start}"), message
    if parser is yaml.CSafeLoader or start.startswith("a quotation mark"):
        assert position == where  # the pure-Python parser may point a character later or earlier


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
    position, message = explain(yaml.MarkedYAMLError(problem="something new went wrong", problem_mark=mark))
    assert (position, message) == ((3, 5), GENERAL)
