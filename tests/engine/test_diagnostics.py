"""One small broken scenario per validation rule, each with the exact diagnostic it prints.

Every snippet is the valid BASE scenario below with a few exact text edits, so each line
and column in an expected message can be checked against the numbered listing of BASE.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from game.engine.model import Principle
from game.engine.reading.diagnostics import sort_key
from game.engine.reading.loader import read_scenario
from game.storage.scenario_files import load_library

PATH = "s.yaml"

# Line numbers, for reading the expected positions below:
#  1 id        5 difficulty   8 customer   12 start   14 hello      17 choice kind   23 choice rude
#  29 endings  30 happy       34 cross     (a node added with add_node() starts at line 29)
BASE = """\
id: base
title: A short call
summary: A customer rings about a bill.
channel: phone
difficulty: 2
objectives:
  - Stay calm
customer:
  name: Pat
  portrait: caller-woman
  anger: 50
start: hello
nodes:
  hello:
    say: Why is my bill so high?
    choices:
      - id: kind
        text: Let me look into it.
        effects: {anger: -10, composure: 5}
        feedback: Good.
        principle: stay-calm
        next: happy
      - id: rude
        text: Not my problem.
        effects: {anger: 10, composure: -5}
        feedback: Bad.
        principle: stay-calm
        next: cross
endings:
  happy:
    outcome: resolved
    title: Happy
    text: Sorted.
  cross:
    outcome: lost
    title: Cross
    text: Gone.
"""

PRINCIPLES = {"stay-calm": Principle("stay-calm", "Stay calm", "Keep your voice level.")}
ID_RULE = "must be 1-64 lowercase letters, digits, '-' or '_', starting with a letter or digit"


def variant(*edits: tuple[str, str]) -> str:
    """BASE with each `old` text (which must occur exactly once) replaced by `new`."""
    text = BASE
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def add_node(yaml_text: str) -> tuple[str, str]:
    """An edit adding nodes (written at node indentation, dedented here) before `endings:`."""
    return ("endings:\n", textwrap.indent(textwrap.dedent(yaml_text), "  ") + "endings:\n")


def printed(text: str, principles: dict[str, Principle] | None = None) -> list[str]:
    report = read_scenario(text.encode(), PATH, principles)
    return [str(d) for d in sorted(report.diagnostics, key=sort_key)]


def test_the_base_scenario_is_valid_and_quiet() -> None:
    report = read_scenario(BASE.encode(), PATH, PRINCIPLES)
    assert report.diagnostics == []
    assert report.scenario is not None and report.scenario.start == "hello"


LOOP_BACK = """\
loop:
  say: Again?
  choices:
    - id: again
      text: Say it again.
      effects: {composure: 1}
      feedback: Round we go.
      principle: stay-calm
      next: loop
    - id: leave
      text: Goodbye.
      feedback: Fine.
      principle: stay-calm
      next: cross
"""

CASES = [
    # --- keys ---
    (
        "unknown key, did you mean",
        [("title: A short call", "titel: A short call")],
        [
            "s.yaml:1:1: error: the scenario needs 'title'",
            "s.yaml:2:1: error: unknown key 'titel' in the scenario; did you mean 'title'?",
        ],
    ),
    (
        "unknown key in a choice",
        [("        feedback: Good.", "        feeback: Good.")],
        [
            "s.yaml:17:9: warning: choice 'kind' has no feedback: the debrief cannot say why it helped or hurt",
            "s.yaml:20:9: error: unknown key 'feeback' in choice 'kind'; did you mean 'feedback'?",
        ],
    ),
    (
        "duplicate key",
        [("title: A short call\n", "title: A short call\ntitle: Another call\n")],
        [
            (
                "s.yaml:3:1: error: duplicate key 'title' (first written at line 2); "
                "YAML would silently keep only the last one"
            )
        ],
    ),
    (
        "missing required key",
        [("summary: A customer rings about a bill.\n", "")],
        ["s.yaml:1:1: error: the scenario needs 'summary'"],
    ),
    (
        "missing customer is one error",
        [("customer:\n  name: Pat\n  portrait: caller-woman\n  anger: 50\n", "")],
        ["s.yaml:1:1: error: the scenario needs 'customer'"],
    ),
    (
        "node without say or narration",
        [("    say: Why is my bill so high?\n", "")],
        ["s.yaml:14:3: error: node 'hello' needs 'say' or 'narration'"],
    ),
    (
        "a key that is a list",
        [("  anger: 50\n", "  anger: 50\n  ? [a, b]\n  : c\n")],
        ["s.yaml:12:5: error: a key must be plain text, not a list or mapping"],
    ),
    # --- empty values ---
    ("empty value", [("title: A short call", "title:")], ["s.yaml:2:7: error: 'title' in the scenario is empty"]),
    ("tilde is empty", [("title: A short call", "title: ~")], ["s.yaml:2:8: error: 'title' in the scenario is empty"]),
    (
        "quoted blank is empty",
        [("title: A short call", "title: '  '")],
        ["s.yaml:2:8: error: 'title' in the scenario is empty"],
    ),
    (
        "empty mapping value",
        [("customer:\n  name: Pat\n  portrait: caller-woman\n  anger: 50\n", "customer:\n")],
        ["s.yaml:8:10: error: 'customer' in the scenario is empty"],
    ),
    (
        "empty list",
        [("objectives:\n  - Stay calm", "objectives: []")],
        ["s.yaml:6:13: error: 'objectives' in the scenario is an empty list"],
    ),
    # --- wrong types ---
    (
        "list where text is expected",
        [("title: A short call", "title: [A, short, call]")],
        ["s.yaml:2:8: error: 'title' must be text, not a list"],
    ),
    (
        "mapping where text is expected",
        [("        text: Not my problem.", "        text: {a: b}")],
        ["s.yaml:24:15: error: 'text' must be text, not a mapping"],
    ),
    (
        "text where a mapping is expected",
        [("customer:\n  name: Pat\n  portrait: caller-woman\n  anger: 50\n", "customer: Pat\n")],
        ["s.yaml:8:11: error: the customer must be a mapping of keys, not 'Pat'"],
    ),
    (
        "text where a list is expected",
        [("        next: happy\n", "        sets: vip\n        next: happy\n")],
        ["s.yaml:22:15: error: 'sets' must be a list, not 'vip'"],
    ),
    (
        "list entry that is not text",
        [("  - Stay calm", "  - [Stay, calm]")],
        ["s.yaml:7:5: error: each entry of 'objectives' must be text, not a list"],
    ),
    (
        "boolean",
        [("    say: Why is my bill so high?\n", "    say: Why is my bill so high?\n    shuffle: yes\n")],
        ["s.yaml:16:14: error: 'shuffle' must be true or false, not 'yes'"],
    ),
    # --- whole numbers and ranges ---
    (
        "sexagesimal is not a number",
        [("difficulty: 2", "difficulty: 12:30")],
        ["s.yaml:5:13: error: 'difficulty' must be a whole number, not '12:30'"],
    ),
    (
        "fraction is not a whole number",
        [("difficulty: 2", "difficulty: 1.5")],
        ["s.yaml:5:13: error: 'difficulty' must be a whole number, not '1.5'"],
    ),
    (
        "word is not a number",
        [("  anger: 50", "  anger: ten")],
        ["s.yaml:11:10: error: 'anger' must be a whole number, not 'ten'"],
    ),
    (
        "hex is not a number",
        [("  anger: 50", "  anger: 0x1F")],
        ["s.yaml:11:10: error: 'anger' must be a whole number, not '0x1F'"],
    ),
    (
        "effect out of range",
        [("{anger: -10, composure: 5}", "{anger: -10, composure: 500}")],
        ["s.yaml:19:42: error: 'composure' must be from -100 to 100, not 500"],
    ),
    (
        "difficulty out of range",
        [("difficulty: 2", "difficulty: 9")],
        ["s.yaml:5:13: error: 'difficulty' must be from 1 to 5, not 9"],
    ),
    (
        "a number too long to convert",
        [("  anger: 50", "  anger: 1" + "0" * 5000)],
        ["s.yaml:11:10: error: 'anger' must be from 0 to 100, not a number that long"],
    ),
    (
        "temperament min above max",
        [("  anger: 50\n", "  anger: 50\n  temperament: {min: 150, max: 90}\n")],
        ["s.yaml:12:16: error: temperament min (150) is above max (90)"],
    ),
    # --- enums and ids ---
    (
        "bad channel, did you mean",
        [("channel: phone", "channel: fone")],
        ["s.yaml:4:10: error: 'channel' must be one of in-person, phone, chat, not 'fone'; did you mean 'phone'?"],
    ),
    (
        "bad outcome",
        [("outcome: lost", "outcome: lose")],
        [
            (
                "s.yaml:35:14: error: 'outcome' must be one of resolved, partial, escalated, lost, not 'lose'; "
                "did you mean 'lost'?"
            )
        ],
    ),
    ("bad scenario id", [("id: base", "id: Base Call")], [f"s.yaml:1:5: error: the scenario id 'Base Call' {ID_RULE}"]),
    ("bad choice id", [("id: kind", "id: Kind!")], [f"s.yaml:17:13: error: the choice id 'Kind!' {ID_RULE}"]),
    (
        "bad flag ids are each reported where written",
        [("        next: happy\n", "        sets: [ok, [x], Bad]\n        next: happy\n")],
        [
            "s.yaml:22:20: error: each entry of 'sets' must be text, not a list",
            f"s.yaml:22:25: error: the flag 'Bad' {ID_RULE}",
        ],
    ),
    # --- references ---
    (
        "unknown next, did you mean",
        [("next: happy", "next: hapy")],
        ["s.yaml:22:15: error: there is no node or ending 'hapy'; did you mean 'happy'?"],
    ),
    (
        "unknown start, did you mean",
        [("start: hello", "start: helo")],
        ["s.yaml:12:8: error: there is no node 'helo'; did you mean 'hello'?"],
    ),
    (
        "start at an ending",
        [("start: hello", "start: happy")],
        ["s.yaml:12:8: error: 'happy' is an ending, not a node: a conversation starts at a node, never at an ending"],
    ),
    (
        "node and ending share an id",
        [("  cross:\n    outcome", "  hello:\n    outcome")],
        [
            "s.yaml:28:15: error: there is no node or ending 'cross'",
            "s.yaml:34:3: error: 'hello' is both a node and an ending; give them different ids",
        ],
    ),
    # --- the customer walking out ---
    (
        "walks_out_at equal to the starting anger",
        [("  anger: 50\n", "  anger: 50\n  walks_out_at: 50\n  walks_out_to: cross\n")],
        ["s.yaml:12:17: error: walks_out_at (50) must be above the starting anger (50)"],
    ),
    (
        "walks_out_at below the starting anger",
        [("  anger: 50\n", "  anger: 50\n  walks_out_at: 40\n  walks_out_to: cross\n")],
        ["s.yaml:12:17: error: walks_out_at (40) must be above the starting anger (50)"],
    ),
    (
        "walks_out_to without walks_out_at",
        [("  anger: 50\n", "  anger: 50\n  walks_out_to: cross\n")],
        ["s.yaml:12:17: error: walks_out_to needs walks_out_at"],
    ),
    (
        "walks_out_at without walks_out_to",
        [("  anger: 50\n", "  anger: 50\n  walks_out_at: 90\n")],
        ["s.yaml:9:3: error: the customer needs 'walks_out_to'"],
    ),
    (
        "walks_out_to a node",
        [("  anger: 50\n", "  anger: 50\n  walks_out_at: 90\n  walks_out_to: hello\n")],
        [
            "s.yaml:13:17: error: 'hello' is a node, not an ending: "
            "walking out ends the conversation, so name the ending it leads to"
        ],
    ),
    # --- timers ---
    (
        "timer without timeout",
        [("    say: Why is my bill so high?\n", "    say: Why is my bill so high?\n    timer: 10\n")],
        ["s.yaml:16:12: error: node 'hello' has a timer but no timeout"],
    ),
    (
        "timeout without timer",
        [
            (
                "    say: Why is my bill so high?\n",
                "    say: Why is my bill so high?\n    timeout: {feedback: Slow., principle: stay-calm, next: cross}\n",
            )
        ],
        ["s.yaml:16:14: error: node 'hello' has a timeout but no timer"],
    ),
    # --- routing nodes ---
    (
        "route node with choices",
        [("next: happy", "next: check"), add_node("check:\n  route:\n    - next: happy\n  choices: []\n")],
        ["s.yaml:32:5: error: node 'check' has a 'route', so it passes straight on: remove 'choices'"],
    ),
    (
        "last route entry has an if",
        [
            ("next: happy", "next: check"),
            add_node("""\
         check:
           route:
             - if: {anger: {at_most: 40}}
               next: happy
             - if: {anger: {at_least: 41}}
               next: cross
         """),
        ],
        ["s.yaml:33:9: error: the last route entry of 'check' needs no 'if', so every case goes somewhere"],
    ),
    (
        "dead route entry",
        [("next: happy", "next: check"), add_node("check:\n  route:\n    - next: happy\n    - next: cross\n")],
        ["s.yaml:32:9: error: this route entry is never used: the one before it has no 'if'"],
    ),
    (
        "route-only loop",
        [
            ("next: happy", "next: a"),
            add_node("""\
         a:
           route:
             - if: {anger: {at_most: 40}}
               next: b
             - next: happy
         b:
           route:
             - next: a
         """),
        ],
        [
            "s.yaml:29:3: error: routing from 'a' can come back to it without a choice in between",
            "s.yaml:34:3: error: routing from 'b' can come back to it without a choice in between",
        ],
    ),
    # --- the graph ---
    (
        "unreachable node",
        [
            add_node(
                "lonely:\n  say: Hello?\n  choices:\n    - {id: bye, text: Bye., feedback: Ok., "
                "principle: stay-calm, next: happy}\n"
            )
        ],
        ["s.yaml:29:3: error: node 'lonely' cannot be reached from the start"],
    ),
    (
        "no ending reachable from a node",
        [
            ("next: cross", "next: loop"),
            add_node(
                "loop:\n  say: Again?\n  choices:\n    - {id: again, text: Again., "
                "feedback: Ok., principle: stay-calm, next: loop}\n"
            ),
        ],
        ["s.yaml:29:3: error: no ending can be reached from node 'loop'"],
    ),
    (
        "no choice available: stuck",
        [
            ("        next: happy\n", "        if: {flag: vip}\n        next: happy\n"),
            ("        next: cross\n", "        if: {flag: vip}\n        next: cross\n"),
        ],
        [
            "s.yaml:14:3: error: no choice is available (and no timer runs) at node 'hello' with anger 50 and flags: none",
            "s.yaml:17:9: warning: the flag 'vip' is tested here (and on line 24) but no choice sets it",
        ],
    ),
    (
        "a loop that raises a score",
        [("next: cross", "next: loop"), add_node(LOOP_BACK)],
        [
            (
                "s.yaml:32:9: error: choice 'again' of node 'loop' is on a loop that changes composure each time round, "
                "so a trainee could raise or lower it without end; make every loop add up to zero"
            )
        ],
    ),
    # --- warnings ---
    (
        "choice without feedback",
        [("        feedback: Good.\n", "")],
        ["s.yaml:17:9: warning: choice 'kind' has no feedback: the debrief cannot say why it helped or hurt"],
    ),
    (
        "choice without principle",
        [("        principle: stay-calm\n        next: happy", "        next: happy")],
        ["s.yaml:17:9: warning: choice 'kind' names no principle"],
    ),
    (
        "flag tested but never set",
        [("        next: happy\n", "        if: {flag: vip}\n        next: happy\n")],
        [
            "s.yaml:17:9: warning: the flag 'vip' is tested here but no choice sets it",
            "s.yaml:31:3: warning: no way of playing reaches the ending 'happy'",
        ],
    ),  # line 30 + the added one
    (
        "ending nobody reaches",
        [("next: cross", "next: happy")],
        ["s.yaml:34:3: warning: no way of playing reaches the ending 'cross'"],
    ),
    # --- conditions ---
    (
        "anger condition that can never hold",
        [("        next: happy\n", "        if: {anger: {at_least: 60, at_most: 40}}\n        next: happy\n")],
        ["s.yaml:22:21: error: this anger condition can never hold (needs 60 to 40)"],
    ),
    (
        "above and below leave no room",
        [("        next: happy\n", "        if: {anger: {above: 50, below: 51}}\n        next: happy\n")],
        ["s.yaml:22:21: error: this anger condition can never hold (needs 51 to 50)"],
    ),
    (
        "empty condition",
        [("        next: happy\n", "        if: {}\n        next: happy\n")],
        ["s.yaml:22:13: error: a condition needs at least one of: anger, flag, not_flag, all, any, not"],
    ),
    (
        "empty if",
        [("        next: happy\n", "        if:\n        next: happy\n")],
        ["s.yaml:22:12: error: 'if' in choice 'kind' is empty"],
    ),
    (
        "empty anger condition",
        [("        next: happy\n", "        if: {anger: {}}\n        next: happy\n")],
        ["s.yaml:22:21: error: an anger condition needs at_least, at_most, above or below"],
    ),
    (
        "unknown condition key",
        [("        next: happy\n", "        if: {flags: vip}\n        next: happy\n")],
        ["s.yaml:22:14: error: unknown key 'flags' in a condition; did you mean 'flag'?"],
    ),
    (
        "bad visibility",
        [
            (
                "        next: happy\n",
                "        if: {anger: {at_most: 90}}\n        when_unavailable: hidden\n        next: happy\n",
            )
        ],
        ["s.yaml:23:27: error: 'when_unavailable' must be one of show, hide, not 'hidden'; did you mean 'hide'?"],
    ),
    (
        "visibility without a condition",
        [("        next: happy\n", "        when_unavailable: hide\n        next: happy\n")],
        ["s.yaml:22:9: warning: 'when_unavailable' has no effect: this choice has no 'if', so it is always available"],
    ),
    # --- choices ---
    ("duplicate choice ids", [("id: rude", "id: kind")], ["s.yaml:23:9: error: two choices here have the id 'kind'"]),
]


@pytest.mark.parametrize(("edits", "expected"), [pytest.param(e, x, id=name) for name, e, x in CASES])
def test_each_rule_prints_its_diagnostic(edits: list[tuple[str, str]], expected: list[str]) -> None:
    assert printed(variant(*edits)) == expected


@pytest.mark.parametrize(
    ("edits", "loads"),
    [
        pytest.param([("        feedback: Good.\n", "")], True, id="a warning keeps the scenario"),
        pytest.param([("title: A short call", "title:")], False, id="an error drops it"),
    ],
)
def test_only_errors_withhold_the_scenario(edits: list[tuple[str, str]], loads: bool) -> None:
    report = read_scenario(variant(*edits).encode(), PATH)
    assert (report.scenario is not None) is loads


def test_unknown_principle_with_did_you_mean() -> None:
    text = variant(
        ("        principle: stay-calm\n        next: happy", "        principle: stay-clam\n        next: happy")
    )
    assert printed(text, PRINCIPLES) == [
        "s.yaml:21:20: error: there is no principle 'stay-clam' in principles.yaml; did you mean 'stay-calm'?"
    ]
    assert printed(text) == []  # without a principles file, principles are not checked


def test_a_loop_that_adds_up_to_zero_is_accepted() -> None:
    text = variant(
        ("next: cross", "next: loop"),
        add_node("""\
        loop:
          say: Again?
          choices:
            - {id: up, text: Up., effects: {composure: 2}, feedback: Up., principle: stay-calm, next: back}
            - {id: leave, text: Bye., feedback: Bye., principle: stay-calm, next: cross}
        back:
          say: Back again?
          choices:
            - {id: down, text: Down., effects: {composure: -2}, feedback: Down., principle: stay-calm, next: loop}
        """),
    )
    report = read_scenario(text.encode(), PATH)
    assert [str(d) for d in report.diagnostics] == []
    assert report.scenario is not None and set(report.scenario.nodes) == {"hello", "loop", "back"}


def test_a_timer_with_its_timeout_is_accepted() -> None:
    timed = "    say: Why is my bill so high?\n    timer: 10\n    timeout: {feedback: Slow., principle: stay-calm, next: cross}\n"
    text = variant(("    say: Why is my bill so high?\n", timed))
    report = read_scenario(text.encode(), PATH)
    assert report.diagnostics == [] and report.scenario is not None
    assert report.scenario.nodes["hello"].timer == 10


def test_several_errors_in_one_file_are_all_reported_at_once() -> None:
    text = variant(
        ("title: A short call", "titel: A short call"),
        ("channel: phone", "channel: fone"),
        ("difficulty: 2", "difficulty: 12:30"),
        ("  anger: 50", "  anger: 500"),
        ("{anger: -10, composure: 5}", "{anger: -10, composure: ten}"),
        ("next: cross", "next: crosss"),
        ("outcome: lost", "outcome: lose"),
    )
    assert printed(text) == [
        "s.yaml:1:1: error: the scenario needs 'title'",
        "s.yaml:2:1: error: unknown key 'titel' in the scenario; did you mean 'title'?",
        "s.yaml:4:10: error: 'channel' must be one of in-person, phone, chat, not 'fone'; did you mean 'phone'?",
        "s.yaml:5:13: error: 'difficulty' must be a whole number, not '12:30'",
        "s.yaml:11:10: error: 'anger' must be from 0 to 100, not 500",
        "s.yaml:19:42: error: 'composure' must be a whole number, not 'ten'",
        "s.yaml:28:15: error: there is no node or ending 'crosss'; did you mean 'cross'?",
        (
            "s.yaml:35:14: error: 'outcome' must be one of resolved, partial, escalated, lost, not 'lose'; "
            "did you mean 'lost'?"
        ),
    ]


def test_duplicate_scenario_ids_across_a_library(tmp_path: Path) -> None:
    (tmp_path / "a-first.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "b-second.yaml").write_text(variant(("title: A short call", "title: A copy")), encoding="utf-8")
    library = load_library([tmp_path])
    assert len(library.scenarios) == 2
    first, second = tmp_path / "a-first.yaml", tmp_path / "b-second.yaml"
    assert [str(d) for d in library.diagnostics] == [
        f"{second}:1:5: error: the scenario id 'base' is already used by {first}"
    ]
