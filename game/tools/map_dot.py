"""A scenario map as Graphviz DOT text: for `dot` to draw as SVG or PNG, or for any DOT viewer.

Places keep their ids as DOT ids, so the text reads like the scenario. Every string is quoted
and escaped here, so no id or title can end a string or slip in one of DOT's label escapes.
"""

from __future__ import annotations

from game.engine import Effect, MapArrow, MapPlace, Outcome, PlaceKind, ScenarioMap

from .map_look import (
    FADED_TEXT,
    HIGHLIGHT_WIDTH,
    LEGEND,
    OUTCOME_FILLS,
    TEXT,
    arrow_lines,
    fill_of,
    highlight_of,
    line_of,
    place_lines,
    title_lines,
    walkout_lines,
)

FONT = "Helvetica"
# Trainer ids start with a letter or digit, so these never meet one.
START, LEGEND_NODE, WALKOUT_TAG = "__start__", "__legend__", "__walks_out_from__"
FAILURE_SHAPE = "octagon"  # escalated and lost endings, so outcome shows in shape as well as colour


def as_dot(scenario_map: ScenarioMap) -> str:
    lines = [
        "digraph scenario {",
        f"  graph [rankdir=TB, labelloc=t, fontname={FONT}, fontsize=16, nodesep=0.3, ranksep=0.7,"
        f" label={quoted(title_lines(scenario_map))}];",
        f'  node [fontname={FONT}, fontsize=11, fontcolor="{TEXT}", color="{TEXT}", margin="0.12,0.06"];',
        f"  edge [fontname={FONT}, fontsize=9, arrowsize=0.7];",
    ]
    lines += [f"  {quoted([place.id])} [{_place_attributes(scenario_map, place)}];" for place in scenario_map.places]
    lines += [_start(place) for place in scenario_map.places if place.start]
    lines += [_arrow(scenario_map, arrow) for arrow in scenario_map.arrows]
    lines += [_walkout_tag(scenario_map, a.source) for a in scenario_map.arrows if a.effect is Effect.WALKOUT]
    lines += _legend()
    lines.append("}")
    return "\n".join(lines) + "\n"


def quoted(lines: list[str]) -> str:
    """Lines as one DOT string, centred line under line."""
    return '"' + "\\n".join(_escaped(line) for line in lines) + '"'


def _escaped(text: str) -> str:
    text = "".join(" " if char < " " or char == "\x7f" else char for char in text)
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _place_attributes(scenario_map: ScenarioMap, place: MapPlace) -> str:
    style = ["filled"]
    shape = "box"
    if place.kind is PlaceKind.ROUTING:
        shape = "diamond"
    elif place.outcome in (Outcome.ESCALATED, Outcome.LOST):
        shape = FAILURE_SHAPE
    else:
        style.append("rounded")
    if not place.reached:
        style.append("dashed")
    attributes = [
        f"label={quoted(place_lines(scenario_map, place))}",
        f"shape={shape}",
        f'style="{",".join(style)}"',
        f'fillcolor="{fill_of(place)}"',
    ]
    if place.kind is PlaceKind.ENDING:
        attributes.append("peripheries=2")
    if not place.reached:
        attributes += [f'fontcolor="{FADED_TEXT}"', f'color="{FADED_TEXT}"']
    highlight = highlight_of(place)
    if highlight is not None:
        attributes += [f'color="{highlight}"', "penwidth=3"]
    return ", ".join(attributes)


def _start(place: MapPlace) -> str:
    return (
        f'  {START} [label="start", shape=circle, style=filled, fillcolor="{TEXT}", fontcolor=white,'
        f" fontsize=9, width=0.45, fixedsize=true];\n  {START} -> {quoted([place.id])};"
    )


def _arrow(scenario_map: ScenarioMap, arrow: MapArrow) -> str:
    line = line_of(arrow)
    highlight = highlight_of(arrow)
    colour = line.colour if highlight is None else f"{highlight}:{line.colour}:{highlight}"
    width = line.width if highlight is None else HIGHLIGHT_WIDTH / 2.5
    attributes = [
        f"label={quoted(arrow_lines(scenario_map, arrow))}",
        f'color="{colour}"',
        f'fontcolor="{line.colour}"',
        f"style={line.dashes}",
        f"penwidth={width:g}",
    ]
    target = WALKOUT_TAG + arrow.source if arrow.effect is Effect.WALKOUT else arrow.target
    return f"  {quoted([arrow.source])} -> {quoted([target])} [{', '.join(attributes)}];"


def _walkout_tag(scenario_map: ScenarioMap, source: str) -> str:
    return (
        f"  {quoted([WALKOUT_TAG + source])} [label={quoted(walkout_lines(scenario_map))}, shape={FAILURE_SHAPE},"
        f' style=filled, fillcolor="{OUTCOME_FILLS[Outcome.LOST]}", fontsize=9, margin="0.04,0.02"];'
    )


def _legend() -> list[str]:
    rows = "".join(
        f'<TR><TD ALIGN="LEFT"><FONT COLOR="{key.colour}">{key.sample}</FONT></TD>'
        f'<TD ALIGN="LEFT">{key.meaning}</TD></TR>'
        for key in LEGEND
    )
    return [
        '  subgraph cluster_legend { label="How to read this map"; fontsize=11; style=rounded; color="#d0d7de";',
        f'    {LEGEND_NODE} [shape=plaintext, label=<<TABLE BORDER="0" CELLSPACING="1">{rows}</TABLE>>];',
        "  }",
    ]
