"""Headless Chromium driven over the Chrome DevTools Protocol through a pipe, standard library only.

Chromium reads commands from its file descriptor 3 and writes answers and events to 4, each a JSON
object ended by a NUL byte (`--remote-debugging-pipe`): no port is opened and nothing else is
installed. A test opens a page, waits for it to load, asks it questions in JavaScript, clicks and
types as a person would, and reads every console message and network request the page made.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
)
# Run by a Python of its own: our pipe ends become descriptors 3 and 4, then it becomes Chromium.
AS_3_AND_4 = (
    "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
    "os.close(int(sys.argv[1])); os.close(int(sys.argv[2])); os.execv(sys.argv[3], sys.argv[3:])"
)
HANG = 60.0  # seconds without an answer: the browser has hung (a guard, not a speed test)


def find_chromium() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


class Browser:
    """One headless Chromium, one page target attached, and every event it has sent so far."""

    def __init__(self, process: subprocess.Popen[bytes], commands: int, answers: int) -> None:
        self.process, self.commands, self.answers = process, commands, answers
        self.buffer = b""
        self.events: list[dict[str, Any]] = []
        self.last_id = 0
        self.session = ""

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command (to the attached page once there is one) and return its result."""
        self.last_id += 1
        message: dict[str, Any] = {"id": self.last_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._next()
            if answer.get("id") == self.last_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for(self, method: str) -> dict[str, Any]:
        """The first event `method` not yet waited for."""
        for index, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(index)
        while True:
            event = self._next()
            if event.get("method") == method:
                return event
            self.events.append(event)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (awaited when it is a promise)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click at the middle of the first element matching `selector`."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); e.scrollIntoView({{block: 'center'}});"
            " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def press_enter(self) -> None:
        """Enter pressed and released on whatever has the focus."""
        self.send(
            "Input.dispatchKeyEvent", type="keyDown", key="Enter", code="Enter", windowsVirtualKeyCode=13, text="\r"
        )
        self.send("Input.dispatchKeyEvent", type="keyUp", key="Enter", code="Enter", windowsVirtualKeyCode=13)

    def _next(self) -> dict[str, Any]:
        deadline = time.monotonic() + HANG
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.answers], [], [], max(left, 0))
            if not ready:
                raise TimeoutError(f"Chromium said nothing for {HANG:.0f} s")
            chunk = os.read(self.answers, 1 << 16)
            if not chunk:
                raise ConnectionError("Chromium closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)


def _clear_of_3_and_4(descriptor: int) -> int:
    """The same pipe end at a number of 10 or more, so making one end Chromium's 3 or 4 cannot
    overwrite another end that happened to have that number."""
    moved = fcntl.fcntl(descriptor, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(descriptor)
    return moved


@contextmanager
def chromium(executable: str, width: int = 1280, height: int = 900) -> Iterator[Browser]:
    """A headless Chromium with a fresh profile and a blank page attached, closed afterwards."""
    commands_read, commands_write = map(_clear_of_3_and_4, os.pipe())
    answers_read, answers_write = map(_clear_of_3_and_4, os.pipe())
    with tempfile.TemporaryDirectory(prefix="composure-chromium-") as profile:
        arguments = [*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"]
        process = subprocess.Popen(
            [sys.executable, "-c", AS_3_AND_4, str(commands_read), str(answers_write), executable, *arguments],
            pass_fds=(commands_read, answers_write),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_read)
        os.close(answers_write)
        browser = Browser(process, commands_write, answers_read)
        try:
            target = browser.send("Target.createTarget", url="about:blank")["targetId"]
            browser.session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            yield browser
        finally:
            os.close(commands_write)  # Chromium quits when its pipes close
            os.close(answers_read)
            try:
                process.wait(timeout=HANG)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
