"""Engine figures for docs/performance.md: `python3 bench/engine_speed.py [NODES]`.

Prints, for a generated scenario of NODES nodes (default 2,000) and the shipped angry
walk-in: load+validate time as a ratio to a bare libyaml C-loader parse of the same bytes
(goal <= 1.5x), analysis time (goal < 1 s), the exact overall range per outcome that
`analyze` adds, and random playthroughs per second (goal
>= 10,000/s), both on the state graph (what `analyze` uses) and through real Sessions.
Each time is the median of several runs in this process.
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate_scenario import generate

from game.engine.judging.analysis import analyse, random_play
from game.engine.judging.extremes import overall_ranges
from game.engine.model import Scenario
from game.engine.playing.session import Session
from game.engine.reading.loader import read_scenario
from game.storage.scenario_files import load_principles
from game.tools.autoplay import play_out


def median_seconds(action: Callable[[], object], repeats: int = 5, at_least: float = 1.0) -> float:
    """Median of `repeats` runs, or of as many as fit in `at_least` seconds if that is more:
    small files take milliseconds, and one stray pause would decide a median of five."""
    times: list[float] = []
    started_all = time.perf_counter()
    while len(times) < repeats or time.perf_counter() - started_all < at_least:
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def session_playthroughs_per_second(scenario: Scenario, budget: float = 2.0) -> float:
    started, games = time.perf_counter(), 0
    while time.perf_counter() - started < budget:
        play_out(Session.start(scenario, seed=games), "random", seed=games)
        games += 1
    return games / (time.perf_counter() - started)


def measure(name: str, data: bytes, principles: dict) -> None:
    parse = median_seconds(lambda: yaml.load(data, Loader=yaml.CSafeLoader))
    load = median_seconds(lambda: read_scenario(data, name, principles).scenario_or_raise())
    scenario = read_scenario(data, name, principles).scenario_or_raise()
    analysis_time = median_seconds(lambda: analyse(scenario), repeats=3, at_least=0.0)
    analysis = analyse(scenario)
    ranges_time = median_seconds(lambda: overall_ranges(analysis), repeats=3, at_least=0.0)
    started = time.perf_counter()
    random_play(analysis, 10_000, seed=random.randrange(1000))
    graph_rate = 10_000 / (time.perf_counter() - started)
    print(f"\n{name}: {len(data) / 1e6:.2f} MB, {len(scenario.nodes)} nodes, {len(analysis.graph.states)} states")
    print(f"  bare C-loader parse           {parse * 1000:9.1f} ms")
    print(f"  load + validate               {load * 1000:9.1f} ms   ratio {load / parse:.2f}x   (goal <= 1.5x)")
    print(f"  analysis                      {analysis_time * 1000:9.1f} ms   (goal < 1000 ms)")
    print(f"  exact range per outcome       {ranges_time * 1000:9.1f} ms   (analyze's report, after the analysis)")
    print(f"  random playthroughs, graph    {graph_rate:9.0f} /s   (goal >= 10,000/s)")
    print(f"  random playthroughs, Session  {session_playthroughs_per_second(scenario):9.0f} /s   (full engine)")


def main() -> None:
    nodes = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    principles, _ = load_principles(ROOT / "scenarios")
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(ROOT / "scenarios" / "principles.yaml", folder)
        big = Path(folder) / f"bench-{nodes}.yaml"
        big.write_text(generate(nodes), encoding="utf-8")
        measure(big.name, big.read_bytes(), principles or {})
    walk_in = ROOT / "scenarios" / "angry-walk-in.yaml"
    measure(walk_in.name, walk_in.read_bytes(), principles or {})


if __name__ == "__main__":
    main()
