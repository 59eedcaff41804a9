"""Every actor parameter of the API and the pages takes names; unknown ones are a 422 naming them."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_cases_filter_by_typed_names(client: TestClient) -> None:
    by_code = client.get("/api/cases", params={"supplier": "PRK"}).json()["items"]
    assert by_code
    for typed in ("DPRK", "North Korea", "north korean", "Pyongyang"):
        assert client.get("/api/cases", params={"supplier": typed}).json()["items"] == by_code
    assert client.get("/api/claims", params={"actor": "Russia"}).json()["total"] > 0


def test_unknown_actor_is_a_422_naming_it(client: TestClient) -> None:
    r = client.get("/api/cases", params={"actor": "Narnia"})
    assert r.status_code == 422 and "unknown actor 'Narnia'" in r.text
    page = client.get("/cases", params={"actor": "north korea"})
    assert page.status_code == 200 and "PRK" in page.text
    assert client.get("/cases", params={"actor": "Narnia"}).status_code == 422


def test_embargo_check_resolves_and_refuses(client: TestClient) -> None:
    params = {"supplier": "DPRK", "recipient": "Russia", "category": "ammunition", "start": "2024-01"}
    check = client.get("/api/embargoes/check", params=params).json()
    assert check["supplier"] == "PRK" and check["flagged"] == ["dprk"]
    r = client.get("/api/embargoes/check", params={**params, "supplier": "XYZ"})
    assert r.status_code == 422 and "unknown actor 'XYZ'" in r.text


def test_claims_take_a_case_id_prefix(client: TestClient) -> None:
    k = client.get("/api/cases", params={"supplier": "PRK", "category": "ammunition"}).json()["items"][0]
    full = client.get("/api/claims", params={"case_id": k["case_id"]}).json()
    short = client.get("/api/claims", params={"case_id": k["case_id"][:8]}).json()
    assert short["total"] == full["total"] > 0
    r = client.get("/api/claims", params={"case_id": "ffffffff"})
    assert r.status_code == 422 and "no case id starts with 'ffffffff'" in r.text


def test_actor_paths_take_names(client: TestClient) -> None:
    assert client.get("/api/actors/North Korea").json()["actor"]["code"] == "PRK"
    r = client.get("/api/actors/Narnia")
    assert r.status_code == 422 and "unknown actor 'Narnia'" in r.text
    page = client.get("/actors/north korea", follow_redirects=False)
    assert page.status_code == 307 and page.headers["location"] == "/actors/PRK"
