"""A seeded monkey: thousands of random key, mouse, wheel and resize events (ten times as many
with COMPOSURE_TEST_DEPTH=deep), posted through SDL's queue, with a frame every few events. Whatever screen the randomness wanders
into, nothing may raise; and a window close after a flood of events still wins at once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from game.ui.app import App, AppConfig
from tests.depth import scaled

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory

SEED = 20240611
EVENTS = scaled(12_000)  # counted, not timed: bench/ui_speed.py measures speed
GAME_KEYS = (
    *(pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_TAB),
    *(pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_PAGEUP, pygame.K_PAGEDOWN),
    *(pygame.K_F2, pygame.K_j),  # the play-test view and its jump list (F5 reads files: tested apart)
    *(pygame.K_BACKSPACE, pygame.K_DELETE, pygame.K_HOME, pygame.K_END),  # editing a trainee's name
    *(getattr(pygame, f"K_{n}") for n in range(1, 10)),
    *(getattr(pygame, f"K_KP{n}") for n in range(1, 10)),
)
SCREENS = {"trainees", "title", "picker", "play", "pause", "settings", "debrief", "jump"}
TYPED = ("a", "Zo\u00eb", " ", "\u5f20", "\x00", "x" * 300, "\u200b")  # what TEXTINPUT may carry, odd text included


def random_event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event | tuple[int, int]:
    """One raw event as SDL would deliver it; a (w, h) tuple means "the window was resized"."""
    pos = (rng.randrange(-20, size[0] + 20), rng.randrange(-20, size[1] + 20))
    roll = rng.random()
    if roll < 0.45:
        key = rng.choice(GAME_KEYS) if rng.random() < 0.85 else rng.randrange(0, 0x4000_0200)
        if key == pygame.K_ESCAPE and rng.random() < 0.7:
            key = pygame.K_RETURN  # Esc leaves screens; too much of it keeps the monkey on the title
        mod = rng.choice((0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL, pygame.KMOD_ALT))
        return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)
    if roll < 0.70:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    if roll < 0.90:
        kind = pygame.MOUSEBUTTONDOWN if rng.random() < 0.8 else pygame.MOUSEBUTTONUP
        return pygame.event.Event(kind, pos=pos, button=rng.choice((1, 1, 1, 2, 3)))
    if roll < 0.95:
        return pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(TYPED))
    if roll < 0.99:
        dy = rng.choice((-3, -1, 0, 1, 3))
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=dy, flipped=False, precise_x=0.0, precise_y=float(dy))
    return (rng.randrange(960, 1921), rng.randrange(540, 1081))


@dataclass
class MonkeyRun:
    seen: set[str] = field(default_factory=set)  # the screens the monkey reached
    quits: int = 0  # how often it left the game and the player started it again


def run_monkey(app: App, rng: random.Random, events: int) -> MonkeyRun:
    """Post `events` random events with a frame every few; also timed by bench/ui_speed.py."""
    run, next_frame = MonkeyRun(), 0
    for count in range(events):
        event = random_event(rng, app.screen.get_size())
        if isinstance(event, tuple):
            pygame.display.set_mode(event, pygame.RESIZABLE)
            event = pygame.event.Event(pygame.VIDEORESIZE, size=event, w=event[0], h=event[1])
        pygame.event.post(event)
        if count == next_frame:  # every event is handled at the next frame; frames move time
            next_frame += rng.randint(3, 25)
            app.frame(rng.choice((1 / 60, 1 / 60, 1 / 30, 0.25, 1.0)))
            run.seen.update(scene.name for scene in app.scenes)
        if not app.running:  # Esc or Quit on the title: the player starts the game again
            run.quits += 1
            app = App(AppConfig(app.config.scenarios, app.config.saves, app.windowed_size))
    return run


def test_a_flood_of_random_events_breaks_nothing(make_app: AppFactory) -> None:
    run = run_monkey(make_app((1280, 720)).app, random.Random(SEED), EVENTS)
    assert SCREENS <= run.seen, f"the monkey never reached {sorted(SCREENS - run.seen)}; tune the odds"
    assert run.quits > 0
    print(f"{EVENTS} events, {run.quits} restarts, screens seen: {sorted(run.seen)}")


def test_a_window_close_after_thousands_of_events_quits_at_once(make_app: AppFactory) -> None:
    """Nothing in the flood can quit by itself: only motions, wheel turns and keys with no meaning."""
    driver = make_app((1280, 720))
    driver.press("enter")  # the picker: a list to scroll and hover over
    rng = random.Random(SEED)

    def flood() -> None:
        for _ in range(2_000):
            pos = (rng.randrange(1280), rng.randrange(720))
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice((-1, 1)), flipped=False))
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=0, unicode="a", scancode=0))

    flood()
    driver.frame()
    assert driver.app.running, "the flood alone must not end the game"
    flood()
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    flood()
    driver.frame()
    assert not driver.app.running
