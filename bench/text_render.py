"""Text rendering figures for docs/performance.md (issue 7): `python3 bench/text_render.py [--runs N]`.

For texts of 1k, 10k, 100k and 1M characters (words of 3-9 letters) and one 200,000-letter word,
prints the time to turn the text into pixels the way a screen does, as a ratio to a plain
`font.render` of 1k characters wrapped to the same width (the baseline):
- `Theme.text`: `displayable` (clean and cap at 4,000 characters) and SDL_ttf's wrapped render,
  cache cleared each time, so it is the first frame that shows the text;
- the play screen's own wrap of the customer's line (`dialogue.lay_out`, which measures words);
- before issue 7, for comparison: SDL_ttf's wrapped render of the whole text, up to 100k
  characters (1M took minutes).
Body text at the largest text size in a 1280x720 window, under SDL's dummy video driver unless
SDL_VIDEODRIVER is set. Each time is the median of `--runs` runs (a long one: of at least one).

Then (issue 12) the stand-in fonts: for a chat line and for 1k and 4k characters, plain and with
emoji, `Theme.text` against the path before stand-ins (`displayable`, then SDL_ttf's wrapped render,
which drew each emoji as a box) on the same text, and the emoji text against the plain text of the
same length; and `Theme.text_width`, which a screen wrapping text itself measures with.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from game.engine.model import Scene
from game.storage.settings import Settings
from game.ui import theme as theme_module
from game.ui.dialogue import lay_out
from game.ui.displayable import displayable
from game.ui.theme import Theme

SIZES = (1_000, 10_000, 100_000, 1_000_000)
LONGEST_BEFORE = 100_000  # the whole text through SDL_ttf: 1M characters took minutes
WIDTH = 700  # about the play screen's column at 1280x720
CHAT_LINE = "Seriously?? Two hours on hold and now a chat bot. Refund the whole stay today, or I post the photos."
EMOJI = ("😡", "🙄", "👍", "😊", "❤️", "👍🏽", "📸", "⏰")


def words(length: int) -> str:
    rng = random.Random(length)
    text = " ".join(
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9))) for _ in range(length // 4)
    )
    return text[:length]


def with_emoji(text: str) -> str:
    """`text` with an emoji after every eighth word, the same length give or take a few characters."""
    words = text.split(" ")
    return " ".join(f"{word} {EMOJI[n // 8 % len(EMOJI)]}" if n % 8 == 7 else word for n, word in enumerate(words))


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        theme_module._render.cache_clear()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
        if times[-1] > 2.0:
            break  # a slow case is measured once or twice: the ratio is what matters
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    pygame.display.init()
    pygame.font.init()
    theme = Theme(Settings(text_size=3), (1280, 720))
    font = theme.font("body")
    color = theme.palette.text
    thousand = words(1_000)
    baseline = median_seconds(lambda: font.render(thousand, True, color, None, WIDTH), runs * 3)
    print(f"baseline: font.render of 1k characters wrapped at {WIDTH} px: {baseline * 1000:.2f} ms")
    print(f"{'text':>26} | {'Theme.text':>20} | {'play screen wrap':>20} | {'before: whole text':>20}")
    cases = [(f"{size:,} characters", words(size)) for size in SIZES] + [("a 200,000-letter word", "x" * 200_000)]
    for name, text in cases:
        figures = [
            median_seconds(lambda text=text: theme.text(text, "body", width=WIDTH), runs),
            median_seconds(
                lambda text=text: lay_out(theme, Scene.COUNTER, WIDTH, "", text, "Gareth", False),
                runs,
            ),
        ]
        if len(text) <= LONGEST_BEFORE:
            figures.append(median_seconds(lambda text=text: font.render(text, True, color, None, WIDTH), runs))
        shown = [f"{seconds * 1000:9.1f} ms {seconds / baseline:6.1f}x" for seconds in figures]
        print(f"{name:>26} | " + " | ".join(f"{cell:>20}" for cell in shown))
    stand_ins(theme, runs)
    pygame.quit()
    return 0


def before_stand_ins(font: pygame.font.Font, text: str, color: tuple[int, int, int]) -> pygame.Surface | None:
    """`Theme.text` as it was before stand-in fonts: `displayable`, the blank check, SDL_ttf's wrapped render."""
    shown = displayable(text)
    return font.render(shown, True, color, None, WIDTH) if font.size(shown.replace("\n", ""))[0] else None


def stand_ins(theme: Theme, runs: int) -> None:
    """Theme.text against the path before stand-in fonts, plain and with emoji (issue 12)."""
    font, color = theme.font("body"), theme.palette.text
    runs = max(runs, 31)  # short texts: many runs, so the median is steady
    print("\nstand-in fonts (issue 12): ratios to `before` (Theme.text before them) on the plain text of each pair")
    print(f"{'text':>36} | {'before':>16} | {'Theme.text':>16} | {'text_width':>16}")
    for name, plain in (("a chat line", CHAT_LINE), ("1,000 characters", words(1_000)), ("4,000", words(4_000))):
        baseline = 0.0
        for kind, text in (("plain", plain), ("emoji", with_emoji(plain))):
            figures = [
                median_seconds(lambda text=text: before_stand_ins(font, text, color), runs),
                median_seconds(lambda text=text: theme.text(text, "body", width=WIDTH), runs),
                median_seconds(lambda text=text: theme.text_width(text), runs),
            ]
            baseline = baseline or figures[0]
            cells = [f"{seconds * 1000:7.2f} ms {seconds / baseline:5.2f}x" for seconds in figures]
            print(f"{f'{name}, {kind} ({len(text):,} chars)':>36} | " + " | ".join(cells))


if __name__ == "__main__":
    raise SystemExit(main())
