"""Game window figures for docs/performance.md: `python3 bench/ui_speed.py [--runs N]`.

Prints four figures, each against its goal:
- start-up: from starting a Python process to the first drawn title menu, as a ratio to a
  process that only does `pygame.init() + set_mode + flip` (goal at most 2x, and under 1 s);
  each is measured in a fresh subprocess, several times, and the median is kept;
- CPU time per frame on the play screen while the customer's line is typing out at 1280x720
  with the slowest text speed (goal under 2 ms);
- CPU use while the game waits for a choice: the real `App.run()` loop on the play screen after
  the text has finished, over 5 s of wall time, then a window close (goal under 5% of one core);
- the monkey test's 30,000 random events with frames through a real App (goal under 20 s).

Every measurement runs in a child process (this script with `--child NAME`) under SDL's dummy
drivers unless SDL_VIDEODRIVER is already set, with a temporary saves folder.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # CLOCK_MONOTONIC: comparable with the parent's clock

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1280, 720)
IDLE_SECONDS = 5.0
TYPING_FRAMES = 900
MONKEY_EVENTS = 30_000
MONKEY_GOAL_SECONDS = 20.0  # the budget the monkey test had, when it was still timed


# -- the children ------------------------------------------------------------------------
def child_bare() -> dict[str, float]:
    """The floor: what any pygame program pays to show its first frame."""
    import pygame

    pygame.init()
    screen = pygame.display.set_mode(SIZE)
    screen.fill((34, 40, 49))
    pygame.display.flip()
    return {"first_frame": time.perf_counter()}


def child_menu(saves: Path) -> dict[str, float]:
    """The game as `python main.py` starts it (see main.py and game/ui/launch.py): the
    window's modules, the App, one frame."""
    sys.path.insert(0, str(ROOT))
    import pygame  # noqa: F401  (timed apart from our own modules)

    pygame_imported = time.perf_counter()
    from game.storage.locations import default_library
    from game.ui.launch import App, AppConfig

    imported = time.perf_counter()
    app = App(AppConfig(default_library(), saves, SIZE))
    built = time.perf_counter()
    app.frame(0.0, [])
    return {
        "first_frame": time.perf_counter(),
        "our_imports": imported - pygame_imported,
        "app_init": built - imported,
    }


def play_screen(saves: Path, text_speed: int):  # type: ignore[no-untyped-def]
    """An App at 1280x720 showing the angry walk-in's first line, at the given text speed."""
    sys.path.insert(0, str(ROOT))
    from game.storage.scenario_files import load_scenario
    from game.storage.settings import Settings, save_settings
    from game.ui.app import App, AppConfig
    from game.ui.scenes.play import PlayScene

    save_settings(saves, Settings(text_speed=text_speed))
    app = App(AppConfig(ROOT / "scenarios", saves, SIZE))
    scene = PlayScene(app, load_scenario(ROOT / "scenarios" / "angry-walk-in.yaml"))
    app.push(scene)
    return app, scene


def child_typing(saves: Path) -> dict[str, float]:
    """CPU per frame while text types out: restart the scene whenever the line is complete."""
    app, scene = play_screen(saves, text_speed=0)
    app.frame(1 / 60, [])
    typing_frames, cpu = 0, 0.0
    while typing_frames < TYPING_FRAMES:
        if scene.typing_done:
            scene.restart()
            app.frame(1 / 60, [])
            continue
        before = time.process_time()
        app.frame(1 / 60, [])
        cpu += time.process_time() - before
        typing_frames += 1
    return {"frames": typing_frames, "cpu_ms_per_frame": 1000 * cpu / typing_frames}


def child_idle(saves: Path) -> dict[str, float]:
    """The real loop, waiting for an answer: CPU seconds over wall seconds until QUIT arrives."""
    import pygame

    app, scene = play_screen(saves, text_speed=1)
    for _ in range(600):  # finish the line and any meter animation, as a player would wait
        if scene.typing_done and scene.frame_interval() is None:
            break
        app.frame(1 / 60, [])
    interval = scene.frame_interval()
    stopped: list[tuple[os.times_result, float]] = []

    def close_window() -> None:
        """Measure first, then close: pygame.quit() at the end of run() is not waiting time."""
        stopped.append((os.times(), time.perf_counter()))
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    quitter = threading.Timer(IDLE_SECONDS, close_window)
    frames, before, started = app.frames, os.times(), time.perf_counter()
    quitter.start()
    app.run()
    after, ended = stopped[0]
    return {
        "wall": ended - started,
        "cpu": (after.user - before.user) + (after.system - before.system),
        "frames": app.frames - frames,
        "interval_after_typing": -1.0 if interval is None else float(interval),
    }


def child_monkey(saves: Path) -> dict[str, float]:
    """The monkey test's random events through a real App, timed: the test itself only counts."""
    sys.path.insert(0, str(ROOT))
    import random

    from game.ui.app import App, AppConfig
    from tests.ui.test_monkey import SEED, run_monkey

    app = App(AppConfig(ROOT / "scenarios", saves, SIZE))
    before, started = os.times(), time.perf_counter()
    run_monkey(app, random.Random(SEED), MONKEY_EVENTS)
    after = os.times()
    return {"wall": time.perf_counter() - started, "cpu": (after.user - before.user) + (after.system - before.system)}


def child_wait() -> dict[str, float]:
    """The floor for waiting: SDL's dummy driver polls inside event.wait, a real window does not."""
    import pygame

    pygame.display.init()
    pygame.display.set_mode(SIZE)
    before, started = os.times(), time.perf_counter()
    while time.perf_counter() - started < IDLE_SECONDS:
        pygame.event.wait(1000)
    after = os.times()
    return {"wall": time.perf_counter() - started, "cpu": (after.user - before.user) + (after.system - before.system)}


def run_child(name: str) -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    with tempfile.TemporaryDirectory(prefix="composure-bench-") as folder:
        saves = Path(folder)
        found = {
            "bare": child_bare,
            "menu": lambda: child_menu(saves),
            "typing": lambda: child_typing(saves),
            "idle": lambda: child_idle(saves),
            "wait": child_wait,
            "monkey": lambda: child_monkey(saves),
        }[name]()
    print(json.dumps(found))


# -- the parent ------------------------------------------------------------------------------
def child(name: str) -> tuple[dict[str, float], float]:
    """A child's JSON figures, and the monotonic time at which it was started."""
    spawned = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--child", name], capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"the '{name}' child failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1]), spawned


def startup(name: str, runs: int) -> dict[str, float]:
    """Medians over `runs` fresh processes: "total" from spawning to the first frame, and the
    child's own parts."""
    runs_found = []
    for _ in range(runs):
        figures, spawned = child(name)
        runs_found.append(figures | {"total": figures["first_frame"] - spawned})
    return {key: statistics.median(run[key] for run in runs_found) for key in runs_found[0]}


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-ups measured per kind (median kept)")
    parser.add_argument("--child", choices=("bare", "menu", "typing", "idle", "wait", "monkey"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child)
        return 0
    print(f"driver: {os.environ.get('SDL_VIDEODRIVER', 'dummy')}, {SIZE[0]}x{SIZE[1]}")
    bare, menu = startup("bare", args.runs), startup("menu", args.runs)
    ratio = menu["total"] / bare["total"]
    print(
        f"start-up to the first menu frame: {menu['total'] * 1000:.0f} ms; bare pygame window: "
        f"{bare['total'] * 1000:.0f} ms; ratio {ratio:.2f}x (goal <= 2x and < 1 s): "
        f"{verdict(ratio <= 2 and menu['total'] < 1)}"
    )
    print(
        f"  of which importing the game's modules (as main.py does): {menu['our_imports'] * 1000:.0f} ms, "
        f"App() (window, settings, sounds): {menu['app_init'] * 1000:.0f} ms"
    )
    typing, _ = child("typing")
    per_frame = typing["cpu_ms_per_frame"]
    print(
        f"CPU per frame while typing (slow text, {typing['frames']:.0f} frames): {per_frame:.2f} ms "
        f"(goal < 2 ms): {verdict(per_frame < 2)}"
    )
    idle, _ = child("idle")
    share = 100 * idle["cpu"] / idle["wall"]
    floor, _ = child("wait")
    floor_share = 100 * floor["cpu"] / floor["wall"]
    print(
        f"CPU while waiting for a choice: {share:.2f}% of one core ({idle['cpu'] * 1000:.0f} ms CPU, "
        f"{idle['frames']:.0f} frames in {idle['wall']:.1f} s; goal < 5%): {verdict(share < 5)}"
    )
    print(f"  for reference, a bare pygame.event.wait(1000) loop with this driver: {floor_share:.2f}%")
    monkey, _ = child("monkey")
    print(
        f"{MONKEY_EVENTS:,} random monkey events with frames: {monkey['wall']:.1f} s ({monkey['cpu']:.1f} s CPU; "
        f"goal < {MONKEY_GOAL_SECONDS:.0f} s): {verdict(monkey['wall'] < MONKEY_GOAL_SECONDS)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
