"""Small scenarios written inline in tests, loaded through the real loader and validation."""

from __future__ import annotations

from game.engine.model import Scenario
from game.engine.reading.loader import read_scenario


def scenario_from(text: str, path: str = "test.yaml") -> Scenario:
    """A scenario from YAML text, through the real loader and validation."""
    return read_scenario(text.encode(), path).scenario_or_raise()


def header(scenario_id: str, customer: str) -> str:
    """The keys every scenario needs before `start`, with the given customer block."""
    return (
        f'id: {scenario_id}\ntitle: "T"\nsummary: "S"\nchannel: chat\ndifficulty: 1\n'
        f'objectives: ["o"]\ncustomer:\n{customer}\n'
    )
