"""`analyze`'s balance audit: the recommended answer at every node and the flags, each on a small
scenario built to raise it and on the same scenario mended."""

from __future__ import annotations

from typing import Any

from game.engine.judging.analysis import analyse
from game.engine.judging.audit import Flag, audit, recommendations
from game.engine.judging.extremes import overall_ranges
from game.engine.model import Scenario
from game.storage.scenario_files import load_scenario
from tests.engine.test_teaching import GOOD, RUDE, answer, built, hot_customer
from tests.paths import ANGRY_WALK_IN


def flags(scenario: Scenario, temperament: int | None = None) -> list[Flag]:
    analysis = analyse(scenario, temperament)
    return audit(analysis, overall_ranges(analysis), recommendations(analysis))


def codes(found: list[Flag]) -> list[str]:
    return [flag.code for flag in found]


def test_every_node_has_its_recommended_answer_and_a_count_where_it_depends() -> None:
    walk_in = load_scenario(ANGRY_WALK_IN)
    analysis = analyse(walk_in)
    found = recommendations(analysis)
    assert set(found) == set(walk_in.nodes) - {n for n, node in walk_in.nodes.items() if node.is_route}
    for node, picks in found.items():
        ids = {c.id for c in walk_in.nodes[node].choices}
        assert {p.choice for p in picks} <= ids
        met = sum(1 for s, out in enumerate(analysis.graph.edges) if out and analysis.graph.states[s].place == node)
        assert sum(p.situations for p in picks) == met
    assert {p.choice for p in found["loose-ends"]} == {"already-noted", "log-it"}  # by whether it was written down


def test_a_recommended_answer_that_costs_points_is_flagged() -> None:
    costly = GOOD | {"effects": {"anger": -10, "composure": -5, "assertiveness": 5, "resolution": 5}}
    [flag] = [
        f for f in flags(built({"n0": {"say": "?", "choices": [costly, RUDE]}})) if f.code != "best-play-not-best"
    ]
    assert flag.code == "recommended-answer-costs" and (flag.node, flag.choice) == ("n0", "good")
    assert "lowers composure -5" in flag.message
    assert flags(built({"n0": {"say": "?", "choices": [GOOD, RUDE]}})) == []


def handover(last: list[dict[str, Any]]) -> Scenario:
    """A trainee who asks for help is handed over; the hand-over ending carries a penalty."""
    ask = {"say": "?", "choices": [GOOD, answer("get-help", "Let me get my manager.", {"anger": -5}, next="handover")]}
    endings = {
        "done": {"outcome": "resolved", "title": "Done", "text": "Done."},
        "handed-over": {"outcome": "partial", "title": "H", "text": "H.", "effects": {"assertiveness": -10}},
    }
    return built({"ask": ask, "handover": {"say": "Well?", "choices": last}}, endings=endings)


def test_a_penalty_every_answer_pays_is_avoided() -> None:
    both = [GOOD | {"next": "handed-over"}, RUDE | {"next": "handed-over"}]
    [flag] = [f for f in flags(handover(both)) if f.code == "penalty-avoided"]
    assert flag.ending == "handed-over" and "never counts" in flag.message and "'handover'" in flag.message


def test_a_penalty_beside_an_answer_without_it_counts() -> None:
    mixed = [GOOD | {"next": "done"}, RUDE | {"next": "handed-over"}]
    assert "penalty-avoided" not in codes(flags(handover(mixed)))


def short_cut(trade_off: bool) -> Scenario:
    """Best of the moment at the start leads to a node where no answer is best on every score
    (with `trade_off`); a nearly best answer ends at once."""
    start = [
        answer("direct", "Right away.", {"composure": 10, "assertiveness": 10, "resolution": 10}, next="more"),
        answer("quick", "Done.", {"composure": 9, "assertiveness": 10, "resolution": 10}),
        RUDE,
    ]
    either = [
        answer("calm", "Calmly.", {"composure": 10}),
        answer("firm", "Firmly.", {"composure": 0 if trade_off else 10, "assertiveness": 10}),
    ]
    return built({"start": {"say": "?", "choices": start}, "more": {"say": "?", "choices": either}})


def test_a_path_scoring_more_than_best_play_is_flagged() -> None:
    [flag] = [f for f in flags(short_cut(trade_off=True)) if f.code == "best-play-not-best"]
    assert "scores 92, but another path ending resolved scores 99" in flag.message and "'more'" in flag.message


def test_no_flag_where_best_play_reaches_the_best_score() -> None:
    assert "best-play-not-best" not in codes(flags(short_cut(trade_off=False)))


def test_a_failure_that_can_pass_is_flagged_at_its_temperament() -> None:
    [flag] = flags(hot_customer(calming=20), temperament=200)
    assert flag.code == "failure-scores-well" and flag.ending == "upset" and "can score 100, grade A" in flag.message
    assert "failure-scores-well" not in codes(flags(hot_customer(calming=20), temperament=100))


def test_the_walk_in_raises_no_flag() -> None:
    assert flags(load_scenario(ANGRY_WALK_IN)) == []
