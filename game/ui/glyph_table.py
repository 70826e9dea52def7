"""Which characters a font file has a glyph for, read from its `cmap` table.

pygame-ce cannot say: `Font.metrics` gives a missing character the box's metrics, not None. The
font's own character map is what SDL_ttf looks characters up in, so reading it gives exactly the
characters that will not come out as a box. Pure bytes in, a set out: no pygame.
"""

from __future__ import annotations

import struct
from functools import lru_cache

# Unicode subtables, best first: full Unicode (format 12), then the Basic Multilingual Plane (format 4).
UNICODE_TABLES = ((12, {(3, 10), (0, 4), (0, 6)}), (4, {(3, 1), (0, 3), (0, 4), (0, 6)}))


@lru_cache(maxsize=16)
def characters(font: bytes) -> frozenset[str]:
    """Every character the font maps to a real glyph (not glyph 0, the box). A file that is not a
    TrueType/OpenType font, or has no Unicode map, raises ValueError."""
    try:
        subtables = _unicode_subtables(font)
        for wanted, platforms in UNICODE_TABLES:
            for platform, offset in subtables:
                if platform in platforms and _u16(font, offset) == wanted:
                    read = _format_12 if wanted == 12 else _format_4
                    return frozenset(map(chr, read(font, offset)))
    except (struct.error, IndexError) as problem:
        raise ValueError(f"the font's character map is damaged ({problem})") from problem
    raise ValueError("the font has no Unicode character map")


def _unicode_subtables(font: bytes) -> list[tuple[tuple[int, int], int]]:
    """((platform, encoding), absolute offset) of each subtable of the cmap table."""
    for record in range(_u16(font, 4)):
        tag, _, table, _ = struct.unpack_from(">4sIII", font, 12 + 16 * record)
        if tag == b"cmap":
            count = _u16(font, table + 2)
            entries = [struct.unpack_from(">HHI", font, table + 4 + 8 * i) for i in range(count)]
            return [((platform, encoding), table + offset) for platform, encoding, offset in entries]
    raise ValueError("the font has no character map")


def _format_12(font: bytes, offset: int) -> list[int]:
    """Groups of consecutive characters mapped to consecutive glyphs."""
    found: list[int] = []
    for group in range(struct.unpack_from(">I", font, offset + 12)[0]):
        first, last, glyph = struct.unpack_from(">III", font, offset + 16 + 12 * group)
        found.extend(range(first + (glyph == 0), min(last, 0x10FFFF) + 1))
    return found


def _format_4(font: bytes, offset: int) -> list[int]:
    """Segments of the BMP, each mapped by a delta or through an array of glyph ids."""
    segments = _u16(font, offset + 6) // 2
    ends, starts, deltas, ranges = (offset + 14 + part * 2 * segments + (2 if part else 0) for part in range(4))
    found: list[int] = []
    for segment in range(segments):
        first, last = _u16(font, starts + 2 * segment), _u16(font, ends + 2 * segment)
        delta, indirect = _u16(font, deltas + 2 * segment), _u16(font, ranges + 2 * segment)
        for char in range(first, min(last, 0xFFFE) + 1):
            if indirect:
                glyph = _u16(font, ranges + 2 * segment + indirect + 2 * (char - first))
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            else:
                glyph = (char + delta) & 0xFFFF
            if glyph:
                found.append(char)
    return found


def _u16(font: bytes, offset: int) -> int:
    value: int = struct.unpack_from(">H", font, offset)[0]
    return value
