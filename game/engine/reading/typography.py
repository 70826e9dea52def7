"""Typographic quotes for text shown to people: curly double and single quotes (U+201C/D, U+2018/9),
and U+2019 for apostrophes, instead of straight " and '.

Scenario and principle text is made typographic once, where the loader reads it
(`fields.MapReader.text`), rather than where it is shown: the model then holds the text as it
should look, and the window, text mode, debrief, feedback, hints, titles, summaries, objectives and
any screen added later get it without having to remember. Presenters only wrap speech in
`quoted_speech`, which turns a quotation inside it into single quotes. Pure text, no I/O.
"""

from __future__ import annotations

import re

OPEN_DOUBLE, CLOSE_DOUBLE, OPEN_SINGLE, CLOSE_SINGLE = "\u201c", "\u201d", "\u2018", "\u2019"
# A quote after one of these (or at the start) opens; anywhere else it closes.
OPENS_AFTER = frozenset("([{<-/\u2013\u2014" + OPEN_DOUBLE + OPEN_SINGLE)
# An apostrophe where a quote would open: '90s, rock 'n' roll, 'em, 'til, 'cause.
ELISION = re.compile(r"\d|(?:n|em|til|cause|cos|tis|twas)\b", re.IGNORECASE)
PLAIN = str.maketrans({OPEN_DOUBLE: '"', CLOSE_DOUBLE: '"', OPEN_SINGLE: "'", CLOSE_SINGLE: "'"})
NESTED = str.maketrans({OPEN_DOUBLE: OPEN_SINGLE, CLOSE_DOUBLE: CLOSE_SINGLE})


def typographic(text: str) -> str:
    """`text` with each straight quote curled by what stands before it; nothing else changes."""
    out: list[str] = []
    for index, char in enumerate(text):
        if char in "\"'":
            char = _curl(char, out[-1] if out else "", text, index + 1)
        out.append(char)
    return "".join(out)


def _curl(quote: str, before: str, text: str, after: int) -> str:
    """The curly form of `quote`, which follows `before` and is followed by `text[after:]`."""
    opening = not before or before.isspace() or before in OPENS_AFTER
    if quote == '"':
        return OPEN_DOUBLE if opening else CLOSE_DOUBLE
    return OPEN_SINGLE if opening and not ELISION.match(text, after) else CLOSE_SINGLE


def quoted_speech(text: str) -> str:
    """Speech in double quotes; a quotation inside it takes single quotes, as nested quotes do."""
    return OPEN_DOUBLE + typographic(text).translate(NESTED) + CLOSE_DOUBLE


def plain(text: str) -> str:
    """Curly quotes back to straight ones, for a terminal that cannot show them."""
    return text.translate(PLAIN)
