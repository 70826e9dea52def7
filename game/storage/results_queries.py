"""What the game asks of one trainee's results: standings per scenario, the history of attempts,
and the principles most often broken.

Each reads one trainee's attempts through the index on (trainee, scenario, end time), so it costs
what that trainee played, not what the whole cohort did. "Last" is the attempt that ended last (the
row stored later when two end in the same millisecond); "best" the highest overall score, the later
of equals.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Standing:
    scenario_id: str
    attempts: int
    best_overall: int
    best_grade: str
    last_overall: int
    last_grade: str
    last_played: str  # the last attempt's end, UTC ISO 8601


@dataclass(frozen=True, slots=True)
class AttemptSummary:
    attempt_id: int
    scenario_id: str
    scenario_title: str
    ended_at: str
    outcome: str
    overall: int
    grade: str
    composure: int
    assertiveness: int
    resolution: int


@dataclass(frozen=True, slots=True)
class BrokenPrinciple:
    """A principle the trainee's answers went against, how often, and the latest answer that did."""

    principle: str
    principle_name: str
    times: int
    example_text: str
    better_text: str
    feedback: str
    scenario_id: str
    scenario_title: str


HISTORY = """SELECT id, scenario_id, scenario_title, ended_at, outcome, overall, grade,
    composure, assertiveness, resolution
    FROM attempts WHERE trainee_id = ? AND (? IS NULL OR scenario_id = ?)
    ORDER BY ended_at, id"""

# An answer breaks its principle when a better one was on offer (not best) and it names one. The
# example is the latest such answer: the words the trainee most recently reached for.
BROKEN = """WITH broken AS (
    SELECT answers.principle, answers.principle_name, answers.text, answers.better_text, answers.feedback,
        attempts.scenario_id, attempts.scenario_title, attempts.ended_at,
        COUNT(*) OVER (PARTITION BY answers.principle) AS times,
        ROW_NUMBER() OVER (
            PARTITION BY answers.principle
            ORDER BY attempts.ended_at DESC, attempts.id DESC, answers.position DESC
        ) AS recency
    FROM attempts JOIN answers ON answers.attempt_id = attempts.id
    WHERE attempts.trainee_id = ? AND answers.best = 0 AND answers.principle != ''
)
SELECT principle, principle_name, times, text, better_text, feedback, scenario_id, scenario_title
FROM broken WHERE recency = 1
ORDER BY times DESC, ended_at DESC, principle
LIMIT ?"""


def history(connection: sqlite3.Connection, trainee_id: str, scenario_id: str | None = None) -> list[AttemptSummary]:
    """The trainee's attempts, oldest first; of one scenario when `scenario_id` is given."""
    rows = connection.execute(HISTORY, (trainee_id, scenario_id, scenario_id))
    return [AttemptSummary(*row) for row in rows]


def standings(connection: sqlite3.Connection, trainee_id: str) -> dict[str, Standing]:
    """Per scenario the trainee finished: how many attempts, the best, the last."""
    counts: dict[str, int] = {}
    best: dict[str, AttemptSummary] = {}
    last: dict[str, AttemptSummary] = {}
    for attempt in history(connection, trainee_id):
        scenario = attempt.scenario_id
        counts[scenario] = counts.get(scenario, 0) + 1
        if scenario not in best or attempt.overall >= best[scenario].overall:
            best[scenario] = attempt
        last[scenario] = attempt
    return {
        scenario: Standing(
            scenario_id=scenario,
            attempts=counts[scenario],
            best_overall=best[scenario].overall,
            best_grade=best[scenario].grade,
            last_overall=latest.overall,
            last_grade=latest.grade,
            last_played=latest.ended_at,
        )
        for scenario, latest in last.items()
    }


def broken_principles(connection: sqlite3.Connection, trainee_id: str, limit: int = 5) -> list[BrokenPrinciple]:
    """The principles the trainee broke most often, most often first (the more recent of equals first)."""
    return [BrokenPrinciple(*row) for row in connection.execute(BROKEN, (trainee_id, limit))]
