"""`analyze`: the trainer's view of a scenario's analysis, as JSON-ready data or as text."""

from __future__ import annotations

from typing import Any

from game.engine import Analysis, Outcome, PlayStatistics


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
    outside it), and the lowest and highest overall seen, in random play and by the best and
    worst players."""
    graph = analysis.graph
    reached = {analysis.outcome_of(s) for s in range(len(graph.states)) if graph.is_ending(s)}
    seen = {outcome: [low, high] for outcome, (low, high) in statistics.outcomes.items()}
    for play in (analysis.extreme_play(), analysis.extreme_play(worst=True)):
        overall, outcome = round(analysis.overall_of(play), 1), analysis.outcome_of(play[-1][1].target).value
        low, high = seen.setdefault(outcome, [overall, overall])
        seen[outcome] = [min(low, overall), max(high, overall)]
    ranges: dict[str, dict[str, Any]] = {}
    for outcome in (o for o in Outcome if o in reached):  # best first
        low, high = analysis.standing.band(outcome)
        found = seen.get(outcome.value)
        ranges[outcome.value] = {
            "level": analysis.standing.level(outcome),
            "band": {"best": high, "worst": low},
            "seen": {"best": found[1], "worst": found[0]} if found else None,
        }
    return ranges


def render_analysis(report: dict[str, Any]) -> str:
    lines = [
        f"Scenario {report['scenario']} at temperament {report['temperament']}%: {report['states']} distinct states",
        "",
        "Overall by outcome: the band it allows (best / worst), and the best / worst seen in play:",
    ]
    for outcome, facts in report["outcomes"].items():
        seen = facts["seen"]
        shown = f"{seen['best']:.0f} / {seen['worst']:.0f}" if seen else "not seen"
        band = facts["band"]
        lines.append(f"  {outcome:<14}{band['best']:>5} / {band['worst']:<8}{shown}")
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
