"""Where the header says the conversation is must fit what the trainee sees.

A node shown in another scene than its channel's (a talk in the review room after an in-person
shift) needs a `where` named on every path to it: without one the header falls back to the
channel's own words and says "At the counter" over a quiet room.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from game.engine import read_scenario
from game.engine.model import CHANNEL_SCENES, Scenario
from game.storage.scenario_files import PRINCIPLES_FILE, load_scenario
from tests.paths import SCENARIOS

SHIPPED = sorted(p for p in SCENARIOS.glob("*.yaml") if p.name != PRINCIPLES_FILE)


def unnamed_scene_changes(scenario: Scenario) -> list[str]:
    """Nodes in a scene of their own that some path reaches with no place named yet.

    Follows every way out of every node, whatever its condition, so a path the conditions
    would never allow can only make this stricter.
    """
    own_scene = CHANNEL_SCENES[scenario.channel]
    found: set[str] = set()
    seen: set[tuple[str, str | None]] = set()
    waiting: list[tuple[str, str | None]] = [(scenario.start, None)]
    while waiting:
        place, where = waiting.pop()
        node = scenario.nodes.get(place)
        if node is None or (place, where) in seen:
            continue
        seen.add((place, where))
        where = node.where or where
        if not node.is_route and where is None and scenario.scene_at(place) is not own_scene:
            found.add(place)
        waiting += [(target, where) for target in node.targets()]
    return sorted(found)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_a_node_in_a_scene_of_its_own_has_a_place_named(path: Path) -> None:
    assert unnamed_scene_changes(load_scenario(path)) == []


def test_a_review_without_a_place_is_found() -> None:
    """The check can fail: the shift debrief, every `where` taken out, is a review with no place."""
    tree = yaml.safe_load((SCENARIOS / "after-the-shift.yaml").read_text(encoding="utf-8"))
    for node in tree["nodes"].values():
        node.pop("where", None)
    scenario = read_scenario(yaml.safe_dump(tree).encode(), "after-the-shift.yaml").scenario_or_raise()
    assert "how-are-you" in unnamed_scene_changes(scenario)
