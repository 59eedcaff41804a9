"""The pre-filter on plain text: what it keeps, what it blanks, offsets untouched."""

from __future__ import annotations

from armswatch.extract.lexicon import load_lexicon
from armswatch.extract.prefilter import Prefilter, _inflections
from tests.unit.grammar_helpers import blank


def prefilter() -> Prefilter:
    _, res = blank()
    return Prefilter(load_lexicon(), [*res.triggers.verbs, *res.triggers.nouns])


def test_inflections_cover_regular_and_irregular_forms():
    assert {"supplies", "supplied", "supplying"} <= set(_inflections("supply"))
    assert {"ships", "shipped", "shipping"} <= set(_inflections("ship"))
    assert {"sent", "sends", "sending"} <= set(_inflections("send"))
    assert {"bought", "buying"} <= set(_inflections("buy"))


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
