"""The pre-filter never changes what the extractor finds (project fixtures; ../shared when present)."""

from __future__ import annotations

import pytest

from armswatch.evaluation import load_gold
from armswatch.extract import Extractor
from armswatch.settings import load_settings
from tests.conftest import ROOT, SHARED

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def unfiltered():
    return Extractor(load_settings(prefilter=False))


def folders():
    out = [ROOT / "tests" / "fixtures" / "gold"]
    out += [p for p in (SHARED / "seeds", SHARED / "dev-corpus" / "articles") if p.exists()]
    return out


def test_same_claims_with_and_without_prefilter(extractor, unfiltered):
    assert extractor.prefilter is not None and unfiltered.prefilter is None
    articles = load_gold(folders())
    for art in articles:
        with_filter = [c.to_dict() for c in extractor.extract(art.document)]
        without = [c.to_dict() for c in unfiltered.extract(art.document)]
        assert with_filter == without, art.document.id


def test_dual_use_items_need_a_weapons_context(extractor):
    from armswatch.model import Document

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
