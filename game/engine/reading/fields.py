"""Typed, located access to one YAML mapping, reporting every problem and carrying on.

Each getter returns a usable value even when the YAML is wrong (after recording a
diagnostic at the offending place), so one pass over a file finds all of its mistakes.
Text is taken as written: `no` stays "no" and `12:30` stays "12:30"; only its straight quotes
become typographic (see `typography`), except in references to ids, which are read `literal`.
Every text for people passes `text` or `text_list`, which hold it to `text_rules`; every
message that quotes the file quotes it through `diagnostics.quoted`.
"""

from __future__ import annotations

import difflib
import re
from enum import Enum
from typing import TypeVar

from .diagnostics import DiagnosticSink, Position, quoted
from .limits import MAX_LIST_ITEMS
from .text_rules import TextKind, text_problems
from .typography import typographic
from .yamltree import YMap, YNode, YScalar, YSeq

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
INTEGER_PATTERN = re.compile(r"[-+]?[0-9]+")
E = TypeVar("E", bound=Enum)

KIND_NAMES = {YMap: "a mapping", YSeq: "a list", YScalar: "text"}


def describe(node: YNode) -> str:
    if isinstance(node, YScalar):
        return "nothing" if node.is_null else quoted(node.text)
    return KIND_NAMES[type(node)]


def did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean {quoted(close[0])}?" if close else ""


def check_id(text: str, position: Position, sink: DiagnosticSink, what: str) -> bool:
    if ID_PATTERN.fullmatch(text):
        return True
    sink.error(
        position,
        "bad-id",
        f"{what} {quoted(text)} must be 1-64 lowercase letters, digits, '-' or '_', starting with a letter or digit",
    )
    return False


class MapReader:
    """Reads the keys of one mapping; unknown keys are reported once, when it is made."""

    def __init__(self, node: YNode, sink: DiagnosticSink, what: str, allowed: tuple[str, ...]) -> None:
        self.sink = sink
        self.what = what
        self.position = node.position
        self.entries = node.entries if isinstance(node, YMap) else {}
        self.is_mapping = isinstance(node, YMap)  # if not, that one error stands for its missing keys
        if not isinstance(node, YMap):
            sink.error(node.position, "type", f"{what} must be a mapping of keys, not {describe(node)}")
        for key, entry in self.entries.items():
            if key not in allowed:
                hint = did_you_mean(key, list(allowed))
                sink.error(entry.key_position, "unknown-key", f"unknown key {quoted(key)} in {what}{hint}")

    def has(self, key: str) -> bool:
        return key in self.entries

    def node(self, key: str, required: bool = False) -> YNode | None:
        entry = self.entries.get(key)
        if entry is None:
            if required and self.is_mapping:
                self.sink.error(self.position, "missing-key", f"{self.what} needs '{key}'")
            return None
        if isinstance(entry.value, YScalar) and entry.value.is_null:
            if required:
                self.sink.error(entry.value.position, "empty", f"'{key}' in {self.what} is empty")
            return None
        return entry.value

    def where(self, key: str) -> Position:
        entry = self.entries.get(key)
        return entry.value.position if entry else self.position

    def scalar(self, key: str, required: bool) -> YScalar | None:
        node = self.node(key, required)
        if node is None or isinstance(node, YScalar):
            return node
        self.sink.error(node.position, "type", f"'{key}' must be text, not {describe(node)}")
        return None

    def text(self, key: str, kind: TextKind, required: bool = True) -> str:
        """Words for people, held to the text rules, with typographic quotes: every field that is not an id."""
        node = self.scalar(key, required)
        return "" if node is None else self._words(node, f"'{key}' in {self.what}", kind, required)

    def _words(self, node: YScalar, name: str, kind: TextKind, required: bool) -> str:
        text = node.text.strip()
        if not text:  # a quoted "" is as empty as a missing value
            if required:
                self.sink.error(node.position, "empty", f"{name} is empty")
            return ""
        for problem in text_problems(text, kind):
            self.sink.error(node.position, problem.code, f"{name} {problem.message}")
        if node.cut is not None:
            self.sink.warning(
                node.cut.position,
                "comment-cut",
                f"{name} stops at ' #': YAML reads {quoted(node.cut.lost)} as a comment and leaves it out; "
                "put the whole text in quotes, or that part is lost",
            )
        return typographic(text)

    def literal(self, key: str, required: bool = True) -> str:
        """Text exactly as written, for a reference to an id elsewhere in the file."""
        node = self.scalar(key, required)
        if node is None:
            return ""
        if required and not node.text.strip():  # a quoted "" is as empty as a missing value
            self.sink.error(node.position, "empty", f"'{key}' in {self.what} is empty")
        return node.text.strip()

    def ident(self, key: str, what: str, required: bool = True) -> str:
        node = self.scalar(key, required)
        if node is None:
            return ""
        return node.text if check_id(node.text, node.position, self.sink, what) else ""

    def integer(self, key: str, low: int, high: int, required: bool = True, default: int = 0) -> int:
        node = self.scalar(key, required)
        if node is None:
            return default
        if not INTEGER_PATTERN.fullmatch(node.text.strip()):
            self.sink.error(node.position, "type", f"'{key}' must be a whole number, not {quoted(node.text)}")
            return default
        if len(node.text.strip()) > 20:  # int() refuses 4,300 digits or more; no field needs 20
            self.sink.error(node.position, "range", f"'{key}' must be from {low} to {high}, not a number that long")
            return default
        value = int(node.text)
        if not low <= value <= high:
            self.sink.error(node.position, "range", f"'{key}' must be from {low} to {high}, not {value}")
            return max(low, min(high, value))
        return value

    def boolean(self, key: str, default: bool) -> bool:
        node = self.scalar(key, required=False)
        if node is None:
            return default
        word = node.text.strip().lower()
        if word not in ("true", "false"):
            self.sink.error(node.position, "type", f"'{key}' must be true or false, not {quoted(node.text)}")
            return default
        return word == "true"

    def choice(self, key: str, options: type[E], default: E | None = None) -> E | None:
        word = self.word(key, tuple(option.value for option in options), required=default is None)
        return default if word is None else options(word)

    def word(self, key: str, words: tuple[str, ...], required: bool = True) -> str | None:
        """One of a closed set of words, or None (reported, with the nearest word) when it is another."""
        node = self.scalar(key, required)
        if node is None:
            return None
        if node.text in words:
            return node.text
        hint = did_you_mean(node.text, list(words))
        self.sink.error(
            node.position, "bad-value", f"'{key}' must be one of {', '.join(words)}, not {quoted(node.text)}{hint}"
        )
        return None

    def sequence(self, key: str, required: bool = False, most: int | None = None, why: str = "") -> list[YNode]:
        """The list's items; beyond `most` of them is an error at the first one too many."""
        node = self.node(key, required)
        if node is None:
            return []
        if isinstance(node, YSeq):
            if required and not node.items:
                self.sink.error(node.position, "empty", f"'{key}' in {self.what} is an empty list")
            if most is not None and len(node.items) > most:
                self.sink.error(
                    node.items[most].position,
                    "too-many",
                    f"'{key}' in {self.what} has {len(node.items):,} entries; the limit is {most}{why}",
                )
            return node.items
        self.sink.error(node.position, "type", f"'{key}' must be a list, not {describe(node)}")
        return []

    def text_list(self, key: str, kind: TextKind, required: bool = False) -> tuple[str, ...]:
        """A list of texts for people, at most MAX_LIST_ITEMS, each held to the text rules like `text`."""
        items = self._text_items(self.sequence(key, required, MAX_LIST_ITEMS), key)
        return tuple(self._words(item, f"an entry of '{key}' in {self.what}", kind, required=True) for item in items)

    def _text_items(self, nodes: list[YNode], key: str) -> list[YScalar]:
        items = []
        for item in nodes:
            if isinstance(item, YScalar) and not item.is_null:
                items.append(item)
            else:
                self.sink.error(item.position, "type", f"each entry of '{key}' must be text, not {describe(item)}")
        return items

    def ident_list(self, key: str, what: str) -> frozenset[str]:
        # one pass over the list, so a non-list is reported once and each id at its own place
        return frozenset(
            item.text.strip()
            for item in self._text_items(self.sequence(key), key)
            if check_id(item.text.strip(), item.position, self.sink, what)
        )

    def mapping(self, key: str, required: bool = False) -> dict[str, tuple[Position, YNode]]:
        """A mapping of id to value, e.g. `nodes`; keys are checked as ids."""
        node = self.node(key, required)
        if node is None:
            return {}
        if not isinstance(node, YMap):
            self.sink.error(node.position, "type", f"'{key}' must be a mapping, not {describe(node)}")
            return {}
        if required and not node.entries:
            self.sink.error(node.position, "empty", f"'{key}' has no entries")
        return {
            entry.key: (entry.key_position, entry.value)
            for entry in node.entries.values()
            if check_id(entry.key, entry.key_position, self.sink, "the id")
        }
