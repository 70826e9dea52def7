"""The validator messages a trainer tripped on, written as each mistake was made.

Each case is test_diagnostics' valid BASE scenario with the trainer's edit (the numbered listing of
BASE there gives every line), read through the real loader, with the exact lines `validate` prints.
"""

from __future__ import annotations

import pytest
import yaml

from game.engine.reading import yamltree
from tests.engine.test_diagnostics import PRINCIPLES, add_node, printed, variant

CUT = "put the whole text in quotes, or that part is lost"


@pytest.mark.parametrize("parser", [yaml.CSafeLoader, yaml.SafeLoader], ids=["libyaml", "pure Python"])
def test_text_cut_short_by_a_hash_is_warned_about(parser: type, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamltree, "_Loader", parser)
    text = variant(
        ("text: Let me look into it.", "text: We are #1 at this."),
        ("  - Stay calm", "  - Stay calm #always"),
        ("    say: Why is my bill so high?", "    say: Why is my bill\n      so high? #angry"),
    )
    assert printed(text, PRINCIPLES) == [
        f"s.yaml:7:15: warning: an entry of 'objectives' in the scenario stops at ' #': YAML reads '#always' as a "
        f"comment and leaves it out; {CUT}",
        f"s.yaml:16:16: warning: 'say' in node 'hello' stops at ' #': YAML reads '#angry' as a comment and "
        f"leaves it out; {CUT}",
        f"s.yaml:19:22: warning: 'text' in choice 'kind' stops at ' #': YAML reads '#1 at this.' as a comment "
        f"and leaves it out; {CUT}",
    ]


@pytest.mark.parametrize(
    "edits",
    [
        pytest.param([("text: Let me look into it.", 'text: "We are #1 at this."')], id="text in quotes"),
        pytest.param([("text: Let me look into it.", "text: 'Top # of the list.'  # a note")], id="quotes, note"),
        pytest.param([("next: happy", "next: happy  # the good ending")], id="a note after an id"),
        pytest.param([("composure: 5}", "composure: 5}  # generous")], id="a note after numbers"),
        pytest.param([("text: Let me look into it.", "text: Item#1 is fine.")], id="a hash without a space"),
    ],
)
def test_comments_that_cut_no_text_are_fine(edits: list[tuple[str, str]]) -> None:
    assert printed(variant(*edits), PRINCIPLES) == []


SHARED = (
    ("    choices:\n      - id: kind", "    choices: &answers\n      - id: kind"),
    ("        next: happy\n", "        next: again\n"),
    add_node("again:\n  say: Again?\n  choices: *answers\n"),
)


def test_a_mistake_in_a_block_shared_through_an_alias_is_reported_once() -> None:
    text = variant(*SHARED, ("        feedback: Good.\n", "        feedback: Good.\n        colour: red\n"))
    assert printed(text, PRINCIPLES) == ["s.yaml:21:9: error: unknown key 'colour' in choice 'kind'"]


def test_a_flag_never_set_is_said_once_with_every_place_and_the_flag_meant() -> None:
    text = variant(
        *SHARED,
        ("        next: again\n", "        if: {flag: vipp}\n        next: again\n"),
        ("        next: cross\n", "        if: {any: [{flag: vipp}, {anger: {above: 10}}]}\n        next: cross\n"),
        (
            "        effects: {anger: 10, composure: -5}\n",
            "        effects: {anger: 10, composure: -5}\n        sets: [vip]\n",
        ),
    )
    assert printed(text, PRINCIPLES) == [
        "s.yaml:17:9: warning: the flag 'vipp' is tested here (and on line 24) but no choice sets it; "
        "did you mean 'vip'?",
        "s.yaml:36:3: warning: no way of playing reaches the ending 'happy'",  # nothing leads there now
    ]


def test_a_flag_never_set_is_warned_about_beside_errors() -> None:
    text = variant(
        ("        next: happy\n", "        if: {flag: vipp}\n        next: happy\n"),
        ("        next: cross\n", "        sets: [vip]\n        next: cross\n"),
        ("outcome: lost", "outcome: lose"),
    )
    assert printed(text, PRINCIPLES) == [
        "s.yaml:17:9: warning: the flag 'vipp' is tested here but no choice sets it; did you mean 'vip'?",
        "s.yaml:37:14: error: 'outcome' must be one of resolved, partial, escalated, lost, not 'lose'; "
        "did you mean 'lost'?",
    ]


NEVER = "s.yaml:17:9: warning: choice 'kind' can never be picked: its 'if' holds in no way of reaching node 'hello'"


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param(
            [("        next: happy\n", "        if: {anger: {at_least: 70}}\n        next: happy\n")],
            f"{NEVER} (anger there is always 50)",
            id="anger never high enough where it stands",
        ),
        pytest.param(
            [
                (
                    "        next: happy\n",
                    "        if: {flag: vip}\n        when_unavailable: hide\n        next: happy\n",
                ),
                ("        next: cross\n", "        sets: [vip]\n        next: cross\n"),
            ],
            f"{NEVER} (anger there is always 50; the flag 'vip' is never on there)",
            id="a flag set only after it",
        ),
        pytest.param(
            [("        next: happy\n", "        if: {not: {anger: {at_most: 90}}}\n        next: happy\n")],
            f"{NEVER} (anger there is always 50)",
            id="a condition that holds elsewhere",
        ),
    ],
)
def test_a_choice_whose_if_never_holds_where_it_stands(edits: list[tuple[str, str]], expected: str) -> None:
    found = printed(variant(*edits), PRINCIPLES)
    assert found[0] == expected
    assert all("can never be picked" not in line for line in found[1:])


def test_a_shared_choice_that_can_be_picked_at_one_of_its_nodes_is_not_warned_about() -> None:
    """As the walk-in's greyed-out 'account-fine': it teaches at the node where it never holds, and is
    picked at the other node that shares its block. One place in the file, usable: no warning."""
    text = variant(
        ("    choices:\n      - id: kind", "    choices: &answers\n      - id: kind"),
        ("        next: happy\n", "        if: {flag: asked}\n        next: happy\n"),
        ("        effects: {anger: 10, composure: -5}\n", "        sets: [asked]\n"),
        ("        next: cross\n", "        next: again\n"),
        add_node("again:\n  say: Again?\n  choices: *answers\n"),
    )
    assert printed(text, PRINCIPLES) == ["s.yaml:38:3: warning: no way of playing reaches the ending 'cross'"]
    alone = text.replace(
        "  choices: *answers\n",
        "  choices: [{id: bye, text: Bye., feedback: Ok., principle: stay-calm, next: cross}]\n",
    )
    assert printed(alone, PRINCIPLES)[0] == (
        "s.yaml:17:9: warning: choice 'kind' can never be picked: its 'if' holds in no way of reaching node "
        "'hello' (anger there is always 50; the flag 'asked' is never on there)"
    )
