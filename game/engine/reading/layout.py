"""Indentation and colon mistakes, explained from the lines around them rather than the parser's words.

When YAML gives up on a line's indentation, libyaml says "did not find expected key" and PyYAML's
own parser "expected <block end>"; neither says "indentation", and neither says which column would
have worked. The file itself does: the lines above show the columns a line could line up with, and
whether a stray `: ` sits inside a text or a key slipped under the line before it. So the parser
only tells us which kind of mistake it met and on which line; the sentence is worked out here, the
same whichever parser read the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .diagnostics import Position, listed, quoted

KEY = re.compile(r"\s*(?:-\s+)?([^\s#'\"{\[][^:#]*?)\s*:(?:\s|$)")  # the key of a `key: value` line
WORD_KEY = re.compile(r"[A-Za-z0-9_-]+")  # a key as scenarios write them, not a stretch of prose
COLON = re.compile(r":(?:\s|$)")


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the file, as its layout matters here."""

    number: int  # 1-based
    text: str

    @property
    def column(self) -> int:
        """Where its content starts (1-based)."""
        return len(self.text) - len(self.text.lstrip(" ")) + 1

    @property
    def is_item(self) -> bool:
        content = self.text.lstrip(" ")
        return content == "-" or content.startswith("- ")

    @property
    def item_column(self) -> int:
        """Where the content of a list item starts, after its '- '."""
        after_dash = self.text[self.column :]
        return self.column + 1 + len(after_dash) - len(after_dash.lstrip(" "))

    @property
    def key(self) -> str | None:
        found = KEY.match(self.text)
        return found.group(1) if found else None

    @property
    def key_column(self) -> int:
        return self.item_column if self.is_item else self.column


class Layout:
    """The file's lines, read for explaining a mistake; made only when there is one."""

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines()

    def row(self, number: int) -> Row:
        return Row(number, self.lines[number - 1] if 0 < number <= len(self.lines) else "")

    def above(self, number: int) -> Iterator[Row]:
        """The lines before `number` that hold more than a comment, nearest first."""
        for before in range(number - 1, 0, -1):
            row = self.row(before)
            content = row.text.strip()
            if content and not content.startswith("#"):
                yield row

    def enclosing(self, number: int) -> list[Row]:
        """The nearest line above, then each line further up that starts further left: the lines a
        line at `number` could line up with, deepest first."""
        found: list[Row] = []
        for row in self.above(number):
            if not found or row.column < found[-1].column:
                found.append(row)
                if row.column == 1:
                    break
        return found


def misaligned(source: str, at: Position) -> tuple[Position, str]:
    """A line YAML could not fit into the blocks above it: say which columns would fit."""
    layout = Layout(source)
    row = layout.row(at.line)
    where = Position(at.line, row.column)
    above = layout.enclosing(at.line)
    columns = sorted({column for r in above for column in {r.column, r.key_column}}, reverse=True)
    same = next((r for r in above if r.column == row.column), None)
    if same is None:
        fitting = listed([str(column) for column in columns]) if columns else "1"
        return where, (
            f"the indentation of this line matches no line above it: it starts at column {row.column}, and the "
            f"lines above start at column{'s' if len(columns) > 1 else ''} {fitting}; move it, with spaces, to "
            "line up with the key or list item it belongs to"
        )
    if same.is_item and not row.is_item:
        return where, (
            f"this line has the indentation of the list item ('- ') on line {same.number}, but does not start with "
            f"'- ': start it with '- ' if it is a new item, or indent it to column {same.item_column} to make it "
            "part of that item"
        )
    if row.is_item and not same.is_item:
        key = f"the key {quoted(same.key)}" if same.key else "the line"
        return where, (
            f"this list item ('- ') has the indentation of {key} on line {same.number}: a list belongs under a key "
            "with nothing after its colon, indented further than that key"
        )
    return where, (
        f"this line has the indentation of line {same.number}, but YAML cannot read it there: check the line above "
        "it for a missing colon, or a quote or bracket that is never closed"
    )


def colon_in_value(source: str, at: Position) -> tuple[Position, str]:
    """A ': ' YAML met inside a value: in the text of this line, or a key that slipped into the text
    of the line above (indented too far, or after a line with no colon of its own)."""
    layout = Layout(source)
    row = layout.row(at.line)
    first_colon = COLON.search(row.text)
    if first_colon is None or first_colon.start() != at.column - 1:  # an earlier key on this line
        after = f"after {quoted(row.key + ':')} " if row.key else ""
        return at, (
            "this text holds a colon followed by a space, which YAML reads as the start of a key: "
            f"put the whole text {after}in quotes"
        )
    above = next(layout.above(at.line), None)
    key = row.text[row.key_column - 1 : first_colon.start()].strip()
    if above is None or not WORD_KEY.fullmatch(key):
        return at, (
            "this line carries on the unquoted text above it, and a colon followed by a space cannot stand "
            "in unquoted text: put the whole text in quotes"
        )
    if row.key_column > above.key_column:
        name = quoted(above.key) if above.key else f"line {above.number}"
        return Position(at.line, row.column), (
            f"the indentation of this line is deeper than {name} above it (column {row.key_column} against "
            f"{above.key_column}), so YAML reads it as more of that line's text: line {quoted(key)} up with "
            "the keys above it"
        )
    return Position(above.number, above.column), (
        f"this line has no colon and space after its key, so YAML reads line {at.line} as more of its "
        "text: write it as 'key: value'"
    )
