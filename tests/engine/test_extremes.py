"""`analyze`'s exact best and worst overall per outcome, against every path counted one by one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.judging.analysis import Analysis, analyse
from game.engine.judging.extremes import overall_ranges
from game.engine.judging.statespace import Edge
from game.engine.model import Outcome, Scenario
from game.storage.scenario_files import load_scenario
from tests.depth import scaled
from tests.inline_scenarios import header, scenario_from
from tests.paths import ANGRY_WALK_IN, ROOT

WORKED_EXAMPLE = ROOT / "docs" / "examples" / "worked-example.yaml"
ENDINGS = {"fixed": Outcome.RESOLVED, "half": Outcome.PARTIAL, "upstairs": Outcome.ESCALATED, "gone": Outcome.LOST}


def every_path_overall(analysis: Analysis) -> dict[Outcome, list[float]]:
    """The overall of every path from the start to an ending, by outcome, as the debrief scores it."""
    found: dict[Outcome, list[float]] = {}
    work: list[tuple[int, list[tuple[int, Edge]]]] = [(0, [])]
    while work:
        state, play = work.pop()
        out = analysis.graph.edges[state]
        if not out:
            found.setdefault(analysis.outcome_of(state), []).append(analysis.overall_of(play))
        work += [(edge.target, [*play, (state, edge)]) for edge in out]
    return found


def assert_exact(scenario: Scenario) -> None:
    analysis = analyse(scenario)
    ranges = overall_ranges(analysis)
    assert ranges is not None
    overalls = every_path_overall(analysis)
    assert set(ranges) == set(overalls)
    for outcome, values in overalls.items():
        assert abs(ranges[outcome].best - max(values)) < 1e-9, outcome
        assert abs(ranges[outcome].worst - min(values)) < 1e-9, outcome


def test_the_walk_in_ranges_are_those_of_its_7577_paths() -> None:
    assert_exact(load_scenario(ANGRY_WALK_IN))


def test_the_worked_example_ranges_are_those_of_its_paths() -> None:
    assert_exact(load_scenario(WORKED_EXAMPLE))


def test_a_loop_of_nodes_gives_no_exact_range() -> None:
    """A node answered twice is averaged, so the mean along a path is not the score: no figure rather than a wrong one."""
    looping = header("looping", '  name: "Lou"\n  portrait: caller-woman\n  anger: 40') + (
        'start: a\nnodes:\n  a:\n    say: "A."\n    choices:\n'
        '      - {id: again, text: "Again", effects: {anger: 5, composure: 1}, next: b}\n'
        '      - {id: done, text: "Done", effects: {anger: -5, resolution: 2}, next: fixed}\n'
        '  b:\n    say: "B."\n    choices:\n'
        '      - {id: back, text: "Back", effects: {anger: -5, composure: -1}, next: a}\n'
        '      - {id: out, text: "Out", effects: {resolution: -2}, next: gone}\n'
        'endings:\n  fixed: {outcome: resolved, title: "F", text: "f"}\n'
        '  gone: {outcome: lost, title: "G", text: "g"}\n'
    )
    assert overall_ranges(analyse(scenario_from(looping))) is None


effect = st.integers(-5, 5)


@st.composite
def layered_scenarios(draw: st.DrawFn) -> str:
    """A small scenario whose nodes only lead forward: node i's first choice goes on to node i+1, the
    others anywhere later or to any ending, and the last node offers every ending."""
    count = draw(st.integers(1, 5))
    lines = ["start: n0", "nodes:"]
    for i in range(count):
        later = [f"n{j}" for j in range(i + 1, count)] + list(ENDINGS)
        targets = (
            list(ENDINGS) if i == count - 1 else [f"n{i + 1}", *draw(st.lists(st.sampled_from(later), max_size=2))]
        )
        lines += [f"  n{i}:", f'    say: "Line {i}."', "    choices:"]
        for k, target in enumerate(targets):
            gains = ", ".join(f"{name}: {draw(effect)}" for name in ("composure", "assertiveness", "resolution"))
            lines.append(f'      - {{id: c{k}, text: "Choice {k}", effects: {{{gains}}}, next: {target}}}')
    lines.append("endings:")
    lines += [f'  {ending}: {{outcome: {outcome.value}, title: "E", text: "e"}}' for ending, outcome in ENDINGS.items()]
    return header("layered", '  name: "Lee"\n  portrait: caller-woman\n  anger: 40') + "\n".join(lines) + "\n"


@settings(max_examples=scaled(60))
@given(layered_scenarios())
def test_the_ranges_are_exact_on_any_scenario_without_a_loop(text: str) -> None:
    assert_exact(scenario_from(text))
