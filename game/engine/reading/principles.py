"""The customer-service principles file: the vocabulary every choice's `principle` refers to."""

from __future__ import annotations

from ..model import Principle
from .diagnostics import DiagnosticSink, ScenarioError
from .fields import MapReader
from .text_rules import TextKind
from .yamltree import decode, read_tree

PRINCIPLE_KEYS = ("name", "explanation", "source")


def read_principles(data: bytes, path: str) -> dict[str, Principle]:
    """Parse principles.yaml; raises ScenarioError listing every problem."""
    sink = DiagnosticSink(path)
    text = decode(data, sink)
    tree = read_tree(text, sink) if text is not None else None
    principles: dict[str, Principle] = {}
    if tree is not None:
        top = MapReader(tree, sink, "the principles file", ("principles",))
        for key, (_, node) in top.mapping("principles", required=True).items():
            reader = MapReader(node, sink, f"principle '{key}'", PRINCIPLE_KEYS)
            principles[key] = Principle(
                key,
                reader.text("name", TextKind.LABEL),
                reader.text("explanation", TextKind.PARAGRAPH),
                reader.text("source", TextKind.LINE, required=False),
            )
    if sink.has_errors:
        raise ScenarioError(sink.items)
    return principles
