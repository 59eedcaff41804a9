"""Who may write, which hosts are served, how large a request may be, and the headers every response carries.

Reads are open; writes (API ingest and decisions, the pages' decision buttons) need the `api_token`
setting's value, compared in constant time. Without the setting the server is read-only. The API's token is
checked, and a body's size limited, before the body is read (`RequestGuard`); requests naming another host
are refused (`HostCheck`), which closes the door to DNS rebinding.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable

from fastapi import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armswatch.settings import Settings

__all__ = ["LOCAL_HOSTS", "SECURITY_HEADERS", "BodyTooLarge", "HostCheck", "RequestGuard", "SecurityHeaders",
           "allowed_hosts", "check_token", "host_name"]

# The pages load only the app's own scripts and styles (vendored libraries included), never inline
# code: injected markup could not run even if escaping failed somewhere.
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",  # no-referrer would make browsers send "Origin: null" with forms
}


def check_token(expected: str, presented: str | None) -> None:
    """Raise 403 when writes are disabled or the token is wrong, 401 when none was presented."""
    if not expected:
        raise HTTPException(
            status_code=403,
            detail="this server is read-only: writes need the api_token setting (ARMSWATCH_API_TOKEN)",
        )
    if not presented:
        raise HTTPException(
            status_code=401,
            detail="an API token is required (header 'Authorization: Bearer TOKEN')",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(presented.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(status_code=403, detail="the API token is wrong")


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every HTTP response (unless already set)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)



# ------------------------------------------------------------------------------------------ hosts

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def allowed_hosts(settings: Settings, bound: str | None = None) -> frozenset[str]:
    """The host names served: the `allowed_hosts` setting, else the bound address and the loopback names."""
    listed = {h.strip().lower().strip("[]") for h in settings.allowed_hosts.split(",") if h.strip()}
    if listed:
        return frozenset(listed)
    return LOCAL_HOSTS | ({bound.lower().strip("[]")} if bound else set())


def host_name(netloc: str) -> str:
    """'Example.org:8000' → 'example.org', '[::1]:8000' → '::1' (the port never matters)."""
    netloc = netloc.strip().lower()
    if netloc.startswith("["):
        return netloc[1:].partition("]")[0]
    return netloc.rpartition(":")[0] if netloc.count(":") == 1 else netloc


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


class HostCheck:
    """ASGI middleware answering 400 to a request whose Host header names a host not served ('*' allows any)."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str]) -> None:
        self.app, self.hosts = app, frozenset(hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and "*" not in self.hosts:
            host = host_name(_header(scope, b"host") or "")
            if host not in self.hosts:
                shown = (_header(scope, b"host") or "")[:100]
                response = JSONResponse({"detail": f"this server does not serve the host {shown!r}"}, status_code=400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


# ---------------------------------------------------------------------------------------- request bodies

class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"the request body is larger than {limit} bytes "
                         "(setting max_request_bytes)")


class RequestGuard:
    """ASGI middleware that refuses, without reading the body: API writes without the right token (401/403),
    bodies declaring more than `max_bytes` (413); and stops a streamed body when it passes `max_bytes` (413).
    Memory per request stays bounded by `max_bytes` whatever the client sends."""

    def __init__(self, app: ASGIApp, max_bytes: int, token: str, token_paths: Iterable[str]) -> None:
        self.app, self.max_bytes, self.token, self.token_paths = app, max_bytes, token, frozenset(token_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        started = False
        seen = 0

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge as e:  # raised outside the app's own error handling
            if started:
                raise
            await JSONResponse({"detail": e.detail}, status_code=413)(scope, receive, send)

    def _refusal(self, scope: Scope) -> JSONResponse | None:
        if scope["method"] == "POST" and scope["path"] in self.token_paths:
            scheme, _, presented = (_header(scope, b"authorization") or "").partition(" ")
            try:
                check_token(self.token, presented.strip() if scheme.lower() == "bearer" else None)
            except HTTPException as e:
                return JSONResponse({"detail": e.detail}, status_code=e.status_code, headers=e.headers)
        declared = _header(scope, b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                return JSONResponse({"detail": f"Content-Length {declared[:40]!r} is not a number"}, status_code=400)
            if int(declared) > self.max_bytes:
                return JSONResponse({"detail": BodyTooLarge(self.max_bytes).detail}, status_code=413)
        return None
