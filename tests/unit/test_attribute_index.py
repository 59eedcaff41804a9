"""The indexed attribute ruler gives, token for token, what spaCy's AttributeRuler gives with the same
patterns: plain values, IN / NOT_IN / REGEX, patterns of several tokens with their target token, the
later pattern winning, and what only a Matcher runs (operators). Hand-built parses, no model."""

from __future__ import annotations

import spacy
from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from armswatch.extract.attribute_index import IndexedAttributeRuler, install

PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"IN": ["VBD", "VBN"]}}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Past"}},
    {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET"}},
    # a later pattern wins over an earlier one for the attributes it sets
    {"patterns": [[{"LOWER": "sold", "TAG": "VBD"}]], "attrs": {"LEMMA": "sell"}},
    {"patterns": [[{"TAG": "DT", "DEP": {"NOT_IN": ["det", ""]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"LOWER": {"REGEX": "^gun(s)?$"}}]], "attrs": {"LEMMA": "gun"}},
    # several tokens, the attributes going to the second, then to the last
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"}, "index": -1},
    # an operator: only a Matcher runs it
    {"patterns": [[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], "attrs": {"POS": "ADJ"}, "index": -1},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
]

ROWS = [  # word, tag, dep, head
    ("That", "DT", "nsubj", 1), ("was", "VBD", "ROOT", 1), ("gon", "VBG", "aux", 1), ("na", "TO", "aux", 1),
    ("there", "EX", "expl", 5), ("is", "VBZ", "ccomp", 1), ("a", "DT", "det", 7), ("gun", "NN", "attr", 5),
    ("that", "DT", "nsubj", 9), ("sold", "VBD", "relcl", 7), ("very", "RB", "advmod", 12),
    ("very", "RB", "advmod", 12), ("fast", "JJ", "advmod", 9), ("  ", "_SP", "dep", 12), ("guns", "NNS", "dobj", 9),
]


def _doc(vocab) -> Doc:
    return Doc(vocab, words=[r[0] for r in ROWS], tags=[r[1] for r in ROWS], deps=[r[2] for r in ROWS],
               heads=[r[3] for r in ROWS])


def _rulers():
    nlp = spacy.blank("en")
    ours = IndexedAttributeRuler(nlp.vocab)
    ours.add_patterns(PATTERNS)
    theirs = AttributeRuler(nlp.vocab)
    theirs.add_patterns(PATTERNS)
    return nlp, ours, theirs


def test_same_annotations_as_spacys_attribute_ruler():
    nlp, ours, theirs = _rulers()
    a, b = ours(_doc(nlp.vocab)), theirs(_doc(nlp.vocab))
    assert a.to_array([POS, TAG, MORPH, LEMMA]).tolist() == b.to_array([POS, TAG, MORPH, LEMMA]).tolist()
    # and what each kind of pattern did, so the comparison is not one of two untouched docs
    pos = {t.i: t.pos_ for t in a}
    assert pos[0] == "PRON" and pos[6] == "DET" and pos[7] == "NOUN" and pos[1] == "VERB"
    assert a[9].lemma_ == "sell" and a[9].pos_ == "VERB" and str(a[9].morph) == "Tense=Past"
    assert a[3].lemma_ == "to" and a[2].lemma_ == ""
    assert a[5].pos_ == "VERB" and a[12].pos_ == "ADJ" and a[13].pos_ == "SPACE"
    assert a[7].lemma_ == "gun" and a[14].lemma_ == "gun"


def test_patterns_added_later_are_used():
    nlp, ours, theirs = _rulers()
    ours(_doc(nlp.vocab))  # the index is built here
    extra = [{"patterns": [[{"LOWER": "fast"}]], "attrs": {"LEMMA": "quick"}}]
    ours.add_patterns(extra)
    theirs.add_patterns(extra)
    assert ours(_doc(nlp.vocab))[12].lemma_ == "quick" == theirs(_doc(nlp.vocab))[12].lemma_


def test_install_swaps_the_pipelines_ruler_keeping_its_place_and_patterns():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(PATTERNS)
    nlp.add_pipe("sentencizer")
    install(nlp)
    assert nlp.pipe_names == ["attribute_ruler", "sentencizer"]
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, IndexedAttributeRuler) and ruler.patterns == AttributeRuler(nlp.vocab).patterns + [
        {**p, "index": p.get("index", 0)} for p in PATTERNS]
