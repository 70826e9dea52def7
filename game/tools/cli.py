"""The command line: `python main.py [validate|migrate|play|analyze] ...`.

Parses arguments and hands each verb to its own function; every message for a person is
printed here or in the verb modules, never in the engine.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from pathlib import Path
from typing import Any, Protocol

from game.engine import (
    ANGER_MAX,
    ANGER_MIN,
    DEFAULT_LIMITS,
    TEMPERAMENT_MAX,
    TEMPERAMENT_MIN,
    TIME_LIMITS,
    TOO_MANY,
    AnalysisError,
    InvalidChoice,
    Result,
    Scenario,
    Session,
    SizeLimits,
    TooManyStates,
    result,
)
from game.storage.scenario_files import PRINCIPLES_FILE
from game.storage.settings import TEXT_SIZES

from . import coverage, lint, lrs, new_scenario, report, scenario_graph
from .analysis_report import fill_report, ordered, render_analysis
from .arguments import add_size_limits, whole_number, window_size
from .autoplay import STRATEGIES, play_out
from .common import flags_known, hint_when_over_size, load_or_report, parse_flags, plain_when_needed
from .migrate import migrate
from .play_text import play_in_terminal
from .progress import Progress
from .targets import library_of, targets_or_library
from .text_render import render_debrief, terminal_safe


class Verb(Protocol):
    """A verb in a module of its own: it adds its options to its parser and runs with them."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


RUNS_MAX = 1_000_000  # about a minute of random play on the shipped scenarios
TRAINER_VERBS: dict[str, tuple[Verb, str]] = {  # each module adds its options and runs its verb
    "new": (new_scenario, "write a new scenario from a commented template that plays at once"),
    "graph": (scenario_graph, "draw a map of a scenario: SVG with Graphviz, Mermaid text otherwise"),
    "coverage": (coverage, "which principles the scenarios teach, and which none do"),
    "lint": (lint, "checks of what a scenario teaches that reading one node at a time cannot show"),
    "report": (report, "a report of the trainees' results for trainers: a web page (.html) or a spreadsheet (.csv)"),
    "lrs": (lrs, "the company's learning record store (xAPI): check the connection, send, and count what waits"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="Composure: practise handling difficult customers.")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", help="with no verb, the game window opens")
    check = verbs.add_parser("validate", help="check scenario files and print every problem")
    check.add_argument("paths", nargs="*", help="files or folders (default: scenarios/)")
    add_size_limits(check)
    rewrite = verbs.add_parser("migrate", help="rewrite scenario files written for an older format")
    rewrite.add_argument("paths", nargs="*", help="files or folders (default: scenarios/)")
    rewrite.add_argument("--dry-run", action="store_true", help="say what would change and write nothing")
    add_size_limits(rewrite)
    play = verbs.add_parser("play", help="play a scenario in the terminal, or let a robot play it")
    play.add_argument("path", help="the scenario file")
    mode = play.add_mutually_exclusive_group()
    mode.add_argument("--text", action="store_true", help="play in the terminal (the default)")
    mode.add_argument("--auto", choices=STRATEGIES, help="play without a person")
    play.add_argument("--json", action="store_true", help="with --auto: print one JSON object")
    play.add_argument("--seed", type=int, default=None, help="replay exactly the run with this seed")
    play.add_argument("--at", metavar="NODE", help="start at this node (play-testing)")
    play.add_argument(
        "--anger",
        type=whole_number(ANGER_MIN, ANGER_MAX),
        help=f"start with this anger, {ANGER_MIN} to {ANGER_MAX} (play-testing)",
    )
    play.add_argument("--flags", default="", help="start with these flags, comma-separated (play-testing)")
    play.add_argument(
        "--time-limits",
        choices=TIME_LIMITS,
        default="normal",
        help="how long timed questions wait: off, normal (default), 1.5x or 2x longer",
    )
    add_size_limits(play)
    shots = play.add_argument_group("screenshots", "with --auto: play in the game window and save every screen")
    shots.add_argument("--screenshots", metavar="DIR", type=Path, help="save a PNG of each screen passed into DIR")
    shots.add_argument("--size", type=window_size, default=(1280, 720), metavar="WxH", help="window size (1280x720)")
    shots.add_argument("--high-contrast", action="store_true", help="use the high-contrast theme")
    shots.add_argument(
        "--text-size",
        type=int,
        choices=range(len(TEXT_SIZES)),
        default=1,
        metavar="N",
        help="0 small, 1 medium (default), 2 large, 3 largest",
    )
    study = verbs.add_parser("analyze", help="best and worst play, reachable endings, random-play statistics")
    study.add_argument("path", help="the scenario file")
    study.add_argument("--json", action="store_true", help="print one JSON object instead of the text report")
    study.add_argument(
        "--runs",
        type=whole_number(1, RUNS_MAX),
        default=10_000,
        help=f"random games to play (default 10000, at most {RUNS_MAX})",
    )
    study.add_argument(
        "--seed", type=int, default=1, help="seed for the random games (default 1): the same seed plays the same games"
    )
    study.add_argument(
        "--temperament",
        type=whole_number(TEMPERAMENT_MIN, TEMPERAMENT_MAX),
        help=f"percent, {TEMPERAMENT_MIN} to {TEMPERAMENT_MAX}; default: the middle of the scenario's range",
    )
    add_size_limits(study)
    for name, (verb, summary) in TRAINER_VERBS.items():
        verb.add_arguments(verbs.add_parser(name, help=summary))
    return parser


def main(argv: list[str] | None = None) -> int:
    plain_when_needed(sys.stdout, sys.stderr)
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (e.g. `| head`): nothing left to say
        sys.stderr.close()
        return 1


def run(args: argparse.Namespace) -> int:
    if args.verb in TRAINER_VERBS:
        return TRAINER_VERBS[args.verb][0].run(args)
    if args.verb == "validate":
        return validate(targets_or_library(args.paths), args.limits)
    if args.verb == "migrate":
        return migrate(targets_or_library(args.paths), args.dry_run, args.limits)
    if args.verb == "analyze":
        return analyze(args)
    if args.verb == "play":
        return play(args)
    return open_game()


def open_game() -> int:
    """`python main.py` with no verb: the game window."""
    from game.ui.launch import open_game as open_window

    return open_window()


def validate(paths: list[str], limits: SizeLimits = DEFAULT_LIMITS) -> int:
    library, unusable_paths = library_of(paths, limits, sys.stdout)
    diagnostics = library.diagnostics
    for diagnostic in diagnostics:
        print(diagnostic)
    for folder in library.unchecked:  # a note, not a warning: a folder of drafts may rightly have none
        unchecked = f"note: 'principle' names in {folder} were not checked: there is no {PRINCIPLES_FILE} beside them"
        print(unchecked, file=sys.stderr)
    hint_when_over_size(diagnostics)
    shown = [d for d in diagnostics if d.code != TOO_MANY]
    errors = sum(1 for d in shown if d.is_error) + unusable_paths
    warnings = len(shown) - sum(1 for d in shown if d.is_error)
    capped = len(diagnostics) - len(shown)
    more = f"; {capped} file(s) had more problems than shown (see each one's last line)" if capped else ""
    print(
        f"checked {len(library.reports)} scenario file(s): {errors} error(s), {warnings} warning(s){more}",
        file=sys.stderr,
    )
    return 1 if errors or capped else 0


def play(args: argparse.Namespace) -> int:
    scenario = load_or_report(args.path, args.limits)
    if scenario is None:
        return 1
    if args.json and args.auto is None:
        print("error: --json goes with --auto best|worst|random", file=sys.stderr)
        return 2
    if args.screenshots is not None:
        return screenshots(args, scenario)
    for flag in sorted(parse_flags(args.flags) - flags_known(scenario)):
        print(f"warning: the flag '{flag}' is never set or tested in {args.path}", file=sys.stderr)
    seed = args.seed if args.seed is not None else _fresh_seed()
    try:
        session = Session.start(
            scenario, seed, at=args.at, anger=args.anger, flags=parse_flags(args.flags), time_limits=args.time_limits
        )
    except InvalidChoice as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    if args.auto is None:
        title, summary = terminal_safe(scenario.title), terminal_safe(scenario.summary)
        print(f"{title}  (seed {seed}: replay this run with --seed {seed})\n{summary}\n")
        return play_in_terminal(session)
    play_out(session, args.auto, seed)
    outcome = result(session)
    print(json.dumps(auto_play_report(session, outcome), indent=2) if args.json else render_debrief(outcome))
    return 0


def screenshots(args: argparse.Namespace, scenario: Scenario) -> int:
    """`play PATH --auto STRATEGY --screenshots DIR`: the robot plays in the game window."""
    if args.auto is None or args.json or args.at or args.anger is not None or args.flags:
        print("error: --screenshots goes with --auto best|worst|random and --seed only", file=sys.stderr)
        return 2
    from .screenshots import ShotPlan, take_screenshots  # imports pygame: only when asked for

    seed = args.seed if args.seed is not None else _fresh_seed()
    plan = ShotPlan(Path(args.path), scenario, args.auto, seed, args.size, args.high_contrast, args.text_size)
    return take_screenshots(plan, args.screenshots)


def auto_play_report(session: Session, outcome: Result) -> dict[str, object]:
    scores = outcome.scores.as_dict()
    return {
        "scenario": outcome.scenario_id,
        "ending": outcome.ending.id,
        "outcome": outcome.outcome.value,
        "final_anger": outcome.final_anger,
        "path": list(outcome.path),
        "choices": [step.choice for step in session.history],
        "scores": {k: v for k, v in scores.items() if k != "grade"},
        "grade": scores["grade"],
        "seed": session.seed,
        "temperament": session.temperament,
    }


def analyze(args: argparse.Namespace) -> int:
    """The analysis, with what it is doing on standard error when it takes long; stopped with
    Ctrl+C, it prints what it had found so far and exits with 130."""
    report: dict[str, Any] = {}
    with Progress(sys.stderr, "analyze") as progress:
        progress.stage("reading the file")
        scenario = load_or_report(args.path, args.limits)
        if scenario is None:
            return 1
        try:
            fill_report(report, scenario, args.temperament, args.runs, args.seed, progress)
        except AnalysisError as problem:
            print(f"{args.path}: error: {problem}", file=sys.stderr)
            return 1
        except TooManyStates as problem:
            print(
                f"{args.path}: error: its anger values and flags make {problem}, more than analyze judges",
                file=sys.stderr,
            )
            return 1
        except KeyboardInterrupt:
            print(f"\nStopped while {progress.doing}, after {progress.elapsed:.0f} s.", file=sys.stderr)
            if "scenario" not in report:
                return 130
            report["interrupted"] = progress.doing
            status = 130
        else:
            status = 0
    print(json.dumps(ordered(report), indent=2) if args.json else render_analysis(report))
    return status


def _fresh_seed() -> int:
    return secrets.randbelow(1_000_000)
