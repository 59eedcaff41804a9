"""The pipeline as armswatch loads it gives the lemmas spaCy's own loading gives (its lemmatizer's word
index is held as sets, for speed, not as lists)."""

from __future__ import annotations

import pytest
import spacy

from armswatch.evaluation import load_gold
from armswatch.extract.pipeline import load_pipeline
from armswatch.settings import load_settings
from tests.conftest import ROOT, SHARED

pytestmark = pytest.mark.model


def test_lemmas_are_those_of_the_pipeline_as_shipped():
    folders = [ROOT / "tests" / "fixtures" / "gold"]
    folders += [p for p in (SHARED / "seeds", SHARED / "dev-corpus" / "articles") if p.exists()]
    texts = [a.document.text for a in load_gold(folders)]
    texts.append("The batteries were refurbished; Kyiv's allies are rearming, re-supplying and overhauling "
                 "howitzers, mortars, MiGs and drones.")
    ours = load_pipeline(load_settings().model)
    shipped = spacy.load(ours.meta["lang"] + "_" + ours.meta["name"])
    index = ours.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    assert all(isinstance(words, frozenset) for words in index.values())
    lemmas = [[t.lemma_ for t in doc] for doc in ours.pipe(texts, disable=["ner"])]
    assert lemmas == [[t.lemma_ for t in doc] for doc in shipped.pipe(texts, disable=["ner"])]
    assert sum(map(len, lemmas)) > 1000
