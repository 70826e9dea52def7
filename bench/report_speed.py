"""How long a trainer waits for a report: `python3 bench/report_speed.py [--runs N] [--keep DIR]`.

Builds the issue's large case in a temporary data folder: 100 trainees who each finished 20
scenarios 5 times (10,000 attempts), stored one by one through ResultsStore.record as the game
stores them, from the records of real play of the shipped scenarios (tests/storage/report_cohort.py).
Then times, as a trainer runs it, the whole `python3 main.py report --out FILE.csv` and
`--out FILE.html` (Python's start, imports, the read-only queries, the charts, the atomic write),
and as a baseline in the same run `python3 -c` reading every row of both tables with sqlite3 and
nothing else. Each figure is the median of N runs; ratios compare medians. Then the same stages
inside one process, so the cost of each is seen without the start-up.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.storage.reports import ReportQuery, cohort_csv, read_cohort  # after the root is on sys.path
from game.storage.reports.page import cohort_page
from game.storage.results_file import RESULTS_FILE
from tests.storage.report_cohort import cohort, record_all

TRAINEES, SCENARIOS, ATTEMPTS = 100, 20, 5
GOAL = 2.0  # seconds, from the issue
READ_EVERY_ROW = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
for table in ("trainees", "attempts", "answers"):
    connection.execute(f"SELECT * FROM {table}").fetchall()
"""


def seconds(action: Callable[[], object], runs: int) -> float:
    """The median time of `runs` calls, after one unmeasured call (a cold disk cache)."""
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def command(*arguments: str) -> Callable[[], object]:
    return lambda: subprocess.run([sys.executable, *arguments], cwd=ROOT, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--keep", type=Path, help="build the database in DIR and keep it (default: a temporary folder)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="composure-report-bench-"))
    try:
        run(folder, args.runs)
    finally:
        if args.keep is None:
            shutil.rmtree(folder)


def run(folder: Path, runs: int) -> None:
    started = time.perf_counter()
    record_all(folder, cohort(TRAINEES, SCENARIOS, ATTEMPTS))
    built = time.perf_counter() - started
    database = folder / RESULTS_FILE
    total = TRAINEES * SCENARIOS * ATTEMPTS
    print(f"{TRAINEES} trainees x {SCENARIOS} scenarios x {ATTEMPTS} attempts = {total} attempts")
    print(f"  stored one by one through ResultsStore.record in {built:.1f} s ({database.stat().st_size >> 20} MiB)")
    print(f"\nthe whole command, median of {runs} runs:")
    baseline = seconds(command("-c", READ_EVERY_ROW, str(database)), runs)
    print(f"  {'baseline: python3 -c reading every row with sqlite3':<52} {baseline:6.2f} s")
    for kind in ("csv", "html"):
        out = folder / f"report.{kind}"
        taken = seconds(command("main.py", "report", "--data", str(folder), "--out", str(out)), runs)
        verdict = "under" if taken < GOAL else "OVER"
        size = out.stat().st_size / 1e6
        label = f"main.py report --out report.{kind} ({size:.1f} MB)"
        print(f"  {label:<52} {taken:6.2f} s  {taken / baseline:5.1f}x baseline, {verdict} the {GOAL:.0f} s goal")
    print(f"\nthe stages in one process, median of {runs} runs:")
    reading = seconds(lambda: read_cohort(folder, ReportQuery()), runs)
    cohort_read = read_cohort(folder, ReportQuery())
    stages = {
        "read the results (read-only queries)": reading,
        "the CSV": seconds(lambda: cohort_csv(cohort_read), runs),
        "the page (charts and HTML)": seconds(lambda: cohort_page(cohort_read), runs),
    }
    for stage, taken in stages.items():
        print(f"  {stage:<52} {taken:6.3f} s")


if __name__ == "__main__":
    main()
