"""The scenario as the engine sees it: frozen data, already checked, with stable ids.

Everything here is immutable so one loaded scenario can back any number of sessions,
analyses and screens at once. Positions are kept for diagnostics found after loading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .reading.diagnostics import Position

SCORE_NAMES = ("composure", "assertiveness", "resolution")
NOWHERE = Position(1, 1)
CUSTOMER = "customer"  # the speaker id of the scenario's customer, who speaks unless a node names another
# The faces the game can draw, by id; the window asserts it can draw each one (see `ui/portrait.py`).
PORTRAITS = (
    "walk-in-man",
    "caller-woman",
    "young-man",
    "young-woman",
    "older-man",
    "older-woman",
    "team-leader",
    "account-holder",
)
# The expressions a node can give its speaker's face for one line, on top of what the anger shows.
EXPRESSIONS = ("amused", "embarrassed", "hurt", "relieved", "sheepish", "suspicious", "worried")


class Channel(StrEnum):
    IN_PERSON = "in-person"
    PHONE = "phone"
    CHAT = "chat"


class Scene(StrEnum):
    """How the stage looks: one of the three channels, or a neutral room with no meter and no call."""

    COUNTER = "counter"
    PHONE = "phone"
    CHAT = "chat"
    REVIEW = "review"


CHANNEL_SCENES = {Channel.IN_PERSON: Scene.COUNTER, Channel.PHONE: Scene.PHONE, Channel.CHAT: Scene.CHAT}


class Outcome(StrEnum):
    RESOLVED = "resolved"
    PARTIAL = "partial"
    ESCALATED = "escalated"
    LOST = "lost"


class Visibility(StrEnum):
    """What a choice whose condition fails looks like to the trainee."""

    SHOW = "show"  # listed, greyed out, with its hint
    HIDE = "hide"


@dataclass(frozen=True, slots=True)
class Effects:
    anger: int = 0
    composure: int = 0
    assertiveness: int = 0
    resolution: int = 0

    def score(self, name: str) -> int:
        return int(getattr(self, name))

    def gains(self) -> tuple[int, int, int]:
        """The three scores' changes, in SCORE_NAMES order."""
        return (self.composure, self.assertiveness, self.resolution)


# Conditions are a small closed language of data; each knows how to test itself. Never code.
@dataclass(frozen=True, slots=True)
class AngerRange:
    """Anger within [low, high], both inclusive; `below`/`above` are folded in when loading."""

    low: int = 0
    high: int = 100

    def holds(self, anger: int, flags: frozenset[str]) -> bool:
        return self.low <= anger <= self.high


@dataclass(frozen=True, slots=True)
class HasFlag:
    flag: str

    def holds(self, anger: int, flags: frozenset[str]) -> bool:
        return self.flag in flags


@dataclass(frozen=True, slots=True)
class Not:
    condition: Condition

    def holds(self, anger: int, flags: frozenset[str]) -> bool:
        return not self.condition.holds(anger, flags)


@dataclass(frozen=True, slots=True)
class AllOf:
    conditions: tuple[Condition, ...]

    def holds(self, anger: int, flags: frozenset[str]) -> bool:
        return all(part.holds(anger, flags) for part in self.conditions)


@dataclass(frozen=True, slots=True)
class AnyOf:
    conditions: tuple[Condition, ...]

    def holds(self, anger: int, flags: frozenset[str]) -> bool:
        return any(part.holds(anger, flags) for part in self.conditions)


Condition = AngerRange | HasFlag | Not | AllOf | AnyOf


@dataclass(frozen=True, slots=True)
class Consequence:
    """What a choice or a timeout does: effects, flags, feedback and where it leads."""

    effects: Effects
    next: str
    feedback: str = ""
    principle: str = ""
    sets: frozenset[str] = frozenset()
    clears: frozenset[str] = frozenset()
    position: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    text: str
    consequence: Consequence
    condition: Condition | None = None
    when_unavailable: Visibility = Visibility.SHOW
    unavailable_hint: str = ""
    position: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Route:
    next: str
    condition: Condition | None = None
    position: Position = NOWHERE


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    say: tuple[str, ...] = ()  # alternative wordings; one is picked per visit from the seed
    narration: str = ""
    choices: tuple[Choice, ...] = ()
    route: tuple[Route, ...] = ()  # a routing node passes straight on to the first match
    timer: int | None = None
    timeout: Consequence | None = None
    shuffle: bool = False
    position: Position = NOWHERE
    speaker: str = CUSTOMER  # a person's id in `Scenario.people`, or CUSTOMER
    scene: Scene | None = None  # None: the scenario's channel
    where: str | None = None  # where the conversation is from here on, until a later node names another place
    expression: str | None = None  # one of EXPRESSIONS, for this node's line only

    @property
    def is_route(self) -> bool:
        return bool(self.route)

    def targets(self) -> list[str]:
        """Every place this node can lead to, whatever the conditions."""
        return [route.next for route in self.route] + [c.next for c in self.consequences()]

    def consequences(self) -> tuple[Consequence, ...]:
        """Every way out of this node a trainee can cause: the choices, then the timeout."""
        timeout = (self.timeout,) if self.timeout else ()
        return tuple(choice.consequence for choice in self.choices) + timeout


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    outcome: Outcome
    title: str
    text: str
    position: Position = NOWHERE
    effects: Effects = Effects()  # on the scores for ending this way; anger has none once it is over


@dataclass(frozen=True, slots=True)
class Person:
    """Someone other than the customer who speaks on some nodes (a team leader, the account holder)."""

    name: str
    portrait: str


@dataclass(frozen=True, slots=True)
class Temperament:
    """How strongly anger reacts, in percent of each choice's anger effect; drawn per run."""

    low: int = 100
    high: int = 100


@dataclass(frozen=True, slots=True)
class Customer:
    name: str
    portrait: str
    anger: int
    walks_out_at: int | None = None
    walks_out_to: str | None = None
    temperament: Temperament = Temperament()


@dataclass(frozen=True, slots=True)
class Principle:
    id: str
    name: str
    explanation: str
    source: str = ""


@dataclass(frozen=True, slots=True, eq=False, weakref_slot=True)
class Scenario:
    """A loaded scenario. Compared and hashed by identity: it is a large, immutable object
    that sessions and their shared state machine refer to (see `machine.py`)."""

    id: str
    title: str
    summary: str
    channel: Channel
    difficulty: int
    objectives: tuple[str, ...]
    customer: Customer
    start: str
    nodes: dict[str, Node]
    endings: dict[str, Ending]
    principles: dict[str, Principle] = field(default_factory=dict)
    path: str = ""
    id_position: Position = NOWHERE
    digest: str = ""  # of the file's bytes: a save made against another version can say so
    people: dict[str, Person] = field(default_factory=dict)

    def place(self, place_id: str) -> Node | Ending:
        return self.nodes.get(place_id) or self.endings[place_id]

    def speaker_at(self, place_id: str) -> Person:
        """Who speaks at a place: the node's named person, else (and at endings) the customer."""
        node = self.nodes.get(place_id)
        person = self.people.get(node.speaker) if node is not None else None
        return person or Person(self.customer.name, self.customer.portrait)

    def scene_at(self, place_id: str) -> Scene:
        """How a place is shown: the node's own scene, else the channel's."""
        node = self.nodes.get(place_id)
        return node.scene if node is not None and node.scene is not None else CHANNEL_SCENES[self.channel]
