"""`python3 main.py report [--from-lrs] [--trainee NAME] [--scenario ID] [--since DATE] [--data DIR] --out FILE`:
a trainer's report of the results history, as a spreadsheet (.csv) or one web page (.html).

The report covers this machine's results database or, with --from-lrs, every machine's attempts as
the company's learning record store holds them (the LRS set up in the data folder). Nothing is ever
written to either; the report file is written atomically, so an interrupted run leaves the previous
report as it was.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path

from game.storage.atomic import write_atomically
from game.storage.errors import why_not_written
from game.storage.locations import DATA_VARIABLE, data_folder
from game.storage.lrs import load_lrs_config
from game.storage.lrs.config import FILE_NAME, not_set_up
from game.storage.reports import Cohort, ReportError, ReportQuery, cohort_csv, read_cohort
from game.storage.reports.from_lrs import read_cohort_from_lrs

from .progress import Progress

KINDS = (".html", ".htm", ".csv")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    parser.add_argument("--out", required=True, type=Path, metavar="FILE", help="FILE.html (a web page) or FILE.csv")
    parser.add_argument("--trainee", metavar="NAME", help="only this trainee (the name as typed in the game)")
    parser.add_argument("--scenario", metavar="ID", help="only this scenario (its id, as in its file name)")
    parser.add_argument("--since", type=day, metavar="DATE", help="only attempts finished on or after DATE (UTC)")
    parser.add_argument(
        "--from-lrs",
        action="store_true",
        help=f"every machine's attempts, read from the learning record store set up in the data folder ({FILE_NAME} "
        "or COMPOSURE_LRS_* variables)",
    )
    parser.add_argument(
        "--data",
        metavar="DIR",
        help=f"the data folder holding the results and {FILE_NAME} (default: ${DATA_VARIABLE}, else saves/)",
    )


def day(text: str) -> date:
    """A --since date, in our words when it is not one."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write it as YYYY-MM-DD, like 2026-12-01") from None


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.suffix.lower() not in KINDS:
        print(f"error: --out {out} must end in .html (a web page) or .csv (a spreadsheet)", file=sys.stderr)
        return 2
    query = ReportQuery(trainee=args.trainee, scenario=args.scenario, since=args.since)
    with Progress(sys.stderr, "report") as progress:
        try:
            cohort, read_from = _cohort(args, query, progress)
        except ReportError as problem:
            print(f"error: {problem}", file=sys.stderr)
            return 1
        content = cohort_csv(cohort) if out.suffix.lower() == ".csv" else _page(cohort, progress)
        progress.stage(f"writing {out}")
        try:
            write_atomically(out, content)
        except OSError as problem:
            print(f"error: the report was not written: {why_not_written(out.parent, problem)}", file=sys.stderr)
            return 1
    print(f"wrote {out}: {_covering(cohort)}{read_from}")
    return 0


def _cohort(args: argparse.Namespace, query: ReportQuery, progress: Progress) -> tuple[Cohort, str]:
    """The cohort the report shows, and what the summary line adds about where it was read from."""
    folder = data_folder(args.data)
    if not args.from_lrs:
        progress.stage("reading the results")
        return read_cohort(folder, query), ""
    settings = load_lrs_config(folder, os.environ)
    if settings.config is None:
        raise ReportError(settings.reason or not_set_up(folder))
    progress.stage(f"reading the statements in the LRS at {settings.config.endpoint}")
    read = read_cohort_from_lrs(settings.config, query)
    skipped = f"{read.skipped} statement(s) skipped"
    if read.skipped:
        skipped += " (damaged, at odds with their attempt, or of an attempt the LRS holds no end of)"
    return read.cohort, f" from {read.cohort.source}; {skipped}"


def _page(cohort: Cohort, progress: Progress) -> bytes:
    logging.getLogger("matplotlib").setLevel(logging.ERROR)  # its notes (a font cache built) are not ours to show
    from game.storage.reports.page import cohort_page  # loads matplotlib: only for a page

    return cohort_page(cohort, progress)


def _covering(cohort: Cohort) -> str:
    scenarios = len({standing.scenario_id for standing in cohort.standings})
    return f"{len(cohort.trainees)} trainee(s), {scenarios} scenario(s), {len(cohort.attempts)} attempt(s)"
