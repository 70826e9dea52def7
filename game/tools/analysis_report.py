"""`analyze`: the trainer's view of a scenario's analysis, as JSON-ready data or as text.

The report is filled stage by stage (the states, the exact ranges and the audit, random play),
so a run stopped with Ctrl+C still shows everything found before it.
"""

from __future__ import annotations

import textwrap
from dataclasses import asdict
from typing import Any

from game.engine import (
    Analysis,
    Outcome,
    OverallRange,
    PlayStatistics,
    Scenario,
    analyse,
    answer_id,
    audit,
    grade_for,
    overall_ranges,
    random_play,
    recommendations,
)

from .progress import Progress

WIDTH = 100  # the text report's lines, wrapped
LONG_PLAY = 24  # answers: a longer best or worst play is shown by its two ends
PATH_ENDS = 8  # answers shown at each end of a long play
FLAGS_SHOWN = 3  # of each kind in the text report; --json lists them all
RECOMMENDED_SHOWN = 60  # nodes listed in the text report; --json lists them all


def fill_report(
    report: dict[str, Any], scenario: Scenario, temperament: int | None, runs: int, seed: int, progress: Progress
) -> None:
    """The whole analysis, added to `report` as each stage finishes."""
    progress.stage("exploring every situation the conversation can be in")
    analysis = analyse(scenario, temperament)
    graph = analysis.graph
    progress.stage(f"judging {len(graph.states):,} situations: best and worst play, recommended answers")
    report.update(scenario=scenario.id, temperament=graph.temperament, states=len(graph.states))
    report.update(plays(analysis))
    recommended = recommendations(analysis)
    report["recommended"] = {node: [asdict(pick) for pick in picks] for node, picks in recommended.items()}
    reachable = analysis.reachable_endings()
    report["endings"] = {
        ending.id: {"outcome": ending.outcome.value, "reachable": ending.id in reachable}
        for ending in scenario.endings.values()
    }
    progress.stage("finding each outcome's exact best and worst overall score")
    ranges = overall_ranges(analysis)
    report["outcomes"] = outcome_ranges(analysis, ranges, None)
    report["flags"] = [
        {k: v for k, v in asdict(flag).items() if v is not None} for flag in audit(analysis, ranges, recommended)
    ]
    progress.stage(f"playing {runs:,} random games")
    statistics = random_play(analysis, runs, seed)
    report["outcomes"] = outcome_ranges(analysis, ranges, statistics)
    report["random_play"] = {
        "runs": statistics.runs,
        "mean_turns": round(statistics.mean_turns, 2),
        "scores": statistics.scores,
        "endings": statistics.endings,
    }


def plays(analysis: Analysis) -> dict[str, Any]:
    """Best and worst play: the places passed, the answer given at each, and the overall score."""
    found: dict[str, Any] = {}
    for name, worst in (("best", False), ("worst", True)):
        play = analysis.extreme_play(worst)
        found[f"{name}_path"] = [analysis.graph.states[i].place for i in analysis.extreme_path(worst)]
        found[f"{name}_choices"] = [answer_id(analysis, state, edge) for state, edge in play]
        found[f"{name}_overall"] = round(analysis.overall_of(play), 1)
    return found


def outcome_ranges(
    analysis: Analysis, exact: dict[Outcome, OverallRange] | None, statistics: PlayStatistics | None
) -> dict[str, dict[str, Any]]:
    """Per reachable outcome: the band of overall scores it allows (no path ending so can score
    outside it); the exact best and worst overall of the paths ending so (None where the nodes
    form a loop, see judging/extremes.py); and the lowest and highest overall seen, in random play
    (once played) and by the best and worst players."""
    graph = analysis.graph
    reached = {analysis.outcome_of(s) for s in range(len(graph.states)) if graph.is_ending(s)}
    seen = {} if statistics is None else {o: [low, high] for o, (low, high) in statistics.outcomes.items()}
    for play in (analysis.extreme_play(), analysis.extreme_play(worst=True)):
        overall = round(analysis.overall_of(play), 1)
        outcome = analysis.outcome_of(play[-1][1].target if play else 0).value
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


def ordered(report: dict[str, Any]) -> dict[str, Any]:
    """The report's keys in reading order, whichever stage filled them (any other key last)."""
    order = (
        "scenario temperament states outcomes best_path best_choices best_overall worst_path worst_choices "
        "worst_overall recommended flags endings random_play interrupted"
    ).split()
    return {key: report[key] for key in order if key in report} | report


# -- text --------------------------------------------------------------------------------------


def best_and_worst(pair: dict[str, float] | None) -> str:
    return f"{pair['best']:>3.0f} / {pair['worst']:<3.0f}" if pair else ""


def render_analysis(report: dict[str, Any]) -> str:
    """The report as text, each section only once its stage has finished."""
    if "scenario" not in report:
        return ""
    lines = [
        f"Scenario {report['scenario']} at temperament {report['temperament']}%: {report['states']} distinct states"
    ]
    if "outcomes" in report:
        lines += ["", *outcome_lines(report["outcomes"], "random_play" in report)]
    for name in ("best", "worst"):
        lines += ["", *play_lines(report, name)]
    lines += ["", *recommended_lines(report["recommended"])]
    if "flags" in report:
        lines += ["", *flag_lines(report["flags"])]
    lines += ["", *ending_lines(report["endings"], report.get("random_play"))]
    if "random_play" in report:
        lines += ["", *random_play_lines(report["random_play"])]
    if "interrupted" in report:
        lines += ["", f"(Stopped while {report['interrupted']}: what comes after it is missing.)"]
    return "\n".join(lines)


def outcome_lines(outcomes: dict[str, dict[str, Any]], played: bool) -> list[str]:
    lines = ["Overall score by outcome, best / worst:", f"  {'outcome':<14}{'band':<13}{'reachable':<13}seen in play"]
    for outcome, facts in outcomes.items():
        band, reachable, seen = (best_and_worst(facts[key]) for key in ("band", "reachable", "seen"))
        lines.append(f"  {outcome:<14}{band:<13}{reachable or '(a loop)':<13}{seen or 'not seen'}".rstrip())
    if any(facts["reachable"] is None for facts in outcomes.values()):
        lines.append("  (the nodes form a loop, so only the scores seen in play are shown, not the exact range)")
    if not played:
        lines.append("  (seen in play: by the best and worst players only; random play did not run)")
    return lines


def play_lines(report: dict[str, Any], name: str) -> list[str]:
    """`Best play (6 answers, overall 100, grade A):` then `node: answer -> ...` wrapped, and a long
    play shortened to its first and last answers with a count of those between."""
    path, choices = report[f"{name}_path"], report[f"{name}_choices"]
    overall = report[f"{name}_overall"]
    steps = [f"{node}: {choice}" for node, choice in zip(path, choices, strict=False)] + [path[-1]]
    if len(choices) > LONG_PLAY:
        hidden = len(choices) - 2 * PATH_ENDS
        steps = [*steps[:PATH_ENDS], f"({hidden:,} more answers)", *steps[-PATH_ENDS - 1 :]]
    count = f"{len(choices)} answer{'s' if len(choices) != 1 else ''}"
    heading = f"{name.capitalize()} play ({count}, overall {overall:.0f}, grade {grade_for(round(overall))}):"
    return [heading, *joined(steps, " ->", "  ", "    ")]


def recommended_lines(recommended: dict[str, list[dict[str, Any]]]) -> list[str]:
    lines = ["Recommended answer at each node (what best play picks there; where it depends on the situation,"]
    lines.append("in how many of the node's situations):")
    for node, picks in list(recommended.items())[:RECOMMENDED_SHOWN]:
        said = [picks[0]["choice"]] if len(picks) == 1 else [f"{p['choice']} in {p['situations']}" for p in picks]
        lines.extend(joined(said, ",", f"  {node:<21} ", " " * 24))
    if len(recommended) > RECOMMENDED_SHOWN:
        lines.append(f"  ... and {len(recommended) - RECOMMENDED_SHOWN:,} more nodes (--json lists every one)")
    return lines


def flag_lines(flags: list[dict[str, Any]]) -> list[str]:
    if not flags:
        return ["Flags: none"]
    lines = [f"Flags ({len(flags)}):"]
    by_code: dict[str, list[dict[str, Any]]] = {}
    for flag in flags:
        by_code.setdefault(flag["code"], []).append(flag)
    for code, alike in by_code.items():
        for flag in alike[:FLAGS_SHOWN]:
            lines.extend(wrapped(f"{code}: {flag['message']}", "  - ", "    "))
        if len(alike) > FLAGS_SHOWN:
            lines.append(f"  ... and {len(alike) - FLAGS_SHOWN:,} more {code} (--json lists every one)")
    return lines


def ending_lines(endings: dict[str, dict[str, Any]], play: dict[str, Any] | None) -> list[str]:
    lines = ["Endings:"]
    for ending, facts in endings.items():
        status = "reachable" if facts["reachable"] else "NOT reachable"
        line = f"  {ending:<22}{facts['outcome']:<10}{status:<14}"
        if play is not None:
            line += f"{100 * play['endings'].get(ending, 0) / play['runs']:5.1f}% of random games"
        lines.append(line.rstrip())
    return lines


def random_play_lines(play: dict[str, Any]) -> list[str]:
    lines = [
        f"Random play, {play['runs']} games ({play['mean_turns']} answers on average):",
        f"  {'score':<14}{'mean':>6}{'min':>6}{'p10':>6}{'median':>8}{'p90':>6}{'max':>6}",
    ]
    for name, s in play["scores"].items():
        lines.append(f"  {name:<14}{s['mean']:>6}{s['min']:>6}{s['p10']:>6}{s['median']:>8}{s['p90']:>6}{s['max']:>6}")
    return lines


def wrapped(text: str, first: str, rest: str) -> list[str]:
    """`text` in lines of at most WIDTH, broken at spaces only (ids hold none)."""
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest, break_long_words=False)


def joined(items: list[str], separator: str, first: str, rest: str) -> list[str]:
    """`items` joined by `separator` and a space, in lines of at most WIDTH broken only between
    items (each line but the last ends with the separator), however long the list."""
    lines: list[str] = []
    line = first + items[0]
    for item in items[1:]:
        if len(line) + len(separator) + 1 + len(item) > WIDTH:
            lines.append(line + separator)
            line = rest + item
        else:
            line += f"{separator} {item}"
    return [*lines, line]
