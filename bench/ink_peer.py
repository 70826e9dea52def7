"""Composure's Session against the ink runtime on one story: `python3 bench/ink_peer.py [NODES] [ROUNDS]`.

The story (default 2,000 nodes) is generated in both formats: node i says a line and offers
three choices, to nodes 3i+1..3i+3 or to the ending past the last node. The script checks
that both are the same graph edge for edge (ink's edges are read by playing every knot with
inkjs), then times random playthroughs (start, read the line and the choices, choose at
random, to the end) in interleaved rounds: inkjs 2.4.0 in node, installed by npm into a
temporary folder, Composure Sessions in this process, and random walks on Composure's state
graph (what `analyze` plays its 10,000 games on). It prints each round, the medians
and their ratio; without node and npm it says so and times Composure alone.

Last, what starting a Session costs at 100, 2,000 and 8,000 nodes: the same at any size.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine.judging.analysis import Analysis, analyse, random_play
from game.engine.model import Scenario
from game.engine.playing.session import Session
from game.engine.reading.loader import read_scenario

INKJS = "inkjs@2.4.0"
ENDING = "ending"
SECONDS_PER_ROUND = 2.0
GRAPH_BATCH = 2_000  # random_play's games per call when timing the state graph
START_SIZES = (100, 2_000, 8_000)
Graph = dict[str, list[str]]


def targets(node: int, size: int) -> list[str]:
    """Where node `node`'s three choices lead: nodes 3i+1..3i+3, or the ending past the last."""
    return [f"n{to}" if to < size else ENDING for to in range(3 * node + 1, 3 * node + 4)]


def story_graph(size: int) -> Graph:
    return {f"n{node}": targets(node, size) for node in range(size)} | {ENDING: []}


def yaml_story(size: int) -> str:
    lines = [
        'id: ink-peer\ntitle: "Ink peer"\nsummary: "Generated for bench/ink_peer.py."\nchannel: chat\n'
        'difficulty: 1\nobjectives: ["Reach the end"]\ncustomer:\n  name: "Reader"\n  portrait: caller-woman\n'
        "  anger: 50\nstart: n0\nnodes:"
    ]
    for node in range(size):
        lines.append(f'  n{node}:\n    say: "Line {node}."\n    choices:')
        lines += [
            f'      - {{id: c{k}, text: "Choice {k}", next: {to}}}' for k, to in enumerate(targets(node, size), 1)
        ]
    lines.append(f'endings:\n  {ENDING}: {{outcome: resolved, title: "The end", text: "The end."}}\n')
    return "\n".join(lines)


def ink_story(size: int) -> str:
    """The same story in ink; each knot's line is tagged with its name, so ink_peer.js can read the edges."""
    lines = ["-> n0"]
    for node in range(size):
        lines.append(f"=== n{node} ===\nLine {node}. # n{node}")
        lines += [f"+ [Choice {k}] -> {to}" for k, to in enumerate(targets(node, size), 1)]
    lines.append(f"=== {ENDING} ===\nThe end. # {ENDING}\n-> END\n")
    return "\n".join(lines)


def load(size: int) -> Scenario:
    return read_scenario(yaml_story(size).encode(), f"ink-peer-{size}.yaml").scenario_or_raise()


def scenario_graph(scenario: Scenario) -> Graph:
    nodes = {node.id: [choice.consequence.next for choice in node.choices] for node in scenario.nodes.values()}
    return nodes | {ending: [] for ending in scenario.endings}


def playthrough(scenario: Scenario, seed: int, rng: random.Random) -> None:
    session = Session.start(scenario, seed)
    while not session.finished:
        session.choose(rng.randrange(len(session.view().options)))


def composure_rate(scenario: Scenario, seconds: float) -> float:
    rng, games = random.Random(len(scenario.nodes)), 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        playthrough(scenario, games, rng)
        games += 1
    return games / (time.perf_counter() - started)


def graph_rate(analysis: Analysis, seconds: float) -> float:
    """Random playthroughs per second on the state graph, as `analyze` plays its 10,000 games."""
    games, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        random_play(analysis, GRAPH_BATCH, seed=games)
        games += GRAPH_BATCH
    return games / (time.perf_counter() - started)


def start_cost(scenario: Scenario, starts: int = 2_000, repeats: int = 7) -> float:
    """Median seconds per `Session.start`, once the scenario's machine is built."""
    Session.start(scenario)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        for seed in range(starts):
            Session.start(scenario, seed)
        times.append((time.perf_counter() - started) / starts)
    return statistics.median(times)


@dataclass
class Ink:
    """inkjs installed in `folder`, with the story compiled there."""

    folder: Path

    @classmethod
    def install(cls, folder: Path, story: str) -> Ink:
        subprocess.run(
            ["npm", "install", "--prefix", str(folder), "--no-save", "--no-audit", "--no-fund", "--silent", INKJS],
            check=True,
        )
        shutil.copy(ROOT / "bench" / "ink_peer.js", folder)
        (folder / "story.ink").write_text(story, encoding="utf-8")
        ink = cls(folder)
        ink.run("compile", "story.ink", "story.json")
        return ink

    def run(self, *args: str) -> str:
        command = ["node", "ink_peer.js", *args]
        return subprocess.run(command, cwd=self.folder, check=True, capture_output=True, text=True).stdout

    def graph(self) -> Graph:
        graph: Graph = json.loads(self.run("edges", "story.json"))
        return graph

    def rate(self, seconds: float) -> float:
        answer = json.loads(self.run("play", "story.json", str(seconds)))
        return float(answer["playthroughs"] / answer["seconds"])


def check_same_graph(size: int, scenario: Scenario, ink: Ink | None) -> None:
    expected = story_graph(size)
    if scenario_graph(scenario) != expected:
        raise SystemExit("the YAML story's edges differ from the story's definition")
    if ink is not None and ink.graph() != expected:
        raise SystemExit("the ink story's edges (read by playing it) differ from the YAML story's")
    edges = sum(len(to) for to in expected.values())
    checked = "YAML and ink" if ink else "YAML (ink not run)"
    print(f"Story: {size:,} nodes, three choices each; {edges:,} edges, the same in {checked}.")


def compare(scenario: Scenario, ink: Ink | None, rounds: int) -> None:
    """Interleaved rounds of the three runners; medians, and each of ours as a ratio to ink's."""
    analysis = analyse(scenario)
    ink_rates: list[float] = []
    ours: list[float] = []
    graph: list[float] = []
    print(f"\n{'round':>5}  {'inkjs 2.4.0 /s':>15}  {'Composure Session /s':>21}  {'state graph /s':>15}")
    for number in range(1, rounds + 1):
        first_ink = number % 2 == 1  # alternate who goes first, so neither always runs warmer
        if ink is not None and first_ink:
            ink_rates.append(ink.rate(SECONDS_PER_ROUND))
        ours.append(composure_rate(scenario, SECONDS_PER_ROUND))
        graph.append(graph_rate(analysis, SECONDS_PER_ROUND))
        if ink is not None and not first_ink:
            ink_rates.append(ink.rate(SECONDS_PER_ROUND))
        shown = f"{ink_rates[-1]:15,.0f}" if ink_rates else f"{'-':>15}"
        print(f"{number:>5}  {shown}  {ours[-1]:21,.0f}  {graph[-1]:15,.0f}")
    session, walks = statistics.median(ours), statistics.median(graph)
    if ink_rates:
        ink_median = statistics.median(ink_rates)
        print(f"{'median':>6} {ink_median:15,.0f}  {session:21,.0f}  {walks:15,.0f}")
        print(f"{'vs ink':>6} {'1x':>15}  {session / ink_median:20.2f}x  {walks / ink_median:14.2f}x")
    else:
        print(f"{'median':>6} {'-':>15}  {session:21,.0f}  {walks:15,.0f}")


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    scenario = load(size)
    with tempfile.TemporaryDirectory() as folder:
        ink = None
        if shutil.which("node") and shutil.which("npm"):
            ink = Ink.install(Path(folder), ink_story(size))
        else:
            print("node and npm are not both on PATH: inkjs is not run; Composure's figures only.")
        check_same_graph(size, scenario, ink)
        compare(scenario, ink, rounds)
    costs = {nodes: start_cost(load(nodes)) for nodes in START_SIZES}
    shown = ", ".join(f"{nodes:,} nodes {cost * 1e6:.1f} us" for nodes, cost in costs.items())
    print(f"\nStarting a Session (median of 7 x 2,000): {shown}")


if __name__ == "__main__":
    main()
