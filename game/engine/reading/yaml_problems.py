"""YAML syntax errors in our own words.

libyaml and PyYAML's pure-Python parser describe the same mistake differently ("did not find
expected key" against "expected <block end>, but found '?'"), and their wording can change with
any release. A trainer gets one sentence of ours for each kind of mistake, saying what to fix;
the parser's text only chooses which sentence, and a mistake we do not recognise gets a general
sentence of ours rather than the parser's. The position is always the parser's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .diagnostics import Position


@dataclass(frozen=True, slots=True)
class Explanation:
    recognise: re.Pattern[str]  # searched in "problem | context", lower case
    message: str
    at_start: bool = False  # point at where the construct began (an unclosed quote), not where parsing gave up


def _explained(pattern: str, message: str, at_start: bool = False) -> Explanation:
    return Explanation(re.compile(pattern), message, at_start)


EXPLANATIONS = (
    _explained(
        r"end of stream.*quoted scalar",
        "a quotation mark opened here is never closed: close it at the end of the text",
        at_start=True,
    ),
    _explained(r"unicode", "this \\u or \\U escape does not name a character: write the character itself"),
    _explained(
        r"escape|hex",
        "double-quoted text has a backslash that starts no known escape: write \\\\ for a backslash, "
        "or use single quotes",
    ),
    _explained(
        r"mapping values are not allowed",
        "a colon followed by a space cannot stand inside this value: if this line is a new key, "
        "line it up with the keys above; otherwise put the whole text in quotes",
    ),
    _explained(
        r"simple key",
        "this line is not a 'key: value' pair: add the colon after the key, or put the text in quotes",
    ),
    _explained(
        r"block mapping",
        "this line does not line up with the keys above it: indent it like its neighbours, "
        "or check the line before it for a missing colon or quote",
    ),
    _explained(r"block collection|'-' indicator", "a list item '- ' was expected here, lined up with the items above"),
    _explained(r"flow sequence", "a list opened with [ is not closed with ], or its items are not separated by commas"),
    _explained(r"flow mapping", "a mapping opened with { is not closed with }, or its entries lack commas"),
    _explained(r"flow node|node content", "a value is missing here, inside [ ] or { }"),
    _explained(r"anchor|alias", "& and * must be followed by a name made of letters, digits, - or _"),
    _explained(r"tag", "tags (! and !!) are not allowed: write plain text, numbers, lists and mappings"),
    _explained(r"document start", "a scenario file holds one YAML document: remove what follows the end marker"),
    _explained(r"directive", "lines starting with % (YAML directives) are not allowed: remove them"),
    _explained(r"block scalar", "after | or > only a line break may follow (or - or + to keep or strip the end)"),
    _explained(
        r"cannot start any token",
        "a value cannot begin with this character (such as @, ` or %): put the whole text in quotes",
    ),
)
GENERAL = "this is not valid YAML: check the indentation, the colon after each key and the quotation marks"


def explain(problem: yaml.MarkedYAMLError) -> tuple[Position | None, str]:
    """Our sentence for a parse error, and where it points (None: nowhere known)."""
    said = f"{problem.problem or ''} | {problem.context or ''}".lower()
    found = next((each for each in EXPLANATIONS if each.recognise.search(said)), None)
    marks = (problem.context_mark, problem.problem_mark) if found and found.at_start else (problem.problem_mark,)
    mark = next((m for m in (*marks, problem.context_mark) if m is not None), None)
    at = Position(mark.line + 1, mark.column + 1) if mark is not None else None
    return at, found.message if found else GENERAL
