"""A real HTTP server on 127.0.0.1 (an ephemeral port) in a thread, for the fetching tests.

Routes are plain functions registered per test: `server.route("/path", handler)`, where a handler
gets the request handler and writes the response. Every request is logged (path, User-Agent,
monotonic time) so tests can check what reached the server and when.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Hit:
    path: str
    user_agent: str
    at: float
    headers: dict[str, str] = field(default_factory=dict)


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: list[Hit] = []
        self.stop = threading.Event()
        owner = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # bodies end when the connection closes: simple streaming

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                owner.hits.append(
                    Hit(
                        self.path,
                        self.headers.get("User-Agent", ""),
                        time.monotonic(),
                        {k.lower(): v for k, v in self.headers.items()},
                    )
                )
                handler = owner.routes.get(self.path.split("?")[0])
                try:
                    if handler is None:
                        send(self, 404, b"not found", "text/plain")
                    else:
                        handler(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client hung up (a size cap or a deadline did its job)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, handler: Handler) -> None:
        self.routes[path] = handler

    def hits_for(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path.split("?")[0] == path]

    def start(self) -> LocalServer:
        self.thread.start()
        return self

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def send(
    h: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    ctype: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(body)


def page(
    body: bytes,
    ctype: str = "text/html; charset=utf-8",
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Handler:
    return lambda h: send(h, status, body, ctype, headers)


def redirect(location: str, status: int = 302) -> Handler:
    def handler(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return handler


def hang(server: LocalServer, seconds: float = 5.0) -> Handler:
    """Accept the request and say nothing (until the test ends or `seconds` pass)."""
    return lambda h: server.stop.wait(seconds)


def drip(server: LocalServer, interval: float = 0.2, total: int = 100) -> Handler:
    """Headers at once, then one byte every `interval` seconds: never silent long enough for a timeout."""

    def handler(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        for _ in range(total):
            if server.stop.wait(interval):
                return
            h.wfile.write(b"x")
            h.wfile.flush()

    return handler


def huge(size: int, *, declare_length: bool) -> Handler:
    """A page of `size` bytes streamed in 1 MiB chunks (never built in memory)."""
    chunk = (b"<p>" + b"filler text " * 87_000 + b"</p>\n")[: 1 << 20]

    def handler(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        if declare_length:
            h.send_header("Content-Length", str(size))
        h.end_headers()
        sent = 0
        while sent < size:
            n = min(len(chunk), size - sent)
            h.wfile.write(chunk[:n])
            sent += n

    return handler


def gzip_bomb(decompressed: int = 1 << 30) -> bytes:
    """`decompressed` zero bytes, gzip-compressed (1 GiB → about 1 MB)."""
    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1 << 22)
    parts = [c.compress(block) for _ in range(decompressed // len(block))]
    parts.append(c.flush())
    return b"".join(parts)


def flaky(failures: int, then: Handler, status: int = 503) -> Handler:
    """`failures` answers of `status`, then `then`."""
    count = {"n": 0}

    def handler(h: BaseHTTPRequestHandler) -> None:
        count["n"] += 1
        if count["n"] <= failures:
            send(h, status, b"try later", "text/plain")
        else:
            then(h)

    return handler


def drip_headers(server: LocalServer, interval: float = 1.0) -> Handler:
    """The status line and headers one byte every `interval` seconds, forever: never silent long enough
    for a timeout, and never done with its headers."""

    def handler(h: BaseHTTPRequestHandler) -> None:
        head = b"HTTP/1.0 200 OK\r\n" + b"".join(b"X-Pad-%d: y\r\n" % i for i in range(10_000))
        for byte in head:
            if server.stop.wait(interval):
                return
            h.wfile.write(bytes([byte]))
            h.wfile.flush()

    return handler
