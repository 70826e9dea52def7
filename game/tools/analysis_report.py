"""`analyze`: the trainer's view of a scenario's analysis, as JSON-ready data or as text."""

from __future__ import annotations

from typing import Any

from game.engine import Analysis, Outcome, PlayStatistics, overall_ranges


def analysis_as_dict(analysis: Analysis, statistics: PlayStatistics) -> dict[str, Any]:
    graph = analysis.graph
    scenario = graph.scenario
    reachable = analysis.reachable_endings()
    best_path, worst_path = analysis.extreme_path(), analysis.extreme_path(worst=True)
    return {
        "scenario": scenario.id,
        "temperament": graph.temperament,
        "states": len(graph.states),
        "outcomes": outcome_ranges(analysis, statistics),
        "best_path": [graph.states[i].place for i in best_path],
        "worst_path": [graph.states[i].place for i in worst_path],
        "endings": {
            ending.id: {"outcome": ending.outcome.value, "reachable": ending.id in reachable}
            for ending in scenario.endings.values()
        },
        "random_play": {
            "runs": statistics.runs,
            "mean_turns": round(statistics.mean_turns, 2),
            "scores": statistics.scores,
            "endings": statistics.endings,
        },
    }


def outcome_ranges(analysis: Analysis, statistics: PlayStatistics) -> dict[str, dict[str, Any]]:
    """Per reachable outcome: the band of overall scores it allows (no path ending so can score
    outside it); the exact best and worst overall of the paths ending so (None where the nodes
    form a loop, see judging/extremes.py); and the lowest and highest overall seen, in random play
    and by the best and worst players."""
    graph = analysis.graph
    reached = {analysis.outcome_of(s) for s in range(len(graph.states)) if graph.is_ending(s)}
    exact = overall_ranges(analysis)
    seen = {outcome: [low, high] for outcome, (low, high) in statistics.outcomes.items()}
    for play in (analysis.extreme_play(), analysis.extreme_play(worst=True)):
        overall, outcome = round(analysis.overall_of(play), 1), analysis.outcome_of(play[-1][1].target).value
        low, high = seen.setdefault(outcome, [overall, overall])
        seen[outcome] = [min(low, overall), max(high, overall)]
    ranges: dict[str, dict[str, Any]] = {}
    for outcome in (o for o in Outcome if o in reached):  # best first
        low, high = analysis.standing.band(outcome)
        found = seen.get(outcome.value)
        reachable = None if exact is None else exact[outcome]
        ranges[outcome.value] = {
            "level": analysis.standing.level(outcome),
            "band": {"best": high, "worst": low},
            "reachable": None
            if reachable is None
            else {"best": round(reachable.best, 1), "worst": round(reachable.worst, 1)},
            "seen": {"best": found[1], "worst": found[0]} if found else None,
        }
    return ranges


def best_and_worst(pair: dict[str, float] | None) -> str:
    return f"{pair['best']:>3.0f} / {pair['worst']:<3.0f}" if pair else ""


def render_analysis(report: dict[str, Any]) -> str:
    lines = [
        f"Scenario {report['scenario']} at temperament {report['temperament']}%: {report['states']} distinct states",
        "",
        "Overall score by outcome, best / worst:",
        f"  {'outcome':<14}{'band':<13}{'reachable':<13}seen in play",
    ]
    for outcome, facts in report["outcomes"].items():
        band, reachable, seen = (best_and_worst(facts[key]) for key in ("band", "reachable", "seen"))
        lines.append(f"  {outcome:<14}{band:<13}{reachable or '(a loop)':<13}{seen or 'not seen'}".rstrip())
    if any(facts["reachable"] is None for facts in report["outcomes"].values()):
        lines.append("  (the nodes form a loop, so only the scores seen in play are shown, not the exact range)")
    lines += [
        "",
        "Best play:  " + " -> ".join(report["best_path"]),
        "Worst play: " + " -> ".join(report["worst_path"]),
        "",
        "Endings:",
    ]
    play = report["random_play"]
    for ending, facts in report["endings"].items():
        share = 100 * play["endings"].get(ending, 0) / play["runs"]
        status = "reachable" if facts["reachable"] else "NOT reachable"
        lines.append(f"  {ending:<22}{facts['outcome']:<10}{status:<14}{share:5.1f}% of random games")
    lines += [
        "",
        f"Random play, {play['runs']} games ({play['mean_turns']} answers on average):",
        f"  {'score':<14}{'mean':>6}{'min':>6}{'p10':>6}{'median':>8}{'p90':>6}{'max':>6}",
    ]
    for name, s in play["scores"].items():
        lines.append(f"  {name:<14}{s['mean']:>6}{s['min']:>6}{s['p10']:>6}{s['median']:>8}{s['p90']:>6}{s['max']:>6}")
    return "\n".join(lines)
