"""Who is practising: the trainees on this machine, the last one preselected, and a form to add one.

No passwords: this is a shared training machine, and a name is only there to keep each person's
saves and results apart. With nobody yet, the screen opens on the form. A name that will not do
(empty, too long, taken) gets storage's own sentence under the form; a name or choice that could
not be written still lets the person practise, and says what will not be kept.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pygame

from game.storage.errors import StorageError
from game.storage.trainees import Trainee, TraineeError, add_trainee, choose_trainee, load_roster

from ..host import Host
from ..intents import Back, Click, Confirm, End, Home, Intent, Move, Point, Scroll, Skip
from ..navigation import Exit, Navigation, Pop
from ..scene import Scene
from ..scroll import Scroller
from ..text_entry import Composing, Edit, TextField, Typed
from ..theme import Theme
from ..widgets import Button, button_frame, key_hints

WELCOME = "Welcome to Composure. Type your name to start: your saves and results are kept under it."
CHOOSE = "Choose your name to carry on, or add yourself below. There are no passwords."
NOT_KEPT = "You can practise now, but your name and progress will not be kept."
KEYS = (("Up/Down", "choose"), ("Enter", "start"))


@dataclass(frozen=True, slots=True)
class Layout:
    rows: tuple[pygame.Rect, ...]  # each trainee's row, in the list's own coordinates
    heading: tuple[int, int]  # where the screen's heading starts
    form_top: int
    message_top: int


class TraineesScene(Scene):
    name = "trainees"

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        loaded = load_roster(app.data)
        self.roster = loaded.roster
        self.message = loaded.message  # under the form: why a name will not do, or what was set aside
        self.people = sorted(self.roster.trainees, key=lambda t: (t.name.casefold(), t.name))
        self.fields = (TextField("Name"), TextField("E-mail (optional)"))
        self.add = Button("add", "Add and start")
        self.leave = Button("back", "Back" if app.trainee else "Quit")
        current = app.trainee.id if app.trainee else self.roster.last_id
        ids = [trainee.id for trainee in self.people]
        self.focus = ids.index(current) if current in ids else len(self.people)  # the name field when new
        self.scroller = Scroller()
        self.layout = Layout((), (0, 0), 0, 0)

    # -- the items, in focus order: each trainee, the two fields, Add, Back ----------------
    @property
    def field(self) -> TextField | None:
        return self._field_of(self.focus)

    def _item_count(self) -> int:
        return len(self.people) + len(self.fields) + 2

    def typing_at(self) -> pygame.Rect | None:
        """Where typed text goes: the focused field, or the name field from anywhere else, since
        someone new sitting down starts by typing their name."""
        return (self.field or self.fields[0]).rect

    def edit(self, edit: Edit) -> Navigation | None:
        if self.field is None and isinstance(edit, Typed | Composing) and edit.text:
            self.focus = len(self.people)  # the name field
        if self.field is not None:
            before = self.field.text
            self.field.apply(edit)
            if self.message and (isinstance(edit, Typed) or self.field.text != before):
                self._say("")
        return None

    def _say(self, message: str) -> None:
        """Show `message` under the form (or nothing), the list making room for it."""
        self.message = message
        self.relayout()

    # -- input -------------------------------------------------------------------------
    def handle(self, intent: Intent) -> Navigation | None:
        field = self.field
        match intent:
            case Back():
                return self._leave()
            case Move(dy=dy) if dy:
                self._focus((self.focus + dy) % self._item_count())
            case Move(dx=dx) if dx and field is not None:
                field.step(dx)
            case Home() | End() if field is not None:
                field.to_end(isinstance(intent, End))
            case Confirm():
                return self._activate(self.focus)
            case Skip() if field is None:
                return self._activate(self.focus)
            case Scroll(dy=dy):
                self.scroller.scroll(dy * self.app.theme.font("body").get_linesize())
            case Point(pos=pos) if field is None:  # pointing never takes the focus from a name being typed
                hit = self._at(pos)
                if hit is not None and self._field_of(hit) is None:
                    self.focus = hit
            case Click(pos=pos):
                return self._click(pos)
        return None

    def _click(self, pos: tuple[int, int]) -> Navigation | None:
        hit = self._at(pos)
        if hit is None:
            return None
        self.focus = hit
        field = self._field_of(hit)
        if field is not None:
            field.place_caret(self.app.theme, pos[0])
            return None
        return self._activate(hit)

    def _activate(self, index: int) -> Navigation | None:
        if index < len(self.people):
            return self._choose(self.people[index])
        if self._field_of(index) is not None or index == len(self.people) + len(self.fields):
            return self._add()  # Enter in either field adds, as the e-mail may stay empty
        return self._leave()

    def _leave(self) -> Navigation:
        return Pop() if self.app.trainee is not None else Exit()

    def _choose(self, trainee: Trainee) -> Navigation:
        try:
            choose_trainee(self.app.data, self.roster, trainee.id)
        except StorageError as problem:  # they still play as themselves; next time they choose again
            self.app.tell(str(problem))
        self.app.sound.play("select")
        self.app.play_as(trainee)
        return Pop()

    def _add(self) -> Navigation | None:
        name, email = (field.text for field in self.fields)
        try:
            self.roster, trainee = add_trainee(self.app.data, self.roster, name, email)
        except TraineeError as problem:
            self._say(str(problem))
            return None
        except StorageError as problem:  # the name was fine; the folder would not take it
            trainee = Trainee(uuid.uuid4().hex, " ".join(name.split()), email.strip())
            self.app.tell(f"{problem} {NOT_KEPT}")
        self.app.sound.play("select")
        self.app.play_as(trainee)
        return Pop()

    def _focus(self, index: int) -> None:
        self.focus = index
        if index < len(self.layout.rows):
            self.scroller.reveal_rect(self.layout.rows[index], self.app.theme.px(6))

    def _field_of(self, index: int) -> TextField | None:
        at = index - len(self.people)
        return self.fields[at] if 0 <= at < len(self.fields) else None

    def _at(self, pos: tuple[int, int]) -> int | None:
        inside = self.scroller.to_content(pos)
        if inside is not None:
            hit = next((i for i, row in enumerate(self.layout.rows) if row.collidepoint(inside)), None)
            if hit is not None:
                return hit
        others = [*(field.rect for field in self.fields), self.add.rect, self.leave.rect]
        return next((len(self.people) + i for i, rect in enumerate(others) if rect.collidepoint(pos)), None)

    # -- time and layout ---------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.scroller.update(dt)

    def frame_interval(self) -> float | None:
        return 0 if self.scroller.moving else None

    def relayout(self) -> None:
        """Top down: the heading and a line, the list (as tall as it needs, scrolling when the room runs
        out), the form right under it, any message under the form; the keys and Back at the bottom."""
        theme = self.app.theme
        width, height = theme.size
        margin, gap = theme.px(28), theme.px(12)
        column = min(theme.px(760), width - 2 * margin)
        left = (width - column) // 2
        intro = theme.text(self._intro(), "small", width=column)
        list_top = margin + theme.font("heading").get_linesize() + theme.px(4) + intro.get_height() + gap
        self.leave.rect = self._button_rect(theme, self.leave.label, 0)
        self.leave.rect.bottomright = (left + column, height - margin)
        rows, y = [], 0
        for trainee in self.people:
            rows.append(pygame.Rect(0, y, column - theme.px(14), self._row_height(theme, trainee)))
            y = rows[-1].bottom + theme.px(8)
        content = max(0, y - theme.px(8))
        message = theme.text(self.message, "small", width=column).get_height() + gap if self.message else 0
        room = self.leave.rect.top - gap - message - self._form_height(theme) - list_top - (gap if rows else 0)
        viewport = pygame.Rect(left, list_top, column, max(0, min(content, room)))
        form_top = viewport.bottom + (gap if rows else 0)
        self.layout = Layout(tuple(rows), (left, margin), form_top, self._lay_out_form(theme, left, column, form_top))
        self.scroller.set_content(viewport, content)
        if self.focus < len(rows):
            self.scroller.reveal_rect(rows[self.focus], theme.px(6), at_once=True)

    def _form_height(self, theme: Theme) -> int:
        heading = theme.font("body").get_linesize() + theme.px(4) + theme.font("small").get_linesize() + theme.px(2)
        return heading + self.fields[0].height(theme) + theme.px(10) + self._button_rect(theme, "", 0).height

    def _lay_out_form(self, theme: Theme, left: int, column: int, top: int) -> int:
        """The form's heading at `top`, the two fields side by side under their labels (the smallest
        window leaves each room for about twenty letters), then the Add button; returns where a
        message under it starts."""
        top += theme.font("body").get_linesize() + theme.px(4) + theme.font("small").get_linesize() + theme.px(2)
        field_height, gap = self.fields[0].height(theme), theme.px(16)
        half = (column - gap) // 2
        for index, field in enumerate(self.fields):
            field.rect = pygame.Rect(left + index * (half + gap), top, half, field_height)
        self.add.rect = self._button_rect(theme, self.add.label, top + field_height + theme.px(10))
        self.add.rect.x = left
        return self.add.rect.bottom + theme.px(12)

    def _button_rect(self, theme: Theme, label: str, top: int) -> pygame.Rect:
        width = theme.text(label, "body").get_width() + 2 * theme.px(16)
        return pygame.Rect(0, top, width, theme.font("body").get_linesize() + 2 * theme.px(10))

    def _row_height(self, theme: Theme, trainee: Trainee) -> int:
        email = theme.font("small").get_linesize() if trainee.email else 0
        return theme.font("body").get_linesize() + email + 2 * theme.px(10)

    def _intro(self) -> str:
        return CHOOSE if self.people else WELCOME

    # -- drawing (reads state, changes nothing) -----------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme = self.app.theme
        palette, scroller = theme.palette, self.scroller
        surface.fill(palette.background)
        left, top = self.layout.heading
        column = scroller.viewport.width
        heading = theme.text("Who is practising?", "heading")
        surface.blit(heading, (left, top))
        surface.blit(theme.text(self._intro(), "small", palette.muted, column), (left, top + heading.get_height()))
        clip = surface.get_clip()
        surface.set_clip(scroller.viewport.clip(clip))
        for index, row in enumerate(self.layout.rows):
            if scroller.shows(row):
                self._draw_row(surface, theme, index)
        surface.set_clip(clip)
        scroller.draw_bar(surface, theme)
        self._draw_form(surface, theme, left, column)
        if self.message:
            surface.blit(theme.text(self.message, "small", palette.bad, column), (left, self.layout.message_top))
        keys = (*KEYS, ("Esc", self.leave.label.lower()))
        key_hints(surface, theme, keys, self.leave.rect.centery, left=left)
        draw_button(surface, theme, self.leave, self.focus == self._item_count() - 1)

    def _draw_row(self, surface: pygame.Surface, theme: Theme, index: int) -> None:
        palette, scroller = theme.palette, self.scroller
        trainee, row = self.people[index], self.layout.rows[index]
        rect = scroller.to_screen(row)
        button_frame(surface, theme, Button("choose", trainee.name, rect=rect), index == self.focus)
        pad = theme.px(10)
        name = theme.text(trainee.name, "body", palette.button_text, row.width - 2 * theme.px(16))
        at = (row.x + theme.px(16), row.y + pad)
        scroller.blit_text(surface, name, at, theme.font("body").get_linesize())
        if trainee.email:
            email = theme.text(trainee.email, "small", palette.muted, row.width - 2 * theme.px(16))
            below = (at[0], at[1] + theme.font("body").get_linesize())
            scroller.blit_text(surface, email, below, theme.font("small").get_linesize())

    def _draw_form(self, surface: pygame.Surface, theme: Theme, left: int, column: int) -> None:
        palette = theme.palette
        surface.blit(theme.text("New trainee", "body", palette.text), (left, self.layout.form_top))
        first = len(self.people)
        for index, field in enumerate(self.fields):
            label = theme.text(field.label, "small", palette.muted)
            surface.blit(label, (field.rect.x, field.rect.y - label.get_height() - theme.px(2)))
            field.draw(surface, theme, self.focus == first + index)
        draw_button(surface, theme, self.add, self.focus == first + len(self.fields))


def draw_button(surface: pygame.Surface, theme: Theme, button: Button, focused: bool) -> None:
    """A button on its own, its label centred."""
    button_frame(surface, theme, button, focused)
    label = theme.text(button.label, "body", theme.palette.button_text)
    surface.blit(label, label.get_rect(center=button.rect.center))
