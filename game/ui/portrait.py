"""The customer's portrait, drawn with code: head and shoulders in one of eight looks, with the
face (`faces.py`: a handful of numbers) moving to each new mood over a moment.

The art is drawn at twice the size and smoothed down, and cached, so an idle face costs one blit
a frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import lru_cache

import pygame

from game.engine import PORTRAITS

from .faces import Face, blend
from .faces import expression as expression  # the screens take faces from here
from .faces import face_for as face_for
from .faces import talking as talking
from .faces_drawn import NEAR_BLACK, FaceArtist
from .palette import Color, Palette, mix

TRANSITION_SECONDS = 0.4
SHAKE_SECONDS = 0.6
SHAKE_HZ = 19.0


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


class _Artist(FaceArtist):
    """Draws one portrait in canvas units: the look's head, hair and clothes, then the face."""

    def __init__(self, canvas: pygame.Surface, unit: float, palette: Palette, look: Look, face: Face) -> None:
        hair_shades = (palette.hair, mix(palette.hair, NEAR_BLACK, 0.6), mix(palette.hair, (196, 112, 56), 0.6))
        hair = (*hair_shades, mix(palette.hair, (200, 200, 200), 0.65))[look.hair]
        super().__init__(canvas, unit, palette, face, mix(palette.skin, DEEP_BROWN, SKIN_SHADES[look.skin]), hair)
        self.look, self.shirt = look, palette.shirt

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
        self.features()

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
