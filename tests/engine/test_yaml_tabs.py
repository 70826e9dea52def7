"""A tab in the indentation is reported on its line, and hides no other mistake in the file.

YAML refuses tabs in indentation and the parser stops at the first, so one tab used to be the only
thing a trainer heard about. Now every tabbed line is reported, the file is read on with spaces in
their place, and everything else wrong is reported too, at the columns as written, whichever parser
reads the file.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.reading.loader import read_scenario
from tests.engine.test_diagnostics import BASE, PRINCIPLES, printed, variant
from tests.engine.test_yaml_problems import PARSERS, read_by_each_parser, reading_with
from tests.paths import ANGRY_WALK_IN as WALK_IN

TAB = "s.yaml:{}: error: a tab indents this line, and YAML allows only spaces for indentation: use spaces"


def printed_by_each_parser(text: str) -> list[str]:
    """What validation prints, the same from either parser (asserted here)."""
    found = read_by_each_parser(text, lambda text: printed(text, PRINCIPLES))
    assert found["pure Python"] == found["libyaml"]
    return found["libyaml"]


def test_a_tab_hides_no_other_mistake() -> None:
    text = variant(
        ("title: A short call", "titel: A short call"),
        ("        feedback: Good.\n", "\tfeedback: Good.\n"),
        ("        feedback: Bad.\n", "\t\tfeedback: Bad.\n"),
        ("outcome: lost", "outcome: lose"),
    )
    assert printed_by_each_parser(text) == [
        "s.yaml:1:1: error: the scenario needs 'title'",
        "s.yaml:2:1: error: unknown key 'titel' in the scenario; did you mean 'title'?",
        TAB.format("20:1"),
        TAB.format("26:1"),
        "s.yaml:35:14: error: 'outcome' must be one of resolved, partial, escalated, lost, not 'lose'; "
        "did you mean 'lost'?",
    ]


def test_a_mistake_on_a_tabbed_line_is_placed_at_the_column_written() -> None:
    text = variant(("        feedback: Good.\n", "  \tfeeback: Good.\n"))
    assert printed_by_each_parser(text) == [
        "s.yaml:17:9: warning: choice 'kind' has no feedback: the debrief cannot say why it helped or hurt",
        TAB.format("20:3"),  # the tab itself, after two spaces
        "s.yaml:20:4: error: unknown key 'feeback' in choice 'kind'; did you mean 'feedback'?",
    ]


@pytest.mark.parametrize(
    "edits",
    [
        pytest.param([("    say: Why", "\tsay: Why")], id="a tab as wide as a level of four spaces"),
        pytest.param([("        text: Not my problem.", "\t\ttext: Not my problem.")], id="two tabs of four"),
        pytest.param([("        text: Not my problem.", "\ttext: Not my problem.")], id="a tab of eight"),
        pytest.param([("  anger: 50", "\tanger: 50")], id="a tab where two spaces were"),
    ],
)
def test_a_tab_where_the_editor_showed_it_lined_up_gives_only_the_tab(
    edits: list[tuple[str, str]],
) -> None:
    line = next(number for number, text in enumerate(variant(*edits).split("\n"), 1) if "\t" in text)
    assert printed_by_each_parser(variant(*edits)) == [TAB.format(f"{line}:1")]


def test_a_tab_that_lines_up_at_no_tab_stop_is_tried_at_the_columns_around_it() -> None:
    """'\t  ' is 10, 6 or 4 columns wide in an editor, and the choice's keys are at 8: each width is
    tried until one reads, so the next line is not blamed and the typo further down still shows."""
    text = variant(
        ("        text: Let me look into it.", "\t  text: Let me look into it."),
        ("outcome: lost", "outcome: lose"),
    )
    assert printed_by_each_parser(text) == [
        TAB.format("18:1"),
        "s.yaml:35:14: error: 'outcome' must be one of resolved, partial, escalated, lost, not 'lose'; "
        "did you mean 'lost'?",
    ]


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param([("title: A short call", "title:\tA short call")], [], id="after a key: read as a space"),
        pytest.param([("  - Stay calm", "  -\tStay calm")], [TAB.format("7:4")], id="after a dash: it indents"),
        pytest.param([("title: A short call\n", "title: A short call\n\t\n")], [TAB.format("3:1")], id="blank line"),
        pytest.param(
            [("title: A short call\n", "title: A short call\n\t# a note\n")], [TAB.format("3:1")], id="comment"
        ),
    ],
)
def test_tabs_further_along_a_line_read_the_same_from_either_parser(
    edits: list[tuple[str, str]], expected: list[str]
) -> None:
    assert printed_by_each_parser(variant(*edits)) == expected


def test_a_syntax_error_after_a_tab_is_still_reported() -> None:
    text = variant(
        ("        feedback: Good.\n", "\tfeedback: Good.\n"),
        ("        text: Not my problem.", "        text: Note: not my problem."),
    )
    assert printed_by_each_parser(text) == [
        TAB.format("20:1"),
        "s.yaml:24:19: error: YAML syntax: this text holds a colon followed by a space, which YAML reads as the "
        "start of a key: put the whole text after 'text:' in quotes",
    ]


LINES = BASE.split("\n")
INDENTED = [number for number, line in enumerate(LINES) if line.startswith("  ")]


@given(
    st.lists(st.sampled_from(INDENTED), min_size=1, unique=True),
    st.sampled_from(["\t", "\t\t", "  \t", "\t  "]),
    st.sampled_from(list(PARSERS.values())),
)
def test_every_tabbed_line_is_reported_whatever_else_follows(lines: list[int], tab: str, parser: type) -> None:
    """Tabs put into any indented lines of a valid scenario: each such line gets its tab error at the
    first tab, nothing raises, and every position is inside the file."""
    tabbed = list(LINES)
    for number in lines:
        tabbed[number] = tab + tabbed[number].lstrip(" ")
    text = "\n".join(tabbed)
    with reading_with(parser):
        report = read_scenario(text.encode(), "s.yaml", PRINCIPLES)
    tab_errors = {(d.position.line, d.position.column) for d in report.diagnostics if d.code == "tab"}
    assert tab_errors == {(number + 1, tabbed[number].index("\t") + 1) for number in lines}
    for diagnostic in report.diagnostics:
        line = tabbed[diagnostic.position.line - 1]
        assert 1 <= diagnostic.position.column <= len(line) + 1, diagnostic
    assert report.scenario is None


def test_a_forbidden_character_met_on_the_reading_after_the_tabs_is_reported_too() -> None:
    """libyaml checks characters a chunk at a time, so a control character far down a long file can be
    met only on the second reading, the one with the tabs spaced out (Hypothesis found it with PyYAML
    6.0.1); then it is reported like any other, never raised."""
    lines = WALK_IN.read_text(encoding="utf-8").split("\n")
    text = "\n".join(["\t" + lines[0], "\t" + lines[0], *lines[1:]])
    text = text[:16398] + "\x1f" + text[16398:]
    for parser in PARSERS.values():
        with reading_with(parser):
            found = printed(text, PRINCIPLES)
        assert any("the character U+001F is not allowed in YAML text; remove it" in line for line in found)
