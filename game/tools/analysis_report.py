"""`analyze`: the trainer's view of a scenario's analysis, as JSON-ready data or as text."""

from __future__ import annotations

from typing import Any

from game.engine import SCORE_NAMES, Analysis, PlayStatistics


def analysis_as_dict(analysis: Analysis, statistics: PlayStatistics) -> dict[str, Any]:
    graph, bounds = analysis.graph, analysis.bounds
    scenario = graph.scenario
    reachable = analysis.reachable_endings()
    return {
        "scenario": scenario.id,
        "temperament": graph.temperament,
        "states": len(graph.states),
        "best": {name: bounds.best[d][0] for d, name in enumerate(SCORE_NAMES)},
        "worst": {name: bounds.worst[d][0] for d, name in enumerate(SCORE_NAMES)},
        "best_path": [graph.states[i].place for i in analysis.extreme_path()],
        "worst_path": [graph.states[i].place for i in analysis.extreme_path(worst=True)],
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


def render_analysis(report: dict[str, Any]) -> str:
    lines = [
        f"Scenario {report['scenario']} at temperament {report['temperament']}%: {report['states']} distinct states",
        "",
        "Raw totals achievable (best / worst):",
    ]
    lines += [f"  {name:<14}{report['best'][name]:>7.0f} / {report['worst'][name]:.0f}" for name in SCORE_NAMES]
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
