"""A node's `where` (the place, which holds until another node names one) and `expression` (the
speaker's face for that line only): read with located errors, and shown in every view, however
the session was made (played, rewound, restored, resumed)."""

from __future__ import annotations

import copy
import random

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import EXPRESSIONS
from game.engine.model import Scenario
from game.engine.playing.resume import resumed
from game.engine.playing.session import Session, View
from game.engine.reading.loader import read_scenario
from tests.depth import scaled
from tests.engine.test_diagnostics import PATH, PRINCIPLES, add_node, printed, variant
from tests.engine.test_session import act, moves
from tests.paths import ANGRY_WALK_IN

# hello -> desk (names the desk, relieved) -> still-desk (names nothing) -> office (names the office) -> happy
MOVES_ON = (
    ("next: happy", "next: desk"),
    add_node("""\
        desk:
          where: At the desk
          expression: relieved
          say: Thank you.
          choices:
            - id: on
              text: Go on.
              feedback: Fine.
              principle: stay-calm
              next: still-desk
        still-desk:
          say: So?
          choices:
            - id: up
              text: Let us go upstairs.
              feedback: Fine.
              principle: stay-calm
              next: office
        office:
          where: In the manager's office
          expression: suspicious
          say: Well?
          choices:
            - id: done
              text: That is all.
              feedback: Fine.
              principle: stay-calm
              next: happy
        """),
)
OFFICE = "In the manager\u2019s office"  # as read: the apostrophe made typographic
WALK = ["kind", "on", "up", "done"]
# What each view along WALK shows: the place, and the expression of that line.
SEEN = [
    ("hello", None, None),
    ("desk", "At the desk", "relieved"),
    ("still-desk", "At the desk", None),
    ("office", OFFICE, "suspicious"),
    ("happy", OFFICE, None),
]


def moving_on() -> Scenario:
    return read_scenario(variant(*MOVES_ON).encode(), PATH, PRINCIPLES).scenario_or_raise()


def shown(view: View) -> tuple[str, str | None, str | None]:
    return (view.place, view.where, view.expression)


def test_a_node_names_its_place_and_expression() -> None:
    assert printed(variant(*MOVES_ON), PRINCIPLES) == []
    desk = moving_on().nodes["desk"]
    assert (desk.where, desk.expression) == ("At the desk", "relieved")
    assert set(EXPRESSIONS) == {"amused", "embarrassed", "hurt", "relieved", "sheepish", "suspicious", "worried"}


def test_the_place_holds_on_later_nodes_until_another_is_named() -> None:
    session = Session.start(moving_on(), seed=3)
    seen = [shown(session.view())]
    for choice in WALK:
        session.choose_id(choice)
        seen.append(shown(session.view()))
    assert seen == SEEN


def test_rewound_restored_and_resumed_sessions_agree_on_the_place() -> None:
    scenario = moving_on()
    session = Session.start(scenario, seed=3)
    for choice in WALK:
        session.choose_id(choice)
    assert [shown(session.rewound(n).view()) for n in range(len(WALK) + 1)] == SEEN
    for n in range(len(WALK) + 1):
        part = session.rewound(n)
        assert shown(Session.from_dict(scenario, part.to_dict()).view()) == SEEN[n]
        assert shown(resumed(scenario, part).session.view()) == SEEN[n]


def test_a_play_test_started_past_a_place_has_none_until_one_is_named() -> None:
    session = Session.start(moving_on(), seed=0, at="still-desk")
    assert shown(session.view()) == ("still-desk", None, None)
    session.choose_id("up")
    assert session.view().where == OFFICE


EXPRESSION_AT = ("    say: Why is my bill so high?\n", "    expression: EXPRESSION\n    say: Why is my bill so high?\n")


def with_expression(word: str) -> str:
    return variant((EXPRESSION_AT[0], EXPRESSION_AT[1].replace("EXPRESSION", word)))


def test_a_wrong_expression_word_is_located_with_a_suggestion() -> None:
    assert printed(with_expression("sheepsh"), PRINCIPLES) == [
        "s.yaml:15:17: error: 'expression' must be one of amused, embarrassed, hurt, relieved, sheepish, suspicious, "
        "worried, not 'sheepsh'; did you mean 'sheepish'?"
    ]
    assert printed(with_expression("furious"), PRINCIPLES) == [
        "s.yaml:15:17: error: 'expression' must be one of amused, embarrassed, hurt, relieved, sheepish, suspicious, "
        "worried, not 'furious'"
    ]


def test_every_expression_word_loads() -> None:
    for word in EXPRESSIONS:
        scenario = read_scenario(with_expression(word).encode(), PATH, PRINCIPLES).scenario_or_raise()
        assert Session.start(scenario).view().expression == word


def test_a_place_is_one_line_of_a_label() -> None:
    where = ("    say: Why is my bill so high?\n", '    where: "At the\\ndesk"\n    say: Why is my bill so high?\n')
    too_long = ("    say: Why is my bill so high?\n", f"    where: {'a' * 81}\n    say: Why is my bill so high?\n")
    assert printed(variant(where), PRINCIPLES) == [
        "s.yaml:15:12: error: 'where' in node 'hello' has a line break (U+000A) at character 7; write it on one line"
    ]
    assert printed(variant(too_long), PRINCIPLES) == [
        "s.yaml:15:12: error: 'where' in node 'hello' is 81 characters; the limit for a title or name is 80: shorten it"
    ]


def test_a_routing_node_names_no_place_or_expression() -> None:
    routing = add_node("""\
        pass:
          where: At the desk
          expression: hurt
          route:
            - next: hello
        """)
    assert printed(variant(routing, ("next: cross", "next: pass")), PRINCIPLES) == [
        "s.yaml:30:5: error: node 'pass' has a 'route', so it passes straight on: remove 'where'",
        "s.yaml:31:5: error: node 'pass' has a 'route', so it passes straight on: remove 'expression'",
    ]


# -- property: on any path, the place shown is the latest one named on it ---------------------------

WALK_IN = yaml.safe_load(ANGRY_WALK_IN.read_text(encoding="utf-8"))
TALKING = sorted(key for key, node in WALK_IN["nodes"].items() if "route" not in node)


def walk_in_with_places(named: dict[str, str]) -> Scenario:
    tree = copy.deepcopy(WALK_IN)
    for node in tree["nodes"].values():  # only the places this example names
        node.pop("where", None)
    for node, place in named.items():
        tree["nodes"][node]["where"] = place
    return read_scenario(yaml.safe_dump(tree).encode(), "walk-in.yaml").scenario_or_raise()


@settings(deadline=None, max_examples=scaled(25))
@given(
    named=st.dictionaries(st.sampled_from(TALKING), st.sampled_from(["At the desk", "Outside", "In the office"])),
    seed=st.integers(0, 10**6),
)
def test_the_place_shown_is_the_latest_named_on_the_path(named: dict[str, str], seed: int) -> None:
    scenario, rng = walk_in_with_places(named), random.Random(seed)
    session, seen = Session.start(scenario, seed=seed), []
    while True:
        path = [step.node for step in session.history] + [session.place]
        expected = next((named[place] for place in reversed(path) if place in named), None)
        assert session.view().where == expected
        seen.append(session.view().where)
        if session.finished:
            break
        act(session, rng.choice(moves(session)))
    assert [session.rewound(n).view().where for n in range(len(session.history) + 1)] == seen
    assert Session.from_dict(scenario, session.to_dict()).view().where == seen[-1]
