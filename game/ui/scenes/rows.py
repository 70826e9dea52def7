"""A screen that is a list of rows: the settings, and the play-test jump list.

A row is either a stepper, whose value shows as a word between two arrows so it reads without
colour, or a button. Up/Down and Tab pick a row, Left/Right step a stepper, Enter/Space/click
cycle it or press the button, Esc leaves. When the rows do not fit the window (the largest
text on the smallest window), they first close up, then scroll, keeping the focused one in view.
A screen says what its rows are, what each stepper's value is, and what changing it or
pressing a button does.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ..host import Host
from ..intents import Back, Click, Confirm, Intent, Move, Point, Scroll, Skip
from ..navigation import Navigation, Pop
from ..scene import Scene
from ..scroll import Scroller
from ..theme import Color, Theme

BACK = "back"
SPACINGS = ((12, 10), (9, 7), (6, 5))  # (padding in a row, gap between rows), roomiest first


@dataclass(frozen=True, slots=True)
class Row:
    key: str  # what the row changes or does; BACK leaves the screen
    label: str
    words: tuple[str, ...] = ()  # a stepper's values in order, as the player reads them; none for a button
    note: str = ""  # one line under the label saying what it does, when its name does not
    step: int = 1  # how many values Left/Right move at once

    @property
    def is_stepper(self) -> bool:
        return bool(self.words)


class RowsScene(Scene):
    title = ""
    subtitle = ""
    hint = "Up/Down or Tab: choose. Left/Right: change. Enter or click: next value. Esc: back."

    def __init__(self, app: Host, rows: tuple[Row, ...], focus: int = 0) -> None:
        super().__init__(app)
        self.rows = rows
        self.focus = focus
        self.scroller = Scroller()  # only moves when the rows do not fit the window
        self._rows: list[pygame.Rect] = []  # in content coordinates: (0, 0) is the top of the first row
        self._column = 0  # width of the rows
        self._top = 0  # where the title starts
        self._arrow = 0  # side of the square arrow buttons
        self._control = 0  # width of arrow, value word, arrow

    # -- what each screen says -----------------------------------------------------------
    def value(self, row: Row) -> int:
        """The index of a stepper's current value in its words."""
        raise NotImplementedError

    def change(self, row: Row, index: int) -> None:
        """Set a stepper to the value at `index` (a different one from now)."""
        raise NotImplementedError

    def press(self, row: Row) -> Navigation | None:
        """A button row was pressed (Back is handled here)."""
        return None

    def _note(self, row: Row) -> str:
        return row.note

    def footer(self, theme: Theme, column: int) -> list[pygame.Surface]:
        """The key hint, and above it anything else the screen must say."""
        return [theme.text(self.hint, "small", theme.palette.muted, column)]

    # -- layout ------------------------------------------------------------------------
    def relayout(self) -> None:
        theme = self.app.theme
        width, height = theme.size
        column = self._column = min(theme.px(820), width - 2 * theme.px(40))
        body = theme.font("body")
        self._arrow = body.get_height() + theme.px(12)
        widest = max((body.size(word)[0] for row in self.rows for word in row.words), default=0)
        self._control = 2 * self._arrow + widest + theme.px(32)
        header = self._header_height(theme, column)
        footer = self.footer(theme, column)
        bottom = height - sum(line.get_height() + theme.px(6) for line in footer) - 2 * theme.px(16)
        room = bottom - theme.px(24) - header
        for pad, gap in SPACINGS:  # the roomiest spacing that fits; scroll if even the tightest does not
            self._rows = self._stack(theme, column, pad, gap)
            if self._rows[-1].bottom <= room:
                break
        # title and rows sit centred above the footer
        self._top = max(theme.px(24), (bottom - header - self._rows[-1].bottom) // 2)
        top = self._top + header
        # the viewport reaches past the rows on the right to leave room for the scroll bar
        view = pygame.Rect((width - column) // 2, top, column + theme.px(14), bottom - top)
        self.scroller.set_content(view, self._rows[-1].bottom)
        self._reveal_focus()
        self.scroller.jump(self.scroller.target)

    def _stack(self, theme: Theme, column: int, pad: int, gap: int) -> list[pygame.Rect]:
        """The rows from the top down, in content coordinates, `pad` inside each and `gap` between."""
        rects = []
        y = 0
        for row in self.rows:
            rect = pygame.Rect(0, y, column, self._row_height(theme, row, column, theme.px(pad)))
            if row.key == BACK:
                rect.width = min(column, theme.px(280))
            rects.append(rect)
            y = rect.bottom + theme.px(gap)
        return rects

    def _header_height(self, theme: Theme, column: int) -> int:
        title = theme.text(self.title, "heading").get_height()
        return title + theme.px(6) + theme.text(self.subtitle, "small", width=column).get_height() + theme.px(20)

    def _row_height(self, theme: Theme, row: Row, column: int, pad: int) -> int:
        if row.key == BACK:
            return theme.font("body").get_height() + 2 * pad
        label_width = self._label_width(theme, row, column)
        text = theme.text(row.label, "body", width=label_width).get_height()
        if self._note(row):
            text += theme.text(self._note(row), "small", width=label_width).get_height()
        return max(text, self._arrow if row.is_stepper else 0) + 2 * pad

    def _label_width(self, theme: Theme, row: Row, column: int) -> int:
        return column - (self._control + theme.px(16) if row.is_stepper else 0) - 2 * theme.px(16)

    def _screen_rect(self, index: int) -> pygame.Rect:
        return self.scroller.to_screen(self._rows[index])

    def _arrows(self, rect: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
        pad = self.app.theme.px(16)
        right = pygame.Rect(0, 0, self._arrow, self._arrow)
        right.midright = (rect.right - pad, rect.centery)
        left = right.move(-(self._control - self._arrow), 0)
        return left, right

    def _reveal_focus(self) -> None:
        self.scroller.reveal_rect(self._rows[self.focus])

    # -- time --------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.scroller.update(dt)

    def frame_interval(self) -> float | None:
        return 0 if self.scroller.moving else None

    # -- input -------------------------------------------------------------------------
    def handle(self, intent: Intent) -> Navigation | None:
        match intent:
            case Back():
                return Pop()
            case Move(dy=dy) if dy:
                self.focus = (self.focus + dy) % len(self.rows)
                self._reveal_focus()
            case Move(dx=dx) if dx:
                self._step(self.rows[self.focus], dx)
            case Confirm() | Skip():
                return self._activate(self.rows[self.focus])
            case Point(pos=pos):
                hit = self._at(pos)
                if hit is not None:
                    self.focus = hit
            case Click(pos=pos):
                return self._click(pos)
            case Scroll(dy=dy):
                self.scroller.scroll(dy * self.app.theme.px(40))
        return None

    def _click(self, pos: tuple[int, int]) -> Navigation | None:
        hit = self._at(pos)
        if hit is None:
            return None
        self.focus = hit
        self._reveal_focus()
        row = self.rows[hit]
        left, right = self._arrows(self._screen_rect(hit))
        if row.is_stepper and left.collidepoint(pos):
            self._step(row, -1)
        elif row.is_stepper and right.collidepoint(pos):
            self._step(row, 1)
        else:
            return self._activate(row)
        return None

    def _at(self, pos: tuple[int, int]) -> int | None:
        if self.scroller.to_content(pos) is None:
            return None  # a row scrolled out of view cannot be pointed at
        return next((i for i in range(len(self.rows)) if self._screen_rect(i).collidepoint(pos)), None)

    def _activate(self, row: Row) -> Navigation | None:
        if row.is_stepper:
            self._set(row, (self.value(row) + 1) % len(row.words))
            return None
        self.app.sound.play("select")
        return Pop() if row.key == BACK else self.press(row)

    def _step(self, row: Row, way: int) -> None:
        if row.is_stepper:
            self._set(row, max(0, min(len(row.words) - 1, self.value(row) + way * row.step)))

    def _set(self, row: Row, index: int) -> None:
        if index != self.value(row):
            self.change(row, index)
            self.app.sound.play("select")  # after the change, so switching sound on is heard

    # -- drawing -----------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme = self.app.theme
        palette = theme.palette
        width, height = theme.size
        surface.fill(palette.background)
        title = theme.text(self.title, "heading")
        surface.blit(title, title.get_rect(midtop=(width // 2, self._top)))
        subtitle = theme.text(self.subtitle, "small", palette.muted, self._column)
        surface.blit(subtitle, subtitle.get_rect(midtop=(width // 2, self._top + title.get_height() + theme.px(6))))
        clip = surface.get_clip()
        surface.set_clip(self.scroller.viewport)
        for index, row in enumerate(self.rows):
            if self.scroller.shows(self._rows[index]):
                self._draw_row(surface, theme, row, self._screen_rect(index), index == self.focus)
        surface.set_clip(clip)
        self.scroller.draw_bar(surface, theme)
        bottom = height - theme.px(16)
        for line in reversed(self.footer(theme, self._column)):
            bottom -= line.get_height()
            surface.blit(line, (self.scroller.viewport.x, bottom))
            bottom -= theme.px(6)

    def _draw_row(self, surface: pygame.Surface, theme: Theme, row: Row, rect: pygame.Rect, focused: bool) -> None:
        palette = theme.palette
        pygame.draw.rect(surface, palette.button_hover if focused else palette.button, rect, border_radius=theme.px(8))
        edge, thickness = (palette.focus, theme.px(3)) if focused else (palette.panel_edge, theme.px(1))
        pygame.draw.rect(surface, edge, rect, width=thickness, border_radius=theme.px(8))
        if row.key == BACK:
            label = theme.text(row.label, "body", palette.button_text)
            surface.blit(label, label.get_rect(center=rect.center))
            return
        pad = theme.px(16)
        label_width = self._label_width(theme, row, self._column)
        label = theme.text(row.label, "body", palette.button_text, label_width)
        note = theme.text(self._note(row), "small", palette.muted, label_width) if self._note(row) else None
        text_height = label.get_height() + (note.get_height() if note else 0)
        y = rect.centery - text_height // 2
        surface.blit(label, (rect.x + pad, y))
        if note:
            surface.blit(note, (rect.x + pad, y + label.get_height()))
        if not row.is_stepper:
            return
        index = self.value(row)
        left, right = self._arrows(rect)
        self._draw_arrow(surface, theme, left, -1, index > 0)
        self._draw_arrow(surface, theme, right, 1, index < len(row.words) - 1)
        word = theme.text(row.words[index], "body", palette.text)
        surface.blit(word, word.get_rect(center=((left.right + right.left) // 2, rect.centery)))

    def _draw_arrow(self, surface: pygame.Surface, theme: Theme, box: pygame.Rect, way: int, live: bool) -> None:
        palette = theme.palette
        color: Color = palette.accent if live else palette.disabled
        if live:
            pygame.draw.rect(surface, palette.panel_edge, box, 1, theme.px(6))
        half = box.width // 5
        tip = (box.centerx + way * half, box.centery)
        back = box.centerx - way * half
        pygame.draw.polygon(
            surface, color, [tip, (back, box.centery - half - half // 2), (back, box.centery + half + half // 2)]
        )
