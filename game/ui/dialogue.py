"""The conversation column: narration, the customer's line, the chat thread and the countdown.

Laid out once per turn (or resize) in the column's own coordinates, drawn through the play
screen's Scroller, so long text always wraps and scrolls instead of being cut off.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.engine import Scene

from .displayable import displayable
from .palette import Color, mix
from .reveal import Span, wrap
from .scroll import Scroller
from .theme import Theme
from .widgets import ButtonList, button_frame, under_label

YOU, THEM, NOTE = "you", "them", "note"
REPLY_LABEL = "YOUR REPLY"
YOU_CAPTION = "You"
URGENT_SECONDS = 5  # the last seconds of a countdown turn red and tick


@dataclass(frozen=True, slots=True)
class ChatEntry:
    """A past message in a chat: theirs, yours, or a note such as a missed reply."""

    who: str
    text: str


@dataclass(slots=True)
class Column:
    """Rects in content coordinates (0, 0 is the column's top left)."""

    width: int = 0
    narration: pygame.Rect | None = None
    speech: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    spans: list[Span] = field(default_factory=list)
    text_at: tuple[int, int] = (0, 0)
    header: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    thread_top: int = 0  # where the conversation starts, under the narration
    history: list[tuple[pygame.Rect, ChatEntry]] = field(default_factory=list)
    labelled: bool = False  # the trainee's messages carry a "You" caption (out of a chat)

    @property
    def last_words(self) -> pygame.Rect | None:
        """The newest message above the line: what the trainee said (or that they said nothing)."""
        return self.history[-1][0] if self.history else None

    def shift(self, dy: int) -> None:
        """Move the line and the reply header down by `dy`, to make room for the thread above them."""
        self.speech.move_ip(0, dy)
        self.header.move_ip(0, dy)
        self.text_at = (self.text_at[0], self.text_at[1] + dy)


def lay_out(theme: Theme, scene: Scene, width: int, narration: str, line: str, speaker: str, timed: bool) -> Column:
    """Narration, then the line in its box, then the reply header; the choices go under it, and the
    thread (`fit_history`) between the narration and the line, so the trainee's last words sit just
    above the reply to them. The line is wrapped as `displayable` gives it, which is what a Reveal of
    it must count."""
    column, y, gap = Column(width), 0, theme.px(14)
    if narration:
        text = italic_text(theme, narration, width - theme.px(18))
        column.narration = pygame.Rect(0, 0, width, text.get_height())
        y = column.thread_top = column.narration.bottom + gap
    if line:
        y = _lay_out_speech(theme, scene, column, y, line, speaker) + theme.px(20)
    bar = theme.px(16) if timed else theme.px(4)  # the countdown's bar goes under the words
    column.header = pygame.Rect(0, y, width, theme.font("body").get_linesize() + bar)
    return column


def _lay_out_speech(theme: Theme, scene: Scene, column: Column, y: int, line: str, speaker: str) -> int:
    """The box for the customer's line, wrapped once for the whole line; returns its bottom."""
    pad, name_height = theme.px(16), theme.font("small").get_linesize() + theme.px(4)
    indent = theme.px(14) if scene is Scene.COUNTER else 0  # room for the bubble's tail
    box_width = column.width - indent
    if scene is Scene.CHAT:
        box_width = min(box_width, max(round(column.width * 0.85), theme.px(200)))
    font = theme.font("body")
    column.spans = wrap(displayable(line), box_width - 2 * pad, theme.text_width)  # emoji measured as drawn
    if scene is Scene.CHAT:  # a chat bubble hugs its text
        longest = max((theme.text_width(span.text) for span in column.spans), default=0)
        box_width = max(longest, theme.text(speaker, "small").get_width()) + 2 * pad
    text_height = len(column.spans) * font.get_linesize()
    column.speech = pygame.Rect(indent, y, box_width, pad + name_height + text_height + pad)
    column.text_at = (indent + pad, y + pad + name_height)
    return column.speech.bottom


def fit_history(theme: Theme, column: Column, entries: list[ChatEntry], room: int, labelled: bool = False) -> int:
    """Place recent messages above the current line: always the last (the trainee's own last words,
    whatever the room), then as many earlier ones as fit in `room`; returns their height. `labelled`
    (out of a chat, where right-aligned bubbles are not a convention) captions the trainee's "You"."""
    placed: list[tuple[int, ChatEntry]] = []
    used, gap = 0, theme.px(10)
    column.labelled = labelled
    for entry in reversed(entries):
        height = _entry_size(theme, column, entry)[1]
        if placed and used + height + gap > room:
            break
        placed.append((height, entry))
        used += height + gap
    y = column.thread_top
    for height, entry in reversed(placed):
        bubble = pygame.Rect(0, y, _entry_size(theme, column, entry)[0], height)
        if entry.who == YOU:
            bubble.right = column.width
        elif entry.who == NOTE:
            bubble.centerx = column.width // 2
        column.history.append((bubble, entry))
        y += height + gap
    column.shift(used)
    return used


def _entry_size(theme: Theme, column: Column, entry: ChatEntry) -> tuple[int, int]:
    """A past message's bubble: its text, under the "You" caption when there is one, and the padding."""
    pad = theme.px(12)
    text = _entry_text(theme, entry, _history_width(theme, column.width))
    width, height = text.get_width(), text.get_height()
    if _captioned(column, entry):
        width = max(width, theme.text(YOU_CAPTION, "small").get_width())
        height += theme.font("small").get_linesize()
    return width + 2 * pad, height + 2 * pad


def _captioned(column: Column, entry: ChatEntry) -> bool:
    return column.labelled and entry.who == YOU


def draw_column(
    surface: pygame.Surface,
    theme: Theme,
    scene: Scene,
    scroller: Scroller,
    column: Column,
    speaker: str,
    shown: int,
    narration: str,
) -> None:
    palette = theme.palette
    clip = surface.get_clip()
    surface.set_clip(scroller.viewport.clip(clip))
    small, pad = theme.font("small").get_linesize(), theme.px(12)
    for bubble, entry in column.history:
        _bubble(surface, theme, scroller.to_screen(bubble), entry.who)
        at = (bubble.x + pad, bubble.y + pad)
        if _captioned(column, entry):
            scroller.blit_text(surface, theme.text(YOU_CAPTION, "small", palette.text), at, small)
            at = (at[0], at[1] + small)
        scroller.blit_text(surface, _entry_text(theme, entry, _history_width(theme, column.width)), at, small)
    if column.narration is not None:
        rule = scroller.to_screen(column.narration)
        pygame.draw.line(surface, palette.panel_edge, rule.topleft, rule.bottomleft, theme.px(3))
        text = italic_text(theme, narration, column.narration.width - theme.px(18))
        at = (column.narration.x + theme.px(18), column.narration.y)
        scroller.blit_text(surface, text, at, theme.font("body", italic=True).get_linesize())
    if column.spans:
        _draw_speech(surface, theme, scene, scroller, column, speaker, shown)
    surface.set_clip(clip)


def _draw_speech(
    surface: pygame.Surface,
    theme: Theme,
    scene: Scene,
    scroller: Scroller,
    column: Column,
    speaker: str,
    shown: int,
) -> None:
    """The line's box with the speaker's name, and as much of the line as has been said."""
    _bubble(surface, theme, scroller.to_screen(column.speech), THEM if scene is Scene.CHAT else scene.value)
    name = speaker if scene is not Scene.PHONE else f"{speaker}  \u00b7  on the line"
    small = theme.font("small").get_linesize()
    at = (column.speech.x + theme.px(16), column.speech.y + theme.px(16))
    scroller.blit_text(surface, theme.text(name, "small", theme.palette.accent), at, small)
    line_height = theme.font("body").get_linesize()
    for index, span in enumerate(column.spans):
        visible = span.visible(shown)
        if visible:
            at = (column.text_at[0], column.text_at[1] + index * line_height)
            scroller.blit_text(surface, theme.text(visible, "body"), at, line_height)


def draw_header(
    surface: pygame.Surface,
    theme: Theme,
    rect: pygame.Rect,
    remaining: float | None,
    limit: float | None,
    urgent_pulse: float,
) -> None:
    """ "YOUR REPLY", and for a timed answer the seconds left with a bar that empties."""
    palette = theme.palette
    line = theme.font("body").get_linesize()
    label = theme.text(REPLY_LABEL, "small", palette.muted)
    surface.blit(label, label.get_rect(midleft=(rect.x, rect.y + line // 2)))
    if remaining is None or limit is None:
        return
    urgent = remaining <= URGENT_SECONDS
    color = mix(palette.bad, palette.text, urgent_pulse) if urgent else palette.text
    seconds = theme.text(f"{max(0, int(remaining + 0.999))} s left", "body", color)
    place = seconds.get_rect(topright=(rect.right, rect.y))
    surface.blit(seconds, place)
    radius = theme.px(8)
    centre = (place.left - theme.px(12) - radius, place.centery)
    pygame.draw.circle(surface, color, centre, radius, theme.px(2))
    pygame.draw.line(surface, color, centre, (centre[0], centre[1] - radius + theme.px(3)), theme.px(2))
    bar = pygame.Rect(rect.x, rect.y + line + theme.px(6), rect.width, theme.px(6))
    pygame.draw.rect(surface, mix(palette.background, palette.panel_edge, 0.5), bar, border_radius=bar.height // 2)
    fill = bar.copy()
    fill.width = round(bar.width * max(0.0, min(1.0, remaining / limit)))
    if fill.width:
        pygame.draw.rect(surface, palette.bad if urgent else palette.accent, fill, border_radius=bar.height // 2)


def draw_choices(
    surface: pygame.Surface, theme: Theme, scroller: Scroller, buttons: ButtonList, rects: list[pygame.Rect]
) -> None:
    """Like ButtonList.draw, but a label line shows only when it is wholly in view."""
    palette, pad = theme.palette, theme.px(16)
    line, small = theme.font("body").get_linesize(), theme.font("small").get_linesize()
    for index, (button, rect) in enumerate(zip(buttons.buttons, rects, strict=True)):
        button_frame(surface, theme, button, index == buttons.focus)
        color = palette.button_text if button.enabled else palette.muted
        label = theme.text(buttons.label_of(index + 1, button), "body", color, rect.width - 2 * pad)
        y = rect.y + theme.px(12)
        scroller.blit_text(surface, label, (rect.x + pad, y), line)
        y += label.get_height()
        for under in under_label(theme, button, rect.width - 2 * pad):
            scroller.blit_text(surface, under, (rect.x + pad, y), small)
            y += under.get_height()


def edge_fades(surface: pygame.Surface, theme: Theme, scroller: Scroller, chevron: bool = True) -> None:
    """Soft edges where the column has more above or below, and (unless a cue already says what is
    there) a chevron pointing to what's below."""
    view, depth = scroller.viewport, theme.px(28)
    background = theme.palette.background
    for more, top in ((scroller.top > 0, True), (scroller.top < scroller.max_offset, False)):
        if not more:
            continue
        fade = pygame.Surface((view.width, depth), pygame.SRCALPHA)
        for row in range(depth):
            strength = 1 - row / depth if top else (row + 1) / depth
            pygame.draw.line(fade, (*background, round(255 * strength**1.5)), (0, row), (view.width, row))
        surface.blit(fade, (view.x, view.y if top else view.bottom - depth))
    if chevron and scroller.top < scroller.max_offset:
        x, y, size = view.right - theme.px(22), view.bottom - theme.px(6), theme.px(7)
        pygame.draw.polygon(surface, theme.palette.muted, [(x - size, y - size), (x + size, y - size), (x, y)])


def _bubble(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, kind: str) -> None:
    palette = theme.palette
    radius = theme.px(14)
    if kind == NOTE:
        pygame.draw.rect(surface, palette.panel_edge, rect, width=1, border_radius=rect.height // 2)
        return
    fill: Color = palette.tinted_panel if kind == YOU else palette.panel
    corners = {"border_radius": radius}
    if kind == THEM:
        corners["border_bottom_left_radius"] = theme.px(3)
    elif kind == YOU:
        corners["border_bottom_right_radius"] = theme.px(3)
    pygame.draw.rect(surface, fill, rect, **corners)
    pygame.draw.rect(surface, palette.panel_edge, rect, width=theme.px(2), **corners)
    if kind == Scene.COUNTER.value:  # a tail pointing at the customer
        tip = (rect.left - theme.px(14), rect.top + theme.px(30))
        base = [(rect.left + theme.px(1), rect.top + theme.px(18)), (rect.left + theme.px(1), rect.top + theme.px(42))]
        pygame.draw.polygon(surface, fill, [base[0], tip, base[1]])
        pygame.draw.line(surface, palette.panel_edge, base[0], tip, theme.px(2))
        pygame.draw.line(surface, palette.panel_edge, tip, base[1], theme.px(2))
    elif kind == Scene.PHONE.value:  # a caption bar: heard, not seen
        stripe = pygame.Rect(rect.x, rect.y, theme.px(6), rect.height)
        pygame.draw.rect(
            surface, palette.accent, stripe, border_top_left_radius=radius, border_bottom_left_radius=radius
        )


def _history_width(theme: Theme, column_width: int) -> int:
    return round(column_width * 0.75) - 2 * theme.px(12)


def _entry_text(theme: Theme, entry: ChatEntry, width: int) -> pygame.Surface:
    if entry.who == NOTE:
        return italic_text(theme, entry.text, width, "small")
    return theme.text(entry.text, "small", width=width)


def italic_text(theme: Theme, text: str, width: int, role: str = "body") -> pygame.Surface:
    """Narration's voice: italic and muted, so it never reads as the customer's words."""
    return theme.text(text, role, theme.palette.muted, max(1, width), italic=True)
