"""The settings screen: every change applies at once, so the trainee sees what they chose.

Each row shows its value as a word between two arrows, so it reads without colour. Up/Down and
Tab pick a row, Left/Right step its value, Enter/Space/click cycle it, Esc or Back leaves. When
the largest text does not fit the window, the rows first close up, then scroll, keeping the
focused one in view.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.storage.settings import TEXT_SIZES, TEXT_SPEEDS

from ..host import Host
from ..intents import Back, Click, Confirm, Intent, Move, Point, Scroll, Skip
from ..navigation import Navigation, Pop
from ..scene import Scene
from ..scroll import Scroller
from ..theme import Color, Theme

ON_OFF = ("Off", "On")
BACK = "back"


@dataclass(frozen=True, slots=True)
class Row:
    key: str  # the Settings field it changes, or BACK
    label: str
    words: tuple[str, ...] = ()  # the values in order, as the player reads them
    note: str = ""  # one line saying what the setting does, when its name does not


ROWS = (
    Row("text_size", "Text size", tuple(size.capitalize() for size in TEXT_SIZES)),
    Row("text_speed", "Text speed", tuple(speed.capitalize() for speed in TEXT_SPEEDS)),
    Row("high_contrast", "High-contrast theme", ON_OFF),
    Row("fullscreen", "Fullscreen", ON_OFF, "F11 switches it anywhere in the game."),
    Row("sound", "Sound", ON_OFF),
    Row("reduced_intensity", "Reduced intensity", ON_OFF, "No shaking or flashing; shouting is shown more softly."),
    Row(BACK, "Back"),
)
SPACINGS = ((12, 10), (9, 7), (6, 5))  # (padding in a row, gap between rows), roomiest first
SUBTITLE = "Changes take effect at once and are remembered."
HINT = "Up/Down or Tab: choose a setting. Left/Right: change it. Enter or click: next value. Esc: back."


class SettingsScene(Scene):
    name = "settings"

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        self.focus = 0
        self.scroller = Scroller()  # only moves when the largest text does not fit the window
        self._rows: list[pygame.Rect] = []  # in content coordinates: (0, 0) is the top of the first row
        self._column = 0  # width of the rows
        self._top = 0  # where the title starts
        self._arrow = 0  # side of the square arrow buttons
        self._control = 0  # width of arrow, value word, arrow

    # -- layout ------------------------------------------------------------------------
    def relayout(self) -> None:
        theme = self.app.theme
        width, height = theme.size
        column = self._column = min(theme.px(820), width - 2 * theme.px(40))
        body = theme.font("body")
        self._arrow = body.get_height() + theme.px(12)
        widest = max(body.size(word)[0] for row in ROWS for word in row.words)
        self._control = 2 * self._arrow + widest + theme.px(32)
        header = self._header_height(theme, column)
        footer = self._footer(theme, column)
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
        rows = []
        y = 0
        for row in ROWS:
            rect = pygame.Rect(0, y, column, self._row_height(theme, row, column, theme.px(pad)))
            if row.key == BACK:
                rect.width = min(column, theme.px(280))
            rows.append(rect)
            y = rect.bottom + theme.px(gap)
        return rows

    def _header_height(self, theme: Theme, column: int) -> int:
        title = theme.text("Settings", "heading").get_height()
        return title + theme.px(6) + theme.text(SUBTITLE, "small", width=column).get_height() + theme.px(20)

    def _row_height(self, theme: Theme, row: Row, column: int, pad: int) -> int:
        if row.key == BACK:
            return theme.font("body").get_height() + 2 * pad
        label_width = self._label_width(theme, column)
        text = theme.text(row.label, "body", width=label_width).get_height()
        if self._note(row):
            text += theme.text(self._note(row), "small", width=label_width).get_height()
        return max(text, self._arrow) + 2 * pad

    def _note(self, row: Row) -> str:
        """The row's note; for sound, also say when this machine cannot play any."""
        if row.key == "sound" and self.app.sound_checked and not self.app.sound.available:
            return "No sound device was found, so the game stays silent."
        return row.note

    def _label_width(self, theme: Theme, column: int) -> int:
        return column - self._control - 3 * theme.px(16)

    def _footer(self, theme: Theme, column: int) -> list[pygame.Surface]:
        """The key hint, and above it any message about the settings file."""
        lines = [theme.text(HINT, "small", theme.palette.muted, column)]
        if self.app.notice:
            lines.insert(0, theme.text(self.app.notice, "small", theme.palette.bad, column))
        return lines

    def _screen_rect(self, index: int) -> pygame.Rect:
        return self.scroller.to_screen(self._rows[index])

    def _arrows(self, rect: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
        pad = self.app.theme.px(16)
        right = pygame.Rect(0, 0, self._arrow, self._arrow)
        right.midright = (rect.right - pad, rect.centery)
        left = right.move(-(self._control - self._arrow), 0)
        return left, right

    def _reveal_focus(self) -> None:
        row = self._rows[self.focus]
        self.scroller.reveal(row.top, row.bottom)

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
                self.focus = (self.focus + dy) % len(ROWS)
                self._reveal_focus()
            case Move(dx=dx) if dx:
                self._step(ROWS[self.focus], dx)
            case Confirm() | Skip():
                return self._activate(ROWS[self.focus])
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
        row = ROWS[hit]
        left, right = self._arrows(self._screen_rect(hit))
        if row.key != BACK and left.collidepoint(pos):
            self._step(row, -1)
        elif row.key != BACK and right.collidepoint(pos):
            self._step(row, 1)
        else:
            return self._activate(row)
        return None

    def _at(self, pos: tuple[int, int]) -> int | None:
        if self.scroller.to_content(pos) is None:
            return None  # a row scrolled out of view cannot be pointed at
        return next((i for i in range(len(ROWS)) if self._screen_rect(i).collidepoint(pos)), None)

    def _activate(self, row: Row) -> Navigation | None:
        if row.key == BACK:
            self.app.sound.play("select")
            return Pop()
        self._change(row, (self._index(row) + 1) % len(row.words))
        return None

    def _step(self, row: Row, step: int) -> None:
        if row.key != BACK:
            self._change(row, max(0, min(len(row.words) - 1, self._index(row) + step)))

    def _index(self, row: Row) -> int:
        return int(getattr(self.app.settings, row.key))

    def _change(self, row: Row, index: int) -> None:
        """Apply at once: the App saves, re-themes and relayouts every screen."""
        if index == self._index(row):
            return
        value = bool(index) if isinstance(getattr(self.app.settings, row.key), bool) else index
        self.app.apply_settings(self.app.settings.with_changes(**{row.key: value}))
        self.app.sound.play("select")  # after applying, so switching sound on is heard

    # -- drawing -----------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme = self.app.theme
        palette = theme.palette
        width, height = theme.size
        surface.fill(palette.background)
        title = theme.text("Settings", "heading")
        surface.blit(title, title.get_rect(midtop=(width // 2, self._top)))
        subtitle = theme.text(SUBTITLE, "small", palette.muted, self._column)
        surface.blit(subtitle, subtitle.get_rect(midtop=(width // 2, self._top + title.get_height() + theme.px(6))))
        clip = surface.get_clip()
        surface.set_clip(self.scroller.viewport)
        for index, row in enumerate(ROWS):
            if self.scroller.shows(self._rows[index]):
                self._draw_row(surface, theme, row, self._screen_rect(index), index == self.focus)
        surface.set_clip(clip)
        self.scroller.draw_bar(surface, theme)
        bottom = height - theme.px(16)
        for line in reversed(self._footer(theme, self._column)):
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
        label_width = self._label_width(theme, self._column)
        label = theme.text(row.label, "body", palette.button_text, label_width)
        text_height = label.get_height()
        note = theme.text(self._note(row), "small", palette.muted, label_width) if self._note(row) else None
        text_height += note.get_height() if note else 0
        y = rect.centery - text_height // 2
        surface.blit(label, (rect.x + pad, y))
        if note:
            surface.blit(note, (rect.x + pad, y + label.get_height()))
        index = self._index(row)
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
