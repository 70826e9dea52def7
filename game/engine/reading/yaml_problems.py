"""YAML syntax errors in our own words.

libyaml and PyYAML's pure-Python parser describe the same mistake differently ("did not find
expected key" against "expected <block end>, but found '?'"), and their wording can change with
any release. A trainer gets one sentence of ours for each kind of mistake, saying what to fix;
the parser's text only chooses which sentence, and a mistake we do not recognise gets a general
sentence of ours rather than the parser's. Indentation and stray colons are explained from the
file's own lines (`layout`), which both parsers point into alike; every other position is the
parser's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from .diagnostics import Position
from .layout import colon_in_value, misaligned

Reading = Callable[[str, Position], tuple[Position, str]]  # source and place to our place and sentence


@dataclass(frozen=True, slots=True)
class Explanation:
    recognise: re.Pattern[str]  # searched in "problem | context", lower case
    message: str
    at_start: bool = False  # point at where the construct began (an unclosed quote), not where parsing gave up
    read: Reading | None = None  # works the sentence out from the lines around the mistake instead
    at_backslash: bool = False  # point at the escape's backslash, where the parsers point at different characters


def _explained(pattern: str, message: str, at_start: bool = False, at_backslash: bool = False) -> Explanation:
    return Explanation(re.compile(pattern), message, at_start, at_backslash=at_backslash)


def _read_from_layout(pattern: str, read: Reading) -> Explanation:
    return Explanation(re.compile(pattern), "", read=read)


def _after_the_document(source: str, at: Position) -> tuple[Position, str]:
    """libyaml's "document start" is a second document after an end marker, or, with no marker, a
    line indented less than the file's first line, which ended the only document there is."""
    if any(line.rstrip() in ("---", "...") for line in source.split("\n")[: at.line - 1]):
        return at, "a scenario file holds one YAML document: remove what follows the end marker"
    return misaligned(source, at)


EXPLANATIONS = (
    _explained(
        r"end of stream.*quoted scalar",
        "a quotation mark opened here is never closed: close it at the end of the text",
        at_start=True,
    ),
    _explained(r"unicode", "this \\u or \\U escape does not name a character: write the character itself"),
    _explained(
        r"hex",
        "\\x, \\u and \\U must be followed by hexadecimal digits (0-9, a-f): write the character itself instead",
        at_backslash=True,
    ),
    _explained(
        r"escape",
        "double-quoted text has a backslash that starts no known escape: write \\\\ for a backslash, "
        "or use single quotes",
        at_backslash=True,
    ),
    _read_from_layout(r"mapping values are not allowed", colon_in_value),
    _explained(
        r"simple key",
        "this line is not a 'key: value' pair: add a colon and a space after the key, or put the text in quotes",
        at_start=True,
    ),
    _read_from_layout(r"block mapping|block collection|block end|'-' indicator|expected key", misaligned),
    _explained(r"flow sequence", "a list opened with [ is not closed with ], or its items are not separated by commas"),
    _explained(r"flow mapping", "a mapping opened with { is not closed with }, or its entries lack commas"),
    _explained(
        r"flow node|node content",
        "a value is missing here, inside [ ] or { }: write one, or remove the stray comma or -",
    ),
    _explained(r"anchor|alias", "& and * must be followed by a name made of letters, digits, - or _"),
    _explained(r"tag", "tags (! and !!) are not allowed: write plain text, numbers, lists and mappings"),
    _read_from_layout(r"document start", _after_the_document),
    _explained(r"directive", "lines starting with % (YAML directives) are not allowed: remove them"),
    _explained(r"block scalar", "after | or > only a line break may follow (or - or + to keep or strip the end)"),
    _explained(
        r"cannot start any token",
        "a value cannot begin with this character (such as @, ` or %): put the whole text in quotes",
    ),
)
GENERAL = "this is not valid YAML: check the indentation, the colon after each key and the quotation marks"


def explain(problem: yaml.MarkedYAMLError, source: str) -> tuple[Position | None, str]:
    """Our sentence for a parse error in `source`, and where it points (None: nowhere known)."""
    said = f"{problem.problem or ''} | {problem.context or ''}".lower()
    found = next((each for each in EXPLANATIONS if each.recognise.search(said)), None)
    marks = (problem.context_mark, problem.problem_mark) if found and found.at_start else (problem.problem_mark,)
    mark = next((m for m in (*marks, problem.context_mark) if m is not None), None)
    at = Position(mark.line + 1, mark.column + 1) if mark is not None else None
    if found is not None and found.read is not None and at is not None:
        return found.read(source, at)
    if found is not None and found.at_backslash and at is not None:
        at = _backslash_before(source, at)
    return at, found.message if found else GENERAL


def _backslash_before(source: str, at: Position) -> Position:
    """The backslash that starts the escape at or just before `at`, on its line."""
    lines = source.split("\n")
    line = lines[at.line - 1] if at.line <= len(lines) else ""
    backslash = line.rfind("\\", 0, at.column)
    return Position(at.line, backslash + 1) if backslash >= 0 else at
