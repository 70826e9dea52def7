"""Where the conversation happens, drawn by scene: an office counter, a phone call, a live chat,
or a neutral review room.

Each frame is art around the speaker's portrait: the same face and the same meter, so the
trainee reads the customer the same way whichever channel the scenario uses. A node's scene
can differ from its channel, e.g. a team leader's review after the call, without the call.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pygame

from game.engine import Channel, Scene

from .palette import Color, mix
from .portrait import UNITS_TALL, Face, Look, draw_portrait, portrait_size
from .theme import Theme

HEAD_CENTRE = 50 / UNITS_TALL  # where the face sits in the portrait's height, for avatars
SHOWN_UNITS = 110  # how much of the portrait's height shows above the counter
CHANNEL_NAMES = {Channel.IN_PERSON: "At the counter", Channel.PHONE: "Phone call", Channel.CHAT: "Live chat"}


@dataclass(frozen=True, slots=True)
class Sitter:
    """Whoever speaks, as drawn this frame."""

    name: str
    look: Look
    face: Face
    offset: tuple[int, int] = (0, 0)  # a shaking head
    speaking: int = -1  # characters typed so far while the line is being said; -1 when quiet


def draw_stage(
    surface: pygame.Surface, theme: Theme, scene: Scene, stage: pygame.Rect, sitter: Sitter, call_seconds: float
) -> None:
    if scene is Scene.PHONE:
        _phone(surface, theme, stage, sitter, call_seconds)
    elif scene is Scene.CHAT:
        _chat_card(surface, theme, stage, sitter)
    elif scene is Scene.REVIEW:
        _review(surface, theme, stage, sitter)
    else:
        _office(surface, theme, stage, sitter)


# -- in person: a customer at the office counter ----------------------------------------------
def _office(surface: pygame.Surface, theme: Theme, stage: pygame.Rect, sitter: Sitter) -> None:
    palette = theme.palette
    radius = theme.px(14)
    counter_top = stage.bottom - max(theme.px(64), stage.height // 6)
    surface.blit(_office_wall(theme, stage.size, counter_top - stage.top), stage)
    room = (round(stage.width * 0.86), round((counter_top - stage.top - theme.px(10)) * UNITS_TALL / SHOWN_UNITS))
    size = portrait_size(room)
    above = round(size[1] * SHOWN_UNITS / UNITS_TALL)  # the rest is behind the counter
    centre = (stage.centerx + sitter.offset[0], counter_top - above + size[1] // 2 + sitter.offset[1])
    draw_portrait(surface, palette, centre, size, sitter.look, sitter.face)
    wood = mix(palette.hair, palette.skin, 0.3)
    front = pygame.Rect(stage.x, counter_top, stage.width, stage.bottom - counter_top)
    corners = {"border_bottom_left_radius": radius, "border_bottom_right_radius": radius}
    pygame.draw.rect(surface, mix(wood, palette.background, 0.5), front, **corners)
    pygame.draw.rect(surface, wood, (stage.x, counter_top, stage.width, theme.px(12)))
    pygame.draw.line(surface, mix(wood, palette.text, 0.4), front.topleft, front.topright, theme.px(2))
    lip = counter_top + theme.px(12)
    pygame.draw.line(surface, mix(wood, palette.background, 0.7), (stage.x, lip), (stage.right - 1, lip), theme.px(2))
    pygame.draw.rect(surface, palette.panel_edge, stage, width=theme.px(2), border_radius=radius)
    _name_chip(surface, theme, sitter.name, (stage.centerx, (counter_top + stage.bottom) // 2 + theme.px(6)))


@lru_cache(maxsize=4)
def _office_wall(theme: Theme, size: tuple[int, int], counter: int) -> pygame.Surface:
    """The wall behind the customer, with a window and a clock; the same every frame, so kept."""
    palette = theme.palette
    wall = pygame.Surface(size, pygame.SRCALPHA)
    local = wall.get_rect()
    _gradient(wall, local, mix(palette.background, palette.panel, 0.95), mix(palette.background, palette.panel, 0.55))
    rail = counter - counter // 3
    pygame.draw.rect(wall, mix(palette.background, palette.panel, 0.35), (0, rail, local.width, local.height))
    pygame.draw.line(wall, mix(palette.panel, palette.panel_edge, 0.7), (0, rail), (local.width, rail), theme.px(3))
    _window(wall, theme, pygame.Rect(theme.px(18), theme.px(20), local.width * 0.28, (rail - theme.px(20)) * 0.55))
    _clock(wall, theme, (local.width - theme.px(44), theme.px(48)), theme.px(22))
    _round_corners(wall, theme.px(14))
    return wall


def _window(surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
    palette = theme.palette
    glass = mix(palette.accent, palette.background, 0.55)
    pygame.draw.rect(surface, glass, rect)
    slat = mix(glass, palette.panel, 0.55)
    for y in range(rect.top + theme.px(8), rect.bottom, theme.px(9)):
        pygame.draw.line(surface, slat, (rect.left, y), (rect.right, y), theme.px(3))
    pygame.draw.rect(surface, palette.panel_edge, rect, width=theme.px(4))


def _clock(surface: pygame.Surface, theme: Theme, centre: tuple[int, int], radius: int) -> None:
    palette = theme.palette
    pygame.draw.circle(surface, mix(palette.panel, palette.text, 0.8), centre, radius)
    pygame.draw.circle(surface, palette.panel_edge, centre, radius, theme.px(3))
    hand = palette.background
    pygame.draw.line(surface, hand, centre, (centre[0] - radius * 0.45, centre[1] - radius * 0.3), theme.px(3))
    pygame.draw.line(surface, hand, centre, (centre[0] + radius * 0.5, centre[1] - radius * 0.45), theme.px(2))


def _name_chip(surface: pygame.Surface, theme: Theme, name: str, centre: tuple[int, int]) -> None:
    label = theme.text(name, "body")
    chip = label.get_rect(center=centre).inflate(theme.px(28), theme.px(10))
    pygame.draw.rect(surface, theme.palette.panel, chip, border_radius=chip.height // 2)
    pygame.draw.rect(surface, theme.palette.panel_edge, chip, width=theme.px(2), border_radius=chip.height // 2)
    surface.blit(label, label.get_rect(center=chip.center))


# -- phone: the caller on a handset's call screen ------------------------------------------
def _phone(surface: pygame.Surface, theme: Theme, stage: pygame.Rect, sitter: Sitter, call_seconds: float) -> None:
    palette = theme.palette
    _card(surface, theme, stage, mix(palette.background, palette.panel, 0.5))
    height = stage.height - 2 * theme.px(16)
    body = pygame.Rect(0, 0, min(stage.width - 2 * theme.px(24), round(height * 0.6)), height)
    body.center = stage.center
    pygame.draw.rect(surface, mix(palette.background, (0, 0, 0), 0.5), body, border_radius=theme.px(30))
    pygame.draw.rect(surface, palette.panel_edge, body, width=theme.px(2), border_radius=theme.px(30))
    screen = body.inflate(-theme.px(16), -theme.px(16))
    glass = pygame.Surface(screen.size, pygame.SRCALPHA)
    _gradient(glass, glass.get_rect(), palette.tinted_panel, palette.panel)
    _round_corners(glass, theme.px(24))
    surface.blit(glass, screen)
    y = screen.top + theme.px(18)
    minutes, seconds = divmod(int(call_seconds), 60)
    for text, role, color in (
        ("On call", "small", palette.text),  # muted text would be too faint on the tinted glass
        (f"{minutes:02d}:{seconds:02d}", "body", palette.text),
    ):
        line = theme.text(text, role, color)
        surface.blit(line, line.get_rect(midtop=(screen.centerx, y)))
        y += line.get_height() + theme.px(2)
    buttons = theme.px(44)
    name = name_text(theme, sitter.name, screen.width - theme.px(16))
    avatar_bottom = screen.bottom - 2 * buttons - theme.px(36) - name.get_height() - theme.font("small").get_linesize()
    diameter = max(theme.px(48), min(round(screen.width * 0.7), avatar_bottom - y - theme.px(12)))
    centre = (screen.centerx, y + theme.px(12) + diameter // 2)
    avatar(surface, theme, centre, diameter, sitter)
    y = centre[1] + diameter // 2 + theme.px(10)
    surface.blit(name, name.get_rect(midtop=(screen.centerx, y)))
    y += name.get_height() + theme.px(4)
    _speaking(surface, theme, (screen.centerx, y + theme.font("small").get_linesize() // 2), sitter.speaking)
    row_y = screen.bottom - buttons // 2 - theme.px(16)
    spacing = min(buttons + theme.px(18), screen.width // 3)
    for index, icon in ((-1, _mute), (0, _keypad), (1, _loudspeaker)):
        centre = (screen.centerx + index * spacing, row_y - buttons - theme.px(6))
        pygame.draw.circle(surface, mix(palette.panel, palette.text, 0.15), centre, buttons // 2)
        icon(surface, theme, centre, buttons // 5)
    pygame.draw.circle(surface, palette.bad, (screen.centerx, row_y), buttons // 2)
    handset = pygame.Rect(0, 0, round(buttons * 0.5), round(buttons * 0.16))
    handset.center = (screen.centerx, row_y)
    pygame.draw.rect(surface, palette.text, handset, border_radius=handset.height // 2)


def _mute(surface: pygame.Surface, theme: Theme, centre: tuple[int, int], size: int) -> None:
    x, y = centre
    color = theme.palette.text
    pygame.draw.rect(surface, color, (x - size // 2, y - size, size, round(size * 1.4)), border_radius=size // 2)
    pygame.draw.arc(surface, color, (x - size, y - size, 2 * size, 2 * size), 3.4, 6.0, theme.px(2))
    pygame.draw.line(surface, color, (x, y + size), (x, y + round(size * 1.4)), theme.px(2))


def _keypad(surface: pygame.Surface, theme: Theme, centre: tuple[int, int], size: int) -> None:
    step = round(size * 0.8)
    for row in (-1, 0, 1):
        for column in (-1, 0, 1):
            pygame.draw.circle(
                surface, theme.palette.text, (centre[0] + column * step, centre[1] + row * step), max(1, size // 4)
            )


def _loudspeaker(surface: pygame.Surface, theme: Theme, centre: tuple[int, int], size: int) -> None:
    x, y = centre[0] - size // 2, centre[1]
    color = theme.palette.text
    cone = [
        (x - size // 2, y - size // 3),
        (x, y - size // 3),
        (x + size // 2, y - size),
        (x + size // 2, y + size),
        (x, y + size // 3),
        (x - size // 2, y + size // 3),
    ]
    pygame.draw.polygon(surface, color, cone)
    for reach in (size, round(size * 1.6)):
        box = pygame.Rect(0, 0, 2 * reach, 2 * reach)
        box.center = (x + size // 2, y)
        pygame.draw.arc(surface, color, box, -0.8, 0.8, theme.px(2))


def _speaking(surface: pygame.Surface, theme: Theme, centre: tuple[int, int], speaking: int) -> None:
    """Little level bars while the caller talks; they move with each character typed."""
    if speaking < 0:
        label = theme.text("listening", "small", theme.palette.text)
        surface.blit(label, label.get_rect(center=centre))
        return
    bar, gap = theme.px(4), theme.px(3)
    for index in range(7):
        level = (speaking * 7 + index * 13) % 11 / 10
        height = theme.px(4) + round(theme.px(14) * level)
        rect = pygame.Rect(0, 0, bar, height)
        rect.center = (centre[0] + (index - 3) * (bar + gap), centre[1])
        pygame.draw.rect(surface, theme.palette.accent, rect, border_radius=bar // 2)


# -- chat: the customer's contact card -------------------------------------------------------
def _chat_card(surface: pygame.Surface, theme: Theme, stage: pygame.Rect, sitter: Sitter) -> None:
    palette = theme.palette
    _card(surface, theme, stage, palette.panel)
    header = pygame.Rect(stage.x, stage.y, stage.width, theme.font("body").get_linesize() + theme.px(20))
    pygame.draw.rect(
        surface,
        palette.tinted_panel,
        header,
        border_top_left_radius=theme.px(14),
        border_top_right_radius=theme.px(14),
    )
    title = theme.text("Live chat", "body")
    surface.blit(title, title.get_rect(midleft=(header.x + theme.px(18), header.centery)))
    status = "typing\u2026" if sitter.speaking >= 0 else "online"
    label = theme.text(status, "small", palette.text)
    place = label.get_rect(midright=(header.right - theme.px(18), header.centery))
    surface.blit(label, place)
    pygame.draw.circle(surface, palette.good, (place.left - theme.px(10), header.centery), theme.px(5))
    name = name_text(theme, sitter.name, stage.width - theme.px(32))
    note = theme.text("Customer", "small", palette.muted)
    words = theme.px(14) + name.get_height() + theme.px(4) + note.get_height()
    room = stage.bottom - header.bottom - words - theme.px(40)
    diameter = max(theme.px(48), min(round(stage.width * 0.62), room))
    top = header.bottom + (stage.bottom - header.bottom - diameter - words) // 2
    centre = (stage.centerx, top + diameter // 2)
    avatar(surface, theme, centre, diameter, sitter)
    y = centre[1] + diameter // 2 + theme.px(14)
    surface.blit(name, name.get_rect(midtop=(stage.centerx, y)))
    surface.blit(note, note.get_rect(midtop=(stage.centerx, y + name.get_height() + theme.px(4))))


# -- review: a plain room after the call, with no call screen and no counter -----------------------
def _review(surface: pygame.Surface, theme: Theme, stage: pygame.Rect, sitter: Sitter) -> None:
    palette = theme.palette
    _card(surface, theme, stage, mix(palette.background, palette.panel, 0.7))
    chip_room = theme.font("body").get_linesize() + theme.px(40)
    room = (round(stage.width * 0.8), stage.height - chip_room - theme.px(32))
    size = portrait_size(room)
    centre = (stage.centerx + sitter.offset[0], stage.top + theme.px(24) + size[1] // 2 + sitter.offset[1])
    draw_portrait(surface, palette, centre, size, sitter.look, sitter.face)
    _name_chip(surface, theme, sitter.name, (stage.centerx, stage.bottom - chip_room // 2 - theme.px(8)))


# -- shared pieces -----------------------------------------------------------------------------
def avatar(surface: pygame.Surface, theme: Theme, centre: tuple[int, int], diameter: int, sitter: Sitter) -> None:
    """The portrait's head and shoulders in a circle."""
    palette = theme.palette
    disc = pygame.Surface((diameter, diameter), pygame.SRCALPHA)
    disc.fill(mix(palette.panel, palette.accent, 0.35))
    size = portrait_size((round(diameter * 1.05), diameter * 2))
    head = (diameter // 2 + sitter.offset[0], round(diameter * 0.47) + sitter.offset[1])
    draw_portrait(
        disc, palette, (head[0], head[1] + round(size[1] * (0.5 - HEAD_CENTRE))), size, sitter.look, sitter.face
    )
    mask = pygame.Surface((diameter, diameter), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (diameter // 2, diameter // 2), diameter // 2)
    disc.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    surface.blit(disc, disc.get_rect(center=centre))
    pygame.draw.circle(surface, palette.panel_edge, centre, diameter // 2 + theme.px(1), theme.px(3))


def name_text(theme: Theme, name: str, width: int) -> pygame.Surface:
    """The caller's name under their avatar: a heading where it fits on one line; in a narrow strip,
    body type, so a name does not break into a ragged left-aligned pair of lines under a centred face."""
    heading = theme.text(name, "heading")
    return heading if heading.get_width() <= width else theme.text(name, "body", width=width)


def _card(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, fill: Color) -> None:
    pygame.draw.rect(surface, fill, rect, border_radius=theme.px(14))
    pygame.draw.rect(surface, theme.palette.panel_edge, rect, width=theme.px(2), border_radius=theme.px(14))


def _gradient(surface: pygame.Surface, rect: pygame.Rect, top: Color, bottom: Color) -> None:
    steps = 24
    for step in range(steps):
        band = pygame.Rect(rect.x, rect.y + rect.height * step // steps, rect.width, rect.height // steps + 2)
        pygame.draw.rect(surface, mix(top, bottom, step / (steps - 1)), band.clip(rect))


def _round_corners(surface: pygame.Surface, radius: int) -> None:
    """Make the corners outside a rounded rectangle transparent."""
    mask = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=radius)
    surface.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
