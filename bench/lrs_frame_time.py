"""Frame time while statements go to a slow LRS: `python3 bench/lrs_frame_time.py [--frames N] [--delay S]`.

The play screen of a real App at 1280x720, its customer's line typing out at the slowest text speed
(a frame of real work every time), paced at the game's 60 frames a second as its loop paces busy
frames. Each frame's wall time (events, update, draw, flip) is measured in the same run, in turns
(`--rounds` of each, after a second of frames not counted, which opens the sound device):
- with no LRS configured (the baseline: no sender thread at all);
- while the game's background sender is sending a full outbox, batch after batch, to a real Ralph
  LRS (started here, as tests/lrs/conftest.py starts it) behind a real proxy that holds each request
  `--delay` seconds, so a send is in flight for the whole measurement.
Prints the mean and 95th percentile of each and their ratios (goal: unchanged, about 1x).
Under SDL's dummy drivers unless SDL_VIDEODRIVER is already set. The LRS and the proxy run on this
machine, so their CPU is counted against the game; an LRS elsewhere costs the game less.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # after the drivers are chosen

from game.storage.lrs import outbox
from game.storage.results import open_results
from game.storage.scenario_files import load_scenario
from game.storage.settings import Settings, save_settings
from game.ui.app import App, AppConfig, forget_pygame_objects
from game.ui.scenes.play import PlayScene
from tests.lrs.conftest import PASSWORD, USERNAME, RealLrs
from tests.lrs.proxy import Proxy, proxy_to
from tests.storage.results_played import ANA, BEN, attempt, utc, walk_in

SIZE = (1280, 720)
FPS = 60
WARM_UP = FPS  # frames not counted: the first opens the sound device
LRS_VARIABLES = ("COMPOSURE_LRS_ENDPOINT", "COMPOSURE_LRS_USERNAME", "COMPOSURE_LRS_PASSWORD")


@dataclass(frozen=True, slots=True)
class Frames:
    mean_ms: float
    p95_ms: float
    longest_ms: float  # a stall the mean and the percentile would hide

    def __str__(self) -> str:
        return f"mean {self.mean_ms:.2f} ms, 95th percentile {self.p95_ms:.2f} ms, longest {self.longest_ms:.1f} ms"


def summary(took: list[float]) -> Frames:
    return Frames(1000 * statistics.fmean(took), 1000 * statistics.quantiles(took, n=20)[-1], 1000 * max(took))


def frame_times(data: Path, frames: int) -> list[float]:
    """`frames` paced frames of the play screen while its line types out; the results are opened
    first, as the title opens them (and with an LRS configured, the sender starts then)."""
    save_settings(data, Settings(text_speed=0))
    pygame.quit()
    forget_pygame_objects()
    app = App(AppConfig(ROOT / "scenarios", data, SIZE))
    app.results  # noqa: B018 - opened as the title opens them
    scene = PlayScene(app, load_scenario(ROOT / "scenarios" / "angry-walk-in.yaml"))
    app.push(scene)
    clock, took = pygame.time.Clock(), []
    try:
        while len(took) < WARM_UP + frames:
            clock.tick(FPS)
            if scene.typing_done:
                scene.restart()
            started = time.perf_counter()
            app.frame(1 / FPS, [])
            took.append(time.perf_counter() - started)
    finally:
        app.close()
    return took[WARM_UP:]


def fill_outbox(data: Path, statements: int) -> int:
    """Attempts stored as the game stores them, until at least `statements` wait to be sent."""
    scenario, store = walk_in(), open_results(data).store
    assert store is not None and store.lrs is not None, "the LRS is configured for this folder"
    try:
        seed = 0
        while outbox.counts(store.connection).waiting < statements:
            store.record((ANA, BEN)[seed % 2], attempt(scenario, seed), utc(600 * seed), utc(600 * seed + 300))
            seed += 1
        return outbox.counts(store.connection).waiting
    finally:
        store.close()


def waiting_in(data: Path) -> int:
    store = open_results(data).store
    assert store is not None
    try:
        return outbox.counts(store.connection).waiting
    finally:
        store.close()


@dataclass(frozen=True, slots=True)
class Sent:
    queued: int
    left: int  # still waiting once the frames were drawn: the sender was busy throughout when > 0


def sending(data: Path, proxy: Proxy, frames: int, delay: float) -> tuple[list[float], Sent]:
    """The frame times while the sender sends a full outbox."""
    os.environ.update(dict(zip(LRS_VARIABLES, (proxy.endpoint(), USERNAME, PASSWORD), strict=True)))
    try:
        batches_needed = int((WARM_UP + frames) / FPS / delay) + 3  # more than the frames take to draw
        queued = fill_outbox(data, 50 * batches_needed)
        took = frame_times(data, frames)
        return took, Sent(queued, waiting_in(data))
    finally:
        for name in LRS_VARIABLES:
            del os.environ[name]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300, help="frames measured in each turn")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds the slow LRS holds each request")
    parser.add_argument("--rounds", type=int, default=2, help="turns of each case, alternating")
    args = parser.parse_args()
    for name in LRS_VARIABLES:
        os.environ.pop(name, None)
    quiet: list[float] = []
    busy: list[float] = []
    sent: list[Sent] = []
    with tempfile.TemporaryDirectory(prefix="composure-bench-lrs-") as temporary:
        folder = Path(temporary)
        lrs = RealLrs(folder / "ralph")
        lrs.folder.mkdir()
        lrs.make_credentials()
        lrs.start()
        try:
            with proxy_to(lrs.port, delay=args.delay) as proxy:
                for round_number in range(args.rounds):
                    quiet += frame_times(folder / f"no-lrs-{round_number}", args.frames)
                    took, what = sending(folder / f"with-lrs-{round_number}", proxy, args.frames, args.delay)
                    busy += took
                    sent.append(what)
                requests = proxy.received
        finally:
            lrs.stop()
    baseline, slow = summary(quiet), summary(busy)
    queued, left = sum(what.queued for what in sent), sum(what.left for what in sent)
    print(
        f"play screen at {SIZE[0]}x{SIZE[1]}, text typing out, {args.rounds} x {args.frames} frames "
        f"of each case paced at {FPS} fps"
    )
    print(f"  no LRS configured:       {baseline}")
    print(
        f"  sending to a slow LRS:   {slow} ({args.delay:g} s a request; {requests} requests, "
        f"{queued - left} of {queued} statements sent meanwhile)"
    )
    print(
        f"  ratio, sending / no LRS: mean {slow.mean_ms / baseline.mean_ms:.2f}x, "
        f"95th percentile {slow.p95_ms / baseline.p95_ms:.2f}x (goal: unchanged, about 1x)"
    )
    if any(not what.left for what in sent):
        print("  note: an outbox emptied before its frames ended; raise --delay or lower --frames")
    return 0


if __name__ == "__main__":
    sys.exit(main())
