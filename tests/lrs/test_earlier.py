"""Statements for attempts stored before the LRS was set up: made from the stored record, they are the
statements the attempt would have had on the day, and asking twice queues them once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from game.engine import AttemptRecord
from game.storage.lrs import LrsConfig, statements_for
from game.storage.lrs.earlier import count_earlier, queue_earlier
from game.storage.results import open_results
from tests.storage.results_played import ANA, BEN, attempt, utc, walk_in

CONFIG = LrsConfig("https://lrs.example.com/xAPI/", "room-2", "secret", "https://learning.example.com/composure/")


def without_ids(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The statements with what is new each time they are made (their ids, the registration) left out."""
    kept = []
    for statement in statements:
        copy = json.loads(json.dumps(statement))
        del copy["id"], copy["context"]["registration"]
        kept.append(copy)
    return kept


def test_earlier_attempts_get_the_statements_they_would_have_had(tmp_path: Path) -> None:
    scenario = walk_in()
    records: list[AttemptRecord] = [attempt(scenario, seed) for seed in (3, 4, 5)]
    store = open_results(tmp_path).store
    assert store is not None and store.lrs is None
    for index, record in enumerate(records):
        store.record((ANA, BEN)[index % 2], record, utc(10 * index), utc(10 * index + 7))
    connection = store.connection
    assert count_earlier(connection) == 3
    assert queue_earlier(connection, CONFIG) == 3
    assert (count_earlier(connection), queue_earlier(connection, CONFIG)) == (0, 0)
    rows = connection.execute("SELECT attempt_id, statement FROM lrs_outbox ORDER BY rowid").fetchall()
    for index, record in enumerate(records):
        queued = [json.loads(statement) for attempt_id, statement in rows if attempt_id == index + 1]
        made = statements_for((ANA, BEN)[index % 2], record, utc(10 * index), utc(10 * index + 7), CONFIG)
        assert without_ids(queued) == without_ids(made)
        assert len({statement["context"]["registration"] for statement in queued}) == 1
