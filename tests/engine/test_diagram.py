"""The scenario map (`game/engine/picturing/`): built from the compiled machine, marked by play.

`MAPPED` is written so that every mark has one place to show: a routing node, a timer, a flag set
and cleared, a choice whose `if` never holds leading to a node and an ending no play reaches, an
answer that always walks out, a node from which only failures remain, and one best and one worst
play through them.
"""

from __future__ import annotations

import pytest

from game.engine import Effect, MapArrow, MapError, Outcome, PlaceKind, ScenarioMap, analyse, scenario_map
from game.engine.model import AllOf, AngerRange, AnyOf, HasFlag, Not
from game.engine.picturing.condition_text import condition_text
from game.engine.playing.machine import MoveTransition, machine_for
from game.storage.scenario_files import load_scenario
from tests.inline_scenarios import header, scenario_from
from tests.paths import ANGRY_WALK_IN

MAPPED = header(
    "mapped", '  name: "Mo"\n  portrait: caller-woman\n  anger: 50\n  walks_out_at: 90\n  walks_out_to: gone'
) + (
    "start: open\n"
    "nodes:\n"
    "  open:\n"
    '    say: "Open."\n'
    "    timer: 20\n"
    "    timeout: {effects: {anger: 10}, next: mood}\n"
    "    choices:\n"
    '      - {id: listen, text: "L", effects: {anger: -10, composure: 2}, sets: [heard], next: mood}\n'
    '      - {id: shrug, text: "S", next: mood}\n'
    '      - {id: snap, text: "N", effects: {anger: 45, composure: -3}, next: mood}\n'
    '      - {id: secret-door, text: "D", if: {flag: magic}, effects: {anger: -5}, next: hidden}\n'
    "  mood:\n"
    "    route:\n"
    "      - {if: {anger: {at_least: 60}}, next: doomed}\n"
    "      - {next: calm}\n"
    "  calm:\n"
    '    say: "Calm."\n'
    "    choices:\n"
    '      - {id: fix, text: "F", if: {flag: heard}, effects: {anger: -10, resolution: 3}, next: fixed}\n'
    '      - {id: half, text: "H", effects: {resolution: 1}, clears: [heard], next: halfway}\n'
    "  doomed:\n"
    '    say: "Doomed."\n'
    "    choices:\n"
    '      - {id: argue, text: "A", effects: {anger: 5, composure: -2}, next: upset}\n'
    '      - {id: sorry, text: "So", effects: {anger: -5}, next: upset}\n'
    "  hidden:\n"
    '    say: "Hidden."\n'
    "    choices:\n"
    '      - {id: out, text: "O", next: lucky}\n'
    "endings:\n"
    '  fixed: {outcome: resolved, title: "F", text: "f"}\n'
    '  halfway: {outcome: partial, title: "H", text: "h"}\n'
    '  upset: {outcome: escalated, title: "U", text: "u"}\n'
    '  gone: {outcome: lost, title: "G", text: "g"}\n'
    '  lucky: {outcome: resolved, title: "L", text: "l"}\n'
)


@pytest.fixture(scope="module")
def mapped() -> ScenarioMap:
    return scenario_map(scenario_from(MAPPED))


def arrow(scenario_map: ScenarioMap, source: str, target: str, effect: Effect) -> MapArrow:
    (found,) = [a for a in scenario_map.arrows if (a.source, a.target, a.effect) == (source, target, effect)]
    return found


def answers(scenario_map: ScenarioMap, mark: str) -> set[tuple[str, str, str]]:
    """(source, target, answer) of every answer with this mark: best, worst, or taken."""
    return {(a.source, a.target, x.name) for a in scenario_map.arrows for x in a.answers if getattr(x, mark)}


def test_the_places_are_the_machines_states_with_their_kinds(mapped: ScenarioMap) -> None:
    machine = machine_for(scenario_from(MAPPED))
    assert [p.id for p in mapped.places] == list(machine.states)
    kinds = {p.id: p.kind for p in mapped.places}
    assert kinds["mood"] is PlaceKind.ROUTING and kinds["open"] is PlaceKind.TALKING
    assert {p.id: p.outcome for p in mapped.places if p.kind is PlaceKind.ENDING} == {
        "fixed": Outcome.RESOLVED,
        "halfway": Outcome.PARTIAL,
        "upset": Outcome.ESCALATED,
        "gone": Outcome.LOST,
        "lucky": Outcome.RESOLVED,
    }
    assert [p.id for p in mapped.places if p.start] == ["open"]
    assert {p.id: p.timer for p in mapped.places if p.timer} == {"open": 20}


def test_every_transition_of_the_machine_is_on_an_arrow_and_nothing_else_is() -> None:
    scenario = load_scenario(ANGRY_WALK_IN)
    drawn = scenario_map(scenario)
    machine = machine_for(scenario)
    assert {p.id for p in drawn.places} == set(scenario.nodes) | set(scenario.endings)
    expected = {
        (source, t.dest, t.move.option)
        for event in machine.events.values()
        for source, transitions in event.transitions.items()
        for t in transitions
        if isinstance(t, MoveTransition) and t.dest == t.move.next
    }
    drawn_moves = set()
    for a in drawn.arrows:
        if a.effect is not Effect.WALKOUT:
            node = scenario.nodes[a.source]
            for answer in a.answers:
                names = [c.id for c in node.choices] + ["timeout"]
                option = names.index(answer.name) if not node.is_route else int(answer.name.split()[1]) - 1
                drawn_moves.add((a.source, a.target, option))
    assert drawn_moves == expected


def test_answers_group_by_target_and_effect(mapped: ScenarioMap) -> None:
    angering = arrow(mapped, "open", "mood", Effect.ANGERING)
    assert [a.name for a in angering.answers] == ["snap", "timeout"]
    assert [a.name for a in arrow(mapped, "open", "mood", Effect.NEUTRAL).answers] == ["shrug"]
    listen = arrow(mapped, "open", "mood", Effect.CALMING).answers[0]
    assert (listen.anger, listen.sets, listen.clears) == (-10, frozenset({"heard"}), frozenset())
    assert arrow(mapped, "calm", "halfway", Effect.NEUTRAL).answers[0].clears == frozenset({"heard"})
    assert arrow(mapped, "calm", "fixed", Effect.CALMING).answers[0].condition == HasFlag("heard")
    routes = [arrow(mapped, "mood", target, Effect.ROUTE).answers[0] for target in ("doomed", "calm")]
    assert [r.condition for r in routes] == [AngerRange(60, 100), None]


def test_what_no_play_reaches_is_marked(mapped: ScenarioMap) -> None:
    assert {p.id for p in mapped.places if not p.reached} == {"hidden", "lucky"}
    assert not arrow(mapped, "open", "hidden", Effect.CALMING).taken  # its `if` never holds
    snap, timeout = arrow(mapped, "open", "mood", Effect.ANGERING).answers
    assert not snap.taken and timeout.taken  # snapping always walks out, so it never reaches the routing node


def test_walk_outs_are_drawn_only_where_play_walks_out(mapped: ScenarioMap) -> None:
    walkouts = [a for a in mapped.arrows if a.effect is Effect.WALKOUT]
    assert [(a.source, a.target, [x.name for x in a.answers]) for a in walkouts] == [("open", "gone", ["snap"])]
    assert (mapped.walkout, mapped.walks_out_at) == ("gone", 90)


def test_a_node_with_only_failures_ahead_has_no_way_back(mapped: ScenarioMap) -> None:
    assert [p.id for p in mapped.places if p.no_way_back] == ["doomed"]


def test_the_best_and_worst_plays_are_marked_answer_by_answer(mapped: ScenarioMap) -> None:
    assert answers(mapped, "best") == {
        ("open", "mood", "listen"),
        ("mood", "calm", "route 2"),
        ("calm", "fixed", "fix"),
    }
    assert answers(mapped, "worst") == {("open", "gone", "snap")}
    assert {p.id for p in mapped.places if p.best} == {"open", "mood", "calm", "fixed"}
    assert {p.id for p in mapped.places if p.worst} == {"open", "gone"}


def test_the_best_play_on_the_walk_in_passes_the_places_analyze_reports() -> None:
    scenario = load_scenario(ANGRY_WALK_IN)
    analysis = analyse(scenario)
    drawn = scenario_map(scenario)
    on_best = {p.id for p in drawn.places if p.best}
    reported = {analysis.graph.states[i].place for i in analysis.extreme_path()}
    assert reported <= on_best
    assert on_best - reported <= {p.id for p in drawn.places if p.kind is PlaceKind.ROUTING}
    assert all(p.reached for p in drawn.places)


def test_a_focused_map_keeps_the_places_within_reach_and_marks_the_cut(mapped: ScenarioMap) -> None:
    near = mapped.around("calm", 1)
    assert {p.id for p in near.places} == {"mood", "calm", "fixed", "halfway"}
    assert {p.id for p in near.places if p.cut} == {"mood"}
    assert {(a.source, a.target) for a in near.arrows} == {("mood", "calm"), ("calm", "fixed"), ("calm", "halfway")}
    assert (near.focus, near.depth) == ("calm", 1)
    assert {p.id for p in mapped.around("open", 1).places} == {"open", "mood", "hidden"}  # the walk-out is no way round
    assert [a.effect for a in mapped.around("open", 1).arrows].count(Effect.WALKOUT) == 1


def test_a_focus_on_a_place_the_scenario_lacks_suggests_the_nearest(mapped: ScenarioMap) -> None:
    with pytest.raises(MapError, match="there is no node or ending 'clam' in this scenario; did you mean 'calm'"):
        mapped.around("clam", 2)


@pytest.mark.parametrize(
    ("condition", "text"),
    [
        (AngerRange(60, 100), "anger ≥ 60"),
        (AngerRange(0, 39), "anger ≤ 39"),
        (AngerRange(40, 79), "anger 40\u201379"),
        (AngerRange(50, 50), "anger = 50"),
        (Not(HasFlag("a")), "not a"),
        (AllOf((HasFlag("a"), AnyOf((HasFlag("b"), Not(AllOf((HasFlag("c"), HasFlag("d")))))))),
         "a and (b or not (c and d))"),
        (AnyOf((AllOf((HasFlag("a"), HasFlag("b"))), HasFlag("c"))), "(a and b) or c"),
    ],
)  # fmt: skip
def test_conditions_read_as_the_file_says_them(condition: object, text: str) -> None:
    assert condition_text(condition) == text  # type: ignore[arg-type]


def test_routing_from_the_start_is_traced_like_any_other() -> None:
    gated = header("gated", '  name: "Gil"\n  portrait: caller-woman\n  anger: 40') + (
        "start: gate\nnodes:\n  gate:\n    route:\n"
        "      - {if: {anger: {at_least: 90}}, next: hot}\n      - {next: cool}\n"
        '  hot:\n    say: "Hot."\n    choices:\n      - {id: go, text: "G", next: done}\n'
        '  cool:\n    say: "Cool."\n    choices:\n      - {id: go, text: "G", effects: {resolution: 1}, next: done}\n'
        'endings:\n  done: {outcome: resolved, title: "D", text: "d"}\n'
    )
    drawn = scenario_map(scenario_from(gated))
    assert {p.id for p in drawn.places if not p.reached} == {"hot"}
    assert answers(drawn, "taken") == {("gate", "cool", "route 2"), ("cool", "done", "go")}
    assert answers(drawn, "best") == {("gate", "cool", "route 2"), ("cool", "done", "go")}
