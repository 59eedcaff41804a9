"""The pre-filter's term search: each term looked for only in texts holding its key word."""

from armswatch.extract.prefilter import _word_set
from armswatch.extract.term_finder import TermFinder, key_word


def find(finder: TermFinder, text: str) -> list[str]:
    return [text[s:e] for s, e in finder.spans(text, _word_set(text))]


def test_key_word_is_the_longest_word():
    assert key_word("anti-tank missile") == "missile"
    assert key_word("=arms") == "arms"


def test_key_word_splits_at_every_mark_as_the_text_is_split():
    # a key with a full stop in it would never be among a text's words ("acv1.1" is "acv1" and "1")
    assert key_word("XR1.12") == "xr1"
    finder = TermFinder([("XR1.12", True)])
    assert find(finder, "Two XR1.12 vehicles.") == ["XR1.12"]


def test_plain_terms_match_in_any_case_with_plurals_and_hyphens():
    finder = TermFinder([("howitzer", False), ("anti-tank missile", False)])
    assert find(finder, "It sent HOWITZERS and anti tank missiles.") == ["HOWITZERS", "anti tank missiles"]


def test_cased_terms_match_only_as_written():
    finder = TermFinder([("Patriot", True)])
    assert find(finder, "two Patriot batteries") == ["Patriot"]
    assert find(finder, "a patriot at heart") == []


def test_designation_variants_match_their_base_designation():
    finder = TermFinder([("F-16", True)])
    assert find(finder, "more F-16C/D jets") == ["F-16C/D"]


def test_a_form_that_is_two_keys_finds_the_terms_of_both():
    # "shells" is the key of the exact form "=shells" and the plural of the key "shell"
    finder = TermFinder([("=shells", False), ("artillery shell", False)])
    assert find(finder, "Some shells.") == ["shells"]
    assert find(finder, "Artillery shells.") == ["Artillery shells"]


def test_overlapping_matches_keep_the_leftmost_longest():
    finder = TermFinder([("tank", False), ("anti-tank missile", False)])
    assert find(finder, "anti-tank missiles and a tank") == ["anti-tank missiles", "tank"]


def test_a_text_without_a_key_word_runs_no_pattern():
    finder = TermFinder([("howitzer", False)])
    assert finder.spans("Grain prices rose.", _word_set("Grain prices rose.")) == []
    assert not finder.search("Grain prices rose.", _word_set("Grain prices rose."))
    assert "howitzers" in finder.words
