"""A case of hundreds of claims, origins and quantities: its page and the API show a page of each with a
pager (never all of them), in the order of the whole list, and its timeline groups claims by month; on
SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import make_client

from armswatch.model import Claim, Document
from armswatch.store import CaseFilter, ClaimFilter, Store, open_store
from armswatch.store.case_pages import MAX_DAY_DOTS

N = 420  # claims of the big case: more than MAX_DAY_DOTS, more than a page of anything
STATUSES = ("delivered", "ongoing", "pledged")


def _fill(store: Store) -> None:
    batch = []
    for i in range(N):
        published = date(2023, 1, 1) + timedelta(days=(i * 7) % 500)
        text = f"Dispatch {i}: North Korea shipped {i + 1} containers of shells to Russia, official {i} said."
        claim = Claim(document_id=f"big-{i}", supplier="PRK", recipient="RUS", category="ammunition",
                      status=STATUSES[i % 3], item="shells", evidence=text, evidence_span=(0, len(text)),
                      quantity=float(i + 1), quantity_text=str(i + 1), unit="containers",
                      source=f"Official {i % 90}", denied=i % 50 == 0, extractor_version="t")
        batch.append((Document(id=f"big-{i}", text=text, title=f"Dispatch {i}", published=published,
                               outlet="Valley Times", origin=f"t#{i}"), [claim]))
    store.add_documents_and_claims(batch, "t")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def big(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, TestClient]]:
    url = str(tmp_path / "big.sqlite3") if request.param == "sqlite" else str(request.getfixturevalue("pg_schema"))
    store = open_store(url)
    try:
        _fill(store)
        with make_client(store) as client:
            yield store, client
    finally:
        store.close()


def _rows(page: str) -> list[str]:
    return re.findall(r'<tr class="claim-row" data-claim="([0-9a-f]{16})"', page)


def test_a_big_case_page_shows_a_page_of_each_list(big: tuple[Store, TestClient]) -> None:
    store, client = big
    case = store.cases(CaseFilter())[0]
    assert case.n_claims == N > MAX_DAY_DOTS
    every = [c.id for c in store.claims(ClaimFilter(case_id=case.id))]
    first = client.get(f"/cases/{case.id}").text
    assert _rows(first) == every[:50]
    assert f'href="/cases/{case.id}?offset=50#claims"' in first
    second = client.get(f"/cases/{case.id}", params={"offset": 400}).text
    assert _rows(second) == every[400:]
    # quantities and origins: a page each, with their own pager
    assert first.count('<a href="/claims/') >= 50
    quantities = re.search(r'<table class="quantities" id="quantities">(.*?)</table>', first, re.S)
    assert quantities is not None and quantities.group(1).count("<tr>") == 51  # header + 50
    assert "?qoffset=50#quantities" in first and "?ooffset=50#origins" in first
    origins = re.search(r'<ul class="origins" id="origins">(.*?)</ul>', first, re.S)
    assert origins is not None and origins.group(1).count("<li>") == 50
    assert "90 origins, most claims first" in first
    # the timeline: one dot per status and month, adding up to every dated claim
    dots = [int(n) for n in re.findall(r'class="dot[^"]*" [^>]*data-n="(\d+)"', first)]
    assert sum(dots) == N and len(dots) < MAX_DAY_DOTS


def test_a_dot_of_many_claims_lists_them(big: tuple[Store, TestClient]) -> None:
    store, client = big
    case = store.cases(CaseFilter())[0]
    page = client.get(f"/cases/{case.id}").text
    link, n = re.search(r'<a href="(/claims\?[^"]+)"><circle [^>]*data-n="(\d+)"', page).groups()  # type: ignore[union-attr]
    listed = client.get("/api" + link.replace("&amp;", "&")).json()
    assert listed["total"] == int(n) > 1


def test_the_api_case_pages_members_and_quantities(big: tuple[Store, TestClient]) -> None:
    store, client = big
    full = store.case(store.cases(CaseFilter())[0].id)
    assert full is not None
    detail = client.get(f"/api/cases/{full.id}", params={"limit": 100, "offset": 100}).json()
    case = detail["case"]
    assert (case["n_members"], case["n_quantities"], len(case["members"]), len(case["quantities"])) == (N, N, 100, 100)
    assert [q["claim_id"] for q in case["quantities"]] == [q.claim_id for q in full.quantities[100:200]]
    assert case["origins"] == list(full.origins) and case["corroboration"] == len(full.origins)
    assert detail["embargo"]["flags"] == ["dprk"]
    dprk = detail["embargo"]["embargoes"][0]
    assert dprk["flagged_documents_total"] == N and len(dprk["flagged_documents"]) == 100
