"""The pre-filter on plain text: what it keeps, what it blanks, offsets untouched."""

from __future__ import annotations

from armswatch.extract.lexicon import load_lexicon
from armswatch.extract.prefilter import Prefilter, inflections, sentence_spans
from tests.unit.grammar_helpers import blank


def prefilter() -> Prefilter:
    _, res = blank()
    return Prefilter(load_lexicon(), res.valency, res.words)


def test_inflections_cover_regular_and_irregular_forms():
    assert {"supplies", "supplied", "supplying"} <= set(inflections("supply"))
    assert {"ships", "shipped", "shipping"} <= set(inflections("ship"))
    assert {"sent", "sends", "sending"} <= set(inflections("send"))
    assert {"bought", "buying"} <= set(inflections("buy"))
    # irregular forms come from lemminflect's tables, not from a hand list
    assert {"repaid", "lent", "sought", "dealt"} <= set(inflections("repay") + inflections("lend")
                                                       + inflections("seek") + inflections("deal"))
    assert {"deliveries"} <= set(inflections("delivery", "NOUN"))


def test_article_without_weapon_and_trigger_in_one_line_is_skipped():
    text = "Brazil shipped soybeans to China.\nThe army held a parade with tanks.\n"
    assert prefilter().mask(text) is None


def test_candidate_lines_and_neighbours_kept_rest_blanked():
    lines = ["Markets rose on Monday.", "Oil prices fell.", "Analysts were surprised.",
             "The minister spoke in Kyiv.", "Germany has delivered 20 drones to Ukraine.",
             "She said more would follow.", "Wheat futures were flat.", "Coffee was unchanged."]
    text = "\n\n".join(lines) + "\n"
    masked = prefilter().mask(text)
    assert masked is not None and len(masked) == len(text)
    for kept in lines[3:6]:
        assert kept in masked
    for dropped in (lines[0], lines[1], lines[7]):
        assert dropped not in masked
    start = text.index("Germany")
    assert masked[start:start + 20] == text[start:start + 20]


def test_named_systems_match_case_sensitively():
    pf = prefilter()
    assert pf.has_item("Poland ordered Patriot batteries")
    assert not pf.has_item("a patriot sang")


def test_sentences_end_at_full_stops_but_not_after_abbreviations_or_initials():
    text = "Mr. Lee met Gen. Park in the U.S. capital. J. R. Smith said so! Then he left.\nA new line"
    pieces = [text[s:e].strip() for s, e in sentence_spans(text)]
    assert pieces == ["Mr. Lee met Gen. Park in the U.S. capital.", "J. R. Smith said so!", "Then he left.",
                      "A new line"]


def test_an_abbreviation_inside_a_weapon_name_ends_no_sentence():
    text = "They bought Hawk Mk. 9 jets. Then they left."
    assert [text[s:e].strip() for s, e in sentence_spans(text)] == ["They bought Hawk Mk. 9 jets.", "Then they left."]


def test_sentence_spans_cover_every_character_of_non_empty_lines():
    text = "One. Two? \"Three,\" he said.\n\nFour\n"
    spans = sentence_spans(text)
    assert "".join(text[s:e] for s, e in spans) == text.replace("\n\n", "\n")


def test_only_a_weapon_and_a_trigger_in_one_sentence_make_a_candidate():
    pf = prefilter()
    # two sentences on one line: weapon in one, trigger in the other
    assert pf.mask("Germany has many tanks. Ukraine received grain from Poland.\n") is None
    assert pf.mask("Germany sent tanks to Ukraine. Poland sent grain.\n") is not None


def test_arms_alone_is_weapon_and_trigger_only_once():
    pf = prefilter()
    # "arms" is a weapon and a form of "to arm", but one word makes no frame
    assert pf.mask("Russia and the United States discussed arms control in Geneva.\n") is None
    assert pf.mask("Russia arms Syria with missiles.\n") is not None
    assert pf.mask("Iran denies arms deliveries to the Houthis.\n") is not None


def test_an_article_naming_fewer_than_two_parties_is_skipped():
    pf = prefilter()
    assert pf.mask("Germany has delivered 20 drones, the ministry said.\n") is None
    assert pf.mask("Germany has delivered 20 drones to Ukraine, the ministry said.\n") is not None
    assert not pf.may_hold_claims("Germany has delivered 20 drones, the ministry said.")
    # every word of a name must be there: "South" and "Africa" apart are not South Africa
    assert pf.actor_codes("The South African rand fell.") == {"ZAF"}
    assert "ZAF" not in pf.actor_codes("In the South, farmers in Africa ...".replace("Africa", "Kenya"))


def test_names_are_matched_case_sensitively_like_the_extractor():
    pf = prefilter()
    assert "TUR" in pf.actor_codes("Turkey sold drones")
    assert "TUR" not in pf.actor_codes("a turkey sandwich")


def test_sentences_around_a_candidate_are_kept_within_a_paragraph():
    text = ("Wheat rose. Coffee fell. The minister spoke in Kyiv. Germany has delivered 20 drones to Ukraine. "
            "She said more would follow. Sugar was flat. Cocoa was unchanged.\n")
    masked = prefilter().mask(text)
    assert masked is not None and len(masked) == len(text)
    assert "The minister spoke in Kyiv." in masked and "She said more would follow." in masked
    assert "Wheat" not in masked and "Cocoa" not in masked


def test_bare_equipment_needs_a_weapon_named_or_a_weapon_word_before_it():
    pf = prefilter()
    # as in the extractor: bare "equipment" or "hardware" is civil unless the article names a weapon
    assert pf.mask("Brazil will import more machinery and equipment from the United States.\n") is None
    assert pf.mask("Taiwan buys power plant hardware from Japan.\n") is None
    assert pf.mask("Russia supplied anti-aircraft equipment to Syria.\n") is not None
    assert pf.mask("Russia supplied military equipment to Syria.\n") is not None
    assert pf.mask("The army showed its tanks. Russia supplied equipment to Syria.\n") is not None


def test_a_named_system_alone_names_a_weapon():
    pf = prefilter()
    assert pf.names_weapons("The F-16 flew over Warsaw.")
    assert pf.names_weapons("Poland ordered Patriot batteries.")
    assert not pf.names_weapons("a patriot sang; ships sailed")
    # so dual-use words count: "jets" is a candidate beside an F-16 named elsewhere
    assert pf.mask("The F-16 flew over Warsaw. Poland bought jets from the United States.\n") is not None
    assert pf.mask("A parade flew over Warsaw. Poland bought jets from the United States.\n") is None


def test_rounds_are_ammunition_but_a_round_of_talks_is_not():
    pf = prefilter()
    assert pf.names_weapons("Poland sent 100,000 rounds to Ukraine.")
    assert not pf.names_weapons("Japan and the United States opened a new round of trade talks.")
    assert pf.mask("Japan will buy ships from the United States in the new GATT round.\n") is None


def test_an_origin_alone_is_no_trigger_but_a_provider_is():
    pf = prefilter()
    # "Russian-made missiles" only say where the missiles come from (no transfer); "Iranian-supplied" says who
    # gave them (a transfer), and "supplied" is a form of a trigger verb
    assert pf.mask("Israeli troops found Russian-made missiles in Hezbollah positions.\n") is None
    assert pf.mask("Sudan's army has drones made in Iran.\n") is None
    assert pf.mask("Hezbollah fired Iranian-supplied missiles at Israel.\n") is not None


def test_know_how_and_weak_nouns_named_before_count_as_the_extractor_reads_them():
    pf = prefilter()
    # "helping Moscow improve its satellites": no weapon term and no trigger, but a transfer of know-how
    text = "Russia sent missiles to Iran.\n\nBeijing is helping Moscow improve its satellites.\n"
    masked = pf.mask(text)
    assert masked is not None and "Beijing is helping" in masked
    # "two more batteries": the weapon named before ("Patriot batteries") makes the weak noun one
    assert pf.mask("Ukraine fields Patriot batteries. Germany delivered two more batteries to Ukraine.\n")
    assert pf.mask("Ukraine fields old radars. Germany delivered two more batteries to Ukraine.\n") is None


def test_a_destination_word_is_a_trigger():
    pf = prefilter()
    # "Iranian missiles headed for Hezbollah": a cargo on its way, with no transfer verb
    text = "Trucks loaded with Iranian missiles headed for Hezbollah were struck near the border, Israel said.\n"
    assert pf.may_hold_claims(text) and pf.mask(text) is not None
    assert pf.mask("Iranian missiles were struck near the border, Israel said of Hezbollah.\n") is None


def test_only_a_generic_weapon_noun_before_a_non_weapon_head_is_skipped():
    pf = prefilter()
    assert pf.mask("Chile and Peru held new arms talks in Lima.\n") is None
    # "attack" after a verb, and after a weapon term, is no head that unmakes a weapon
    assert pf.mask("Chile has furnished attack helicopters to Peru.\n") is not None
    assert pf.mask("Chile sent drones, attack helicopters and rifles to Peru.\n") is not None
