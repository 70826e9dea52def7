"""Tabs in indentation: each one reported where it is, and the rest of the file still read.

YAML refuses a tab in indentation, and the parser stops at the first one, so one tab used to hide
every other mistake in the file. Here every line indented with a tab is found at once and given
spaces instead, so the file can be read on. How wide the tab looked in the trainer's editor is
unknown, so each such line has widths to try, likeliest first: the tab stops (8, 4, 2) that line
it up with a line around it, then the other tab stops, then the columns of the lines around it.
The reader moves a line on to its next width when the parser stops there. Positions found in the
spaced text are taken back to the columns the trainer wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Position

TAB_STOPS = (8, 4, 2)  # the usual editor settings; 8 first, as a terminal shows a tab


@dataclass(slots=True)
class TabbedLine:
    """One line whose indentation held a tab, and the widths of spaces to try for it."""

    content: str  # what follows the indentation
    written: int  # how many characters its indentation had
    widths: list[int]
    tried: int = 0

    @property
    def width(self) -> int:
        return self.widths[self.tried]


@dataclass(slots=True)
class Untabbed:
    """The file's lines with spaces for the tabs in their indentation."""

    lines: list[str]
    tabbed: dict[int, TabbedLine] = field(default_factory=dict)  # by line number, from 1
    tabs: list[Position] = field(default_factory=list)  # the first tab of each indentation that had one

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def written(self, at: Position) -> Position:
        """Where a position in the spaced text is in the text as written."""
        line = self.tabbed.get(at.line)
        if line is None:
            return at
        if at.column > line.width:
            return Position(at.line, at.column - line.width + line.written)
        return Position(at.line, min(at.column, line.written))

    def suspect(self, number: int) -> int | None:
        """The tabbed line that a parse error at line `number` most likely comes of: that line, or
        the line just before it (blank lines and comments aside) when it was tabbed."""
        if number in self.tabbed:
            return number
        before = next((n for n in range(number - 1, 0, -1) if _columns(self.lines[n - 1]) is not None), 0)
        return before if before in self.tabbed else None

    def try_another_width(self, number: int) -> bool:
        """Give line `number` its next width to try; False when it has none left (or had no tab)."""
        line = self.tabbed.get(number)
        if line is None or line.tried + 1 >= len(line.widths):
            return False
        line.tried += 1
        self.lines[number - 1] = " " * line.width + line.content
        return True

    def space_out(self, at: Position) -> None:
        """A tab further along a line read as a space, as libyaml reads one after a key."""
        row = self.lines[at.line - 1]
        self.lines[at.line - 1] = f"{row[: at.column - 1]} {row[at.column :]}"
        line = self.tabbed.get(at.line)
        if line is not None:
            line.content = self.lines[at.line - 1][line.width :]


def untabbed(text: str) -> Untabbed:
    """Every line whose indentation holds a tab (a blank line or a comment too: YAML refuses those
    as well), indented with spaces instead, at its likeliest width."""
    lines = text.split("\n")
    columns = [_columns(line) for line in lines]
    above, below = _nearest(columns), _nearest(columns[::-1])[::-1]
    result = Untabbed(lines)
    for number, line in enumerate(lines):
        leading = _leading(line)
        if "\t" not in leading:
            continue
        tabbed = TabbedLine(line[len(leading) :], len(leading), _widths(leading, above[number] | below[number]))
        lines[number] = " " * tabbed.width + tabbed.content
        result.tabbed[number + 1] = tabbed
        result.tabs.append(Position(number + 1, leading.index("\t") + 1))
    return result


def _columns(line: str) -> frozenset[int] | None:
    """The indentations a line next to a tabbed one suggests: its own and, for a list item, that of
    the item's keys. None for a line with a tab in its indentation, a blank line or a comment."""
    leading = _leading(line)
    content = line[len(leading) :].rstrip()
    if "\t" in leading or not content or content.startswith("#"):
        return None
    if content == "-" or content.startswith("- "):
        after_dash = content[1:]
        return frozenset({len(leading), len(leading) + 1 + len(after_dash) - len(after_dash.lstrip(" "))})
    return frozenset({len(leading)})


def _leading(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _nearest(columns: list[frozenset[int] | None]) -> list[frozenset[int]]:
    """For each line, what the nearest line before it written with spaces only suggests."""
    nearest: list[frozenset[int]] = []
    last: frozenset[int] = frozenset()
    for suggested in columns:
        nearest.append(last)
        last = suggested if suggested is not None else last
    return nearest


def _widths(leading: str, neighbours: frozenset[int]) -> list[int]:
    """The widths to try: tab stops that line up with a neighbour, the other tab stops, the neighbours."""
    stops = [len(leading.expandtabs(stop)) for stop in TAB_STOPS]
    ordered = [width for width in stops if width in neighbours] + stops + sorted(neighbours, reverse=True)
    return list(dict.fromkeys(ordered))
