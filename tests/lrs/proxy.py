"""A small HTTP proxy in front of the real test LRS, for the failures a network has: an LRS that
answers slowly, and a connection cut after the LRS stored a batch but before its answer came back.

Real sockets on 127.0.0.1, one thread per connection; it understands just enough HTTP/1.1 for
urllib's one request per connection ("Connection: close"): the request is read whole by its
Content-Length, passed on, and the LRS's answer read to its end before it is passed back, or not.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

HEADERS_END = b"\r\n\r\n"
FAILED = b"HTTP/1.1 500 Failed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
GUARD_SECONDS = 60.0  # a hang guard on every socket: nothing here should take this long


@dataclass
class Proxy:
    """Passes requests on to `upstream_port`; `delay` holds each request back that many seconds
            before the LRS sees it, and `cut_after_storing` requests are passed on and answered by the LRS,
            then the client's connection is closed with no answer. `fail_containing` plays an LRS that fails on
        one statement (as Ralph's file backend answers 500 for a statement it cannot store), or an LRS that
    refuses a whole batch with 409 for one id it holds (`fail_status`)."""

    upstream_port: int
    delay: float = 0.0
    cut_after_storing: int = 0
    fail_containing: bytes = b""  # a request holding these bytes gets `fail_status` without reaching the LRS
    fail_status: int = 500
    received: int = 0  # requests read whole from the client
    passed: int = 0  # requests that reached the LRS and were answered by it
    cut: int = 0  # answers thrown away
    listener: socket.socket = field(default_factory=socket.socket)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def port(self) -> int:
        return int(self.listener.getsockname()[1])

    def endpoint(self, path: str = "/xAPI/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve(self) -> None:
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # closed
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket) -> None:
        with client:
            client.settimeout(GUARD_SECONDS)
            request = read_request(client)
            if request is None:
                return
            with self.lock:
                self.received += 1
            time.sleep(self.delay)
            if self.fail_containing and self.fail_containing in request:
                client.sendall(FAILED.replace(b"500", str(self.fail_status).encode(), 1))
                return
            try:
                with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=GUARD_SECONDS) as upstream:
                    upstream.sendall(request)
                    answer = read_to_end(upstream)
            except OSError:  # the LRS is stopped: the client sees its connection close with no answer
                return
            with self.lock:
                self.passed += 1
                cutting = self.cut_after_storing > 0
                if cutting:
                    self.cut_after_storing -= 1
                    self.cut += 1
            if not cutting:
                client.sendall(answer)


def read_request(connection: socket.socket) -> bytes | None:
    """One whole HTTP request (head and body), or None when the client went away first."""
    data = b""
    while HEADERS_END not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(HEADERS_END)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            return None
        body += chunk
    return head + HEADERS_END + body


def read_to_end(connection: socket.socket) -> bytes:
    """Everything the LRS sends until it closes the connection (urllib asked it to)."""
    chunks = []
    while chunk := connection.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


@contextmanager
def proxy_to(upstream_port: int, **behaviour: float | bytes | int) -> Iterator[Proxy]:
    proxy = Proxy(upstream_port, **behaviour)  # type: ignore[arg-type]
    proxy.serve()
    try:
        yield proxy
    finally:
        proxy.close()


@contextmanager
def not_speaking_http() -> Iterator[str]:
    """The endpoint of a server that answers one request with an SSH greeting, as a wrong port would."""
    with socket.create_server(("127.0.0.1", 0)) as server:

        def answer_once() -> None:
            connection, _ = server.accept()
            with connection:
                connection.recv(65536)
                connection.sendall(b"SSH-2.0-OpenSSH_9.6\r\n")

        thread = threading.Thread(target=answer_once, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.getsockname()[1]}/xAPI/"
        thread.join(timeout=GUARD_SECONDS)
