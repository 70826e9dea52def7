"""The scenario picker: every scenario in the library as a card, broken ones too.

A scenario that fails validation is listed, greyed out with its first error (one or two lines,
however long the message), so a trainer sees at once why it is missing from play; it cannot be
started. A broken principles file is listed the same way. The library is read again when a file
in it is added, saved or removed (the App has the picker look about once a second) or on F5,
and the focus stays on the same file. Which cards show, in what order, and the filter row
that chooses them are in picker_filter.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame

from game.engine import Diagnostic, Scenario, sort_key, typographic
from game.storage.scenario_files import Library, load_library

from ..continuing import begin
from ..host import Host
from ..intents import Back, Choose, Click, Confirm, End, Home, Intent, Move, Point, Reload, Scroll, Skip
from ..navigation import Navigation, Pop
from ..scene import Scene
from ..scroll import Scroller, TextBlock
from ..theme import Theme
from ..widgets import Button, ButtonList
from .picker_art import CONTINUE, PLAY, draw_channel_icon, draw_customer, draw_keys, draw_pips, draw_play
from .picker_filter import CHANNEL_NAMES, MAX_DIFFICULTY, REMEMBERED, Filter, FilterRow, draw_row, layout_row, shown
from .picker_standing import Standings, standings_of

PROBLEM_CHARS = 160  # about two lines of a card at the smallest window
SCENARIO_BROKEN = "This scenario has a mistake and can\u2019t be played yet:"
PRINCIPLES_BROKEN = "The principles file has a mistake, so debriefs leave its advice out until it is fixed:"


@dataclass(frozen=True, slots=True)
class Card:
    """One file of the library: a scenario to start, or the reason it cannot be."""

    title: str
    scenario: Scenario | None
    path: Path
    problem: str = ""
    why: str = SCENARIO_BROKEN  # what the problem keeps from working


@dataclass(frozen=True, slots=True)
class CardLayout:
    rect: pygame.Rect  # in the list's own coordinates
    icon: pygame.Rect
    play: pygame.Rect  # the "Play" tag at the top right; empty for a card that cannot start
    meta: tuple[int, int]  # where the channel and difficulty line starts
    blocks: tuple[TextBlock, ...]


def cards_of(library: Library) -> list[Card]:
    """Every scenario file, in file order, then a broken principles file; a broken one carries its first error."""
    cards = []
    for path, report in library.reports.items():
        errors = [d for d in report.diagnostics if d.is_error]
        errors += [d for d in library.extra if d.is_error and Path(d.path) == path]
        if report.scenario is not None and not errors:
            cards.append(Card(report.scenario.title, report.scenario, path))
        else:
            cards.append(Card(path.name, None, path, first_problem(errors)))
    for other in sorted({Path(d.path) for d in library.extra if d.is_error} - set(library.reports)):
        errors = [d for d in library.extra if d.is_error and Path(d.path) == other]
        cards.append(Card(other.name, None, other, first_problem(errors), PRINCIPLES_BROKEN))
    return cards


def first_problem(errors: list[Diagnostic]) -> str:
    """The first error on one or two lines: a message can quote a long stretch of the file."""
    if not errors:
        return "It could not be read."
    first = min(errors, key=sort_key)
    words = " ".join(first.message[: 2 * PROBLEM_CHARS].split())  # no line breaks; long ones cut before the work
    text = f"Line {first.position.line}: {typographic(words)}"
    return text if len(text) <= PROBLEM_CHARS else text[: PROBLEM_CHARS - 1].rstrip() + "\u2026"


class PickerScene(Scene):
    name = "picker"

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        from game.storage.watch import library_watcher  # with the picker, not at start-up

        self.watcher = library_watcher(self.app.library)  # before reading: a save meanwhile is seen next time
        self.library_cards = cards_of(load_library([self.app.library]))
        self.standings = standings_of(app)  # the trainee's best grades, attempts and saves
        self.seen = app.revision
        self.chosen = REMEMBERED.get(app, Filter())
        self.cards = shown(self.library_cards, self.chosen)  # what the filter shows, in order
        self.focus = 0  # a card, or len(cards) for the Back button
        self.row = FilterRow((), (), 0)
        self.scroller = Scroller()
        self.layouts: list[CardLayout] = []
        self.back = ButtonList([Button("back", "Back")], focus=-1 if self.cards else 0)  # -1: a card has focus

    @property
    def focused(self) -> Card | None:
        return self.cards[self.focus] if self.focus < len(self.cards) else None

    def start(self, index: int) -> Navigation | None:
        """A new conversation, or the trainee's save of this scenario continued."""
        scenario = self.cards[index].scenario
        return None if scenario is None else begin(self.app, scenario, self.standings.games)

    def watch(self) -> Navigation | None:
        if self.watcher.changes():
            self.reload()
        return None

    def reload(self) -> None:
        """Read the library again, keeping the focus on the same file (or where it was, if it is gone)."""
        self.watcher.changes()  # what this read sees need not be reported again
        focused = self.focused.path if self.focused is not None else None
        self.library_cards = cards_of(load_library([self.app.library]))
        self._show(focused, min(self.focus, len(self.library_cards)))

    def choose(self, chosen: Filter) -> None:
        """Show what `chosen` admits, remembered for the next visit; the focus stays on its file if shown."""
        self.chosen = REMEMBERED[self.app] = chosen
        self._show(self.focused.path if self.focused is not None else None, 0)

    def _show(self, focused: Path | None, otherwise: int) -> None:
        self.cards = shown(self.library_cards, self.chosen)
        paths = [card.path for card in self.cards]
        self.focus = paths.index(focused) if focused in paths else min(otherwise, len(self.cards))
        self.back.focus = 0 if self.focused is None else -1
        self.relayout()

    # -- input -------------------------------------------------------------------------
    def handle(self, intent: Intent) -> Navigation | None:
        move: Navigation | None = None
        match intent:
            case Back():
                move = Pop()
            case Reload():
                self.reload()
            case Move(dy=dy) if dy:
                self._focus(max(0, min(len(self.cards), self.focus + dy)))
            case Home():
                self._focus(0)
            case End():
                self._focus(max(0, len(self.cards) - 1))
            case Move(dx=dx) if dx:
                self.choose(self.chosen.step_channel(dx))
            case Confirm() | Skip():
                move = Pop() if self.focused is None else self.start(self.focus)
            case Choose(index=index) if index < MAX_DIFFICULTY:
                self.choose(self.chosen.toggle_difficulty(index + 1))
            case Scroll(dy=dy):
                self.scroller.scroll(dy * 2 * self.app.theme.font("body").get_linesize())
                self._follow_scroll(dy)
            case Point(pos=pos):
                hit = self._at(pos)
                if hit is not None:
                    self.focus = hit
            case Click(pos=pos) if self.row.at(pos) is not None:
                chip = self.row.at(pos)
                assert chip is not None
                self.choose(chip.applied(self.chosen))
            case Click(pos=pos):
                hit = self._at(pos)
                if hit == len(self.cards):
                    move = Pop()
                elif hit is not None:
                    self.focus = hit
                    move = self.start(hit)
        self.back.focus = 0 if self.focused is None else -1
        return move

    def _focus(self, index: int) -> None:
        self.focus = index
        if index < len(self.layouts):
            self.scroller.reveal_rect(self.layouts[index].rect, self.app.theme.px(10))

    def _follow_scroll(self, dy: int) -> None:
        """Keep the focus on a card whose top is in view as the list scrolls: the first when scrolling
        on, the last when scrolling back, so the highlighted card's title is always seen; at
        either end of the list the end card takes the focus, so Page Down reaches the last card."""
        if self.focused is None or not self.layouts:
            return
        scroller = self.scroller
        top, height = scroller.target, scroller.viewport.height
        if dy < 0 and top >= scroller.max_offset:
            self.focus = len(self.layouts) - 1
        elif dy > 0 and top <= 0:
            self.focus = 0
        else:
            tops = [layout.rect.top for layout in self.layouts]
            in_view = [i for i, card_top in enumerate(tops) if top <= card_top < top + height]  # its title shows
            if in_view and self.focus not in in_view:
                self.focus = in_view[0] if dy < 0 else in_view[-1]

    def _at(self, pos: tuple[int, int]) -> int | None:
        if self.back.at(pos) is not None:
            return len(self.cards)
        inside = self.scroller.to_content(pos)
        if inside is None:
            return None
        return next((i for i, layout in enumerate(self.layouts) if layout.rect.collidepoint(inside)), None)

    # -- time and layout ---------------------------------------------------------------
    def update(self, dt: float) -> None:
        if self.seen != self.app.revision:  # a save set aside from here, say: the cards say so
            self.standings, self.seen = standings_of(self.app), self.app.revision
            self.relayout()
        self.scroller.update(dt)

    def frame_interval(self) -> float | None:
        return 0 if self.scroller.moving else None

    def relayout(self) -> None:
        theme = self.app.theme
        width, height = theme.size
        margin = theme.px(28)
        column = min(width - 2 * margin, theme.px(1040))
        left = (width - column) // 2
        self.row = layout_row(theme, left, margin + theme.font("title").get_linesize() + theme.px(8), column)
        top = self.row.bottom + theme.px(14)
        button_height = theme.font("body").get_linesize() + 2 * theme.px(12)
        back_width = theme.text("Back", "body").get_width() + 2 * theme.px(16) + theme.px(2)
        self.back.buttons[0].rect = pygame.Rect(
            left + column - back_width, height - margin - button_height, back_width, button_height
        )
        viewport = pygame.Rect(left, top, column, self.back.buttons[0].rect.top - theme.px(14) - top)
        self.layouts, y = [], 0
        for card in self.cards:
            self.layouts.append(_layout_card(theme, card, y, column - theme.px(14), self.standings))
            y = self.layouts[-1].rect.bottom + theme.px(14)
        self.scroller.set_content(viewport, max(0, y - theme.px(14)))
        if self.focus < len(self.layouts):
            self.scroller.reveal_rect(self.layouts[self.focus].rect, theme.px(10), at_once=True)

    # -- drawing -----------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme = self.app.theme
        palette, scroller = theme.palette, self.scroller
        surface.fill(palette.background)
        view = scroller.viewport
        surface.blit(theme.text("Choose a scenario", "title"), (view.x, theme.px(24)))
        draw_keys(surface, theme, (view.x, self.back.buttons[0].rect.centery))
        draw_row(surface, theme, self.row, self.chosen)
        if not self.library_cards:
            empty = f"No scenarios were found in {self.app.library}."
            surface.blit(theme.text(empty, "body", palette.muted, view.width), view.topleft)
        elif not self.cards:
            empty = f"No scenarios match: {self.chosen.describe()}. Choose \u201cAll\u201d above to see every one."
            surface.blit(theme.text(empty, "body", palette.muted, view.width), view.topleft)
        previous_clip = surface.get_clip()
        surface.set_clip(view)
        for index, (card, layout) in enumerate(zip(self.cards, self.layouts, strict=True)):
            if scroller.shows(layout.rect):
                self._draw_card(surface, theme, card, layout, index == self.focus)
        surface.set_clip(previous_clip)
        scroller.draw_bar(surface, theme)
        self.back.draw(surface, theme)

    def _draw_card(self, surface: pygame.Surface, theme: Theme, card: Card, layout: CardLayout, focused: bool) -> None:
        palette, scroller = theme.palette, self.scroller
        rect = scroller.to_screen(layout.rect)
        pygame.draw.rect(surface, palette.button if focused else palette.panel, rect, border_radius=theme.px(12))
        edge, width = (palette.focus, theme.px(3)) if focused else (palette.panel_edge, theme.px(1))
        pygame.draw.rect(surface, edge, rect, width, border_radius=theme.px(12))
        icon = scroller.to_screen(layout.icon)
        if card.scenario is not None:
            customer = card.scenario.customer
            draw_customer(surface, theme, customer.portrait, customer.anger, card.scenario.channel, icon)
        else:
            draw_channel_icon(surface, theme, None, icon, palette.bad)
        for block in layout.blocks:
            scroller.draw_block(surface, theme, block)
        if card.scenario is None:
            return
        play = scroller.to_screen(layout.play)
        if scroller.viewport.contains(play):  # its word is never shown cut
            draw_play(surface, theme, play, focused, _start_word(card, self.standings))
        small = theme.font("small")
        x, y = scroller.to_screen(pygame.Rect(layout.meta, (0, 0))).topleft
        if y < scroller.viewport.top or y + small.get_linesize() > scroller.viewport.bottom:
            return  # drawn a whole line at a time, like the text
        words = theme.text(f"{CHANNEL_NAMES[card.scenario.channel]}   \u00b7   Difficulty", "small", palette.muted)
        surface.blit(words, (x, y))
        x += words.get_width() + theme.px(10)
        x = draw_pips(surface, theme, (x, y + small.get_linesize() // 2), card.scenario.difficulty, MAX_DIFFICULTY)
        surface.blit(theme.text(f"{card.scenario.difficulty}/{MAX_DIFFICULTY}", "small", palette.muted), (x, y))


def _start_word(card: Card, standings: Standings) -> str:
    """What the card's tag says starting it does: continue the trainee's save, or play."""
    return CONTINUE if card.scenario is not None and standings.in_progress(card.scenario.id) else PLAY


def _layout_card(theme: Theme, card: Card, top: int, width: int, standings: Standings) -> CardLayout:
    palette, pad = theme.palette, theme.px(18)
    small = theme.font("small")
    side = theme.font("heading").get_linesize() + 2 * small.get_linesize() + theme.px(24)  # a face, not an icon
    icon = pygame.Rect(pad, top + pad, side, side)
    text_left = icon.right + theme.px(16)
    inner = width - text_left - pad
    label = theme.text(_start_word(card, standings), "body")
    play = pygame.Rect(0, 0, label.get_width() + theme.px(44), label.get_height() + theme.px(10))
    play.topright = (width - pad, top + pad)
    if card.scenario is None:
        play.width = 0
    title_width = inner - (play.width + theme.px(16) if play.width else 0)
    title_color = palette.text if card.scenario else palette.muted  # still legible: the warning says why
    title = TextBlock(card.title, "heading", title_color, title_width, (text_left, top + pad))
    meta = (text_left, title.bottom(theme) + theme.px(4))
    blocks = [title]
    y = meta[1] + small.get_linesize() + theme.px(10)
    if card.scenario is None:
        why = TextBlock(card.why, "small", palette.bad, inner, meta)
        below = (text_left, why.bottom(theme) + theme.px(4))
        blocks += [why, TextBlock(card.problem, "body", palette.muted, inner, below)]
    else:
        standing = TextBlock(standings.words(card.scenario.id), "small", palette.accent, inner, (text_left, y))
        blocks.append(standing)
        y = standing.bottom(theme) + theme.px(8)
        two_columns = inner >= theme.px(700)  # objectives beside the summary on wide screens
        summary_width = round(inner * 0.56) if two_columns else inner
        blocks.append(TextBlock(card.scenario.summary, "body", palette.text, summary_width, (text_left, y)))
        left = text_left + summary_width + theme.px(28) if two_columns else text_left
        y = y if two_columns else blocks[-1].bottom(theme) + theme.px(10)
        blocks += _objectives(theme, card.scenario.objectives, left, y, text_left + inner - left)
    bottom = max(max(block.bottom(theme) for block in blocks), icon.bottom) + pad
    return CardLayout(pygame.Rect(0, top, width, bottom - top), icon, play, meta, tuple(blocks))


def _objectives(theme: Theme, objectives: tuple[str, ...], left: int, top: int, width: int) -> list[TextBlock]:
    """A heading and one bullet per objective, each wrapped under its own first word."""
    if not objectives:
        return []
    palette = theme.palette
    blocks = [TextBlock("Objectives", "small", palette.accent, width, (left, top))]
    bullet = theme.text("\u2022", "small").get_width() + theme.px(8)
    for objective in objectives:
        y = blocks[-1].bottom(theme) + theme.px(2)
        blocks.append(TextBlock("\u2022", "small", palette.muted, bullet, (left, y)))
        blocks.append(TextBlock(objective, "small", palette.muted, width - bullet, (left + bullet, y)))
    return blocks
