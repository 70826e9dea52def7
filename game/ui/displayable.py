"""Any text as the font can draw it: the one gate between scenario text and pixels.

The loader's limits keep real scenarios small and clean, but the screens must not depend on it:
SDL_ttf raises on a NUL or a lone surrogate, draws control characters as boxes, and its cost
grows faster than the text. So every string is cleaned and capped here before it is measured
or rendered, and one bad string can neither crash a screen nor stall a frame. Pure text, no pygame.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

MAX_SHOWN = 4000  # characters drawn of any one text: well above the format's longest (limits.MAX_PARAGRAPH)
ELLIPSIS = "\u2026"
REPLACEMENT = "\ufffd"  # stands in for a lone surrogate, which cannot even be encoded to reach the font
ZERO_WIDTH_JOINER = "\u200d"
LINE_BREAKS = frozenset("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")  # what str.splitlines() also breaks at


def capped(text: str, limit: int = MAX_SHOWN) -> str:
    """At most `limit` (at least 1) characters, the last an ellipsis when some were cut."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def displayable(text: str, limit: int = MAX_SHOWN) -> str:
    """`text` capped, then with only characters the font can lay out: every line break as "\\n",
    a tab as a space, other control and format characters (NUL, ESC, zero-width and bidi marks)
    dropped, a lone surrogate replaced. The same text comes back unchanged when run through again."""
    return _cleaned(capped(text, limit))


@lru_cache(maxsize=1024)
def _cleaned(text: str) -> str:
    if text.isprintable():  # nearly every text, checked at C speed
        return text
    text = text.replace("\r\n", "\n")
    return "".join(char if char.isprintable() else _replacement(char) for char in text)


def _replacement(char: str) -> str:
    """What stands for a character Python does not count as printable."""
    if char == "\n" or char in LINE_BREAKS:
        return "\n"
    if char == "\t":
        return " "
    category = unicodedata.category(char)
    if category == "Cs":
        return REPLACEMENT
    if category in ("Cc", "Cf") and char != ZERO_WIDTH_JOINER:  # the joiner: an emoji sequence draws as one
        return ""
    return char  # spaces other than " ", private-use and unassigned code points: the font copes
