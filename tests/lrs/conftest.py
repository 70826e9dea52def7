"""A real Learning Record Store for the delivery tests: ralph-malph's LRS on 127.0.0.1, filesystem backend.

One per test worker (session scope), since it takes a few seconds to start. Its credentials are made by
`ralph auth`, as a company's administrator would make them. Ralph's own app is served by uvicorn as
`ralph runserver` does, with two differences: no auto-reload (which watches the working folder and
would restart the LRS whenever a file changes), and its filesystem backend appends each batch to its
file, since by default it creates the file and refuses every write after the first (ralph-malph 5.0
and 5.1); ralph itself still turns away statement ids it holds already. It never is skipped: when it cannot start,
the tests fail and say why, since the delivery is tested against nothing else.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

USERNAME = "composure"
PASSWORD = "lrs-test-secret-4711"  # distinctive, so a test can look for it in everything printed
READY_GUARD_SECONDS = 30.0  # a hang guard: it is ready in about 3 s
SERVE = """import sys, uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend
FSDataBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="info")
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RealLrs:
    """A running ralph LRS that a test may stop and start again (on the same port, with the same data)."""

    folder: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    @property
    def environ(self) -> dict[str, str]:
        return os.environ | {
            "RALPH_APP_DIR": str(self.folder / "app"),
            "RALPH_AUTH_FILE": str(self.folder / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder / "data"),
        }

    def make_credentials(self) -> None:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "ralph",
                "auth",
                "-u",
                USERNAME,
                "-p",
                PASSWORD,
                "-s",
                "all",
                "-M",
                "mailto:lrs@example.com",
                "-w",
            ],
            env=self.environ,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            pytest.fail(f"`ralph auth` could not make the test LRS's credentials:\n{done.stderr}")

    def start(self) -> None:
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVE, str(self.port)],
            env=self.environ,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopping it stops the workers it spawns
        )
        log.close()
        give_up = time.monotonic() + READY_GUARD_SECONDS
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > give_up:
                self.stop()
                server_log = (self.folder / "server.log").read_text(encoding="utf-8", errors="replace")
                pytest.fail(
                    f"the test LRS (ralph's app under uvicorn) did not start on port {self.port}:\n{server_log[-3000:]}"
                )
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=READY_GUARD_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

    def answers(self) -> bool:
        try:
            self.get("statements?limit=1")
        except (OSError, urllib.error.URLError):
            return False
        return True

    def get(self, path: str) -> dict:
        token = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
        request = urllib.request.Request(
            self.endpoint + path,
            headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def statements(self, query: str = "") -> list[dict]:
        """Every statement the LRS holds (matching `query`, e.g. "registration=..."), following `more`."""
        found: list[dict] = []
        page = self.get(f"statements?limit=500&{query}")
        while True:
            found.extend(page["statements"])
            more = page.get("more") or ""
            if not more:
                return found
            page = self.get(more.split("/xAPI/", 1)[-1])


@pytest.fixture(scope="session")
def real_lrs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealLrs]:
    lrs = RealLrs(tmp_path_factory.mktemp("ralph"))
    lrs.make_credentials()
    lrs.start()
    yield lrs
    lrs.stop()
