"""A real scenario with every text a person reads swapped for test text, bypassing the loader.

The screens and the terminal player must survive whatever text reaches them, whether or not
the loader would let it through, so the texts are put straight into the model: the shipped
angry-walk-in scenario keeps its structure (nodes, timers, locked choices, endings) and only its
words change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from game.engine.model import Choice, Consequence, Node, Scenario

KINDS = (
    "title",
    "summary",
    "objective",
    "name",
    "narration",
    "say",
    "choice",
    "hint",
    "feedback",
    "ending_title",
    "ending_text",
    "principle",
)


def retexted(scenario: Scenario, texts: Mapping[str, str]) -> Scenario:
    """`scenario` with each kind of text (see KINDS) set to `texts[kind]` wherever it appears."""
    return replace(
        scenario,
        title=texts["title"],
        summary=texts["summary"],
        objectives=tuple(texts["objective"] for _ in scenario.objectives),
        customer=replace(scenario.customer, name=texts["name"]),
        nodes={key: _node(node, texts) for key, node in scenario.nodes.items()},
        endings={
            key: replace(ending, title=texts["ending_title"], text=texts["ending_text"])
            for key, ending in scenario.endings.items()
        },
        principles={key: replace(p, name=texts["principle"]) for key, p in scenario.principles.items()},
    )


def _node(node: Node, texts: Mapping[str, str]) -> Node:
    return replace(
        node,
        narration=texts["narration"] if node.narration else "",
        say=tuple(texts["say"] for _ in node.say),
        choices=tuple(_choice(choice, texts) for choice in node.choices),
        timeout=_consequence(node.timeout, texts) if node.timeout else None,
    )


def _choice(choice: Choice, texts: Mapping[str, str]) -> Choice:
    hint = texts["hint"] if choice.unavailable_hint else ""
    return replace(
        choice, text=texts["choice"], unavailable_hint=hint, consequence=_consequence(choice.consequence, texts)
    )


def _consequence(consequence: Consequence, texts: Mapping[str, str]) -> Consequence:
    return replace(consequence, feedback=texts["feedback"] if consequence.feedback else "")
