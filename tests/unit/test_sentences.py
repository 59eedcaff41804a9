"""Sentence starts at line breaks, set before the parser: headlines and captions are sentences of their own."""

from __future__ import annotations

import spacy

from armswatch.extract.sentences import recase_title_lines, set_line_starts, unwrap_lines


def starts(text: str) -> list[str]:
    doc = set_line_starts(spacy.blank("en")(text))
    return [t.text for t in doc if t.is_sent_start and not t.is_space][1:]


def test_a_headline_without_a_full_stop_ends_at_its_line():
    assert starts("Egypt delivers aid to Somalia\nEgypt delivered equipment this week.") == ["Egypt"]


def test_a_blank_line_always_ends_a_sentence():
    assert starts("The army said\n\nthe shipment arrived.") == ["the"]


def test_a_hard_wrapped_sentence_runs_on():
    text = "the Navy's proposed Letter of Offer and\n     Acceptance to the Government of\n     Bahrain for defense"
    assert starts(text) == []
    assert starts("we enclose herewith Notice No. 23-07\n     concerning the proposed sale") == []


def test_a_line_wrapped_in_mid_sentence_is_joined_offsets_unchanged():
    text = "Chile has\nsent shells to the Government of\nPeru.\nNew line here.\n\nA paragraph."
    out = unwrap_lines(text)
    assert len(out) == len(text)
    assert out == "Chile has sent shells to the Government of Peru.\nNew line here.\n\nA paragraph."


def test_a_title_case_headline_is_put_in_sentence_case_keeping_known_names():
    text = "Spain Ships Patriot Batteries To North Korea, Officials Say\nThe first ones arrived. Here Is Body Text.\n"
    recased = recase_title_lines(text)
    assert recased.splitlines()[0] == "Spain ships Patriot batteries to North Korea, officials say"
    assert recased.splitlines()[1] == "The first ones arrived. Here Is Body Text."  # a sentence: left alone
    assert len(recased) == len(text)


def test_short_or_sentence_case_lines_and_acronyms_are_left_alone():
    assert recase_title_lines("NATO And EU Agree\n") == "NATO And EU Agree\n"  # too few long words
    assert recase_title_lines("Spain sends tanks to Peru\n") == "Spain sends tanks to Peru\n"
