"""The pre-filter never changes what the extractor finds (project fixtures; ../shared when present)."""

from __future__ import annotations

import json

import pytest

from armswatch.evaluation import load_gold
from armswatch.extract import Extractor
from armswatch.model import Document
from armswatch.settings import load_settings
from tests.conftest import ROOT, SHARED

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def unfiltered():
    return Extractor(load_settings(prefilter=False))


def folders():
    out = [ROOT / "tests" / "fixtures" / "gold"]
    out += [p for p in (SHARED / "seeds", SHARED / "real-corpus" / "articles", SHARED / "dev-corpus" / "articles")
            if p.exists()]
    return out


def reuters_passed(extractor, limit: int) -> list[Document]:
    """The first Reuters articles the pre-filter lets through (in part): where it could go wrong."""
    path = SHARED / "corpora" / "reuters21578.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared is only beside the project's own checkouts)")
    out: list[Document] = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            row = json.loads(line)
            doc = Document(id=str(row.get("id", n)), text=row.get("text") or "", title=row.get("title"))
            if extractor.text_to_parse(doc) is not None:
                out.append(doc)
                if len(out) == limit:
                    break
    return out


def test_same_claims_with_and_without_prefilter(extractor, unfiltered):
    assert extractor.prefilter is not None and unfiltered.prefilter is None
    articles = load_gold(folders())
    for art in articles:
        with_filter = [c.to_dict() for c in extractor.extract(art.document)]
        without = [c.to_dict() for c in unfiltered.extract(art.document)]
        assert with_filter == without, art.document.id


@pytest.mark.shared
def test_same_claims_on_newswire_the_prefilter_lets_through(extractor, unfiltered):
    for doc in reuters_passed(extractor, 150):
        assert [c.to_dict() for c in extractor.extract(doc)] == [c.to_dict() for c in unfiltered.extract(doc)], \
            doc.id


def test_dual_use_items_need_a_weapons_context(extractor):
    civil = Document(id="cars", text="Japan agreed to buy more U.S.-made parts for its car makers, "
                                     "a Commerce Department official said.")
    military = Document(id="drones", text="Iran has sent engines and other parts for attack drones to Russia, "
                                          "US officials said.")
    talks = Document(id="talks", text="Japan and the United States opened a new round of trade talks on Monday. "
                                       "Japan will buy ships from the United States, officials said.")
    rounds = Document(id="rounds", text="Japan will buy 20,000 rounds from the United States, officials said.")
    assert extractor.extract(civil) == []
    assert extractor.extract(talks) == []  # a round of talks names no weapon: the ships stay civil
    assert [c.key for c in extractor.extract(rounds)] == [("USA", "JPN", "ammunition", "pledged")]
    assert [c.key for c in extractor.extract(military)] == [("IRN", "RUS", "components", "delivered")]


def test_batch_extraction_equals_one_by_one(extractor):
    docs = [a.document for a in load_gold(folders())]
    batched = extractor.extract_batch(docs)
    assert [[c.to_dict() for c in cs] for cs in batched] == [
        [c.to_dict() for c in extractor.extract(d)] for d in docs]
