"""Claims keep the weapon system their item names: stored, read back, filled by the migration, exported."""

from __future__ import annotations

import io
import json

from sqlalchemy import text
from store_helpers import FIXTURES, FixtureExtractor
from test_migrations import _go

from armswatch.export import PARQUET_SCHEMAS, export
from armswatch.ingest import ingest
from armswatch.sources import iter_documents
from armswatch.store import ClaimFilter, Store
from armswatch.store.case_pages import case_systems
from armswatch.systems import load_catalogue


def _fill(store: Store) -> None:
    ingest(iter_documents([FIXTURES / "articles.jsonl", FIXTURES / "more"]), store, FixtureExtractor(),
           extractor_version="fixture", batch_size=5)


def _systems(store: Store) -> dict[str, str | None]:
    return {c.id: c.claim.system for c in store.claims(ClaimFilter())}


def test_a_claim_keeps_the_system_its_item_names(store: Store) -> None:
    _fill(store)
    catalogue = load_catalogue()
    claims = store.claims(ClaimFilter())
    for c in claims:
        named = catalogue.find(c.claim.item)
        assert c.claim.system == (named.id if named else None), c.claim.item
    linked = [c for c in claims if c.claim.system]
    assert linked and len(linked) < len(claims)  # named systems and generic items both
    counted = dict(case_systems(store, linked[0].case_id))  # what the case page lists
    assert counted[linked[0].claim.system] == sum(
        1 for c in claims if c.case_id == linked[0].case_id and c.claim.system == linked[0].claim.system)


def test_the_migration_fills_the_claims_already_stored(store: Store) -> None:
    _fill(store)
    before = _systems(store)
    _go(store, "0008", down=True)
    with store.engine.connect() as conn:
        columns = list(conn.execute(text("SELECT * FROM claims")).keys())
    assert "system" not in columns
    _go(store, "head", down=False)
    assert _systems(store) == before and any(before.values())


def test_exports_carry_the_system_and_whether_the_supplier_builds_it(store: Store) -> None:
    _fill(store)
    out = io.StringIO()
    export(store, "jsonl", out, "claims")
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    catalogue = load_catalogue()
    for row in rows:
        system = catalogue.get(row["system"])
        expected = None if system is None or not system.producers else row["supplier"] not in system.producers
        assert row["producer_differs"] == expected
    assert any(r["system"] for r in rows)
    assert {"system", "producer_differs"} <= set(PARQUET_SCHEMAS["claims"].names)
