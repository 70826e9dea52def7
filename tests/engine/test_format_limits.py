"""What the format allows (docs/scenario-format.md, "What the format allows"): one small scenario per
rule, with the exact diagnostic it prints.

Each snippet is test_diagnostics' BASE with a few exact text edits, so every line and column can
be read off its numbered listing there. Control characters arrive the way a file can carry them
past the reader, as YAML escapes in double quotes ("\\0", "\\x07", "\\e", "\\u0000").
"""

from __future__ import annotations

import pytest

from game.engine.reading.diagnostics import ScenarioError
from game.engine.reading.limits import (
    MAX_CHOICES,
    MAX_LABEL,
    MAX_LINE,
    MAX_LIST_ITEMS,
    MAX_PARAGRAPH,
    QUOTED_IN_MESSAGES,
)
from game.engine.reading.loader import read_scenario
from game.engine.reading.principles import read_principles
from game.engine.reading.text_rules import TextKind
from tests.engine.test_diagnostics import PATH, printed, variant

TITLE = "title: A short call"
IN_TITLE = "s.yaml:2:8: error: 'title' in the scenario"
NOTHING_VISIBLE = "has nothing visible: no letter, number, punctuation mark or symbol"


def titled(escaped: str) -> str:
    """BASE with its title written in double quotes, YAML escapes and all."""
    return variant((TITLE, f'title: "{escaped}"'))


# --- characters ------------------------------------------------------------------------------

CHARACTERS = [
    (r"A\0B", "the control character U+0000 at character 2; remove it"),
    (r"A\x00B", "the control character U+0000 at character 2; remove it"),
    (r"A\u0000B", "the control character U+0000 at character 2; remove it"),
    (r"A\x07B", "the control character U+0007 at character 2; remove it"),
    (r"A\aB", "the control character U+0007 at character 2; remove it"),
    (r"A\bB", "the control character U+0008 at character 2; remove it"),
    (r"A\eB", "the control character U+001B at character 2; remove it"),
    (r"\x1b[2JA", "the control character U+001B at character 1; remove it"),
    (r"A\rB", "the control character U+000D at character 2; remove it"),
    (r"A\vB", "the control character U+000B at character 2; remove it"),
    (r"A\fB", "the control character U+000C at character 2; remove it"),
    (r"A\x7fB", "the control character U+007F at character 2; remove it"),
    (r"A\x9bB", "the control character U+009B at character 2; remove it"),
    (r"A\NB", "the control character U+0085 at character 2; remove it"),
    (r"A\tB", "a tab (U+0009) at character 2; use a space"),
    (r"A\nB", "a line break (U+000A) at character 2; write it on one line"),
    (r"A\LB", "the line separator U+2028 at character 2; remove it"),
    (r"A\PB", "the paragraph separator U+2029 at character 2; remove it"),
    (r"A\u202aB", "the bidirectional control U+202A at character 2; remove it: it would reorder the line"),
    (r"A\u202eB", "the bidirectional control U+202E at character 2; remove it: it would reorder the line"),
    (r"A\u2066B", "the bidirectional control U+2066 at character 2; remove it: it would reorder the line"),
    (r"A\u2069B", "the bidirectional control U+2069 at character 2; remove it: it would reorder the line"),
    (r"A\uFDD0B", "the noncharacter U+FDD0 at character 2; remove it"),
    (r"A\uFFFEB", "the noncharacter U+FFFE at character 2; remove it"),
    (r"A\uFFFFB", "the noncharacter U+FFFF at character 2; remove it"),
    (r"A\U0010FFFFB", "the noncharacter U+10FFFF at character 2; remove it"),
    (r"A\0B\eC\aD", "the control character U+0000 at character 2; remove it (and 2 more characters not allowed here)"),
    (r"A\0B\eC", "the control character U+0000 at character 2; remove it (and 1 more character not allowed here)"),
]


@pytest.mark.parametrize(("escaped", "problem"), CHARACTERS, ids=[c[0] for c in CHARACTERS])
def test_a_character_that_cannot_be_shown_is_refused_where_it_is_written(escaped: str, problem: str) -> None:
    assert printed(titled(escaped)) == [f"{IN_TITLE} has {problem}"]


def test_a_raw_tab_inside_plain_text_is_refused() -> None:
    assert printed(variant((TITLE, "title: A\tshort call"))) == [
        f"{IN_TITLE} has a tab (U+0009) at character 2; use a space"
    ]


def test_a_lone_surrogate_escape_is_a_located_syntax_error() -> None:
    """libyaml refuses the escape itself; the pure-Python reader lets it through to the text rules
    (see test_text_rules)."""
    assert printed(titled(r"A\ud800B")) == [
        "s.yaml:2:12: error: YAML syntax: this \\u or \\U escape does not name a character: write the character itself"
    ]


@pytest.mark.parametrize(
    ("field", "where"),
    [
        (("    say: Why is my bill so high?", '    say: "Why\\a?"'), "s.yaml:15:10: error: 'say' in node 'hello'"),
        (("  name: Pat", '  name: "P\\at"'), "s.yaml:9:9: error: 'name' in the customer"),
        (("text: Not my problem.", 'text: "Not my\\a problem."'), "s.yaml:24:15: error: 'text' in choice 'rude'"),
        (("feedback: Bad.", 'feedback: "B\\aad."'), "s.yaml:26:19: error: 'feedback' in choice 'rude'"),
        (("  - Stay calm", '  - "Stay\\a calm"'), "s.yaml:7:5: error: an entry of 'objectives' in the scenario"),
        (("text: Gone.", 'text: "G\\aone."'), "s.yaml:37:11: error: 'text' in ending 'cross'"),
    ],
    ids=["say", "name", "choice text", "feedback", "objective", "ending text"],
)
def test_every_text_for_people_is_checked(field: tuple[str, str], where: str) -> None:
    problem = printed(variant(field))
    assert len(problem) == 1 and problem[0].startswith(f"{where} has the control character U+0007 at character ")


# --- something visible -----------------------------------------------------------------------

INVISIBLE = ["\\u200b", "\\u200d", "\\u200e", "\\ufe0f", "\\ufeff", "\\u00ad", "\\u2060", "\\u0301"]


@pytest.mark.parametrize("escaped", INVISIBLE)
def test_text_of_only_zero_width_format_or_combining_characters_is_refused(escaped: str) -> None:
    assert printed(titled(f"{escaped} {escaped}")) == [f"{IN_TITLE} {NOTHING_VISIBLE}"]


def test_a_letter_that_draws_blank_counts_as_visible() -> None:
    """The rule is by character category, not by the glyph: U+3164 is a letter, blank but with width."""
    assert printed(titled("\\u3164")) == []


def test_a_right_to_left_override_alone_breaks_two_rules() -> None:
    assert printed(titled("\\u202e")) == [
        f"{IN_TITLE} {NOTHING_VISIBLE}",
        f"{IN_TITLE} has the bidirectional control U+202E at character 1; remove it: it would reorder the line",
    ]


def test_zero_width_characters_written_as_they_are_are_refused_too() -> None:
    assert printed(variant((TITLE, "title: \u200b\u200d\u2060"))) == [f"{IN_TITLE} {NOTHING_VISIBLE}"]


def test_zero_width_characters_beside_visible_ones_are_kept() -> None:
    report = read_scenario(titled("Caf\\u00e9\\u200b \\U0001F469\\u200d\\U0001F4BB\\ufe0f").encode(), PATH)
    assert report.diagnostics == [] and report.scenario is not None
    assert report.scenario.title == "Caf\u00e9\u200b \U0001f469\u200d\U0001f4bb\ufe0f"


def test_each_line_of_a_paragraph_needs_something_visible() -> None:
    text = variant(("    say: Why is my bill so high?", '    narration: "He frowns.\\n\\u200b"\n    say: Hi.'))
    assert printed(text) == [
        "s.yaml:15:16: error: 'narration' in node 'hello' has nothing visible on its line 2: "
        "no letter, number, punctuation mark or symbol"
    ]


def test_a_paragraph_keeps_its_line_breaks_and_blank_lines() -> None:
    text = variant(
        ("    say: Why is my bill so high?", '    narration: "He frowns.\\n\\nThen he sighs."\n    say: Hi.')
    )
    report = read_scenario(text.encode(), PATH)
    assert report.diagnostics == [] and report.scenario is not None
    assert report.scenario.nodes["hello"].narration == "He frowns.\n\nThen he sighs."


def test_a_literal_block_is_one_line_too_many_for_a_title_but_fine_for_a_summary() -> None:
    text = variant((TITLE, "title: |\n  A short\n  call"), ("summary: A customer", "summary: |\n  A customer\n "))
    assert printed(text) == [f"{IN_TITLE} has a line break (U+000A) at character 8; write it on one line"]


def test_a_folded_block_is_one_line() -> None:
    report = read_scenario(variant((TITLE, "title: >\n  A short\n  call\n")).encode(), PATH)
    assert report.diagnostics == [] and report.scenario is not None and report.scenario.title == "A short call"


# --- lengths ---------------------------------------------------------------------------------

HINTED = "        if: {anger: {at_most: 90}}\n        unavailable_hint: {}\n        next: happy\n"
LABEL, LINE, PARAGRAPH = TextKind.LABEL, TextKind.LINE, TextKind.PARAGRAPH
LENGTHS = {  # field: (the edit of BASE, with {} for the text; where it is reported; what it is called; its kind)
    "title": ((TITLE, "title: {}"), "2:8", "'title' in the scenario", LABEL),
    "name": (("  name: Pat", "  name: {}"), "9:9", "'name' in the customer", LABEL),
    "ending title": (("title: Happy", "title: {}"), "32:12", "'title' in ending 'happy'", LABEL),
    "say": (("say: Why is my bill so high?", "say: {}"), "15:10", "'say' in node 'hello'", LINE),
    "choice": (("text: Let me look into it.", "text: {}"), "18:15", "'text' in choice 'kind'", LINE),
    "hint": (("        next: happy\n", HINTED), "23:27", "'unavailable_hint' in choice 'kind'", LINE),
    "objective": (("  - Stay calm", "  - {}"), "7:5", "an entry of 'objectives' in the scenario", LINE),
    "summary": (
        ("summary: A customer rings about a bill.", "summary: {}"),
        "3:10",
        "'summary' in the scenario",
        PARAGRAPH,
    ),
    "feedback": (("feedback: Good.", "feedback: {}"), "20:19", "'feedback' in choice 'kind'", PARAGRAPH),
    "ending": (("text: Sorted.", "text: {}"), "33:11", "'text' in ending 'happy'", PARAGRAPH),
}


@pytest.mark.parametrize(("edit", "where", "name", "kind"), LENGTHS.values(), ids=LENGTHS.keys())
def test_each_length_limit_holds_at_the_limit_and_refuses_one_more(
    edit: tuple[str, str], where: str, name: str, kind: TextKind
) -> None:
    old, new = edit
    at_limit = read_scenario(variant((old, new.replace("{}", "a" * kind.limit))).encode(), PATH)
    assert at_limit.diagnostics == [] and at_limit.scenario is not None
    assert printed(variant((old, new.replace("{}", "a" * (kind.limit + 1))))) == [
        f"s.yaml:{where}: error: {name} is {kind.limit + 1:,} characters; the limit for {kind.label} is {kind.limit:,}: "
        "shorten it"
    ]


def test_the_limits_are_those_of_limits_py() -> None:
    assert (LABEL.limit, LINE.limit, PARAGRAPH.limit) == (MAX_LABEL, MAX_LINE, MAX_PARAGRAPH)
    assert LABEL.one_line and LINE.one_line and not PARAGRAPH.one_line


def test_narration_is_a_paragraph() -> None:
    narrated = '    narration: "{}"\n    say: Hi.'
    old = "    say: Why is my bill so high?"
    assert printed(variant((old, narrated.format("a" * MAX_PARAGRAPH)))) == []
    assert printed(variant((old, narrated.format("a" * (MAX_PARAGRAPH + 1))))) == [
        "s.yaml:15:16: error: 'narration' in node 'hello' is 1,501 characters; the limit for a paragraph is 1,500: "
        "shorten it"
    ]


def test_length_is_counted_after_the_surrounding_spaces_are_dropped() -> None:
    assert printed(titled(f"  {'a' * MAX_LABEL}  ")) == []


def test_a_thirty_thousand_character_line_is_refused_in_one_short_message() -> None:
    (message,) = printed(variant(("text: Let me look into it.", f"text: {'word ' * 6_000}end")))
    assert message == (
        "s.yaml:18:15: error: 'text' in choice 'kind' is 30,003 characters; the limit for a line is 400: shorten it"
    )


# --- how many ----------------------------------------------------------------------------------


def with_choices(count: int) -> str:
    """BASE with extra choices before its two, so node 'hello' has `count`."""
    extra = "".join(
        f"      - {{id: c{n}, text: T{n}, feedback: F, principle: stay-calm, next: happy}}\n" for n in range(count - 2)
    )
    return variant(("    choices:\n", "    choices:\n" + extra))


def test_nine_choices_are_accepted() -> None:
    report = read_scenario(with_choices(MAX_CHOICES).encode(), PATH)
    assert report.diagnostics == [] and report.scenario is not None
    assert len(report.scenario.nodes["hello"].choices) == MAX_CHOICES


def test_ten_choices_are_refused_at_the_tenth() -> None:
    assert printed(with_choices(MAX_CHOICES + 1)) == [
        "s.yaml:31:9: error: 'choices' in node 'hello' has 10 entries; the limit is 9, one for each number key 1-9"
    ]


def test_fifty_choices_are_one_error() -> None:
    assert printed(with_choices(50)) == [
        "s.yaml:26:9: error: 'choices' in node 'hello' has 50 entries; the limit is 9, one for each number key 1-9"
    ]


@pytest.mark.parametrize(
    ("old", "head", "entry", "first", "name"),
    [
        ("  - Stay calm", "", "  - Listen\n", (7, 5), "'objectives' in the scenario"),
        ("    say: Why is my bill so high?", "    say:\n", "      - Why?\n", (16, 9), "'say' in node 'hello'"),
    ],
    ids=["objectives", "say"],
)
def test_twelve_entries_are_accepted_and_thirteen_refused_at_the_thirteenth(
    old: str, head: str, entry: str, first: tuple[int, int], name: str
) -> None:
    """`first` is where the first entry is written, so the thirteenth is twelve lines on."""
    assert printed(variant((old, (head + entry * MAX_LIST_ITEMS).rstrip("\n")))) == []
    line, column = first
    assert printed(variant((old, (head + entry * (MAX_LIST_ITEMS + 1)).rstrip("\n")))) == [
        f"s.yaml:{line + MAX_LIST_ITEMS}:{column}: error: {name} has 13 entries; the limit is 12"
    ]


def test_an_empty_entry_in_a_list_is_refused() -> None:
    assert printed(variant(("  - Stay calm", '  - Stay calm\n  - ""'))) == [
        "s.yaml:8:5: error: an entry of 'objectives' in the scenario is empty"
    ]


# --- the principles file -----------------------------------------------------------------------


def principle_problems(name: str, explanation: str, source: str) -> list[str]:
    text = f'principles:\n  calm:\n    name: "{name}"\n    explanation: "{explanation}"\n    source: "{source}"\n'
    try:
        read_principles(text.encode(), "p.yaml")
    except ScenarioError as problem:
        return [str(d) for d in problem.diagnostics]
    return []


def test_the_principles_file_keeps_the_same_rules() -> None:
    assert principle_problems("a" * MAX_LABEL, "b" * MAX_PARAGRAPH, "c" * MAX_LINE) == []
    assert principle_problems("a" * (MAX_LABEL + 1), "\\u200b", "x\\ey") == [
        "p.yaml:3:11: error: 'name' in principle 'calm' is 81 characters; the limit for a title or name is 80: shorten it",
        f"p.yaml:4:18: error: 'explanation' in principle 'calm' {NOTHING_VISIBLE}",
        "p.yaml:5:13: error: 'source' in principle 'calm' has the control character U+001B at character 2; remove it",
    ]


# --- what messages quote -----------------------------------------------------------------------

LONG = "x" * 5_000
CUT = "x" * QUOTED_IN_MESSAGES + "..."


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ((TITLE, f"? {LONG}\n: 1\n{TITLE}"), f"s.yaml:2:3: error: unknown key '{CUT}' in the scenario"),
        (
            ("channel: phone", f"channel: {LONG}"),
            f"s.yaml:4:10: error: 'channel' must be one of in-person, phone, chat, not '{CUT}'",
        ),
        (
            ("difficulty: 2", f"difficulty: {LONG}"),
            f"s.yaml:5:13: error: 'difficulty' must be a whole number, not '{CUT}'",
        ),
        (("next: happy", f"next: {LONG}"), f"s.yaml:22:15: error: there is no node or ending '{CUT}'"),
        (
            ("id: base", f"id: {LONG}"),
            f"s.yaml:1:5: error: the scenario id '{CUT}' must be 1-64 lowercase letters, digits, '-' or '_', starting with a letter or digit",
        ),
        (
            ("customer:\n  name: Pat\n  portrait: caller-woman\n  anger: 50\n", f"customer: {LONG}\n"),
            f"s.yaml:8:11: error: the customer must be a mapping of keys, not '{CUT}'",
        ),
        (
            (TITLE, f"{TITLE}\ntitle: {LONG}"),
            "s.yaml:3:1: error: duplicate key 'title' (first written at line 2); YAML would silently keep only the last one",
        ),
    ],
    ids=["unknown key", "bad value", "not a number", "unknown reference", "bad id", "not a mapping", "duplicate key"],
)
def test_a_long_text_is_quoted_short(edit: tuple[str, str], expected: str) -> None:
    found = printed(variant(edit))
    assert expected in found, found


def test_a_quoted_text_shows_its_control_characters_as_escapes() -> None:
    assert printed(variant((TITLE, f'"\\e[2J\\u202e{"y" * 70}\\n": 1\n{TITLE}'))) == [
        f"s.yaml:2:1: error: unknown key '\\x1b[2J\\u202e{'y' * (QUOTED_IN_MESSAGES - 13)}...' in the scenario"
    ]


def test_a_whole_id_is_quoted_in_a_did_you_mean() -> None:
    long_id = "a" * 64
    text = variant(("  happy:\n", f"  {long_id}:\n"), ("next: happy", f"next: {long_id[:-1]}"))
    assert f"s.yaml:22:15: error: there is no node or ending '{long_id[:-1]}'; did you mean '{long_id}'?" in printed(
        text
    )


# --- how many problems one file reports --------------------------------------------------------


def test_a_file_reports_a_hundred_problems_and_counts_the_rest() -> None:
    text = variant((TITLE, "".join(f"unknown-{n}: 1\n" for n in range(250)) + TITLE))
    found = printed(text)
    assert len(found) == 101
    assert found[:2] == [
        "s.yaml:2:1: error: unknown key 'unknown-0' in the scenario",
        "s.yaml:3:1: error: unknown key 'unknown-1' in the scenario",
    ]
    assert found[-1] == "s.yaml:102:1: error: ... and 150 more problems in this file"


def test_warnings_beyond_the_hundred_are_counted_as_warnings() -> None:
    """Sixty choices without feedback or principle: one error for their number, then 120 warnings."""
    choices = "".join(f"      - {{id: c{n}, text: T, next: happy}}\n" for n in range(60))
    found = printed(variant(("    choices:\n", "    choices:\n" + choices)))
    assert len(found) == 101 and sum(" error: " in line for line in found) == 1
    assert found[-1] == "s.yaml:66:9: warning: ... and 21 more problems in this file"


PASSWD = "".join(f"user{n}:x:{1000 + n}:{1000 + n}:User {n},,,:/home/user{n}:/bin/bash\n" for n in range(60))
NOTES = "".join(f"- todo {n}: call back about the {n}th bill # later\nnote {n}: {'blah ' * 30}\n" for n in range(600))


@pytest.mark.parametrize(
    "junk",
    [PASSWD, NOTES, "x" * 100_000, "[" + "a, " * 30_000 + "]"],
    ids=["passwd", "notes", "one long word", "a long list"],
)
def test_junk_gives_few_short_messages(junk: str) -> None:
    report = read_scenario(junk.encode(), "junk.yaml")
    assert report.scenario is None and 1 <= len(report.diagnostics) <= 101
    assert max(len(str(d)) for d in report.diagnostics) <= 250, max(map(str, report.diagnostics), key=len)
