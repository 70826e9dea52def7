"""The look shared by the page and its charts: one font, one palette, outcome colours that stay
apart for colour-blind readers (blue for going well, red for going badly)."""

from __future__ import annotations

import base64
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..font import FONT_FAMILY, FONT_FILES, FONT_PACKAGE

FONT_WEIGHTS = {400: FONT_FILES[(False, False)], 700: FONT_FILES[(True, False)]}  # the CSS weight of each file
INK = "#1f2933"
MUTED = "#616e7c"
RULE = "#d9dee3"
OUTCOME_COLOURS = {"resolved": "#2166ac", "partial": "#92c5de", "escalated": "#f4a582", "lost": "#b2182b"}


@lru_cache(maxsize=1)
def font_files() -> dict[int, Path]:
    """The installed font by weight (Braille Institute, OFL-1.1): nothing is downloaded. A broken
    install costs the look, not the report: the browser's own sans-serif font stands in."""
    try:
        folder = Path(str(resources.files(FONT_PACKAGE).joinpath("files")))
    except ImportError:
        return {}
    files = {weight: folder / name for weight, name in FONT_WEIGHTS.items()}
    return files if all(file.is_file() for file in files.values()) else {}


def font_faces() -> str:
    """CSS that carries the font inside the page itself, so it looks the same offline on any machine."""
    faces = []
    for weight, file in font_files().items():
        data = base64.b64encode(file.read_bytes()).decode("ascii")
        faces.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
            f"src: url(data:font/ttf;base64,{data}) format('truetype'); }}"
        )
    return "\n".join(faces)
