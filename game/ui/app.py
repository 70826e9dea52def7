"""The game window and its loop: input, then update(dt), then draw, over a stack of scenes.

The App owns the window, the settings and the theme; scenes are pushed and popped on a
stack (the pause menu sits on the play screen), as the moves they return say (navigation.py).
When the top scene is idle the loop sleeps in `pygame.event.wait`, so a trainee thinking about
an answer costs almost no CPU.
"""

from __future__ import annotations

import logging
import random
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.storage.settings import Settings, load_settings, save_settings
from game.storage.trainees import load_roster

from .intents import Quit, Resized, ToggleFullscreen, TogglePlayTest, translate
from .navigation import BackToTitle, Exit, Navigation, Pop, Push, Replace, Suspendable, Trainees
from .scene import Scene
from .scenes.routes import screen_for, title_screen
from .sound import Sound
from .text_entry import Typing
from .theme import Theme

if TYPE_CHECKING:
    from game.storage.lrs.background import BackgroundSender
    from game.storage.results import OpenedResults, ResultsStore
    from game.storage.trainees import Trainee

LOG = logging.getLogger(__name__)
DEFAULT_SIZE = (1280, 720)
MINIMUM_SIZE = (960, 540)
BUSY_FPS = 60
IDLE_WAIT_SECONDS = 1.0
# An idle wait must count in full (the seconds a trainee takes are summed from dt); only a stall is cut short.
LONGEST_FRAME_SECONDS = IDLE_WAIT_SECONDS + 0.25
# How often the screen on top looks at its files (a saved scenario reloads): an idle frame comes about
# this often anyway, so watching wakes the loop no more than waiting does; a little less than the
# wait, so that a wait cut a hair short still looks at every idle frame.
WATCH_SECONDS = 0.9 * IDLE_WAIT_SECONDS
NOT_REACHING_LRS = (
    "Results are not reaching the learning record store: {reason}. They are kept and will be sent once it is "
    "fixed; python3 main.py lrs check tests the connection."
)


def forget_pygame_objects() -> None:
    """Clear the screens' caches of fonts and rendered surfaces, which die with pygame.quit()."""
    for name, module in list(sys.modules.items()):
        if name.startswith("game.ui."):
            for value in vars(module).values():  # caches, not classes that define a cache_clear
                if not isinstance(value, type) and callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def at_least_minimum(size: tuple[int, int]) -> tuple[int, int]:
    return max(MINIMUM_SIZE[0], size[0]), max(MINIMUM_SIZE[1], size[1])


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)  # `kill`, a logout or a service manager; Ctrl+C in the terminal


@contextmanager
def stopped_by_signals(stop: Callable[[], None]) -> Iterator[None]:
    """SIGTERM or Ctrl+C calls `stop`, which ends the loop at the next frame boundary, as closing the
    window does, even when busy frames never get to read SDL's quit event (and Ctrl+C leaves no
    traceback); the previous handlers are back afterwards. Only the main thread may handle
    signals, so elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, lambda _number, _frame: stop()) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)


@dataclass(frozen=True, slots=True)
class AppConfig:
    scenarios: Path
    saves: Path
    size: tuple[int, int] = DEFAULT_SIZE
    seed: int | None = None  # the first conversation's seed, to replay a run exactly; None: random


class App:
    def __init__(self, config: AppConfig) -> None:
        self.config = config
        forget_pygame_objects()  # a previous App's fonts died with its pygame.quit()
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Composure")
        loaded = load_settings(config.saves)
        self.settings = loaded.settings
        roster = load_roster(config.saves)
        self.trainee: Trainee | None = roster.roster.last  # preselected; the trainee screen opens first
        self.opened: OpenedResults | None = None  # the results database, opened when first asked for
        self.sender: BackgroundSender | None = None  # sends the results to the LRS, when one is configured
        self.notice = " ".join(m for m in (loaded.message, roster.message) if m)  # shown on the title
        self.revision = 0  # goes up as the trainee, their saves or their results change
        # Silent until the first frame is shown: opening the device and making the sounds
        # takes longer than drawing the title, and the title should appear at once.
        self.sound = Sound(self.settings, open_device=False)
        self.sound_checked = False  # whether the device has been tried yet
        self.windowed_size = config.size
        self.screen = self._open_window()
        self.theme = Theme(self.settings, self.screen.get_size())
        self.scenes: list[Scene] = []
        self.running = True
        self.frames = 0
        self.unwatched = 0.0  # seconds of frames since the screen on top last looked at its files
        self._configured_seed_used = False
        self.typing = Typing()
        self.push(title_screen(self))
        self.push(screen_for(self, Trainees()))

    # -- the scene stack ---------------------------------------------------------------
    @property
    def top(self) -> Scene:
        return self.scenes[-1]

    def push(self, scene: Scene) -> None:
        self.scenes.append(scene)
        scene.relayout()

    def pop(self) -> None:
        if len(self.scenes) > 1:
            self.scenes.pop()

    def replace(self, scene: Scene) -> None:
        self.scenes[-1] = scene
        scene.relayout()

    def back_to_title(self) -> None:
        del self.scenes[1:]
        self.top.relayout()

    def go(self, move: Navigation | None) -> None:
        """Follow a move a screen returned."""
        match move:
            case Push(to=to):
                self.push(screen_for(self, to))
            case Replace(to=to):
                self.replace(screen_for(self, to))
            case Pop():
                self.pop()
            case BackToTitle():
                self.back_to_title()
            case Exit():
                self.quit()

    @property
    def library(self) -> Path:
        return self.config.scenarios

    @property
    def data(self) -> Path:
        return self.config.saves

    # -- who is practising, and their results ------------------------------------------------
    @property
    def results(self) -> ResultsStore | None:
        return self._results().store

    @property
    def results_problem(self) -> str:
        opened = self._results()
        return "" if opened.store is not None else opened.message

    def _results(self) -> OpenedResults:
        """The results database, opened the first time a screen asks (the title, once someone is
        practising): SQLite and the engine's records are not loaded before the first frame."""
        if self.opened is None:
            from game.storage.results import open_results

            self.opened = open_results(self.config.saves)
            self.notice = " ".join(m for m in (self.notice, self.opened.message) if m)
            self._start_sending(self.opened.store)
        return self.opened

    def _start_sending(self, store: ResultsStore | None) -> None:
        """With an LRS configured, the statements waiting in the outbox (an earlier run's too) go to it
        from a thread of their own, so the game never waits for the network; with none, nothing runs."""
        if store is not None and store.lrs is not None:
            from game.storage.lrs.background import start_sending  # the network's modules, only when needed

            self.sender = start_sending(self.config.saves, store.lrs)

    def _hear_from_sender(self, sender: BackgroundSender) -> None:
        """A problem the sender met that a person must put right (the credentials refused) is told once,
        on the title; the LRS being down for a while is not: the statements wait and go later."""
        if problem := sender.problem_to_tell():
            self.notice = " ".join(m for m in (self.notice, NOT_REACHING_LRS.format(reason=problem)) if m)

    def play_as(self, trainee: Trainee) -> None:
        self.trainee = trainee
        self.changed()

    def tell(self, message: str) -> None:
        self.notice = message

    def changed(self) -> None:
        self.revision += 1

    # -- settings and the window -----------------------------------------------------------
    def apply_settings(self, settings: Settings) -> None:
        fullscreen_changed = settings.fullscreen != self.settings.fullscreen
        self.settings = settings
        self.sound.apply(settings)
        try:
            save_settings(self.config.saves, settings)
        except OSError as problem:
            LOG.warning("could not save settings: %s", problem)
            self.notice = f"Your settings could not be saved: {problem.strerror or problem}"
        if fullscreen_changed:
            self.screen = self._open_window()
        self._retheme()

    def toggle_fullscreen(self) -> None:
        self.apply_settings(self.settings.with_changes(fullscreen=not self.settings.fullscreen))

    def toggle_play_test(self) -> None:
        self.apply_settings(self.settings.with_changes(play_test=not self.settings.play_test))

    def _open_window(self) -> pygame.Surface:
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)

    def _resized(self, size: tuple[int, int]) -> None:
        """Follow the window's new size, never below the smallest the screens are laid out for."""
        if not self.settings.fullscreen:
            self.windowed_size = at_least_minimum(size)
        shown = pygame.display.get_surface()
        if shown is None or shown.get_size() != at_least_minimum(shown.get_size()):
            shown = self._open_window()  # windowed at the clamped size; fullscreen over the whole screen again
        self.screen = shown
        self._retheme()

    def _retheme(self) -> None:
        self.theme = Theme(self.settings, self.screen.get_size())
        for scene in self.scenes:
            scene.relayout()

    # -- the loop ------------------------------------------------------------------------
    def frame(self, dt: float, events: list[pygame.event.Event] | None = None) -> None:
        """One frame: every pending event, then update, then draw and show."""
        for event in pygame.event.get() if events is None else events:
            intent = translate(event)
            if isinstance(intent, Quit):
                self.running = False
                return  # a close wins over whatever else was queued
            if isinstance(intent, ToggleFullscreen):
                self.toggle_fullscreen()
            elif isinstance(intent, TogglePlayTest):
                self.toggle_play_test()
            elif isinstance(intent, Resized):
                self._resized(intent.size)
            elif intent is not None:
                self.go(self.top.handle(intent))
            else:
                self.go(self.typing.edit(self.top, event))
            if not self.running:
                return
        if self.sender is not None:
            self._hear_from_sender(self.sender)
        self.unwatched += dt
        if self.unwatched >= WATCH_SECONDS:
            self.unwatched = 0.0
            self.go(self.top.watch())
        self.go(self.top.update(dt))
        self.typing.follow(self.top)
        self.top.draw(self.screen)
        pygame.display.flip()
        self.frames += 1
        if not self.sound_checked:
            self.sound = Sound(self.settings)
            self.sound_checked = True

    def run(self) -> int:
        """The loop, until the player quits or SIGTERM arrives; an error before the first frame is shown
        is raised, since there is no screen to go back to."""
        clock = pygame.time.Clock()
        last = time.perf_counter()
        with stopped_by_signals(self.quit):
            try:
                while self.running:
                    events = self._wait_for_events(clock)
                    now = time.perf_counter()
                    try:
                        self.frame(min(now - last, LONGEST_FRAME_SECONDS), events)
                    except Exception:  # the UI boundary: a bug in one screen must not close the game
                        if not self.frames:
                            raise
                        self.recover()
                    last = now
            finally:
                try:
                    self.close()
                finally:
                    pygame.quit()
        return 0

    def close(self) -> None:
        """The loop has ended: the screens keep what they keep (the conversation's autosave), the
        sender is stopped (a slow LRS is not waited for: what it was sending goes again next time), and
        the results database is closed."""
        for scene in self.scenes:
            if isinstance(scene, Suspendable):
                scene.suspend()
        if self.sender is not None:
            self.sender.stop()
        if self.opened is not None and self.opened.store is not None:
            self.opened.store.close()

    def recover(self) -> None:
        """After an unexpected error: log it in full, tell the player, and go back to the title."""
        LOG.exception("unexpected error on the %s screen", self.top.name)
        self.notice = "Something went wrong on that screen, so you are back at the menu. Details are in the log."
        self.back_to_title()

    def next_seed(self) -> int:
        """The seed for a new conversation: the configured one first (to replay a run), then fresh."""
        if self.config.seed is not None and not self._configured_seed_used:
            self._configured_seed_used = True
            return self.config.seed
        return random.SystemRandom().randrange(10**6)  # os.urandom, as secrets would, without its 3 ms import

    def quit(self) -> None:
        self.running = False

    def _wait_for_events(self, clock: pygame.time.Clock) -> list[pygame.event.Event]:
        interval = self.top.frame_interval()
        if interval == 0:
            clock.tick(BUSY_FPS)
            return pygame.event.get()
        wait = IDLE_WAIT_SECONDS if interval is None else min(interval, IDLE_WAIT_SECONDS)
        first = pygame.event.wait(max(1, round(wait * 1000)))
        return ([first] if first.type != pygame.NOEVENT else []) + pygame.event.get()
