"""The customer's face as numbers: how angry it looks at each point of the meter, and how a named
expression (a scenario's `expression:` word) changes it.

A face is a handful of numbers, so an expression is data, a change of mood is an interpolation,
and tests can compare faces without drawing them. Anger is blended between four band faces, so
every step of the meter shows; an expression then pulls some features to its own values and adds
the ones anger never uses (a raised inner brow, a glance, a lopsided mouth, a blush), so a
sheepish customer at 70 still looks angry, and sheepish.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True, slots=True)
class Face:
    """Every feature is a plain number, so any two faces blend; the ones anger moves come first."""

    brow: float  # 0 relaxed .. 1 pulled down hard at the middle
    eyes: float  # how open: 1 wide .. 0.3 narrowed
    mouth: float  # curve: +1 smile .. -1 deep frown
    shout: float  # 0 closed .. 1 wide open, shouting
    flush: float  # 0 none .. 1 red in the face
    lift: float = 0.0  # 0 .. 1 the inner ends of the brows raised: worry, hurt, an apology
    arch: float = 0.0  # -1 .. 1 one brow up and the other down (+: the brow on the viewer's right up)
    lids: float = 0.0  # 0 .. 1 the upper lids lowered: heavy, tired, relieved, looking down
    smile_eyes: float = 0.0  # 0 .. 1 the lower lids pushed up by the cheeks
    glance: float = 0.0  # -1 .. 1 the eyes turned to the viewer's left .. right
    down: float = 0.0  # 0 .. 1 the eyes turned down
    smirk: float = 0.0  # -1 .. 1 one corner of the mouth up (+: the viewer's right), the mouth drawn to it
    purse: float = 0.0  # 0 .. 1 the mouth held small and tight
    wobble: float = 0.0  # 0 .. 1 a wavering mouth line
    pout: float = 0.0  # 0 .. 1 the lower lip pushed out
    blush: float = 0.0  # 0 .. 1 embarrassed pink across the cheeks (not the red of anger)
    sweat: float = 0.0  # 0 .. 1 a bead of sweat at the temple


BAND_FACES = {
    "calm": Face(brow=0.0, eyes=1.0, mouth=0.45, shout=0.0, flush=0.0),
    "annoyed": Face(brow=0.4, eyes=0.85, mouth=-0.15, shout=0.0, flush=0.12),
    "angry": Face(brow=0.72, eyes=0.68, mouth=-0.55, shout=0.18, flush=0.38),
    "furious": Face(brow=1.0, eyes=0.55, mouth=-0.8, shout=0.75, flush=0.75),
}
SOFT_FURIOUS = Face(brow=0.85, eyes=0.62, mouth=-0.65, shout=0.25, flush=0.45)  # reduced intensity
ANGER_STEPS = ((0, "calm"), (33, "annoyed"), (66, "angry"), (100, "furious"))  # anger where each face is whole


@dataclass(frozen=True, slots=True)
class Pull:
    """One feature of an expression: moved `weight` of the way from the anger's face to `value`."""

    value: float
    weight: float = 1.0


# What each of the engine's EXPRESSIONS does to a face. Features anger never moves are simply set;
# the anger's own features are pulled only part of the way, so the anger still shows through.
MOODS: dict[str, dict[str, Pull]] = {
    "amused": {
        "mouth": Pull(0.5, 0.55),
        "smirk": Pull(0.75),
        "smile_eyes": Pull(0.55),
        "arch": Pull(0.35),
        "brow": Pull(0.0, 0.3),
    },
    "embarrassed": {
        "flush": Pull(0.8, 0.7),
        "blush": Pull(1.0),
        "brow": Pull(0.2, 0.5),
        "lift": Pull(0.35),
        "lids": Pull(0.3),
        "down": Pull(0.85),
        "mouth": Pull(-0.15, 0.6),
        "purse": Pull(0.7),
        "shout": Pull(0.0, 0.7),
    },
    "hurt": {
        "brow": Pull(0.0, 0.6),
        "lift": Pull(0.85),
        "lids": Pull(0.35),
        "down": Pull(0.45),
        "mouth": Pull(-0.45, 0.6),
        "purse": Pull(0.35),
        "pout": Pull(0.8),
        "shout": Pull(0.0, 0.5),
    },
    "relieved": {
        "brow": Pull(0.0, 0.8),
        "lift": Pull(0.45),
        "lids": Pull(0.8),
        "mouth": Pull(0.6, 0.75),
        "smile_eyes": Pull(0.35),
        "flush": Pull(0.0, 0.4),
        "shout": Pull(0.0, 0.6),
    },
    "sheepish": {
        "brow": Pull(0.0, 0.6),
        "lift": Pull(0.7),
        "lids": Pull(0.2),
        "glance": Pull(-0.75),
        "down": Pull(0.6),
        "mouth": Pull(0.0, 0.8),
        "smirk": Pull(0.75),
        "purse": Pull(0.15),
        "blush": Pull(0.85),
        "shout": Pull(0.0, 0.6),
    },
    "suspicious": {
        "arch": Pull(-0.85),
        "eyes": Pull(0.6, 0.6),
        "glance": Pull(0.8),
        "mouth": Pull(-0.1, 0.5),
        "smirk": Pull(-0.35),
        "purse": Pull(0.4),
        "shout": Pull(0.0, 0.5),
    },
    "worried": {
        "brow": Pull(0.0, 0.7),
        "lift": Pull(1.0),
        "eyes": Pull(1.0, 0.5),
        "mouth": Pull(-0.3, 0.5),
        "wobble": Pull(0.8),
        "purse": Pull(0.25),
        "sweat": Pull(1.0),
        "shout": Pull(0.0, 0.6),
    },
}


def face_for(anger: int, expression: str | None = None, reduced_intensity: bool = False) -> Face:
    """The face for an anger from 0 to 100 with a named expression (a word of
    `game.engine.EXPRESSIONS`) on top; reduced intensity tones down the angriest faces."""
    face = _anger_face(max(0, min(100, anger)), reduced_intensity)
    pulls = MOODS.get(expression or "", {})  # a scenario names only known words; anything else shows plainly
    moved = {name: _pulled(getattr(face, name), pull) for name, pull in pulls.items()}
    return replace(face, **moved)


def _anger_face(anger: int, reduced_intensity: bool) -> Face:
    steps = [(at, expression(band, reduced_intensity)) for at, band in ANGER_STEPS]
    for (low, calmer), (high, angrier) in itertools.pairwise(steps):
        if anger <= high:
            return blend(calmer, angrier, (anger - low) / (high - low))
    return steps[-1][1]


def _pulled(value: float, pull: Pull) -> float:
    return value + (pull.value - value) * pull.weight


def expression(band: str, reduced_intensity: bool = False) -> Face:
    """The whole face of an anger band word, the steps `face_for` blends between; furious is
    toned down when intensity is reduced."""
    return SOFT_FURIOUS if band == "furious" and reduced_intensity else BAND_FACES[band]


def talking(face: Face, text: str, count: int) -> Face:
    """The mouth moving with the words as `count` characters of `text` come out; shut between words."""
    if not 0 < count <= len(text) or not text[count - 1].isalpha():
        return face
    return replace(face, shout=max(face.shout, (0.1, 0.24, 0.04, 0.18)[count // 4 % 4]))


def blend(a: Face, b: Face, t: float) -> Face:
    t = max(0.0, min(1.0, t))
    values = {f.name: getattr(a, f.name) + (getattr(b, f.name) - getattr(a, f.name)) * t for f in fields(Face)}
    return Face(**values)
