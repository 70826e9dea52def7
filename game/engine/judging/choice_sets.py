"""Each node's answers as the trainer wrote them, judged against each other: what `lint` and
`coverage` read, one node at a time, without playing the scenario out.

An answer's quality here is the debrief's quality of the moment (`quality.py`) with every answer
of the node on offer: its own effects, plus the ending's when it ends the conversation there.
Conditions only take answers away, and the whole-play checks run on the exact state graph instead.
Nodes that reuse one written list of answers (a YAML alias) are one choice set.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Choice, Consequence, Node, Scenario
from ..playing.history import TIMEOUT
from ..playing.rules import gains_on_arrival
from ..reading.diagnostics import Position
from .quality import Quality, mean_quality, option_qualities
from .statespace import Edge

POOR_BELOW = 0.5  # an answer nearer the worst on offer than the best breaks what it names
TIE = 1e-9


@dataclass(frozen=True, slots=True)
class Answer:
    """One choice, or a node's timeout, with its quality among the answers written beside it."""

    choice: Choice | None  # None: the timeout
    consequence: Consequence
    quality: Quality

    @property
    def id(self) -> str:
        return self.choice.id if self.choice else TIMEOUT

    @property
    def text(self) -> str:
        return self.choice.text if self.choice else ""

    @property
    def position(self) -> Position:
        return self.choice.position if self.choice else self.consequence.position

    @property
    def mean(self) -> float:
        return mean_quality(self.quality)

    @property
    def is_poor(self) -> bool:
        return self.mean < POOR_BELOW


@dataclass(frozen=True, slots=True)
class ChoiceSet:
    """The answers of one node, or of several nodes that share them."""

    nodes: tuple[str, ...]
    answers: tuple[Answer, ...]  # the choices in written order, then the timeout

    @property
    def choices(self) -> tuple[Answer, ...]:
        return tuple(answer for answer in self.answers if answer.choice is not None)

    @property
    def best(self) -> tuple[Answer, ...]:
        """The choices of the highest mean quality (the timeout is never a recommendation)."""
        top = max(answer.mean for answer in self.answers)
        return tuple(answer for answer in self.choices if answer.mean >= top - TIE)

    @property
    def where(self) -> str:
        """The nodes, as a message names them."""
        return " and ".join(f"'{node}'" for node in self.nodes[:3]) + (
            f" and {len(self.nodes) - 3} more nodes" if len(self.nodes) > 3 else ""
        )


def choice_sets(scenario: Scenario) -> list[ChoiceSet]:
    """Every talking node's answers, in file order; nodes sharing one list of answers give one set."""
    found: dict[tuple[tuple[Choice, ...], Consequence | None], list[Node]] = {}
    for node in scenario.nodes.values():
        if node.choices:
            found.setdefault((node.choices, node.timeout), []).append(node)
    return [_judged(scenario, nodes) for nodes in found.values()]


def _judged(scenario: Scenario, nodes: list[Node]) -> ChoiceSet:
    node = nodes[0]
    written: list[tuple[Choice | None, Consequence]] = [(choice, choice.consequence) for choice in node.choices]
    if node.timeout is not None:
        written.append((None, node.timeout))
    options = [
        Edge(index, 0, gains_on_arrival(scenario, consequence.effects.gains(), consequence.next), choice is None)
        for index, (choice, consequence) in enumerate(written)
    ]
    qualities = option_qualities(options)
    answers = tuple(
        Answer(choice, consequence, quality) for (choice, consequence), quality in zip(written, qualities, strict=True)
    )
    return ChoiceSet(tuple(n.id for n in nodes), answers)
