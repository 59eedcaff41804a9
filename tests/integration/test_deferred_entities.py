"""The entity recogniser runs after the parse, and only on documents that yield claims: the claims are the
same as with the whole pipeline at once, sources included."""

from __future__ import annotations

import pytest
import spacy

from armswatch.evaluation import load_gold
from armswatch.extract.claims import claims_from_doc
from armswatch.extract.extractor import _deferrable_entity_recogniser
from armswatch.model import Document
from tests.conftest import ROOT, SHARED

pytestmark = pytest.mark.model

NO_CLAIM = Document(id="talks", text="Russia and China held talks on missile defence in Moscow on Monday. "
                                      "Officials said no deal to sell weapons was discussed.")


def _documents() -> list[Document]:
    folders = [ROOT / "tests" / "fixtures" / "gold"]
    folders += [p for p in (SHARED / "seeds", SHARED / "dev-corpus" / "articles") if p.exists()]
    return [a.document for a in load_gold(folders)] + [NO_CLAIM]


def test_same_claims_as_the_whole_pipeline(extractor):
    docs = _documents()
    texts = [extractor.text_to_parse(d) for d in docs]
    todo = [i for i, t in enumerate(texts) if t is not None]
    whole = [[] for _ in docs]
    for i, doc in zip(todo, extractor.nlp.pipe(texts[i] for i in todo), strict=True):
        assert doc.has_annotation("ENT_IOB")
        whole[i] = claims_from_doc(doc, extractor.resources, docs[i], extractor.identity)
    deferred = extractor.extract_batch(docs)
    assert sum(map(len, whole)) > 0 and any(c.source for cs in whole for c in cs)
    assert [[c.to_dict() for c in cs] for cs in deferred] == [[c.to_dict() for c in cs] for cs in whole]


def test_entities_are_recognised_only_where_claims_are(extractor, monkeypatch):
    seen: list[str] = []
    recogniser = extractor.nlp.get_pipe("ner")

    class Counting:
        def pipe(self, docs, **kwargs):
            docs = list(docs)
            seen.extend(d.text for d in docs)
            return recogniser.pipe(docs, **kwargs)

    monkeypatch.setattr(extractor, "_entities", Counting())
    claim = Document(id="sent", text="Iran has sent drones to Russia, US officials said on Monday.")
    assert extractor.text_to_parse(NO_CLAIM) is not None  # the parser reads it, and finds no claim
    out = extractor.extract_batch([NO_CLAIM, claim])
    assert out[0] == [] and [c.key for c in out[1]] == [("IRN", "RUS", "uav", "delivered")]
    assert seen == [claim.text]


def test_only_a_last_recogniser_is_deferred():
    last = spacy.blank("en")
    last.add_pipe("ner")
    assert _deferrable_entity_recogniser(last) is last.get_pipe("ner")
    read_after = spacy.blank("en")
    read_after.add_pipe("ner")
    read_after.add_pipe("merge_entities")  # reads the entities: they must be there before it runs
    assert _deferrable_entity_recogniser(read_after) is None
    assert _deferrable_entity_recogniser(spacy.blank("en")) is None
