"""The promises of docs/scoring.md, checked on the state graph of every shipped scenario, the
generated bench scenario and small scenarios built to break them (a pump, a detour, a
customer who cannot be fully pleased).

A path here is a list of (state, edge) from the root to an ending; its scores come from the
engine's own functions (`score_means`, `Standing.overall`), which tests/engine/
test_scoring_analysis.py checks against the debrief of real Sessions and a hand computation.
"""

from __future__ import annotations

import functools
import itertools
import random
import sys

import pytest

from game.engine.judging.analysis import Analysis, analyse
from game.engine.judging.quality import Quality, mean_quality, score_means
from game.engine.judging.scoring import grade_for, result
from game.engine.judging.standing import OUTCOME_ORDER, Standing
from game.engine.judging.statespace import Edge
from game.engine.model import Outcome, Scenario
from game.engine.playing.session import Session
from game.engine.reading.loader import read_scenario
from game.storage.scenario_files import load_principles, load_scenario
from game.tools.autoplay import play_out
from tests.inline_scenarios import header, scenario_from
from tests.paths import ROOT, SCENARIOS

sys.path.insert(0, str(ROOT / "bench"))
from generate_scenario import generate

# The trainer's pump: 'soothe' pays composure and adds 10 anger, so each pass is a new
# situation until he walks out; old scoring sent best play round it.
PUMP = (
    header("pump", '  name: "Pam"\n  portrait: caller-woman\n  anger: 40\n  walks_out_at: 95\n  walks_out_to: gone')
    + """
start: desk
nodes:
  desk:
    say: "Well?"
    choices:
      - {id: soothe, text: "Soothe", effects: {anger: 10, composure: 5}, next: desk}
      - {id: fix, text: "Fix", effects: {anger: -10, composure: 3, assertiveness: 3, resolution: 5}, next: done}
      - {id: snap, text: "Snap", effects: {anger: 20, composure: -5, assertiveness: 1, resolution: -2}, next: done}
endings:
  done: {outcome: resolved, title: "Done", text: "d"}
  gone: {outcome: lost, title: "Gone", text: "g"}
"""
)

# A detour (putting him on hold) followed by a richly rewarded recovery, beside a plain direct answer.
DETOUR = (
    header("detour", '  name: "Dee"\n  portrait: caller-woman\n  anger: 50')
    + """
start: ask
nodes:
  ask:
    say: "Well?"
    choices:
      - {id: direct, text: "Direct", effects: {anger: -10, composure: 3, assertiveness: 3, resolution: 3}, next: done}
      - {id: hold, text: "Hold", effects: {anger: 5, assertiveness: -2, resolution: -2}, next: back}
  back:
    say: "Finally."
    choices:
      - {id: recover, text: "Recover", effects: {anger: -20, composure: 10, assertiveness: 10, resolution: 15},
         next: done}
      - {id: shrug, text: "Shrug", effects: {anger: 10, composure: -5, resolution: -5}, next: done}
endings:
  done: {outcome: resolved, title: "Done", text: "d"}
"""
)

# A customer who cannot be fully pleased: the best reachable outcome is partial.
PARTIAL_BEST = (
    header(
        "partial-best", '  name: "Pat"\n  portrait: caller-woman\n  anger: 60\n  walks_out_at: 90\n  walks_out_to: gone'
    )
    + """
start: ask
nodes:
  ask:
    say: "Well?"
    choices:
      - {id: honest, text: "Honest", effects: {anger: -10, composure: 3, assertiveness: 3, resolution: 3}, next: later}
      - {id: brush, text: "Brush", effects: {anger: 20, composure: -3, assertiveness: -1, resolution: -3}, next: later}
  later:
    say: "And?"
    choices:
      - {id: offer, text: "Offer", effects: {anger: -10, composure: 2, assertiveness: 2, resolution: 4}, next: some}
      - {id: pass, text: "Pass", effects: {anger: 10, composure: -2, resolution: -2}, next: upstairs}
endings:
  some: {outcome: partial, title: "Some", text: "s"}
  upstairs: {outcome: escalated, title: "Up", text: "u"}
  gone: {outcome: lost, title: "Gone", text: "g"}
"""
)

# A zero-sum loop (the validator accepts it) whose looping answers are each the best of their moment.
LURE = (
    header("lure", '  name: "Lu"\n  portrait: caller-woman\n  anger: 30')
    + """
start: a
nodes:
  a:
    say: "A."
    choices:
      - {id: stall, text: "Stall", effects: {composure: 1}, next: b}
      - {id: leave, text: "Leave", effects: {}, next: done}
  b:
    say: "B."
    choices:
      - {id: back, text: "Back", effects: {composure: -1}, next: a}
      - {id: give-up, text: "Give up", effects: {composure: -5}, next: done}
endings:
  done: {outcome: resolved, title: "Done", text: "d"}
"""
)

# Two answers alike but for where they lead; one ending carries a penalty.
ENDING_EFFECTS = (
    header("ending-effects", '  name: "Eve"\n  portrait: caller-woman\n  anger: 30')
    + """
start: a
nodes:
  a:
    say: "A."
    choices:
      - {id: calm, text: "Calm", effects: {composure: 2}, next: fine}
      - {id: cross, text: "Cross", effects: {composure: 2}, next: sore}
endings:
  fine: {outcome: resolved, title: "Fine", text: "f"}
  sore: {outcome: resolved, title: "Sore", text: "s", effects: {composure: -10}}
"""
)

INLINE = {"pump": PUMP, "detour": DETOUR, "partial-best": PARTIAL_BEST, "lure": LURE, "ending-effects": ENDING_EFFECTS}
SHIPPED = sorted(p.name for p in SCENARIOS.glob("*.yaml") if p.name != "principles.yaml")
ALL = [*SHIPPED, *INLINE, "bench-60"]
Path_ = list[tuple[int, Edge]]


@functools.cache
def scenario(name: str) -> Scenario:
    if name in INLINE:
        return scenario_from(INLINE[name])
    if name.startswith("bench-"):
        principles, _ = load_principles(SCENARIOS)
        return read_scenario(generate(int(name[6:])).encode(), f"{name}.yaml", principles).scenario_or_raise()
    return load_scenario(SCENARIOS / name)


@functools.cache
def analysis(name: str) -> Analysis:
    return analyse(scenario(name))


def follow(a: Analysis, start: int, worst: bool = False) -> Path_:
    """From `start` to an ending, taking the best (worst) option each turn."""
    return a.extreme_play(worst, start)


def random_path(a: Analysis, rng: random.Random) -> Path_:
    path, state = [], 0
    while out := a.graph.edges[state]:
        edge = rng.choice(out)
        path.append((state, edge))
        state = edge.target
    return path


def sample_paths(name: str, count: int = 60) -> list[Path_]:
    a, rng = analysis(name), random.Random(name)
    return [follow(a, 0), follow(a, 0, worst=True), *(random_path(a, rng) for _ in range(count))]


def judged(a: Analysis, path: Path_, qualities: list[Quality] | None = None) -> tuple[float, ...]:
    """Composure, assertiveness, resolution (0..1) and overall (0..100) of a path, with its
    answers' qualities replaced by `qualities` if given."""
    places = [a.graph.states[s].place for s, _ in path]
    found = qualities if qualities is not None else [a.quality(s, e) for s, e in path]
    means = score_means(places, found)
    ending = path[-1][1].target if path else 0
    return (*means, a.standing.overall(a.outcome_of(ending), sum(means) / 3))


@pytest.mark.parametrize("name", ALL)
def test_each_answer_is_placed_among_the_options_of_its_moment(name: str) -> None:
    a = analysis(name)
    for state, qualities in enumerate(a.qualities):
        assert len(qualities) == len(a.graph.edges[state])
        for d in range(3):
            assert all(0 <= q[d] <= 1 for q in qualities)
            assert not qualities or max(q[d] for q in qualities) == 1  # the best on offer is always 1


@pytest.mark.parametrize("name", ALL)
def test_a_better_answer_never_lowers_a_score_with_the_rest_held_the_same(name: str) -> None:
    """Definition 1 of docs/scoring.md: the same path with one answer replaced by another from the
    same situation, every other answer's node and quality and the ending kept."""
    a = analysis(name)
    for path in sample_paths(name):
        base = judged(a, path)
        qualities = [a.quality(s, e) for s, e in path]
        for i, (state, _) in enumerate(path):
            for other in a.graph.edges[state]:
                swapped = judged(a, path, [*qualities[:i], a.quality(state, other), *qualities[i + 1 :]])
                q_new, q_old = a.quality(state, other), qualities[i]
                for d in range(3):
                    assert (swapped[d] - base[d]) * (q_new[d] - q_old[d]) >= -1e-12, (name, i, d)
                change = mean_quality(q_new) - mean_quality(q_old)
                assert (swapped[3] - base[3]) * change >= -1e-12, (name, i)


@pytest.mark.parametrize("name", ALL)
def test_an_answer_keeping_a_better_outcome_within_reach_always_scores_higher(name: str) -> None:
    """Definition 2 of docs/scoring.md: prefix + answer + best play after it. An answer that
    keeps a better outcome within reach beats one that does not, whatever the qualities."""
    a = analysis(name)
    for path in sample_paths(name, 20):
        for i, (state, _) in enumerate(path):
            options = a.graph.edges[state]
            ends = {e: judged(a, [*path[:i], (state, e), *follow(a, e.target)])[3] for e in options}
            for one, two in itertools.permutations(options, 2):
                if a.best_level[one.target] < a.best_level[two.target]:
                    assert ends[one] > ends[two], (name, i)
                    assert a.value(state, one) > a.value(state, two)


@pytest.mark.parametrize("name", ALL)
def test_walking_out_sooner_never_beats_staying_with_answers_as_good(name: str) -> None:
    """A path ending lost, against the same answers followed by more answers as good as them (their
    mean quality) at further nodes, ending any way this scenario allows: the scores are equal and
    the overall is not lower."""
    a = analysis(name)
    lost = [p for p in sample_paths(name, 200) if p and a.outcome_of(p[-1][1].target) is Outcome.LOST]
    for path in lost:
        places = [a.graph.states[s].place for s, _ in path]
        qualities = [a.quality(s, e) for s, e in path]
        short = score_means(places, qualities)
        for more in (1, 3, 10):
            further = [f"further-{n}" for n in range(more)]
            longer = score_means([*places, *further], [*qualities, *[short] * more])
            assert longer == pytest.approx(short)
            for outcome in a.standing.levels:
                assert (
                    a.standing.overall(outcome, sum(longer) / 3)
                    >= a.standing.overall(Outcome.LOST, sum(short) / 3) - 1e-9
                )


@pytest.mark.parametrize("name", ALL)
def test_outcomes_never_overlap_and_cap_the_grade(name: str) -> None:
    a = analysis(name)
    seen: dict[Outcome, list[float]] = {}
    for path in sample_paths(name, 300):
        seen.setdefault(a.outcome_of(path[-1][1].target), []).append(judged(a, path)[3])
    for better, worse in itertools.combinations([o for o in OUTCOME_ORDER if o in seen], 2):
        assert min(seen[better]) > max(seen[worse]), (better, worse)
    assert all(grade_for(round(o)) == "E" for o in seen.get(Outcome.LOST, []))
    if a.standing.best() is not Outcome.ESCALATED:
        assert all(grade_for(round(o)) in "DE" for o in seen.get(Outcome.ESCALATED, []))


@pytest.mark.parametrize("size", range(1, 4))
def test_bands_are_ordered_whatever_outcomes_are_reachable(size: int) -> None:
    for reachable in itertools.combinations(OUTCOME_ORDER, size):
        standing = Standing.among(reachable)
        ordered = [standing.band(o) for o in OUTCOME_ORDER if o in reachable]
        assert all(low > high_below for (low, _), (_, high_below) in itertools.pairwise(ordered))
        assert grade_for(standing.band(Outcome.LOST)[1]) == "E"
        if standing.best() is not Outcome.LOST:  # losing him is never a success, even when nothing else is possible
            assert standing.band(standing.best()) == (50, 100)  # the best within reach can earn an A


def test_the_pump_is_worthless() -> None:
    sc = scenario("pump")
    best = result(play_out(Session.start(sc, 0), "best"))
    assert [r.step.choice for r in best.reviews] == ["fix"]  # best play answers straight away
    overall = []
    for laps in range(6):
        session = Session.start(sc, 0)
        for _ in range(laps):
            session.choose_id("soothe")
        if not session.finished:
            session.choose_id("fix")
        overall.append(result(session).scores.overall)
    assert overall == sorted(overall, reverse=True) and overall[0] > overall[1]
    assert overall[0] == best.scores.overall


def test_the_detour_is_worthless() -> None:
    sc = scenario("detour")
    direct = result(play_out(Session.start(sc, 0), "best"))
    assert [r.step.choice for r in direct.reviews] == ["direct"] and direct.scores.overall == 100
    session = Session.start(sc, 0)
    session.choose_id("hold")
    session.choose_id("recover")
    detour = result(session)
    for name in ("composure", "assertiveness", "resolution", "overall"):
        assert getattr(detour.scores, name) < getattr(direct.scores, name)
    assert detour.reviews[0].better_id == "direct"


def test_the_best_a_customer_allows_is_a_success() -> None:
    best = result(play_out(Session.start(scenario("partial-best"), 0), "best"))
    assert best.outcome is Outcome.PARTIAL and (best.scores.overall, best.scores.grade) == (100, "A")
    assert "the best outcome within reach" in best.reasons[3]


def test_the_best_player_leaves_a_loop_of_best_answers() -> None:
    best = result(play_out(Session.start(scenario("lure"), 0), "best"))
    assert [r.step.choice for r in best.reviews] == ["stall", "give-up"]  # 'back' would go round for ever
    assert all(r.better_id is None for r in best.reviews)


def test_an_endings_effects_count_in_the_answer_that_reaches_it() -> None:
    a = analysis("ending-effects")
    calm, cross = a.graph.edges[0]
    assert a.quality(0, calm) == (1.0, 1.0, 1.0) and a.quality(0, cross) == (0.0, 1.0, 1.0)
