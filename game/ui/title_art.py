"""The title's picture: three customers waiting at the office counter, drawn with code.

The same portraits the conversations use (portrait.py), so the title shows the people a trainee
will meet; the room is flat shapes in the palette's shades, so both themes and every window size
come out crisp. The whole picture is drawn once per size and palette and kept, so the idle title
costs one blit a frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import pygame

from .palette import Color, Palette, mix
from .portrait import UNITS_TALL, draw_portrait, face_for, look_for, portrait_size
from .theme import Theme


@dataclass(frozen=True, slots=True)
class Waiting:
    """One customer in the picture: who, how angry, where across the counter (-1 left .. 1 right),
    how big (smaller is further back) and what they wear (a palette colour's name)."""

    portrait: str
    anger: int
    across: int
    scale: float
    wears: str


CAST = (  # drawn back to front
    Waiting("older-woman", 38, -1, 0.8, "calm"),
    Waiting("young-man", 6, 1, 0.8, "accent"),
    Waiting("walk-in-man", 72, 0, 1.0, "shirt"),
)
COUNTER = 0.8  # where the counter top is, as a share of the picture's height
SHOWN_UNITS = 104  # how much of the front customer's portrait shows above the counter
BACK_SHOWN_UNITS = 112  # and of those further back, whose heads are nearly as high


def draw_title_art(surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
    """The picture filling `rect`, with the panels' rounded edge."""
    if rect.width < 2 or rect.height < 2:
        return
    surface.blit(_picture(rect.size, theme.palette, theme.px(14), theme.settings.reduced_intensity), rect)
    pygame.draw.rect(surface, theme.palette.panel_edge, rect, width=theme.px(2), border_radius=theme.px(14))


@lru_cache(maxsize=4)
def _picture(size: tuple[int, int], palette: Palette, radius: int, reduced: bool) -> pygame.Surface:
    width, height = size
    picture = pygame.Surface(size, pygame.SRCALPHA)
    counter = round(height * COUNTER)
    _wall(picture, palette, counter)
    front = portrait_size((round(width * 0.5), round(counter * 0.8 * UNITS_TALL / SHOWN_UNITS)))
    spread = min(width * 0.3, front[0] * 0.8)  # how far the customers at the sides stand from the middle
    heads = []
    for customer in CAST:
        size_here = (round(front[0] * customer.scale), round(front[1] * customer.scale))
        shown = SHOWN_UNITS if customer.scale == 1 else BACK_SHOWN_UNITS
        top = counter - round(size_here[1] * shown / UNITS_TALL)
        centre = (round(width / 2 + customer.across * spread), top + size_here[1] // 2)
        dressed = replace(palette, shirt=mix(getattr(palette, customer.wears), palette.background, 0.15))
        face = face_for(customer.anger, None, reduced)
        draw_portrait(picture, dressed, centre, size_here, look_for(customer.portrait), face)
        heads.append((centre[0], top + round(size_here[1] * 0.2), size_here[1]))
    _bubbles(picture, palette, heads)
    _counter(picture, palette, counter)
    _round_corners(picture, radius)
    return picture


def _wall(picture: pygame.Surface, palette: Palette, counter: int) -> None:
    """A lit wall fading down to a darker dado, a window with blinds, a noticeboard and a hanging sign."""
    width, height = picture.get_size()
    top, bottom = mix(palette.background, palette.panel, 1.0), mix(palette.background, palette.panel, 0.35)
    for y in range(counter):
        pygame.draw.line(picture, mix(top, bottom, y / max(1, counter - 1)), (0, y), (width, y))
    rail = round(counter * 0.62)
    pygame.draw.line(
        picture, mix(palette.panel, palette.panel_edge, 0.8), (0, rail), (width, rail), _line(height, 0.006)
    )
    window = pygame.Rect(round(width * 0.05), round(height * 0.08), round(width * 0.24), round(rail * 0.62))
    glass = mix(palette.accent, palette.background, 0.6)
    pygame.draw.rect(picture, glass, window)
    picture.set_clip(window)
    for step in range(1, 5):  # light falling across the glass
        x = window.left + window.width * step / 4
        pygame.draw.line(
            picture,
            mix(glass, palette.text, 0.12),
            (x, window.top),
            (x - window.width * 0.35, window.bottom),
            _line(height, 0.012),
        )
    slats = max(4, window.height // max(4, round(height * 0.02)))
    for step in range(slats // 2):  # the blind half drawn down
        y = window.top + round(step * window.height / slats)
        pygame.draw.line(
            picture, mix(glass, palette.panel, 0.7), (window.left, y), (window.right, y), _line(height, 0.008)
        )
    picture.set_clip(None)
    pygame.draw.rect(picture, palette.panel_edge, window, width=_line(height, 0.008))
    _noticeboard(
        picture, palette, pygame.Rect(round(width * 0.74), round(height * 0.08), round(width * 0.2), round(rail * 0.4))
    )
    side = round(min(width, height) * 0.09)
    _sign(picture, palette, pygame.Rect(round(width / 2 - side), round(height * 0.04), 2 * side, round(side * 0.8)))


def _noticeboard(picture: pygame.Surface, palette: Palette, board: pygame.Rect) -> None:
    """A corkboard with three notes pinned to it, tilted as notes are."""
    edge = max(1, board.height // 30)
    pygame.draw.rect(picture, mix(palette.hair, palette.panel, 0.45), board, border_radius=edge * 2)
    pygame.draw.rect(picture, palette.panel_edge, board, edge, border_radius=edge * 2)
    paper = mix(palette.text, palette.skin, 0.15)
    for step, (across, down, tilt) in enumerate(((0.08, 0.14, -0.12), (0.4, 0.22, 0.08), (0.68, 0.1, -0.05))):
        note = pygame.Rect(0, 0, round(board.width * 0.26), round(board.height * 0.5))
        note.topleft = (round(board.x + board.width * across), round(board.y + board.height * down))
        corners = [note.topleft, note.topright, note.bottomright, note.bottomleft]
        centre = pygame.Vector2(note.center)
        turned = [centre + (pygame.Vector2(corner) - centre).rotate_rad(tilt) for corner in corners]
        pygame.draw.polygon(picture, paper if step != 1 else mix(palette.accent, palette.text, 0.5), turned)
        for row in (0.3, 0.5, 0.7):
            start = centre + (
                pygame.Vector2(note.left + note.width * 0.15, note.top + note.height * row) - centre
            ).rotate_rad(tilt)
            end = centre + (
                pygame.Vector2(note.right - note.width * 0.15, note.top + note.height * row) - centre
            ).rotate_rad(tilt)
            pygame.draw.line(picture, mix(paper, palette.background, 0.5), start, end, max(1, edge))
        pygame.draw.circle(picture, palette.furious, (note.centerx, note.top + edge * 2), max(2, edge * 2))


def _sign(picture: pygame.Surface, palette: Palette, sign: pygame.Rect) -> None:
    """A sign hung over the counter: a speech bubble, the desk's mark, without words to translate."""
    wire = palette.panel_edge
    for x in (sign.left + sign.width // 5, sign.right - sign.width // 5):
        pygame.draw.line(picture, wire, (x, 0), (x, sign.top), max(1, sign.height // 18))
    pygame.draw.rect(picture, mix(palette.panel, palette.accent, 0.25), sign, border_radius=sign.height // 4)
    pygame.draw.rect(picture, palette.panel_edge, sign, max(1, sign.height // 16), border_radius=sign.height // 4)
    bubble = pygame.Rect(0, 0, round(sign.height * 1.2), round(sign.height * 0.75))
    bubble.center = sign.center
    _speech_mark(picture, palette.accent, palette.panel, bubble)


def draw_mark(surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
    """The game's mark before its name: a speech bubble waiting for an answer, as on the sign."""
    bubble = pygame.Rect(0, 0, rect.width, round(rect.height * 0.72))
    bubble.midtop = rect.midtop
    _speech_mark(surface, theme.palette.accent, theme.palette.background, bubble)


def _speech_mark(surface: pygame.Surface, color: Color, dots: Color, rect: pygame.Rect) -> None:
    """A rounded speech bubble filling `rect` down to where its tail starts, with three dots in it."""
    body = pygame.Rect(rect.x, rect.y, rect.width, round(rect.height * 0.8))
    pygame.draw.rect(surface, color, body, border_radius=body.height // 3)
    tail = [
        (body.left + body.width * 0.2, body.bottom - 1),
        (body.left + body.width * 0.14, rect.bottom + rect.height * 0.2),
        (body.left + body.width * 0.42, body.bottom - 1),
    ]
    pygame.draw.polygon(surface, color, tail)
    for step in (-1, 0, 1):
        centre = (body.centerx + step * body.width // 4, body.centery)
        pygame.draw.circle(surface, dots, centre, max(1, round(body.height * 0.11)))


def _bubbles(picture: pygame.Surface, palette: Palette, heads: list[tuple[int, int, int]]) -> None:
    """What each customer is about to say, without words: a wait, a patient pause, a shout.
    `heads` has each customer's head (x, top of the hair, portrait height), in CAST's order."""
    (woman_x, woman_y, size), (man_x, man_y, _), (front_x, front_y, front_h) = heads
    unit = size * 0.08
    _bubble(picture, palette, (round(woman_x - 2.6 * unit), round(woman_y - 1.2 * unit)), unit, -1)
    clock = (round(woman_x - 2.6 * unit), round(woman_y - 1.2 * unit))
    pygame.draw.circle(picture, palette.background, clock, round(unit * 0.75), max(1, round(unit * 0.16)))
    hand = max(1, round(unit * 0.14))
    pygame.draw.line(picture, palette.background, clock, (clock[0], clock[1] - unit * 0.5), hand)
    pygame.draw.line(picture, palette.background, clock, (clock[0] + unit * 0.4, clock[1]), hand)
    dots = (round(man_x + 2.6 * unit), round(man_y - 1.2 * unit))
    _bubble(picture, palette, dots, unit, 1)
    for step in (-1, 0, 1):
        pygame.draw.circle(
            picture, palette.background, (dots[0] + round(step * unit * 0.6), dots[1]), max(1, round(unit * 0.2))
        )
    burst, reach = (round(front_x - front_h * 0.27), round(front_y + front_h * 0.01)), front_h * 0.1
    points = []
    for step in range(18):
        angle = step * math.pi / 9
        far = reach * (1.0 if step % 2 == 0 else 0.7)
        points.append((burst[0] + far * math.cos(angle), burst[1] + far * 0.85 * math.sin(angle)))
    pygame.draw.polygon(picture, palette.angry, points)
    bar = pygame.Rect(0, 0, max(2, round(reach * 0.2)), round(reach * 0.7))
    bar.midbottom = (burst[0], round(burst[1] + reach * 0.25))
    pygame.draw.rect(picture, palette.background, bar, border_radius=bar.width // 2)
    pygame.draw.circle(picture, palette.background, (burst[0], round(burst[1] + reach * 0.48)), max(1, bar.width // 2))


def _bubble(picture: pygame.Surface, palette: Palette, centre: tuple[int, int], unit: float, tail: int) -> None:
    """A round speech bubble, its tail towards the speaker below on the side `tail` (-1 right, 1 left)."""
    box = pygame.Rect(0, 0, round(unit * 2.6), round(unit * 1.9))
    box.center = centre
    color = mix(palette.panel, palette.text, 0.85)
    tip = (centre[0] - tail * unit * 1.6, centre[1] + unit * 1.7)
    pygame.draw.polygon(
        picture, color, [(centre[0] - tail * unit * 0.2, centre[1]), (centre[0] - tail * unit, centre[1]), tip]
    )
    pygame.draw.ellipse(picture, color, box)


def _counter(picture: pygame.Surface, palette: Palette, counter: int) -> None:
    """The counter's top and front, with a desk bell and the letter the man in hi-vis brought."""
    width, height = picture.get_size()
    wood = mix(palette.hair, palette.skin, 0.3)
    pygame.draw.rect(picture, mix(wood, palette.background, 0.5), (0, counter, width, height - counter))
    lip = max(2, round(height * 0.02))
    pygame.draw.rect(picture, wood, (0, counter, width, lip))
    pygame.draw.line(picture, mix(wood, palette.text, 0.4), (0, counter), (width, counter), _line(height, 0.004))
    for x in (width // 3, 2 * width // 3):  # the front's panels
        pygame.draw.line(
            picture, mix(wood, palette.background, 0.7), (x, counter + lip), (x, height), _line(height, 0.004)
        )
    bell = (round(width * 0.8), counter)
    radius = max(3, round(height * 0.035))
    pygame.draw.circle(
        picture, mix(palette.shirt, palette.text, 0.25), bell, radius, draw_top_left=True, draw_top_right=True
    )
    pygame.draw.rect(
        picture, mix(wood, palette.background, 0.3), (bell[0] - radius * 1.3, counter - 1, radius * 2.6, lip)
    )
    pygame.draw.circle(
        picture, mix(palette.shirt, palette.text, 0.25), (bell[0], bell[1] - radius), max(1, radius // 4)
    )
    letter = [
        (width * 0.24, counter + lip * 0.2),
        (width * 0.36, counter - lip * 0.5),
        (width * 0.38, counter + lip * 0.8),
        (width * 0.26, counter + lip * 1.5),
    ]
    pygame.draw.polygon(picture, mix(palette.text, palette.skin, 0.1), letter)
    pygame.draw.line(
        picture,
        palette.furious,
        (width * 0.28, counter + lip * 0.6),
        (width * 0.33, counter + lip * 0.25),
        _line(height, 0.008),
    )


def _line(height: int, share: float) -> int:
    """A line's width as a share of the picture's height, at least a pixel."""
    return max(1, round(height * share))


def _round_corners(picture: pygame.Surface, radius: int) -> None:
    """Clear what lies outside the rounded rectangle, so the picture sits in the window like a panel."""
    mask = pygame.Surface(picture.get_size(), pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=radius)
    picture.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
