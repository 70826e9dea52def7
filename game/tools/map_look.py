"""How a scenario map looks, in whichever text format it is written: the words on each place and
arrow, and the colours and lines that tell a trainer what an answer does.

Colour is never the only cue, so a map printed in grey still reads: each answer's anger change is
written with its sign, calming arrows are solid, neutral ones dashed, angering ones thick, the
walk-out dashed and thick; endings say their outcome; the best and worst plays are marked with
★ and ✗ beside the answer, and places never reached say so. Labels are ids, never the dialogue,
and each is cut short so a large scenario stays a picture.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import Effect, MapAnswer, MapArrow, MapPlace, Outcome, PlaceKind, ScenarioMap, condition_text

ID_CHARACTERS = 28  # an id longer than this is cut (ids may be 64 characters)
CONDITION_CHARACTERS = 40
FLAGS_SHOWN = 2  # per list of flags set or cleared; the rest are counted
ANSWERS_SHOWN = 4  # per arrow; the rest are counted (the best and worst are always shown)
BEST, WORST = "★", "✗"
MINUS = "\u2212"  # a minus sign as wide as the plus


@dataclass(frozen=True, slots=True)
class Line:
    """How an arrow is drawn."""

    colour: str
    dashes: str  # "solid", "dashed" or "dotted"
    width: float  # in points


EFFECT_LINES = {
    Effect.CALMING: Line("#1a7f37", "solid", 1.6),
    Effect.NEUTRAL: Line("#6e7781", "dashed", 1.4),
    Effect.ANGERING: Line("#cf222e", "solid", 3.0),
    Effect.ROUTE: Line("#24292f", "solid", 1.0),
    Effect.WALKOUT: Line("#cf222e", "dashed", 2.4),
}
NEVER_TAKEN = Line("#9aa0a6", "dotted", 1.2)
BEST_COLOUR, WORST_COLOUR = "#0b5cad", "#7b1fa2"
HIGHLIGHT_WIDTH = 5.0
OUTCOME_FILLS = {
    Outcome.RESOLVED: "#b7e4c7",
    Outcome.PARTIAL: "#fff1a8",
    Outcome.ESCALATED: "#ffc9a3",
    Outcome.LOST: "#f5a3a3",
}
ROUTING_FILL, TALKING_FILL, UNREACHED_FILL, NO_WAY_BACK_FILL = "#eef0f3", "#ffffff", "#f6f6f6", "#fde2e2"
TEXT, FADED_TEXT = "#1f2328", "#6e7781"


@dataclass(frozen=True, slots=True)
class Key:
    """One line of a map's legend: a sample of the mark, its colour by value and by name, and what it means."""

    sample: str
    colour: str
    colour_name: str
    meaning: str


LEGEND = (
    Key("───", EFFECT_LINES[Effect.CALMING].colour, "green", f"calms the customer (anger {MINUS})"),
    Key("╌╌╌", EFFECT_LINES[Effect.NEUTRAL].colour, "grey dashed", "leaves anger as it is (±0)"),
    Key("━━━", EFFECT_LINES[Effect.ANGERING].colour, "red thick", "angers the customer (anger +)"),
    Key("╍╍╍", EFFECT_LINES[Effect.WALKOUT].colour, "red dashed", "the customer walks out"),
    Key("───", EFFECT_LINES[Effect.ROUTE].colour, "black thin", "a routing node (diamond) passes on"),
    Key("┈┈┈", NEVER_TAKEN.colour, "grey dotted", "no play ever takes it"),
    Key(BEST, BEST_COLOUR, "blue", "best play (blue borders, thick arrows)"),
    Key(WORST, WORST_COLOUR, "purple", "worst play (purple borders, thick arrows)"),
    Key("▭▭", TEXT, "double border", "an ending, with its outcome"),
)


def line_of(arrow: MapArrow) -> Line:
    return EFFECT_LINES[arrow.effect] if arrow.taken else NEVER_TAKEN


def highlight_of(thing: MapArrow | MapPlace) -> str | None:
    """The colour of the best or worst play through it, if either passes (the best wins a tie)."""
    return BEST_COLOUR if thing.best else WORST_COLOUR if thing.worst else None


def fill_of(place: MapPlace) -> str:
    if place.outcome is not None:
        return OUTCOME_FILLS[place.outcome]
    if not place.reached:
        return UNREACHED_FILL
    if place.no_way_back:
        return NO_WAY_BACK_FILL
    return ROUTING_FILL if place.kind is PlaceKind.ROUTING else TALKING_FILL


def short(text: str, limit: int) -> str:
    """At most `limit` characters, an ellipsis ending what was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def title_lines(scenario_map: ScenarioMap) -> list[str]:
    lines = [f"{scenario_map.title} ({scenario_map.scenario_id})"]
    if scenario_map.focus is not None:
        lines.append(f"around {scenario_map.focus}, {scenario_map.depth} arrow(s) either way")
    lines.append(f"{BEST} best and {WORST} worst play for a customer at temperament {scenario_map.temperament}%")
    return lines


def place_lines(scenario_map: ScenarioMap, place: MapPlace) -> list[str]:
    """The words in a place's box: its id, then what kind of place it is and what play does there."""
    lines = [short(place.id, ID_CHARACTERS)]
    if place.outcome is not None:
        lines.append(place.outcome.value.upper())
    if place.id == scenario_map.walkout:
        lines.append(f"walk-out at anger {scenario_map.walks_out_at}")
    if place.timer is not None:
        lines.append(f"timer {place.timer} s")
    if not place.reached:
        lines.append("never reached")
    if place.no_way_back:
        lines += ["no way back:", "only escalated or lost"]
    lines += [mark for mark, on in ((f"{BEST} best play", place.best), (f"{WORST} worst play", place.worst)) if on]
    if place.cut:
        lines.append("… more beyond")
    return lines


def walkout_lines(scenario_map: ScenarioMap) -> list[str]:
    """The words on the small tag a walk-out arrow points to. Each node where the customer can walk
    out gets a tag of its own, so that walk-outs from all over the map do not converge on one ending
    in long arrows across everything else."""
    return ["walks out", f"to {short(scenario_map.walkout or '', ID_CHARACTERS)}"]


def arrow_lines(scenario_map: ScenarioMap, arrow: MapArrow) -> list[str]:
    """The words on an arrow: one line per answer along it, the best and worst always among them."""
    walkout = arrow.effect is Effect.WALKOUT
    lines = [f"anger ≥ {scenario_map.walks_out_at} after"] if walkout else []
    shown = [a for i, a in enumerate(arrow.answers) if i < ANSWERS_SHOWN or a.best or a.worst]
    lines += [_answer_line(answer, arrow) for answer in shown]
    if len(shown) < len(arrow.answers):
        lines.append(f"and {len(arrow.answers) - len(shown)} more answers")
    return lines


def _answer_line(answer: MapAnswer, arrow: MapArrow) -> str:
    marks = (BEST if answer.best else "") + (WORST if answer.worst else "")
    parts = [marks] if marks else []
    if arrow.effect is Effect.ROUTE:
        parts.append("otherwise" if answer.condition is None else f"if {_condition(answer)}")
    else:
        parts.append(f"{short(answer.name, ID_CHARACTERS)} {signed(answer.anger)}")
        if answer.condition is not None:
            parts.append(f"if {_condition(answer)}")
    parts += [f"{verb} {_flags(flags)}" for verb, flags in (("sets", answer.sets), ("clears", answer.clears)) if flags]
    if not answer.taken:
        parts.append("(never in play)")
    return " ".join(parts)


def signed(anger: int) -> str:
    """An anger change with its sign always written: minus 10, ±0, +15."""
    return f"{MINUS}{-anger}" if anger < 0 else f"+{anger}" if anger > 0 else "±0"


def _condition(answer: MapAnswer) -> str:
    assert answer.condition is not None
    return short(condition_text(answer.condition), CONDITION_CHARACTERS)


def _flags(flags: frozenset[str]) -> str:
    names = [short(flag, ID_CHARACTERS) for flag in sorted(flags)]
    more = len(names) - FLAGS_SHOWN
    return ", ".join(names[:FLAGS_SHOWN]) + (f" and {more} more" if more > 0 else "")
