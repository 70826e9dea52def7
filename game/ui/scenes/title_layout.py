"""Where the title's parts go: the picture beside the menu when the window is wide, above it
when tall, left out when there is no room; the menu stacked, or compact in two columns.

The first arrangement that fits the window wins, from the roomiest down, so 1920x1080 shows the
picture large beside a loose menu while 960x540 at the largest text still shows every button
whole. The version and any notice share a footer line under everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from ..theme import Theme
from ..widgets import Button, ButtonList

ART_SMALLEST = 240  # px at 720 high: a smaller picture is left out rather than squeezed
MENU_WIDEST = 560  # px at 720 high, beside the picture
MENU_ALONE_WIDEST = 680  # px at 720 high, with no picture


ROLES = {"title": "title", "tagline": "body", "who": "body", "notice": "small", "version": "small"}


@dataclass(frozen=True, slots=True)
class Line:
    """A line (or a wrapped paragraph) of text: which of the title's texts, what it says, and where."""

    kind: str  # a key of ROLES
    text: str
    rect: pygame.Rect  # as drawn
    wrap: int  # the width the text is wrapped to; 0: one line

    @property
    def role(self) -> str:
        return ROLES[self.kind]


@dataclass(frozen=True, slots=True)
class Header:
    """The words above the menu; the tagline goes first when space is short."""

    title: str
    tagline: str
    who: str


@dataclass(frozen=True, slots=True)
class TitleLayout:
    art: pygame.Rect  # empty when the picture is left out
    mark: pygame.Rect  # the small speech-bubble mark before the title
    lines: tuple[Line, ...]  # the header: the title, the tagline (when it fits), who is practising
    footer: tuple[Line, ...]  # the notice (when there is one) and the version


def lay_out(
    theme: Theme, header: Header, buttons: Sequence[Button], offers: frozenset[str], notice: str, version: str
) -> TitleLayout:
    """Place the buttons (their rects are set) and say where everything else goes."""
    width = theme.size[0]
    margin, gap = theme.px(32), theme.px(32)
    footer = _footer(theme, notice, version, margin)
    top = margin
    bottom = min(line.rect.top for line in footer) - theme.px(16)
    content = pygame.Rect(margin, top, width - 2 * margin, bottom - top)
    tall = content.height > content.width * 0.9
    for with_art in (True, False):
        column = min(theme.px(MENU_WIDEST if with_art else MENU_ALONE_WIDEST), content.width)
        if with_art and not tall:
            column = min(column, content.width - gap - theme.px(ART_SMALLEST))
        for tagline, compact in ((True, False), (True, True), (False, True)):
            menu = _Menu(theme, header, buttons, offers, column, tagline, compact)
            room = content.height
            if with_art and tall:
                room -= theme.px(ART_SMALLEST) + gap
            if menu.height <= room or (not with_art and not tagline):
                return _arrange(theme, content, menu, with_art, tall, gap, footer)
    raise AssertionError("the last arrangement is always taken")


class _Menu:
    """The header and the buttons as one block `width` wide, measured before it is placed."""

    def __init__(
        self,
        theme: Theme,
        header: Header,
        buttons: Sequence[Button],
        offers: frozenset[str],
        width: int,
        tagline: bool,
        compact: bool,
    ) -> None:
        self.theme, self.width, self.compact = theme, width, compact
        self.offers = [button for button in buttons if button.action in offers]
        self.rest = [button for button in buttons if button.action not in offers]
        self.mark_size = theme.font("title").get_height()
        said = [("title", header.title)]
        if tagline:
            said.append(("tagline", header.tagline))
        said.append(("who", header.who))
        self.said = said
        self.height = self.place(0, 0)[0]

    def place(self, left: int, top: int) -> tuple[int, list[Line], pygame.Rect]:
        """Lay the block out from (left, top): its height, its lines and the mark's rect."""
        theme = self.theme
        y, lines = top, []
        mark = pygame.Rect(left, top, self.mark_size, self.mark_size)
        for kind, text in self.said:
            indent = self.mark_size + theme.px(14) if kind == "title" else 0
            size = theme.text(text, ROLES[kind], width=self.width - indent).get_size()
            lines.append(Line(kind, text, pygame.Rect((left + indent, y), size), self.width - indent))
            y += size[1] + theme.px(6 if kind == "title" else 10)
        mark.centery = lines[0].rect.centery
        y += theme.px(8)
        gap = theme.px(10)
        if self.offers:
            y = ButtonList(self.offers).layout_column(theme, left, y, self.width) + gap
        y = self._rest(left, y, gap)
        return y - top, lines, mark

    def _rest(self, left: int, top: int, gap: int) -> int:
        """Play, Progress, Settings, Change trainee, Quit: one under another, or Play across the
        column and the others in pairs; returns the bottom."""
        theme, width = self.theme, self.width
        if not self.compact:
            return ButtonList(self.rest).layout_column(theme, left, top, width)
        first, *others = self.rest
        y = ButtonList([first]).layout_column(theme, left, top, width) + gap
        half = (width - gap) // 2
        for pair in (others[i : i + 2] for i in range(0, len(others), 2)):
            bottom = max(
                ButtonList([b]).layout_column(theme, left + i * (half + gap), y, half) for i, b in enumerate(pair)
            )
            for button in pair:
                button.rect.height = bottom - y  # a row's buttons equally tall
            y = bottom + gap
        return y - gap


def _arrange(
    theme: Theme, content: pygame.Rect, menu: _Menu, with_art: bool, tall: bool, gap: int, footer: tuple[Line, ...]
) -> TitleLayout:
    art = pygame.Rect(content.topleft, (0, 0))
    if with_art and tall:  # the picture above, the menu under it
        art = pygame.Rect(content.x, content.y, content.width, content.height - menu.height - gap)
        left, top = content.centerx - menu.width // 2, art.bottom + gap
    elif with_art:  # the picture on the left, the menu on the right, centred in its height
        art = pygame.Rect(content.x, content.y, content.width - menu.width - gap, content.height)
        left, top = art.right + gap, content.y + max(0, (content.height - menu.height) // 2)
    else:
        left, top = content.centerx - menu.width // 2, content.y + max(0, (content.height - menu.height) // 2)
    _, lines, mark = menu.place(left, top)
    return TitleLayout(art, mark, tuple(lines), footer)


def _footer(theme: Theme, notice: str, version: str, margin: int) -> tuple[Line, ...]:
    """The version in the bottom right corner; any notice wrapped in the room to its left."""
    width, height = theme.size
    bottom = height - theme.px(14)
    shown = theme.text(version, ROLES["version"])
    corner = shown.get_rect(bottomright=(width - margin, bottom))
    lines = [Line("version", version, corner, 0)]
    if notice:
        room = corner.left - theme.px(24) - margin
        said = theme.text(notice, ROLES["notice"], width=room)
        lines.insert(0, Line("notice", notice, said.get_rect(bottomleft=(margin, bottom)), room))
    return tuple(lines)
