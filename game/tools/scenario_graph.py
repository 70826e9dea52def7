"""`python3 main.py graph PATH [--out FILE] [--focus NODE --depth N]`: a map of a scenario.

The engine builds the map from the scenario's compiled state machine (`game.engine.scenario_map`);
this writes it in the form --out's extension asks for: `.svg` or `.png` drawn by Graphviz's `dot`,
`.dot`/`.gv` DOT text, `.mmd` Mermaid text, `.md` Mermaid in a Markdown block; with no --out,
Mermaid text on standard output.

Why our own DOT and Mermaid rather than `transitions`' diagrams (`GraphMachine`): those draw one
arrow per trigger named `answer_0`, conditions as callback names, and colour no arrow by its
effect; their Mermaid engine writes a state diagram, in which no arrow can be coloured, leaves
labels unescaped, and is missing from transitions 0.9.1, the oldest release we support. They would
also need a second machine built beside the one the game runs. The map reads that one machine's
states and transitions, with the Move each carries, and writes both formats itself.

Why `dot` is run as a program rather than through the Python `graphviz` package: that package
writes DOT and runs the same program, so it would add a dependency (and a range to keep tested)
for one call, and its errors would reach the trainer in its own words.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from game.engine import EngineError, ScenarioMap, scenario_map
from game.storage.atomic import write_atomically

from .arguments import add_size_limits, whole_number
from .common import load_or_report
from .map_dot import as_dot
from .map_mermaid import as_mermaid

DRAWN = {".svg": "svg", ".png": "png"}  # extension: dot's output format
MERMAID = (".mmd", ".md")
TEXTS = (".dot", ".gv", *MERMAID)
LARGE = 120  # places: beyond this, one picture of the whole is hard to read
MERMAID_ARROWS, MERMAID_CHARACTERS = 500, 50_000  # what Mermaid viewers draw unless set otherwise
DEPTH_MAX = 50
NO_DOT = (
    "error: drawing an {kind} needs Graphviz's `dot` program, which is not installed here.\n"
    "Either write Mermaid text instead, which GitHub, GitLab and many editors draw as they show it:\n"
    "  python3 main.py graph {path} --out {mermaid}\n"
    "or install Graphviz (Debian and Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz;\n"
    "Windows: winget install graphviz) and run this again."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    parser.add_argument("path", help="the scenario file")
    parser.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="write the map here; its extension chooses the form: .svg or .png (needs Graphviz), "
        ".dot or .gv (Graphviz text), .mmd (Mermaid text), .md (Mermaid in Markdown). "
        "Without --out, Mermaid text is printed",
    )
    parser.add_argument("--focus", metavar="NODE", help="draw only the part of the map around this node or ending")
    parser.add_argument(
        "--depth",
        type=whole_number(1, DEPTH_MAX),
        default=2,
        help=f"with --focus: how many arrows away from it to draw, either way (default 2, at most {DEPTH_MAX})",
    )
    add_size_limits(parser)


def run(args: argparse.Namespace) -> int:
    out: Path | None = args.out
    suffix = out.suffix.lower() if out is not None else ".mmd"
    if suffix not in DRAWN and suffix not in TEXTS:
        print(f"error: --out {out} must end in .svg, .png, .dot, .gv, .mmd or .md", file=sys.stderr)
        return 2
    if suffix in DRAWN and shutil.which("dot") is None:
        mermaid = Path(out or "map").with_suffix(".mmd")
        print(NO_DOT.format(kind=suffix[1:].upper(), path=args.path, mermaid=mermaid), file=sys.stderr)
        return 1
    scenario = load_or_report(args.path, args.limits)
    if scenario is None:
        return 1
    try:
        drawn = scenario_map(scenario)
        if args.focus is not None:
            drawn = drawn.around(args.focus, args.depth)
    except EngineError as problem:
        print(f"{args.path}: error: {problem}", file=sys.stderr)
        return 1
    text = as_mermaid(drawn) if suffix in MERMAID else as_dot(drawn)
    warn_when_large(drawn, text if suffix in MERMAID else None)
    if out is None:
        sys.stdout.write(text)
        return 0
    data = drawn_by_dot(text, DRAWN[suffix]) if suffix in DRAWN else fenced(text, suffix).encode()
    if data is None:
        return 1
    try:
        write_atomically(out, data)
    except OSError as problem:
        print(f"error: cannot write {out}: {problem.strerror or 'unknown cause'}; nothing was written", file=sys.stderr)
        return 1
    endings = sum(1 for place in drawn.places if place.outcome is not None)
    print(f"wrote {out}: {len(drawn.places) - endings} nodes, {endings} endings, {len(drawn.arrows)} arrows")
    return 0


def fenced(text: str, suffix: str) -> str:
    """Mermaid in a Markdown file goes in a block that Markdown viewers draw."""
    return f"```mermaid\n{text}```\n" if suffix == ".md" else text


def warn_when_large(drawn: ScenarioMap, mermaid: str | None) -> None:
    """Say so when a map is too large to read, and what to do instead, before `dot` takes its time."""
    notes = []
    if len(drawn.places) > LARGE:
        notes.append(
            f"this map has {len(drawn.places):,} places and {len(drawn.arrows):,} arrows, too many to read as one "
            "picture: draw the part around one node with --focus NODE (and --depth N, default 2)"
        )
        if mermaid is None:
            notes.append("Graphviz may take a minute to lay out a map this size")
    if mermaid is not None and (len(drawn.arrows) > MERMAID_ARROWS or len(mermaid) > MERMAID_CHARACTERS):
        notes.append(
            f"Mermaid viewers draw at most {MERMAID_ARROWS} arrows and {MERMAID_CHARACTERS:,} characters "
            "unless set otherwise, so most will refuse this one"
        )
    for note in notes:
        print(f"note: {note}", file=sys.stderr)


def drawn_by_dot(dot_text: str, form: str) -> bytes | None:
    """The picture `dot` draws from the DOT text, or None after saying why there is none."""
    done = subprocess.run(["dot", f"-T{form}"], input=dot_text.encode(), capture_output=True, check=False)
    if done.returncode != 0 or not done.stdout:
        print(
            f"error: Graphviz's dot could not draw this map (it stopped with code {done.returncode}); "
            "write the DOT text with --out map.dot to look at it, or Mermaid with --out map.mmd",
            file=sys.stderr,
        )
        return None
    return done.stdout
