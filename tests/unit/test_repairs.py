"""Parse repairs on hand-built parses copied from the small model's misparses."""

from __future__ import annotations

from spacy.tokens import Doc

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


# "Peru sent extra mortar and artillery rounds to Chile." as en_core_web_sm parses such lists: two objects
SPLIT = """
Peru Peru PROPN NNP nsubj 1
sent send VERB VBD ROOT -1
extra extra ADJ JJ amod 3
mortar mortar NOUN NN dobj 1
and and CCONJ CC cc 3
artillery artillery NOUN NN conj 3
rounds round NOUN NNS dobj 1
to to ADP IN prep 6
Chile Chile PROPN NNP pobj 7
. . PUNCT . punct 1
"""


def test_coordinated_modifiers_read_as_a_second_object_modify_the_noun_again():
    doc = repair(parse(SPLIT))
    mortar, rounds = doc[3], doc[6]
    assert (mortar.dep_, mortar.head.text) == ("nmod", "rounds")
    assert [t.text for t in rounds.subtree][:5] == ["extra", "mortar", "and", "artillery", "rounds"]


def test_names_before_an_object_are_not_modifiers():
    # "Peru sent Chile and Bolivia rifles": recipients, whatever the parse
    rows = SPLIT.replace("extra extra ADJ JJ amod 3\n", "the the DET DT det 3\n") \
        .replace("mortar mortar NOUN NN dobj", "Chile Chile PROPN NNP dobj") \
        .replace("artillery artillery NOUN NN conj", "Bolivia Bolivia PROPN NNP conj")
    doc = repair(parse(rows))
    assert (doc[3].dep_, doc[3].head.text) == ("dobj", "sent")


def test_objects_apart_are_left_alone():
    # a comma between them: two phrases, not one noun and its modifiers
    rows = SPLIT.replace("rounds round NOUN NNS dobj 1\n", ", , PUNCT , punct 1\nrounds round NOUN NNS dobj 1\n")
    rows = rows.replace("to to ADP IN prep 6", "to to ADP IN prep 7").replace("Chile Chile PROPN NNP pobj 7",
                                                                         "Chile Chile PROPN NNP pobj 8")
    doc = repair(parse(rows))
    assert (doc[3].dep_, doc[3].head.text) == ("dobj", "sent")


# "Peru sent 2m shells to Chile." as en_core_web_sm parses it: the scale is a noun modifier
SCALE = """
Peru Peru PROPN NNP nsubj 1
sent send VERB VBD ROOT -1
2 2 NUM CD nummod 3
m m NOUN NN compound 4
shells shell NOUN NNS dobj 1
to to ADP IN prep 4
Chile Chile PROPN NNP pobj 5
. . PUNCT . punct 1
"""


def _without_space_after(doc: Doc, i: int) -> Doc:
    """The same parse with no space after token `i` ("2m")."""
    spaces = [bool(t.whitespace_) and t.i != i for t in doc]
    return Doc(doc.vocab, words=[t.text for t in doc], spaces=spaces, lemmas=[t.lemma_ for t in doc],
               pos=[t.pos_ for t in doc], tags=[t.tag_ for t in doc], deps=[t.dep_ for t in doc],
               heads=[t.head.i for t in doc], sent_starts=[t.i == 0 for t in doc])


def test_a_scale_written_after_a_number_is_a_number_word():
    doc = repair(_without_space_after(parse(SCALE), 2))
    two, m, shells = doc[2], doc[3], doc[4]
    assert (m.pos_, m.tag_, m.lemma_, m.dep_, m.head.i) == ("NUM", "CD", "million", "nummod", shells.i)
    assert two.head.i == m.i  # "2" counts through its scale: 2 million


def test_a_letter_apart_from_the_number_is_no_scale():
    doc = repair(parse(SCALE))  # "2 m shells": a space between
    assert (doc[3].pos_, doc[3].lemma_) == ("NOUN", "m")


# "Peru sent BMP-1 fighting vehicles to Chile." as en_core_web_sm parses such lists: "fighting" a verb
PARTICIPLE = """
Peru Peru PROPN NNP nsubj 1
sent send VERB VBD ROOT -1
BMP-1 BMP-1 PROPN NNP dobj 1
fighting fight VERB VBG advcl 1
vehicles vehicle NOUN NNS dobj 3
to to ADP IN prep 3
Chile Chile PROPN NNP pobj 5
. . PUNCT . punct 1
"""


def test_a_weapon_term_read_as_a_participle_and_its_object_is_one_noun_again():
    doc = repair(parse(PARTICIPLE))
    fighting, vehicles, to = doc[3], doc[4], doc[5]
    assert (fighting.dep_, fighting.head.text, fighting.pos_) == ("compound", "vehicles", "NOUN")
    assert (vehicles.dep_, vehicles.head.text) == ("dobj", "sent")
    assert to.head.text == "sent"


def test_a_participle_before_a_noun_that_makes_no_term_is_left_alone():
    doc = repair(parse(PARTICIPLE.replace("vehicles vehicle NOUN NNS", "rebels rebel NOUN NNS")))
    assert (doc[3].dep_, doc[4].head.text) == ("advcl", "fighting")


# "Peru sent X-90 rockets to Chile." with the designation read as punctuation
DESIGNATION = """
Peru Peru PROPN NNP nsubj 1
sent send VERB VBD ROOT -1
X-90 X-90 PUNCT NFP punct 1
rockets rocket NOUN NNS dobj 1
to to ADP IN prep 1
Chile Chile PROPN NNP pobj 4
. . PUNCT . punct 1
"""


def test_a_designation_read_as_punctuation_modifies_its_noun():
    doc = repair(parse(DESIGNATION))
    assert (doc[2].dep_, doc[2].head.text, doc[2].pos_) == ("compound", "rockets", "PROPN")


def test_real_punctuation_is_left_alone():
    doc = repair(parse(DESIGNATION.replace("X-90 X-90 PUNCT NFP", "- - PUNCT HYPH")))
    assert (doc[2].dep_, doc[2].head.text) == ("punct", "sent")


# "Chile, Peru sign arms deal" as en_core_web_sm parses such headlines: two subjects
HEADLINE = """
Chile Chile PROPN NNP nsubj 3
, , PUNCT , punct 0
Peru Peru PROPN NNP nsubj 3
sign sign VERB VBP ROOT -1
arms arm NOUN NNS compound 5
deal deal NOUN NN dobj 3
"""


def test_comma_joined_subjects_at_the_start_are_coordinated():
    doc = repair(parse(HEADLINE))
    chile, peru = doc[0], doc[2]
    assert (chile.dep_, peru.dep_, peru.head.text) == ("nsubj", "conj", "Chile")


def test_a_name_after_a_comma_inside_a_sentence_is_left_alone():
    rows = "Then Then ADV RB advmod 4\n" + "\n".join(
        " ".join(w if k < 5 else str(int(w) + 1 if int(w) >= 0 else -1) for k, w in enumerate(line.split()))
        for line in HEADLINE.strip().splitlines())
    doc = repair(parse(rows))
    assert doc[3].dep_ == "nsubj"


# "The rebels are armed and funded by Iran." as en_core_web_sm parses it: "armed" an adjective
PREDICATIVE = """
The the DET DT det 1
rebels rebel NOUN NNS nsubj 2
are be AUX VBP ROOT -1
armed armed ADJ JJ acomp 2
and and CCONJ CC cc 3
funded fund VERB VBN conj 3
by by ADP IN agent 5
Iran Iran PROPN NNP pobj 6
. . PUNCT . punct 2
"""


def test_a_transfer_participle_read_as_an_adjective_is_a_passive_verb():
    doc = repair(parse(PREDICATIVE))
    rebels, are, armed = doc[1], doc[2], doc[3]
    assert (armed.pos_, armed.tag_, armed.lemma_, armed.dep_) == ("VERB", "VBN", "arm", "ROOT")
    assert (are.dep_, are.head.text, rebels.dep_, rebels.head.text) == ("auxpass", "armed", "nsubjpass", "armed")


def test_an_adjective_without_an_agent_is_left_alone():
    doc = repair(parse(PREDICATIVE.replace("by by ADP IN agent 5", "in in ADP IN prep 5")))
    assert (doc[3].pos_, doc[3].dep_) == ("ADJ", "acomp")


# "Norway increased military, economic, and humanitarian assistance to Georgia." as en_core_web_sm parses it
# after a first phrase: the bare adjectives read as coordinated objects, the noun as their last conjunct
ADJECTIVES = """
Norway Norway PROPN NNP nsubj 1
increased increase VERB VBD ROOT -1
military military NOUN NN dobj 1
, , PUNCT , punct 2
economic economic ADJ JJ conj 2
, , PUNCT , punct 4
and and CCONJ CC cc 4
humanitarian humanitarian ADJ JJ amod 8
assistance assistance NOUN NN conj 4
to to ADP IN prep 1
Georgia Georgia PROPN NNP pobj 9
. . PUNCT . punct 1
"""


def test_coordinated_adjectives_read_as_objects_modify_the_noun_again():
    doc = repair(parse(ADJECTIVES))
    military, humanitarian, assistance = doc[2], doc[7], doc[8]
    assert (assistance.dep_, assistance.head.text) == ("dobj", "increased")
    assert (military.dep_, military.head.text, military.pos_) == ("amod", "assistance", "ADJ")
    assert (humanitarian.dep_, humanitarian.head.text) == ("conj", "economic")
    assert [t.text for t in assistance.subtree][0] == "military"


def test_coordinated_nouns_are_left_alone():
    rows = ADJECTIVES.replace("economic economic ADJ JJ", "rifles rifle NOUN NNS")
    doc = repair(parse(rows))
    assert (doc[2].dep_, doc[8].dep_, doc[8].head.text) == ("dobj", "conj", "rifles")


# "Peru sent artillery and mortar rounds to Chile." as en_core_web_sm parses such lists: "artillery" the
# object, "mortar rounds" its conjunct
SHARED = """
Peru Peru PROPN NNP nsubj 1
sent send VERB VBD ROOT -1
artillery artillery NOUN NN dobj 1
and and CCONJ CC cc 2
mortar mortar NOUN NN compound 5
rounds round NOUN NNS conj 2
, , PUNCT , punct 2
rifles rifle NOUN NNS conj 2
to to ADP IN prep 1
Chile Chile PROPN NNP pobj 8
. . PUNCT . punct 1
"""


def test_a_modifier_coordinated_with_a_compound_shares_its_noun():
    doc = repair(parse(SHARED))
    artillery, mortar, rounds, rifles = doc[2], doc[4], doc[5], doc[7]
    assert (rounds.dep_, rounds.head.text) == ("dobj", "sent")
    assert (artillery.dep_, artillery.head.text) == ("compound", "rounds")
    assert (mortar.dep_, mortar.head.text) == ("conj", "artillery")
    assert (rifles.dep_, rifles.head.text) == ("conj", "rounds")  # the list goes on from the shared noun


def test_a_plural_object_is_no_modifier():
    # "tanks and mortar rounds": two things, though "tank rounds" is a term
    doc = repair(parse(SHARED.replace("artillery artillery NOUN NN", "tanks tank NOUN NNS")))
    assert (doc[2].dep_, doc[5].dep_, doc[5].head.text) == ("dobj", "conj", "tanks")


# "Chile to sell Peru fighter jets - report" as en_core_web_sm parses such headlines: the credit heads the jets
CREDIT = """
Chile Chile PROPN NNP nsubj 2
to to PART TO aux 2
sell sell VERB VB ROOT -1
Peru Peru PROPN NNP dative 2
fighter fighter NOUN NN compound 5
jets jet NOUN NNS compound 7
- - PUNCT HYPH punct 7
report report NOUN NN dobj 2
"""


def test_a_headline_credit_after_a_spaced_dash_gives_the_noun_back():
    doc = repair(parse(CREDIT))
    fighter, jets, dash, report = doc[4], doc[5], doc[6], doc[7]
    assert (jets.dep_, jets.head.text) == ("dobj", "sell")
    assert fighter.head.text == "jets"
    assert (report.dep_, report.head.text, dash.head.text) == ("parataxis", "sell", "sell")


def test_a_long_tail_after_a_dash_is_no_credit():
    rows = CREDIT.rstrip("\n") + "\nin in ADP IN prep 7\nLima Lima PROPN NNP pobj 8\ntoday today NOUN NN npadvmod 2\n"
    doc = repair(parse(rows))
    assert (doc[5].dep_, doc[7].dep_) == ("compound", "dobj")


# "Chile signed contracts to buy rifles." as en_core_web_sm parses it: the subject left as an adverbial
LOOSE_SUBJECT = """
Chile Chile PROPN NNP npadvmod 1
signed sign VERB VBD ROOT -1
contracts contract NOUN NNS dobj 1
to to PART TO aux 4
buy buy VERB VB xcomp 1
rifles rifle NOUN NNS dobj 4
. . PUNCT . punct 1
"""


def test_a_name_right_before_a_verb_without_a_subject_is_its_subject():
    doc = repair(parse(LOOSE_SUBJECT))
    assert (doc[0].dep_, doc[0].head.text) == ("nsubj", "signed")


def test_an_adverbial_name_beside_a_subject_is_left_alone():
    rows = LOOSE_SUBJECT.replace("contracts contract NOUN NNS dobj 1", "contracts contract NOUN NNS nsubj 1")
    assert repair(parse(rows))[0].dep_ == "npadvmod"


# "Chile sold rifles to Lima, Defence Minister Ana Soto said." as en_core_web_sm parses such sentences:
# the speaker read as the object of "to", with the place a modifier of her title
SPEAKER_IN_OBJECT = """
Chile Chile PROPN NNP nsubj 1
sold sell VERB VBD ccomp 10
rifles rifle NOUN NNS dobj 1
to to ADP IN prep 1
Lima Lima PROPN NNP nmod 7
, , PUNCT , punct 4
Defence Defence PROPN NNP compound 7
Minister Minister PROPN NNP compound 9
Ana Ana PROPN NNP compound 9
Soto Soto PROPN NNP pobj 3
said say VERB VBD ROOT -1
. . PUNCT . punct 10
"""


def test_a_speaker_read_as_the_object_before_the_verb_of_saying_is_its_subject_again():
    doc = repair(parse(SPEAKER_IN_OBJECT))
    lima, soto = doc[4], doc[9]
    assert (lima.dep_, lima.head.text) == ("pobj", "to")
    assert (soto.dep_, soto.head.text) == ("nsubj", "said")


def test_an_object_before_a_verb_with_its_own_subject_is_left_alone():
    rows = SPEAKER_IN_OBJECT.replace("Chile Chile PROPN NNP nsubj 1", "Chile Chile PROPN NNP nsubj 10")
    doc = repair(parse(rows))
    assert (doc[9].dep_, doc[4].dep_) == ("pobj", "nmod")


# "Peru has armed the rebels." as en_core_web_sm parses such sentences: "has" the main verb, "armed" a modifier
PERFECT_AS_MODIFIER = """
Peru Peru PROPN NNP nsubj 1
has have VERB VBZ ROOT -1
armed arm VERB VBN amod 4
local local ADJ JJ amod 4
rebels rebel NOUN NNS dobj 1
. . PUNCT . punct 1
"""


def test_a_transfer_participle_after_have_read_as_a_modifier_is_the_perfect():
    doc = repair(parse(PERFECT_AS_MODIFIER))
    has, armed, rebels = doc[1], doc[2], doc[4]
    assert (armed.pos_, armed.dep_) == ("VERB", "ROOT")
    assert (has.dep_, has.head.text, rebels.dep_, rebels.head.text) == ("aux", "armed", "dobj", "armed")
    assert doc[0].head.text == "armed"


def test_another_participle_after_have_is_left_alone():
    rows = PERFECT_AS_MODIFIER.replace("armed arm VERB VBN amod 4", "retired retire VERB VBN amod 4")
    assert repair(parse(rows))[2].dep_ == "amod"


# "Iran has trained and armed the militias." with the second verb read as a modifier of a noun coordinated
# with the first verb
VERB_AS_MODIFIER_OF_CONJUNCT = """
Iran Iran PROPN NNP nsubj 2
has have AUX VBZ aux 2
trained train VERB VBN ROOT -1
and and CCONJ CC cc 2
armed arm ADJ JJ amod 6
local local ADJ JJ amod 6
militias militia NOUN NNS conj 2
. . PUNCT . punct 2
"""


def test_a_transfer_verb_read_as_a_modifier_of_a_conjunct_of_the_first_verb_is_a_verb_again():
    doc = repair(parse(VERB_AS_MODIFIER_OF_CONJUNCT))
    armed, militias = doc[4], doc[6]
    assert (armed.pos_, armed.dep_, armed.head.text) == ("VERB", "conj", "trained")
    assert (militias.dep_, militias.head.text) == ("dobj", "armed")
