"""The JSON schemas for editors agree with the loader, and all shipped content passes them.

The loader is the authority on the format; the schemas only give editors hover text and early
warnings. These tests keep the two from drifting: same keys per object, same enums, and every
shipped scenario, example and principles file valid under both.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from game.engine.model import EXPRESSIONS, PORTRAITS, SCORE_NAMES, Channel, Outcome, Scene, Visibility
from game.engine.playing.conditions import ANGER_KEYS, CONDITION_KEYS
from game.engine.reading.limits import MAX_CHOICES, MAX_LIST_ITEMS
from game.engine.reading.loader import (
    CHOICE_KEYS,
    CUSTOMER_KEYS,
    EFFECT_KEYS,
    EFFECT_LIMIT,
    ENDING_KEYS,
    NODE_KEYS,
    ROUTE_KEYS,
    SCENARIO_KEYS,
    TEMPERAMENT_KEYS,
    TIMEOUT_KEYS,
    VARIATION_KEYS,
    read_scenario,
)
from game.engine.reading.principles import PRINCIPLE_KEYS
from game.engine.reading.text_rules import TextKind, is_presentable
from game.storage.scenario_files import PRINCIPLES_FILE, load_principles

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
SCHEMAS = SCENARIOS / "schema"
SCENARIO_SCHEMA_PATH = SCHEMAS / "scenario.schema.json"
PRINCIPLES_SCHEMA_PATH = SCHEMAS / "principles.schema.json"
EXAMPLES = ROOT / "docs" / "examples"
WORKED_EXAMPLE = EXAMPLES / "worked-example.yaml"
FORMAT_DOC = ROOT / "docs" / "scenario-format.md"
MODELINE_PREFIX = "# yaml-language-server: $schema="

SCENARIO_SCHEMA = json.loads(SCENARIO_SCHEMA_PATH.read_text(encoding="utf-8"))
PRINCIPLES_SCHEMA = json.loads(PRINCIPLES_SCHEMA_PATH.read_text(encoding="utf-8"))
SCENARIO_FILES = sorted(p for p in SCENARIOS.glob("*.yaml") if p.name != PRINCIPLES_FILE)
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
ALL_SCENARIO_FILES = SCENARIO_FILES + EXAMPLE_FILES


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def schema_errors(schema: dict[str, Any], data: Any) -> list[str]:
    errors = Draft202012Validator(schema).iter_errors(data)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors]


def loader_errors(data: Any) -> list[str]:
    """The loader's errors for `data`, written out as YAML (principles from scenarios/)."""
    principles, problems = load_principles(SCENARIOS)
    assert not problems
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    report = read_scenario(text.encode("utf-8"), "mutated.yaml", principles)
    return [str(d) for d in report.diagnostics if d.is_error]


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_is_content_to_check() -> None:
    assert SCENARIO_FILES, "no shipped scenarios found"
    assert WORKED_EXAMPLE in EXAMPLE_FILES


@pytest.mark.parametrize("schema", [SCENARIO_SCHEMA, PRINCIPLES_SCHEMA], ids=["scenario", "principles"])
def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", ALL_SCENARIO_FILES, ids=relative)
def test_scenario_file_matches_schema(path: Path) -> None:
    assert schema_errors(SCENARIO_SCHEMA, load_yaml(path)) == []


def test_principles_file_matches_schema() -> None:
    assert schema_errors(PRINCIPLES_SCHEMA, load_yaml(SCENARIOS / PRINCIPLES_FILE)) == []


@pytest.mark.parametrize("path", [*ALL_SCENARIO_FILES, SCENARIOS / PRINCIPLES_FILE], ids=relative)
def test_first_line_is_the_schema_modeline(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith(MODELINE_PREFIX), f"{relative(path)} must start with the modeline"
    target = (path.parent / first_line.removeprefix(MODELINE_PREFIX)).resolve()
    expected = PRINCIPLES_SCHEMA_PATH if path.name == PRINCIPLES_FILE else SCENARIO_SCHEMA_PATH
    assert target == expected


def test_scenario_files_use_the_short_modeline() -> None:
    for path in SCENARIO_FILES:
        assert path.read_text(encoding="utf-8").startswith(f"{MODELINE_PREFIX}schema/scenario.schema.json\n")


# -- the schema and the loader agree ------------------------------------------------------------


def definition(name: str) -> dict[str, Any]:
    return SCENARIO_SCHEMA["$defs"][name]


def properties(schema: dict[str, Any]) -> set[str]:
    return set(schema["properties"])


@pytest.mark.parametrize(
    ("where", "schema_keys", "loader_keys"),
    [
        ("the scenario", properties(SCENARIO_SCHEMA), SCENARIO_KEYS),
        ("customer", properties(definition("customer")), CUSTOMER_KEYS),
        ("temperament", properties(definition("temperament")), TEMPERAMENT_KEYS),
        ("variation", properties(definition("variation")), VARIATION_KEYS),
        ("node", properties(definition("talkingNode")) | properties(definition("routingNode")), NODE_KEYS),
        ("choice", properties(definition("choice")), CHOICE_KEYS),
        ("timeout", properties(definition("timeout")), TIMEOUT_KEYS),
        ("effects", properties(definition("effects")), EFFECT_KEYS),
        ("route entry", properties(definition("routeEntry")), ROUTE_KEYS),
        ("ending", properties(definition("ending")), ENDING_KEYS),
        ("condition", properties(definition("condition")), CONDITION_KEYS),
        ("anger condition", properties(definition("angerCondition")), ANGER_KEYS),
        ("principles file", properties(PRINCIPLES_SCHEMA), ("principles",)),
        ("principle", properties(PRINCIPLES_SCHEMA["$defs"]["principle"]), PRINCIPLE_KEYS),
    ],
)
def test_schema_keys_equal_loader_keys(where: str, schema_keys: set[str], loader_keys: tuple[str, ...]) -> None:
    assert schema_keys == set(loader_keys), f"{where}: the schema and the loader allow different keys"


def test_routing_node_allows_only_route() -> None:
    assert properties(definition("routingNode")) == {"route", "notes"}
    assert "route" not in properties(definition("talkingNode"))


def test_schema_enums_equal_model_enums() -> None:
    choice, ending = definition("choice")["properties"], definition("ending")["properties"]
    assert SCENARIO_SCHEMA["properties"]["channel"]["enum"] == [c.value for c in Channel]
    assert ending["outcome"]["enum"] == [o.value for o in Outcome]
    assert choice["when_unavailable"]["enum"] == [v.value for v in Visibility]
    assert definition("talkingNode")["properties"]["scene"]["enum"] == [s.value for s in Scene]
    assert definition("talkingNode")["properties"]["expression"]["enum"] == list(EXPRESSIONS)
    assert definition("portrait")["enum"] == list(PORTRAITS)
    assert properties(definition("endingEffects")) == set(SCORE_NAMES)  # no anger once it is over


def test_effect_range_equals_loader_limit() -> None:
    effect = definition("effect")
    assert (effect["minimum"], effect["maximum"]) == (-EFFECT_LIMIT, EFFECT_LIMIT)


@pytest.mark.parametrize("schema", [SCENARIO_SCHEMA, PRINCIPLES_SCHEMA], ids=["scenario", "principles"])
def test_text_lengths_equal_the_loader_limits(schema: dict[str, Any]) -> None:
    assert {kind: schema["$defs"][kind.name.lower()]["maxLength"] for kind in TextKind} == {
        kind: kind.limit for kind in TextKind
    }


def test_list_lengths_equal_the_loader_limits() -> None:
    say_list = definition("talkingNode")["properties"]["say"]["oneOf"][1]
    assert definition("talkingNode")["properties"]["choices"]["maxItems"] == MAX_CHOICES
    assert SCENARIO_SCHEMA["properties"]["objectives"]["maxItems"] == say_list["maxItems"] == MAX_LIST_ITEMS


# Every code point the schema's patterns can speak of: not the surrogates, which a JSON Schema
# pattern (UTF-16 in an editor) cannot tell from halves of a pair, nor the noncharacters.
SPEAKABLE = [chr(point) for point in range(0x3000) if not 0xD800 <= point <= 0xDFFF and not 0xFDD0 <= point <= 0xFDEF]


@pytest.mark.parametrize("kind", list(TextKind), ids=lambda kind: kind.name)
def test_text_patterns_refuse_the_characters_the_loader_refuses(kind: TextKind) -> None:
    pattern = re.compile(SCENARIO_SCHEMA["$defs"][kind.name.lower()]["pattern"])
    assert PRINCIPLES_SCHEMA["$defs"][kind.name.lower()]["pattern"] == pattern.pattern
    disagree = [
        f"U+{ord(char):04X}"
        for char in SPEAKABLE
        if bool(pattern.search(f"a{char}b")) != is_presentable(f"a{char}b", kind)
    ]
    assert disagree == []


def object_schemas(schema: Any) -> Iterator[dict[str, Any]]:
    """Every sub-schema with 'properties', anywhere in the document."""
    if isinstance(schema, dict):
        if isinstance(schema.get("properties"), dict):
            yield schema
        for value in schema.values():
            yield from object_schemas(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from object_schemas(item)


@pytest.mark.parametrize("schema", [SCENARIO_SCHEMA, PRINCIPLES_SCHEMA], ids=["scenario", "principles"])
def test_every_object_is_closed_and_every_property_described(schema: dict[str, Any]) -> None:
    found = list(object_schemas(schema))
    assert found
    for sub in found:
        assert sub.get("additionalProperties") is False, f"open object with keys {sorted(sub['properties'])}"
        for key, value in sub["properties"].items():
            assert value.get("description"), f"property '{key}' has no description"


# -- the schema rejects what the loader rejects, and accepts what it accepts -----------------


def example() -> dict[str, Any]:
    return copy.deepcopy(load_yaml(WORKED_EXAMPLE))


def first_choice(data: dict[str, Any]) -> dict[str, Any]:
    return data["nodes"]["greeting"]["choices"][0]


def typo_in_choice(data: dict[str, Any]) -> None:
    first_choice(data)["feedbak"] = first_choice(data).pop("feedback")


def typo_at_top(data: dict[str, Any]) -> None:
    data["titel"] = data.pop("title")


def effect_out_of_range(data: dict[str, Any]) -> None:
    first_choice(data)["effects"]["anger"] = 150


def effect_not_a_number(data: dict[str, Any]) -> None:
    first_choice(data)["effects"]["resolution"] = "lots"


def anger_out_of_range(data: dict[str, Any]) -> None:
    data["customer"]["anger"] = 101


def timer_without_timeout(data: dict[str, Any]) -> None:
    del data["nodes"]["explain"]["timeout"]


def route_without_fallback(data: dict[str, Any]) -> None:
    data["nodes"]["take-stock"]["route"][-1]["if"] = {"flag": "verified"}


def unknown_portrait(data: dict[str, Any]) -> None:
    data["customer"]["portrait"] = "caller-women"


def anger_on_an_ending(data: dict[str, Any]) -> None:
    next(iter(data["endings"].values()))["effects"] = {"anger": 10}


def a_person_called_customer(data: dict[str, Any]) -> None:
    data["people"] = {"customer": {"name": "Sam", "portrait": "team-leader"}}


def tab_in_notes(data: dict[str, Any]) -> None:
    data["notes"] = "Draft\ttwo"


def unknown_scene(data: dict[str, Any]) -> None:
    data["nodes"]["greeting"]["scene"] = "office"


def unknown_expression(data: dict[str, Any]) -> None:
    data["nodes"]["greeting"]["expression"] = "sheepsh"


def where_on_two_lines(data: dict[str, Any]) -> None:
    data["nodes"]["greeting"]["where"] = "At the\ndesk"


def route_node_with_where(data: dict[str, Any]) -> None:
    data["nodes"]["take-stock"]["where"] = "At the desk"


def route_node_with_choices(data: dict[str, Any]) -> None:
    data["nodes"]["take-stock"]["choices"] = copy.deepcopy(data["nodes"]["put-right"]["choices"])


def bad_node_id(data: dict[str, Any]) -> None:
    data["nodes"]["Put Right"] = data["nodes"].pop("put-right")


def empty_say_list(data: dict[str, Any]) -> None:
    data["nodes"]["put-right"]["say"] = []


def silent_node(data: dict[str, Any]) -> None:
    del data["nodes"]["put-right"]["say"]


def walk_out_without_threshold(data: dict[str, Any]) -> None:
    del data["customer"]["walks_out_at"]


def unknown_channel(data: dict[str, Any]) -> None:
    data["channel"] = "email"


def empty_condition(data: dict[str, Any]) -> None:
    data["nodes"]["explain"]["choices"][0]["if"] = {}


def typo_in_anger_condition(data: dict[str, Any]) -> None:
    data["nodes"]["take-stock"]["route"][0]["if"] = {"anger": {"at_leest": 60}}


def missing_outcome(data: dict[str, Any]) -> None:
    del data["endings"]["sorted"]["outcome"]


def title_too_long(data: dict[str, Any]) -> None:
    data["title"] = "a" * 81


def line_break_in_a_choice(data: dict[str, Any]) -> None:
    first_choice(data)["text"] = "Two\nlines."


def escape_sequence_in_narration(data: dict[str, Any]) -> None:
    data["nodes"]["greeting"]["narration"] = "\x1b[2J"


def ten_choices(data: dict[str, Any]) -> None:
    choices = data["nodes"]["greeting"]["choices"]
    choices += [{**copy.deepcopy(choices[0]), "id": f"more-{n}"} for n in range(10 - len(choices))]


def thirteen_objectives(data: dict[str, Any]) -> None:
    data["objectives"] = [f"Objective {n}" for n in range(13)]


@pytest.mark.parametrize(
    "mutate",
    [
        typo_in_choice,
        typo_at_top,
        effect_out_of_range,
        effect_not_a_number,
        anger_out_of_range,
        timer_without_timeout,
        route_without_fallback,
        route_node_with_choices,
        bad_node_id,
        empty_say_list,
        silent_node,
        walk_out_without_threshold,
        unknown_channel,
        empty_condition,
        typo_in_anger_condition,
        missing_outcome,
        title_too_long,
        line_break_in_a_choice,
        escape_sequence_in_narration,
        ten_choices,
        thirteen_objectives,
        unknown_portrait,
        anger_on_an_ending,
        a_person_called_customer,
        unknown_scene,
        unknown_expression,
        where_on_two_lines,
        route_node_with_where,
        tab_in_notes,
    ],
    ids=lambda f: f.__name__,
)
def test_schema_rejects_what_the_loader_rejects(mutate: Callable[[dict[str, Any]], None]) -> None:
    data = example()
    mutate(data)
    assert loader_errors(data), "the mutation should be an error for the loader"
    assert schema_errors(SCENARIO_SCHEMA, data), "the schema accepted a file the loader rejects"


def say_as_one_line(data: dict[str, Any]) -> None:
    data["nodes"]["put-right"]["say"] = "Right. So when do I get my money back?"


def narration_only(data: dict[str, Any]) -> None:
    node = data["nodes"]["wants-manager"]
    del node["say"]
    node["narration"] = "She sighs heavily down the line."


def rich_conditions(data: dict[str, Any]) -> None:
    data["nodes"]["take-stock"]["route"][0]["if"] = {
        "any": [
            {"anger": {"above": 59, "below": 100}},
            {"all": [{"not_flag": "verified"}, {"not": {"anger": {"at_most": 40}}}]},
        ],
    }


def no_variation_or_walk_out(data: dict[str, Any]) -> None:
    del data["variation"]
    for key in ("walks_out_at", "walks_out_to", "temperament"):
        del data["customer"][key]


def texts_at_their_limits(data: dict[str, Any]) -> None:
    data["title"] = "a" * 80
    data["nodes"]["greeting"]["narration"] = "First.\n\nSecond, after a blank line."
    first_choice(data)["feedback"] = "f" * 1500
    data["objectives"] = [f"Objective {n}" for n in range(12)]


def optional_choice_keys(data: dict[str, Any]) -> None:
    choice = first_choice(data)
    choice.update(effects={}, clears=[], when_unavailable="hide")
    data["nodes"]["greeting"]["shuffle"] = False


def a_second_speaker_in_a_review(data: dict[str, Any]) -> None:
    data["people"] = {"sam": {"name": "Sam", "portrait": "team-leader", "notes": "The trainee's team leader."}}
    data["nodes"]["greeting"].update(speaker="sam", scene="review", notes="Sam speaks first here.")
    data["nodes"]["take-stock"]["notes"] = "Routes by anger."


def a_place_and_an_expression(data: dict[str, Any]) -> None:
    data["nodes"]["greeting"].update(where="At the desk", expression="sheepish")


def notes_and_ending_effects(data: dict[str, Any]) -> None:
    data["notes"] = "Draft 2, for the phone team."
    first_choice(data)["notes"] = "The answer we hope for."
    data["nodes"]["explain"]["timeout"]["notes"] = "Silence on the phone."
    ending = next(iter(data["endings"].values()))
    ending.update(effects={"composure": -5, "resolution": 3}, notes="A penalty for ending this way.")


@pytest.mark.parametrize(
    "mutate",
    [
        a_second_speaker_in_a_review,
        a_place_and_an_expression,
        notes_and_ending_effects,
        say_as_one_line,
        narration_only,
        rich_conditions,
        no_variation_or_walk_out,
        optional_choice_keys,
        texts_at_their_limits,
    ],
    ids=lambda f: f.__name__,
)
def test_schema_accepts_what_the_loader_accepts(mutate: Callable[[dict[str, Any]], None]) -> None:
    data = example()
    mutate(data)
    assert loader_errors(data) == []
    assert schema_errors(SCENARIO_SCHEMA, data) == []


def test_a_typo_inside_a_choice_is_blamed_on_that_choice_not_its_node() -> None:
    """An editor underlines where the checker says: with the node's kind chosen by whether it has
    'route', a typo in one choice is reported at that choice, alone, instead of 'choices', 'say'
    and 'narration' being 'unexpected' in the whole node."""
    data = example()
    typo_in_choice(data)
    errors = list(Draft202012Validator(SCENARIO_SCHEMA).iter_errors(data))
    assert [(list(e.absolute_path), e.validator) for e in errors] == [
        (["nodes", "greeting", "choices", 0], "additionalProperties")
    ]
    assert "'feedbak'" in errors[0].message


def test_a_talking_key_in_a_routing_node_is_blamed_on_the_routing_node() -> None:
    data = example()
    route_node_with_choices(data)
    errors = list(Draft202012Validator(SCENARIO_SCHEMA).iter_errors(data))
    assert [(list(e.absolute_path), e.validator) for e in errors] == [(["nodes", "take-stock"], "additionalProperties")]
    assert "'choices'" in errors[0].message


def test_principles_schema_rejects_a_typo_key() -> None:
    data = load_yaml(SCENARIOS / PRINCIPLES_FILE)
    principle = next(iter(data["principles"].values()))
    principle["explenation"] = principle.pop("explanation")
    assert schema_errors(PRINCIPLES_SCHEMA, data)


# -- the worked example in the docs ---------------------------------------------------------


def test_worked_example_has_no_diagnostics_with_the_shipped_principles() -> None:
    principles, problems = load_principles(SCENARIOS)
    assert not problems
    report = read_scenario(WORKED_EXAMPLE.read_bytes(), relative(WORKED_EXAMPLE), principles)
    assert [str(d) for d in report.diagnostics] == []


def test_format_doc_shows_the_worked_example_verbatim() -> None:
    assert WORKED_EXAMPLE.read_text(encoding="utf-8") in FORMAT_DOC.read_text(encoding="utf-8")


def test_format_doc_names_every_key() -> None:
    doc = FORMAT_DOC.read_text(encoding="utf-8")
    keys = {
        *SCENARIO_KEYS,
        *CUSTOMER_KEYS,
        *TEMPERAMENT_KEYS,
        *VARIATION_KEYS,
        *NODE_KEYS,
        *CHOICE_KEYS,
        *TIMEOUT_KEYS,
        *EFFECT_KEYS,
        *ROUTE_KEYS,
        *ENDING_KEYS,
        *CONDITION_KEYS,
        *ANGER_KEYS,
        *PRINCIPLE_KEYS,
    }
    assert sorted(key for key in keys if f"`{key}`" not in doc) == []
