"""The condition language: read from YAML, and evaluated against anger and flags.

Conditions are data, not code. A mapping's keys must all hold:
`{anger: {at_least: 80}}`, `{flag: x}`, `{not_flag: x}`, `{all: [...]}`, `{any: [...]}`,
`{not: {...}}`. Nothing a trainer writes is ever evaluated as Python.
"""

from __future__ import annotations

from ..model import AllOf, AngerRange, AnyOf, Condition, HasFlag, Not
from ..reading.diagnostics import DiagnosticSink
from ..reading.fields import MapReader
from ..reading.yamltree import YMap, YNode

CONDITION_KEYS = ("anger", "flag", "not_flag", "all", "any", "not")
ANGER_KEYS = ("at_least", "at_most", "above", "below")


def holds(condition: Condition | None, anger: int, flags: frozenset[str]) -> bool:
    """True when the condition is met; no condition always holds."""
    return condition is None or condition.holds(anger, flags)


def flags_named(condition: Condition | None) -> set[str]:
    """Every flag a condition tests, for the 'flag is never set' check."""
    match condition:
        case HasFlag(flag):
            return {flag}
        case Not(inner):
            return flags_named(inner)
        case AllOf(parts) | AnyOf(parts):
            return set().union(*(flags_named(part) for part in parts))
    return set()


def read_condition(node: YNode, sink: DiagnosticSink) -> Condition:
    reader = MapReader(node, sink, "a condition", CONDITION_KEYS)
    parts: list[Condition] = []
    if reader.has("anger"):
        parts.append(_read_anger(reader.node("anger", required=True), sink))
    for key, negate in (("flag", False), ("not_flag", True)):
        name = reader.ident(key, "the flag") if reader.has(key) else ""
        if name:
            parts.append(Not(HasFlag(name)) if negate else HasFlag(name))
    for key, combine in (("all", AllOf), ("any", AnyOf)):
        if reader.has(key):
            items = reader.sequence(key, required=True)
            parts.append(combine(tuple(read_condition(item, sink) for item in items)))
    if reader.has("not"):
        inner = reader.node("not", required=True)
        if inner is not None:
            parts.append(Not(read_condition(inner, sink)))
    if isinstance(node, YMap) and not node.entries:
        sink.error(node.position, "empty", "a condition needs at least one of: " + ", ".join(CONDITION_KEYS))
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts))


def _read_anger(node: YNode | None, sink: DiagnosticSink) -> Condition:
    if node is None:
        return AngerRange()
    reader = MapReader(node, sink, "an anger condition", ANGER_KEYS)
    low, high = 0, 100
    if reader.has("at_least"):
        low = max(low, reader.integer("at_least", 0, 100))
    if reader.has("above"):
        low = max(low, reader.integer("above", 0, 99) + 1)
    if reader.has("at_most"):
        high = min(high, reader.integer("at_most", 0, 100))
    if reader.has("below"):
        high = min(high, reader.integer("below", 1, 100) - 1)
    if isinstance(node, YMap) and not node.entries:
        sink.error(node.position, "empty", "an anger condition needs at_least, at_most, above or below")
    if low > high:
        sink.error(node.position, "never", f"this anger condition can never hold (needs {low} to {high})")
    return AngerRange(low, high)
