"""The real game window under SDL's dummy drivers, driven by posted pygame events.

`tests/conftest.py` sets SDL_VIDEODRIVER and SDL_AUDIODRIVER before anything imports pygame
(pytest loads it first), so every App here is the real one in an invisible window. A test
posts KEYDOWN / MOUSEMOTION / MOUSEBUTTONDOWN events exactly as SDL would and runs
`app.frame(dt)`, which reads them back with `pygame.event.get()`: the whole path from raw
event to intent to scene is exercised, with simulated time so the suite stays fast.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pygame
import pytest

from game.storage.trainees import add_trainee, load_roster
from game.ui.app import App, AppConfig, forget_pygame_objects
from game.ui.scene import Scene

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
FRAME = 1 / 60
SIZES = ((960, 540), (1280, 720), (1920, 1080))
TRAINEE = "Sam Okafor"  # who practises in the tests that do not choose
NAMED_KEYS = {
    "enter": pygame.K_RETURN,
    "space": pygame.K_SPACE,
    "esc": pygame.K_ESCAPE,
    "up": pygame.K_UP,
    "down": pygame.K_DOWN,
    "left": pygame.K_LEFT,
    "right": pygame.K_RIGHT,
    "tab": pygame.K_TAB,
    "pageup": pygame.K_PAGEUP,
    "pagedown": pygame.K_PAGEDOWN,
    "f11": pygame.K_F11,
    "f2": pygame.K_F2,
    "f5": pygame.K_F5,
    "backspace": pygame.K_BACKSPACE,
    "delete": pygame.K_DELETE,
    "home": pygame.K_HOME,
    "end": pygame.K_END,
}
UNICODE = {pygame.K_RETURN: "\r", pygame.K_SPACE: " ", pygame.K_ESCAPE: "\x1b", pygame.K_TAB: "\t"}


def key_code(key: int | str) -> int:
    """A pygame key constant from a name ("enter", "esc", "3") or the constant itself."""
    if isinstance(key, int):
        return key
    if key in NAMED_KEYS:
        return NAMED_KEYS[key]
    code: int = getattr(pygame, f"K_{key}")
    return code


def key_event(key: int | str, mod: int = 0) -> pygame.event.Event:
    code = key_code(key)
    text = UNICODE.get(code, chr(code) if 32 <= code < 127 else "")
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=text, scancode=0)


@dataclass
class Driver:
    """Plays the real App the way a person would: posted events, then frames."""

    app: App
    dt: float = FRAME

    @property
    def top(self) -> Scene:
        return self.app.top

    @property
    def screen(self) -> pygame.Surface:
        return self.app.screen

    def frame(self, dt: float | None = None) -> None:
        self.app.frame(self.dt if dt is None else dt)

    def frames(self, count: int, dt: float | None = None) -> None:
        for _ in range(count):
            self.frame(dt)

    def post(self, *events: pygame.event.Event) -> None:
        for event in events:
            pygame.event.post(event)

    def press(self, *keys: int | str, mod: int = 0) -> None:
        """Each key pressed in turn, one frame after each (as a person types)."""
        for key in keys:
            self.post(key_event(key, mod))
            self.frame()

    def point(self, pos: tuple[int, int]) -> None:
        self.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        self.frame()

    def click(self, target: pygame.Rect | tuple[int, int]) -> None:
        """Move to the target (the centre of a rect), then press the left button there."""
        pos = target.center if isinstance(target, pygame.Rect) else target
        self.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        self.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        self.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.frame()

    def wheel(self, dy: int) -> None:
        self.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=dy, flipped=False, precise_x=0.0, precise_y=float(dy)))
        self.frame()

    def resize(self, size: tuple[int, int]) -> None:
        """What a window manager does: the window takes the new size, then SDL says so."""
        resize_window(size)
        self.frame()

    def until(self, done: Callable[[], bool], limit: int = 2000, dt: float | None = None) -> int:
        """Frames until `done()` holds; fails the test after `limit` frames."""
        for count in range(limit):
            if done():
                return count
            self.frame(dt)
        assert done(), f"still waiting after {limit} frames on {self.top.name}"
        return limit

    def scene_is(self, name: str) -> bool:
        return self.top.name == name

    def type(self, text: str) -> None:
        """Text as SDL delivers what a person types: one TEXTINPUT per character, a frame after each."""
        for character in text:
            self.post(pygame.event.Event(pygame.TEXTINPUT, text=character))
            self.frame()

    def open_on_title(self, action: str) -> None:
        """Up or Down on the title menu until `action` has the focus, then Enter, by keys alone."""
        menu = self.top.menu  # type: ignore[attr-defined]
        actions = [button.action for button in menu.buttons]
        assert action in actions, f"the title offers {actions}, not {action}"
        steps = actions.index(action) - menu.focus
        self.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")


def resize_window(size: tuple[int, int]) -> None:
    """Resize the (dummy) window and post the VIDEORESIZE a real one would send."""
    pygame.display.set_mode(size, pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))


@pytest.fixture
def broken_library(tmp_path: Path) -> Path:
    """The walk-in (with the principles) plus a scenario file with a mistake in it."""
    folder = tmp_path / "library"
    folder.mkdir()
    for name in ("angry-walk-in.yaml", "principles.yaml"):
        shutil.copy(SCENARIOS / name, folder / name)
    text = (SCENARIOS / "angry-walk-in.yaml").read_text(encoding="utf-8")
    text = text.replace("id: angry-walk-in", "id: broken-walk-in", 1).replace("start: burst-in", "start: nowhere", 1)
    (folder / "broken-walk-in.yaml").write_text(text, encoding="utf-8")
    return folder


AppFactory = Callable[..., Driver]


def walk_in_library(tmp_path: Path) -> Path:
    """A library of the angry walk-in alone, so the picker's first card is the scenario the flows
    script; tests of the whole library pass `scenarios=SCENARIOS`."""
    folder = tmp_path / "walk-in-library"
    if not folder.exists():
        folder.mkdir()
        for name in ("angry-walk-in.yaml", "principles.yaml"):
            shutil.copy(SCENARIOS / name, folder / name)
        shutil.copytree(SCENARIOS / "schema", folder / "schema")
    return folder


def close_window_and_fonts() -> None:
    """What `pygame.quit()` closes of an App but the audio device, whose sounds are stopped.

    Closing the device takes SDL two audio buffers of sleep (about 60 ms), after every App test;
    the next App finds it open and loads its sounds onto it. The device's own opening and failing
    are tested where they are the subject (test_sound.py, test_sound_files.py, and every test
    that starts `python3 main.py`), each on a device of its own."""
    if pygame.mixer.get_init():
        pygame.mixer.stop()
    pygame.display.quit()
    pygame.font.quit()


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[AppFactory]:
    """Builds Apps (one at a time) in a saves folder of this test's own; closes the window after."""

    def build(
        size: tuple[int, int] = (1280, 720),
        scenarios: Path | None = None,
        saves: Path | None = None,
        seed: int | None = None,
        trainee: str | None = TRAINEE,
    ) -> Driver:
        """An App on its first frame. With `trainee` (the default), that trainee is on the list and
        chosen, as each start asks, so the App is on the title; with None, on the trainee screen."""
        close_window_and_fonts()
        library = scenarios or walk_in_library(tmp_path)
        data = saves or tmp_path / "saves"
        if trainee is not None and trainee not in [t.name for t in load_roster(data).roster.trainees]:
            add_trainee(data, load_roster(data).roster, trainee)
        app = App(AppConfig(library, data, size, seed))
        pygame.event.clear()
        driver = Driver(app)
        driver.frame()
        if trainee is not None:
            driver.press("enter")  # the preselected trainee: the last one chosen
            assert driver.scene_is("title"), driver.top.name
        return driver

    yield build
    close_window_and_fonts()
    forget_pygame_objects()


@pytest.fixture
def game(make_app: AppFactory) -> Driver:
    """The game at 1280x720 on its title menu."""
    return make_app()
