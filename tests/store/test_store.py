"""The Store on SQLite and PostgreSQL: migrations, idempotent writes, versions, filters, decisions."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from store_helpers import dump, make_claim

from armswatch.errors import StoreError
from armswatch.model import Document
from armswatch.settings import Settings
from armswatch.store import CaseFilter, ClaimFilter, Store, open_store
from armswatch.store.engine import current_revision, head_revision, resolve_url
from armswatch.store.schema import metadata
from armswatch.store.search import search_objects_excluded


def doc(n: int, text: str | None = None, **kw: Any) -> Document:
    return Document(
        id=f"d{n}",
        text=text or f"Article number {n} says something distinct about item {n}.",
        origin=f"test#{n}",
        **kw,
    )


def test_open_migrates_to_head_and_matches_the_declared_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        # full-text search objects (FTS5 table, GIN index) live outside the declared tables
        ctx = MigrationContext.configure(conn, opts={"include_name": search_objects_excluded})
        diff = compare_metadata(ctx, metadata)
    assert diff == []


def test_reopening_is_a_no_op(db_url: str) -> None:
    with open_store(db_url) as s:
        s.add_documents_and_claims([(doc(1), [make_claim()])], "v1")
    with open_store(db_url) as s:
        assert s.stats()["claims"] == 1


def test_same_batch_twice_adds_nothing(store: Store) -> None:
    batch = [(doc(1), [make_claim()]), (doc(2), [make_claim(status="pledged")])]
    first = store.add_documents_and_claims(batch, "v1")
    before = dump(store)
    again = store.add_documents_and_claims(batch, "v1")
    assert len(first.stored) == 2 and first.claims_stored == 2
    assert again.stored == [] and len(again.skipped) == 2 and again.claims_stored == 0
    assert dump(store) == before


def test_documents_are_keyed_by_text(store: Store) -> None:
    out = store.add_documents_and_claims([(doc(1, "Same words."), []), (doc(2, "Same words."), [])], "v1")
    assert out.stored == ["test#1"] and out.skipped[0][0] == "test#2"
    assert store.stats()["documents"] == 1


def test_new_extractor_version_adds_rows_and_keeps_old_ones(store: Store) -> None:
    store.add_documents_and_claims([(doc(1), [make_claim(status="pledged")])], "v1")
    out = store.add_documents_and_claims([(doc(1), [make_claim(status="delivered"), make_claim(category="uav")])], "v2")
    assert out.reextracted == ["test#1"] and out.claims_stored == 2
    stats = store.stats()
    assert stats["documents"] == 1 and stats["claims"] == 3 and stats["current_claims"] == 2
    assert {c.claim.extractor_version for c in store.claims()} == {"v2"}
    assert len(store.claims(ClaimFilter(extractor_version="all"))) == 3
    assert [c.claim.status for c in store.claims(ClaimFilter(extractor_version="v1"))] == ["pledged"]
    (case,) = store.cases(CaseFilter(category="ammunition"))
    assert case.status == "delivered" and case.n_claims == 1  # the v1 claim is no longer current


def test_bad_claims_are_rejected_with_reasons_and_the_rest_is_stored(store: Store) -> None:
    bad = [
        make_claim(category="rockets"),
        make_claim(status="rumoured"),
        make_claim(recipient="PRK"),
        make_claim(supplier=""),
    ]
    out = store.add_documents_and_claims([(doc(1), [*bad, make_claim()]), (doc(2, "   "), [])], "v1")
    assert [r for _, r in out.claims_rejected] == [
        "unknown category 'rockets'",
        "unknown status 'rumoured'",
        "supplier and recipient are the same (PRK)",
        "claim has no supplier or no recipient",
    ]
    assert out.rejected == [("test#2", "empty text")]
    assert out.claims_stored == 1 and store.stats()["documents"] == 1


def test_malformed_claim_fields_are_rejected(store: Store) -> None:
    out = store.add_documents_and_claims(
        [
            (
                doc(1),
                [
                    make_claim(evidence_span=("x", "y")),
                    make_claim(evidence_span=(9, 3)),
                    make_claim(quantity="lots"),
                ],
            )
        ],
        "v1",
    )
    assert [r.split(" is not")[0] for _, r in out.claims_rejected] == [
        "evidence span ('x', 'y')",
        "evidence span (9, 3)",
        "quantity 'lots'",
    ]
    assert out.claims_stored == 0 and out.stored == ["test#1"]


def test_a_failed_batch_stores_nothing_and_loses_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add_documents_and_claims([(doc(1), [make_claim()])], "v1")
    before = dump(store)

    def crash(*_: object) -> None:
        raise RuntimeError("simulated crash after the rows were written")

    monkeypatch.setattr(Store, "_recompute", crash)  # runs after the batch's inserts, before commit
    with pytest.raises(RuntimeError, match="simulated crash"):
        store.add_documents_and_claims([(doc(2), [make_claim()]), (doc(3), [make_claim()])], "v1")
    assert dump(store) == before


def test_filters(store: Store) -> None:
    store.add_documents_and_claims(
        [
            (
                doc(1, outlet="Harbor Courier", published=date(2024, 1, 10)),
                [
                    make_claim(source="Lydia Marsh", quantity=5.0),
                    make_claim("IRN", "RUS", "uav", "pledged", hedged=True),
                ],
            ),
            (
                doc(2, outlet="Valley Times", published=date(2024, 3, 1)),
                [
                    make_claim(status="ongoing", source="Defence Ministry"),
                    make_claim(
                        "DEU",
                        "UKR",
                        "armoured_vehicles",
                        "pledged",
                        denied=True,
                        evidence="Germany denies a 100% deal.",
                    ),
                ],
            ),
        ],
        "v1",
    )

    def claims(**kw: Any) -> list[tuple[str, str, str]]:
        return sorted((c.claim.supplier, c.claim.category, c.claim.status) for c in store.claims(ClaimFilter(**kw)))

    assert len(claims()) == 4
    assert claims(actor="rus") == [
        ("IRN", "uav", "pledged"),
        ("PRK", "ammunition", "delivered"),
        ("PRK", "ammunition", "ongoing"),
    ]
    assert claims(supplier="DEU", recipient="UKR") == [("DEU", "armoured_vehicles", "pledged")]
    assert claims(category="uav") == [("IRN", "uav", "pledged")]
    assert claims(status="ongoing") == [("PRK", "ammunition", "ongoing")]
    assert claims(since=date(2024, 2, 1)) == claims(document="d2") == claims(source="valley")
    assert claims(until=date(2024, 2, 1)) == claims(source="harbor courier")
    assert claims(source="marsh") == [("PRK", "ammunition", "delivered")]
    assert claims(hedged=True) == [("IRN", "uav", "pledged")]
    assert claims(denied=True) == [("DEU", "armoured_vehicles", "pledged")]
    assert len(claims(denied=False)) == 3
    assert claims(min_corroboration=2) == [
        ("PRK", "ammunition", "delivered"),
        ("PRK", "ammunition", "ongoing"),
    ]
    assert claims(text="100%") == [("DEU", "armoured_vehicles", "pledged")]  # % is literal, not a wildcard
    assert len(store.claims(ClaimFilter(limit=2))) == 2 and len(store.claims(ClaimFilter(offset=3))) == 1

    def cases(**kw: Any) -> list[tuple[str, str]]:
        return [(k.supplier, k.category) for k in store.cases(CaseFilter(**kw))]

    # most corroborated first; the denied-only case has no corroborating origin
    assert cases() == [("PRK", "ammunition"), ("IRN", "uav"), ("DEU", "armoured_vehicles")]
    assert cases(min_corroboration=2) == [("PRK", "ammunition")]
    assert cases(actor="UKR") == [("DEU", "armoured_vehicles")]
    assert cases(status="ongoing") == [("PRK", "ammunition")]
    assert cases(hedged=True) == [("IRN", "uav")]
    assert cases(denied=True) == [("DEU", "armoured_vehicles")]
    assert cases(denied=False, hedged=False) == [("PRK", "ammunition")]
    assert cases(source="marsh") == [("PRK", "ammunition")]
    assert cases(since=date(2024, 2, 1)) == [("PRK", "ammunition"), ("DEU", "armoured_vehicles")]
    assert cases(until=date(2024, 1, 31)) == [("PRK", "ammunition"), ("IRN", "uav")]
    assert cases(category="naval") == []
    with pytest.raises(ValueError, match="category 'boats' is not one of"):
        store.cases(CaseFilter(category="boats"))


def test_case_detail_explains_each_claim(store: Store) -> None:
    store.add_documents_and_claims([(doc(1), [make_claim(), make_claim(status="pledged")])], "v1")
    (summary,) = store.cases()
    case = store.case(summary.id[:6])
    assert case is not None and case.id == summary.id and len(case.members) == 2
    assert all("same supplier, recipient and category" in m.reason for m in case.members)
    assert store.case("ffffffffffffffff") is None


def test_decisions_apply_and_survive_reingest_and_new_versions(store: Store) -> None:
    batch = [
        (doc(1), [make_claim(source="A")]),
        (doc(2), [make_claim(source="B")]),
        (doc(3), [make_claim(source="C")]),
    ]
    store.add_documents_and_claims(batch, "v1")
    by_doc = {c.claim.document_id: c for c in store.claims()}
    store.record_decision(by_doc["d2"].id, "reject", reason="misread quote", decided_by="ana")
    store.record_decision(by_doc["d3"].id[:8], "split", reason="a different deal", decided_by="ana", label="2019 deal")
    assert [(k.label, k.n_claims, k.corroboration) for k in store.cases()] == [
        (None, 1, 1),
        ("2019 deal", 1, 1),
    ]
    rejected = store.claims(ClaimFilter(document="d2"))[0]
    assert rejected.included is False and "misread quote" in (rejected.reason or "")
    assert len(store.claims(ClaimFilter(include_rejected=False))) == 2

    store.add_documents_and_claims(batch, "v1")  # re-ingest: nothing changes
    store.rebuild_cases()  # a full recomputation gives the same
    assert [(k.label, k.n_claims) for k in store.cases()] == [(None, 1), ("2019 deal", 1)]
    store.add_documents_and_claims(batch, "v2")  # same statements found by a new extractor version
    assert [(k.label, k.n_claims) for k in store.cases()] == [(None, 1), ("2019 deal", 1)]
    assert store.claims(ClaimFilter(document="d2"))[0].included is False

    store.record_decision(by_doc["d2"].id, "restore", reason="quote checked", decided_by="ben")
    assert [(k.label, k.n_claims) for k in store.cases()] == [(None, 2), ("2019 deal", 1)]
    assert [d.action for d in store.decisions()] == ["reject", "split", "restore"]
    assert [d.action for d in store.decisions(by_doc["d2"].id)] == ["reject", "restore"]


def test_decision_errors_name_the_problem(store: Store) -> None:
    store.add_documents_and_claims([(doc(1), [make_claim()])], "v1")
    cid = store.claims()[0].id
    with pytest.raises(StoreError, match="no such claim"):
        store.record_decision("abcdef", "reject", reason="x", decided_by="a")
    with pytest.raises(StoreError, match="unknown decision 'merge'"):
        store.record_decision(cid, "merge", reason="x", decided_by="a")
    with pytest.raises(StoreError, match="needs a reason"):
        store.record_decision(cid, "reject", reason=" ", decided_by="a")
    with pytest.raises(StoreError, match="at least 4 characters"):
        store.record_decision(cid[:2], "reject", reason="x", decided_by="a")
    assert store.decisions() == []


def test_near_duplicates_share_a_group_and_count_once(store: Store) -> None:
    base = (
        "North Korea has shipped roughly 5,200 containers of artillery shells to Russia since last summer, "
        "a Pentagon spokeswoman told reporters on Monday, adding that the trains ran through the border "
        "crossing and were unloaded at depots in the Far East."
    )
    other = (
        "Germany will send fourteen Leopard tanks to Ukraine, a government spokesman said, ending weeks "
        "of debate among allies about the delivery of Western battle tanks."
    )
    store.add_documents_and_claims([(doc(1, base), [make_claim()])], "v1")
    store.add_documents_and_claims(
        [
            (doc(2, "SEOUL (Wire) - " + base + " Subscribe to our newsletter."), [make_claim()]),
            (doc(3, other), [make_claim()]),
        ],
        "v1",
    )
    groups = {d.doc_id: d.dup_group for d in store.documents()}
    assert groups["d2"] == groups["d1"] != groups["d3"]
    (case,) = store.cases()
    assert case.n_documents == 3 and case.corroboration == 2


def test_bad_database_urls_are_reported() -> None:
    with pytest.raises(StoreError, match="unsupported database 'mysql'"):
        open_store("mysql://127.0.0.1/x")
    with pytest.raises(StoreError, match="does not exist"):
        open_store("/no/such/folder/armswatch.sqlite3")


@pytest.mark.postgres
def test_unreachable_postgres_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_where_the_store_lives(tmp_path: Path) -> None:
    settings = Settings(data_dir=str(tmp_path / "data"))
    assert resolve_url("", settings) == f"sqlite:///{tmp_path / 'data' / 'armswatch.sqlite3'}"
    assert (tmp_path / "data").is_dir()
    assert resolve_url(str(tmp_path / "x.db"), settings) == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_url("postgres://u@127.0.0.1/db", settings) == "postgresql+psycopg://u@127.0.0.1/db"
    assert resolve_url("sqlite:///relative.db", settings) == "sqlite:///relative.db"
    with open_store(settings=Settings(data_dir=str(tmp_path / "data"))) as store:
        assert store.url.endswith("data/armswatch.sqlite3")
