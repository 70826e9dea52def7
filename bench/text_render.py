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
from game.ui.theme import Theme

SIZES = (1_000, 10_000, 100_000, 1_000_000)
LONGEST_BEFORE = 100_000  # the whole text through SDL_ttf: 1M characters took minutes
WIDTH = 700  # about the play screen's column at 1280x720


def words(length: int) -> str:
    rng = random.Random(length)
    text = " ".join(
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9))) for _ in range(length // 4)
    )
    return text[:length]


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
    pygame.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
