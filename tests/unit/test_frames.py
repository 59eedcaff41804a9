"""Transfer frames on hand-built parses: each grammatical mechanism on its own."""

from __future__ import annotations

from armswatch.extract.frames import Frame, FrameReader
from armswatch.extract.modality import Modality, read_modality
from tests.unit.grammar_helpers import blank, parse, saying_verbs


def frames_of(rows: str):
    _, res = blank()
    doc = parse(rows)
    reader = FrameReader(res.finder.find(doc), res.valency, res.words, res.lexicon.measures, saying_verbs())
    return reader.frames(next(iter(doc.sents))), res


def modality_of(frame: Frame, res) -> Modality:
    return read_modality(frame.trigger, frame.direction, frame.row.status, res.governors, res.words,
                         progressive=frame.row.flag_value("progressive"))


def status_of(frame: Frame, res) -> str:
    return modality_of(frame, res).status


def roles(frame):
    return (frame.supplier.code if frame.supplier else None, frame.recipient.code if frame.recipient else None,
            sorted(s.category for s in frame.items))


ACTIVE_TO = """
Iran Iran PROPN NNP nsubj 2
has have AUX VBZ aux 2
shipped ship VERB VBN ROOT -1
drones drone NOUN NNS dobj 2
to to ADP IN prep 2
Russia Russia PROPN NNP pobj 4
. . PUNCT . punct 2
"""


def test_active_give_with_to_recipient():
    frames, _ = frames_of(ACTIVE_TO)
    assert [roles(f) for f in frames] == [("IRN", "RUS", ["uav"])]


SUPPLY_WITH = """
Iran Iran PROPN NNP nsubj 1
continues continue VERB VBZ ROOT -1
to to PART TO aux 3
supply supply VERB VB xcomp 1
Russia Russia PROPN NNP dobj 3
with with ADP IN prep 3
drones drone NOUN NNS pobj 5
and and CCONJ CC cc 6
artillery artillery NOUN NN compound 9
shells shell NOUN NNS conj 6
. . PUNCT . punct 1
"""


def test_supply_recipient_with_items_and_ongoing_status():
    frames, res = frames_of(SUPPLY_WITH)
    assert [roles(f) for f in frames] == [("IRN", "RUS", ["ammunition", "uav"])]
    assert status_of(frames[0], res) == "ongoing"


PASSIVE_BY = """
Parts part NOUN NNS nsubjpass 2
were be AUX VBD auxpass 2
supplied supply VERB VBN ROOT -1
by by ADP IN agent 2
Chinese chinese ADJ JJ amod 5
companies company NOUN NNS pobj 3
to to ADP IN prep 2
Russia Russia PROPN NNP pobj 6
"""


def test_passive_agent_is_supplier():
    frames, _ = frames_of(PASSIVE_BY)
    assert [roles(f) for f in frames] == [("CHN", "RUS", ["components"])]


RECEIVE_FROM = """
Russia Russia PROPN NNP nsubj 2
has have AUX VBZ aux 2
received receive VERB VBN ROOT -1
hundreds hundred NOUN NNS dobj 2
of of ADP IN prep 3
drones drone NOUN NNS pobj 4
from from ADP IN prep 2
Iran Iran PROPN NNP pobj 6
"""


def test_receive_from_swaps_roles_and_follows_measure():
    frames, _ = frames_of(RECEIVE_FROM)
    assert [roles(f) for f in frames] == [("IRN", "RUS", ["uav"])]
    assert frames[0].items[0].measures[0].text == "hundreds"


NOMINAL = """
Iran Iran PROPN NNP poss 2
's 's PART POS case 0
transfer transfer NOUN NN nsubj 8
of of ADP IN prep 2
drones drone NOUN NNS pobj 3
to to ADP IN prep 2
Russia Russia PROPN NNP pobj 5
has have AUX VBZ aux 8
strained strain VERB VBN ROOT -1
ties tie NOUN NNS dobj 8
"""


def test_nominal_trigger_with_possessive_supplier():
    frames, _ = frames_of(NOMINAL)
    assert [roles(f) for f in frames] == [("IRN", "RUS", ["uav"])]


PLANS_TO_RECEIVE = """
Pyongyang Pyongyang PROPN NNP nsubj 1
plans plan VERB VBZ ROOT -1
to to PART TO aux 3
receive receive VERB VB xcomp 1
fighter fighter NOUN NN compound 5
jets jet NOUN NNS dobj 3
from from ADP IN prep 3
Moscow Moscow PROPN NNP pobj 6
"""


def test_plans_to_receive_is_sought():
    frames, res = frames_of(PLANS_TO_RECEIVE)
    assert [roles(f) for f in frames] == [("RUS", "PRK", ["aircraft"])]
    mod = modality_of(frames[0], res)
    assert mod.status == "sought" and not mod.negated


NOT_YET = """
Russia Russia PROPN NNP nsubj 4
has have AUX VBZ aux 4
not not PART RB neg 4
yet yet ADV RB advmod 4
delivered deliver VERB VBN ROOT -1
the the DET DT det 6
systems system NOUN NNS dobj 4
"""


def test_not_yet_is_negation_without_denial():
    frames, res = frames_of(NOT_YET.replace("systems system", "missiles missile"))
    mod = modality_of(frames[0], res)
    assert mod.negated and mod.not_yet


MAY_SEND = """
Iran Iran PROPN NNP nsubj 2
may may AUX MD aux 2
send send VERB VB ROOT -1
missiles missile NOUN NNS dobj 2
to to ADP IN prep 2
Russia Russia PROPN NNP pobj 4
"""


def test_may_send_is_a_hedged_pledge():
    frames, res = frames_of(MAY_SEND)
    mod = modality_of(frames[0], res)
    assert (mod.status, mod.hedged) == ("pledged", True)


COMMODITY = """
Brazil Brazil PROPN NNP nsubj 1
shipped ship VERB VBD ROOT -1
grain grain NOUN NN dobj 1
to to ADP IN prep 1
China China PROPN NNP pobj 3
"""


def test_commodity_shipment_has_no_item():
    frames, _ = frames_of(COMMODITY)
    assert [f.items for f in frames] == [[]]  # the claims layer drops a frame without items


NOMINAL_FROM = """
Deliveries delivery NOUN NNS nsubj 5
of of ADP IN prep 0
shells shell NOUN NNS pobj 1
from from ADP IN prep 0
Pyongyang Pyongyang PROPN NNP pobj 3
allowed allow VERB VBD ROOT -1
Russian russian ADJ JJ amod 7
gunners gunner NOUN NNS dobj 5
"""


def test_nominal_trigger_with_from_supplier():
    frames, _ = frames_of(NOMINAL_FROM)
    assert [roles(f) for f in frames] == [("PRK", None, ["ammunition"])]


MADE_WITH = """
Sudan Sudan PROPN NNP poss 2
's 's PART POS case 0
army army NOUN NN nsubj 3
has have VERB VBZ ROOT -1
Iranian iranian ADJ JJ npadvmod 6
- - PUNCT HYPH punct 6
made make VERB VBN amod 7
drones drone NOUN NNS dobj 3
"""


def test_x_made_items_held_are_origin_not_transfer():
    frames, _ = frames_of(MADE_WITH)
    assert frames == []  # "made" is no transfer word: use or origin alone is no claim


NEGOTIATING = """
Russia Russia PROPN NNP nsubj 2
is be AUX VBZ aux 2
negotiating negotiate VERB VBG ROOT -1
with with ADP IN prep 2
Iran Iran PROPN NNP pobj 3
to to PART TO aux 6
purchase purchase VERB VB advcl 2
ballistic ballistic ADJ JJ amod 8
missiles missile NOUN NNS dobj 6
"""


def test_negotiating_partner_supplies():
    frames, res = frames_of(NEGOTIATING)
    purchase = next(f for f in frames if f.trigger.lemma_ == "purchase")
    assert roles(purchase) == ("IRN", "RUS", ["missiles"])
    assert status_of(purchase, res) == "negotiating"


BOUND_FOR = """
Forces force NOUN NNS nsubj 1
seized seize VERB VBD ROOT -1
Iranian iranian ADJ JJ amod 3
rifles rifle NOUN NNS dobj 1
bound bind VERB VBN acl 3
for for ADP IN prep 4
Russia Russia PROPN NNP pobj 5
"""

CARRIED_BOUND_FOR = """
Navies navy NOUN NNS nsubj 1
intercepted intercept VERB VBD ROOT -1
boats boat NOUN NNS dobj 1
carrying carry VERB VBG acl 2
Iranian iranian ADJ JJ amod 5
missiles missile NOUN NNS dobj 3
bound bind VERB VBN acl 5
for for ADP IN prep 6
Hezbollah Hezbollah PROPN NNP pobj 7
"""

LOADED_ONTO_TRAINS = """
tanks tank NOUN NNS nsubjpass 2
were be AUX VBD auxpass 2
taken take VERB VBN ROOT -1
out out ADP IN prep 2
of of ADP IN prep 3
Belarusian belarusian ADJ JJ amod 6
bases basis NOUN NNS pobj 4
and and CCONJ CC cc 2
loaded load VERB VBN conj 2
onto onto ADP IN prep 8
trains train NOUN NNS pobj 9
bound bind VERB VBN acl 10
for for ADP IN prep 11
Russia Russia PROPN NNP pobj 12
"""

MISSILES_BOUND_FOR = """
Iranian iranian ADJ JJ amod 1
missiles missile NOUN NNS nsubjpass 6
bound bind VERB VBN acl 1
for for ADP IN prep 2
Israel Israel PROPN NNP pobj 3
were be AUX VBD auxpass 6
intercepted intercept VERB VBN ROOT -1
"""

WARSHIPS_BOUND_FOR = """
Russian russian ADJ JJ amod 1
warships warship NOUN NNS nsubj 5
bound bind VERB VBN acl 1
for for ADP IN prep 2
Cuba Cuba PROPN NNP pobj 3
left leave VERB VBD ROOT -1
port port NOUN NN dobj 5
"""

NO_ORIGIN = """
Forces force NOUN NNS nsubj 1
seized seize VERB VBD ROOT -1
drones drone NOUN NNS dobj 1
bound bind VERB VBN acl 2
for for ADP IN prep 3
Russia Russia PROPN NNP pobj 4
"""


def test_cargo_bound_for_a_party_is_delivered_from_its_origin():
    for rows, expected in ((BOUND_FOR, ("IRN", "RUS", ["small_arms"])),
                           (CARRIED_BOUND_FOR, ("IRN", "hezbollah", ["missiles"])),
                           (LOADED_ONTO_TRAINS, ("BLR", "RUS", ["armoured_vehicles"]))):
        frames, _ = frames_of(rows)
        bound = [f for f in frames if f.trigger.lower_ == "bound"]
        assert [roles(f) for f in bound] == [expected], rows
        assert bound[0].row.status == "delivered"


def test_no_destination_frame_for_what_moves_by_itself_or_without_an_origin():
    # an uncarried missile or warship on its way somewhere is often an attack or a deployment
    for rows in (MISSILES_BOUND_FOR, WARSHIPS_BOUND_FOR, NO_ORIGIN):
        frames, _ = frames_of(rows)
        assert [f for f in frames if f.trigger.lower_ == "bound" and f.items and f.supplier] == [], rows


GAPPED_OBJECT = """
Washington Washington PROPN NNP nsubj 2
will will AUX MD aux 2
hand hand VERB VB ROOT -1
over over ADP RP prt 2
howitzers howitzer NOUN NNS dobj 2
to to ADP IN prep 2
Taiwan Taiwan PROPN NNP pobj 5
and and CCONJ CC cc 2
tanks tank NOUN NNS conj 2
in in ADP IN prep 2
December December PROPN NNP pobj 9
"""


def test_a_second_object_parsed_as_a_conjunct_of_the_verb():
    frames, _ = frames_of(GAPPED_OBJECT)
    assert [roles(f) for f in frames] == [("USA", "TWN", ["armoured_vehicles", "artillery"])]



HELD_AND_BOUGHT = """
Poland Poland PROPN NNP nsubj 1
operates operate VERB VBZ ROOT -1
jets jet NOUN NNS dobj 1
bought buy VERB VBN acl 2
from from ADP IN prep 3
Germany Germany PROPN NNP pobj 4
"""


def test_the_holder_of_items_bought_from_a_party_receives_them():
    frames, _ = frames_of(HELD_AND_BOUGHT)
    assert [roles(f) for f in frames] == [("DEU", "POL", ["aircraft"])]


DEAL_TO_BUY = """
India India PROPN NNP nsubj 1
signed sign VERB VBD ROOT -1
a a DET DT det 3
deal deal NOUN NN dobj 1
to to PART TO aux 5
buy buy VERB VB relcl 3
drones drone NOUN NNS dobj 5
from from ADP IN prep 6
Germany Germany PROPN NNP pobj 7
"""

APPROVED_EXPORT_TO = """
Germany Germany PROPN NNP nsubj 2
has have AUX VBZ aux 2
approved approve VERB VBN ROOT -1
the the DET DT det 4
export export NOUN NN dobj 2
of of ADP IN prep 4
tanks tank NOUN NNS pobj 5
to to ADP IN prep 2
Qatar Qatar PROPN NNP pobj 7
"""


def test_the_signer_of_a_deal_to_buy_receives():
    frames, _ = frames_of(DEAL_TO_BUY)
    assert [roles(f) for f in frames if f.trigger.lemma_ == "buy"] == [("DEU", "IND", ["uav"])]


def test_a_recipient_hung_on_the_verb_that_approves_a_nominal_transfer():
    frames, _ = frames_of(APPROVED_EXPORT_TO)
    assert [roles(f) for f in frames] == [("DEU", "QAT", ["armoured_vehicles"])]


SENT_INTO = """
Russia Russia PROPN NNP nsubj 1
sent send VERB VBD ROOT -1
troops troop NOUN NNS dobj 1
and and CCONJ CC cc 2
tanks tank NOUN NNS conj 2
into into ADP IN prep 1
Ukraine Ukraine PROPN NNP pobj 5
"""


def test_troops_sent_into_a_country_are_no_transfer():
    frames, _ = frames_of(SENT_INTO)
    assert [f.items for f in frames] == [[]]  # troops and their tanks sent into a country: an invasion
    weapons, _ = frames_of(SENT_INTO.replace("troops troop", "rifles rifle"))  # "pouring weapons into Ukraine"
    assert [roles(f) for f in weapons] == [("RUS", "UKR", ["armoured_vehicles", "small_arms"])]
