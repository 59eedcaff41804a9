"""Scoring against gold claims: triples, statuses, attributes and the confusion tables."""

from __future__ import annotations

from armswatch.evaluation import GoldArticle, confusion, same_source, score_claims
from armswatch.model import Claim, Document


def gold(supplier: str, recipient: str, category: str, status: str, **more) -> dict:
    return {"supplier": supplier, "recipient": recipient, "category": category, "status": status, **more}


def predicted(supplier: str, recipient: str, category: str, status: str, **more) -> Claim:
    return Claim("d", supplier, recipient, category, status, item="x", evidence="x", evidence_span=(0, 1), **more)


def test_same_source_when_one_name_holds_the_other():
    assert same_source("Ada Okafor", "Okafor")
    assert same_source("senior US officials", "officials")
    assert same_source("The Defence Ministry", "defence ministry")
    assert not same_source("Ada Okafor", "Ben Okafor")
    assert not same_source(None, "officials") and not same_source("officials", "")


def test_confusion_pairs_agreements_then_leftovers():
    assert confusion({"pledged", "delivered"}, {"delivered", "sought"}) == [("delivered", "delivered"),
                                                                             ("pledged", "sought")]
    assert confusion({"pledged"}, set()) == [("pledged", "-")]
    assert confusion(set(), {"uav"}) == [("-", "uav")]


def test_score_counts_triples_statuses_and_attributes():
    art = GoldArticle(Document(id="d", text="..."), [
        gold("IRN", "RUS", "uav", "delivered", quantity=400, source="Ada Okafor"),
        gold("PRK", "RUS", "ammunition", "pledged")])
    preds = {"d": [predicted("IRN", "RUS", "uav", "pledged", quantity=400.0, source="Okafor"),
                   predicted("CHN", "RUS", "components", "delivered")]}
    s = score_claims([art], preds)
    assert (s.triple.tp, s.triple.fp, s.triple.fn) == (1, 1, 1)
    assert (s.status.tp, s.status.fp, s.status.fn) == (0, 2, 2)
    assert s.misses == ["d|PRK|RUS|ammunition"] and s.spurious == ["d|CHN|RUS|components"]
    assert s.wrong_status == ["d|IRN|RUS|uav|delivered"]
    assert s.attributes == {"denied": 1.0, "hedged": 1.0, "quantity": 1.0, "source": 1.0}
    assert s.status_confusion == {("delivered", "pledged"): 1}
    assert s.category_confusion[("ammunition", "-")] == 1 and s.category_confusion[("uav", "uav")] == 1
    assert s.by_document() == {"d": {"missed": ["PRK|RUS|ammunition"], "spurious": ["CHN|RUS|components"],
                                     "wrong status": ["IRN|RUS|uav|delivered"]}}


def test_an_article_without_claims_counts_any_prediction():
    art = GoldArticle(Document(id="d", text="..."), [])
    s = score_claims([art], {"d": [predicted("IRN", "RUS", "uav", "delivered")]})
    assert (s.negative_documents, s.negative_documents_with_claims) == (1, 1)
