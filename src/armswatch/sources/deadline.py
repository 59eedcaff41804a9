"""A deadline over the whole HTTP exchange: connect, TLS, request, headers and body.

httpx bounds each socket operation (`timeout`) but not their sum, so a server sending its headers one
byte a second holds a request for as long as it likes. `DeadlineBackend` wraps httpcore's network
backend: every connect, read and write is given at most the time left before the current deadline,
and fails with a timeout once none is left. The deadline is set per thread (`Deadline.until`).
"""

from __future__ import annotations

import threading
import time
from typing import Any

import httpcore

__all__ = ["Deadline", "DeadlineBackend", "with_deadline"]


class Deadline(threading.local):
    """The monotonic time by which the current exchange must end (None: no deadline)."""

    until: float | None = None

    def expired(self) -> bool:
        return self.until is not None and time.monotonic() >= self.until

    def bound(self, timeout: float | None, error: type[Exception]) -> float | None:
        """`timeout` shortened to the time left; `error` when none is left."""
        if self.until is None:
            return timeout
        left = self.until - time.monotonic()
        if left <= 0:
            raise error("the exchange passed its deadline")
        return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self.inner, self.deadline = inner, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self.deadline.bound(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self.deadline.bound(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        tls = self.inner.start_tls(ssl_context, server_hostname, self.deadline.bound(timeout, httpcore.ConnectTimeout))
        return _Stream(tls, self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, deadline: Deadline, inner: httpcore.NetworkBackend | None = None) -> None:
        self.deadline, self.inner = deadline, inner or httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        stream = self.inner.connect_tcp(host, port, self.deadline.bound(timeout, httpcore.ConnectTimeout),
                                        local_address, socket_options)
        return _Stream(stream, self.deadline)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:
        stream = self.inner.connect_unix_socket(path, self.deadline.bound(timeout, httpcore.ConnectTimeout),
                                                socket_options)
        return _Stream(stream, self.deadline)

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def with_deadline(transport: Any, deadline: Deadline) -> bool:
    """Put `deadline` under an httpx.HTTPTransport's connections; False when the transport has no
    httpcore pool to wrap (a test's mock transport)."""
    pool = getattr(transport, "_pool", None)
    if not isinstance(pool, httpcore.ConnectionPool):
        return False
    pool._network_backend = DeadlineBackend(deadline, pool._network_backend)  # httpcore has no public setter
    return True
