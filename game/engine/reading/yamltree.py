"""Read YAML text into a tree that remembers where every value was written.

PyYAML's constructors lose positions, silently keep the last of two duplicate keys and turn
`no` into False and `12:30` into 750. So we build the tree ourselves from the parser's event
stream (libyaml's C parser where present): every scalar stays the text the trainer wrote,
each node keeps its line and column, and the walk is iterative, so a hostile file (deep
nesting, alias bombs, explicit `!!python` tags) ends in a diagnostic instead of a crash.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from ..collector import collector_paused
from .diagnostics import DiagnosticSink, Position, quoted, shown
from .tabs import untabbed
from .yaml_problems import explain

try:  # the C parser is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MEBIBYTE = 1024 * 1024
MAX_BYTES = 4 * MEBIBYTE  # the 2,000-node benchmark scenario is 2.5 MB
MAX_DEPTH = 64
MAX_TAB_ROUNDS = 20  # readings of a file whose tabs the parser keeps refusing, before giving up
TAB_INDENTS = "a tab indents this line, and YAML allows only spaces for indentation: use spaces"
MAX_EXPANDED_NODES = 400_000  # that scenario holds 130,000; reading 400,000 takes about a second
LARGEST_MEGABYTES = 256  # room for ~200,000 nodes, ten times the largest the engine is measured on
TEXT_TAG = "tag:yaml.org,2002:str"
COMMENT_AFTER = re.compile(r"[ \t]+#")
NOT_YAML_TEXT = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class CommentCut:
    """Where ` #` ended an unquoted text: YAML took the rest of the line for a comment."""

    position: Position  # of the '#'
    lost: str  # from the '#' to the end of the line


@dataclass(slots=True)
class YScalar:
    text: str
    position: Position
    plain: bool  # written without quotes: only plain scalars can mean null
    size: int = 1
    cut: CommentCut | None = None  # set on the few plain scalars a comment follows on their last line

    @property
    def is_null(self) -> bool:
        return self.plain and self.text in ("", "~", "null", "Null", "NULL")


@dataclass(slots=True)
class YEntry:
    key: str
    key_position: Position
    value: YNode


@dataclass(slots=True)
class YMap:
    position: Position
    entries: dict[str, YEntry] = field(default_factory=dict)
    size: int = 1


@dataclass(slots=True)
class YSeq:
    position: Position
    items: list[YNode] = field(default_factory=list)
    size: int = 1


YNode = YScalar | YMap | YSeq


@dataclass(frozen=True, slots=True)
class SizeLimits:
    """The guards against runaway files (an endless or alias-bombed file fails fast, in a sentence).
    They are parameters, not settings of the module, so a trainer generating a large scenario can
    raise them for one command (`validate --max-megabytes N`) while every other reader keeps them."""

    max_bytes: int = MAX_BYTES
    max_values: int = MAX_EXPANDED_NODES

    @classmethod
    def of_megabytes(cls, megabytes: int) -> SizeLimits:
        """Room for a file of `megabytes` MiB, with as many values per MiB as the default allows."""
        if not 1 <= megabytes <= LARGEST_MEGABYTES:
            raise ValueError(f"the size limit must be 1 to {LARGEST_MEGABYTES} MiB, not {megabytes}")
        return cls(megabytes * MEBIBYTE, megabytes * (MAX_EXPANDED_NODES * MEBIBYTE // MAX_BYTES))


DEFAULT_LIMITS = SizeLimits()


def position_of(mark: Any) -> Position:
    """A parser mark (pure-Python or libyaml's, never None on events) as a 1-based position."""
    return Position(mark.line + 1, mark.column + 1)


def decode(data: bytes, sink: DiagnosticSink, limits: SizeLimits = DEFAULT_LIMITS) -> str | None:
    """Bytes to text, or None with a diagnostic saying why the file is not YAML text."""
    start = Position(1, 1)
    if len(data) > limits.max_bytes:
        megabytes = len(data) / MEBIBYTE
        limit = limits.max_bytes / MEBIBYTE
        sink.error(start, "too-large", f"the file is {megabytes:.2f} MiB; the limit is {limit:g} MiB")
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        sink.error(start, "encoding", "the file is UTF-16; save it as UTF-8")
        return None
    if b"\x00" in data:
        at = _position_in_bytes(data, data.index(b"\x00"))
        sink.error(at, "binary", "the file contains a NUL byte: it is binary, not YAML text")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        at = _position_in_bytes(data, problem.start)
        bad = data[problem.start]
        sink.error(at, "encoding", f"byte 0x{bad:02x} is not UTF-8; save the file as UTF-8")
        return None


def _position_in_bytes(data: bytes, offset: int) -> Position:
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return Position(before.count(b"\n") + 1, column)


def read_tree(text: str, sink: DiagnosticSink, limits: SizeLimits = DEFAULT_LIMITS) -> YNode | None:
    """Parse one YAML document into a positioned tree; None (with diagnostics) if it fails."""
    try:
        return _read_tree(text, sink, limits)
    except yaml.reader.ReaderError:  # a character YAML forbids, met on any reading (a second one too)
        sink.error(*_describe_bad_character(text))  # libyaml's offset counts UTF-8 bytes: find it ourselves
        return None


def _read_tree(text: str, sink: DiagnosticSink, limits: SizeLimits) -> YNode | None:
    before = sink.mark()
    try:
        return _build_tree(_Loader, text, _TreeBuilder(sink, limits.max_values, text))
    except yaml.MarkedYAMLError as problem:
        if _Loader is not yaml.SafeLoader and _opens_more_than_limit_before(problem, text):
            sink.rollback(before)  # the second reading reports them again
            return _read_without_libyaml_limit(text, _TreeBuilder(sink, limits.max_values, text), problem)
        if _tab_at(problem, text) is not None:
            sink.rollback(before)
            return _read_despite_tabs(text, sink, limits)
        sink.error(*_describe_parse_error(problem, text))
        return None


def _read_despite_tabs(text: str, sink: DiagnosticSink, limits: SizeLimits) -> YNode | None:
    """Report every line indented with a tab, then read the file with spaces in their place, so the
    tabs hide no other mistake. Where the parser stops at such a line, the line is tried at its
    next likely width. A tab the parser still refuses further along a line becomes a space:
    reported after a '- ', where it indents the item, and silently after a key, where libyaml
    reads it as a space anyway and PyYAML's own parser does not."""
    spaced = untabbed(text)
    for indented in spaced.tabs:
        sink.error(indented, "tab", TAB_INDENTS)
    for rounds_left in reversed(range(MAX_TAB_ROUNDS)):
        source = spaced.text
        since = sink.mark()
        try:
            root = _build_tree(_Loader, source, _TreeBuilder(sink, limits.max_values, source))
        except yaml.MarkedYAMLError as problem:
            tab = _tab_at(problem, source)
            at, code, message = _describe_parse_error(problem, source) if tab is None else (tab, "tab", TAB_INDENTS)
            suspect = spaced.suspect(at.line)
            if rounds_left and (tab is not None or (suspect is not None and spaced.try_another_width(suspect))):
                sink.rollback(since)  # the next reading reports them again
                if tab is not None:
                    if _indents(source, tab):
                        sink.error(spaced.written(tab), code, message)
                    spaced.space_out(tab)
                continue
            sink.relocate(since, spaced.written)
            if suspect is None:  # else it would most likely come of our guess at the tab
                sink.error(spaced.written(at), code, message)
            return None
        sink.relocate(since, spaced.written)
        if root is not None and spaced.tabbed:
            _relocate(root, spaced.written)
        return root
    return None  # pragma: no cover - the last round always returns


def _tab_at(problem: yaml.MarkedYAMLError, source: str) -> Position | None:
    """The tab a parse error points at, if it points at one."""
    mark = problem.problem_mark or problem.context_mark
    if mark is None:
        return None
    at = position_of(mark)
    lines = source.split("\n")
    if at.line > len(lines) or at.column > len(lines[at.line - 1]) or lines[at.line - 1][at.column - 1] != "\t":
        return None
    return at


def _indents(source: str, tab: Position) -> bool:
    """Whether only spaces, tabs and list dashes come before the tab on its line."""
    line = source.split("\n")[tab.line - 1]
    return not line[: tab.column - 1].replace("-", " ").strip()


def _relocate(root: YNode, moved: Callable[[Position], Position]) -> None:
    """Every position in the tree moved, each shared (aliased) value once."""
    done: set[int] = set()
    todo: list[YNode] = [root]
    while todo:
        node = todo.pop()
        if id(node) in done:
            continue
        done.add(id(node))
        node.position = moved(node.position)
        if isinstance(node, YScalar):
            if node.cut is not None:
                node.cut = CommentCut(moved(node.cut.position), node.cut.lost)
        elif isinstance(node, YSeq):
            todo.extend(node.items)
        else:
            for entry in node.entries.values():
                entry.key_position = moved(entry.key_position)
                todo.append(entry.value)


def _build_tree(
    loader_class: type[yaml.SafeLoader] | type[yaml.CSafeLoader], text: str, builder: _TreeBuilder
) -> YNode | None:
    """Feed the parser's events to a tree builder; parse errors propagate to the caller."""
    loader = None
    try:
        loader = loader_class(text)  # the pure-Python reader checks characters already here
        with collector_paused():
            while loader.check_event():
                event = loader.get_event()
                if event is None or not builder.feed(event):
                    return None
    finally:
        if loader is not None:
            loader.dispose()
    if builder.root is None:
        builder.sink.error(Position(1, 1), "empty", "the file is empty; a scenario is a mapping of keys")
    return builder.root


def _opens_more_than_limit_before(problem: yaml.MarkedYAMLError, source: str) -> bool:
    """Whether the failing line opens more flow collections before the failure than we allow.

    libyaml reads a whole line of `[[[[...` ahead of the events it hands us, and since PyYAML
    6.0.4 its own nesting limit (1,000) fails there before our builder has seen 64 levels. Only
    then is the file read again without libyaml, so our limit speaks, at its own position,
    whichever PyYAML release is installed."""
    mark = problem.problem_mark
    lines = source.splitlines() if mark is not None else []
    if mark is None or mark.line >= len(lines):
        return False
    before = lines[mark.line][: mark.column]
    return before.count("[") + before.count("{") > MAX_DEPTH


def _read_without_libyaml_limit(text: str, builder: _TreeBuilder, problem: yaml.MarkedYAMLError) -> YNode | None:
    """The pure-Python parser has no nesting limit of its own; its syntax errors match libyaml's."""
    try:
        return _build_tree(yaml.SafeLoader, text, builder)
    except yaml.MarkedYAMLError:
        builder.sink.error(*_describe_parse_error(problem, text))
        return None


def _describe_parse_error(problem: yaml.MarkedYAMLError, source: str) -> tuple[Position, str, str]:
    """Our own sentence for it (see yaml_problems), so no parser's wording reaches a trainer."""
    at, message = explain(problem, source)
    return at or Position(1, 1), "syntax", f"YAML syntax: {message}"


def _describe_bad_character(source: str) -> tuple[Position, str, str]:
    found = NOT_YAML_TEXT.search(source)
    if found is None:  # pragma: no cover - the reader and this pattern agree on what YAML allows
        return Position(1, 1), "character", "the file holds a character that YAML does not allow"
    offset = found.start()
    at = Position(source.count("\n", 0, offset) + 1, offset - source.rfind("\n", 0, offset))
    return at, "character", f"the character U+{ord(found.group()):04X} is not allowed in YAML text; remove it"


_UNUSABLE_KEY = YScalar("", Position(1, 1), plain=True)


class _TreeBuilder:
    """Turns parser events into a YNode tree without recursion."""

    def __init__(self, sink: DiagnosticSink, max_values: int, source: str) -> None:
        self.sink = sink
        self.max_values = max_values
        self.source = source
        self.root: YNode | None = None
        self.stack: list[YMap | YSeq] = []
        self.pending_keys: list[YScalar | None] = []
        self.anchors: dict[str, YNode] = {}
        self.aliased = False  # whether any alias was used, to say why there are so many values
        self.documents = 0

    def feed(self, event: yaml.Event) -> bool:
        """Handle one event; False means stop reading (a diagnostic says why)."""
        handler = self._handlers.get(type(event))  # by exact type: this runs once per value
        return handler(self, event) if handler is not None else True

    def _document(self, event: yaml.Event) -> bool:
        self.documents += 1
        if self.documents > 1:
            return self._fail(event, "documents", "only one YAML document is allowed per file")
        return True

    _handlers: ClassVar[dict[type, Callable[[_TreeBuilder, Any], bool]]] = {}

    def _fail(self, event: yaml.Event, code: str, message: str) -> bool:
        self.sink.error(position_of(event.start_mark), code, message)
        return False

    def _tag_allowed(self, event: yaml.NodeEvent) -> bool:
        tag = getattr(event, "tag", None)
        if tag in (None, "!", TEXT_TAG) or (
            tag and tag.startswith("tag:yaml.org,2002:") and tag.rsplit(":", 1)[1] in ("map", "seq")
        ):
            return True
        written = shown(tag.replace("tag:yaml.org,2002:", "!!")) if tag else tag
        return self._fail(
            event,
            "tag",
            f"the tag {written} is not allowed: write plain text, numbers, lists and mappings without tags",
        )

    def _open(self, event: yaml.CollectionStartEvent) -> bool:
        if not self._tag_allowed(event):
            return False
        if len(self.stack) >= MAX_DEPTH:
            return self._fail(event, "too-deep", f"values are nested more than {MAX_DEPTH} deep")
        at = position_of(event.start_mark)
        node: YMap | YSeq = YMap(at) if isinstance(event, yaml.MappingStartEvent) else YSeq(at)
        self._remember_anchor(event, node)
        self.stack.append(node)
        self.pending_keys.append(None)
        return True

    def _close(self, event: yaml.Event) -> bool:
        node = self.stack.pop()
        self.pending_keys.pop()
        return self._attach(node, event)

    def _scalar(self, event: yaml.ScalarEvent) -> bool:
        # The hot path of reading: most scalars carry no tag and no anchor.
        if event.tag is not None and not self._tag_allowed(event):
            return False
        plain = not event.style and event.tag is None  # libyaml reports plain style as '', PyYAML as None
        mark: Any = event.start_mark  # set on every parsed event
        node = YScalar(event.value, Position(mark.line + 1, mark.column + 1), plain)
        end: Any = event.end_mark
        if plain and self.source.startswith((" ", "\t"), end.index):  # rare: most end at ':' or a line break
            node.cut = self._comment_after(end)
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        return self._attach(node, event)

    def _comment_after(self, end: Any) -> CommentCut | None:
        """The comment that cut a plain scalar short, if spaces and a '#' follow where it ends."""
        found = COMMENT_AFTER.match(self.source, end.index)
        if found is None:
            return None
        start = found.end() - 1
        line_end = self.source.find("\n", start)
        lost = self.source[start : line_end if line_end >= 0 else len(self.source)].rstrip("\r")
        return CommentCut(Position(end.line + 1, end.column + 1 + start - end.index), lost)

    def _alias(self, event: yaml.AliasEvent) -> bool:
        node = self.anchors.get(event.anchor or "")
        if node is None:
            name = shown(event.anchor or "")
            return self._fail(event, "alias", f"the alias *{name} has no anchor &{name} before it")
        if any(open_node is node for open_node in self.stack):
            return self._fail(
                event, "alias", f"the alias *{shown(event.anchor or '')} refers to a value that contains it"
            )
        self.aliased = True
        return self._attach(node, event)

    def _remember_anchor(self, event: yaml.NodeEvent, node: YNode) -> None:
        if event.anchor is not None:
            self.anchors[event.anchor] = node

    def _attach(self, node: YNode, event: yaml.Event) -> bool:
        if not self.stack:
            self.root = node
            return True
        parent = self.stack[-1]
        parent.size += node.size
        if parent.size > self.max_values:
            if not self.aliased:
                return self._fail(
                    event,
                    "too-many-values",
                    f"the file holds more than {self.max_values:,} values, far more than a scenario needs",
                )
            return self._fail(
                event,
                "alias-bomb",
                f"aliases expand this file to more than {self.max_values:,} values; write the values out instead",
            )
        if isinstance(parent, YSeq):
            parent.items.append(node)
            return True
        return self._attach_to_map(parent, node)

    def _attach_to_map(self, parent: YMap, node: YNode) -> bool:
        key = self.pending_keys[-1]
        if key is None:
            if not isinstance(node, YScalar):
                self.sink.error(node.position, "key", "a key must be plain text, not a list or mapping")
                node = _UNUSABLE_KEY
            self.pending_keys[-1] = node
            return True
        self.pending_keys[-1] = None
        if key is _UNUSABLE_KEY:  # already reported; its value is left out
            return True
        earlier = parent.entries.get(key.text)
        if earlier is not None:
            first = earlier.key_position
            self.sink.error(
                key.position,
                "duplicate-key",
                f"duplicate key {quoted(key.text)} (first written at line {first.line}); "
                "YAML would silently keep only the last one",
            )
            return True
        parent.entries[key.text] = YEntry(key.text, key.position, node)
        return True


_TreeBuilder._handlers.update(
    {
        yaml.DocumentStartEvent: _TreeBuilder._document,
        yaml.MappingStartEvent: _TreeBuilder._open,
        yaml.SequenceStartEvent: _TreeBuilder._open,
        yaml.MappingEndEvent: _TreeBuilder._close,
        yaml.SequenceEndEvent: _TreeBuilder._close,
        yaml.ScalarEvent: _TreeBuilder._scalar,
        yaml.AliasEvent: _TreeBuilder._alias,
    }
)
