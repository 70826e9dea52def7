"""How long an autosave takes: `python3 bench/autosave.py [--folder DIR] [--runs N]`.

The autosave is what the game does after every answer: the session's state (Session.to_dict of
the angry walk-in six answers in), the save's wrapper as JSON, and write_save's atomic write (a
temporary file, flushed and fsynced, renamed over the save, the folder fsynced). Baselines in the
same run, on the same bytes in the same folder: a bare open/write/close (what a careless save
costs, with none of the safety), and open/write/fsync/close (the least any save that survives a
power cut can cost). Each figure is the median and 95th percentile of N runs, in ms; the ratios
compare medians. The folder defaults to a temporary one inside the data folder, on the disk the
game writes to (a RAM disk such as /tmp on some systems makes fsync free, flattering everything).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import Session  # after the root is on sys.path
from game.storage.locations import data_folder
from game.storage.saves import SavedGame, save_path, utc_now, write_save
from game.storage.scenario_files import load_scenario

TRAINEE = "0123456789abcdef0123456789abcdef"
ANSWERS = 6
AUTOSAVE = "autosave (to_dict + JSON + atomic write)"
WALK_IN = ROOT / "scenarios" / "angry-walk-in.yaml"


def walk_in_mid_game() -> Session:
    """The angry walk-in after six answers, taking the last answer on offer each time."""
    session = Session.start(load_scenario(WALK_IN), seed=11)
    for _ in range(ANSWERS):
        session.choose_id([option.choice_id for option in session.view().options if option.available][-1])
    return session


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds of each of `runs` calls, after two unmeasured ones (first-call costs)."""
    for _ in range(2):
        action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def percentile_95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, help="where to write (default: a temporary folder in the data folder)")
    parser.add_argument("--runs", type=int, default=300, help="runs of each figure (default 300)")
    args = parser.parse_args()
    parent = args.folder or data_folder()
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="bench-autosave-", dir=parent))
    try:
        report(folder, args.runs)
    finally:
        shutil.rmtree(folder)


def report(folder: Path, runs: int) -> None:
    session = walk_in_mid_game()
    started_at = utc_now()

    def saved() -> SavedGame:
        return SavedGame(TRAINEE, session.scenario.id, str(WALK_IN), session.to_dict(), 3.5, 0.0, started_at, utc_now())

    def autosave() -> None:
        write_save(folder, saved())

    def encoded() -> bytes:
        return json.dumps(dataclasses.asdict(saved())).encode("utf-8")

    autosave()
    path = save_path(folder, TRAINEE, session.scenario.id)
    data = path.read_bytes()
    bare = path.with_name("bare.json")

    def careless() -> None:
        with open(bare, "wb") as file:
            file.write(data)

    def durable() -> None:
        with open(bare, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())

    figures = {
        "bare open/write/close": timed(careless, runs),
        "open/write/fsync/close": timed(durable, runs),
        "to_dict + JSON only, no file": timed(encoded, runs),
        AUTOSAVE: timed(autosave, runs),
    }
    print(f"Autosave of the angry walk-in after {len(session.history)} answers: {len(data):,} bytes, in {folder}")
    print(f"{runs} runs each; times in ms\n")
    print(f"{'':42} {'median':>8} {'p95':>8}")
    for name, times in figures.items():
        print(f"{name:42} {statistics.median(times):8.3f} {percentile_95(times):8.3f}")
    medians = {name: statistics.median(times) for name, times in figures.items()}
    print(f"\nautosave / bare write:   {medians[AUTOSAVE] / medians['bare open/write/close']:6.1f}x")
    print(f"autosave / write+fsync:  {medians[AUTOSAVE] / medians['open/write/fsync/close']:6.1f}x")
    print(f"goal: under 5 ms; median {medians[AUTOSAVE]:.2f} ms, p95 {percentile_95(figures[AUTOSAVE]):.2f} ms")


if __name__ == "__main__":
    main()
