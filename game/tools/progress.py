"""What a long-running verb is doing, said on standard error once it has taken a while.

A large scenario can take `analyze` tens of seconds, and silence looks like a hang. Quick runs
(and every test) stay silent; a long one gets a line on entering each stage and every few
seconds within one. Standard output is never touched, so `--json` stays one JSON object.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

QUIET_FOR = 2.0  # seconds of silence before the first line
EVERY = 5.0  # seconds between lines within one stage
TICK = 0.25  # how often the watcher looks


class Progress:
    """Names the stage under way; a watcher thread prints it when it is due."""

    def __init__(
        self, stream: TextIO, verb: str, clock: Callable[[], float] = time.monotonic, quiet_for: float = QUIET_FOR
    ) -> None:
        self.stream, self.verb, self.clock, self.quiet_for = stream, verb, clock, quiet_for
        self.started = self.clock()
        self.doing = "starting"
        self.said_at: float | None = None  # when the last line was printed
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.watcher = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> Progress:
        self.watcher.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stopped.set()
        self.watcher.join()

    @property
    def elapsed(self) -> float:
        return self.clock() - self.started

    def stage(self, doing: str) -> None:
        """Enter a stage; once the run has been long enough to speak, say so at once."""
        with self.lock:
            self.doing = doing
            if self.said_at is not None:
                self._say()

    def tick(self) -> None:
        """Print the stage if the run has been quiet long enough, or the last line is old."""
        with self.lock:
            now = self.clock()
            if self.said_at is None and now - self.started >= self.quiet_for:
                self._say()
            elif self.said_at is not None and now - self.said_at >= EVERY:
                self._say()

    def _say(self) -> None:
        self.said_at = self.clock()
        print(f"{self.verb}: {self.doing} ({self.elapsed:.0f} s so far)", file=self.stream, flush=True)

    def _watch(self) -> None:
        while not self.stopped.wait(TICK):
            self.tick()
