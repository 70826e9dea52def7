"""Hostile-file figures for docs/performance.md: `python3 bench/hostile_files.py`.

The hostile-file tests only guard against hangs (30 s); this prints how fast each dangerous
file really ends in its diagnostic (goal: under 2 s each, the old test budget), beside a bare
`yaml.load(..., CSafeLoader)` of the same bytes where PyYAML can read them at all. A bare load
builds every value; our reader stops at the first limit, so the ratio shows what that saves.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from engine_speed import median_seconds

from game.engine.reading.loader import read_scenario
from tests.engine.test_hostile_files import billion_laughs

GOAL_SECONDS = 2.0


CASES: dict[str, bytes] = {
    "too many values (3.8 MB flow list)": b"[" + b"1," * 1_900_000 + b"1]\n",
    "100,000 nested [": b"[" * 100_000,
    "50,000 nested block sequences": b"- " * 50_000 + b"x\n",
    "billion laughs (9 levels)": billion_laughs(),
    "4 MiB of one scalar, just under the limit": b"title: " + b"x" * (4 * 1024 * 1024 - 16) + b"\n",
}


def bare_load(data: bytes) -> Callable[[], object] | None:
    """A bare PyYAML load of the bytes, or None where PyYAML fails or would expand without end."""
    if data.startswith(b"a: &a"):
        return None  # a bare load of the billion laughs builds 10**9 values
    try:
        yaml.load(data, Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    return lambda: yaml.load(data, Loader=yaml.CSafeLoader)


def main() -> None:
    print(f"PyYAML {yaml.__version__}; goal: each file rejected in under {GOAL_SECONDS:.0f} s")
    for name, data in CASES.items():
        ours = median_seconds(partial(read_scenario, data, "h.yaml"), repeats=3, at_least=0.0)
        bare = bare_load(data)
        baseline = median_seconds(bare, repeats=3, at_least=0.0) if bare else None
        versus = f"bare load {baseline * 1000:8.1f} ms, ratio {ours / baseline:.2f}x" if baseline else "bare load fails"
        verdict = "ok" if ours < GOAL_SECONDS else "SLOW"
        print(f"  {name:44} {ours * 1000:8.1f} ms  {verdict:4}  ({versus})")


if __name__ == "__main__":
    main()
