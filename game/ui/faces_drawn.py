"""The face's features drawn from its numbers (`faces.Face`): brows, eyes, mouth, cheeks, the
odd bead of sweat, in the portrait's canvas units (100 wide, 120 tall, the eyes at y 50).

`portrait._Artist` draws the head, hair and shoulders around them with the same pen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from .faces import Face
from .palette import Color, Palette, mix

NEAR_BLACK: Color = (22, 18, 16)


def oval(x: float, y: float, across: float, down: float) -> list[tuple[float, float]]:
    """An ellipse's outline as a polygon, for shapes drawn see-through."""
    return [(x + across * math.cos(a / 8 * math.pi), y + down * math.sin(a / 8 * math.pi)) for a in range(16)]


class FaceArtist:
    """Draws a face's features in canvas units; every colour is a shade of the palette or of the
    sitter's own skin and hair."""

    def __init__(
        self, canvas: pygame.Surface, unit: float, palette: Palette, face: Face, skin: Color, hair: Color
    ) -> None:
        self.canvas, self.unit, self.face, self.hair = canvas, unit, face, hair
        self.skin = mix(skin, palette.furious, face.flush * 0.4)
        self.shadow = mix(self.skin, NEAR_BLACK, 0.25)
        self.ink = mix(hair, NEAR_BLACK, 0.55)
        self.line = mix(self.skin, NEAR_BLACK, 0.62)  # lips and lids: dark against every skin, whatever the hair
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

    def translucent(self, shape: Sequence[tuple[float, float]], rgba: tuple[int, int, int, int]) -> None:
        """A see-through polygon, drawn on a layer only as big as the shape."""
        points = [self.p(x, y) for x, y in shape]
        left, top = min(x for x, _ in points), min(y for _, y in points)
        size = (max(x for x, _ in points) - left + 1, max(y for _, y in points) - top + 1)
        layer = pygame.Surface(size, pygame.SRCALPHA)
        pygame.draw.polygon(layer, rgba, [(x - left, y - top) for x, y in points])
        self.canvas.blit(layer, (left, top))

    def features(self) -> None:
        """Everything that shows the mood, drawn over the bare head."""
        self.cheeks()
        for side in (-1, 1):
            self.eye(side)
            self.brow(side)
        self.curve([(50.5, 52), (48, 59.5), (51, 61)], self.shadow, 1.3)  # the nose
        self.mouth()
        self.sweat()

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
        self.curve([(x, y + 0.5) for x, y in lid], self.line, 1.1)
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
        if face.shout > 0.08:
            pygame.draw.polygon(self.canvas, self.ink, [self.p(x, y) for x, y in top + bottom[::-1]])
            teeth = [(x, y + min(2.2, g * 0.35)) for (x, y), g in zip(top, gape, strict=True)]
            pygame.draw.polygon(self.canvas, self.white, [self.p(x, y) for x, y in top + teeth[::-1]])
            self.curve(bottom, mix(self.skin, self.line, 0.7), 1.2)
        if face.pout > 0.1:  # the lower lip pushed out, shown by the shadow under it
            under = [
                (x, y + 2.0 + face.pout * 1.3 * (1 - (step / 5 - 1) ** 2)) for step, (x, y) in enumerate(bottom[5:16])
            ]
            self.curve(under, mix(self.skin, self.line, 0.45 * face.pout), 1.0)
        self.curve(top, self.line, 1.5)

    def sweat(self) -> None:
        """A bead of sweat at the temple: worry, at a glance."""
        size = self.face.sweat
        if size < 0.15:
            return
        x, y, r = 68.5, 41.0, 1.7 * size
        drop = [(x, y - 3.4 * size), *oval(x, y, r, r)[:9]]  # a point above a round bottom
        pygame.draw.polygon(self.canvas, self.sweat_color, [self.p(px, py) for px, py in drop])
        self.curve([(x - r * 0.4, y - r * 0.1), (x - r * 0.1, y + r * 0.5)], self.white, 0.5)
