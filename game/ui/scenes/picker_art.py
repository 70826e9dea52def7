"""The picker's drawn art: each customer's face, channel icons, difficulty pips, the Play tag
and key caps.

Drawn with pygame.draw from the theme's palette, nothing loaded, so every size and the
high-contrast palette come out crisp. A customer's face is drawn once per size and palette and
kept, so scrolling the list costs a blit a card.
"""

from __future__ import annotations

from functools import lru_cache

import pygame

from game.engine import Channel

from ..palette import Color, Palette, mix
from ..portrait import UNITS_TALL, UNITS_WIDE, Face, Look, draw_portrait, face_for, look_for
from ..theme import Theme
from ..widgets import key_hints

PLAY = "Play"
CONTINUE = "Continue"  # on a card the trainee has a save of
FACE_TOP, FACE_BOTTOM = 16, 92  # the portrait's units shown on a card: the hair to the collar
KEYS = (("Up/Down", "choose"), ("Enter", "start"), ("Esc", "back"), ("F5", "reload"))


def draw_play(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, focused: bool, word: str = PLAY) -> None:
    """What clicking the card does (play it, or continue it); lit on the focused card."""
    palette = theme.palette
    color = palette.background if focused else palette.accent
    if focused:
        pygame.draw.rect(surface, palette.accent, rect, border_radius=rect.height // 2)
    else:
        pygame.draw.rect(surface, palette.accent, rect, theme.px(2), border_radius=rect.height // 2)
    label = theme.text(word, "body", color)
    arrow = theme.px(6)
    text_rect = label.get_rect(midleft=(rect.x + theme.px(14), rect.centery))
    surface.blit(label, text_rect)
    tip = (text_rect.right + theme.px(8) + arrow, rect.centery)
    pygame.draw.polygon(surface, color, [(tip[0] - arrow, tip[1] - arrow), tip, (tip[0] - arrow, tip[1] + arrow)])


def draw_keys(surface: pygame.Surface, theme: Theme, midleft: tuple[int, int]) -> None:
    """The keys that work here, as key caps, like the play screen's."""
    key_hints(surface, theme, KEYS, midleft[1], left=midleft[0])


def draw_customer(
    surface: pygame.Surface, theme: Theme, portrait: str, anger: int, channel: Channel, box: pygame.Rect
) -> None:
    """The customer's own head and shoulders (`portrait`), looking as they do at the start (`anger`),
    with the channel (in person, phone, chat) as a badge in the corner."""
    palette, radius = theme.palette, theme.px(10)
    face = face_for(anger, None, theme.settings.reduced_intensity)
    surface.blit(_face_tile(box.size, palette, radius, look_for(portrait), face), box)
    pygame.draw.rect(surface, palette.accent, box, theme.px(2), border_radius=radius)
    badge = pygame.Rect(0, 0, round(box.width * 0.38), round(box.width * 0.38))
    badge.center = (box.right - round(box.width * 0.1), box.bottom - round(box.width * 0.1))  # on the shoulder
    pygame.draw.rect(surface, palette.panel, badge.inflate(theme.px(4), theme.px(4)), border_radius=theme.px(10))
    draw_channel_icon(surface, theme, channel, badge, palette.accent)


@lru_cache(maxsize=64)
def _face_tile(size: tuple[int, int], palette: Palette, radius: int, look: Look, face: Face) -> pygame.Surface:
    """The portrait from the hair to the collar, on a tinted ground, in a rounded square."""
    tile = pygame.Surface(size, pygame.SRCALPHA)
    tile.fill(mix(palette.panel, palette.accent, 0.22))
    side = size[1]
    unit = side / (FACE_BOTTOM - FACE_TOP)
    portrait = (round(UNITS_WIDE * unit), round(UNITS_TALL * unit))
    draw_portrait(tile, palette, (size[0] // 2, round((UNITS_TALL / 2 - FACE_TOP) * unit)), portrait, look, face)
    mask = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=radius)
    tile.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return tile


def draw_channel_icon(
    surface: pygame.Surface, theme: Theme, channel: Channel | None, box: pygame.Rect, color: Color
) -> None:
    """A person, a phone or a speech bubble; a warning sign for a scenario that cannot start."""
    pygame.draw.rect(surface, mix(theme.palette.panel, color, 0.22), box, border_radius=theme.px(10))
    pygame.draw.rect(surface, color, box, theme.px(2), border_radius=theme.px(10))
    unit, (cx, cy), line = box.width / 10, box.center, theme.px(3)
    if channel is Channel.IN_PERSON:
        pygame.draw.aacircle(surface, color, (cx, round(cy - 1.6 * unit)), round(1.7 * unit))
        shoulders = (cx, round(cy + 3.6 * unit))
        pygame.draw.aacircle(surface, color, shoulders, round(3 * unit), draw_top_left=True, draw_top_right=True)
    elif channel is Channel.PHONE:
        body = pygame.Rect(0, 0, round(3.6 * unit), round(6 * unit))
        body.center = box.center
        pygame.draw.rect(surface, color, body, line, border_radius=round(unit))
        pygame.draw.aacircle(surface, color, (cx, round(body.bottom - unit)), max(2, round(0.45 * unit)))
    elif channel is Channel.CHAT:
        bubble = pygame.Rect(0, 0, round(6.4 * unit), round(4.2 * unit))
        bubble.center = (cx, round(cy - 0.6 * unit))
        pygame.draw.rect(surface, color, bubble, line, border_radius=round(unit))
        tail = [
            (bubble.x + round(1.2 * unit), bubble.bottom - 1),
            (bubble.x + round(1.2 * unit), bubble.bottom + round(1.6 * unit)),
            (bubble.x + round(2.8 * unit), bubble.bottom - 1),
        ]
        pygame.draw.polygon(surface, color, tail)
    else:
        triangle = [
            (cx, round(cy - 3 * unit)),
            (round(cx + 3.2 * unit), round(cy + 2.4 * unit)),
            (round(cx - 3.2 * unit), round(cy + 2.4 * unit)),
        ]
        pygame.draw.polygon(surface, color, triangle, line)
        pygame.draw.line(surface, color, (cx, round(cy - unit)), (cx, round(cy + 0.6 * unit)), line)
        pygame.draw.aacircle(surface, color, (cx, round(cy + 1.5 * unit)), max(2, line // 2 + 1))


def draw_pips(surface: pygame.Surface, theme: Theme, start: tuple[int, int], filled: int, total: int) -> int:
    """`total` dots in a row, the first `filled` solid; returns the x after the last."""
    radius = max(theme.px(4), round(theme.font("small").get_linesize() * 0.3))
    step = 3 * radius
    x, y = start
    for number in range(total):
        centre = (x + radius, y)
        pygame.draw.aacircle(surface, theme.palette.accent, centre, radius, 0 if number < filled else theme.px(2))
        x += step
    return x + theme.px(6)
