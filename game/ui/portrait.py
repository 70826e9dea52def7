"""The customer's portrait, drawn with code: head and shoulders in one of eight looks, with the
face (`faces.py`: a handful of numbers) moving to each new mood over a moment.

The art is drawn at twice the size and smoothed down, and cached, so an idle face costs one blit
a frame.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import lru_cache

import pygame

from game.engine import PORTRAITS

from .faces import BAND_FACES, Face, blend
from .faces import expression as expression  # the screens take faces from here
from .faces import face_for as face_for
from .faces import talking as talking
from .palette import Color, Palette, mix

EXPRESSIONS = BAND_FACES  # the band faces' first name, still used by older callers

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


def oval(x: float, y: float, across: float, down: float) -> list[tuple[float, float]]:
    """An ellipse's outline as a polygon, for shapes drawn see-through."""
    return [(x + across * math.cos(a / 8 * math.pi), y + down * math.sin(a / 8 * math.pi)) for a in range(16)]


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
        self.blush_color = mix(palette.furious, (255, 170, 200), 0.5)
        self.sweat_color = mix(self.white, palette.accent, 0.45)

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
        self.sweat()

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
        face = self.face
        if face.flush > 0.05:
            for x in (38.0, 62.0):
                self.translucent(oval(x, 59, 5, 3), (*self.flush_color, round(110 * face.flush)))
        if face.blush > 0.05:  # embarrassed: a pink wash high on the cheeks, with a few strokes
            for x in (39.5, 60.5):
                self.translucent(oval(x, 56.5, 6, 2.6), (*self.blush_color, round(150 * face.blush)))
                stroke = mix(self.skin, mix(self.blush_color, NEAR_BLACK, 0.35), face.blush)
                for dx in (-3, 0, 3):
                    self.curve([(x + dx + 0.9, 55.2), (x + dx - 0.9, 57.8)], stroke, 0.6)

    def translucent(self, shape: Sequence[tuple[float, float]], rgba: tuple[int, int, int, int]) -> None:
        """A see-through polygon, drawn on a layer only as big as the shape."""
        points = [self.p(x, y) for x, y in shape]
        left, top = min(x for x, _ in points), min(y for _, y in points)
        size = (max(x for x, _ in points) - left + 1, max(y for _, y in points) - top + 1)
        layer = pygame.Surface(size, pygame.SRCALPHA)
        pygame.draw.polygon(layer, rgba, [(x - left, y - top) for x, y in points])
        self.canvas.blit(layer, (left, top))

    def side_brow(self, side: int) -> tuple[float, float]:
        """How far this side's brow is pulled down (anger, or the low brow of a doubtful look),
        and how far it is raised (the high one)."""
        tilt = self.face.arch * side
        return min(1.0, self.face.brow + 0.6 * max(0.0, -tilt)), 2.8 * max(0.0, tilt)

    def eye(self, side: int) -> None:
        face, cx, cy = self.face, 50 + side * 9, 50.0
        pulled, raised = self.side_brow(side)
        height = max(1.2, 6.2 * face.eyes * (1 + 0.04 * raised - 0.35 * max(0.0, -face.arch * side)))
        pupil = (cx - side * 0.4 + face.glance * 2.4, cy + 0.2 + face.down * 1.5)
        self.eyeball(self.r(cx - 4.6, cy - height / 2, 9.2, height), pupil)
        inner, outer = cx - side * 4.8, cx + side * 4.8
        top, bottom = cy - height / 2 - 0.6, cy + height / 2
        heavy = (face.lids + 0.3 * face.down) * height * 0.6
        drop_in = pulled * height * 0.5 - face.lift * height * 0.1 + heavy
        drop_out = pulled * height * 0.1 + face.lift * face.lids * height * 0.5 + heavy  # sad eyes droop outside
        lid = [
            (outer, min(bottom, top + drop_out)),
            (cx, min(bottom, top + (drop_in + drop_out) / 2 - 0.5 * (1 - face.lids))),
        ]
        lid.append((inner, min(bottom, top + drop_in)))
        pygame.draw.polygon(
            self.canvas, self.skin, [self.p(x, y) for x, y in [(inner, top - 3), (outer, top - 3), *lid]]
        )
        self.curve([(x, y + 0.5) for x, y in lid], self.ink, 1.1)
        cheek = [
            (cx + 4.9 * s, bottom + 0.8 - face.smile_eyes * height * 0.55 * (1 - s * s)) for s in (-1, -0.5, 0, 0.5, 1)
        ]
        pygame.draw.polygon(
            self.canvas, self.skin, [self.p(x, y) for x, y in [*cheek, (cx + 4.9, bottom + 3), (cx - 4.9, bottom + 3)]]
        )
        self.curve(cheek[1:-1] if face.smile_eyes < 0.2 else cheek, self.shadow, 0.6 + 0.5 * face.smile_eyes)

    def eyeball(self, rect: pygame.Rect, pupil: tuple[float, float]) -> None:
        """The white of the eye with its pupil, cut to the eye's shape when it looks aside."""
        layer = pygame.Surface(rect.size, pygame.SRCALPHA)
        pygame.draw.ellipse(layer, self.white, layer.get_rect())
        x, y = self.p(*pupil)
        pygame.draw.circle(layer, self.ink, (x - rect.x, y - rect.y), self.w(2.4))
        shape = pygame.Surface(rect.size, pygame.SRCALPHA)
        shape.fill((255, 255, 255, 0))
        pygame.draw.ellipse(shape, (255, 255, 255, 255), shape.get_rect())
        layer.blit(shape, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        self.canvas.blit(layer, rect)

    def brow(self, side: int) -> None:
        face = self.face
        pulled, raised = self.side_brow(side)
        inner_x, outer_x = 50 + side * 3.8, 50 + side * 14
        inner_y = 42.5 + pulled * 3.4 - face.lift * 4.2 - raised * 0.7
        outer_y = 41.5 - pulled * 1.5 + face.lift * 2.4 - raised
        bulge = 1.2 * (1 - pulled) * (1 - 0.7 * face.lift) + raised * 0.6
        middle = ((inner_x + outer_x) / 2, (inner_y + outer_y) / 2 - bulge)
        self.curve([(inner_x, inner_y), middle, (outer_x, outer_y)], mix(self.hair, NEAR_BLACK, 0.3), 2.6)
        if side == 1:
            self.forehead()

    def forehead(self) -> None:
        """A frown's creases between the brows; a worried forehead's lines above them."""
        face = self.face
        if face.brow > 0.5:
            crease = mix(self.skin, self.shadow, (face.brow - 0.5) * 2)
            for x in (48.8, 51.2):
                self.curve([(x, 40.5), (x + (x - 50) * 0.3, 44)], crease, 0.7)
        if face.lift > 0.3:
            line = mix(self.skin, self.shadow, (face.lift - 0.3) / 0.7 * 0.9)
            for y, half in ((36.0, 6.0), (38.2, 4.5)):
                self.curve(
                    [(50 - half, y + 0.3), (50 - half / 3, y - 0.2), (50 + half / 3, y - 0.2), (50 + half, y + 0.3)],
                    line,
                    0.6,
                )

    def mouth(self) -> None:
        face = self.face
        width, base = (13 + 3 * face.shout) * (1 - 0.35 * face.purse), 67.5 + 0.8 * face.shout
        centre, lean = 50 + face.smirk * 1.6, 1 if face.smirk >= 0 else -1
        top, bottom, gape = [], [], []
        for step in range(21):
            s = -1 + step / 10
            corner = max(0.0, s * lean) ** 2 * abs(face.smirk)  # the corner that lifts, and how far
            y = base - face.mouth * 3 * s * s + face.mouth * 1.0 - corner * 3.4
            y += face.wobble * 0.8 * math.sin(s * 3 * math.pi) * (1 - s * s)
            x = centre + s * width / 2 + corner * lean * 1.2
            gape.append(face.shout * 11 * (1 - s * s))
            top.append((x, y))
            bottom.append((x, y + gape[-1]))
        lip = mix(self.skin, self.ink, 0.7)
        if face.shout > 0.08:
            pygame.draw.polygon(self.canvas, self.ink, [self.p(x, y) for x, y in top + bottom[::-1]])
            teeth = [(x, y + min(2.2, g * 0.35)) for (x, y), g in zip(top, gape, strict=True)]
            pygame.draw.polygon(self.canvas, self.white, [self.p(x, y) for x, y in top + teeth[::-1]])
            self.curve(bottom, mix(self.skin, self.ink, 0.5), 1.2)
        if face.pout > 0.1:  # the lower lip pushed out, shown by the shadow under it
            under = [
                (x, y + 2.0 + face.pout * 1.3 * (1 - (step / 5 - 1) ** 2)) for step, (x, y) in enumerate(bottom[5:16])
            ]
            self.curve(under, mix(self.skin, self.ink, 0.3 * face.pout), 1.0)
        self.curve(top, lip, 1.5)

    def sweat(self) -> None:
        """A bead of sweat at the temple: worry, at a glance."""
        size = self.face.sweat
        if size < 0.15:
            return
        x, y, r = 68.5, 41.0, 1.7 * size
        drop = [(x, y - 3.4 * size), *oval(x, y, r, r)[:9]]  # a point above a round bottom
        pygame.draw.polygon(self.canvas, self.sweat_color, [self.p(px, py) for px, py in drop])
        self.curve([(x - r * 0.4, y - r * 0.1), (x - r * 0.1, y + r * 0.5)], self.white, 0.5)
