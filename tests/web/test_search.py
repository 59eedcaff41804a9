"""Full-text search and the lean reads added for the dashboard, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from web_data import ARTICLES, VERSION, documents_and_claims

from armswatch.model import Claim, Document
from armswatch.store import CaseFilter, ClaimFilter, Store
from armswatch.store.browse import actor_summaries, case_summaries, count_cases, document_by_id
from armswatch.store.search import (
    claim_by_id,
    fts5_expression,
    latest_claims,
    parse_query,
    search_claims,
)


def _docs(store: Store, text: str, f: ClaimFilter | None = None, order: str = "relevance") -> list[str]:
    page = search_claims(store, f, parse_query(text), order=order, limit=None)
    assert page.total == len(page.claims)
    return [c.claim.document_id for c in page.claims]


def test_parse_query_terms_phrases_or_and_exclusions() -> None:
    q = parse_query('shells "cruise missiles" OR drones -denied')
    assert q.any_of == (("shells", "cruise missiles"), ("drones",)) and q.none_of == ("denied",)
    assert fts5_expression(q) == '(("shells" AND "cruise missiles") OR ("drones")) NOT "denied"'
    assert parse_query('say "hi').any_of == (("say", "hi"),)  # an unclosed quote closes at the end
    assert fts5_expression(parse_query('a"b')) == '(("a""b"))'  # quotes inside a term cannot end it


@pytest.mark.parametrize("text", ["", "   ", "-only", "--- ...", "OR"])
def test_parse_query_refuses_a_query_with_nothing_to_find(text: str) -> None:
    with pytest.raises(ValueError, match="no word"):
        parse_query(text)


def test_parse_query_limits_length_and_terms() -> None:
    with pytest.raises(ValueError, match="characters"):
        parse_query("x" * 301)
    with pytest.raises(ValueError, match="terms"):
        parse_query(" ".join(f"w{i}" for i in range(17)))


def test_search_same_answers_on_both_back_ends(any_store: Store) -> None:
    assert sorted(_docs(any_store, "drone")) == ["wt-005", "wt-006"]  # stemmed
    assert sorted(_docs(any_store, '"artillery shells"')) == ["wt-002", "wt-004"]
    assert sorted(_docs(any_store, "Leopard OR Shahed")) == ["wt-005", "wt-007", "wt-008"]
    assert _docs(any_store, "Leopard -announced") == ["wt-008"]
    assert _docs(any_store, "containers", ClaimFilter(source="yonhap")) == ["wt-003"]
    assert _docs(any_store, "nothing-like-this-anywhere") == []
    assert _docs(any_store, "SCALP") == ["wt-xss"]
    assert _docs(any_store, "<script> OR ') -- ;") == []  # markup and SQL-ish text are only words to look for


def test_search_pages_and_orders(any_store: Store) -> None:
    q = parse_query("Russia")
    everything = search_claims(any_store, None, q, order="newest", limit=None)
    first = search_claims(any_store, None, q, order="newest", limit=2)
    second = search_claims(any_store, None, q, order="newest", limit=2, offset=2)
    assert first.total == second.total == everything.total == len(everything.claims) >= 4
    assert [c.id for c in first.claims + second.claims] == [c.id for c in everything.claims[:4]]
    dates = [c.published for c in everything.claims]
    assert dates == sorted(dates, reverse=True)
    beyond = search_claims(any_store, None, q, limit=5, offset=1000)
    assert beyond.claims == [] and beyond.total == everything.total


def test_listing_without_query_matches_the_store(any_store: Store) -> None:
    for f in (ClaimFilter(), ClaimFilter(actor="RUS"), ClaimFilter(min_corroboration=2), ClaimFilter(denied=True)):
        page = search_claims(any_store, f, None, limit=None)
        assert sorted(c.id for c in page.claims) == sorted(c.id for c in any_store.claims(f))
        assert page.total == len(page.claims)


def test_new_claims_are_searchable_at_once(any_store: Store) -> None:
    text = "Norway has delivered Zyxwv howitzers to Ukraine."
    claim = Claim(document_id="late", supplier="NOR", recipient="UKR", category="artillery", status="delivered",
                  item="Zyxwv howitzers", evidence=text, evidence_span=(0, len(text)), extractor_version=VERSION)
    any_store.add_documents_and_claims([(Document(id="late", text=text), [claim])], VERSION)
    assert _docs(any_store, "zyxwv") == ["late"]


def test_latest_claims_and_claim_by_id(any_store: Store) -> None:
    latest = latest_claims(any_store, 3)
    assert [c.claim.document_id for c in latest] == ["wt-xss", "wt-003", "wt-003"]
    assert len(latest_claims(any_store, 100)) == sum(len(a["claims"]) for a in ARTICLES)
    found = claim_by_id(any_store, latest[0].id)
    assert found is not None and found[0] == latest[0] and found[1] is True
    assert claim_by_id(any_store, "0" * 16) is None


def test_old_extractor_versions_stay_readable_by_id(any_store: Store) -> None:
    old = search_claims(any_store, ClaimFilter(document="wt-007"), None).claims[0]
    any_store.add_documents_and_claims(documents_and_claims([a for a in ARTICLES if a["id"] == "wt-007"], "v2"), "v2")
    found = claim_by_id(any_store, old.id)
    assert found is not None and found[1] is False


def test_case_and_actor_summaries(any_store: Store) -> None:
    full = any_store.cases(CaseFilter())
    lean = case_summaries(any_store, CaseFilter())
    assert [(k.id, k.corroboration, k.n_claims) for k in lean] == [(k.id, k.corroboration, k.n_claims) for k in full]
    assert count_cases(any_store, CaseFilter(actor="RUS", limit=1)) == 3
    actors = {a.code: a for a in actor_summaries(any_store)}
    assert (actors["PRK"].cases_supplied, actors["PRK"].claims_supplied) == (2, 5)
    assert (actors["RUS"].cases_received, actors["RUS"].claims_received) == (3, 7)
    assert str(actors["RUS"].last_reported) == "2024-03-20"
    assert [a.code for a in actor_summaries(any_store, "ukr")] == ["UKR"]


def test_document_by_id(any_store: Store) -> None:
    c = latest_claims(any_store, 1)[0]
    found = document_by_id(any_store, c.document_id)
    assert found is not None and found[0].doc_id == "wt-xss" and found[1].startswith("PARIS")
    assert document_by_id(any_store, "0" * 64) is None
