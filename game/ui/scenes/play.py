"""The play screen: the customer, the anger meter, their line typed out, and the trainee's answers.

Everything shown comes from the Session's View; the scene only paces it (typing, easing, the
countdown) with the `dt` it is given, and passes the trainee's answer and the seconds it took.

For trainers: saving the scenario file while it is played reloads it (live_reload.py), and the
play-test view (a setting, F2) shows each answer's effects from the engine's previews, the node
and flags, and a jump list; the trainer panel above the stage shows these and a file's errors.
"""

from __future__ import annotations

import math
from pathlib import Path

import pygame

from game.engine import CUSTOMER, TIME_LIMITS, TIMEOUT, Preview, Scenario, Session, previews, resumed
from game.engine import Scene as SceneLook

from ..answers_in_view import Cue, answer_cues, answers_top, cue_at, draw_cues, strip_height
from ..chat_log import MISSED, chat_of, said
from ..dialogue import (
    NOTE,
    URGENT_SECONDS,
    YOU,
    ChatEntry,
    Column,
    draw_choices,
    draw_column,
    draw_header,
    edge_fades,
    fit_history,
    lay_out,
)
from ..displayable import displayable
from ..effect_words import effect_words, named
from ..framing import CHANNEL_NAMES, Sitter, draw_stage
from ..host import Host
from ..intents import (
    NUMBER_KEY_COUNT,
    Back,
    Choose,
    Click,
    Confirm,
    End,
    Home,
    Intent,
    Jump,
    Move,
    Point,
    Reload,
    Scroll,
    Skip,
)
from ..live_reload import Broken, LiveFile, reloaded
from ..meter import AngerMeter, draw_meter, meter_height, meter_width
from ..navigation import Debrief, JumpList, Navigation, PauseMenu, Push, Replace, Resuming
from ..portrait import Face, FaceAnimator, Look, face_for, look_for, talking
from ..reveal import Reveal, TurnClock
from ..scene import Scene
from ..scroll import Scroller
from ..session_keeping import Keeper
from ..theme import anger_band
from ..trainer_panel import Note, TrainerPanel
from ..widgets import Button, ButtonList, key_hints

APPEAR_SECONDS = 0.25  # the choices fade in once the line is complete
SCROLL_STEP = 48
SMALLEST_STAGE = 150  # below this height (at 720 px) the trainer panel takes the stage's place
ROOMY_LINES = 24  # lines of text the column must hold for the stage to keep a third of the width


class PlayScene(Scene):
    name = "play"

    def __init__(
        self,
        app: Host,
        scenario: Scenario,
        session: Session | None = None,
        resuming: Resuming | None = None,
        what_if: bool = False,
    ) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.keeper = Keeper(app, resuming.started_at if resuming else "", what_if)
        self.scroller = Scroller()
        self.column = Column()
        self.buttons = ButtonList([], numbered=True)
        self._choice_rects: list[pygame.Rect] = []
        self.panel = TrainerPanel()
        self.live = LiveFile(Path(scenario.path)) if scenario.path else None
        self.broken: Broken | None = None  # the saved file's errors, while the last good version runs
        self.notice, self.notice_ok = "", True  # what the last reload did, until the next answer
        self.stage_shown = True
        self._pointer = (-1, -1)
        self.chat: list[ChatEntry] = []  # a chat's past messages, shown above the current line
        self.call_seconds = 0.0
        self.look: Look  # whose portrait: set by each turn
        self._begin(session or self._start())
        if resuming is not None:
            self._pick_up(resuming)

    # -- what tests and other screens use ----------------------------------------------------
    @property
    def typing_done(self) -> bool:
        return self.reveal.done

    @property
    def meter_shown(self) -> float:
        return self.meter.shown.value

    @property
    def place_words(self) -> str:
        """Where the conversation is, in the header: the place a node named, else the channel's words."""
        return self.view.where or CHANNEL_NAMES[self.scenario.channel]

    def options_rects(self) -> list[pygame.Rect]:
        """The choice buttons' on-screen rects, in display order."""
        return [button.rect.copy() for button in self.buttons.buttons]

    def restart(self) -> None:
        """Start the scenario over with a new seed (from the pause menu)."""
        self.notice = ""
        self.keeper.restarted()
        self._begin(self._start())

    def start_at(self, place: str, anger: int, flags: frozenset[str]) -> None:
        """Start the scenario again at `place` with this anger and these flags (the jump list)."""
        self.notice = ""
        self.keeper.restarted()
        self._begin(self._start(at=place, anger=anger, flags=flags))

    def _start(self, at: str | None = None, anger: int | None = None, flags: frozenset[str] = frozenset()) -> Session:
        """A new conversation, its timers as the trainee's time limits setting asks (WCAG 2.2.1)."""
        limits = TIME_LIMITS[self.app.settings.time_limits]
        return Session.start(self.scenario, self.app.next_seed(), at=at, anger=anger, flags=flags, time_limits=limits)

    # -- live reload -------------------------------------------------------------------------
    def watch(self) -> Navigation | None:
        if self.live is not None and self.live.saved():
            self.reload()
        return None

    def reload(self) -> None:
        """Read the file again: play on in the new version with the same answers, or list its errors
        while the last good version keeps running."""
        if self.live is None:
            return
        found = self.live.read()
        if isinstance(found, Broken):
            self.broken, self.notice = found, ""
            self.relayout()
            return
        outcome = resumed(found, self.session)
        self.broken = None
        self.notice, self.notice_ok = reloaded(self.live.path.name, outcome, self.session), outcome.complete
        self.scenario, seconds = found, self.call_seconds
        self._begin(outcome.session)
        self.chat, self.call_seconds = chat_of(outcome.session), seconds
        self.relayout()
        if not self.reveal.done:  # the trainer has heard this line: it is shown whole, not typed again
            self.reveal.skip()
            self._line_finished()

    # -- turns ---------------------------------------------------------------------------------
    def _begin(self, session: Session) -> None:
        self.session = session
        anger = session.anger
        self.meter = AngerMeter()
        self.meter.jump(anger)
        self.chat = []
        self.call_seconds = 0.0
        self._new_turn(fresh=True)

    def _pick_up(self, resuming: Resuming) -> None:
        """Go on from a save: the chat so far, the call's clock, and a question already read, its
        timer at the seconds already spent."""
        self.chat, self.call_seconds = chat_of(self.session), resuming.call_seconds
        if resuming.waited > 0:
            self.reveal.skip()
            self._line_finished()
            self.clock.elapsed = min(resuming.waited, self.clock.limit or resuming.waited)
        self.relayout()

    def _keep(self) -> None:
        """The autosave; a failure shows in the panel at once, and play goes on."""
        shown = self.keeper.problem
        self.keeper.save(self)
        if self.keeper.problem != shown:
            self.relayout()

    def suspend(self) -> None:
        """The game is closing under this screen: keep the exact point, the timer included."""
        self.keeper.save(self)

    def _new_turn(self, shake: bool = False, fresh: bool = False) -> None:
        view = self.session.view()
        self.view = view
        node = self.scenario.nodes.get(view.place)
        self.customer_speaks = node is None or node.speaker == CUSTOMER  # anyone else keeps a calm face
        look = look_for(self.scenario.speaker_at(view.place).portrait)
        if fresh or look != self.look:  # someone new speaks: their own face at once, not the last one's
            self.face, self.look = FaceAnimator.at(self._face()), look
        else:
            self.face.show(self._face(), shake=shake)
        self.scene_look = self.scenario.scene_at(view.place)
        self.line = displayable(view.line)  # typed out, wrapped and counted alike, however long or odd
        self.reveal = Reveal(self.line, self.app.settings.characters_per_second)
        self.clock = TurnClock(None if view.timer is None else float(view.timer))
        buttons = [Button(f"choose:{i}", o.text, o.available, o.hint) for i, o in enumerate(view.options)]
        first = next((i for i, option in enumerate(view.options) if option.available), 0)
        self.buttons = ButtonList(buttons, focus=first, numbered=True)
        self.appear = 0.0
        self.scroller.jump(0)
        self.relayout()
        if self.reveal.done:
            self._line_finished()

    def _face(self) -> Face:
        """The speaker's face for this line: the customer's by their anger, anyone else's calm;
        either with the expression the node names."""
        anger = self.session.anger if self.customer_speaks else 0
        return face_for(anger, self.view.expression, self.app.settings.reduced_intensity)

    def _line_finished(self) -> None:
        """The answers come into view, under as much of the exchange as leaves the most of them whole."""
        self.clock.start()
        self.scroller.scroll(self.scroller.target - self._answers_top)

    def _answer(self, index: int) -> Navigation | None:
        option = self.view.options[index]
        before = self.session.anger
        self.session.choose(index, self.clock.elapsed)
        self.app.sound.play("select")
        return self._moved(before, ChatEntry(YOU, option.text))

    def _time_out(self) -> Navigation | None:
        before = self.session.anger
        self.session.timeout(self.clock.elapsed)
        return self._moved(before, ChatEntry(NOTE, MISSED))

    def _moved(self, before: int, reply: ChatEntry) -> Navigation | None:
        """The conversation moved on: show the next turn, or the debrief once it has ended."""
        if self.session.finished:
            self.app.sound.play("end")
            return Replace(Debrief(self.scenario, self.session, self.keeper.finished(self)))
        anger = self.session.anger
        if anger != before:
            self.app.sound.play("anger_up" if anger > before else "anger_down")
        self.meter.set(anger)
        furious = anger_band(anger) == "furious"
        self.chat += said(self.line, reply)
        self.notice = ""
        self._new_turn(shake=furious and anger > before and not self.app.settings.reduced_intensity)
        self._keep()
        return None

    # -- the frame -----------------------------------------------------------------------------
    def handle(self, intent: Intent) -> Navigation | None:
        if isinstance(intent, Back):
            self._keep()  # the timer stands still while paused, and quitting from there keeps it
            return Push(PauseMenu(self))
        if isinstance(intent, Reload):
            self.reload()
            return None
        if isinstance(intent, Point | Click):
            self._pointer = intent.pos
            self.panel.hovered = self.panel.jump_at(intent.pos)
        if isinstance(intent, Jump) or (isinstance(intent, Click) and self.panel.hovered):
            return Push(JumpList(self)) if self.app.settings.play_test else None
        if isinstance(intent, Scroll):
            if intent.aside or self.panel.contains(self._pointer):
                self.panel.scroll(2 * intent.dy, self.app.theme)
            else:
                self.scroller.scroll(intent.dy * self.app.theme.px(SCROLL_STEP))
            return None
        if not self.reveal.done:
            if isinstance(intent, Skip | Confirm | Click | Choose):
                self.reveal.skip()
                self._line_finished()
            return None
        if isinstance(intent, Skip):
            return None  # Space only ever finishes the line: a double tap must not answer unread
        cue = cue_at(self.cues(), intent.pos) if isinstance(intent, Point | Click) else None
        if isinstance(intent, Click) and cue is not None:  # "2 more answers below": the next one comes
            self.scroller.reveal_rect(self._choice_rects[cue.answer], self.app.theme.px(8))
        if isinstance(intent, Point | Click) and not self.scroller.viewport.collidepoint(intent.pos):
            return None  # a button scrolled out of view cannot be pointed at
        if isinstance(intent, Click) and self._half_shown(intent.pos):
            return None  # an answer half in view comes into view to be read before a click chooses it
        if isinstance(intent, Home | End) and self.buttons.buttons:  # to the first or the last answer
            self.buttons.focus = 0 if isinstance(intent, Home) else len(self.buttons.buttons) - 1
        action = self.buttons.handle(intent)
        if isinstance(intent, Move | Home | End) and self._choice_rects:
            self.scroller.reveal_rect(self._choice_rects[self.buttons.focus], self.app.theme.px(8))
        return None if action is None else self._answer(int(action.split(":")[1]))

    def _half_shown(self, pos: tuple[int, int]) -> bool:
        """Whether the answer at `pos` is cut by the view's edge (and could be shown whole); if so, it
        takes the focus and comes into view."""
        hit = self.buttons.at(pos)
        if hit is None:
            return False
        view, rect = self.scroller.viewport, self.buttons.buttons[hit].rect
        if view.contains(rect) or rect.height > view.height:
            return False
        self.buttons.focus = hit
        self.scroller.reveal_rect(self._choice_rects[hit], self.app.theme.px(8))
        return True

    def update(self, dt: float) -> Navigation | None:
        typing = not self.reveal.done
        self.reveal.update(dt)
        if typing and self.reveal.done:
            self._line_finished()
        self.meter.update(dt)
        self.face.update(dt)
        self.scroller.update(dt)
        self.panel.scroller.update(dt)
        self._place_buttons()
        self.call_seconds += dt
        if self.reveal.done:
            self.appear = min(1.0, self.appear + dt / APPEAR_SECONDS)
        remaining_before = self.clock.remaining
        if self.clock.update(dt):
            return self._time_out()
        remaining = self.clock.remaining
        if remaining is not None and remaining_before is not None and remaining < URGENT_SECONDS:
            if math.ceil(remaining) < math.ceil(remaining_before):
                self.app.sound.play("timer")
        return None

    def frame_interval(self) -> float | None:
        busy = not self.reveal.done or self.meter.animating or self.face.animating or self.scroller.moving
        busy = busy or self.panel.scroller.moving
        return 0 if busy or self.appear < 1.0 or self.clock.counting_down else None

    def relayout(self) -> None:
        theme = self.app.theme
        width, height = theme.size
        margin, gap = theme.px(24), theme.px(24)
        top = margin + theme.font("small").get_linesize() + theme.px(10)
        stage_width = self._stage_width(height - top - margin)
        meter_room = meter_height(theme)
        left = pygame.Rect(margin, top, stage_width, height - margin - top - meter_room - theme.px(14))
        self._lay_out_panel(left)
        self.meter_rect = pygame.Rect(
            margin + theme.px(4), left.bottom + theme.px(14), stage_width - theme.px(8), meter_room
        )
        column_height = left.height + meter_room + theme.px(14)
        viewport = pygame.Rect(left.right + gap, top, width - margin - left.right - gap, column_height)
        self._describe_options()
        self._lay_out_column(viewport)
        if self.app.settings.reduced_intensity:
            self.face.calm_down()
            self.face.show(self._face())

    def _stage_width(self, column_height: int) -> int:
        """A third of the width where the column holds plenty of lines; where the window is short for
        the text size, a narrow strip (as narrow as the meter allows), so the answers take the width
        and wrap onto fewer lines."""
        theme = self.app.theme
        width = theme.size[0]
        if column_height >= ROOMY_LINES * theme.font("body").get_linesize():
            return max(theme.px(250), round(width * 0.34))
        return max(round(width * 0.24), meter_width(theme) + theme.px(8))

    def _lay_out_panel(self, left: pygame.Rect) -> None:
        """The trainer panel at the top of the stage's column, the stage below it when there is room."""
        theme = self.app.theme
        play_test = self.app.settings.play_test
        bottom = self.panel.lay_out(theme, left, self._notes(), play_test, fill=self.broken is not None)
        below = bottom + theme.px(12) if self.panel.shown else left.top
        self.stage = pygame.Rect(left.x, below, left.width, left.bottom - below)
        self.stage_shown = self.stage.height >= theme.px(SMALLEST_STAGE)

    def _notes(self) -> list[Note]:
        """What the trainer panel says: the file's errors or the last reload, then the play-test view's facts."""
        notes = [Note(self.keeper.problem, color="bad")] if self.keeper.problem else []
        if self.broken is not None:
            notes += [Note(self.broken.heading(), color="bad"), *(Note(line) for line in self.broken.lines())]
        elif self.notice:
            notes.append(Note(self.notice, color="good" if self.notice_ok else "bad"))
        if self.app.settings.play_test:
            view = self.view
            flags = ", ".join(named(flag) for flag in sorted(self.session.flags)) or "none"
            notes += [Note("PLAY-TEST VIEW", color="accent"), Note(f"Node {named(view.place)}", "body")]
            notes.append(Note(f"Flags: {flags}"))
            timeout = self._previews().get(TIMEOUT)
            if timeout is not None:
                notes.append(Note(f"No reply in time: {effect_words(timeout)}", color="muted"))
            notes.append(Note("F5 reloads the file now; saving it reloads it too.", color="muted"))
        return notes

    def _previews(self) -> dict[str, Preview]:
        return previews(self.session) if self.app.settings.play_test else {}

    def _describe_options(self) -> None:
        """In the play-test view each answer says what it does; otherwise nothing is added."""
        shown = self._previews()
        for button, option in zip(self.buttons.buttons, self.view.options, strict=True):
            preview = shown.get(option.choice_id)
            button.detail = effect_words(preview) if preview is not None else ""

    def _lay_out_column(self, viewport: pygame.Rect) -> None:
        theme, view = self.app.theme, self.view
        inner = viewport.width - theme.px(14)  # room for the scroll bar
        timed = view.timer is not None
        self.column = lay_out(theme, self.scene_look, inner, view.narration, self.line, view.speaker, timed)
        choices_top = self.column.header.bottom + theme.px(4)
        bottom = self.buttons.layout_column(theme, 0, choices_top, inner) if self.buttons.buttons else choices_top
        chat = self.scene_look is SceneLook.CHAT  # a chat keeps its thread; elsewhere, your last words
        entries = self.chat if chat else self.chat[-1:]
        shift = fit_history(theme, self.column, entries, viewport.height - bottom - theme.px(10), labelled=not chat)
        if shift:
            bottom = (
                self.buttons.layout_column(theme, 0, choices_top + shift, inner)
                if self.buttons.buttons
                else bottom + shift
            )
        self._choice_rects = [button.rect.copy() for button in self.buttons.buttons]
        column = self.column
        starts = [0] + [rect.top for rect in (column.last_words, column.speech if column.spans else None) if rect]
        margin = theme.px(8)
        if bottom + margin > viewport.height:  # it scrolls: room under it to say what is out of view
            viewport = pygame.Rect(viewport.topleft, (viewport.width, viewport.height - strip_height(theme)))
        self._answers_top = answers_top(starts, column.header.top, self._choice_rects, viewport.height, margin)
        self.scroller.set_content(viewport, max(bottom + margin, self._answers_top + viewport.height))
        self._place_buttons()

    def _place_buttons(self) -> None:
        for button, rect in zip(self.buttons.buttons, self._choice_rects, strict=True):
            button.rect = self.scroller.to_screen(rect)

    # -- drawing (reads state, changes nothing) ---------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, settings = self.app.theme, self.app.settings
        palette = theme.palette
        surface.fill(palette.background)
        self._draw_top_bar(surface)
        calm = settings.reduced_intensity or not self.customer_speaks
        shake = (0, 0) if calm else self.face.shake_offset(theme.px(3))
        speaking = -1 if self.reveal.done else self.reveal.count
        face = self.face.face
        if self.scene_look is not SceneLook.CHAT:  # heard, so the lips move; a chat is typed
            face = talking(face, self.line, speaking)
        sitter = Sitter(self.view.speaker, self.look, face, shake, speaking)
        if self.stage_shown:
            draw_stage(surface, theme, self.scene_look, self.stage, sitter, self.call_seconds)
        self.panel.draw(surface, theme)
        if self.scene_look is not SceneLook.REVIEW:  # a review is after the call: no customer to read
            draw_meter(surface, theme, self.meter_rect, self.meter, self.view.walks_out_at)
        scroller, column = self.scroller, self.column
        draw_column(
            surface,
            theme,
            self.scene_look,
            scroller,
            column,
            self.view.speaker,
            self.reveal.count,
            self.view.narration,
        )
        clip = surface.get_clip()
        surface.set_clip(scroller.viewport.clip(clip))
        if self.clock.limit is not None:  # the time allowed shows while the line is still coming
            self._draw_header(surface)
        if self.appear > 0:
            self._draw_choices(surface)
        surface.set_clip(clip)
        cues = self.cues()
        edge_fades(surface, theme, scroller, chevron=not any(cue.below for cue in cues))
        draw_cues(surface, theme, cues)
        scroller.draw_bar(surface, theme)

    def cues(self) -> list[Cue]:
        """What says that answers are out of view, once the answers have come."""
        return answer_cues(self.app.theme, self.scroller, self._choice_rects) if self.appear > 0 else []

    def _draw_header(self, surface: pygame.Surface) -> None:
        header = self.scroller.to_screen(self.column.header)
        if self.scroller.viewport.contains(header):
            calm = self.app.settings.reduced_intensity
            pulse = 0.0 if calm else (math.sin(self.clock.elapsed * 2 * math.pi) + 1) / 2
            draw_header(surface, self.app.theme, header, self.clock.remaining, self.clock.limit, pulse)

    def _draw_choices(self, surface: pygame.Surface) -> None:
        """The reply header and buttons, faded in over the column when they first appear."""
        view = self.scroller.viewport.clip(surface.get_rect())
        behind = surface.subsurface(view).copy() if self.appear < 1 else None
        if self.clock.limit is None:
            self._draw_header(surface)
        draw_choices(surface, self.app.theme, self.scroller, self.buttons, self._choice_rects)
        if behind is not None:
            behind.set_alpha(round(255 * (1 - self.appear) ** 2))
            surface.blit(behind, view)

    def _draw_top_bar(self, surface: pygame.Surface) -> None:
        theme = self.app.theme
        palette = theme.palette
        margin = theme.px(24)
        title = theme.text(f"{self.scenario.title}  \u00b7  {self.place_words}", "small", palette.muted)
        surface.blit(title, (margin, margin // 2 + theme.px(2)))
        count = min(len(self.buttons.buttons), NUMBER_KEY_COUNT)  # the keys there are, however many answers
        keys: tuple[tuple[str, str], ...] = (("Esc", "pause"), ("F2", "play-test"))
        if not self.reveal.done:
            keys = (("Space", "show all"), *keys)
        elif count:
            keys = ((f"1-{count}" if count > 1 else "1", "answer"), *keys)
        key_hints(
            surface, theme, keys, margin // 2 + theme.px(2) + title.get_height() // 2, right=theme.size[0] - margin
        )
