"""The server refuses what it should not read (issue 15, items 5 and 6): API writes without the right token
and bodies over `max_request_bytes` are answered before the body is read whole, and only the hosts it serves
are answered at all. The body tests drive the ASGI app directly with a receive that streams a body and
counts how much of it the app took."""

from __future__ import annotations

from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient
from web_helpers import TOKEN, NoExtractor

from armswatch.settings import load_settings
from armswatch.store import Store
from armswatch.web import create_app

LIMIT = 1000
CHUNK = 100
TOTAL = 1_000_000  # what the client would send if the server read it all


def _call(app: Any, path: str, headers: dict[str, str]) -> tuple[int, int]:
    """POST a streamed body of TOTAL bytes in CHUNK-byte messages; (status, body chunks the app received)."""
    taken = 0
    answer: list[int] = []

    async def receive() -> dict[str, Any]:
        nonlocal taken
        taken += 1
        return {"type": "http.request", "body": b"x" * CHUNK, "more_body": taken * CHUNK < TOTAL}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer.append(message["status"])

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5000),
             "headers": [(k.lower().encode(), v.encode()) for k, v in {"host": "127.0.0.1:8000", **headers}.items()]}
    anyio.run(app, scope, receive, send)
    return answer[0], taken


@pytest.fixture
def app(web_store: Store) -> Any:
    return create_app(load_settings(api_token=TOKEN, max_request_bytes=LIMIT), store=web_store,
                      extractor=NoExtractor(), extractor_version="api-test")


JSON = {"content-type": "application/json"}


@pytest.mark.parametrize("path", ["/api/ingest", "/api/decisions"])
@pytest.mark.parametrize(("auth", "status"), [({}, 401), ({"authorization": "Bearer nope"}, 403),
                                              ({"authorization": "Basic " + TOKEN}, 401)])
def test_a_write_without_the_right_token_is_refused_before_its_body_is_read(
        app: Any, path: str, auth: dict[str, str], status: int) -> None:
    assert _call(app, path, {**JSON, "content-length": str(TOTAL), **auth}) == (status, 0)


def test_a_write_without_the_token_is_refused_on_a_read_only_server(web_store: Store) -> None:
    readonly = create_app(load_settings(api_token="", max_request_bytes=LIMIT), store=web_store)
    assert _call(readonly, "/api/ingest", {**JSON, "authorization": "Bearer anything"}) == (403, 0)


@pytest.mark.parametrize("path", ["/api/ingest", "/claims/0123456789abcdef/decision"])
def test_a_body_declared_too_large_is_refused_unread(app: Any, path: str) -> None:
    headers = {**JSON, "authorization": f"Bearer {TOKEN}", "content-length": str(TOTAL)}
    assert _call(app, path, headers) == (413, 0)


@pytest.mark.parametrize(("path", "kind"), [("/api/ingest", "application/json"),
                                            ("/claims/0123456789abcdef/decision", "application/x-www-form-urlencoded")])
def test_a_streamed_body_is_cut_off_at_the_limit(app: Any, path: str, kind: str) -> None:
    # no Content-Length (chunked): the body is counted as it arrives and refused once past the limit
    status, taken = _call(app, path, {"content-type": kind, "authorization": f"Bearer {TOKEN}"})
    assert status == 413
    assert taken == LIMIT // CHUNK + 1


def test_a_body_within_the_limit_is_served(web_store: Store) -> None:
    app = create_app(load_settings(api_token=TOKEN, max_request_bytes=200), store=web_store,
                     extractor=NoExtractor(), extractor_version="api-test")
    with TestClient(app, base_url="http://127.0.0.1") as c:
        small = c.post("/api/ingest", json={"documents": [{"id": "a", "text": "Norway sent howitzers."}]},
                       headers={"Authorization": f"Bearer {TOKEN}"})
        large = c.post("/api/ingest", json={"documents": [{"id": "a", "text": "x" * 300}]},
                       headers={"Authorization": f"Bearer {TOKEN}"})
    assert small.status_code == 200 and small.json()["stored"] == 1
    assert large.status_code == 413 and "max_request_bytes" in large.json()["detail"]


# ------------------------------------------------------------------------------------------- hosts

@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost.", ""])
def test_a_host_not_served_gets_400(client: TestClient, host: str) -> None:
    r = client.get("/api/stats", headers={"Host": host})
    assert r.status_code == 400 and "does not serve the host" in r.json()["detail"]
    assert r.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"])
def test_the_loopback_hosts_are_served_by_default(client: TestClient, host: str) -> None:
    assert client.get("/api/stats", headers={"Host": host}).status_code == 200


def test_the_bound_address_and_the_setting_choose_the_hosts(web_store: Store) -> None:
    bound = TestClient(create_app(load_settings(), store=web_store, bound_host="192.0.2.7"))
    assert bound.get("/api/stats", headers={"Host": "192.0.2.7:8000"}).status_code == 200
    listed = TestClient(create_app(load_settings(allowed_hosts="arms.example, Watch.example"), store=web_store))
    assert listed.get("/api/stats", headers={"Host": "watch.example"}).status_code == 200
    assert listed.get("/api/stats", headers={"Host": "127.0.0.1"}).status_code == 400
    anyhost = TestClient(create_app(load_settings(allowed_hosts="*"), store=web_store))
    assert anyhost.get("/api/stats", headers={"Host": "evil.example"}).status_code == 200


def _claim_id(c: TestClient) -> str:
    return str(c.get("/api/claims", params={"actor": "IRN", "status": "pledged"}).json()["items"][0]["claim_id"])


def test_the_decision_form_does_not_trust_the_host_header_for_its_origin(web_store: Store) -> None:
    # a rebound DNS name: the browser sends Host and Origin both naming the attacker's domain
    app = create_app(load_settings(api_token=TOKEN, allowed_hosts="*"), store=web_store)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        claim_id = _claim_id(c)
        form = {"action": "reject", "reason": "dup", "token": TOKEN}
        rebound = c.post(f"/claims/{claim_id}/decision", data=form,
                         headers={"Host": "evil.example", "Origin": "http://evil.example"})
        assert rebound.status_code == 403
        own = c.post(f"/claims/{claim_id}/decision", data=form, follow_redirects=False,
                     headers={"Host": "127.0.0.1:8000", "Origin": "http://127.0.0.1:8000"})
        assert own.status_code == 303
