"""The claim and case pages show a claim's weapon system, and mark a supplier that does not build it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from web_helpers import make_client

from armswatch.model import Claim, Document
from armswatch.store import ClaimFilter, Store, open_store
from armswatch.systems import load_catalogue

TEXT = "Belarus has passed Geran-2 drones to Russia, the report said. Iran sent Geran-2 drones to Russia too."


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    system = load_catalogue().find("Geran-2")
    assert system is not None
    s = open_store(str(tmp_path / "systems.sqlite3"))
    claims = [Claim("s-1", supplier, "RUS", "uav", "delivered", "Geran-2 drones", TEXT[a:b], (a, b), system=system.id)
              for supplier, (a, b) in (("BLR", (0, 61)), ("IRN", (62, len(TEXT))))]
    s.add_documents_and_claims([(Document("s-1", TEXT), claims)], "systems-test")
    try:
        yield s
    finally:
        s.close()


def test_the_claim_and_case_pages_name_the_system_and_a_supplier_that_does_not_build_it(store: Store) -> None:
    system = load_catalogue().find("Geran-2")
    assert system is not None and "BLR" not in system.producers and "IRN" in system.producers
    by_supplier = {c.claim.supplier: c for c in store.claims(ClaimFilter())}
    with make_client(store) as client:
        for supplier, differs in (("BLR", True), ("IRN", False)):
            c = by_supplier[supplier]
            for url in (f"/claims/{c.id}", f"/cases/{c.case_id}"):
                page = client.get(url).text
                assert f'href="/systems/{system.id}"' in page and system.designation in page, url
                assert ("producer is not supplier" in page) is differs, url
        assert client.get(f"/api/claims/{by_supplier['BLR'].id}").json()["claim"]["producer_differs"] is True
