"""How validation and analysis grow with a scenario's size: `python3 bench/engine_scaling.py [LARGEST]`.

Generated scenarios (bench/generate_scenario.py) of 1,000 nodes doubling up to LARGEST (default
32,000), each measured in a fresh child process so memory figures do not mix: the bare libyaml
C-loader parse of the bytes, load + validate, and the analysis (state graph, levels, best
and worst play), with the child's peak memory. Then, between each size and the next, the
exponent k in time ~ nodes^k (1 is linear), and the memory per node above a child that has
only imported the engine and generated the text. A trainer's file over 4 MiB needs
`--max-megabytes`; the children raise the limit the same way.
"""

from __future__ import annotations

import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SMALLEST = 1_000
LARGEST_MEGABYTES = 256


def child(nodes: int) -> dict[str, float]:
    """One size's figures; nodes 0 measures only the imports and an empty generated text."""
    import yaml
    from generate_scenario import generate

    from game.engine import SizeLimits, analyse, read_scenario

    text = generate(max(nodes, 1)).encode() if nodes else b""
    figures: dict[str, float] = {"bytes": len(text)}
    if nodes:
        started = time.perf_counter()
        yaml.load(text, Loader=yaml.CSafeLoader)
        figures["parse"] = time.perf_counter() - started
        started = time.perf_counter()
        scenario = read_scenario(text, f"bench-{nodes}.yaml", limits=SizeLimits.of_megabytes(LARGEST_MEGABYTES))
        loaded = scenario.scenario_or_raise()
        figures["validate"] = time.perf_counter() - started
        started = time.perf_counter()
        analysis = analyse(loaded)
        figures["analysis"] = time.perf_counter() - started
        figures["states"] = len(analysis.graph.states)
        figures["nodes"] = len(loaded.nodes)
    figures["peak_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return figures


def measured(nodes: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", str(nodes)]
    answer: dict[str, float] = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return answer


def exponent(small: dict[str, float], large: dict[str, float], key: str) -> float:
    return math.log(large[key] / small[key]) / math.log(large["nodes"] / small["nodes"])


def main() -> None:
    largest = int(sys.argv[1]) if len(sys.argv) > 1 else 32_000
    sizes = [SMALLEST * 2**i for i in range(int(math.log2(largest / SMALLEST)) + 1)]
    floor = measured(0)["peak_kib"]
    print(f"{'nodes':>7} {'MB':>6} {'states':>8} {'parse s':>8} {'validate s':>11} {'ratio':>6} "
          f"{'analysis s':>11} {'KB/node':>8} {'k validate':>11} {'k analysis':>11}")  # fmt: skip
    rows: list[dict[str, float]] = []
    for size in sizes:
        row = measured(size)
        per_node = (row["peak_kib"] - floor) * 1.024 / row["nodes"]
        growth = ""
        if rows:
            growth = f"{exponent(rows[-1], row, 'validate'):11.2f} {exponent(rows[-1], row, 'analysis'):11.2f}"
        print(
            f"{row['nodes']:7.0f} {row['bytes'] / 1e6:6.1f} {row['states']:8.0f} {row['parse']:8.2f} "
            f"{row['validate']:11.2f} {row['validate'] / row['parse']:6.2f} {row['analysis']:11.2f} "
            f"{per_node:8.1f} {growth}"
        )
        rows.append(row)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(
            f"\nFrom {first['nodes']:,.0f} to {last['nodes']:,.0f} nodes: validation grows as nodes^"
            f"{exponent(first, last, 'validate'):.2f}, analysis as nodes^{exponent(first, last, 'analysis'):.2f}"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(int(sys.argv[2]))))
    else:
        main()
