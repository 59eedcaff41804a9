"""The aggregates pages read (store_counts, case_timeline, case_origins, case_quantities, the cases' stored
chart and embargo assessment) equal what the claims say, however the store got there: ingest in batches,
re-extraction under another extractor (claims dropped, changed, added), an earlier extractor coming back,
rejections, splits and restores; and equal a recomputation of every case from scratch."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from armswatch.cases import counts_as_origin
from armswatch.model import Claim, Document
from armswatch.screening import case_embargo
from armswatch.store import ClaimFilter, Store
from armswatch.store import schema as t
from armswatch.store.aggregates import assessment_json, quantity_chart, true_claim_counts, true_counts
from armswatch.store.search import search_claims

PARTIES = [("PRK", "RUS", "ammunition"), ("IRN", "RUS", "uav"), ("USA", "UKR", "air_defence"),
           ("RUS", "PRK", "technology"), ("IRN", "houthis", "missiles")]
SPEAKERS = ["Lydia Marsh", "Omar Haddad", "the Kremlin", "Pyongyang's foreign ministry", None, None]
STATUSES = ["sought", "negotiating", "pledged", "delivered", "ongoing"]
FILTERS = [ClaimFilter(actor="RUS"), ClaimFilter(supplier="IRN", status="delivered", hedged=False),
           ClaimFilter(category="uav", since=date(2023, 3, 1), until=date(2023, 5, 31), denied=True),
           ClaimFilter(recipient="rus", until=date(2023, 2, 14))]


def _batch(rng: random.Random, start: int, n: int, version: str) -> list[tuple[Document, list[Claim]]]:
    out = []
    for i in range(start, start + n):
        published = date(2023, 1, 1) + timedelta(days=rng.randrange(200))
        claims = []
        text = f"Report {i}. " + " ".join(f"Sentence {j} of report {i} under {version}." for j in range(4))
        for j in range(rng.choice((0, 1, 1, 2, 3))):
            s, r, cat = rng.choice(PARTIES)
            evidence = f"Sentence {j} of report {i} under {version}."
            at = text.index(evidence)
            qty = rng.choice((None, rng.randint(1, 50) * 100))
            claims.append(Claim(
                document_id=f"doc-{i}", supplier=s, recipient=r, category=cat, status=rng.choice(STATUSES),
                item="shells", evidence=evidence, evidence_span=(at, at + len(evidence)), quantity=qty,
                quantity_text=f"{qty:,}" if qty else rng.choice((None, "dozens")), unit="units" if qty else None,
                hedged=rng.random() < 0.2, denied=rng.random() < 0.2, source=rng.choice(SPEAKERS),
                via=rng.choice((None, "Wire Daily")), extractor_version=version))
        # the text depends on the version only through the claims' evidence: keep it per document
        out.append((Document(id=f"doc-{i}", text=f"Report {i} body. " * 3 + f"Day {published}.", title=f"T{i}",
                             published=published, outlet=rng.choice(("Valley Times", "Harbor Courier")),
                             origin=f"test#{i}"), claims))
    return out


def _fix_spans(batch: list[tuple[Document, list[Claim]]]) -> list[tuple[Document, list[Claim]]]:
    """Evidence spans pointing into each document's own text (the store checks their shape only)."""
    return [(d, [Claim(**{**c.to_dict(), "evidence_span": (0, 5)}) for c in cs]) for d, cs in batch]


def _stored(store: Store) -> dict[str, Any]:
    with store.engine.connect() as conn:
        rows = {tbl.name: sorted(tuple(r) for r in conn.execute(select(tbl)))
                for tbl in (t.case_timeline, t.case_origins, t.case_quantities)}
        rows["charts"] = {r.id: (r.quantity_chart, r.embargo_assessment)
                          for r in conn.execute(select(t.cases.c.id, t.cases.c.quantity_chart,
                                                       t.cases.c.embargo_assessment))}
        rows["order"] = {}
        for r in conn.execute(select(t.case_claims.c.case_id, t.case_claims.c.claim_id)
                              .order_by(t.case_claims.c.position)):
            rows["order"].setdefault(r.case_id, []).append(r.claim_id)
        counts = true_counts(conn)
        rows["claim_counts"] = ({tuple(r[:-1]): r[-1] for r in conn.execute(select(t.claim_counts))},
                                true_claim_counts(conn))
    rows["counts"] = (store.stats(), counts)
    return rows


def _expected(store: Store) -> dict[str, Any]:
    """The same aggregates, computed here from each case's claims as the store hands them out."""
    timeline, origins, quantities = [], [], []
    charts = {}
    for k in store.cases():
        case = store.case(k.id)
        assert case is not None
        origin_of = {m.claim_id: m.origin for m in case.members}
        included = [c for c in store.claims(ClaimFilter(case_id=k.id)) if c.included]
        buckets: dict[tuple[str, date], list[Any]] = {}
        for c in included:
            if c.published:
                buckets.setdefault((c.claim.status, c.published), []).append(c)
        timeline += [(k.id, st, day, day.isoformat()[:7], len(cs), sum(c.claim.denied for c in cs),
                      min(c.id for c in cs)) for (st, day), cs in buckets.items()]
        counted = Counter(origin_of[c.id] for c in included if counts_as_origin(c))
        assert len(counted) == case.corroboration
        origins += [(k.id, o, n) for o, n in counted.items()]
        quantities += [(k.id, q.claim_id, q.reported, q.quantity, q.quantity_text, q.unit, q.status, q.by,
                        q.document_id) for q in case.quantities]
        charts[k.id] = (quantity_chart(case.quantities), assessment_json(case_embargo(store, case)))
    return {"case_timeline": sorted(timeline), "case_origins": sorted(origins),
            "case_quantities": sorted(quantities), "charts": charts}


def _check(store: Store) -> dict[str, Any]:
    stored = _stored(store)
    expected = _expected(store)
    for name in ("case_timeline", "case_origins", "case_quantities", "charts"):
        assert stored[name] == expected[name], name
    for case_id, ids in stored["order"].items():  # a case's claims in page order, as the claims query gives them
        assert ids == [c.id for c in store.claims(ClaimFilter(case_id=case_id))]
    kept, counted = stored["counts"]
    assert kept == counted
    kept_claims, counted_claims = stored["claim_counts"]
    assert kept_claims == counted_claims
    for f in FILTERS:  # the totals of filtered lists (from claim_counts) are the lists' lengths
        assert search_claims(store, f, limit=5).total == len(search_claims(store, f, limit=None).claims), f
    return stored


def test_aggregates_follow_ingest_reextraction_and_decisions(store: Store) -> None:
    rng = random.Random(7)
    first = [_fix_spans(_batch(rng, start, 15, "v1")) for start in range(0, 60, 15)]
    for batch in first:
        store.add_documents_and_claims(batch, "v1")
    assert store.stats()["current_claims"] > 40
    _check(store)

    # another extractor for half of the documents: claims dropped, changed and added
    redo = _fix_spans(_batch(random.Random(8), 0, 30, "v2"))
    store.add_documents_and_claims(redo[:12], "v2")
    store.add_documents_and_claims(redo[12:], "v2")
    _check(store)
    # the first extractor comes back for a few of them: their v1 claims are current again
    store.add_documents_and_claims(first[0][:5], "v1")
    _check(store)

    claims = store.claims()
    store.record_decision(claims[0].id, "reject", reason="misread", decided_by="ana")
    store.record_decision(claims[1].id, "split", reason="another deal", decided_by="ana", label="deal B")
    store.record_decision(claims[2].id, "split", reason="another deal", decided_by="ana", label="deal B")
    _check(store)
    store.record_decision(claims[1].id, "restore", reason="same deal after all", decided_by="ben")
    every = [c for c in store.claims() if c.case_id == claims[3].case_id]
    for c in every:  # a case left with no claim counted
        store.record_decision(c.id, "reject", reason="all wrong", decided_by="ana")
    maintained = _check(store)

    store.rebuild_cases()
    assert _check(store) == maintained, "what ingest maintained equals a recomputation from scratch"


def test_a_new_store_counts_nothing(store: Store) -> None:
    assert set(store.stats().values()) == {0}
    store.add_documents_and_claims([(Document(id="empty", text="Nothing about arms here."), [])], "v1")
    assert store.stats() == {"documents": 1, "near_duplicate_groups": 1, "extractions": 1, "claims": 0,
                             "current_claims": 0, "cases": 0, "decisions": 0}
    _check(store)
