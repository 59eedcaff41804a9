"""Parse repairs on hand-built parses copied from the small model's misparses."""

from __future__ import annotations

from armswatch.extract.repairs import repair
from tests.unit.grammar_helpers import parse

# "Italy will train soldiers and supply tanks to Chile." as en_core_web_sm parses it
MISREAD = """
Italy Italy PROPN NNP nsubj 2
will will AUX MD aux 2
train train VERB VB ROOT -1
soldiers soldier NOUN NNS dobj 2
and and CCONJ CC cc 3
supply supply NOUN NN compound 6
tanks tank NOUN NNS conj 3
to to ADP IN prep 2
Chile Chile PROPN NNP pobj 7
. . PUNCT . punct 2
"""


def test_a_transfer_verb_read_as_a_modifier_of_a_coordinated_object_is_a_verb_again():
    doc = repair(parse(MISREAD))
    supply, tanks, to = doc[5], doc[6], doc[7]
    assert (supply.pos_, supply.dep_, supply.head.text) == ("VERB", "conj", "train")
    assert (tanks.dep_, tanks.head.text) == ("dobj", "supply")
    assert to.head.text == "supply"  # "to Chile" comes after the second object: the second verb's


def test_other_nouns_in_that_place_are_left_alone():
    rows = MISREAD.replace("supply supply NOUN NN compound", "battle battle NOUN NN compound")
    doc = repair(parse(rows))
    assert (doc[5].pos_, doc[5].dep_, doc[6].dep_) == ("NOUN", "compound", "conj")
    assert doc[7].head.text == "train"
