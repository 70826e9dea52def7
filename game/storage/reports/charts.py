"""The report's charts, drawn by matplotlib as SVG text to put inline in the page.

No pyplot and no backend: each chart is a `Figure` saved as SVG. Text stays text, drawn by the
page's own font; ids are salted with a fixed string and the date is left out, so the same results
always give the same page. The per-trainee charts reuse one Figure each, only their data changing:
a new Figure per trainee cost about 8 ms, too slow for a cohort of a hundred.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path

from ..font import FONT_FAMILY
from .model import OUTCOMES, Attempt, HardAnswer, OutcomeMix
from .style import INK, MUTED, OUTCOME_COLOURS, RULE, font_files

STYLE = {
    "svg.fonttype": "none",  # text as <text>: small, selectable, in the page's font
    "svg.hashsalt": "composure-report",  # ids from content, not from a random salt
    "text.parse_math": False,  # a name with dollar signs is a name, not a formula
    "font.family": "sans-serif",
    "font.sans-serif": [FONT_FAMILY, "DejaVu Sans"],
    "font.size": 10,
    "text.color": INK,
    "axes.edgecolor": RULE,
    "axes.labelcolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
}
NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
GENERIC_ID = re.compile(r' id="[A-Za-z][A-Za-z0-9.]*_\d+"')  # figure_1, axes_1: repeated in every chart
LABEL_LENGTH = 42
ROW_INCHES = 0.34
CHART_WIDTH = 7.6  # inches
LABEL_ROOM = 14  # points between a bar's label and the axis: the tick and its padding
NUMBER_ROOM = 0.5  # inches after the bars for the number written after each


@contextmanager
def drawing() -> Iterator[None]:
    """Matplotlib set up for the report's charts while drawing them, and put back afterwards."""
    for path in font_files().values():
        if not any(entry.fname == str(path) for entry in font_manager.fontManager.ttflist):
            font_manager.fontManager.addfont(str(path))
    with matplotlib.rc_context(cast(Any, STYLE)):  # the stubs of some releases want literal names
        yield


def svg_of(figure: Figure, label: str) -> str:
    """The figure as an <svg> element for an HTML page, named for screen readers."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata=NO_METADATA)
    text = buffer.getvalue()
    text = GENERIC_ID.sub("", text[text.index("<svg") :])
    return text.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


def short(text: str, limit: int = LABEL_LENGTH) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class Sparkline:
    """A trainee's overall score, attempt by attempt, small enough for a table cell; the last dot
    coloured by how that attempt ended. Every sparkline shares the 0 to 100 scale."""

    def __init__(self) -> None:
        self.figure = Figure(figsize=(1.7, 0.42))
        axes = self.figure.add_axes((0.02, 0.08, 0.96, 0.84))
        axes.set_axis_off()
        axes.set_ylim(-4, 104)
        self.axes = axes
        (self.line,) = axes.plot([], [], color=MUTED, linewidth=1.2)
        (self.last,) = axes.plot([], [], marker="o", markersize=4, linestyle="none")

    def draw(self, attempts: Sequence[Attempt], label: str) -> str:
        scores = [attempt.overall for attempt in attempts]
        self.axes.set_xlim(-0.6, max(len(scores) - 1, 1) + 0.6)
        self.line.set_data(range(len(scores)), scores)
        self.last.set_data([len(scores) - 1], [scores[-1]])
        self.last.set_color(OUTCOME_COLOURS.get(attempts[-1].outcome, INK))
        return svg_of(self.figure, label)


class AttemptChart:
    """A trainee's overall score of every attempt, oldest first, each dot coloured by its outcome.

    Drawn without matplotlib's axes (guide lines and their numbers instead), which takes a third
    of the time: the chart is drawn once per trainee."""

    def __init__(self) -> None:
        self.figure = Figure(figsize=(6.4, 1.6))
        axes = self.figure.add_axes((0.06, 0.08, 0.92, 0.84))
        axes.set_axis_off()
        axes.set_ylim(-4, 104)
        for score in (0, 50, 100):
            axes.axhline(score, color=RULE, linewidth=0.8, zorder=0)
            axes.annotate(
                str(score),
                (0, score),
                xycoords=axes.get_yaxis_transform(),  # x across the axes, y in scores
                xytext=(-5, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                color=MUTED,
            )
        self.axes = axes
        (self.line,) = axes.plot([], [], color=MUTED, linewidth=1)
        self.dots = {
            outcome: axes.plot([], [], "o", color=colour, markersize=5, markeredgecolor="white", markeredgewidth=0.6)[0]
            for outcome, colour in OUTCOME_COLOURS.items()
        }

    def draw(self, attempts: Sequence[Attempt], label: str) -> str:
        numbers = range(1, len(attempts) + 1)
        self.axes.set_xlim(0.4, max(len(attempts), 2) + 0.6)
        self.line.set_data(numbers, [attempt.overall for attempt in attempts])
        for outcome, dots in self.dots.items():
            ended = [(n, a.overall) for n, a in zip(numbers, attempts, strict=True) if a.outcome == outcome]
            dots.set_data([n for n, _ in ended], [score for _, score in ended])
        return svg_of(self.figure, label)


def outcome_mix_chart(mixes: Sequence[OutcomeMix]) -> str:
    """One bar per scenario split by how its attempts ended, as shares, with the attempts counted."""
    figure, axes = _bars([mix.title for mix in mixes], above=0.45, below=0.35)
    rows = range(len(mixes))
    left = [0.0] * len(mixes)
    for index, outcome in enumerate(OUTCOMES):
        shares = [100 * mix.counts[index] / max(sum(mix.counts), 1) for mix in mixes]
        bars = axes.barh(rows, shares, left=left, color=OUTCOME_COLOURS[outcome], label=outcome, height=0.7)
        words = [f"{share:.0f}%" if share >= 9 else "" for share in shares]
        axes.bar_label(bars, words, label_type="center", fontsize=8, color="white" if index in (0, 3) else INK)
        left = [start + share for start, share in zip(left, shares, strict=True)]
    for row, mix in zip(rows, mixes, strict=True):
        axes.annotate(f"{sum(mix.counts)}", (100, row), xytext=(4, 0), textcoords="offset points", va="center")
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1), ncols=len(OUTCOMES), frameon=False, fontsize=9)
    return svg_of(figure, "How each scenario's attempts ended")


def hardest_chart(hardest: Sequence[HardAnswer]) -> str:
    """For each of the hardest questions, the share of the trainees who met it that chose its worst answer."""
    figure, axes = _bars([f"{answer.scenario_title}: {answer.node}" for answer in hardest], above=0.1, below=0.55)
    shares = [100 * answer.worst_by / answer.met_by for answer in hardest]
    axes.barh(range(len(hardest)), shares, color=OUTCOME_COLOURS["lost"], height=0.6)
    axes.set_xlabel("share of the trainees who met the question", color=MUTED)
    for row, (share, answer) in enumerate(zip(shares, hardest, strict=True)):
        words = f"{answer.worst_by} of {answer.met_by}"
        axes.annotate(words, (share, row), xytext=(4, 0), textcoords="offset points", va="center", fontsize=9)
    return svg_of(figure, "The questions where most trainees chose the worst answer")


def _bars(labels: Sequence[str], above: float, below: float) -> tuple[Figure, Axes]:
    """A figure of horizontal bars on a 0 to 100 % scale, one row per label, top to bottom, with
    room for the longest label on the left (measured, rather than asking the figure to lay itself
    out, which draws it twice) and for a number after the longest bar."""
    shown = [short(label) for label in labels]
    height = above + below + ROW_INCHES * len(shown)
    figure = Figure(figsize=(CHART_WIDTH, height))
    font = FontProperties(size=matplotlib.rcParams["ytick.labelsize"])
    widest = max(text_to_path.get_text_width_height_descent(label, font, ismath=False)[0] for label in shown)
    left, right = (widest + LABEL_ROOM) / 72 / CHART_WIDTH, 1 - NUMBER_ROOM / CHART_WIDTH
    figure.subplots_adjust(left=left, right=right, top=1 - above / height, bottom=below / height)
    axes = figure.add_subplot()
    axes.set_yticks(range(len(shown)), shown)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    return figure, axes
