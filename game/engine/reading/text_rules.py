"""What a text shown to people may hold: the rule `validate` enforces and the screens rely on.

Every people-facing text in a scenario or the principles file is one of three kinds (`TextKind`).
A text is presentable when

- it holds no character that cannot be drawn or that changes how the text around it is shown:
  C0 control characters (a tab among them; a paragraph keeps its line breaks), DEL and C1
  controls, lone surrogates, noncharacters, the line and paragraph separators, and the bidi
  embeddings, overrides and isolates (U+202A-202E, U+2066-2069), which would reorder the line;
- each of its lines that is not blank has something visible: a letter, number, punctuation mark
  or symbol, not only spaces, zero-width, format or combining characters, which draw nothing;
- it is at most its kind's number of characters long.

The loader checks each text once, where it reads it (`fields.MapReader.text`), so a scenario that
loads holds only presentable texts; `is_presentable` lets the screens' tests assert the same of
whatever they draw. Pure text, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from .limits import MAX_LABEL, MAX_LINE, MAX_PARAGRAPH


class TextKind(Enum):
    """Labels and lines are one line; a paragraph may hold line breaks."""

    LABEL = ("a title or name", MAX_LABEL, True)
    LINE = ("a line", MAX_LINE, True)
    PARAGRAPH = ("a paragraph", MAX_PARAGRAPH, False)

    def __init__(self, label: str, limit: int, one_line: bool) -> None:
        self.label = label
        self.limit = limit
        self.one_line = one_line


@dataclass(frozen=True, slots=True)
class TextProblem:
    """One broken rule; `message` completes a sentence that starts with the field's name."""

    code: str
    message: str


_NONCHARACTERS = r"\ufdd0-\ufdef" + "".join(
    rf"\U{plane:04x}fffe\U{plane:04x}ffff" for plane in range(0x11)
)  # U+FDD0-FDEF, and the last two code points of every plane
_NEVER = r"\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff" + _NONCHARACTERS
NOT_IN_PARAGRAPH = re.compile(f"[{_NEVER}]")
NOT_IN_ONE_LINE = re.compile(rf"[{_NEVER}\n]")
VISIBLE_CATEGORIES = frozenset("LNPS")  # letters, numbers, punctuation, symbols
LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # what most texts start with: letters and numbers are visible
SEPARATORS = {"\u2028": "line", "\u2029": "paragraph"}
INVISIBLE = "no letter, number, punctuation mark or symbol"


def text_problems(text: str, kind: TextKind) -> list[TextProblem]:
    """Every rule `text` breaks as a `kind`, one problem per rule at most."""
    problems = []
    pattern = NOT_IN_ONE_LINE if kind.one_line else NOT_IN_PARAGRAPH
    first = pattern.search(text)
    if first is not None:
        problems.append(TextProblem("character", _forbidden(first, sum(1 for _ in pattern.finditer(text)))))
    lines = text.split("\n")
    filled = [number for number, line in enumerate(lines, 1) if line.strip()]
    unseen = [number for number in filled if not _has_visible(lines[number - 1])]
    if unseen == filled:  # also when there is nothing but spaces
        problems.append(TextProblem("invisible", f"has nothing visible: {INVISIBLE}"))
    elif unseen:
        problems.append(TextProblem("invisible", f"has nothing visible on its line {unseen[0]}: {INVISIBLE}"))
    if len(text) > kind.limit:
        problems.append(
            TextProblem(
                "too-long", f"is {len(text):,} characters; the limit for {kind.label} is {kind.limit:,}: shorten it"
            )
        )
    return problems


def is_presentable(text: str, kind: TextKind) -> bool:
    """Whether `text` keeps every rule for its kind, as each text of a loaded scenario does."""
    return not text_problems(text, kind)


def _has_visible(line: str) -> bool:
    """A letter or digit is found by the regular expression engine, in C; the rest by category."""
    return LETTER_OR_DIGIT.search(line) is not None or any(
        unicodedata.category(char)[0] in VISIBLE_CATEGORIES for char in line
    )


def _forbidden(first: re.Match[str], count: int) -> str:
    name, advice = _describe(first.group())
    more = count - 1
    others = f" (and {more:,} more character{'s' if more > 1 else ''} not allowed here)" if more else ""
    return f"has {name} at character {first.start() + 1:,}; {advice}{others}"


def _describe(char: str) -> tuple[str, str]:
    """What a forbidden character is, by its code point, and what to do about it."""
    point = ord(char)
    code = f"U+{point:04X}"
    if char == "\t":
        return f"a tab ({code})", "use a space"
    if char == "\n":
        return f"a line break ({code})", "write it on one line"
    if 0x202A <= point <= 0x202E or 0x2066 <= point <= 0x2069:
        return f"the bidirectional control {code}", "remove it: it would reorder the line"
    if char in "\u2028\u2029":
        return f"the {SEPARATORS[char]} separator {code}", "remove it"
    if 0xD800 <= point <= 0xDFFF:
        return f"the lone surrogate {code} (half of a character pair)", "remove it"
    if point >= 0xFDD0 and (point <= 0xFDEF or point & 0xFFFE == 0xFFFE):
        return f"the noncharacter {code}", "remove it"
    return f"the control character {code}", "remove it"
