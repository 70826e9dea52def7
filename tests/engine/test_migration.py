"""`migrated`: an unknown portrait becomes a known one, and not one other character of the file changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from game.engine.model import PORTRAITS
from game.engine.reading.diagnostics import Position
from game.engine.reading.loader import read_scenario
from game.engine.reading.migration import Migration, migrated
from game.storage.locations import SHIPPED_LIBRARY
from game.storage.scenario_files import scenario_paths
from tests.inline_scenarios import header

HEAD = header("small", "").split("customer:")[0]  # the keys before the customer
PERSON = '  boss:\n    name: "Bea"\n    portrait: '
NODES = (
    'start: a\nnodes:\n  a:\n    speaker: boss\n    say: "Hello."\n    choices:\n'
    '      - {id: ok, text: "OK", feedback: "Fine.", next: done}\n'
    'endings:\n  done: {outcome: resolved, title: "D", text: "d"}\n'
)


def small(customer: str, person: str = "team-leader", channel: str = "chat") -> str:
    """A small scenario, valid when both portraits are known, with the customer's portrait written
    `customer` (line 9, column 13) and the person's `person` (line 14, column 15)."""
    text = (
        header("small", f'  name: "Zoë"\n  portrait: {customer}\n  anger: 40') + f"people:\n{PERSON}{person}\n{NODES}"
    )
    return text.replace("channel: chat", f"channel: {channel}")


def problems(text: str) -> list[str]:
    """The errors the loader finds in `text`, as codes."""
    return [d.code for d in read_scenario(text.encode(), "s.yaml").diagnostics if d.is_error]


def unchanged(text: str) -> Migration:
    return Migration(text, (), ())


@pytest.mark.parametrize("written", ["grumpy", "'grumpy'", '"grumpy"'])
def test_each_quoting_style_is_kept(written: str) -> None:
    text = small(written)
    assert problems(text) == ["unknown-portrait"]
    migration = migrated(text)
    assert migration.text == small(written.replace("grumpy", "young-woman"))
    assert [(r.position, r.old, r.new) for r in migration.rewrites] == [(Position(9, 13), "grumpy", "young-woman")]
    assert migration.by_hand == ()
    assert problems(migration.text) == []


def test_a_flow_mapping_after_non_ascii_text_on_the_same_line() -> None:
    """Columns count characters, not bytes: 'Zoë' and the emoji before the portrait take one each."""
    block = '  name: "Zoë"\n  portrait: grumpy\n  anger: 40'
    text = small("grumpy").replace(f"customer:\n{block}", 'customer: {name: "Zoë 😀", portrait: grumpy, anger: 40}')
    migration = migrated(text)
    assert migration.text == text.replace("portrait: grumpy", "portrait: young-woman")
    assert [r.position for r in migration.rewrites] == [Position(7, 37)]
    assert problems(migration.text) == []


def test_a_person_under_people_falls_back_on_the_team_leader() -> None:
    migration = migrated(small("caller-woman", person="manager"))
    assert migration.text == small("caller-woman")
    assert [(r.position, r.old, r.new) for r in migration.rewrites] == [(Position(14, 15), "manager", "team-leader")]


def test_a_close_name_becomes_the_portrait_it_is_close_to() -> None:
    migration = migrated(small("caller-women", person="team-lead"))
    assert migration.text == small("caller-woman", person="team-leader")
    assert [rewrite.why for rewrite in migration.rewrites] == ["the closest name among the portraits"] * 2


@pytest.mark.parametrize(
    ("channel", "face"),
    [("in-person", "walk-in-man"), ("phone", "caller-woman"), ("chat", "young-woman"), ("fax", "walk-in-man")],
)
def test_a_far_name_becomes_the_usual_face_of_the_channel(channel: str, face: str) -> None:
    migration = migrated(small("zzz", channel=channel))
    assert migration.text == small(face, channel=channel)
    assert "no portrait is named like it" in migration.rewrites[0].why


def test_without_a_channel_the_customer_is_taken_as_in_person() -> None:
    text = small("zzz").replace("channel: chat\n", "")
    assert migrated(text).text == small("walk-in-man").replace("channel: chat\n", "")


COMMENTED = (
    "# Written before portraits were a closed list.\n\n"
    "customer:   # the caller\n"
    "  portrait:    'grumpy'    # grumpy  # 'grumpy'\n"
    "\n\n"
    "  # portrait: grumpy\n"
)


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"])
def test_comments_blank_lines_and_line_breaks_stay_as_written(line_break: str) -> None:
    text = COMMENTED.replace("\n", line_break)
    migration = migrated(text)
    assert migration.text == text.replace("'grumpy'    #", "'walk-in-man'    #")
    assert [r.position for r in migration.rewrites] == [Position(4, 16)]


def test_a_byte_order_mark_does_not_shift_the_first_line() -> None:
    assert migrated("\ufeffcustomer: {portrait: zzz}").text == "\ufeffcustomer: {portrait: walk-in-man}"


@pytest.mark.parametrize(
    "written",
    [
        "&face zzz",  # an anchor: the alias elsewhere would keep the old value
        "!!str zzz",
        '"zz\\x7a"',  # an escape that reads as zzz
        "|-\n    zzz",
    ],
)
def test_a_portrait_written_any_other_way_is_left_for_a_person(written: str) -> None:
    text = small(written)
    migration = migrated(text)
    assert migration.text == text
    assert migration.rewrites == ()
    assert [(r.position, r.old, r.new) for r in migration.by_hand] == [(Position(9, 13), "zzz", "young-woman")]


def test_a_portrait_reached_twice_through_an_alias_is_rewritten_once() -> None:
    text = "customer: &someone {portrait: zzz}\npeople:\n  twin: *someone\n"
    migration = migrated(text)
    assert migration.text == "customer: &someone {portrait: walk-in-man}\npeople:\n  twin: *someone\n"
    assert len(migration.rewrites) == 1


@pytest.mark.parametrize(
    "text",
    [
        small("caller-woman"),  # nothing to migrate
        small("null"),  # no portrait at all, which migrating cannot fix
        small('"Grumpy Face"'),  # not an id: the loader says so, and no face is guessed
        small("'Zzz'"),
        small("'zz\n    z'"),  # folded onto a second line, it reads 'zz z'
        small("[grumpy]"),
        "customer: {portrait: zzz",  # not readable YAML
        "- customer: {portrait: zzz}",  # not a mapping
        "",
    ],
)
def test_anything_else_comes_back_as_it_was(text: str) -> None:
    assert migrated(text) == unchanged(text)


@pytest.mark.parametrize("path", scenario_paths(SHIPPED_LIBRARY), ids=lambda path: path.name)
def test_no_shipped_scenario_needs_migrating(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert migrated(text) == unchanged(text)


# -- any unknown id, in any quoting, among any comments and whitespace ---------------------------

ID_START = "abcdefghijklmnopqrstuvwxyz0123456789"
unknown_ids = st.builds(str.__add__, st.sampled_from(ID_START), st.text(ID_START + "-_", max_size=63)).filter(
    lambda portrait: portrait not in PORTRAITS
)
quotes = st.sampled_from(["", "'", '"'])
line_breaks = st.sampled_from(["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"])
spaces = st.text(" ", min_size=1, max_size=3)
comment_text = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn", "Zl", "Zp")), max_size=20)
comments = st.builds(lambda gap, text: f"{gap}# {text}", spaces, comment_text)
Piece = str | tuple[str, str]  # text as it is, or a portrait token: (its quote, its id)


@st.composite
def scenarios_with_unknown_portraits(draw: st.DrawFn) -> tuple[list[Piece], list[str]]:
    """A valid scenario but for two unknown portraits, the customer's and a person's, as pieces of
    text and (quote, id) tokens, among random comments, blank lines, spaces and line breaks."""
    portraits = [(draw(quotes), draw(unknown_ids)) for _ in range(2)]
    assume(("", "null") not in portraits)  # the plain word null is no portrait at all
    customer: list[Piece]
    if draw(st.booleans()):
        customer = [f"customer: {{name: 'Zoë', anger: 40,{draw(spaces)}portrait:{draw(spaces)}", portraits[0], "}"]
    else:
        indent = draw(spaces)
        customer = [f"customer:\n{indent}name: 'Zoë'\n{indent}anger: 40\n{indent}portrait:{draw(spaces)}", portraits[0]]
    person = [f"{draw(spaces)}\npeople:\n{PERSON.rstrip()}{draw(spaces)}", portraits[1], f"{draw(spaces)}\n"]
    return _with_comments_and_breaks(draw, [HEAD, *customer, *person, NODES]), [id for _, id in portraits]


def _with_comments_and_breaks(draw: st.DrawFn, pieces: list[Piece]) -> list[Piece]:
    """Each line ended by a random comment or none and any YAML line break, some followed by blank
    or comment lines."""
    mixed: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, tuple):
            mixed.append(piece)
            continue
        *ended, last = piece.split("\n")
        for line in ended:
            endings = [draw(st.one_of(st.just(""), comments))]
            endings += draw(st.lists(st.one_of(st.just(""), comments), max_size=2))  # lines between
            mixed.append(line + "".join(f"{ending}{draw(line_breaks)}" for ending in endings))
        mixed.append(last)
    return mixed


def joined(pieces: list[Piece], portraits: list[str]) -> str:
    """The text, with `portraits` in place of the tokens, each in its quotes."""
    written = iter(portraits)
    return "".join(piece if isinstance(piece, str) else f"{piece[0]}{next(written)}{piece[0]}" for piece in pieces)


@given(scenarios_with_unknown_portraits())
def test_any_unknown_portrait_is_replaced_and_nothing_else_changes(
    case: tuple[list[Piece], list[str]],
) -> None:
    pieces, portraits = case
    text = joined(pieces, portraits)
    assert problems(text).count("unknown-portrait") == 2, text
    migration = migrated(text)
    assert [rewrite.old for rewrite in migration.rewrites] == portraits
    assert all(rewrite.new in PORTRAITS for rewrite in migration.rewrites)
    assert migration.text == joined(pieces, [rewrite.new for rewrite in migration.rewrites])
    assert problems(migration.text) == []
