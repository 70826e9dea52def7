"""Typographic quotes: the text function's properties and cases, and that loading applies it to
every piece of shipped text a person sees while ids and references stay as written."""

from __future__ import annotations

from dataclasses import fields, is_dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.reading.diagnostics import DiagnosticSink
from game.engine.reading.fields import MapReader
from game.engine.reading.text_rules import TextKind
from game.engine.reading.typography import plain, quoted_speech, typographic
from game.engine.reading.yamltree import read_tree
from game.storage.scenario_files import load_library
from tests.paths import SCENARIOS

STRAIGHT = "\"'"
CURLY = {'"': "\u201c\u201d", "'": "\u2018\u2019"}
# Mostly quotes and the characters that decide them, so every case is met often.
QUOTY = st.text(alphabet=st.sampled_from(list("\"' \n\t([{-/\u2013\u2014.,!?;:a9Zé\u201c\u2018")))
ANY_TEXT = st.one_of(st.text(), QUOTY)
WITHOUT_CURLY = ANY_TEXT.map(lambda text: text.translate(str.maketrans("", "", "\u201c\u201d\u2018\u2019")))


@given(ANY_TEXT)
def test_no_straight_quote_is_left(text: str) -> None:
    assert not set(STRAIGHT) & set(typographic(text))


@given(ANY_TEXT)
def test_only_straight_quotes_change_and_each_into_its_own_kind(text: str) -> None:
    result = typographic(text)
    assert len(result) == len(text)
    for before, after in zip(text, result, strict=True):
        assert after == before or after in CURLY[before]


@given(ANY_TEXT)
def test_it_is_idempotent(text: str) -> None:
    assert typographic(typographic(text)) == typographic(text)


@given(WITHOUT_CURLY)
def test_plain_undoes_it(text: str) -> None:
    assert plain(typographic(text)) == text


@given(ANY_TEXT)
def test_speech_is_in_double_quotes_with_single_quotes_inside(text: str) -> None:
    speech = quoted_speech(text)
    inner = speech[1:-1]
    assert speech[0] + speech[-1] == "\u201c\u201d"
    assert not set(STRAIGHT + "\u201c\u201d") & set(inner)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("don't", "don\u2019t"),
        ("It's Gareth's", "It\u2019s Gareth\u2019s"),
        ("the '90s", "the \u201990s"),
        ("rock 'n' roll", "rock \u2019n\u2019 roll"),
        ("'em, 'til, 'cause", "\u2019em, \u2019til, \u2019cause"),
        ('"Hello," he said.', "\u201cHello,\u201d he said."),
        ("She said 'no'.", "She said \u2018no\u2019."),
        ('("yes")', "(\u201cyes\u201d)"),
        ("['a'] {\"b\"}", "[\u2018a\u2019] {\u201cb\u201d}"),
        ('wait\u2014"now"', "wait\u2014\u201cnow\u201d"),
        ('see -"this"', "see -\u201cthis\u201d"),
        ("\"'Quoted,' he said\"", "\u201c\u2018Quoted,\u2019 he said\u201d"),
        ('"Works"!? "Yes";', "\u201cWorks\u201d!? \u201cYes\u201d;"),
        ("line\n'next'", "line\n\u2018next\u2019"),
    ],
)
def test_quotes_open_after_spaces_brackets_and_dashes_and_close_elsewhere(text: str, expected: str) -> None:
    assert typographic(text) == expected


def test_a_quotation_inside_speech_takes_single_quotes() -> None:
    line = '"Supply interruption", it says. Thursday.'
    assert quoted_speech(line) == "\u201c\u2018Supply interruption\u2019, it says. Thursday.\u201d"


def strings_in(value: object) -> list[str]:
    """Every string held anywhere in a loaded model object."""
    if isinstance(value, str):
        return [value]
    if is_dataclass(value):
        return [text for field in fields(value) for text in strings_in(getattr(value, field.name))]
    if isinstance(value, dict):
        return [text for pair in value.items() for item in pair for text in strings_in(item)]
    if isinstance(value, tuple | list | frozenset):
        return [text for item in value for text in strings_in(item)]
    return []


def test_every_shipped_text_is_typographic_once_loaded() -> None:
    library = load_library([SCENARIOS])
    scenarios = [report.scenario for report in library.reports.values()]
    assert scenarios and all(scenarios)
    texts = strings_in(scenarios)
    assert any("\u2019" in text for text in texts)
    assert [text for text in texts if set(STRAIGHT) & set(text)] == []


def test_references_to_ids_are_read_as_written() -> None:
    sink = DiagnosticSink("t.yaml")
    tree = read_tree('next: "don\'t"\ntext: "don\'t"\n', sink)
    assert tree is not None
    reader = MapReader(tree, sink, "a choice", ("next", "text"))
    assert (reader.literal("next"), reader.text("text", TextKind.LINE)) == ("don't", "don\u2019t")
