"""Analysis and scoring checked against brute force: every complete path, played for real.

For each scenario and temperament, every way of playing it (every available choice and
every timeout, at every turn) is walked through real Session objects, copied with
to_dict/from_dict at each branch. The outcome levels the analysis finds must equal the best
and worst of those paths, each debrief must score its path as docs/scoring.md computes it
from the options offered at each turn, and the auto-players must reach the best (worst)
outcome within reach.

The small scenarios are walked naively. The angry walk-in has thousands of paths, so its
walk is memoised on the situation (place, anger, flags), which is everything that decides
what can happen next: each situation's continuations are walked once through Sessions and
then combined into every complete path; a sample of the combined paths is replayed from
the start through a fresh Session and must end exactly as combined.
"""

from __future__ import annotations

import dataclasses
import functools
import random
from pathlib import Path
from typing import NamedTuple

import pytest

from game.engine.judging.analysis import analyse, random_play
from game.engine.judging.loops import find_unbounded_loops
from game.engine.judging.scoring import GRADES, Result, grade_for, result
from game.engine.judging.standing import Standing
from game.engine.judging.statespace import explore, start_state
from game.engine.model import SCORE_NAMES, Outcome, Scenario
from game.engine.playing.session import TIMEOUT, Session
from game.engine.reading.loader import read_scenario
from game.storage.scenario_files import load_scenario
from game.tools.autoplay import play_out
from tests.inline_scenarios import header, scenario_from

ANGRY_WALK_IN = Path(__file__).resolve().parents[2] / "scenarios" / "angry-walk-in.yaml"


# Timer, flags set and cleared, shown and hidden gated choices, routes by anger and flag,
# a walk-out and endings of every outcome.
FORK = (
    header(
        "fork",
        '  name: "Pat"\n  portrait: caller-woman\n  anger: 50\n  walks_out_at: 90\n'
        "  walks_out_to: stormed-off\n  temperament: {min: 80, max: 120}",
    )
    + """
variation: {shuffle_choices: true}
start: greet
nodes:
  greet:
    say: ["Hi.", "Hello?"]
    timer: 10
    timeout: {effects: {anger: 10, composure: -2, resolution: -1}, next: probe}
    choices:
      - {id: warm, text: "Warm", effects: {anger: -10, composure: 3, assertiveness: 1, resolution: 2},
         sets: [rapport], next: probe}
      - {id: curt, text: "Curt", effects: {anger: 15, composure: -3, assertiveness: 2}, next: probe}
      - {id: ask, text: "Ask", effects: {anger: -5, composure: 1, resolution: 3}, sets: [facts], next: probe}
  probe:
    route:
      - if: {anger: {at_least: 62}}
        next: heated
      - next: offer
  heated:
    say: "Grr."
    choices:
      - {id: limit, text: "Limit", effects: {anger: -10, composure: 2, assertiveness: 4, resolution: 1}, next: offer}
      - {id: snap, text: "Snap", effects: {anger: 30, composure: -5, assertiveness: 1, resolution: -3}, next: offer}
      - {id: hand-over, text: "Hand over", effects: {anger: -5, resolution: 1}, next: handed}
  offer:
    say: "So?"
    choices:
      - {id: fix, text: "Fix", if: {flag: facts}, unavailable_hint: "Ask first.",
         effects: {anger: -20, composure: 2, assertiveness: 3, resolution: 5}, next: close}
      - {id: promise, text: "Promise", effects: {anger: -15, assertiveness: -3, resolution: -2},
         sets: [promised], next: close}
      - {id: refuse, text: "Refuse", effects: {anger: 10, assertiveness: 3, resolution: -1}, next: close}
      - {id: secret, text: "Secret", if: {flag: rapport}, when_unavailable: hide,
         effects: {anger: -5, composure: 1, resolution: 2}, clears: [rapport], next: close}
  close:
    route:
      - if: {flag: promised}
        next: broken
      - if: {anger: {at_most: 40}}
        next: sorted
      - next: meh
endings:
  sorted: {outcome: resolved, title: "Sorted", text: "s"}
  handed: {outcome: partial, title: "Handed", text: "h"}
  meh: {outcome: partial, title: "Meh", text: "m"}
  broken: {outcome: escalated, title: "Broken", text: "b"}
  stormed-off: {outcome: lost, title: "Gone", text: "g"}
"""
)

# Every choice does the same, and every ending has the same outcome.
FLAT = (
    header("flat", '  name: "Flo"\n  portrait: caller-woman\n  anger: 40')
    + """
start: one
nodes:
  one:
    say: "One."
    choices:
      - {id: a, text: "A", effects: {anger: -5, composure: 2, assertiveness: 1, resolution: 3}, next: two}
      - {id: b, text: "B", effects: {anger: -5, composure: 2, assertiveness: 1, resolution: 3}, next: two}
  two:
    say: "Two."
    timer: 20
    timeout: {effects: {anger: -5, composure: 2, assertiveness: 1, resolution: 3}, next: end-a}
    choices:
      - {id: c, text: "C", effects: {anger: -5, composure: 2, assertiveness: 1, resolution: 3}, next: end-a}
      - {id: d, text: "D", effects: {anger: -5, composure: 2, assertiveness: 1, resolution: 3}, next: end-b}
endings:
  end-a: {outcome: partial, title: "A", text: "a"}
  end-b: {outcome: partial, title: "B", text: "b"}
"""
)

# Two answers with identical effects, one ending resolved and the other lost.
OUTCOMES = (
    header("outcomes", '  name: "Oz"\n  portrait: caller-woman\n  anger: 50')
    + """
start: ask
nodes:
  ask:
    say: "Well?"
    choices:
      - {id: left, text: "L", effects: {anger: -10, composure: 2, assertiveness: 2, resolution: 2}, next: good}
      - {id: right, text: "R", effects: {anger: -10, composure: 2, assertiveness: 2, resolution: 2}, next: bad}
endings:
  good: {outcome: resolved, title: "Good", text: "g"}
  bad: {outcome: OUTCOME, title: "Bad", text: "b"}
"""
)

# A loop between two nodes: round +1 composure, back BACK composure.
LOOP = (
    header("loop", '  name: "Lu"\n  portrait: caller-woman\n  anger: 30')
    + """
start: a
nodes:
  a:
    say: "A."
    choices:
      - {id: round, text: "Round", effects: {composure: 1}, next: b}
      - {id: leave, text: "Leave", effects: {resolution: 1}, next: done}
  b:
    say: "B."
    choices:
      - {id: back, text: "Back", effects: {composure: BACK, assertiveness: 2}, next: c}
      - {id: leave, text: "Leave", effects: {resolution: 2}, next: done}
  c:
    say: "C."
    choices:
      - {id: again, text: "Again", effects: {assertiveness: -2}, next: a}
      - {id: leave, text: "Leave", effects: {resolution: 3, assertiveness: 1}, next: done}
endings:
  done: {outcome: resolved, title: "Done", text: "d"}
"""
)


@functools.cache
def scenario(name: str) -> Scenario:
    if name == "angry-walk-in":
        return load_scenario(ANGRY_WALK_IN)
    return scenario_from({"fork": FORK, "flat": FLAT, "zero-loop": LOOP.replace("BACK", "-1")}[name])


# -- walking every path -----------------------------------------------------------------


Quality = tuple[float, float, float]


class Path_(NamedTuple):
    moves: tuple[str, ...]
    gains: tuple[int, int, int]  # composure, assertiveness, resolution from the answers alone
    place: str
    anger: int
    flags: frozenset[str]
    answers: tuple[tuple[str, Quality], ...] = ()  # per answer: the node and its quality there


def moves_now(session: Session) -> list[str]:
    view = session.view()
    return sorted(o.choice_id for o in view.options if o.available) + ([TIMEOUT] if view.timer else [])


def act(session: Session, move: str) -> None:
    if move == TIMEOUT:
        session.timeout()
    else:
        session.choose_id(move)


def move_gains(scenario: Scenario, place: str, move: str) -> tuple[int, int, int]:
    node = scenario.nodes[place]
    consequence = node.timeout if move == TIMEOUT else next(c for c in node.choices if c.id == move).consequence
    assert consequence is not None
    return tuple(consequence.effects.score(name) for name in SCORE_NAMES)  # type: ignore[return-value]


def walk(session: Session, memo: dict | None, depth: int = 10_000) -> list[Path_]:
    """Every complete path from here; copies the session at each branch with to_dict/from_dict."""
    if session.finished:
        return [Path_((), (0, 0, 0), session.place, session.anger, session.flags, ())]
    if depth == 0:
        return []
    key = (session.place, session.anger, session.flags)
    if memo is not None and key in memo:
        return memo[key]
    found: list[Path_] = []
    options = moves_now(session)
    assert options, f"stuck at {key}"
    saved = session.to_dict()
    qualities = placed([move_gains(session.scenario, key[0], move) for move in options])
    for number, move in enumerate(options):
        child = session if number == len(options) - 1 else Session.from_dict(session.scenario, saved)
        gains = move_gains(session.scenario, key[0], move)
        act(child, move)
        for rest in walk(child, memo, depth - 1):
            found.append(
                rest._replace(
                    moves=(move, *rest.moves),
                    gains=tuple(g + r for g, r in zip(gains, rest.gains, strict=True)),
                    answers=((key[0], qualities[number]), *rest.answers),
                )
            )  # type: ignore[arg-type]
    if memo is not None:
        memo[key] = found
    return found


WALKS = [("fork", 0), ("fork", 3), ("fork", 11), ("angry-walk-in", 5)]


@functools.cache
def every_path(name: str, seed: int) -> tuple[int, tuple[Path_, ...]]:
    """The temperament drawn by `seed`, and every complete path at it."""
    sc = scenario(name)
    session = Session.start(sc, seed)
    temperament = session.temperament
    paths = walk(session, memo={} if name == "angry-walk-in" else None)
    return temperament, tuple(paths)


def placed(gains: list[tuple[int, int, int]]) -> list[Quality]:
    """Each option's effect placed between the worst (0) and best (1) on offer, per score."""
    columns = []
    for d in range(3):
        low, high = min(g[d] for g in gains), max(g[d] for g in gains)
        columns.append([1.0 if high == low else (g[d] - low) / (high - low) for g in gains])
    return list(zip(*columns, strict=True))


def expected_scores(sc: Scenario, standing: Standing, path: Path_) -> tuple[float, ...]:
    """docs/scoring.md by hand: per score the mean over nodes of the mean quality there, times 100;
    overall inside the outcome's band."""
    nodes: dict[str, list[Quality]] = {}
    for place, quality in path.answers:
        nodes.setdefault(place, []).append(quality)
    means = [sum(sum(q[d] for q in qs) / len(qs) for qs in nodes.values()) / len(nodes) for d in range(3)]
    low, high = standing.band(sc.endings[path.place].outcome)
    return (*(100 * m for m in means), low + (high - low) * sum(means) / 3)


def standing_of(sc: Scenario, paths: tuple[Path_, ...]) -> Standing:
    return Standing.among(sc.endings[p.place].outcome for p in paths)


def replay(sc: Scenario, seed: int, moves: tuple[str, ...]) -> Session:
    session = Session.start(sc, seed)
    for move in moves:
        act(session, move)
    assert session.finished
    return session


def grade_from_table(overall: float) -> str:
    for floor, letter in GRADES:
        if overall >= floor:
            return letter
    raise AssertionError(overall)


def test_the_walks_are_big_enough() -> None:
    """Guards the brute force itself: it must see every ending, timeouts and the walk-out."""
    for name, seed in WALKS:
        _, paths = every_path(name, seed)
        assert {p.place for p in paths} == set(scenario(name).endings)
        assert any(TIMEOUT in p.moves for p in paths)
        assert len({p.moves for p in paths}) == len(paths)  # no path counted twice
    assert len(every_path("angry-walk-in", 5)[1]) > 1000


@pytest.mark.parametrize(("name", "seed"), WALKS)
def test_combined_paths_replay_exactly(name: str, seed: int) -> None:
    sc = scenario(name)
    _, paths = every_path(name, seed)
    rng = random.Random(seed)
    for path in rng.sample(paths, min(40, len(paths))):
        session = replay(sc, seed, path.moves)
        assert (session.place, session.anger, session.flags) == (path.place, path.anger, path.flags)
        gains = [0, 0, 0]
        for step in session.history:
            gains = [g + m for g, m in zip(gains, move_gains(sc, step.node, step.choice), strict=False)]
        assert tuple(gains) == path.gains


@pytest.mark.parametrize(("name", "seed"), WALKS)
def test_reachable_outcome_levels_equal_the_best_and_worst_path(name: str, seed: int) -> None:
    sc = scenario(name)
    temperament, paths = every_path(name, seed)
    analysis = analyse(sc, temperament)
    assert analysis.standing == standing_of(sc, paths)
    levels = [analysis.standing.level(sc.endings[p.place].outcome) for p in paths]
    assert (min(levels), max(levels)) == (analysis.best_level[0], analysis.worst_level[0])
    assert {p.place for p in paths} == analysis.reachable_endings()


@pytest.mark.parametrize(("name", "seed"), WALKS)
def test_auto_players_reach_the_best_and_worst_outcome(name: str, seed: int) -> None:
    sc = scenario(name)
    _, paths = every_path(name, seed)
    standing = standing_of(sc, paths)
    best = result(play_out(Session.start(sc, seed), "best"))
    worst = result(play_out(Session.start(sc, seed), "worst"))
    levels = [standing.level(sc.endings[p.place].outcome) for p in paths]
    assert standing.level(best.outcome) == min(levels) and standing.level(worst.outcome) == max(levels)
    overall = {p.moves: expected_scores(sc, standing, p)[3] for p in paths}
    beaten = [o for p, o in zip(paths, levels, strict=True) if o > min(levels) for o in [overall[p.moves]]]
    assert best.scores.overall >= max(round(o) for o in beaten or [0])
    assert worst.scores.overall == round(min(overall.values()))  # the worst outcome, each answer the worst


@pytest.mark.parametrize(("name", "seed"), WALKS)
def test_every_path_scores_as_documented_with_the_right_grade(name: str, seed: int) -> None:
    sc = scenario(name)
    _, paths = every_path(name, seed)
    standing = standing_of(sc, paths)
    for path in paths:
        assert all(0 <= v <= 100 for v in expected_scores(sc, standing, path))
    # the debrief itself, for a spread of paths including the best and worst overall
    ranked = sorted(paths, key=lambda p: expected_scores(sc, standing, p)[3])
    sample = [*ranked[:: max(1, len(ranked) // 12)], ranked[0], ranked[-1]]
    for path in sample:
        debrief = result(replay(sc, seed, path.moves))
        *values, overall = expected_scores(sc, standing, path)
        scores = debrief.scores
        assert (scores.composure, scores.assertiveness, scores.resolution, scores.overall) == (
            round(values[0]),
            round(values[1]),
            round(values[2]),
            round(overall),
        )
        assert scores.grade == grade_from_table(scores.overall)
        assert debrief.ending.id == path.place and debrief.final_anger == path.anger
        assert debrief.path[-1] == path.place and len(debrief.reviews) == len(path.moves)
        assert debrief.anger_curve[-1] == path.anger and len(debrief.anger_curve) == len(path.moves) + 1
        assert len(debrief.reasons) == 4


@pytest.mark.parametrize(
    ("overall", "grade"),
    [
        (100, "A"),
        (90, "A"),
        (89.99, "B"),
        (89, "B"),
        (75, "B"),
        (74.5, "C"),
        (60, "C"),
        (59.9, "D"),
        (45, "D"),
        (44.99, "E"),
        (1, "E"),
        (0, "E"),
    ],
)
def test_grades_table(overall: float, grade: str) -> None:
    assert grade_for(overall) == grade == grade_from_table(overall)


def test_the_grade_agrees_with_the_overall_shown() -> None:
    """The grade is read from the overall score as shown (rounded), so '90' is never a B."""
    sc = scenario("angry-walk-in")
    _, paths = every_path("angry-walk-in", 5)
    standing = standing_of(sc, paths)
    for path in paths:
        overall = expected_scores(sc, standing, path)[3]
        if round(overall) != overall and grade_for(round(overall)) != grade_for(overall):
            scores = result(replay(sc, 5, path.moves)).scores
            assert scores.grade == grade_from_table(scores.overall), (overall, scores)
            return
    pytest.skip("no path of this walk has an overall that rounds across a grade boundary")


def test_a_scenario_where_every_choice_scores_the_same_gives_100() -> None:
    sc = scenario("flat")
    paths = walk(Session.start(sc, 1), None)
    assert len(paths) == 6
    for path in paths:
        scores = result(replay(sc, 1, path.moves)).scores
        assert scores.as_dict() == {
            "composure": 100,
            "assertiveness": 100,
            "resolution": 100,
            "overall": 100,
            "grade": "A",
        }


@pytest.mark.parametrize(("outcome", "top", "grade"), [("partial", 49, "D"), ("escalated", 49, "D"), ("lost", 19, "E")])
def test_the_outcome_sets_the_band_of_the_overall_score(outcome: str, top: int, grade: str) -> None:
    """Changed with the scoring of issue 8: the ending no longer adds resolution points; it
    decides the band. Identical answers ending worse score the top of a lower band."""
    sc = scenario_from(OUTCOMES.replace("OUTCOME", outcome))
    good = result(replay(sc, 0, ("left",)))
    bad = result(replay(sc, 0, ("right",)))
    assert good.outcome is Outcome.RESOLVED and bad.outcome is Outcome(outcome)
    for debrief in (good, bad):
        assert (debrief.scores.composure, debrief.scores.assertiveness, debrief.scores.resolution) == (100, 100, 100)
    assert (good.scores.overall, good.scores.grade) == (100, "A")
    assert (bad.scores.overall, bad.scores.grade) == (top, grade)
    assert bad.reviews[0].better_id == "left" and good.reviews[0].better_id is None


# -- the state graph and the session agree -------------------------------------------------


@pytest.mark.parametrize("seed", range(25))
def test_session_and_state_graph_agree(seed: int) -> None:
    for name in ("angry-walk-in", "fork"):
        sc = scenario(name)
        session = Session.start(sc, seed)
        graph = explore(sc, session.temperament, start_state(sc))
        rng = random.Random(seed)
        at = 0
        assert at == graph.find(session.place, session.anger, session.flags)
        while not session.finished:
            move = rng.choice(moves_now(session))
            node = sc.nodes[session.place]
            option = len(node.choices) if move == TIMEOUT else [c.id for c in node.choices].index(move)
            edge = next(e for e in graph.edges[at] if e.option == option)
            assert edge.is_timeout == (move == TIMEOUT)
            assert edge.gains == move_gains(sc, node.id, move)
            act(session, move)
            at = edge.target
            assert at == graph.find(session.place, session.anger, session.flags)
        final = graph.states[at]
        assert (final.place, final.anger) == (session.place, session.anger)
        assert final.flags <= session.flags


@pytest.mark.parametrize(("name", "runs", "seed"), [("angry-walk-in", 300, 1), ("fork", 200, 2), ("flat", 50, 3)])
def test_random_play_statistics(name: str, runs: int, seed: int) -> None:
    sc = scenario(name)
    analysis = analyse(sc)
    stats = random_play(analysis, runs, seed)
    assert stats.runs == runs
    assert sum(stats.endings.values()) == runs
    assert set(stats.endings) <= analysis.reachable_endings()
    assert set(stats.scores) == {*SCORE_NAMES, "overall"}
    for score, summary in stats.scores.items():
        assert set(summary) == {"mean", "min", "p10", "median", "p90", "max"}
        assert all(0 <= value <= 100 for value in summary.values()), score
        assert summary["min"] <= summary["p10"] <= summary["median"] <= summary["p90"] <= summary["max"]
        assert summary["min"] <= summary["mean"] <= summary["max"]
    assert stats.mean_turns >= 1
    assert random_play(analysis, runs, seed) == stats  # seeded, so repeatable


# -- reviews ------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "seed"), [("angry-walk-in", s) for s in (0, 1, 2, 7)] + [("fork", 4)])
def test_best_play_has_nothing_better_to_suggest(name: str, seed: int) -> None:
    debrief = result(play_out(Session.start(scenario(name), seed), "best"))
    assert debrief.reviews and all(r.better_id is None and r.better_text == "" for r in debrief.reviews)


@pytest.mark.parametrize(("first", "seed"), [("calm-down", 0), ("i-understand", 1), ("calm-down", 7)])
def test_a_bad_first_answer_names_a_better_one(first: str, seed: int) -> None:
    sc = scenario("angry-walk-in")
    session = Session.start(sc, seed)
    session.choose_id(first)
    debrief: Result = result(play_out(session, "best"))
    review = debrief.reviews[0]
    choices = {c.id: c for c in sc.nodes["burst-in"].choices}
    assert review.step.choice == first and review.text == choices[first].text
    assert review.better_id in choices and review.better_id != first
    assert review.better_text == choices[review.better_id].text
    assert review.feedback == choices[first].consequence.feedback
    assert review.principle is not None and review.principle.id == choices[first].consequence.principle
    assert all(r.better_id is None for r in debrief.reviews[1:])  # the rest was played best


def test_worst_play_is_told_better_answers() -> None:
    debrief = result(play_out(Session.start(scenario("angry-walk-in"), 3), "worst"))
    assert debrief.reviews[0].better_id is not None
    assert debrief.scores.overall < 45 and debrief.scores.grade == "E"


# -- loops ---------------------------------------------------------------------------------


def pumping_loop() -> Scenario:
    """The zero-sum loop with `back` no longer undoing `round`, so each lap gains composure.
    The loader refuses such a file, so the engine's model is edited after loading."""
    sc = scenario("zero-loop")
    b = sc.nodes["b"]
    back = b.choices[0]
    pumped = dataclasses.replace(
        back,
        consequence=dataclasses.replace(
            back.consequence, effects=dataclasses.replace(back.consequence.effects, composure=0)
        ),
    )
    nodes = {**sc.nodes, "b": dataclasses.replace(b, choices=(pumped, *b.choices[1:]))}
    return dataclasses.replace(sc, nodes=nodes)


def test_the_loader_refuses_a_loop_that_pumps_a_score() -> None:
    report = read_scenario(LOOP.replace("BACK", "0").encode(), "loop.yaml")
    assert report.scenario is None
    loops = [d for d in report.diagnostics if d.code == "score-loop"]
    assert loops and all(d.is_error for d in loops)
    assert any("composure" in d.message and "loop" in d.message for d in loops)


def test_a_pumping_loop_is_flagged_by_the_state_graph() -> None:
    sc = pumping_loop()
    graph = explore(sc, 100)
    loops = find_unbounded_loops(graph)
    assert loops and {loop.dimension for loop in loops} == {"composure"}
    assert all(graph.states[loop.state].place in {"a", "b", "c"} for loop in loops)


def test_going_round_a_pumping_loop_earns_nothing() -> None:
    """Were one to slip past the validator, each lap is judged among the options of its moment:
    more laps never raise a score."""
    sc = pumping_loop()
    scores = [
        result(replay(sc, 0, (*("round", "back", "again") * laps, "round", "back", "leave"))).scores
        for laps in range(4)
    ]
    for name in (*SCORE_NAMES, "overall"):
        values = [getattr(s, name) for s in scores]
        assert values == sorted(values, reverse=True), name


def test_a_zero_sum_loop_is_accepted_and_bounded_by_its_paths() -> None:
    sc = scenario("zero-loop")
    graph = explore(sc, 100)
    assert find_unbounded_loops(graph) == []
    analysis = analyse(sc, 100)
    for worst in (False, True):  # going round ties with leaving, yet the extreme players finish
        assert analysis.graph.is_ending(analysis.extreme_path(worst)[-1])
    lapped = replay(sc, 0, ("round", "back", "again", "round", "back", "again", "round", "back", "leave"))
    once = replay(sc, 0, ("round", "back", "leave"))
    for name in (*SCORE_NAMES, "overall"):  # going round takes 'again' where 'leave' was on offer
        assert getattr(result(lapped).scores, name) <= getattr(result(once).scores, name)
    best = result(play_out(Session.start(sc, 0), "best"))
    worst = result(play_out(Session.start(sc, 0), "worst"))
    assert worst.scores.overall <= result(once).scores.overall <= best.scores.overall
    assert len(best.reviews) <= 3 and len(worst.reviews) <= 3  # no needless laps
