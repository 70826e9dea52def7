"""The customer's face, drawn with code: four expressions by anger band, blended over time.

The face is a handful of numbers (brows, eyes, mouth, flush), so an expression is data, a change
of mood is an interpolation, and tests can check the faces without drawing them. The art is
drawn at twice the size and smoothed down, and cached, so an idle face costs one blit a frame.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from functools import lru_cache

import pygame

from game.engine import PORTRAITS

from .palette import Color, Palette, mix

TRANSITION_SECONDS = 0.4
SHAKE_SECONDS = 0.6
SHAKE_HZ = 19.0


@dataclass(frozen=True, slots=True)
class Face:
    brow: float  # 0 relaxed .. 1 pulled down hard at the middle
    eyes: float  # how open: 1 wide .. 0.3 narrowed
    mouth: float  # curve: +1 smile .. -1 deep frown
    shout: float  # 0 closed .. 1 wide open, shouting
    flush: float  # 0 none .. 1 red in the face


EXPRESSIONS = {
    "calm": Face(brow=0.0, eyes=1.0, mouth=0.45, shout=0.0, flush=0.0),
    "annoyed": Face(brow=0.4, eyes=0.85, mouth=-0.15, shout=0.0, flush=0.12),
    "angry": Face(brow=0.72, eyes=0.68, mouth=-0.55, shout=0.18, flush=0.38),
    "furious": Face(brow=1.0, eyes=0.55, mouth=-0.8, shout=0.75, flush=0.75),
}
SOFT_FURIOUS = Face(brow=0.85, eyes=0.62, mouth=-0.65, shout=0.25, flush=0.45)  # reduced intensity


def expression(band: str, reduced_intensity: bool = False) -> Face:
    """The face for an anger band word; furious is toned down when intensity is reduced."""
    return _band_face(band, reduced_intensity)


ANGER_STEPS = ((0, "calm"), (33, "annoyed"), (66, "angry"), (100, "furious"))  # anger where each face is whole


def face_for(anger: int, expression: str | None = None, reduced_intensity: bool = False) -> Face:
    """The face for an anger from 0 to 100, blended between the band faces so every step of the
    meter shows; `expression` (a word of `game.engine.EXPRESSIONS`) is not drawn yet."""
    anger = max(0, min(100, anger))
    faces = [(at, _band_face(band, reduced_intensity)) for at, band in ANGER_STEPS]
    for (low, calmer), (high, angrier) in itertools.pairwise(faces):
        if anger <= high:
            return blend(calmer, angrier, (anger - low) / (high - low))
    return faces[-1][1]


def _band_face(band: str, reduced_intensity: bool) -> Face:
    return SOFT_FURIOUS if band == "furious" and reduced_intensity else EXPRESSIONS[band]


def talking(face: Face, text: str, count: int) -> Face:
    """The mouth moving with the words as `count` characters of `text` come out; shut between words."""
    if not 0 < count <= len(text) or not text[count - 1].isalpha():
        return face
    return replace(face, shout=max(face.shout, (0.1, 0.24, 0.04, 0.18)[count // 4 % 4]))


def blend(a: Face, b: Face, t: float) -> Face:
    t = max(0.0, min(1.0, t))
    values = {f.name: getattr(a, f.name) + (getattr(b, f.name) - getattr(a, f.name)) * t for f in fields(Face)}
    return Face(**values)


@dataclass(slots=True)
class FaceAnimator:
    """Moves the face to a new expression over TRANSITION_SECONDS, and shakes it briefly when asked."""

    start: Face
    target: Face
    progress: float = 1.0  # 0..1 through the current transition
    clock: float = 0.0  # seconds lived, for the shake's phase
    shake_left: float = 0.0

    @classmethod
    def at(cls, face: Face) -> FaceAnimator:
        return cls(face, face)

    @property
    def face(self) -> Face:
        eased = self.progress * self.progress * (3 - 2 * self.progress)  # smoothstep
        return blend(self.start, self.target, eased)

    @property
    def animating(self) -> bool:
        return self.progress < 1.0 or self.shake_left > 0.0

    def show(self, face: Face, shake: bool = False) -> None:
        if face != self.target:
            self.start, self.target, self.progress = self.face, face, 0.0
        if shake:
            self.shake_left = SHAKE_SECONDS

    def calm_down(self) -> None:
        """Stop any shaking at once (reduced intensity was switched on)."""
        self.shake_left = 0.0

    def update(self, dt: float) -> None:
        dt = max(0.0, dt)
        self.progress = min(1.0, self.progress + dt / TRANSITION_SECONDS)
        self.clock += dt
        self.shake_left = max(0.0, self.shake_left - dt)

    def shake_offset(self, amplitude: float) -> tuple[int, int]:
        """Where the shaking head is now, in pixels; (0, 0) when still."""
        if self.shake_left <= 0.0:
            return (0, 0)
        fade = self.shake_left / SHAKE_SECONDS
        phase = self.clock * SHAKE_HZ * 2 * math.pi
        return (round(math.sin(phase) * amplitude * fade), round(math.sin(phase * 1.7) * amplitude * 0.4 * fade))


@dataclass(frozen=True, slots=True)
class Look:
    """Which variant of the drawn face: skin, hair, style, beard and clothes."""

    skin: int  # index into the skin shades
    hair: int  # index into the hair shades
    style: int  # 0 short, 1 swept, 2 receding, 3 curly
    beard: int  # 0 none, 1 stubble, 2 moustache
    jacket: bool  # a hi-vis work jacket rather than a shirt


# Every portrait id a scenario may name (`model.PORTRAITS`, which validation checks) and its look.
LOOKS = {
    "walk-in-man": Look(skin=0, hair=1, style=0, beard=1, jacket=True),
    "caller-woman": Look(skin=0, hair=1, style=1, beard=0, jacket=True),
    "young-man": Look(skin=2, hair=0, style=0, beard=0, jacket=False),
    "young-woman": Look(skin=1, hair=2, style=3, beard=0, jacket=False),
    "older-man": Look(skin=1, hair=3, style=2, beard=2, jacket=False),
    "older-woman": Look(skin=3, hair=3, style=1, beard=0, jacket=False),
    "team-leader": Look(skin=3, hair=1, style=0, beard=0, jacket=False),
    "account-holder": Look(skin=2, hair=0, style=3, beard=1, jacket=False),
}
assert set(LOOKS) == set(PORTRAITS), "each portrait the engine accepts needs a look, and only those"


def look_for(portrait: str) -> Look:
    """The look of a portrait id; a loaded scenario names only ids in `PORTRAITS`."""
    return LOOKS[portrait]


# -- drawing: a 100 x 120 unit canvas, head and shoulders -------------------------------------
UNITS_WIDE, UNITS_TALL = 100, 120
SUPERSAMPLE = 2
FACE_STEP = 0.04  # finer than the eye can tell at portrait size
SKIN_SHADES = (0.0, 0.25, 0.5, 0.72)  # how far towards deep brown
DEEP_BROWN: Color = (58, 34, 22)
NEAR_BLACK: Color = (22, 18, 16)


def portrait_size(room: tuple[int, int]) -> tuple[int, int]:
    """The largest portrait, at its own proportions, that fits in `room`."""
    unit = min(room[0] / UNITS_WIDE, room[1] / UNITS_TALL)
    return max(1, round(UNITS_WIDE * unit)), max(1, round(UNITS_TALL * unit))


def draw_portrait(
    surface: pygame.Surface, palette: Palette, center: tuple[int, int], size: tuple[int, int], look: Look, face: Face
) -> pygame.Rect:
    """The portrait centred at `center`; the face is rounded so a change of mood draws a few
    in-between faces, and an idle face comes from the cache."""
    steady = Face(*(round(getattr(face, f.name) / FACE_STEP) * FACE_STEP for f in fields(Face)))
    art = _render(size, palette, look, steady)
    rect = art.get_rect(center=center)
    surface.blit(art, rect)
    return rect


@lru_cache(maxsize=48)
def _render(size: tuple[int, int], palette: Palette, look: Look, face: Face) -> pygame.Surface:
    canvas = pygame.Surface((size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE), pygame.SRCALPHA)
    _Artist(canvas, canvas.get_width() / UNITS_WIDE, palette, look, face).draw()
    return pygame.transform.smoothscale(canvas, size)


class _Artist:
    """Draws one portrait in canvas units; every colour is a shade of the palette."""

    def __init__(self, canvas: pygame.Surface, unit: float, palette: Palette, look: Look, face: Face) -> None:
        self.canvas, self.unit, self.look, self.face = canvas, unit, look, face
        base_skin = mix(palette.skin, DEEP_BROWN, SKIN_SHADES[look.skin])
        self.skin = mix(base_skin, palette.furious, face.flush * 0.4)
        self.shadow = mix(self.skin, NEAR_BLACK, 0.25)
        hair_shades = (palette.hair, mix(palette.hair, NEAR_BLACK, 0.6), mix(palette.hair, (196, 112, 56), 0.6))
        self.hair = (*hair_shades, mix(palette.hair, (200, 200, 200), 0.65))[look.hair]
        self.ink = mix(self.hair, NEAR_BLACK, 0.55)
        self.shirt = palette.shirt
        self.white = mix(palette.text, palette.skin, 0.08)
        self.flush_color = palette.furious

    def p(self, x: float, y: float) -> tuple[int, int]:
        return round(x * self.unit), round(y * self.unit)

    def r(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        return pygame.Rect(*self.p(x, y), max(1, round(w * self.unit)), max(1, round(h * self.unit)))

    def w(self, width: float) -> int:
        return max(1, round(width * self.unit))

    def curve(self, points: list[tuple[float, float]], color: Color, width: float) -> None:
        scaled = [self.p(x, y) for x, y in points]
        pygame.draw.lines(self.canvas, color, False, scaled, self.w(width))
        for point in (scaled[0], scaled[-1]):  # round caps
            pygame.draw.circle(self.canvas, color, point, self.w(width) // 2)

    def draw(self) -> None:
        self.body()
        if self.look.style == 3:
            pygame.draw.ellipse(self.canvas, self.hair, self.r(25, 19, 50, 40))
        for x in (25.5, 67.5):
            pygame.draw.ellipse(self.canvas, self.shadow, self.r(x, 44, 7, 13))
        pygame.draw.ellipse(self.canvas, self.skin, self.r(29, 24, 42, 52))
        pygame.draw.ellipse(self.canvas, self.shadow, self.r(29, 24, 42, 52), self.w(0.7))
        self.hair_cap()
        self.beard()
        self.cheeks()
        for side in (-1, 1):
            self.eye(side)
            self.brow(side)
        self.curve([(50.5, 52), (48, 59.5), (51, 61)], self.shadow, 1.3)
        self.mouth()

    def body(self) -> None:
        torso = self.r(4, 86, 92, 64)
        edge = mix(self.shirt, NEAR_BLACK, 0.35)
        pygame.draw.rect(self.canvas, self.shadow, self.r(40.5, 62, 19, 30))
        pygame.draw.rect(self.canvas, self.shirt, torso, border_radius=self.w(22))
        pygame.draw.rect(self.canvas, edge, torso, self.w(0.8), border_radius=self.w(22))
        for x in (21, 79):  # where the sleeves meet the body
            self.curve([(x, 104), (x + (x - 50) * 0.05, 120)], edge, 0.8)
        if self.look.jacket:  # reflective bands and a zip
            band = mix(self.shirt, (235, 235, 235), 0.7)
            for y in (100, 107):
                pygame.draw.line(self.canvas, band, self.p(5, y), self.p(95, y), self.w(3.2))
            pygame.draw.line(self.canvas, edge, self.p(50, 99), self.p(50, 120), self.w(0.8))
        pygame.draw.polygon(self.canvas, self.shadow, [self.p(40.5, 86), self.p(59.5, 86), self.p(50, 99)])
        self.curve([(38, 85), (50, 99.5), (62, 85)], edge, 1.6)

    def hair_cap(self) -> None:
        style = self.look.style
        grow = 4.5 if style == 3 else 2.2
        temple, forehead = (40.0, 29.0) if style == 2 else (44.0, 33.0)
        outline = []
        for step in range(21):
            angle = math.pi + math.pi * step / 20
            bump = 1.2 * abs(math.sin(angle * 7)) if style == 3 else 0.0
            outline.append((50 + (21 + grow + bump) * math.cos(angle), 50 + (26 + grow + bump) * math.sin(angle)))
        hairline = []
        for step in range(21):
            s = 1 - 2 * step / 20
            tilt = 3.0 * s if style == 1 else 0.0
            dip = 3.0 * (1 - abs(s)) ** 6 if style == 2 else 0.0
            hairline.append((50 + 21.5 * s, temple - (temple - forehead) * (1 - s**4) + tilt + dip))
        points = [self.p(x, y) for x, y in outline + hairline]
        pygame.draw.polygon(self.canvas, self.hair, points)
        if style == 1:  # a swept fringe
            sweep = [(31, 36), (44, 27), (62, 26), (69, 33), (55, 31), (40, 38)]
            pygame.draw.polygon(self.canvas, mix(self.hair, NEAR_BLACK, 0.2), [self.p(x, y) for x, y in sweep])

    def beard(self) -> None:
        if self.look.beard == 1:  # stubble on the jaw, drawn translucent
            jaw = [(30, 56), (35, 70), (44, 76), (56, 76), (65, 70), (70, 56), (64, 66), (56, 71), (44, 71), (36, 66)]
            self.translucent(jaw, (*self.hair, 70))
        elif self.look.beard == 2:
            moustache = ((42, 65), (50, 62), (58, 65), (56, 66.5), (44, 66.5))
            pygame.draw.polygon(self.canvas, self.hair, [self.p(x, y) for x, y in moustache])

    def cheeks(self) -> None:
        if self.face.flush <= 0.05:
            return
        for x in (33, 57):
            oval = [(x + 5 + 5 * math.cos(a / 8 * math.pi), 59 + 3 * math.sin(a / 8 * math.pi)) for a in range(16)]
            self.translucent(oval, (*self.flush_color, round(110 * self.face.flush)))

    def translucent(self, shape: Sequence[tuple[float, float]], rgba: tuple[int, int, int, int]) -> None:
        """A see-through polygon, drawn on a layer only as big as the shape."""
        points = [self.p(x, y) for x, y in shape]
        left, top = min(x for x, _ in points), min(y for _, y in points)
        size = (max(x for x, _ in points) - left + 1, max(y for _, y in points) - top + 1)
        layer = pygame.Surface(size, pygame.SRCALPHA)
        pygame.draw.polygon(layer, rgba, [(x - left, y - top) for x, y in points])
        self.canvas.blit(layer, (left, top))

    def eye(self, side: int) -> None:
        face, cx, cy = self.face, 50 + side * 9, 50.0
        height = max(1.2, 6.2 * face.eyes)
        pygame.draw.ellipse(self.canvas, self.white, self.r(cx - 4.6, cy - height / 2, 9.2, height))
        pygame.draw.circle(self.canvas, self.ink, self.p(cx - side * 0.4, cy + 0.2), self.w(min(2.5, height / 2)))
        inner, outer = cx - side * 4.8, cx + side * 4.8
        top = cy - height / 2 - 0.6
        drop_in, drop_out = face.brow * height * 0.5, face.brow * height * 0.1
        lid = [(inner, top - 3), (outer, top - 3), (outer, top + drop_out), (inner, top + drop_in)]
        pygame.draw.polygon(self.canvas, self.skin, [self.p(x, y) for x, y in lid])
        self.curve([(outer, top + drop_out + 0.5), (inner, top + drop_in + 0.5)], self.ink, 1.1)
        self.curve([(cx - 3.5, cy + height / 2 + 0.8), (cx + 3.5, cy + height / 2 + 0.8)], self.shadow, 0.6)

    def brow(self, side: int) -> None:
        brow = self.face.brow
        inner_x, outer_x = 50 + side * 3.8, 50 + side * 14
        inner_y, outer_y = 42.5 + brow * 3.4, 41.5 - brow * 1.5
        middle = ((inner_x + outer_x) / 2, (inner_y + outer_y) / 2 - 1.2 * (1 - brow))
        self.curve([(inner_x, inner_y), middle, (outer_x, outer_y)], mix(self.hair, NEAR_BLACK, 0.3), 2.6)
        if brow > 0.5 and side == 1:  # a frown's creases between the brows
            crease = mix(self.skin, self.shadow, (brow - 0.5) * 2)
            for x in (48.8, 51.2):
                self.curve([(x, 40.5), (x + (x - 50) * 0.3, 44)], crease, 0.7)

    def mouth(self) -> None:
        face = self.face
        width, base = 13 + 3 * face.shout, 67.5 + 0.8 * face.shout
        top, bottom = [], []
        for step in range(11):
            s = -1 + step / 5
            y = base - face.mouth * 3 * s * s + face.mouth * 1.0
            top.append((50 + s * width / 2, y))
            bottom.append((50 + s * width / 2, y + face.shout * 11 * (1 - s * s)))
        if face.shout > 0.08:
            pygame.draw.polygon(self.canvas, self.ink, [self.p(x, y) for x, y in top + bottom[::-1]])
            teeth = [(x, y + min(2.2, face.shout * 11 * (1 - ((x - 50) / (width / 2)) ** 2) * 0.35)) for x, y in top]
            pygame.draw.polygon(self.canvas, self.white, [self.p(x, y) for x, y in top + teeth[::-1]])
            self.curve(bottom, mix(self.skin, self.ink, 0.5), 1.2)
        self.curve(top, mix(self.skin, self.ink, 0.7), 1.5)
