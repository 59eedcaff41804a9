"""Who may write, and the headers every response carries.

Reads are open; writes (API ingest and decisions, the pages' decision buttons) need the `api_token`
setting's value, compared in constant time. Without the setting the server is read-only.
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["SECURITY_HEADERS", "SecurityHeaders", "check_token"]

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

