"""The report as a spreadsheet: one row per trainee and scenario.

Written as UTF-8 with a byte-order mark, so a spreadsheet shows accented names as written, and
with every text cell that a spreadsheet would run as a formula made plain text first."""

from __future__ import annotations

import csv
import io

from .model import Cohort, Standing, plain_time

HEADINGS = (
    "Trainee",
    "E-mail",
    "Scenario id",
    "Scenario",
    "Attempts",
    "Best overall",
    "Last overall",
    "Mean composure",
    "Mean assertiveness",
    "Mean resolution",
    "Mean overall",
    "Last played (UTC)",
    "Time limits",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets read as the start of a formula


def cohort_csv(cohort: Cohort) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(HEADINGS)
    writer.writerows(_row(standing) for standing in cohort.standings)
    return buffer.getvalue().encode("utf-8-sig")


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet shows as written: one that would start a formula gets a leading apostrophe."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _row(standing: Standing) -> list[str | int]:
    return [
        spreadsheet_safe(standing.trainee.name),
        spreadsheet_safe(standing.trainee.email),
        spreadsheet_safe(standing.scenario_id),
        spreadsheet_safe(standing.scenario_title),
        standing.attempts,
        standing.best_overall,
        standing.last_overall,
        _mean(standing.mean_composure),
        _mean(standing.mean_assertiveness),
        _mean(standing.mean_resolution),
        _mean(standing.mean_overall),
        plain_time(standing.last_played),
        spreadsheet_safe(standing.time_limits),
    ]


def _mean(value: float) -> str:
    return f"{value:.1f}"
