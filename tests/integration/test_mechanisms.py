"""Each extraction mechanism end to end on the real model, on short articles written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from armswatch.model import Document

pytestmark = pytest.mark.model


def claims(extractor, text: str, published: date | None = date(2024, 5, 3)):
    return {c.key: c for c in extractor.extract(Document(id="t", text=text, published=published))}


def test_attribution_via_and_back_reference(extractor):
    text = ("KYIV — Belarus has sent 40 tanks to Russia since March, said Colonel Petro Kovalenko, a spokesman "
            "for Ukraine's intelligence agency, according to Example Wire.\n\n"
            "“Minsk is also shipping artillery shells to Moscow,” the colonel added.")
    got = claims(extractor, text)
    tanks = got[("BLR", "RUS", "armoured_vehicles", "delivered")]
    assert (tanks.source, tanks.quantity, tanks.period_start, tanks.period_end) == (
        "Petro Kovalenko", 40, "2024-03", "2024-05-03")
    shells = got[("BLR", "RUS", "ammunition", "ongoing")]
    assert shells.source == "Petro Kovalenko"


def test_cited_outlet_is_via(extractor):
    text = "Iran has shipped 200 drones to Russia, Western officials said, according to Reuters."
    c = claims(extractor, text)[("IRN", "RUS", "uav", "delivered")]
    assert c.via == "Reuters" and c.source == "Western officials"


def test_hedge_and_denial_across_the_article(extractor):
    text = ("Cuba may be preparing to ship cruise missiles to Venezuela, officials said.\n\n"
            "Havana denies arming Venezuela.")
    c = claims(extractor, text)[("CUB", "VEN", "missiles", "pledged")]
    assert c.hedged and c.denied


def test_negation_removes_the_claim_but_keeps_the_order(extractor):
    text = "Spain has not yet delivered the four corvettes that Peru ordered in 2019."
    got = claims(extractor, text)
    assert ("ESP", "PER", "naval", "delivered") not in got
    assert ("ESP", "PER", "naval", "pledged") in got


def test_status_from_governing_words(extractor):
    text = ("Poland is in talks with South Korea to buy more K9 howitzers. Norway plans to receive "
            "F-35 jets from the United States. Germany continues to supply Ukraine with IRIS-T systems.")
    keys = set(claims(extractor, text))
    assert {("KOR", "POL", "artillery", "negotiating"), ("USA", "NOR", "aircraft", "sought"),
            ("DEU", "UKR", "air_defence", "ongoing")} <= keys


def test_context_fills_a_missing_party(extractor):
    text = ("Sweden has delivered Gripen jets to Hungary. Finland has promised eight, while Austria has "
            "committed 20 jets to be delivered by 2029.")
    got = claims(extractor, text)
    assert got[("FIN", "HUN", "aircraft", "pledged")].quantity == 8
    assert got[("AUT", "HUN", "aircraft", "pledged")].period_end == "2029"


def test_use_and_production_are_not_transfers(extractor):
    text = ("Russia fired 40 missiles at Kharkiv overnight. Rheinmetall will produce 200,000 shells a "
            "year at its new plant in Germany. North Korea tested a new cruise missile.")
    assert claims(extractor, text) == {}


def test_civil_readings_are_not_weapons(extractor):
    text = ("Japan shipped fuel tanks and storage tanks to Saudi Arabia. The two sides held three rounds of "
            "talks, and Iran sent a delegation to Russia. Brazil sold 20 passenger jets to Mexico.")
    assert claims(extractor, text) == {}


def test_unit_is_what_is_counted_as_written(extractor):
    got = {c.category: c for c in claims(extractor, "Norway will send 12 self-propelled howitzers and "
                                                    "40,000 artillery shells to Ukraine, the minister said.").values()}
    assert (got["artillery"].quantity, got["artillery"].unit) == (12, "self-propelled howitzers")
    assert (got["ammunition"].quantity, got["ammunition"].unit) == (40000, "artillery shells")


def test_transcript_speaker_takes_the_given_name_from_a_sentence_the_prefilter_left_out(extractor):
    text = ("Ada Okafor has run the ministry's press office since the spring.\n\nHer office is on the third "
            "floor.\n\nIts staff doubled over the summer.\n\nThe budget for next year is not known.\n\n"
            "MS. OKAFOR: Iran has shipped drones to Russia.")
    assert extractor.text_to_parse(Document(id="t", text=text)) != text  # the first sentence is not parsed
    assert [c.source for c in claims(extractor, text).values()] == ["Ada Okafor"]


def test_source_is_the_named_speaker_not_a_descriptor_or_pronoun(extractor):
    maker = claims(extractor, "Brazil has agreed to buy 12 Gripen fighter jets from Sweden, the state-owned "
                              "manufacturer Swedish Aircraft Works said on Monday.")
    assert [c.source for c in maker.values()] == ["Swedish Aircraft Works"]
    service = claims(extractor, "Japan's National Police Agency said Pyongyang had shipped artillery shells to "
                                "Russia.")
    # a state owning the speaker reads as its demonym
    assert [c.source for c in service.values()] == ["Japanese National Police Agency"]
    monitor = claims(extractor, "Chad has received Turkish-made drones, according to a review of flight records "
                                "by the research group Open Skies Watch, which said two drones were seen at an "
                                "airfield.")
    assert [c.source for c in monitor.values()] == ["Open Skies Watch"]


def test_weapons_made_specific_by_context_are_kept(extractor):
    # "the weapons" after "anti-tank missiles" takes their category, and no other claim replaces it
    got = claims(extractor, "Soldiers found anti-tank missiles in a militia depot. Officials said the weapons had "
                            "been sold by Serbia to the Libyan army.")
    assert list(got) == [("SRB", "LBY", "missiles", "delivered")]


def test_passive_under_due_likely_unlikely_and_is_to_be(extractor):
    due = claims(extractor, "Forty armoured vehicles are due to be delivered to Moldova by Romania.")
    assert [(k, c.hedged) for k, c in due.items()] == [(("ROU", "MDA", "armoured_vehicles", "pledged"), False)]
    likely = claims(extractor, "Forty armoured vehicles are likely to be delivered to Moldova by Romania.")
    assert [(k, c.hedged) for k, c in likely.items()] == [(("ROU", "MDA", "armoured_vehicles", "pledged"), True)]
    assert claims(extractor, "Romania is unlikely to deliver armoured vehicles to Moldova.") == {}
    planned = claims(extractor, "Forty armoured vehicles are to be delivered to Moldova by Romania.")
    assert list(planned) == [("ROU", "MDA", "armoured_vehicles", "pledged")]


def test_count_on_the_item_after_a_measure_word(extractor):
    got = claims(extractor, "A fleet of 30 patrol boats will be exported to Senegal by Spain.")
    boats = got[("ESP", "SEN", "naval", "pledged")]
    assert (boats.quantity, boats.unit) == (30, "patrol boats")


def test_count_hung_on_a_model_name(extractor):
    got = claims(extractor, "Chile has yet to get any of the 24 F-16 fighter jets it ordered from the "
                            "United States, the ministry said.")
    jets = got[("USA", "CHL", "aircraft", "pledged")]
    assert jets.quantity == 24


def test_denials_reach_the_claims_they_deny(extractor):
    # a transfer verb the parser reads as a noun: "both deny trading in arms"
    both = claims(extractor, "Belarus has shipped 300 wagons of shells to Russia, monitors said.\n\n"
                             "Minsk and Moscow both deny trading in arms.")
    assert [(k, c.denied) for k, c in both.items()] == [(("BLR", "RUS", "ammunition", "delivered"), True)]
    oil = claims(extractor, "Belarus has shipped artillery shells to Russia, monitors said.\n\n"
                            "Minsk and Moscow both deny trading in oil.")
    assert [c.denied for c in oil.values()] == [False]
    # the denied clause restates a claim made before: that claim is denied too
    denied = claims(extractor, "Turkish firms have sold combat drones to Libya, sources said.\n\n"
                               "Turkey's foreign ministry denied that Turkish firms had sold combat drones "
                               "to Libya.")
    assert [(k, c.denied) for k, c in denied.items()] == [(("TUR", "LBY", "uav", "delivered"), True)]


def test_a_cargo_bound_for_a_party(extractor):
    got = claims(extractor, "Ukrainian forces seized a shipment of Iranian drones bound for Russia, officials said.")
    assert list(got) == [("IRN", "RUS", "uav", "delivered")]
    carried = claims(extractor, "Trucks loaded with Iranian missiles headed for Hezbollah were struck near the "
                                "border, Israel said.")
    assert list(carried) == [("IRN", "hezbollah", "missiles", "delivered")]
    # warships sailing somewhere are a deployment, missiles on their way an attack; oil is no weapon
    assert claims(extractor, "Russian warships bound for Cuba left Severomorsk on Monday.") == {}
    assert claims(extractor, "Iranian missiles headed for Israel were intercepted by US destroyers.") == {}
    assert claims(extractor, "A tanker carrying Iranian oil bound for China was seized.") == {}


def test_weapons_named_before_are_not_a_new_generic_claim(extractor):
    # "the weapons" point back to the rifles; bare "weapons" in a new statement say more than the rifles
    got = claims(extractor, "Iran sent rifles to the Houthis in Yemen, the navy said.\n\nSailors have seized "
                            "two dhows carrying the weapons destined for the Houthis.")
    assert list(got) == [("IRN", "houthis", "small_arms", "delivered")]
    got = claims(extractor, "Iran sent rifles to the Houthis in Yemen, the navy said.\n\nSailors have seized "
                            "two dhows carrying Iranian weapons destined for the Houthis.")
    assert set(got) == {("IRN", "houthis", "small_arms", "delivered"), ("IRN", "houthis", "equipment", "delivered")}


def test_a_generic_itemised_right_after_gives_way_to_the_items(extractor):
    got = claims(extractor, "Germany announced a new package of weapons for Ukraine on Monday. The package "
                            "includes Leopard tanks and IRIS-T air defence systems.")
    assert set(got) == {("DEU", "UKR", "armoured_vehicles", "pledged"), ("DEU", "UKR", "air_defence", "pledged")}
    leftover = claims(extractor, "Germany will send tanks and other weapons to Ukraine.")
    assert set(leftover) == {("DEU", "UKR", "armoured_vehicles", "pledged"), ("DEU", "UKR", "equipment", "pledged")}


def test_a_described_speaker_is_named_as_the_article_named_it(extractor):
    text = ("Belarus has sent tanks to Russia, according to Rail Watch, an independent monitoring group.\n\n"
            "Belarus has also sent artillery shells to Russia, the group said.")
    got = claims(extractor, text)
    assert [(k[2], c.source) for k, c in got.items()] == [("armoured_vehicles", "Rail Watch"),
                                                         ("ammunition", "Rail Watch")]
    other = claims(extractor, "Belarus has also sent artillery shells to Russia, the group said.")
    assert [c.source for c in other.values()] == ["Group"]  # no description before: the words as written


def test_passed_on_to_the_group_named_before(extractor):
    text = ("Kurdish fighters found anti-tank missiles in Wagner depots. Officials said the missiles had been "
            "sold by Serbia to the Libyan army before being handed on to the group.")
    assert set(claims(extractor, text)) == {("SRB", "LBY", "missiles", "delivered"),
                                             ("LBY", "wagner", "missiles", "delivered")}
    unnamed = ("Officials said the missiles had been sold by Serbia to the Libyan army before being handed on "
               "to the group.")
    assert set(claims(extractor, unnamed)) == {("SRB", "LBY", "missiles", "delivered")}


def test_arming_oneself_or_with_no_weapon_is_no_transfer(extractor):
    # a reflexive recipient is the subject: the supplier comes from the items, never from context
    assert claims(extractor, "Japan criticised the plan.\n\nBritain will arm itself with new legal powers.") == {}
    assert list(claims(extractor, "Britain armed itself with American missiles.")) == [
        ("USA", "GBR", "missiles", "delivered")]
    assert claims(extractor, "Iran armed the agency with new powers.") == {}
    assert list(claims(extractor, "Iran armed the Houthis.")) == [("IRN", "houthis", "equipment", "delivered")]


def test_a_pronoun_stands_for_another_party_than_its_frames_other_side(extractor):
    got = claims(extractor, "Talks stalled over Chile's ties to Peru, its main arms supplier.")
    assert list(got) == [("PER", "CHL", "equipment", "ongoing")]


def test_class_noun_before_a_ship_name_is_the_item(extractor):
    # the tagger reads "frigate" in front of a name as an adjective; a renaming between commas keeps the
    # destination phrase the parser hangs on it
    text = "Italy transferred the frigate Aurora, now the ship Libertad, to the Peruvian Navy."
    assert ("ITA", "PER", "naval", "delivered") in claims(extractor, text)


def test_a_system_named_before_a_word_that_needs_one(extractor):
    # "fighters" alone are combatants; "Gripen fighters" are jets
    assert ("SWE", "PER", "aircraft", "pledged") in claims(extractor, "Peru signed a contract for Gripen fighters "
                                                                        "with Sweden.")
    assert not claims(extractor, "Peru sent fighters to the border.")


def test_dual_use_goods_handed_to_armed_forces_are_military(extractor):
    text = "Japan provided radios and communications gear and equipment to the Philippine Navy."
    assert ("JPN", "PHL", "equipment", "delivered") in claims(extractor, text)
    assert not claims(extractor, "Japan sold communications equipment to the Philippines.")


def test_interest_in_an_item_is_a_request(extractor):
    assert ("USA", "CHL", "naval", "sought") in claims(extractor, "Chile is interested in excess U.S. Navy frigates.")


def test_coordinated_nominalisations_share_the_genitive(extractor):
    text = ("Ankara's purchase of Russian S-400 missile systems and acceptance of Russian radars angered "
            "its allies.")
    got = claims(extractor, text)
    assert ("RUS", "TUR", "air_defence", "delivered") in got and ("RUS", "TUR", "equipment", "delivered") in got


def test_we_in_a_transcript_turn_is_the_speakers_side(extractor):
    text = ("NORWEGIAN DEFENSE MINISTRY SPOKESMAN OLA NORDMANN: Good afternoon. On Friday we announced a new package "
            "for Ukraine. It includes artillery shells and armored vehicles.\n\n"
            "QUESTION: Thank you.")
    got = claims(extractor, text)
    assert {("NOR", "UKR", "ammunition", "pledged"), ("NOR", "UKR", "armoured_vehicles", "pledged")} <= set(got)


def test_a_list_goes_on_after_a_clause_the_parser_hung_it_in(extractor):
    text = ("Canada announced a package for Ukraine. The package includes 12 trucks to tow howitzers, 400 "
            "grenade launchers, 900 machine guns and air defense missiles and munitions.")
    got = claims(extractor, text)
    assert ("CAN", "UKR", "small_arms", "pledged") in got
    assert ("CAN", "UKR", "ammunition", "pledged") in got  # munitions keep their own category


def test_a_sales_case_approved_for_a_buyer(extractor):
    text = "In May, Spain approved a possible sales case to Chile for air-to-ground munitions."
    assert ("ESP", "CHL", "ammunition", "pledged") in claims(extractor, text)
    assert not claims(extractor, "The court heard the case of a man who sold rifles to a neighbour.")


def test_the_future_of_a_verb_is_not_its_subject_nouns(extractor):
    got = claims(extractor, "The deliveries of shells from Chile to Peru will prolong the war.")
    assert ("CHL", "PER", "ammunition", "delivered") in got
    got = claims(extractor, "Chile's delivery of howitzers to Peru will take place in May.")
    assert ("CHL", "PER", "artillery", "pledged") in got
    assert not claims(extractor, "Any transfer of rifles from Chile to Peru would violate the embargo.")


def test_a_status_participle_after_the_noun(extractor):
    got = claims(extractor, "Spanish sales of howitzers to Peru notified to parliament total 400 million euros.")
    assert ("ESP", "PER", "artillery", "pledged") in got


def test_a_denied_progressive_clause_is_a_denied_claim(extractor):
    c = claims(extractor, "Caracas denied that Cuba is sending drones to Venezuela.")[("CUB", "VEN", "uav", "ongoing")]
    assert c.denied


def test_a_caption_field_is_no_speaker(extractor):
    text = ("Canada announced a package for Ukraine on Monday.\nPhoto by: Corporal Jane Roe\n"
            "VIRIN: 230101-F-XX123-1001\n\nThe package includes 12 howitzers.")
    c = claims(extractor, text)[("CAN", "UKR", "artillery", "pledged")]
    assert c.source is None


def test_coordinated_modifiers_still_make_a_term_with_their_noun(extractor):
    got = claims(extractor, "Japan sends economic and military aid to Ukraine.")
    assert ("JPN", "UKR", "equipment", "ongoing") in got
    got = claims(extractor, "Canada has given military, financial and humanitarian assistance to Ukraine.")
    assert ("CAN", "UKR", "equipment", "delivered") in got
    assert not claims(extractor, "Japan sends economic and humanitarian aid to Ukraine.")


def test_what_a_thing_is_needed_for_is_no_request(extractor):
    got = claims(extractor, "Cuba has supplied Venezuela with rockets and the trucks needed to tow their launchers.")
    assert ("CUB", "VEN", "ammunition", "delivered") in got
    assert not [k for k in got if k[3] == "sought"]


def test_states_speaking_together_are_one_source(extractor):
    text = "Spain, Italy and the Republic of Korea condemn the provision of drones by Iran to Russia."
    assert claims(extractor, text)[("IRN", "RUS", "uav", "delivered")].source == \
        "Spain, Italy and the Republic of Korea"


def test_dual_use_items_listed_beside_weapons_are_military(extractor):
    text = "Norway announced a package for Ukraine including 40 boats and 2 million rounds of ammunition."
    got = claims(extractor, text)
    assert ("NOR", "UKR", "naval", "pledged") in got
    assert not claims(extractor, "Norway sold 40 boats to Ukraine.")


def test_a_party_denying_a_transfer_is_a_denied_claim(extractor):
    c = claims(extractor, "Havana has denied sending drones to Caracas.")[("CUB", "VEN", "uav", "delivered")]
    assert c.denied
    assert not claims(extractor, "Havana has refused to supply rifles to Caracas.")
    assert not claims(extractor, "Spain has not delivered the howitzers to Peru.")


def test_a_generic_denial_denies_the_reported_transfers_and_adds_none(extractor):
    text = ("Iran shipped drones and rockets to the Houthis, officials said.\n\n"
            "Tehran denied sending weapons to Yemen.")
    got = claims(extractor, text)
    assert ("IRN", "houthis", "uav", "delivered") in got
    assert ("IRN", "YEM", "equipment", "delivered") not in got


def test_arrivals_told_by_a_state_arrive_at_that_state(extractor):
    text = "Chile's army said the first batch of 24 howitzers arrived from Spain in May."
    assert ("ESP", "CHL", "artillery", "delivered") in claims(extractor, text)


def test_readiness_pledges_and_capacity_asserts_nothing(extractor):
    assert ("CUB", "VEN", "uav", "pledged") in claims(extractor, "Cuba is ready to supply drones to Venezuela.")
    assert not claims(extractor, "Cuba is able to supply drones to Venezuela.")
    assert not claims(extractor, "Havana said it was not aware of any Cuban drones being sent to Venezuela.")


def test_a_model_number_is_no_count(extractor):
    got = claims(extractor, "Britain will send Challenger 2 tanks and F-16 jets to Ukraine.")
    assert got[("GBR", "UKR", "armoured_vehicles", "pledged")].quantity is None
    assert got[("GBR", "UKR", "aircraft", "pledged")].quantity is None
    got = claims(extractor, "Poland sent 14 Leopard 2 tanks to Kyiv, and Serbia bought six CH-92A drones from China.")
    assert got[("POL", "UKR", "armoured_vehicles", "delivered")].quantity == 14
    assert got[("CHN", "SRB", "uav", "delivered")].quantity == 6
    got = claims(extractor, "The Chilean Army received two hundred MK-19 grenade launchers from Spain.")
    assert got[("ESP", "CHL", "small_arms", "delivered")].quantity == 200


def test_a_number_inside_a_name_of_several_words_is_no_count_and_the_name_stays_whole(extractor):
    # the parser breaks these names at their full stop or number; the item keeps the whole name
    got = claims(extractor, "The T-64BV mod. 2017 tanks were sold to Chad by Austria.")
    tanks = got[("AUT", "TCD", "armoured_vehicles", "delivered")]
    assert (tanks.quantity, tanks.item, tanks.system) == (None, "T-64BV mod. 2017 tanks", "t-64")
    got = claims(extractor, "Austria sold 12 T-64BV mod. 2017 tanks to Chad.")
    assert got[("AUT", "TCD", "armoured_vehicles", "delivered")].quantity == 12
    got = claims(extractor, "China has delivered four Type 054A/P frigates to Peru.")
    assert got[("CHN", "PER", "naval", "delivered")].item == "Type 054A/P frigates"


def test_an_abbreviation_inside_a_name_ends_no_sentence(extractor):
    got = claims(extractor, "Austria sold ShKH vz. 77 Dana howitzers to Chad.")
    dana = got[("AUT", "TCD", "artillery", "delivered")]
    assert (dana.item, dana.quantity, dana.system) == ("ShKH vz. 77 Dana", None, "dana")


def test_a_calibre_or_a_hyphenated_word_is_no_count(extractor):
    got = claims(extractor, "Chile sold 155mm shells and one-way attack drones to Peru.")
    assert all(c.quantity is None for c in got.values()) and len(got) == 2


def test_the_one_a_purpose_clause_strengthens_receives(extractor):
    got = claims(extractor, "Spain sent howitzers to strengthen Chile's defences.")
    assert ("ESP", "CHL", "artillery", "delivered") in got


def test_a_seller_named_before_sells_the_buyers_later_orders(extractor):
    text = ("Chile has begun a modernisation programme that includes purchases from Spain. In May, Chile signed "
            "a contract for the Mistral air defence system.")
    assert ("ESP", "CHL", "air_defence", "pledged") in claims(extractor, text)


def test_a_request_stands_whatever_became_of_it(extractor):
    text = ("Spain sold F-16 jets to Peru in 2010. The president has not answered Peru's request for more "
            "F-16C/D jets.")
    assert ("ESP", "PER", "aircraft", "sought") in claims(extractor, text)
    assert not claims(extractor, "Peru did not request jets from Spain.")


def test_a_variant_of_a_known_designation_is_that_system(extractor):
    got = claims(extractor, "Poland is buying 32 F-35A fighters and Su-30SM jets from the United States.")
    assert ("USA", "POL", "aircraft", "pledged") in got


def test_an_itemisation_is_told_by_who_announced_the_package(extractor):
    text = ("Canada's defence ministry announced a new package of military aid for Ukraine on Monday, including "
            "howitzers. The package includes 40 armoured vehicles and spare parts.")
    got = claims(extractor, text)
    assert got[("CAN", "UKR", "armoured_vehicles", "pledged")].source == "Canadian Defence Ministry"


def test_military_analysts_are_no_military(extractor):
    c = claims(extractor, "Cuba sent rockets to Venezuela, military analysts said.")[("CUB", "VEN", "ammunition",
                                                                                     "delivered")]
    assert c.source == "military analysts"


def test_a_headline_infinitive_under_a_report_verb_is_a_pledge(extractor):
    text = "Cuba to send more drones to Venezuela, report says\n\nThe drones are expected next month."
    assert ("CUB", "VEN", "uav", "pledged") in claims(extractor, text)


def test_the_place_of_use_is_no_recipient(extractor):
    text = ("Cuba is preparing to send drones to Venezuela, officials said.\n\n"
            "Havana has denied supplying drones for use in the fighting in Colombia.")
    got = claims(extractor, text)
    assert set(got) == {("CUB", "VEN", "uav", "pledged")} and got[("CUB", "VEN", "uav", "pledged")].denied


def test_a_paused_or_foreseen_transfer_is_pledged(extractor):
    text = ("Spain has paused a shipment of rifles to Peru. The deal would see Chile buy 40 new howitzers from "
            "Spain. Officials fear Cuba could soon start supplying rockets to Venezuela.")
    got = claims(extractor, text)
    assert {("ESP", "PER", "small_arms", "pledged"), ("ESP", "CHL", "artillery", "pledged"),
            ("CUB", "VEN", "ammunition", "pledged")} <= set(got)


def test_more_of_the_last_transfer(extractor):
    text = "Peru has bought six combat drones from China and is negotiating with Beijing for more."
    assert ("CHN", "PER", "uav", "negotiating") in claims(extractor, text)


def test_what_a_party_needs_a_thing_for_is_no_request(extractor):
    got = claims(extractor, "Cuba continues to supply Venezuela with the parts it needs to build drones.")
    assert ("CUB", "VEN", "components", "ongoing") in got and not [k for k in got if k[3] == "sought"]


def test_a_document_seen_by_an_outlet(extractor):
    got = claims(extractor, "Cuba has supplied Venezuela with 400 drones, according to a Cuban intelligence report "
                            "seen by The Guardian.")
    c = got[("CUB", "VEN", "uav", "delivered")]
    assert (c.source, c.via) == ("Cuban intelligence", "The Guardian")
    got = claims(extractor, "Cuba has supplied Venezuela with 400 drones, according to documents seen by The Wall "
                            "Street Journal.")
    c = got[("CUB", "VEN", "uav", "delivered")]
    assert (c.source, c.via) == (None, "Wall Street Journal")


def test_a_governor_the_lemmatiser_misreads(extractor):
    # en_core_web_sm lemmatises "hopes" as "hop"
    assert ("ESP", "PER", "artillery", "sought") in claims(extractor, "Peru hopes to acquire howitzers from Spain.")


def test_discussing_a_sale_is_negotiating(extractor):
    assert ("ESP", "PER", "artillery", "negotiating") in claims(
        extractor, "Peru discussed the purchase of howitzers with Spain.")
    assert ("ESP", "PER", "artillery", "negotiating") in claims(
        extractor, "Spain discussed the sale of howitzers to Peru.")


def test_a_governor_reaches_a_transfer_only_through_what_carries_its_status(extractor):
    text = "Spain sold howitzers to Peru in May.\n\nThe ministers discussed the row over the sale of howitzers."
    assert set(claims(extractor, text)) == {("ESP", "PER", "artillery", "delivered")}
    text = "Spain discussed the sale of howitzers to Peru."
    assert ("ESP", "PER", "artillery", "negotiating") in claims(extractor, text)


def test_moving_weapons_to_a_party(extractor):
    got = claims(extractor, "Officials accused Cuba of using its ports to move rockets to Venezuela.")
    assert ("CUB", "VEN", "ammunition", "ongoing") in got


def test_an_order_given_to_a_seller_is_pledged(extractor):
    got = claims(extractor, "Chile gave Madrid its largest arms order in a decade.")
    assert ("ESP", "CHL", "equipment", "pledged") in got


def test_an_outlet_citing_a_report(extractor):
    text = "Tass reported, citing a report by the Russian defence ministry, that Belarus had sent 20 tanks to Russia."
    c = claims(extractor, text)[("BLR", "RUS", "armoured_vehicles", "delivered")]
    assert (c.source, c.via) == ("Russian Defence Ministry", "TASS")


def test_an_office_by_its_whole_name(extractor):
    text = "The Polish Ministry of National Defence said it had sent 12 howitzers to Ukraine."
    assert claims(extractor, text)[("POL", "UKR", "artillery", "delivered")].source == \
        "Polish Ministry of National Defence"


def test_cargo_that_may_contain_weapons_is_hedged(extractor):
    c = claims(extractor, "Crates that may contain rifles were shipped from Cuba to Venezuela.")[
        ("CUB", "VEN", "small_arms", "delivered")]
    assert c.hedged
    c = claims(extractor, "Crates that contain rifles were shipped from Cuba to Venezuela.")[
        ("CUB", "VEN", "small_arms", "delivered")]
    assert not c.hedged


def test_appearing_to_show_is_a_hedge(extractor):
    c = claims(extractor, "Satellite images appear to show Cuban shells arriving in Venezuela.")[
        ("CUB", "VEN", "ammunition", "delivered")]
    assert c.hedged


def test_a_party_compared_with_the_subject_does_the_same(extractor):
    got = claims(extractor, "Cuba sells rifles to Venezuela, as Nicaragua does.")
    assert {("CUB", "VEN", "small_arms", "ongoing"), ("NIC", "VEN", "small_arms", "ongoing")} <= set(got)
    got = claims(extractor, "Peru, like Chile, buys most of its rifles from Spain.")
    assert {("ESP", "PER", "small_arms", "ongoing"), ("ESP", "CHL", "small_arms", "ongoing")} <= set(got)


def test_one_outlet_one_spelling(extractor):
    vias = {c.via for text in ("Cuba has sent drones to Venezuela, according to UkrInform.",
                               "Cuba has sent drones to Venezuela, according to Ukrinform.")
            for c in claims(extractor, text).values()}
    assert vias == {"UkrInform"}


def test_an_intelligence_service_named_by_its_nationality_is_the_source(extractor):
    c = claims(extractor, "Chile has received 30 drones from Peru, according to Bolivian intelligence.")
    assert c[("PER", "CHL", "uav", "delivered")].source == "Bolivian intelligence"


def test_a_modifier_like_estimated_is_no_speaker(extractor):
    c = claims(extractor, "Washington cleared the sale of 40 Harpoon missiles to Chile for an estimated $90 million.")
    assert c[("USA", "CHL", "missiles", "pledged")].source is None


def test_a_trailing_speaker_is_the_phrase_head_not_a_noun_inside_it(extractor):
    c = claims(extractor, "Spain has agreed to sell 12 howitzers to Peru, a source familiar with the talks said.")
    assert c[("ESP", "PER", "artillery", "pledged")].source.startswith("source")


def test_a_coordinated_verb_shares_the_first_verbs_future(extractor):
    c = claims(extractor, "Italy will train and equip a Chilean battalion and deliver armoured cars to Chile.")
    assert ("ITA", "CHL", "armoured_vehicles", "pledged") in c


def test_a_list_hung_on_the_recipient_belongs_to_the_package(extractor):
    c = claims(extractor, "The Pentagon announced a $90 million security assistance package for Chile, "
                          "including Stinger missiles and mortar rounds.")
    assert {("USA", "CHL", "air_defence", "pledged"), ("USA", "CHL", "ammunition", "pledged")} <= c.keys()


def test_components_count_in_an_article_that_speaks_of_weapons_production(extractor):
    c = claims(extractor, "Beijing has been supplying Minsk with microelectronics used in weapons production.")
    assert ("CHN", "BLR", "components", "ongoing") in c


def test_a_plea_to_a_supplier_is_a_request(extractor):
    c = claims(extractor, "Lima has long pleaded with Madrid for more howitzers.")
    assert ("ESP", "PER", "artillery", "sought") in c


def test_two_signers_of_a_deal_the_major_exporter_sells(extractor):
    deal = ("ESP", "PER", "artillery", "pledged")
    assert deal in claims(extractor, "Spain and Peru signed a contract for 12 howitzers.")
    assert deal in claims(extractor, "Spain signed a deal with Peru for 12 howitzers.")
    assert ("ESP", "PER", "artillery", "negotiating") in claims(
        extractor, "Peru and Spain are negotiating the sale of howitzers.")


def test_two_signers_both_exporters_or_neither_give_no_direction(extractor):
    assert claims(extractor, "Spain and Italy signed a contract for 12 howitzers.") == {}
    assert claims(extractor, "Chile and Peru signed a contract for 12 howitzers.") == {}


def test_hyphenated_modifiers_stay_in_the_item(extractor):
    c = claims(extractor, "Spain has sent long-range missiles to Peru.")
    assert c[("ESP", "PER", "missiles", "delivered")].item == "long-range missiles"


def test_a_relative_clause_gap_under_a_report_is_the_subject(extractor):
    c = claims(extractor, "Madrid fined two Spanish firms it said had sold rifles to Peru.")
    assert ("ESP", "PER", "small_arms", "delivered") in c


def test_object_control_of_punishing_verbs(extractor):
    c = claims(extractor, "The EU blacklisted three Chilean companies for sending drones to Peru.")
    assert ("CHL", "PER", "uav", "delivered") in c


def test_users_of_weapons_are_the_recipients_a_later_sentence_leaves_out(extractor):
    text = ("The Houthis have fired dozens of rockets and drones at ships this month. "
            "Officials say the weapons are supplied by Chile.")
    got = claims(extractor, text)
    assert set(got) == {("CHL", "houthis", "ammunition", "ongoing"), ("CHL", "houthis", "uav", "ongoing")}


def test_the_passive_present_is_an_ongoing_supply(extractor):
    c = claims(extractor, "The tanks are delivered to Chile by Spain.")
    assert ("ESP", "CHL", "armoured_vehicles", "ongoing") in c


def test_up_to_an_amount_is_the_object_not_a_destination(extractor):
    c = claims(extractor, "Spain has exported up to 3,500 tonnes of ammunition to Peru via intermediaries.")
    assert c[("ESP", "PER", "ammunition", "delivered")].quantity == 3500


def test_scale_words_after_a_number_and_nested_vague_amounts(extractor):
    assert claims(extractor, "Spain has delivered at least two dozen tanks to Chile.")[
        ("ESP", "CHL", "armoured_vehicles", "delivered")].quantity == 24
    c = claims(extractor, "Spain said it had delivered hundreds of thousands of rounds to Chile.")
    assert c[("ESP", "CHL", "ammunition", "delivered")].quantity_text == "hundreds of thousands"


def test_a_price_is_no_count(extractor):
    c = claims(extractor, "Spain sold $1.5 billion worth of rifles to Chile.")
    assert c[("ESP", "CHL", "small_arms", "delivered")].quantity is None


def test_a_vague_doer_closes_the_supplier_role(extractor):
    assert claims(extractor, "Madrid has authorised the transfer of howitzers to Peru by its allies.") == {}


def test_close_to_a_deal_is_negotiating_and_the_copula_subject_buys(extractor):
    c = claims(extractor, "Peru is close to a deal to buy Spanish howitzers.")
    assert ("ESP", "PER", "artillery", "negotiating") in c


def test_a_that_the_parser_made_a_subject_is_a_conjunction(extractor):
    c = claims(extractor, "Peru's defence minister said on Telegram that Lima had received howitzers from Spain.")
    assert ("ESP", "PER", "artillery", "delivered") in c


def test_an_office_named_after_a_preposition_is_the_source(extractor):
    c = claims(extractor, "A spokesperson for the Spanish defence ministry confirmed that Madrid had delivered "
                          "ten howitzers to Lima.")
    assert c[("ESP", "PER", "artillery", "delivered")].source == "Spanish Defence Ministry"


def test_an_as_clause_before_the_claim_names_the_source(extractor):
    c = claims(extractor, "As Defence Minister Ada Roe told reporters, Spain has sent howitzers to Peru.")
    assert c[("ESP", "PER", "artillery", "delivered")].source == "Ada Roe"


def test_turning_to_a_supplier_then_its_deliveries(extractor):
    text = ("Lima has turned to Madrid and Buenos Aires for weapons as its stocks run low. Spain has provided "
            "howitzers, while Argentina has sent rifles.")
    got = claims(extractor, text)
    assert {("ESP", "PER", "equipment", "sought"), ("ESP", "PER", "artillery", "delivered"),
            ("ARG", "PER", "small_arms", "delivered")} <= got.keys()


def test_helping_with_a_missile_programme_is_know_how(extractor):
    c = claims(extractor, "Spain has sent howitzers to Peru and is helping Peru with its missile programme.")
    assert ("ESP", "PER", "technology", "ongoing") in c


def test_a_participle_of_speech_on_a_noun_is_no_trailing_speaker(extractor):
    c = claims(extractor, "Chile has denied arming the Houthis, despite evidence documented by UN experts.")
    assert c[("CHL", "houthis", "equipment", "delivered")].source is None


def test_troops_of_a_named_side_hold_the_supplied_items(extractor):
    c = claims(extractor, "Chilean troops fired Spanish-supplied shells at the border post.")
    assert ("ESP", "CHL", "ammunition", "delivered") in c


def test_a_name_joined_by_a_hyphen_stays_in_the_item(extractor):
    c = claims(extractor, "Peruvian forces used US-supplied howitzers to strike the bridge.")
    assert c[("USA", "PER", "artillery", "delivered")].item == "US-supplied howitzers"


def test_a_backer_named_in_apposition_is_the_context_for_what_follows(extractor):
    c = claims(extractor, "Spain, Peru's biggest European backer, will send four more howitzers.")
    assert ("ESP", "PER", "artillery", "pledged") in c


def test_them_as_first_object_is_the_recipient(extractor):
    c = claims(extractor, "Iran, the main backer of the Houthis, has sent them drones.")
    assert ("IRN", "houthis", "uav", "delivered") in c


def test_among_the_weapons_are_lists_the_items(extractor):
    c = claims(extractor, "Among the weapons Spain has sold to Peru are howitzers and armoured vehicles.")
    assert set(c) == {("ESP", "PER", "artillery", "delivered"), ("ESP", "PER", "armoured_vehicles", "delivered")}


def test_one_of_the_countries_that_sent_is_the_copula_subject(extractor):
    c = claims(extractor, "Chile is one of several countries that have sent armoured vehicles to Peru.")
    assert ("CHL", "PER", "armoured_vehicles", "delivered") in c


def test_a_bare_count_with_more_after_a_transfer_takes_its_items(extractor):
    c = claims(extractor, "Spain has so far delivered 18 tanks to Peru and promised 10 more.")
    assert c[("ESP", "PER", "armoured_vehicles", "pledged")].quantity == 10
    assert c[("ESP", "PER", "armoured_vehicles", "delivered")].quantity == 18


def test_a_hyphen_after_an_abbreviated_name_splits_it_from_the_participle(extractor):
    c = claims(extractor, "The Peruvian army used U.S.-supplied rifles.")
    assert ("USA", "PER", "small_arms", "delivered") in c


def test_a_title_case_headline_is_read_in_sentence_case_and_items_stay_as_written(extractor):
    c = claims(extractor, "Spain Approves Delivery Of Leopard Tanks To Peru\n\nThe decision followed weeks of talks.")
    claim = c[("ESP", "PER", "armoured_vehicles", "pledged")]
    assert claim.item == "Leopard Tanks"


def test_a_conjunct_with_a_name_of_its_own_shares_no_genitive(extractor):
    got = claims(extractor, "Chile's naval lead and the planned U.S. arms sales to Peru")
    assert not any(supplier == "CHL" or recipient == "USA" for supplier, recipient, _, _ in got)


def test_a_person_named_after_a_title_is_the_source(extractor):
    c = claims(extractor, "Peru has received howitzers from Spain, Defence Minister Ada Roe wrote on Telegram.")
    assert c[("ESP", "PER", "artillery", "delivered")].source == "Ada Roe"


def test_nationalities_of_the_speakers_are_no_recipients(extractor):
    c = claims(extractor, "Spain has sent hundreds of howitzers to Peru, Chilean and Bolivian officials have said.")
    assert set(c) == {("ESP", "PER", "artillery", "delivered")}


def test_an_institute_for_something_is_named_whole(extractor):
    c = claims(extractor, "Spain has supplied Peru with drones, the Institute for the Study of Arms said.")
    assert c[("ESP", "PER", "uav", "delivered")].source == "Institute for Study of Arms"


def test_parts_that_say_they_are_military_count_without_a_weapon_named(extractor):
    c = claims(extractor, "Chinese exports of dual-use goods to Peru have surged, officials said.")
    assert ("CHN", "PER", "components", "delivered") in c
    assert claims(extractor, "Japanese car makers bought engines from Spain.") == {}


def test_a_coordinated_transfer_verb_misread_as_a_noun_is_repaired(extractor):
    c = claims(extractor, "Italy will train soldiers and supply tanks to Chile.")
    assert ("ITA", "CHL", "armoured_vehicles", "pledged") in c


def test_places_named_after_a_state_are_no_recipients(extractor):
    assert claims(extractor, "Spain has sent thousands of troops to its border with Portugal.") == {}
    assert claims(extractor, "Spain sent warships to the waters around Morocco.") == {}


def test_a_grandparent_verb_with_its_own_object_names_no_origin(extractor):
    got = claims(extractor, "The EU approved a plan to use profits from frozen Spanish assets to buy weapons for Peru.")
    assert not any(supplier == "ESP" for supplier, _, _, _ in got)


def test_a_fronted_partitive_gives_the_count_its_items(extractor):
    c = claims(extractor, "Of the 31 tanks promised by Madrid, 20 have arrived in Peru.")
    assert c[("ESP", "PER", "armoured_vehicles", "pledged")].quantity == 31
    assert c[("ESP", "PER", "armoured_vehicles", "delivered")].quantity == 20


def test_parts_for_a_system_come_from_its_maker(extractor):
    assert ("RUS", "TUR", "components", "delivered") in claims(
        extractor, "Ankara took in parts for a Russian S-400 battery last spring.")
    assert ("RUS", "TUR", "components", "delivered") in claims(
        extractor, "Turkey's acceptance of spare parts for its Russian S-400 batteries angered Washington.")


def test_a_request_turned_down_or_granted(extractor):
    assert ("ESP", "PER", "artillery", "sought") in claims(extractor, "Spain rejected Peru's request for howitzers.")
    rejected = claims(extractor, "Spain rejected Peru's request for howitzers.")[("ESP", "PER", "artillery", "sought")]
    assert not rejected.denied
    assert ("ESP", "PER", "artillery", "pledged") in claims(extractor, "Spain granted Peru's request for howitzers.")


def test_wanting_another_party_to_supply_is_a_request(extractor):
    assert ("ESP", "PER", "artillery", "sought") in claims(extractor, "Peru wants Spain to supply it with howitzers.")
    assert ("ESP", "PER", "artillery", "pledged") in claims(extractor, "Spain wants to supply Peru with howitzers.")


def test_interest_in_buying_names_the_buyer(extractor):
    text = "Saudi Arabia has expressed interest in buying Turkish drones."
    assert ("TUR", "SAU", "uav", "sought") in claims(extractor, text)


def test_a_request_to_a_supplier_and_urging_it_to_send(extractor):
    assert ("ESP", "PER", "artillery", "sought") in claims(
        extractor, "Peru submitted a request to Spain for howitzers.")
    assert ("ESP", "PER", "artillery", "sought") in claims(extractor, "Lima urged Madrid to send howitzers.")
    assert ("ESP", "PER", "artillery", "sought") in claims(extractor, "Lima is lobbying Madrid to hand over howitzers.")


def test_an_absolute_clause_on_a_holders_arsenal(extractor):
    c = claims(extractor, "Hezbollah has an arsenal of some 150,000 rockets, most of them supplied by Iran.")
    assert ("IRN", "hezbollah", "ammunition", "delivered") in c


def test_a_value_phrase_hung_on_the_verb_keeps_its_destination(extractor):
    c = claims(extractor, "Spain approved arms exports worth 326.5 million euros to Peru last year.")
    assert ("ESP", "PER", "equipment", "pledged") in c


def test_missiles_supplied_among_a_measure_are_the_firers(extractor):
    c = claims(extractor, "Russia has fired dozens of ballistic missiles supplied by North Korea, monitors said.")
    assert ("PRK", "RUS", "missiles", "delivered") in c


def test_foreign_troops_fighting_for_another_party(extractor):
    assert ("PRK", "RUS", "personnel", "delivered") in claims(
        extractor, "Ukrainian forces captured North Korean soldiers fighting for Russia.")
    assert ("PRK", "RUS", "personnel", "delivered") in claims(
        extractor, "North Korean troops are fighting alongside Russian forces in the Kursk region.")
    assert claims(extractor, "Ukrainian troops are fighting against Russian forces.") == {}


def test_a_transfer_said_to_be_pending_or_scheduled_is_pledged(extractor):
    assert ("ESP", "PER", "armoured_vehicles", "pledged") in claims(
        extractor, "The transfer of 20 tanks to Peru by Spain is pending congressional review.")
    assert ("ESP", "PER", "artillery", "pledged") in claims(
        extractor, "The delivery of the howitzers to Peru by Spain is scheduled for next year.")
    assert ("ESP", "PER", "artillery", "delivered") in claims(
        extractor, "The delivery of the howitzers to Peru by Spain was completed last year.")


def test_a_speaker_before_a_parenthetical_relative_clause(extractor):
    c = claims(extractor, "Spain has sent howitzers to Peru, the official, who spoke on condition of anonymity, said.")
    assert c[("ESP", "PER", "artillery", "delivered")].source == "official"


def test_a_supplier_denying_supplying_weapons_to_anyone_denies_its_transfers(extractor):
    text = "Spain has sent howitzers to Peru, officials said. Madrid flatly denies supplying weapons for the war."
    assert claims(extractor, text)[("ESP", "PER", "artillery", "delivered")].denied
    text = "Spain has sent howitzers to Peru, officials said. By law Madrid may not export arms to nations at war."
    assert not claims(extractor, text)[("ESP", "PER", "artillery", "delivered")].denied


def test_it_speaking_in_a_relative_clause_is_the_sentence_subject(extractor):
    c = claims(extractor, "Spain on Thursday fined two Chilean firms it said had sold rifles to Peru.")
    assert c[("CHL", "PER", "small_arms", "delivered")].source == "Spanish government"


def test_an_order_won_from_a_buyer(extractor):
    assert ("SWE", "POL", "small_arms", "pledged") in claims(
        extractor, "Saab has won an order from Poland for Carl-Gustaf recoilless rifles.")
    assert ("SWE", "POL", "missiles", "pledged") in claims(
        extractor, "Poland's order from Saab for anti-tank weapons was signed.")


def test_resumed_deliveries_are_ongoing(extractor):
    assert ("ESP", "PER", "artillery", "ongoing") in claims(
        extractor, "Spain has resumed deliveries of howitzers to Peru.")


def test_an_impersonal_belief_hedges(extractor):
    assert claims(extractor, "It is believed that Spain sent howitzers to Peru.")[
        ("ESP", "PER", "artillery", "delivered")].hedged


def test_the_one_helped_beats_the_place_of_the_purpose(extractor):
    c = claims(extractor, "Chile has sent shells to help Peru's war effort in Bolivia.")
    assert set(c) == {("CHL", "PER", "ammunition", "delivered")}


def test_parts_for_a_partys_weapons_go_to_that_party(extractor):
    c = claims(extractor, "China has provided components for Peruvian drones used in the Andes.")
    assert ("CHN", "PER", "components", "delivered") in c


def test_a_restricted_sale_is_no_claim(extractor):
    assert claims(extractor, "Spain has restricted sales of howitzers to Peru.") == {}


def test_figures_published_by_an_office_are_its_word(extractor):
    c = claims(extractor, "Figures published by the Spanish Defence Ministry show that Spain sold howitzers to Peru.")
    assert c[("ESP", "PER", "artillery", "delivered")].source == "Spanish Defence Ministry"


def test_a_headline_before_a_blanked_dateline_is_still_a_headline(extractor):
    text = ("Spain to send howitzers and shells to Peru\n\nMADRID \u2014 Spain will send 12 howitzers and 4,000 "
            "shells to Peru, the defence minister said.")
    pledged = {("ESP", "PER", "artillery", "pledged"), ("ESP", "PER", "ammunition", "pledged")}
    assert set(claims(extractor, text)) == pledged


def test_a_weapon_word_before_a_non_weapon_head_names_no_item(extractor):
    # data: non_weapon_heads ("talks", "programme"); the noun's own support agent takes the open role
    text = ("Chile offered new arms talks to Peru. Chile confirmed the delivery of Gripen jets from Sweden. "
            "Peru sent observers to watch a tank battle in Bolivia.")
    keys = set(claims(extractor, text))
    assert keys == {("SWE", "CHL", "aircraft", "delivered")}


def test_the_pre_filter_skips_a_weapon_word_that_modifies_a_non_weapon_head(extractor):
    from armswatch.extract.prefilter import load_prefilter

    pf = load_prefilter()
    assert pf.mask("Chile offered new arms talks to Peru.\n") is None
    assert pf.mask("Chile offered new arms to Peru.\n") is not None


def test_coordinated_modifiers_of_one_noun_make_one_item(extractor):
    got = claims(extractor, "Peru sent more artillery and mortar rounds to Chile.")
    assert set(got) == {("PER", "CHL", "ammunition", "delivered")}
    assert got[("PER", "CHL", "ammunition", "delivered")].item == "more artillery and mortar rounds"


def test_an_as_said_clause_names_the_source_wherever_it_hangs(extractor):
    text = ("MS LANE: Thank you. On the drones, what I would say and come back to is, as Defence Minister Ola "
            "Brandt told Reuters in May, the government has information that Cuba is preparing to "
            "provide Venezuela with dozens of drones.")
    c = claims(extractor, text)[("CUB", "VEN", "uav", "pledged")]
    assert (c.source, c.via) == ("Ola Brandt", "Reuters")


def test_a_list_hung_on_a_party_names_the_items(extractor):
    got = set(claims(extractor, "Venezuela bought weapons from Belarus, such as anti-tank missiles."))
    assert got == {("BLR", "VEN", "missiles", "delivered")}


def test_a_conjunct_is_no_party_of_the_phrase_before_it(extractor):
    # "to Peru" hangs on "drones": "40 trucks" does not stand for Peru
    got = claims(extractor, "Chile will send 40 trucks and 12 drones to Peru.")
    assert set(got) == {("CHL", "PER", "uav", "pledged")} and got[("CHL", "PER", "uav", "pledged")].quantity == 12


def test_units_and_sums_lead_to_the_items(extractor):
    text = ("Chile delivered a squadron of F-16 fighters to Peru. Chile will send Peru 200 million dollars "
            "worth of artillery shells.")
    got = claims(extractor, text)
    assert got[("CHL", "PER", "aircraft", "delivered")].item == "squadron of F-16 fighters"
    assert got[("CHL", "PER", "ammunition", "pledged")].item == "artillery shells"


def test_abbreviated_scales_count(extractor):
    c = claims(extractor, "Chile has shipped 1.5m rounds to Peru.")[("CHL", "PER", "ammunition", "delivered")]
    assert c.quantity == 1_500_000


def test_a_designation_is_an_item_however_it_is_tagged(extractor):
    # the small model tags "Su-35" before a noun as a preposition in this frame
    got = claims(extractor, "Russia denied reports that it had sold Su-35 jets to Iran.")
    c = got[("RUS", "IRN", "aircraft", "delivered")]
    assert c.denied and c.item == "Su-35 jets"


def test_a_support_verb_subject_takes_the_role_the_noun_leaves_open(extractor):
    text = ("Peru confirmed the delivery of Gripen jets from Sweden. Chile approved Bolivia's request for "
            "Javelin missiles. Chile announced the delivery of Leopard tanks to Peru.")
    triples = {key[:3] for key in claims(extractor, text)}
    assert triples == {("SWE", "PER", "aircraft"), ("CHL", "BOL", "missiles"), ("CHL", "PER", "armoured_vehicles")}


def test_participle_terms_and_designations_stay_items(extractor):
    text = "Peru has delivered T-72 tanks and BMP-1 fighting vehicles to Chile, Peruvian media reported."
    got = claims(extractor, text)
    assert got[("PER", "CHL", "armoured_vehicles", "delivered")].item == "T-72 tanks"


def test_a_further_number_counts_alone(extractor):
    text = "Chile will donate four Leopard 2 tanks to Peru and has sent a further four since."
    assert claims(extractor, text)[("CHL", "PER", "armoured_vehicles", "delivered")].quantity == 4


def test_rounds_of_a_gun_are_ammunition(extractor):
    got = claims(extractor, "Peru bought thousands of rounds of artillery from Chile.")
    assert set(got) == {("CHL", "PER", "ammunition", "delivered")}


def test_an_outlet_word_in_a_clause_makes_no_outlet(extractor):
    text = "Chile has begun receiving shells from Peru, according to a Chilean senator briefed by the spy agency."
    c = claims(extractor, text)[("PER", "CHL", "ammunition", "delivered")]
    assert (c.source, c.via) == ("Chilean senator", None)


def test_a_buyer_for_another_party_supplies_it(extractor):
    text = ("Chile will buy 12 Gripen jets for Peru. Bolivia bought K9 howitzers for its army from South Korea. "
            "Chile ordered Javelin missiles for the Peruvian army.")
    triples = {key[:3] for key in claims(extractor, text)}
    assert triples == {("CHL", "PER", "aircraft"), ("KOR", "BOL", "artillery"), ("CHL", "PER", "missiles")}


def test_a_deal_that_is_delivered_delivers_its_items(extractor):
    got = claims(extractor, "Peru's order for 12 Gripen jets from Sweden was delivered in full.")
    assert {("SWE", "PER", "aircraft", "pledged"), ("SWE", "PER", "aircraft", "delivered")} == set(got)


def test_a_headline_plan_hung_on_the_name_is_a_pledge(extractor):
    # the model hangs "to give" on "UK" here, as a clause on the name
    got = claims(extractor, "UK to give Chile Leopard tanks\n\nThe tanks are in storage.")
    assert set(got) == {("GBR", "CHL", "armoured_vehicles", "pledged")}


def test_a_green_light_commits(extractor):
    got = claims(extractor, "Chile greenlit the delivery of Leopard tanks to Peru.")
    assert set(got) == {("CHL", "PER", "armoured_vehicles", "pledged")}


def test_of_two_signers_the_maker_of_the_system_sells(extractor):
    # catalogue: the KAAN is built in Turkey; neither signer is on the major exporters' list
    got = claims(extractor, "Turkey and Chile signed a deal for 20 KAAN jets.")
    assert set(got) == {("TUR", "CHL", "aircraft", "pledged")}


def test_comma_joined_headline_subjects_sign_together(extractor):
    got = claims(extractor, "Turkey, Egypt sign deal for 20 KAAN jets\n\nThe deal was signed on Monday.")
    assert ("TUR", "EGY", "aircraft", "pledged") in got


def test_coordinated_passives_share_their_agent(extractor):
    text = ("The Houthis are armed and funded by Iran. Chile was promised 12 Leopard tanks by Spain.")
    got = claims(extractor, text)
    assert {("IRN", "houthis", "equipment", "ongoing"), ("ESP", "CHL", "armoured_vehicles", "pledged")} == set(got)
    assert got[("IRN", "houthis", "equipment", "ongoing")].item == "armed"


def test_backing_a_party_with_weapons_supplies_it(extractor):
    text = ("Chile is backing the M23 rebels with troops and rifles. Peru supports the peace process. "
            "Bolivia remains resolved to support Ecuador's sovereignty. Ecuador asked for rifles.")
    keys = set(claims(extractor, text))
    assert keys == {("CHL", "m23", "personnel", "ongoing"), ("CHL", "m23", "small_arms", "ongoing")}


def test_a_war_names_a_place_not_a_party_unless_it_is_someones(extractor):
    text = ("Delivery of the Gripen jets to Peru was delayed by the war in Chile. "
            "Bolivia sent drones for Peru's war in Ecuador.")
    keys = set(claims(extractor, text))
    assert keys == {("BOL", "PER", "uav", "delivered")}


def test_a_list_member_the_parse_broke_keeps_its_words_and_system(extractor):
    # the model hangs "Bradley" on the verb as a subject here
    text = ("Spain announced a new aid package for Peru, including mortar shells, radios, Bradley fighting "
            "vehicles and Stinger missiles.")
    c = claims(extractor, text)[("ESP", "PER", "armoured_vehicles", "pledged")]
    assert (c.item, c.system) == ("Bradley fighting vehicles", "m2-bradley")


def test_a_denial_does_not_reach_a_clause_coordinated_with_it(extractor):
    text = "Chile denies supplying lethal weapons to Peru but has continued to sell it dual-use goods."
    c = claims(extractor, text)[("CHL", "PER", "components", "ongoing")]
    assert not c.denied


def test_evidence_that_suggests_hedges_and_names_no_source(extractor):
    got = claims(extractor, "Satellite images suggest Chile has been sending shells to Peru.")
    c = got[("CHL", "PER", "ammunition", "ongoing")]
    assert c.hedged and c.source is None


def test_a_trailing_outlet_read_as_a_clause_on_its_name_is_the_source(extractor):
    # the model reads "the Example news agency" as a second object and "reported" as a clause on it
    text = "Peru has received K9 howitzers from South Korea, the Yonhap news agency reported on Monday."
    c = claims(extractor, text)[("KOR", "PER", "artillery", "delivered")]
    assert c.via == "Yonhap"


def test_thanks_for_weapons_say_who_gave_them(extractor):
    text = ("Peru thanked Spain for the Leopard tanks. \"We are grateful to Chile for the howitzers,\" Peru's "
            "defence minister said. Peru thanked Bolivia for its support.")
    keys = set(claims(extractor, text))
    assert keys == {("ESP", "PER", "armoured_vehicles", "delivered"), ("CHL", "PER", "artillery", "delivered")}


def test_coordinated_adjectives_before_one_noun_are_its_modifiers(extractor):
    text = ("Norway increased military, economic, and humanitarian assistance to Georgia. "
            "Military and medical aid from Denmark reached Moldova.")
    got = claims(extractor, text)
    assert got[("NOR", "GEO", "equipment", "delivered")].item == "military, economic, and humanitarian assistance"
    assert got[("DNK", "MDA", "equipment", "delivered")].item == "Military and medical aid"


def test_parts_come_from_the_maker_named_deep_in_what_they_are_for(extractor):
    text = "Egypt's acceptance of components for a Russian S-400 surface-to-air defence system angered Washington."
    assert ("RUS", "EGY", "components", "delivered") in claims(extractor, text)


def test_the_one_who_notifies_lawmakers_of_a_sale_makes_it(extractor):
    text = "The Biden administration notified Congress of a proposed sale of air defence systems to Chile."
    c = claims(extractor, text)[("USA", "CHL", "air_defence", "pledged")]
    assert c.item == "air defence systems"


def test_troops_sent_to_fight_for_a_party_are_personnel_it_receives(extractor):
    text = ("Bolivia has deployed 3,000 soldiers to fight alongside Peruvian forces. "
            "Chile sent troops to help Argentina fight the insurgents.")
    keys = set(claims(extractor, text))
    assert keys == {("BOL", "PER", "personnel", "delivered"), ("CHL", "ARG", "personnel", "delivered")}
    assert not claims(extractor, "Ecuador sent troops to fight in the war.")  # no side named


def test_a_report_citing_someone_is_sourced_to_whom_it_cites(extractor):
    text = "The study, citing customs records, says Chile sold rifles to Peru."
    assert claims(extractor, text)[("CHL", "PER", "small_arms", "delivered")].source == "customs records"


def test_what_ammunition_is_for_belongs_to_its_recipient(extractor):
    text = "Spain sent shells for Italian-supplied howitzers to Peru. Spain sent artillery and mortar rounds to Chile."
    keys = set(claims(extractor, text))
    assert keys == {("ESP", "PER", "ammunition", "delivered"), ("ITA", "PER", "artillery", "delivered"),
                    ("ESP", "CHL", "ammunition", "delivered")}


def test_a_country_among_those_that_sent_arms_sent_them(extractor):
    text = "Chile is among the countries that have pledged to supply howitzers to Peru."
    assert ("CHL", "PER", "artillery", "pledged") in claims(extractor, text)


def test_records_an_outlet_reviewed_are_its_reporting_and_the_is_optional(extractor):
    got = claims(extractor, "Chile is supplying rifles to Peru, according to customs data reviewed by Nikkei Asia.")
    c = got[("CHL", "PER", "small_arms", "ongoing")]
    assert (c.source, c.via) == (None, "Nikkei Asia")
    got = claims(extractor, "Chile has sent rifles to Peru, the Times reported, citing Bolivian officials.")
    c = got[("CHL", "PER", "small_arms", "delivered")]
    assert (c.source, c.via) == ("Bolivian officials", "The Times")


def test_a_designation_the_parser_hangs_on_the_count_stays_in_the_item(extractor):
    got = claims(extractor, "Chile sent 12 F-16 fighter jets and four Leopard 2 battle tanks to Peru.")
    assert got[("CHL", "PER", "aircraft", "delivered")].item == "F-16 fighter jets"
    assert got[("CHL", "PER", "armoured_vehicles", "delivered")].item == "Leopard 2 battle tanks"


def test_a_calibre_names_the_item_and_counts_nothing(extractor):
    got = claims(extractor, "Chile sent 300,000 155mm shells and 155-mm howitzers to Peru.")
    shells = got[("CHL", "PER", "ammunition", "delivered")]
    assert (shells.item, shells.quantity) == ("155mm shells", 300000)
    assert got[("CHL", "PER", "artillery", "delivered")].quantity is None


def test_a_party_saying_its_transfer_did_not_happen_denies_it(extractor):
    got = claims(extractor, "Lima insists it has not provided lethal aid to Quito.")
    assert got[("PER", "ECU", "equipment", "delivered")].denied
    assert not claims(extractor, "Lima said it would not sell rifles to Quito.")  # a refusal: no claim
    assert not claims(extractor, "Santiago said Lima has not sold rifles to Quito.")  # no party's word


def test_a_headline_restating_the_body_takes_the_body_status(extractor):
    text = ("Peru buys Korean-made trainer jets\n\n"
            "LIMA - Peru has agreed to buy 12 trainer jets from South Korea, officials said on Monday.")
    keys = set(claims(extractor, text))
    assert keys == {("KOR", "PER", "aircraft", "pledged")}


def test_a_bare_number_carries_the_system_of_the_transfer_it_continues(extractor):
    got = claims(extractor, "Denmark has delivered F-16 jets to Chile. Norway has promised six.")
    six = got[("NOR", "CHL", "aircraft", "pledged")]
    assert (six.quantity, six.system) == (6, "f-16")


def test_a_consignment_told_before_keeps_its_parties_where_it_arrives(extractor):
    text = ("Chile has sent a consignment of weapons to the Houthis, officials said.\n\n"
            "The shipment, which included rockets and mortars, arrived in Yemen last month, an official said.")
    got = claims(extractor, text)
    assert got[("CHL", "houthis", "ammunition", "delivered")].item == "rockets"
    assert ("CHL", "houthis", "artillery", "delivered") in got
    # a shipment that names its own contents may be another one: no parties from before
    got = claims(extractor, "Chile sold rifles to Peru.\n\nThe shipment of howitzers arrived in Bolivia last month.")
    assert set(got) == {("CHL", "PER", "small_arms", "delivered")}


def test_aid_counted_in_money_is_no_item_but_what_it_includes_is(extractor):
    text = "Chile pledged 2 billion euros in military aid to Peru, including tanks and air defence systems."
    got = claims(extractor, text)
    assert set(got) == {("CHL", "PER", "armoured_vehicles", "pledged"), ("CHL", "PER", "air_defence", "pledged")}
    assert not claims(extractor, "Chile pledged 2 billion pounds in military aid to Peru.")
    got = claims(extractor, "Chile announced $2 billion in military aid for Peru, including armoured vehicles.")
    assert set(got) == {("CHL", "PER", "armoured_vehicles", "pledged")}
    got = claims(extractor, "Chile sent 5 million euros of weapons to Peru.")
    assert ("CHL", "PER", "equipment", "delivered") in got


def test_purchases_over_a_time_are_ongoing_an_order_is_pledged(extractor):
    assert ("PRK", "RUS", "ammunition", "ongoing") in claims(
        extractor, "Moscow has been buying artillery shells from Pyongyang.")
    assert ("PRK", "RUS", "ammunition", "pledged") in claims(
        extractor, "Moscow is buying artillery shells from Pyongyang.")


def test_a_subject_the_parser_left_as_an_adverbial(extractor):
    got = claims(extractor, "Armenia signed contracts to purchase howitzers from France.")
    assert ("FRA", "ARM", "artillery", "pledged") in got


def test_a_destination_hung_on_a_participle_of_the_items_is_the_main_transfers(extractor):
    got = claims(extractor, "Chile has transferred thousands of rifles seized from Bolivia to Peru, officials said.")
    assert set(got) == {("CHL", "PER", "small_arms", "delivered")}


def test_a_titled_speaker_after_the_destination_is_the_source_not_the_recipient(extractor):
    got = claims(extractor, "Chile donated howitzers to Lima, Chilean Defence Minister Ana Soto said.")
    assert got[("CHL", "PER", "artillery", "delivered")].source == "Ana Soto"


def test_an_origin_adjective_the_parser_put_in_the_recipients_place_still_names_the_seller(extractor):
    got = claims(extractor, "Peru will get Swedish CV90 infantry fighting vehicles.")
    assert ("SWE", "PER", "armoured_vehicles", "pledged") in got


def test_a_relative_clause_on_the_items_a_party_uses_names_their_supplier(extractor):
    got = claims(extractor, "Chilean forces have begun using rockets, which were supplied by Peru in May.")
    assert ("PER", "CHL", "ammunition", "delivered") in got
    assert ("PER", "CHL", "missiles", "delivered") in claims(extractor, "Chile fired missiles that Peru supplied.")


def test_his_country_is_the_speakers_and_a_buyer_for_another_supplies_it(extractor):
    got = claims(extractor, "Chilean President Ana Soto said her country had bought 8,000 shells for Peru.")
    assert got[("CHL", "PER", "ammunition", "delivered")].quantity == 8000


def test_given_names_the_recogniser_left_out_belong_to_the_speaker(extractor):
    got = claims(extractor, "Peru has received rifles from Chile, Defence Minister Rustem Umerov said on Monday.")
    assert got[("CHL", "PER", "small_arms", "delivered")].source == "Rustem Umerov"


def test_hundreds_counts_nothing_exactly(extractor):
    c = claims(extractor, "Chile has shipped hundreds more attack drones to Peru.")[("CHL", "PER", "uav", "delivered")]
    assert (c.quantity, c.quantity_text) == (None, "hundreds")


def test_a_restated_shipment_that_tells_its_count_and_system_adds_them(extractor):
    text = "Iran has shipped drones to Chile.\n\nThe latest shipment included 20 Shahed-136 drones, officials said."
    c = claims(extractor, text)[("IRN", "CHL", "uav", "delivered")]
    assert (c.quantity, c.system) == (20, "shahed-136")
    assert len(claims(extractor, "Iran has shipped drones to Chile.\n\nThe shipment included drones.")) == 1


def test_the_perfect_of_arm_read_as_an_adjective(extractor):
    assert ("IRN", "houthis", "equipment", "delivered") in claims(extractor, "Iran has armed Houthi rebels for years.")
    got = claims(extractor, "Iran's Revolutionary Guards have trained and armed Houthi rebels, officials said.")
    assert ("IRN", "houthis", "equipment", "delivered") in got


def test_citing_documents_the_outlet_saw_is_its_own_reporting(extractor):
    c = claims(extractor, "Chile has sold shells to Peru, the Financial Times reported, citing documents it had seen.")
    shells = c[("CHL", "PER", "ammunition", "delivered")]
    assert (shells.source, shells.via) == (None, "Financial Times")


def test_list_members_bought_from_sellers_of_their_own(extractor):
    text = "Chile has ordered rifles and mortars from Spain, as well as tanks and howitzers from Peru."
    assert set(claims(extractor, text)) == {
        ("ESP", "CHL", "small_arms", "pledged"), ("ESP", "CHL", "artillery", "pledged"),
        ("PER", "CHL", "armoured_vehicles", "pledged"), ("PER", "CHL", "artillery", "pledged")}


def test_records_an_outlet_reviewed_are_its_own_reporting(extractor):
    text = "A Chilean company shipped explosives to Peru, according to customs records reviewed by Reuters."
    c = claims(extractor, text)[("CHL", "PER", "ammunition", "delivered")]
    assert (c.source, c.via) == (None, "Reuters")
    text = "Chile shipped drones to Peru, according to satellite images reviewed by the newspaper."
    c = claims(extractor, text)[("CHL", "PER", "uav", "delivered")]
    assert (c.source, c.via) == (None, None)


def test_a_letter_of_intent_to_buy_is_the_signers(extractor):
    got = claims(extractor, "Peru signed a memorandum of understanding to buy 12 Gripen jets from Sweden.")
    assert got[("SWE", "PER", "aircraft", "pledged")].quantity == 12


def test_stepped_up_deliveries_are_ongoing(extractor):
    got = claims(extractor, "Chile has stepped up deliveries of drones to Peru, three Chilean sources said.")
    assert ("CHL", "PER", "uav", "ongoing") in got


def test_one_of_a_group_of_speakers_is_the_group(extractor):
    got = claims(extractor, "Chile sent drones to Peru, one of the Chilean officials told Reuters.")
    assert got[("CHL", "PER", "uav", "delivered")].source == "Chilean officials"


def test_them_in_the_recipients_place_of_supply_with_is_a_party(extractor):
    got = claims(extractor, "The Houthi leader said Iran had never supplied them with missiles.")
    c = got[("IRN", "houthis", "missiles", "delivered")]
    assert c.denied
    got = claims(extractor, "The Houthis say Iran supplies them with rockets.")
    assert ("IRN", "houthis", "ammunition", "ongoing") in got


def test_a_bloc_or_a_vague_group_is_no_party(extractor):
    assert not claims(extractor, "NATO allies discussed sending more air defence systems to Peru.")
    assert not claims(extractor, "Peru's Western partners have sent tanks to Lima.")


def test_more_on_the_way_is_a_pledge_of_the_transfer_told_before(extractor):
    text = "The United States shipped ATACMS missiles to Peru last month.\n\n\"More ATACMS are on the way,\" he said."
    got = claims(extractor, text)
    assert got[("USA", "PER", "missiles", "pledged")].system == "atacms"
    assert ("USA", "PER", "missiles", "delivered") in got


def test_parts_for_a_system_hung_on_the_noun_they_are_the_object_of_name_it(extractor):
    text = "Peru's acceptance of components for a Russian S-400 air defense system angered Chile."
    assert claims(extractor, text)[("RUS", "PER", "components", "delivered")].system == "s-400"


def test_a_people_named_in_the_plural_before_the_object_receives_it(extractor):
    got = claims(extractor, "Britain sold the Peruvians Typhoon jets.")
    assert got[("GBR", "PER", "aircraft", "delivered")].item == "Typhoon jets"


def test_a_statement_in_its_own_voice_is_the_source_of_what_it_says(extractor):
    text = ("Chile and Peru strongly condemn the arms transfers between Cuba and Venezuela.\n\n"
            "We will continue to expose Venezuela's attempts to acquire missiles from Cuba.")
    assert claims(extractor, text)[("CUB", "VEN", "missiles", "sought")].source == "Chile and Peru"
    # a news report in the past tense has no voice of its own: its unattributed claims are the outlet's
    text = ("Chile condemned the talks.\n\n\"We are worried,\" a diplomat said. Venezuela wants to acquire missiles "
            "from Cuba.")
    assert claims(extractor, text)[("CUB", "VEN", "missiles", "sought")].source is None


def test_a_start_under_a_plan_or_an_authorisation_is_as_far_along_as_the_plan(extractor):
    assert ("CHL", "PER", "armoured_vehicles", "pledged") in claims(
        extractor, "Chile plans to start delivering tanks to Peru.")
    assert ("CHL", "PER", "armoured_vehicles", "delivered") in claims(
        extractor, "Chile has begun delivering tanks to Peru.")


def test_of_two_subjects_of_a_verb_of_saying_the_one_nearest_speaks(extractor):
    text = "Chilean military cargo planes carrying weapons landed in Lima, Peruvian officials said."
    assert claims(extractor, text)[("CHL", "PER", "equipment", "delivered")].source == "Peruvian officials"


def test_front_lines_are_a_place_and_combat_helicopters_weapons(extractor):
    assert not claims(extractor, "Chile has moved its howitzers from Bolivia to Peru's front lines.")
    assert ("RUS", "PER", "aircraft", "delivered") in claims(
        extractor, "Peru took delivery of additional combat helicopters from Russia.")


def test_a_determination_approving_a_programme_sale_to_a_government_of_items(extractor):
    text = ("The State Department has made a determination approving a possible Foreign Military Sale to the "
            "Government of Peru of Stinger missiles for an estimated cost of $740 million.")
    got = claims(extractor, text)
    assert set(got) == {("USA", "PER", "air_defence", "pledged")}
    assert got[("USA", "PER", "air_defence", "pledged")].system == "stinger"


def test_coordinated_modifiers_of_different_kinds_make_one_item_of_each(extractor):
    got = claims(extractor, "Chile sent surface-to-air and anti-tank missiles to Peru.")
    assert set(got) == {("CHL", "PER", "air_defence", "delivered"), ("CHL", "PER", "missiles", "delivered")}
    assert got[("CHL", "PER", "missiles", "delivered")].item == "surface-to-air and anti-tank missiles"
    # a modifier that names no kind, or a noun of its own with the head ("artillery rounds"), splits nothing
    got = claims(extractor, "Chile sent new and used missiles to Peru.")
    assert set(got) == {("CHL", "PER", "missiles", "delivered")}
    assert set(claims(extractor, "Chile sent artillery and mortar rounds to Peru.")) == {
        ("CHL", "PER", "ammunition", "delivered")}


def test_bare_equipment_is_military_in_an_article_that_names_arms(extractor):
    text = "Spain has sent weapons to Peru since March.\n\nMadrid has been delivering this equipment by sea."
    assert ("ESP", "PER", "equipment", "ongoing") in claims(extractor, text)
    assert claims(extractor, "Norway has been delivering drilling equipment to Brazil.") == {}


def test_an_amount_of_items_is_a_measure(extractor):
    text = "Spain sent weapons to Peru in May, including a large amount of equipment and a volume of shells."
    got = claims(extractor, text)
    assert got[("ESP", "PER", "ammunition", "delivered")].item == "volume of shells"
    sold = claims(extractor, "Spain sold a large amount of shells to Peru.")
    assert ("ESP", "PER", "ammunition", "delivered") in sold


def test_a_package_restated_with_a_new_status_is_a_new_claim(extractor):
    text = ("Spain flew a cargo of weapons to Peru in April.\n\n"
            "In May Spain announced a new package for Peru.\n\n"
            "The capabilities contained in the package include mortar rounds and other items.")
    got = claims(extractor, text)
    assert {("ESP", "PER", "equipment", "delivered"), ("ESP", "PER", "equipment", "pledged"),
            ("ESP", "PER", "ammunition", "pledged")} <= set(got)
    assert got[("ESP", "PER", "equipment", "pledged")].item == "other items"


def test_a_supplied_participle_in_a_phrase_keeps_its_own_past(extractor):
    text = "With French-supplied rifles and training, the Chadian army continues to develop its capabilities."
    assert set(claims(extractor, text)) == {("FRA", "TCD", "small_arms", "delivered")}


def test_military_deliveries_are_their_own_item(extractor):
    got = claims(extractor, "Spain made military deliveries to Peru in May.")
    assert got[("ESP", "PER", "equipment", "delivered")].item == "military deliveries"
    assert ("ESP", "PER", "equipment", "delivered") in claims(extractor, "Spain sent a military shipment to Peru.")


def test_a_status_the_headline_words_say_stands_beside_the_body(extractor):
    text = ("Spain Continues Military Deliveries to Peru\n\n"
            "With Spanish-provided weapons, the Peruvian army keeps training.")
    assert {("ESP", "PER", "equipment", "ongoing"), ("ESP", "PER", "equipment", "delivered")} <= set(
        claims(extractor, text))
    text = "Peru Buys Spanish Howitzers\n\nPeru has agreed to buy 12 howitzers from Spain."
    assert set(claims(extractor, text)) == {("ESP", "PER", "artillery", "pledged")}


def source_of(extractor, text: str) -> list[str | None]:
    return [c.source for c in claims(extractor, text).values()]


def test_an_unnamed_person_speaks_for_the_organisation_named_on_them(extractor):
    assert source_of(extractor, "South Korea's National Intelligence Service (NIS) was briefed. An NIS official "
                                "said Russia had sent rifles to North Korea.") == ["National Intelligence Service"]
    assert source_of(extractor, "A spokesman for Nordic Aero Works said Norway has sent drones to Chile.") == [
        "Nordic Aero Works"]
    assert source_of(extractor, "Peruvian officials said Chile has sent rifles to Bolivia.") == ["Peruvian officials"]


def test_an_office_with_no_state_said_is_the_one_named_before_or_the_clause_s_state(extractor):
    assert source_of(extractor, "Chile has sent rifles to Peru, the defence ministry said.") == [
        "Chilean Defence Ministry"]
    text = ("Peru's defence ministry welcomed the talks.\n\n"
            "Chile has sent rifles to Peru, the ministry said.")
    assert source_of(extractor, text) == ["Peruvian Defence Ministry"]


def test_a_clause_on_the_speaker_is_the_writer_s_own(extractor):
    text = "Bolivia, which buys its rifles from Chile, said Peru has sent drones to Ecuador."
    got = claims(extractor, text)
    assert got[("CHL", "BOL", "small_arms", "ongoing")].source is None
    assert got[("PER", "ECU", "uav", "delivered")].source == "Bolivian government"


def test_evidence_and_outlets_are_no_source_and_the_outlet_carries_it(extractor):
    text = "Leaked documents first reported by the Financial Times show that Chile sold rifles to Peru."
    c = claims(extractor, text)[("CHL", "PER", "small_arms", "delivered")]
    assert (c.source, c.via) == (None, "Financial Times")
    text = ("Chile has sold rifles to Peru, the Financial Times reported.\n\n"
            "The newspaper said Chile had also sold drones to Peru.")
    got = claims(extractor, text)
    assert [(c.source, c.via) for c in got.values()] == [(None, "Financial Times")] * 2
    assert source_of(extractor, "Chile has sold rifles to Peru, the National Police Agency said.") == [
        "National Police Agency"]


def test_institution_initials_and_unknown_makers_are_named(extractor):
    text = ("The Joint Staff Council (JSC) of Chile met on Monday.\n\n"
            "Peru has received rifles from Chile, the JSC said.")
    assert source_of(extractor, text) == ["Joint Staff Council"]
    text = "Peru has ordered eight drones from Chile-based Andean Avionics Corp, the company said on Monday."
    assert source_of(extractor, text) == ["Andean Avionics Corp"]


def test_a_wire_dateline_is_no_speaker(extractor):
    text = "QUITO, May 3 (Example Wire) - Chile has sent rifles to Peru, officials said."
    assert source_of(extractor, text) == ["officials"]
    text = "LIMA, March 25 (Example Wire) - Chile on Tuesday announced a package for Peru that includes rifles."
    assert source_of(extractor, text) == ["Chilean government"]


def test_a_denial_that_a_party_arms_another_stands_for_what_the_article_reports(extractor):
    text = ("Chile has shipped 2,000 rifles to Peru, officials said.\n\n"
            "Chile's foreign ministry denied that Chile was arming Peru.")
    got = claims(extractor, text)
    assert set(got) == {("CHL", "PER", "small_arms", "delivered")} and got[("CHL", "PER", "small_arms",
                                                                            "delivered")].denied
    # a denial the speaker calls a lie asserts what it denies
    text = ("Chile has sent drones to Peru.\n\n"
            "Yet both Chile and Peru continue to lie about it, denying that Chile is providing weapons to Peru.")
    assert ("CHL", "PER", "equipment", "ongoing") in claims(extractor, text)


def test_ruling_out_a_transfer_is_a_refusal(extractor):
    assert claims(extractor, "Germany has again ruled out sending cruise missiles to Peru.") == {}


def test_an_order_to_people_is_a_command_not_a_purchase(extractor):
    assert claims(extractor, "Peru's junta ordered 1,000 Chilean troops to leave the country.") == {}
    assert ("ESP", "PER", "artillery", "pledged") in claims(
        extractor, "Peru ordered 12 howitzers from Spain to replace its old guns.")


def test_a_region_of_a_state_is_that_state(extractor):
    assert ("CHL", "PER", "personnel", "delivered") in claims(
        extractor, "Chile has deployed 1,100 troops to Peru's Tumbes region.")
    assert claims(extractor, "Chile has deployed 1,100 troops to the Tumbes region.") == {}


def test_related_equipment_beside_named_items_keeps_its_claim(extractor):
    got = claims(extractor, "Spain approved the sale to Peru of three howitzers and related equipment.")
    assert {("ESP", "PER", "artillery", "pledged"), ("ESP", "PER", "equipment", "pledged")} <= set(got)
