"""The OpenAPI schema says what the API does (issue 15, item 7): each disagreement schemathesis found, pinned."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from web_helpers import TOKEN

from armswatch.web.params import PERIOD_PATTERN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.mark.parametrize(("value", "real"), [("0000", False), ("0001", True), ("2024-02-29", True),
                                             ("2023-02-29", False), ("2023-04-31", False), ("2023-13", False),
                                             ("1900-02-29", False), ("2000-02-29", True), ("2023-12-31", True)])
def test_the_period_pattern_admits_exactly_the_real_dates(client: TestClient, value: str, real: bool) -> None:
    assert bool(re.fullmatch(PERIOD_PATTERN, value)) is real
    assert client.get("/api/claims", params={"since": value}).status_code == (200 if real else 422)


def test_blank_filters_are_in_the_schema_as_not_set(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    params = {p["name"]: p["schema"] for p in schema["paths"]["/api/claims"]["get"]["parameters"]}
    assert {"type": "string", "pattern": r"^\s*$"} in params["status"]["anyOf"]
    assert any(s.get("type") == "string" for s in params["hedged"]["anyOf"])
    assert client.get("/api/claims", params={"hedged": "", "status": ""}).status_code == 200


def test_only_a_split_takes_a_label_and_the_schema_says_so(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert "label" in schema["SplitIn"]["properties"] and "label" not in schema["RejectIn"]["properties"]
    claim_id = client.get("/api/claims").json()["items"][0]["claim_id"]
    labelled = client.post("/api/decisions", headers=AUTH,
                           json={"claim_id": claim_id, "action": "reject", "reason": "x", "label": "France"})
    assert labelled.status_code == 422 and "label" in str(labelled.json()["detail"])


def test_a_number_is_not_a_publication_date(client: TestClient) -> None:
    r = client.post("/api/ingest", headers=AUTH, json={"documents": [{"id": "a", "text": "t", "published": 0}]})
    assert r.status_code == 422 and "published" in str(r.json()["detail"])


def test_an_unsupported_method_names_every_method_of_the_path(client: TestClient) -> None:
    r = client.request("OPTIONS", "/api/decisions")
    assert r.status_code == 405 and r.headers["allow"] == "GET, POST"


def test_a_document_is_found_by_the_claims_document_hash(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/documents/{document_hash}" in schema["paths"]
    claim = client.get("/api/claims").json()["items"][0]
    assert client.get(f"/api/documents/{claim['document_hash']}").status_code == 200
