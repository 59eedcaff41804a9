"""Embargo-first views: the embargo column and filters of the case lists, the embargo page, contested cases."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_api_cases_carry_flags_and_filter_by_them(client: TestClient) -> None:
    every = client.get("/api/cases").json()["items"]
    flagged = client.get("/api/cases", params={"flagged": "true"}).json()["items"]
    unflagged = client.get("/api/cases", params={"flagged": "false"}).json()["items"]
    assert flagged and all(k["embargo_flags"] for k in flagged) and not any(k["embargo_flags"] for k in unflagged)
    assert len(flagged) + len(unflagged) == len(every)
    dprk = client.get("/api/cases", params={"embargo": "dprk"}).json()["items"]
    assert {(k["supplier"], k["recipient"]) for k in dprk} >= {("PRK", "RUS")}
    assert all("dprk" in k["embargo_flags"] for k in dprk)
    ordered = client.get("/api/cases", params={"order": "embargo"}).json()["items"]
    flags = [bool(k["embargo_flags"]) for k in ordered]
    assert flags == sorted(flags, reverse=True) and True in flags and False in flags
    assert client.get("/api/cases", params={"order": "sideways"}).status_code == 422


def test_cases_page_has_an_embargo_column_and_filter(client: TestClient) -> None:
    page = client.get("/cases").text
    assert ">Embargo</a></th>" in page and 'href="/embargoes/dprk"' in page
    assert 'name="flagged"' in page and 'href="/cases?order=embargo' in page
    only = client.get("/cases", params={"flagged": "true"}).text
    assert "Germany" not in only.split("result-count")[1]


def test_embargo_page_lists_flagged_cases_with_the_reason(client: TestClient) -> None:
    r = client.get("/embargoes/dprk")
    assert r.status_code == 200
    page = r.text
    assert 'id="flagged-cases"' in page and 'id="provisions"' in page
    assert "North Korea" in page and "may breach" in page and "/cases/" in page
    assert client.get("/embargoes/nowhere").status_code == 404
    assert 'href="/embargoes/dprk"' in client.get("/embargoes").text


def test_case_page_reads_contested_and_keeps_claim_notes(client: TestClient) -> None:
    k = client.get("/api/cases", params={"supplier": "PRK", "recipient": "RUS", "category": "ammunition"}).json()
    case = k["items"][0]
    assert case["contested"] is True  # the Kremlin denies it
    page = client.get(f"/cases/{case['case_id']}").text
    assert 'id="contested"' in page and 'href="/embargoes/dprk"' in page
    detail = client.get(f"/api/cases/{case['case_id']}").json()
    dprk = next(e for e in detail["embargo"]["embargoes"] if e["embargo_id"] == "dprk")
    assert dprk["reading"] == "may_breach" and dprk["contested"] is False
    assert any("claim" in n for n in dprk["notes"])
