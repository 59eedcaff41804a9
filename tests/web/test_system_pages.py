"""Weapon systems in the API and the pages: the `system` filter on claims, cases and the network (typed as an
id, a designation or an alias; an unknown one refused naming it), /api/systems and a system's page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.system_views_data import ARTICLES, SYSTEMS, fill, write_catalogue
from web_helpers import make_client

from armswatch.store import Store, open_store

ZEPHYR = SYSTEMS[0]
NAMING = sum(1 for *_, claims in ARTICLES for c in claims if c.get("system") == ZEPHYR["id"])


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("ARMSWATCH_DATA_OVERRIDES", str(write_catalogue(tmp_path / "overrides")))
    store: Store = open_store(str(tmp_path / "systems.sqlite3"))
    fill(store)
    try:
        with make_client(store) as c:
            yield c
    finally:
        store.close()


def _pairs(items: list[dict]) -> set[tuple[str, str]]:
    return {(k["supplier"], k["recipient"]) for k in items}


@pytest.mark.parametrize("name", [ZEPHYR["id"], ZEPHYR["designation"], ZEPHYR["aliases"][0], "ZEPHYR 9"])
def test_the_api_filters_claims_cases_and_the_network_by_any_name_of_a_system(client: TestClient, name: str) -> None:
    claims = client.get("/api/claims", params={"system": name}).json()
    assert claims["total"] == NAMING and {c["system"] for c in claims["items"]} == {ZEPHYR["id"]}
    cases = client.get("/api/cases", params={"system": name}).json()["items"]
    assert _pairs(cases) == {("FIN", "UKR"), ("EST", "UKR"), ("LVA", "UKR"), ("FIN", "GEO")}
    network = client.get("/api/network", params={"system": name}).json()
    assert {(e["source"], e["target"]) for e in network["edges"]} == _pairs(cases)
    assert all(f"system={ZEPHYR['id']}" in e["cases_url"] for e in network["edges"])  # its links keep the filter


def test_an_unknown_system_is_refused_naming_it(client: TestClient) -> None:
    for path in ("/api/claims", "/api/cases", "/api/network", "/claims", "/cases", "/"):
        r = client.get(path, params={"system": "Zephyr-99"})
        assert r.status_code == 422 and "Zephyr-99" in r.text and ZEPHYR["id"] in r.text, path
    assert client.get("/api/claims", params={"system": ""}).json()["total"] > NAMING  # blank: not set


def test_the_openapi_document_describes_the_system_filter_and_the_system_reads(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/claims", "/api/cases", "/api/network"):
        params = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        assert "alias" in params["system"]["description"], path
    assert {"/api/systems", "/api/systems/{system_id}"} <= set(spec["paths"])


def test_api_systems(client: TestClient) -> None:
    listed = {s["id"]: s for s in client.get("/api/systems").json()}
    assert listed[ZEPHYR["id"]]["claims"] == NAMING and listed[ZEPHYR["id"]]["cases"] == 4
    assert listed["bulwark"]["producers"] == [] and listed["bulwark"]["cases"] == 1
    one = client.get(f"/api/systems/{ZEPHYR['id']}").json()
    assert one["system"]["aliases"] == ZEPHYR["aliases"] and one["claims"] == NAMING
    flows = {(f["supplier"], f["recipient"]): f for f in one["flows"]}
    assert flows[("LVA", "UKR")]["producer_differs"] is True and flows[("FIN", "UKR")]["number_delivered"] == 30
    assert _pairs(one["cases"]) == set(flows)
    assert one["quantity_chart"] and {c["unit"] for c in one["quantity_chart"]} >= {"drones"}
    assert client.get("/api/systems/no-such-system").status_code == 404
    assert client.get("/api/systems/Not%20An%20Id").status_code == 422


def test_the_system_page(client: TestClient) -> None:
    page = client.get(f"/systems/{ZEPHYR['id']}")
    assert page.status_code == 200
    html = page.text
    for text in (ZEPHYR["designation"], ZEPHYR["aliases"][0], ZEPHYR["description"], ZEPHYR["companies"][0],
                 "Finland", "Estonia", "producer is not supplier", 'id="quantity-data"'):
        assert text in html, text
    assert html.count('class="flow-row"') == 4 and html.count('class="case-row"') == 4
    assert f'href="/claims?system={ZEPHYR["id"]}"' in html
    missing = client.get("/systems/no-such-system")
    assert missing.status_code == 404 and "no-such-system" in missing.text
    listed = client.get("/systems").text
    assert f'href="/systems/{ZEPHYR["id"]}"' in listed and 'href="/systems/bulwark"' in listed


def test_the_lists_filter_by_system_from_their_form(client: TestClient) -> None:
    for path in ("/", "/claims", "/cases"):
        html = client.get(path).text
        assert 'name="system"' in html and f'<option value="{ZEPHYR["id"]}">' in html, path
    cases = client.get("/cases", params={"system": ZEPHYR["aliases"][0]}).text
    assert cases.count('class="case-row"') == 4 and f'value="{ZEPHYR["id"]}"' in cases  # the form keeps it
    claims = client.get("/claims", params={"system": "bulwark"}).text
    assert claims.count('class="claim-row"') == 1
    overview = client.get("/", params={"system": "bulwark"}).text
    assert "Norway" in overview and overview.count('class="claim-row"') == 1
