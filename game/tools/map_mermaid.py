"""A scenario map as Mermaid flowchart text: drawn by GitHub, GitLab, many editors and wikis,
with nothing to install.

Places get short ids of our own (`p0`, `p1`, ...), so no trainer id can meet one of Mermaid's
words (`end`, `class`, ...) or its arrow syntax; every label is quoted, and each character
Mermaid reads specially inside one is written as its entity code (`#quot;`, `#35;`, ...), which
Mermaid turns back into the character when it draws.
"""

from __future__ import annotations

import json

from game.engine import Effect, MapArrow, MapPlace, Outcome, PlaceKind, ScenarioMap

from .map_look import (
    BEST_COLOUR,
    FADED_TEXT,
    HIGHLIGHT_WIDTH,
    LEGEND,
    NO_WAY_BACK_FILL,
    OUTCOME_FILLS,
    ROUTING_FILL,
    TALKING_FILL,
    TEXT,
    UNREACHED_FILL,
    WORST_COLOUR,
    arrow_lines,
    highlight_of,
    line_of,
    place_lines,
    title_lines,
    walkout_lines,
)

ENTITIES = {'"': "#quot;", "#": "#35;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "|": "#124;", "`": "#96;"}
ARROWS = {"solid": "-->", "dashed": "-.->", "dotted": "-.->"}
THICK = "==>"
CLASSES = {
    "talking": f"fill:{TALKING_FILL},stroke:{TEXT},color:{TEXT}",
    "routing": f"fill:{ROUTING_FILL},stroke:{TEXT},color:{TEXT}",
    **{o.value: f"fill:{OUTCOME_FILLS[o]},stroke:{TEXT},stroke-width:3px,color:{TEXT}" for o in Outcome},
    "walkout": f"fill:{OUTCOME_FILLS[Outcome.LOST]},stroke:{TEXT},color:{TEXT},font-size:11px",
    "unreached": f"fill:{UNREACHED_FILL},stroke:{FADED_TEXT},stroke-dasharray: 5 4,color:{FADED_TEXT}",
    "noway": f"fill:{NO_WAY_BACK_FILL}",
    "best": f"stroke:{BEST_COLOUR},stroke-width:4px",
    "worst": f"stroke:{WORST_COLOUR},stroke-width:4px",
    "start": f"fill:{TEXT},stroke:{TEXT},color:#ffffff",
    "legend": f"fill:#ffffff,stroke:#d0d7de,color:{TEXT},text-align:left",
}


def as_mermaid(scenario_map: ScenarioMap) -> str:
    ids = {place.id: f"p{index}" for index, place in enumerate(scenario_map.places)}
    tags = {a.source: f"w{index}" for index, a in enumerate(scenario_map.arrows) if a.effect is Effect.WALKOUT}
    lines = ["---", f"title: {json.dumps(' · '.join(title_lines(scenario_map)), ensure_ascii=False)}", "---"]
    lines += ["flowchart TB", *(f"  classDef {name} {style}" for name, style in CLASSES.items())]
    lines += [_place(ids[place.id], scenario_map, place) for place in scenario_map.places]
    lines += [f'  {tag}{{{{"{label(walkout_lines(scenario_map))}"}}}}:::walkout' for tag in tags.values()]
    links: list[str] = []
    starts = [ids[place.id] for place in scenario_map.places if place.start]
    if starts:
        lines.append('  s0(("start")):::start')
        links.append(f"  s0 --> {starts[0]}")
    styles = [f"  linkStyle 0 stroke:{TEXT}"] if starts else []
    for arrow in scenario_map.arrows:
        target = tags[arrow.source] if arrow.effect is Effect.WALKOUT else ids[arrow.target]
        styles.append(f"  linkStyle {len(links)} {_arrow_style(arrow)}")
        links.append(
            f'  {ids[arrow.source]} {_arrow_kind(arrow)}|"{label(arrow_lines(scenario_map, arrow))}"| {target}'
        )
    legend = label([f"{key.sample} {key.colour_name}: {key.meaning}" for key in LEGEND])
    lines += [*links, *styles, '  subgraph key ["How to read this map"]', f'    k0["{legend}"]:::legend', "  end"]
    return "\n".join(lines) + "\n"


def label(lines: list[str]) -> str:
    """Lines as the inside of a quoted Mermaid label, line breaks as `<br>`."""
    return "<br>".join(_escaped(line) for line in lines)


def _escaped(text: str) -> str:
    return "".join(ENTITIES.get(char, " " if char < " " or char == "\x7f" else char) for char in text)


def _place(mermaid_id: str, scenario_map: ScenarioMap, place: MapPlace) -> str:
    text = label(place_lines(scenario_map, place))
    if place.kind is PlaceKind.ROUTING:
        shape = f'{{"{text}"}}'
    elif place.outcome in (Outcome.ESCALATED, Outcome.LOST):
        shape = f'{{{{"{text}"}}}}'
    elif place.kind is PlaceKind.ENDING:
        shape = f'(["{text}"])'
    else:
        shape = f'("{text}")'
    classes = [place.outcome.value if place.outcome is not None else place.kind.value]
    classes += [name for name, on in (("unreached", not place.reached), ("noway", place.no_way_back)) if on]
    highlight = "best" if place.best else "worst" if place.worst else None
    classes += [highlight] if highlight else []
    return f"  {mermaid_id}{shape}" + "".join(f"\n  class {mermaid_id} {name}" for name in classes)


def _arrow_kind(arrow: MapArrow) -> str:
    line = line_of(arrow)
    return THICK if line.width >= 3 or highlight_of(arrow) else ARROWS[line.dashes]


def _arrow_style(arrow: MapArrow) -> str:
    line = line_of(arrow)
    width = HIGHLIGHT_WIDTH if highlight_of(arrow) else line.width
    dashes = ",stroke-dasharray: 6 4" if line.dashes == "dashed" else ""
    return f"stroke:{line.colour},stroke-width:{width:g}px,color:{line.colour}{dashes}"
