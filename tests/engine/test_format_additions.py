"""The format's second-pass keys: ending effects, people and speakers, scenes, notes, portraits.

Each rule has one snippet, an edit of test_diagnostics' BASE, with the exact message it prints;
the line numbers are BASE's (see there), shifted where an edit adds lines above.
"""

from __future__ import annotations

import re

import pytest

from game.engine.judging.statespace import StateGraph, explore
from game.engine.model import CUSTOMER, PORTRAITS, Effects, Scenario, Scene
from game.engine.reading.loader import read_scenario
from game.storage.scenario_files import load_principles
from tests.engine.test_diagnostics import PATH, PRINCIPLES, add_node, printed, variant
from tests.paths import ANGRY_WALK_IN

PEOPLE = ("start: hello\n", "people:\n  sam:\n    name: Sam\n    portrait: team-leader\nstart: hello\n")  # +4 lines
SPEAKER = ("    say: Why is my bill so high?\n", "    speaker: sam\n    say: Why is my bill so high?\n")  # +1 line
PORTRAIT_LIST = ", ".join(PORTRAITS)

CASES = [
    (
        "unknown portrait, did you mean",
        [("portrait: caller-woman", "portrait: caller-women")],
        ["s.yaml:10:13: error: there is no portrait 'caller-women'; did you mean 'caller-woman'?"],
    ),
    (
        "unknown portrait, with the list",
        [("portrait: caller-woman", "portrait: pat")],
        [f"s.yaml:10:13: error: there is no portrait 'pat'; the portraits are {PORTRAIT_LIST}"],
    ),
    (
        "unknown portrait of a person",
        [PEOPLE, SPEAKER, ("portrait: team-leader", "portrait: team-lead")],
        ["s.yaml:15:15: error: there is no portrait 'team-lead'; did you mean 'team-leader'?"],
    ),
    (
        "unknown speaker, did you mean",
        [PEOPLE, ("    say: Why is my bill so high?\n", "    speaker: samm\n    say: Why is my bill so high?\n")],
        [
            "s.yaml:13:3: warning: person 'sam' never speaks: no node names them as 'speaker'",
            "s.yaml:19:14: error: there is no speaker 'samm': name 'customer' or a person under 'people'; "
            "did you mean 'sam'?",
        ],
    ),
    (
        "a speaker without people",
        [SPEAKER],
        ["s.yaml:15:14: error: there is no speaker 'sam': name 'customer' or a person under 'people'"],
    ),
    (
        "a person who never speaks",
        [PEOPLE],
        ["s.yaml:13:3: warning: person 'sam' never speaks: no node names them as 'speaker'"],
    ),
    (
        "a person called customer",
        [("start: hello\n", "people:\n  customer:\n    name: Sam\n    portrait: team-leader\nstart: hello\n")],
        ["s.yaml:13:3: error: 'customer' is the customer's speaker id; give this person another id"],
    ),
    (
        "unknown key in a person",
        [PEOPLE, SPEAKER, ("    portrait: team-leader\n", "    portrait: team-leader\n    role: lead\n")],
        ["s.yaml:16:5: error: unknown key 'role' in person 'sam'"],
    ),
    (
        "unknown scene, did you mean",
        [("    say: Why is my bill so high?\n", "    scene: reveiw\n    say: Why is my bill so high?\n")],
        [
            "s.yaml:15:12: error: 'scene' must be one of counter, phone, chat, review, not 'reveiw'; did you mean 'review'?"
        ],
    ),
    (
        "anger on an ending",
        [("    title: Cross\n", "    title: Cross\n    effects: {anger: 5, composure: -5}\n")],
        [
            "s.yaml:37:15: error: ending 'cross' cannot change anger: the conversation is over; "
            "use composure, assertiveness, resolution, or put the anger on the answer that leads here"
        ],
    ),
    (
        "ending effects out of range",
        [("    title: Cross\n", "    title: Cross\n    effects: {composure: -500}\n")],
        ["s.yaml:37:26: error: 'composure' must be from -100 to 100, not -500"],
    ),
    (
        "notes are held to the text rules",
        [("id: base\n", 'id: base\nnotes: "a\\tb"\n')],
        ["s.yaml:2:8: error: 'notes' in the scenario has a tab (U+0009) at character 2; use a space"],
    ),
    (
        "a typo in notes says what it meant",
        [("    title: Happy\n", "    title: Happy\n    note: Sorted is the goal.\n")],
        ["s.yaml:33:5: error: unknown key 'note' in ending 'happy'; did you mean 'notes'?"],
    ),
    (
        "a routing node cannot name a speaker",
        [
            PEOPLE,
            SPEAKER,
            add_node("""\
                pass:
                  speaker: sam
                  route:
                    - next: hello
                """),
            ("next: cross", "next: pass"),
        ],
        ["s.yaml:35:5: error: node 'pass' has a 'route', so it passes straight on: remove 'speaker'"],
    ),
]


@pytest.mark.parametrize(("edits", "expected"), [pytest.param(e, x, id=name) for name, e, x in CASES])
def test_each_new_rule_prints_its_diagnostic(edits: list[tuple[str, str]], expected: list[str]) -> None:
    assert printed(variant(*edits)) == expected


def test_notes_are_allowed_everywhere_and_change_nothing() -> None:
    noted = variant(
        ("id: base\n", "id: base\nnotes: Draft two, for the phone team.\n"),
        ("  hello:\n", "  hello:\n    notes: He has rung three times.\n"),
        (
            "        text: Let me look into it.\n",
            "        text: Let me look into it.\n        notes: The hoped-for one.\n",
        ),
        ("    title: Happy\n", "    title: Happy\n    notes: Best case.\n"),
        PEOPLE,
        SPEAKER,
        ("    portrait: team-leader\n", "    portrait: team-leader\n    notes: The trainee's lead.\n"),
    )
    assert printed(noted, PRINCIPLES) == []
    plain, with_notes = (
        read_scenario(t.encode(), PATH, PRINCIPLES).scenario_or_raise() for t in (variant(PEOPLE, SPEAKER), noted)
    )
    assert unplaced(plain) == unplaced(with_notes)


def unplaced(scenario: Scenario) -> str:
    """The scenario's nodes, endings and people without their positions in the file."""
    return re.sub(r"Position\(line=\d+, column=\d+\)", "", repr((scenario.nodes, scenario.endings, scenario.people)))


def test_a_node_names_its_speaker_and_scene() -> None:
    text = variant(PEOPLE, SPEAKER, ("    speaker: sam\n", "    speaker: sam\n    scene: review\n"))
    scenario = read_scenario(text.encode(), PATH, PRINCIPLES).scenario_or_raise()
    hello = scenario.nodes["hello"]
    assert (hello.speaker, hello.scene) == ("sam", Scene.REVIEW)
    assert (scenario.speaker_at("hello").name, scenario.speaker_at("hello").portrait) == ("Sam", "team-leader")
    assert scenario.scene_at("hello") is Scene.REVIEW
    assert scenario.speaker_at("happy").name == "Pat"  # the customer, by default and at endings
    assert scenario.scene_at("happy") is Scene.PHONE  # the channel's look


def test_the_customer_can_be_named_as_speaker() -> None:
    text = variant(("    say: Why", "    speaker: customer\n    say: Why"))
    scenario = read_scenario(text.encode(), PATH, PRINCIPLES).scenario_or_raise()
    assert scenario.nodes["hello"].speaker == CUSTOMER and scenario.speaker_at("hello").name == "Pat"


# -- ending effects count in every total ----------------------------------------------------------

ENDING_EFFECTS = ("    title: Cross\n", "    title: Cross\n    effects: {composure: -20, resolution: 7}\n")


def extreme_totals(graph: StateGraph, dimension: int) -> tuple[int, int]:
    """Best and worst sum of one score over every path of an acyclic graph, by brute force."""

    def walk(state: int) -> tuple[int, int]:
        out = graph.edges[state]
        if not out:
            return 0, 0
        after = [(e.gains[dimension], *walk(e.target)) for e in out]
        return max(gain + best for gain, best, _ in after), min(gain + worst for gain, _, worst in after)

    return walk(0)


def test_ending_effects_are_read_without_anger() -> None:
    scenario = read_scenario(variant(ENDING_EFFECTS).encode(), PATH, PRINCIPLES).scenario_or_raise()
    assert scenario.endings["cross"].effects == Effects(composure=-20, resolution=7)
    assert scenario.endings["happy"].effects == Effects()


def test_best_and_worst_totals_include_ending_effects() -> None:
    before = read_scenario(BASE_BYTES, PATH, PRINCIPLES).scenario_or_raise()
    after = read_scenario(variant(ENDING_EFFECTS).encode(), PATH, PRINCIPLES).scenario_or_raise()
    composure, resolution = 0, 2
    # 'rude' (-5 composure) leads to 'cross': the worst composure falls by the ending's 20
    assert extreme_totals(explore(before, 100), composure) == (5, -5)
    assert extreme_totals(explore(after, 100), composure) == (5, -25)
    assert extreme_totals(explore(after, 100), resolution) == (7, 0)


def test_a_walk_out_to_an_ending_counts_its_effects() -> None:
    text = variant(
        ENDING_EFFECTS,
        ("  anger: 50\n", "  anger: 50\n  walks_out_at: 60\n  walks_out_to: cross\n"),
        ("effects: {anger: 10, composure: -5}", "effects: {anger: 10}"),
        ("next: cross", "next: happy"),  # so only the walk-out reaches 'cross'
    )
    scenario = read_scenario(text.encode(), PATH, PRINCIPLES).scenario_or_raise()
    graph = explore(scenario, 100)
    rude = next(e for e in graph.edges[0] if e.option == 1)
    assert graph.states[rude.target].place == "cross" and rude.gains == (-20, 0, 7)


BASE_BYTES = variant().encode()


def test_the_shipped_scenario_stays_clean() -> None:
    principles, problems = load_principles(ANGRY_WALK_IN.parent)
    assert problems == []
    assert read_scenario(ANGRY_WALK_IN.read_bytes(), str(ANGRY_WALK_IN), principles).diagnostics == []
