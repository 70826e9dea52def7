"""The report's questions to the results database: the attempts a query covers, each trainee's
standing per scenario, and the answers where most trainees chose the worst on offer."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from game.engine import TIME_LIMITS

from ..results_schema import TIME_LIMITS_SINCE, version_of
from .database import BUSY_WAIT, ReportError, read_only
from .model import Attempt, Cohort, HardAnswer, ReportQuery, Standing, Trainee, grouped

HARDEST_SHOWN = 10
NAMES_LISTED = 12  # known trainees or scenarios named when a filter matches none

ATTEMPTS = """
SELECT trainee_id, scenario_id, scenario_title, ended_at, outcome, grade,
       composure, assertiveness, resolution, overall, {time_limits}
FROM attempts AS a WHERE {where} ORDER BY ended_at, id
"""

# Per question (a scenario's node): how many trainees met it, how many of them chose a worst answer
# there, and the worst answer most of them chose, in its words the last time it was given. Only the
# ids of answers are gathered across the cohort; the words are read for the questions shown.
HARDEST = """
WITH given AS (
    SELECT a.trainee_id, a.scenario_id, a.ended_at, w.node, w.choice_id, w.worst, w.attempt_id, w.position
    FROM answers AS w JOIN attempts AS a ON a.id = w.attempt_id
    WHERE {where}
),
met AS (
    SELECT scenario_id, node, count(DISTINCT trainee_id) AS trainees FROM given GROUP BY scenario_id, node
),
worst AS (
    SELECT scenario_id, node, choice_id, count(DISTINCT trainee_id) AS trainees,
           max(ended_at), attempt_id, position  -- SQLite takes these two from the row with that latest end
    FROM given WHERE worst GROUP BY scenario_id, node, choice_id
),
questions AS (
    SELECT scenario_id, node, count(DISTINCT trainee_id) AS trainees FROM given WHERE worst GROUP BY scenario_id, node
),
ranked AS (
    SELECT worst.*, row_number() OVER (PARTITION BY scenario_id, node ORDER BY trainees DESC, choice_id) AS place
    FROM worst
)
SELECT ranked.scenario_id, a.scenario_title, ranked.node, w.text, w.better_text, w.principle_name,
       ranked.trainees, questions.trainees, met.trainees
FROM questions
JOIN met USING (scenario_id, node)
JOIN ranked ON ranked.scenario_id = questions.scenario_id AND ranked.node = questions.node AND ranked.place = 1
JOIN answers AS w ON w.attempt_id = ranked.attempt_id AND w.position = ranked.position
JOIN attempts AS a ON a.id = ranked.attempt_id
ORDER BY questions.trainees DESC, 1.0 * questions.trainees / met.trainees DESC, a.scenario_title, ranked.node
LIMIT ?
"""


def read_cohort(folder: Path, query: ReportQuery, wait: float = BUSY_WAIT) -> Cohort:
    """What a report on `folder`'s results shows; ReportError when there is nothing to show."""
    with read_only(folder, wait) as connection:
        return cohort_of(connection, query, str(folder))


def cohort_of(connection: sqlite3.Connection, query: ReportQuery, source: str) -> Cohort:
    """What a report shows of the results database open on `connection` (a data folder's, or one
    made in memory from an LRS's statements), `source` naming where the results came from;
    ReportError when there is nothing to show."""
    trainees = _trainees(connection)
    chosen = _chosen_trainees(trainees, query.trainee)
    if query.scenario is not None:
        _check_scenario(connection, query.scenario)
    where, parameters = _filter(query, chosen)
    time_limits = "time_limits" if version_of(connection) >= TIME_LIMITS_SINCE else "'normal'"
    rows = connection.execute(ATTEMPTS.format(where=where, time_limits=time_limits), parameters).fetchall()
    attempts = tuple(Attempt(*row) for row in rows)
    if not attempts:
        raise ReportError(_nothing_matches(query))
    hardest = connection.execute(HARDEST.format(where=where), [*parameters, HARDEST_SHOWN]).fetchall()
    by_id = {trainee.id: trainee for trainee in trainees}
    played = {attempt.trainee_id for attempt in attempts}
    return Cohort(
        source=source,
        query=query,
        trainees=tuple(trainee for trainee in trainees if trainee.id in played),
        attempts=attempts,
        standings=_standings(attempts, by_id),
        hardest=tuple(HardAnswer(*row) for row in hardest),
    )


def _trainees(connection: sqlite3.Connection) -> list[Trainee]:
    rows = connection.execute("SELECT id, name, email FROM trainees").fetchall()
    return sorted((Trainee(*row) for row in rows), key=lambda trainee: (trainee.name.casefold(), trainee.id))


def _chosen_trainees(trainees: list[Trainee], name: str | None) -> list[str] | None:
    """The ids of the trainee a --trainee names (None: everyone), matched as the game matches names."""
    if name is None:
        return None
    wanted = name.strip().casefold()
    chosen = [trainee.id for trainee in trainees if trainee.name.strip().casefold() == wanted]
    if not chosen:
        known = _listed(trainee.name for trainee in trainees)
        raise ReportError(f"nobody called '{name.strip()}' has any results; trainees with results: {known}")
    return chosen


def _check_scenario(connection: sqlite3.Connection, scenario_id: str) -> None:
    played = [row[0] for row in connection.execute("SELECT DISTINCT scenario_id FROM attempts ORDER BY 1")]
    if scenario_id not in played:
        raise ReportError(
            f"nobody has finished a scenario with the id '{scenario_id}'; scenarios with results: {_listed(played)}"
        )


def _listed(names: Iterable[str]) -> str:
    shown = list(names)
    if not shown:
        return "none yet"
    more = f" and {len(shown) - NAMES_LISTED} more" if len(shown) > NAMES_LISTED else ""
    return ", ".join(shown[:NAMES_LISTED]) + more


def _filter(query: ReportQuery, trainee_ids: list[str] | None) -> tuple[str, list[object]]:
    """The WHERE clause on `attempts AS a` for a query, with its parameters."""
    clauses, parameters = ["1"], list[object]()
    if trainee_ids is not None:
        clauses.append(f"a.trainee_id IN ({', '.join('?' * len(trainee_ids))})")
        parameters.extend(trainee_ids)
    if query.scenario is not None:
        clauses.append("a.scenario_id = ?")
        parameters.append(query.scenario)
    if query.since is not None:
        clauses.append("a.ended_at >= ?")  # ISO 8601 text sorts as time does
        parameters.append(query.since.isoformat())
    return " AND ".join(clauses), parameters


def _nothing_matches(query: ReportQuery) -> str:
    if query == ReportQuery():
        return "there are no finished attempts to report on yet"
    asked = []
    if query.trainee is not None:
        asked.append(f"by {query.trainee.strip()}")
    if query.scenario is not None:
        asked.append(f"at '{query.scenario}'")
    if query.since is not None:
        asked.append(f"since {query.since.isoformat()}")
    return f"no attempts {' '.join(asked)}: nothing to report"


def _standings(attempts: tuple[Attempt, ...], trainees: dict[str, Trainee]) -> tuple[Standing, ...]:
    """Each trainee's standing per scenario, from their attempts (oldest first)."""
    groups = grouped(attempts, lambda attempt: (attempt.trainee_id, attempt.scenario_id))
    standings = [_standing(trainees[group[0].trainee_id], group) for group in groups.values()]
    return tuple(sorted(standings, key=lambda s: (s.trainee.name.casefold(), s.trainee.id, s.scenario_title)))


def time_limits_used(group: list[Attempt]) -> str:
    """The time limits of a trainee's attempts at a scenario: one word when they never changed
    (`normal`), else each with how many attempts (`off 1, normal 2`), in the settings' order."""
    times = Counter(attempt.time_limits for attempt in group)
    order = sorted(times, key=lambda limits: (_rank(limits), limits))
    return order[0] if len(order) == 1 else ", ".join(f"{limits} {times[limits]}" for limits in order)


def _rank(limits: str) -> int:
    """The settings' order; a word from elsewhere (a newer Composure) after them."""
    return TIME_LIMITS.index(limits) if limits in TIME_LIMITS else len(TIME_LIMITS)


def _standing(trainee: Trainee, group: list[Attempt]) -> Standing:
    best = max(group, key=lambda attempt: attempt.overall)  # the first of equals: the earliest to reach it
    last = group[-1]
    count = len(group)
    return Standing(
        trainee=trainee,
        scenario_id=last.scenario_id,
        scenario_title=last.scenario_title,
        attempts=count,
        best_overall=best.overall,
        best_grade=best.grade,
        last_overall=last.overall,
        last_grade=last.grade,
        mean_composure=sum(a.composure for a in group) / count,
        mean_assertiveness=sum(a.assertiveness for a in group) / count,
        mean_resolution=sum(a.resolution for a in group) / count,
        mean_overall=sum(a.overall for a in group) / count,
        last_played=last.ended_at,
        time_limits=time_limits_used(group),
    )
