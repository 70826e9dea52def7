"""What the sender makes of answers a real LRS seldom gives, from small real servers on 127.0.0.1:
a redirect is never followed (urllib would turn the POST into a GET, whose 200 would read as
"stored", and carry the credentials along), and something that does not speak HTTP is named so."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

from game.storage.lrs import LrsConfig
from game.storage.lrs.sender import sync_once
from game.storage.results import open_results
from tests.lrs.proxy import not_speaking_http
from tests.storage.results_played import ANA, attempt, utc, walk_in


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[HTTPServer]:
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


class Elsewhere(BaseHTTPRequestHandler):
    """Where a redirect points: it takes anything, and notes that it was asked."""

    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Elsewhere.asked.append(self.headers.get("Authorization", ""))
        body = b'{"statements": [], "more": ""}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        """Quiet."""


def moved_to(target: str) -> type[BaseHTTPRequestHandler]:
    class Moved(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(301)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            """Quiet."""

    return Moved


def queued_store(folder: Path, endpoint: str) -> tuple[LrsConfig, object]:
    store = open_results(folder).store
    assert store is not None
    config = LrsConfig(endpoint, "room-2", "secret-5150")
    store.lrs = config
    store.record(ANA, attempt(walk_in(), 1), utc(0), utc(60))
    return config, store


def test_a_redirect_is_not_followed_and_the_statements_wait(tmp_path: Path) -> None:
    Elsewhere.asked.clear()
    with serving(Elsewhere) as elsewhere, serving(moved_to(f"http://127.0.0.1:{elsewhere.server_port}/x")) as lrs:
        endpoint = f"http://127.0.0.1:{lrs.server_port}/xAPI/"
        config, store = queued_store(tmp_path, endpoint)
        report = sync_once(store.connection, config)  # type: ignore[attr-defined]
    assert (report.sent, report.refused) == (0, 0) and report.waiting > 0
    assert report.problem == f"the LRS at {endpoint} sends Composure to another address (HTTP 301): check the endpoint"
    assert Elsewhere.asked == [], "the redirect was followed"


def test_something_that_does_not_speak_http_is_named_so(tmp_path: Path) -> None:
    with not_speaking_http() as endpoint:
        config, store = queued_store(tmp_path, endpoint)
        report = sync_once(store.connection, config)  # type: ignore[attr-defined]
    assert report.sent == 0 and report.waiting > 0
    assert report.problem == f"what answers at {endpoint} does not speak HTTP: check the endpoint"
