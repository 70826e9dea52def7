"""Rewriting scenario files written before a format change, so that they validate again.

The project's rule: every scenario that validated once keeps validating, or `migrate` rewrites
it and says so. The one change so far: `portrait` became a closed list (PORTRAITS), where any
id used to draw some face. An unknown portrait becomes the known one closest in name, else the
usual face for its place. Only that token of the text changes, in its own quoting style, so a
trainer's comments, layout and line endings survive byte for byte. Text in, text out: reading
and writing the file is the caller's job.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..model import PORTRAITS, Channel
from .diagnostics import DiagnosticSink, Position
from .fields import ID_PATTERN
from .yamltree import DEFAULT_LIMITS, SizeLimits, YMap, YNode, YScalar, read_tree

# Every line break YAML counts when it numbers lines; a byte order mark at the start is not counted.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
BYTE_ORDER_MARK = "\ufeff"
QUOTES = ("'", '"')
USUAL_FACE = "no portrait is named like it, so the usual face of"
FACE_OF_CHANNEL = {
    Channel.IN_PERSON: ("walk-in-man", f"{USUAL_FACE} an in-person customer"),
    Channel.PHONE: ("caller-woman", f"{USUAL_FACE} a customer on the phone"),
    Channel.CHAT: ("young-woman", f"{USUAL_FACE} a customer on chat"),
}
NO_CHANNEL = (
    FACE_OF_CHANNEL[Channel.IN_PERSON][0],
    f"{USUAL_FACE} an in-person customer, as no known channel is given",
)
PERSON_FACE = ("team-leader", f"{USUAL_FACE} someone other than the customer")


@dataclass(frozen=True, slots=True)
class Rewrite:
    """One unknown portrait: where it is written, and what replaces it and why."""

    position: Position
    old: str
    new: str
    why: str


@dataclass(frozen=True, slots=True)
class Migration:
    """The text with every rewrite made. `by_hand` are those written so that rewriting them is not
    safe (behind an anchor or a tag, with an escape, as a block): the trainer changes them."""

    text: str
    rewrites: tuple[Rewrite, ...]
    by_hand: tuple[Rewrite, ...]


def migrated(text: str, limits: SizeLimits = DEFAULT_LIMITS) -> Migration:
    """`text` with each unknown portrait replaced; unchanged when it cannot be read or needs nothing."""
    tree = read_tree(text, DiagnosticSink("migration"), limits)
    if not isinstance(tree, YMap):
        return Migration(text, (), ())
    line_starts = _line_starts(text)
    rewrites: list[tuple[int, str, Rewrite]] = []
    by_hand: list[Rewrite] = []
    for scalar, (new, why) in _unknown_portraits(tree):
        rewrite = Rewrite(scalar.position, scalar.text, *_replacement(scalar.text, new, why))
        offset = _offset(line_starts, scalar.position)
        quote = _quote(text, offset, scalar)
        if quote is None:
            by_hand.append(rewrite)
        else:
            rewrites.append((offset, quote, rewrite))
    for offset, quote, rewrite in sorted(rewrites, key=lambda found: found[0], reverse=True):
        end = offset + len(quote + rewrite.old + quote)
        text = text[:offset] + quote + rewrite.new + quote + text[end:]
    return Migration(text, tuple(rewrite for _, _, rewrite in rewrites), tuple(by_hand))


def _unknown_portraits(tree: YMap) -> list[tuple[YScalar, tuple[str, str]]]:
    """Each portrait the loader would call unknown, once (an alias can name one twice), with the
    face to fall back on in its place and why."""
    places = [(_entry(tree, "customer"), _customer_face(tree))]
    people = _entry(tree, "people")
    if isinstance(people, YMap):
        places += [(entry.value, PERSON_FACE) for entry in people.entries.values()]
    found: dict[Position, tuple[YScalar, tuple[str, str]]] = {}
    for place, fallback in places:
        portrait = _entry(place, "portrait") if isinstance(place, YMap) else None
        if (
            isinstance(portrait, YScalar)
            and not portrait.is_null
            and ID_PATTERN.fullmatch(portrait.text)
            and portrait.text not in PORTRAITS
            and portrait.position not in found
        ):
            found[portrait.position] = (portrait, fallback)
    return list(found.values())


def _entry(node: YMap, key: str) -> YNode | None:
    entry = node.entries.get(key)
    return entry.value if entry is not None else None


def _customer_face(tree: YMap) -> tuple[str, str]:
    """The usual face of the scenario's channel; the loader takes a missing or unknown one as in-person."""
    channel = _entry(tree, "channel")
    written = channel.text if isinstance(channel, YScalar) else ""
    return next((face for known, face in FACE_OF_CHANNEL.items() if known.value == written), NO_CHANNEL)


def _replacement(old: str, fallback: str, why: str) -> tuple[str, str]:
    """The closest known name, as the loader's "did you mean" suggests it, else the fallback."""
    close = difflib.get_close_matches(old, PORTRAITS, n=1, cutoff=0.6)
    return (close[0], "the closest name among the portraits") if close else (fallback, why)


def _line_starts(text: str) -> list[int]:
    first = len(BYTE_ORDER_MARK) if text.startswith(BYTE_ORDER_MARK) else 0
    return [first, *(found.end() for found in LINE_BREAK.finditer(text))]


def _offset(line_starts: list[int], position: Position) -> int:
    return line_starts[position.line - 1] + position.column - 1


def _quote(text: str, offset: int, scalar: YScalar) -> str | None:
    """The quote the scalar is written in at `offset` ("" for none), or None when the text there is
    not the scalar exactly as it reads."""
    if scalar.plain:
        quote = ""
    elif text[offset : offset + 1] in QUOTES:
        quote = text[offset]
    else:
        return None
    return quote if text.startswith(quote + scalar.text + quote, offset) else None
