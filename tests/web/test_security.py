"""Security: article text is shown as text, writes need the token, bad parameters are clear 4xx."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from web_data import XSS_IMG, XSS_SCRIPT
from web_helpers import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _xss_claim(client: TestClient) -> dict:
    return client.get("/api/claims", params={"actor": "FRA"}).json()["items"][0]


def _assert_inert(html: str) -> None:
    """No markup from the article reached the page as markup; it is there, escaped, as text."""
    assert XSS_SCRIPT not in html and XSS_IMG not in html
    assert "<b>Bold</b>" not in html
    assert "&lt;script&gt;document.title=" in html
    assert "onerror=&#34;document.title=" in html or "onerror=&quot;document.title=" in html
    # every <script> on the page is one of ours: a vendored/own file or a JSON data block
    for tag in re.findall(r"<script[^>]*>", html):
        assert re.fullmatch(r'<script (src="/static/[\w./-]+"|type="application/json" id="[\w-]+")>', tag), tag
    assert not re.search(r"<[a-z]+[^>]*\son\w+\s*=", html, re.I)  # no inline event handler at all


def test_article_markup_is_escaped_on_every_page_that_shows_it(client: TestClient) -> None:
    c = _xss_claim(client)
    case_id = c["case_id"]
    for path in ("/", "/claims", "/claims?q=SCALP", f"/claims/{c['claim_id']}", f"/cases/{case_id}",
                 f"/documents/{c['document_hash']}", "/actors/FRA"):
        r = client.get(path)
        assert r.status_code == 200, path
        html = r.text
        if path != "/actors/FRA":  # the actor page shows cases, not article text
            _assert_inert(html)
        else:
            assert XSS_SCRIPT not in html and XSS_IMG not in html


def test_the_claim_page_shows_the_markup_as_text_with_the_evidence_marked(client: TestClient) -> None:
    c = _xss_claim(client)
    html = client.get(f"/claims/{c['claim_id']}").text
    marked = re.search(r'<mark id="evidence">(.*?)</mark>', html, re.S)
    assert marked and marked.group(1).startswith("France has delivered SCALP cruise missiles &lt;img")
    assert "PARIS &lt;script&gt;" in html


def test_json_data_blocks_cannot_close_their_script_element(client: TestClient) -> None:
    html = client.get("/").text
    block = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html, re.S)
    assert block and "<" not in block.group(1)


def test_security_headers(client: TestClient) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/stats").headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(("headers", "status"), [
    ({}, 401),
    ({"Authorization": "Bearer wrong-token"}, 403),
    ({"Authorization": f"Basic {TOKEN}"}, 401),
    ({"Authorization": f"Bearer {TOKEN}x"}, 403),
])
def test_writes_need_the_right_token(client: TestClient, headers: dict, status: int) -> None:
    claim_id = client.get("/api/claims", params={"limit": 1}).json()["items"][0]["claim_id"]
    r = client.post("/api/decisions", json={"claim_id": claim_id, "action": "reject", "reason": "x"},
                    headers=headers)
    assert r.status_code == status
    assert client.post("/api/ingest", json={"documents": [{"id": "a", "text": "b"}]},
                       headers=headers).status_code == status
    if status == 401:
        assert r.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/decisions").json() == []


def test_a_server_without_a_token_is_read_only(readonly_client: TestClient) -> None:
    claim_id = readonly_client.get("/api/claims", params={"limit": 1}).json()["items"][0]["claim_id"]
    r = readonly_client.post("/api/decisions", json={"claim_id": claim_id, "action": "reject", "reason": "x"},
                             headers={"Authorization": "Bearer "})
    assert r.status_code == 403 and "read-only" in r.json()["detail"]
    page = readonly_client.get(f"/claims/{claim_id}").text
    assert "Read-only server" in page and 'name="token"' not in page
    form = readonly_client.post(f"/claims/{claim_id}/decision", data={"action": "reject", "reason": "x",
                                                                        "token": ""})
    assert form.status_code == 403


def test_decision_buttons_need_the_token_and_record_the_decision(client: TestClient) -> None:
    claim_id = client.get("/api/claims", params={"actor": "IRN", "status": "pledged"}).json()["items"][0]["claim_id"]
    page = client.get(f"/claims/{claim_id}").text
    assert f'action="/claims/{claim_id}/decision"' in page and 'value="reject"' in page and 'value="split"' in page

    no_token = client.post(f"/claims/{claim_id}/decision", data={"action": "reject", "reason": "dup"})
    assert no_token.status_code == 401 and "token" in no_token.text
    wrong = client.post(f"/claims/{claim_id}/decision", data={"action": "reject", "reason": "dup", "token": "nope"})
    assert wrong.status_code == 403
    cross_site = client.post(f"/claims/{claim_id}/decision", headers={"Origin": "https://evil.example"},
                             data={"action": "reject", "reason": "dup", "token": TOKEN})
    assert cross_site.status_code == 403
    assert client.get("/api/decisions").json() == []

    ok = client.post(f"/claims/{claim_id}/decision", follow_redirects=False,
                     data={"action": "reject", "reason": "duplicate report", "token": TOKEN, "by": "ana",
                           "back": f"/claims/{claim_id}"})
    assert ok.status_code == 303 and ok.headers["location"].startswith(f"/claims/{claim_id}?decided=")
    decisions = client.get("/api/decisions").json()
    assert [(d["action"], d["decided_by"], d["reason"]) for d in decisions] == [("reject", "ana", "duplicate report")]
    assert "duplicate report" in client.get(f"/claims/{claim_id}").text


def test_decision_form_redirects_only_to_local_pages(client: TestClient) -> None:
    claim_id = client.get("/api/claims", params={"limit": 1}).json()["items"][0]["claim_id"]
    r = client.post(f"/claims/{claim_id}/decision", follow_redirects=False,
                    data={"action": "reject", "reason": "x", "token": TOKEN, "back": "//evil.example/claims/"})
    assert r.status_code == 303 and r.headers["location"].startswith(f"/claims/{claim_id}?decided=")


@pytest.mark.parametrize(("path", "name"), [
    ("/api/claims?category=rockets", "category"),
    ("/api/claims?status=shipped", "status"),
    ("/api/claims?since=2024-13", "since"),
    ("/api/claims?since=last+year", "since"),
    ("/api/claims?since=2024-05&until=2024-01", "until"),
    ("/api/claims?min_corroboration=-1", "min_corroboration"),
    ("/api/claims?limit=0", "limit"),
    ("/api/claims?limit=100000", "limit"),
    ("/api/claims?hedged=maybe", "hedged"),
    ("/api/claims?actor=%3Cscript%3E", "actor"),
    ("/api/claims?q=---", "q"),
    ("/api/claims?q=shells%00", "q"),
    ("/api/claims?source=a%00b", "source"),
    ("/api/claims?q=" + "a+" * 200, "q"),
    ("/api/cases?category=drones", "category"),
    ("/api/network?until=2024-02-30", "until"),
    ("/api/search", "q"),
    ("/api/embargoes/check?supplier=PRK&recipient=RUS&category=ammunition&start=2024-99", "start"),
])
def test_bad_parameters_are_422_naming_the_parameter(client: TestClient, path: str, name: str) -> None:
    r = client.get(path)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert any(d["loc"][-1] == name for d in detail), detail
    assert all(d["msg"] for d in detail)


@pytest.mark.parametrize("path", ["/api/claims/xyz", "/api/claims/" + "0" * 15, "/api/cases/ZZZZZZZZZZZZZZZZ",
                                  "/api/documents/abc", "/api/actors/%3Cb%3E"])
def test_malformed_ids_are_422(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 422


@pytest.mark.parametrize("path", ["/api/claims/" + "0" * 16, "/api/cases/" + "f" * 16, "/api/documents/" + "0" * 64,
                                  "/claims/" + "0" * 16, "/cases/" + "a" * 16])
def test_unknown_ids_are_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_pages_show_validation_errors_as_a_page(client: TestClient) -> None:
    r = client.get("/claims?category=rockets&since=2024-13")
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert "category" in r.text and "since" in r.text
    assert "&lt;script&gt;" in client.get("/claims?actor=<script>").text  # the bad value is echoed escaped


def test_blank_form_fields_mean_no_filter(client: TestClient) -> None:
    r = client.get("/claims?q=&actor=&category=&status=&since=&until=&source=&hedged=&denied=&min_corroboration=")
    assert r.status_code == 200
    assert "<b>10</b> claims" in r.text
