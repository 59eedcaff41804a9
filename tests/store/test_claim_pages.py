"""Pages of claims, newest first, taken from a window of the newest documents: every page equals the same
slice of the whole ordered list, with and without filters, and the totals are exact."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from armswatch.model import Claim, Document
from armswatch.store import ClaimFilter, Store
from armswatch.store.search import search_claims

ACTORS = ["PRK", "RUS", "IRN", "UKR", "USA", "houthis"]


def _fill(store: Store, n: int = 700) -> None:
    rng = random.Random(3)
    batch = []
    for i in range(n):
        published = None if i % 97 == 0 else date(2022, 1, 1) + timedelta(days=rng.randrange(900))
        text = f"Item {i}: a report on transfers, numbered {i}."
        claims = []
        for _ in range(rng.choice((0, 1, 2, 2, 3))):
            s, r = rng.sample(ACTORS, 2)
            claims.append(Claim(document_id=f"d{i}", supplier=s, recipient=r, status="delivered",
                                category=rng.choice(("uav", "ammunition")), item="drones", evidence=text,
                                evidence_span=(0, len(text)), hedged=rng.random() < 0.3, extractor_version="t"))
        batch.append((Document(id=f"d{i}", text=text, published=published, title=f"T{i}", outlet="Wire"), claims))
    store.add_documents_and_claims(batch, "t")


@pytest.mark.parametrize("f", [ClaimFilter(), ClaimFilter(actor="RUS", category="uav", hedged=False),
                               ClaimFilter(actor="houthis"), ClaimFilter(since=date(2023, 1, 1),
                                                                         until=date(2023, 12, 31))])
def test_every_newest_page_is_a_slice_of_the_whole_list(store: Store, f: ClaimFilter) -> None:
    _fill(store)
    whole = [c.id for c in search_claims(store, f, None, order="newest", limit=None).claims]
    assert len(whole) > 60
    for offset in (0, 50, 300, len(whole) - 20, len(whole) + 5):
        page = search_claims(store, f, None, order="newest", limit=50, offset=offset)
        assert [c.id for c in page.claims] == whole[offset:offset + 50], offset
        assert page.total == len(whole)


@pytest.mark.parametrize("text", ["drones", "report OR transfers", "drones -Item"])
def test_every_best_match_page_is_a_slice_of_the_whole_ranking(store: Store, text: str) -> None:
    from armswatch.store.search import parse_query

    _fill(store)  # the evidence sentences differ only by their numbers: many matches rank the same
    query = parse_query(text)
    for f in (ClaimFilter(), ClaimFilter(actor="houthis", hedged=True)):
        whole = [c.id for c in search_claims(store, f, query, order="relevance", limit=None).claims]
        for offset in (0, 50, 400, max(0, len(whole) - 10)):
            page = search_claims(store, f, query, order="relevance", limit=50, offset=offset)
            assert [c.id for c in page.claims] == whole[offset:offset + 50], (f, offset)
            assert page.total == len(whole)


def test_newest_pages_of_a_search_are_slices_of_the_whole_list(store: Store) -> None:
    from armswatch.store.search import parse_query

    _fill(store)
    query = parse_query("report OR Item")
    for f in (ClaimFilter(), ClaimFilter(supplier="IRN", hedged=False)):
        whole = [c.id for c in search_claims(store, f, query, order="newest", limit=None).claims]
        assert len(whole) > 60
        for offset in (0, 50, 300):
            page = search_claims(store, f, query, order="newest", limit=50, offset=offset)
            assert [c.id for c in page.claims] == whole[offset:offset + 50]
            assert page.total == len(whole)


def test_pages_of_a_case_s_claims_are_slices_of_the_whole_list(store: Store) -> None:
    _fill(store)
    case = max(store.cases(), key=lambda k: k.n_claims)
    rejected = store.claims(ClaimFilter(case_id=case.id))[3]
    store.record_decision(rejected.id, "reject", reason="misread", decided_by="ana")  # still listed
    f = ClaimFilter(case_id=case.id)
    for order in ("newest", "oldest"):
        whole = [c.id for c in search_claims(store, f, None, order=order, limit=None).claims]
        assert len(whole) > 25 and rejected.id in whole
        for offset in (0, 10, len(whole) - 5):
            page = search_claims(store, f, None, order=order, limit=10, offset=offset)
            assert [c.id for c in page.claims] == whole[offset:offset + 10], (order, offset)
            assert page.total == len(whole)
