"""Scenario YAML (bytes) to the frozen model, collecting every problem with its position.

The engine does no I/O: callers hand in the file's bytes and its path (for messages).
Structural checks and references are checked here, where the positions are; checks on the
whole graph (reachability, dead ends, loops) run afterwards in `validate`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import (
    CUSTOMER,
    EXPRESSIONS,
    PORTRAITS,
    SCORE_NAMES,
    Channel,
    Choice,
    Consequence,
    Customer,
    Effects,
    Ending,
    Node,
    Outcome,
    Person,
    Principle,
    Route,
    Scenario,
    Scene,
    Temperament,
    Visibility,
)
from ..playing.conditions import read_condition
from ..playing.rules import TEMPERAMENT_MAX, TEMPERAMENT_MIN
from .diagnostics import Diagnostic, DiagnosticSink, Position, ScenarioError, quoted
from .fields import ID_PATTERN, MapReader, did_you_mean
from .limits import MAX_CHOICES
from .text_rules import TextKind
from .yamltree import DEFAULT_LIMITS, SizeLimits, YMap, YNode, YScalar, YSeq, decode, read_tree

SCENARIO_KEYS = (
    "id",
    "title",
    "summary",
    "channel",
    "difficulty",
    "objectives",
    "customer",
    "people",
    "variation",
    "start",
    "nodes",
    "endings",
    "notes",
)
NOTES = "notes"  # free text for other authors, anywhere it is allowed; the game never shows it
CUSTOMER_KEYS = ("name", "portrait", "anger", "walks_out_at", "walks_out_to", "temperament")
PERSON_KEYS = ("name", "portrait", NOTES)
TEMPERAMENT_KEYS = ("min", "max")
VARIATION_KEYS = ("shuffle_choices",)
NODE_KEYS = (
    "say",
    "narration",
    "speaker",
    "scene",
    "where",
    "expression",
    "choices",
    "route",
    "timer",
    "timeout",
    "shuffle",
    NOTES,
)
CHOICE_KEYS = (
    "id",
    "text",
    "effects",
    "feedback",
    "principle",
    "sets",
    "clears",
    "if",
    "when_unavailable",
    "unavailable_hint",
    "next",
    NOTES,
)
TIMEOUT_KEYS = ("effects", "feedback", "principle", "sets", "clears", "next", NOTES)
EFFECT_KEYS = ("anger", "composure", "assertiveness", "resolution")
ROUTE_KEYS = ("if", "next")
ENDING_KEYS = ("outcome", "title", "text", "effects", NOTES)
EFFECT_LIMIT = 100


@dataclass(frozen=True, slots=True)
class LoadReport:
    scenario: Scenario | None
    diagnostics: list[Diagnostic]

    def scenario_or_raise(self) -> Scenario:
        if self.scenario is None or any(d.is_error for d in self.diagnostics):
            raise ScenarioError(self.diagnostics)
        return self.scenario


def read_scenario(
    data: bytes, path: str, principles: Mapping[str, Principle] | None = None, limits: SizeLimits = DEFAULT_LIMITS
) -> LoadReport:
    """Parse and check one scenario file's bytes; `principles` None skips principle checks."""
    from .validate import check_flags, check_graph  # validate builds on the model this module makes

    sink = DiagnosticSink(path)
    text = decode(data, sink, limits)
    tree = read_tree(text, sink, limits) if text is not None else None
    if tree is None:
        return LoadReport(None, sink.items)
    scenario = _ScenarioReader(sink, principles).read(tree, path, hashlib.sha256(data).hexdigest()[:16])
    if scenario is not None:
        check_flags(scenario, sink)  # beside the other errors: a misspelt flag may be the cause of some
        if not sink.has_errors:
            check_graph(scenario, sink)
    return LoadReport(None if sink.has_errors else scenario, sink.items)


class _ScenarioReader:
    def __init__(self, sink: DiagnosticSink, principles: Mapping[str, Principle] | None) -> None:
        self.sink = sink
        self.principles = principles
        self.places: set[str] = set()
        self.people_at: dict[str, Position] = {}

    def read(self, tree: YNode, path: str, digest: str) -> Scenario | None:
        top = MapReader(tree, self.sink, "the scenario", SCENARIO_KEYS)
        if not top.is_mapping:  # already reported; an empty mapping goes on to list what it needs
            return None
        raw_nodes = top.mapping("nodes", required=True)
        raw_endings = top.mapping("endings", required=True)
        self._check_shared_ids(raw_nodes, raw_endings)
        self.places = set(raw_nodes) | set(raw_endings)
        self.people = self._people(top)
        _notes(top)
        endings = {key: self._ending(key, at, node) for key, (at, node) in raw_endings.items()}
        shuffle = self._shuffle_default(top)
        nodes = {key: self._node(key, at, node, shuffle) for key, (at, node) in raw_nodes.items()}
        self._check_people_speak(nodes)
        start_at = top.where("start")
        never_an_ending = "a conversation starts at a node, never at an ending"
        start = self._reference(top.literal("start"), start_at, set(raw_nodes), "node", never_an_ending)
        return Scenario(
            id=top.ident("id", "the scenario id"),
            title=top.text("title", TextKind.LABEL),
            summary=top.text("summary", TextKind.PARAGRAPH),
            channel=top.choice("channel", Channel) or Channel.IN_PERSON,
            difficulty=top.integer("difficulty", 1, 5),
            objectives=top.text_list("objectives", TextKind.LINE, required=True),
            customer=self._customer(top, set(raw_endings)),
            start=start,
            nodes=nodes,
            endings=endings,
            principles=dict(self.principles or {}),
            path=path,
            id_position=top.where("id"),
            digest=digest,
            people=self.people,
        )

    def _check_shared_ids(
        self, nodes: dict[str, tuple[Position, YNode]], endings: dict[str, tuple[Position, YNode]]
    ) -> None:
        for key in sorted(set(nodes) & set(endings)):
            self.sink.error(
                endings[key][0], "shared-id", f"'{key}' is both a node and an ending; give them different ids"
            )

    def _shuffle_default(self, top: MapReader) -> bool:
        node = top.node("variation")
        if node is None:
            return False
        return MapReader(node, self.sink, "variation", VARIATION_KEYS).boolean("shuffle_choices", False)

    def _customer(self, top: MapReader, ending_ids: set[str]) -> Customer:
        node = top.node("customer", required=True)
        if node is None:  # already reported where it is missing or empty
            return Customer("", "", 0)
        reader = MapReader(node, self.sink, "the customer", CUSTOMER_KEYS)
        problems_before = self.sink.count
        anger = reader.integer("anger", 0, 100)
        walks_out_at = reader.integer("walks_out_at", 1, 100) if reader.has("walks_out_at") else None
        numbers_valid = self.sink.count == problems_before  # else compare nothing made up
        if walks_out_at is not None and numbers_valid and walks_out_at <= anger:
            self.sink.error(
                reader.where("walks_out_at"),
                "walkout",
                f"walks_out_at ({walks_out_at}) must be above the starting anger ({anger})",
            )
        walks_out_to = None
        if walks_out_at is not None:
            walks_out_to = self._reference(
                reader.literal("walks_out_to"),
                reader.where("walks_out_to"),
                ending_ids,
                "ending",
                "walking out ends the conversation, so name the ending it leads to",
            )
        elif reader.has("walks_out_to"):
            self.sink.error(reader.where("walks_out_to"), "walkout", "walks_out_to needs walks_out_at")
        return Customer(
            reader.text("name", TextKind.LABEL),
            self._portrait(reader),
            anger,
            walks_out_at,
            walks_out_to,
            self._temperament(reader),
        )

    def _portrait(self, reader: MapReader) -> str:
        portrait = reader.ident("portrait", "the portrait")
        if portrait and portrait not in PORTRAITS:
            hint = did_you_mean(portrait, list(PORTRAITS)) or f"; the portraits are {', '.join(PORTRAITS)}"
            self.sink.error(
                reader.where("portrait"), "unknown-portrait", f"there is no portrait {quoted(portrait)}{hint}"
            )
        return portrait

    def _people(self, top: MapReader) -> dict[str, Person]:
        """The people other than the customer who speak on some nodes, by speaker id."""
        people = {}
        for key, (at, node) in top.mapping("people").items():
            if key == CUSTOMER:
                self.sink.error(
                    at, "reserved-id", f"'{CUSTOMER}' is the customer's speaker id; give this person another id"
                )
                continue
            reader = MapReader(node, self.sink, f"person '{key}'", PERSON_KEYS)
            _notes(reader)
            people[key] = Person(reader.text("name", TextKind.LABEL), self._portrait(reader))
            self.people_at[key] = at
        return people

    def _check_people_speak(self, nodes: dict[str, Node]) -> None:
        """A person no node names is most likely a speaker id misspelt on the nodes meant for them."""
        speakers = {node.speaker for node in nodes.values()}
        for key, at in self.people_at.items():
            if key not in speakers:
                self.sink.warning(at, "silent-person", f"person '{key}' never speaks: no node names them as 'speaker'")

    def _speaker(self, reader: MapReader) -> str:
        speaker = reader.literal("speaker", required=False)
        known = [CUSTOMER, *self.people]
        if speaker and speaker not in known:
            hint = did_you_mean(speaker, known)
            self.sink.error(
                reader.where("speaker"),
                "unknown-speaker",
                f"there is no speaker {quoted(speaker)}: name '{CUSTOMER}' or a person under 'people'{hint}",
            )
        return speaker if speaker in known else CUSTOMER

    def _temperament(self, customer: MapReader) -> Temperament:
        node = customer.node("temperament")
        if node is None:
            return Temperament()
        reader = MapReader(node, self.sink, "the temperament", TEMPERAMENT_KEYS)
        low, high = (
            reader.integer("min", TEMPERAMENT_MIN, TEMPERAMENT_MAX),
            reader.integer("max", TEMPERAMENT_MIN, TEMPERAMENT_MAX),
        )
        if low > high:
            self.sink.error(node.position, "range", f"temperament min ({low}) is above max ({high})")
        return Temperament(low, max(low, high))

    def _reference(
        self, target: str, at: Position, only: set[str] | None = None, what: str = "node or ending", why: str = ""
    ) -> str:
        """A `next`, or (with `only`) a reference that must name one kind of place, saying `why`."""
        known = self.places if only is None else only
        if target and target in self.places and target not in known:
            kinds = "a node, not an ending" if what == "ending" else "an ending, not a node"
            self.sink.error(at, "wrong-kind", f"{quoted(target)} is {kinds}: {why}")
        elif target and target not in known:
            hint = did_you_mean(target, sorted(known))
            self.sink.error(at, "unknown-reference", f"there is no {what} {quoted(target)}{hint}")
        return target

    def _ending(self, key: str, at: Position, node: YNode) -> Ending:
        reader = MapReader(node, self.sink, f"ending '{key}'", ENDING_KEYS)
        _notes(reader)
        outcome = reader.choice("outcome", Outcome) or Outcome.PARTIAL
        title, text = reader.text("title", TextKind.LABEL), reader.text("text", TextKind.PARAGRAPH)
        return Ending(key, outcome, title, text, at, self._ending_effects(key, reader.node("effects")))

    def _ending_effects(self, key: str, node: YNode | None) -> Effects:
        """Score effects for ending this way; anger is refused, as nothing follows to feel it."""
        effects = self._effects(node)
        if isinstance(node, YMap) and "anger" in node.entries:
            self.sink.error(
                node.entries["anger"].key_position,
                "ending-anger",
                f"ending '{key}' cannot change anger: the conversation is over; "
                f"use {', '.join(SCORE_NAMES)}, or put the anger on the answer that leads here",
            )
            return Effects(**{name: effects.score(name) for name in SCORE_NAMES})
        return effects

    def _node(self, key: str, at: Position, node: YNode, shuffle_default: bool) -> Node:
        reader = MapReader(node, self.sink, f"node '{key}'", NODE_KEYS)
        _notes(reader)
        if reader.has("route"):
            return self._route_node(key, at, reader)
        if not reader.has("choices"):
            self.sink.error(at, "no-choices", f"node '{key}' needs 'choices' (or a 'route')")
        timer = reader.integer("timer", 5, 600) if reader.has("timer") else None
        timeout = self._timeout(key, reader, timer)
        say = self._say(reader)
        narration = reader.text("narration", TextKind.PARAGRAPH, required=False)
        if not any(say) and not narration:
            self.sink.error(at, "silent", f"node '{key}' needs 'say' or 'narration'")
        items = reader.sequence("choices", required=True, most=MAX_CHOICES, why=", one for each number key 1-9")
        choices = tuple(self._choice(item) for item in items)
        self._check_unique_choices(choices)
        return Node(
            key,
            say,
            narration,
            choices,
            (),
            timer,
            timeout,
            reader.boolean("shuffle", shuffle_default),
            at,
            self._speaker(reader),
            reader.choice("scene", Scene) if reader.has("scene") else None,
            reader.text("where", TextKind.LABEL, required=False) or None,
            reader.word("expression", EXPRESSIONS) if reader.has("expression") else None,
        )

    def _say(self, reader: MapReader) -> tuple[str, ...]:
        node = reader.node("say")
        if isinstance(node, YSeq):
            return reader.text_list("say", TextKind.LINE, required=True)
        return (reader.text("say", TextKind.LINE),) if node is not None else ()

    def _timeout(self, key: str, reader: MapReader, timer: int | None) -> Consequence | None:
        node = reader.node("timeout")
        if timer is None and node is not None:
            self.sink.error(node.position, "timer", f"node '{key}' has a timeout but no timer")
        if timer is not None and node is None:
            self.sink.error(reader.where("timer"), "timer", f"node '{key}' has a timer but no timeout")
        if node is None:
            return None
        timeout = MapReader(node, self.sink, f"the timeout of '{key}'", TIMEOUT_KEYS)
        _notes(timeout)
        return self._consequence(timeout)

    def _route_node(self, key: str, at: Position, reader: MapReader) -> Node:
        for other in (key for key in NODE_KEYS if key not in ("route", NOTES)):
            if reader.has(other):
                self.sink.error(
                    reader.entries[other].key_position,
                    "route-node",
                    f"node '{key}' has a 'route', so it passes straight on: remove '{other}'",
                )
        routes = tuple(self._route(item) for item in reader.sequence("route", required=True))
        for index, route in enumerate(routes):
            if route.condition is None and index < len(routes) - 1:
                self.sink.error(
                    routes[index + 1].position,
                    "dead-route",
                    "this route entry is never used: the one before it has no 'if'",
                )
        if routes and routes[-1].condition is not None:
            self.sink.error(
                routes[-1].position,
                "route-fallback",
                f"the last route entry of '{key}' needs no 'if', so every case goes somewhere",
            )
        return Node(key, route=routes, position=at)

    def _route(self, node: YNode) -> Route:
        reader = MapReader(node, self.sink, "a route entry", ROUTE_KEYS)
        condition_node = reader.node("if", required=reader.has("if"))  # an empty `if:` is a mistake
        condition = read_condition(condition_node, self.sink) if condition_node is not None else None
        target = self._reference(reader.literal("next"), reader.where("next"))
        return Route(target, condition, node.position)

    def _choice(self, node: YNode) -> Choice:
        reader = MapReader(node, self.sink, _choice_name(node), CHOICE_KEYS)
        _notes(reader)
        condition_node = reader.node("if", required=reader.has("if"))  # an empty `if:` is a mistake
        condition = read_condition(condition_node, self.sink) if condition_node is not None else None
        for key in ("when_unavailable", "unavailable_hint"):
            if reader.has(key) and not reader.has("if"):
                self.sink.warning(
                    reader.entries[key].key_position,
                    "no-condition",
                    f"'{key}' has no effect: this choice has no 'if', so it is always available",
                )
        return Choice(
            id=reader.ident("id", "the choice id"),
            text=reader.text("text", TextKind.LINE),
            consequence=self._consequence(reader),
            condition=condition,
            when_unavailable=reader.choice("when_unavailable", Visibility, Visibility.SHOW) or Visibility.SHOW,
            unavailable_hint=reader.text("unavailable_hint", TextKind.LINE, required=False),
            position=node.position,
        )

    def _consequence(self, reader: MapReader) -> Consequence:
        if not reader.has("feedback"):
            self.sink.warning(
                reader.position,
                "no-feedback",
                f"{reader.what} has no feedback: the debrief cannot say why it helped or hurt",
            )
        return Consequence(
            effects=self._effects(reader.node("effects")),
            next=self._reference(reader.literal("next"), reader.where("next")),
            feedback=reader.text("feedback", TextKind.PARAGRAPH, required=False),
            principle=self._principle(reader),
            sets=reader.ident_list("sets", "the flag"),
            clears=reader.ident_list("clears", "the flag"),
            position=reader.position,
        )

    def _principle(self, reader: MapReader) -> str:
        principle = reader.literal("principle", required=False)
        if not principle:
            self.sink.warning(reader.position, "no-principle", f"{reader.what} names no principle")
        elif self.principles is not None and principle not in self.principles:
            hint = did_you_mean(principle, sorted(self.principles))
            self.sink.error(
                reader.where("principle"),
                "unknown-principle",
                f"there is no principle {quoted(principle)} in principles.yaml{hint}",
            )
        return principle

    def _effects(self, node: YNode | None) -> Effects:
        if node is None:
            return Effects()
        reader = MapReader(node, self.sink, "effects", EFFECT_KEYS)
        values = {key: reader.integer(key, -EFFECT_LIMIT, EFFECT_LIMIT) for key in EFFECT_KEYS if reader.has(key)}
        return Effects(**values)

    def _check_unique_choices(self, choices: tuple[Choice, ...]) -> None:
        seen: set[str] = set()
        for choice in choices:
            if choice.id and choice.id in seen:
                self.sink.error(choice.position, "duplicate-choice", f"two choices here have the id '{choice.id}'")
            seen.add(choice.id)


def _notes(reader: MapReader) -> None:
    """Notes for other authors are held to the text rules like any text, and then dropped."""
    reader.text(NOTES, TextKind.PARAGRAPH, required=False)


def _choice_name(node: YNode) -> str:
    """How messages name a choice: by its id where it has a usable one."""
    entry = node.entries.get("id") if isinstance(node, YMap) else None
    if entry is not None and isinstance(entry.value, YScalar) and ID_PATTERN.fullmatch(entry.value.text):
        return f"choice '{entry.value.text}'"
    return "a choice"
