"""The pipeline as armswatch loads it annotates every token as spaCy's own loading does with armswatch's
additions (line breaks, parse repairs, hyphens after abbreviations); two of its parts are swapped for
speed: the lemmatizer's word index is held as sets, not lists, and the attribute ruler looks its patterns
up in tables (`armswatch.extract.attribute_index`)."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from armswatch.evaluation import load_gold
from armswatch.extract.attribute_index import IndexedAttributeRuler
from armswatch.extract.pipeline import (
    add_line_breaks,
    add_parse_repairs,
    load_pipeline,
    split_hyphens_after_abbreviations,
)
from armswatch.settings import load_settings
from tests.conftest import ROOT, SHARED

pytestmark = pytest.mark.model


def test_annotations_are_those_of_the_pipeline_as_shipped():
    folders = [ROOT / "tests" / "fixtures" / "gold"]
    folders += [p for p in (SHARED / "seeds", SHARED / "dev-corpus" / "articles") if p.exists()]
    texts = [a.document.text for a in load_gold(folders)]
    texts.append("The batteries were refurbished; Kyiv's allies are rearming, re-supplying and overhauling "
                 "howitzers, mortars, MiGs and drones.")
    # the attribute ruler's rarer patterns: "gonna", "let's", "y'all", "ain't", "there is", "that"/"which"
    texts.append("Let's see: there is a deal, and y'all ain't gonna like it, gotta say. That was what "
                 "they wanted, which is why there were 3 tanks and those were sold.")
    ours = load_pipeline(load_settings().model)
    shipped = spacy.load(ours.meta["lang"] + "_" + ours.meta["name"])
    # the same additions (sentence starts at line breaks, "U.S.-made" split, parse repairs): the comparison is
    # of the parts swapped for speed
    split_hyphens_after_abbreviations(shipped)
    add_line_breaks(shipped)
    add_parse_repairs(shipped)
    index = ours.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    assert all(isinstance(words, frozenset) for words in index.values())
    assert isinstance(ours.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert ours.pipe_names == shipped.pipe_names
    attrs = [POS, TAG, MORPH, LEMMA, DEP, HEAD]
    annotated = [doc.to_array(attrs).tolist() for doc in ours.pipe(texts, disable=["ner"])]
    assert annotated == [doc.to_array(attrs).tolist() for doc in shipped.pipe(texts, disable=["ner"])]
    assert sum(map(len, annotated)) > 1000
