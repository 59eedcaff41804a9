"""Quantities, periods, boilerplate and datelines: plain-text rules."""

from __future__ import annotations

from datetime import date

import pytest

from armswatch.extract.boilerplate import boilerplate_spans, head_block_end, mask_for_parsing
from armswatch.extract.quantity import parse_number
from armswatch.sources.files import dateline_date


@pytest.mark.parametrize(("words", "value"), [
    (["11,000"], 11000), (["half", "a", "million"], 500000), (["4", "million"], 4_000_000),
    (["a", "million"], 1_000_000), (["six"], 6), (["1.1", "million"], 1_100_000), (["dozens"], None),
    (["a", "further", "four"], 4), (["an", "additional", "40"], 40), (["a", "dozen"], 12),
])
def test_parse_number(words, value):
    assert parse_number(words) == value


def test_boilerplate_lines_are_found_and_masked_without_moving_offsets():
    text = ("Headline without a period\n\nMay 3, 2024 - 06:04\n\nKYIV — Body sentence one. Body two.\n\n"
            "Caption: A tank at a port. Photo: Someone\n\nRelated: Another story\n\n"
            "Support our reporting. Donate to Example News today.\n")
    spans = boilerplate_spans(text)
    flagged = [text[s:e].strip() for s, e in spans]
    assert any(f.startswith("Caption:") for f in flagged)
    assert any(f.startswith("Related:") for f in flagged)
    assert any("Donate" in f for f in flagged)
    assert not any("Body sentence" in f for f in flagged)
    assert text[head_block_end(text):].startswith("KYIV")
    masked = mask_for_parsing(text)
    assert len(masked) == len(text)
    assert "Body sentence one." in masked and "KYIV" not in masked and "Caption" not in masked


@pytest.mark.parametrize(("line", "byline"), [
    ("By Jane Smith", True),
    ("By JANE SMITH, Example Wire", True),
    ("By Jane Smith | 3 May 2024", True),
    ("By Maria de la Cruz and John Doe", True),
    ("By contrast, Chile has yet to get any of the jets it bought.", False),
    ("By Tuesday, Russia had delivered 20 tanks to Syria.", False),
    ("By the end of the year, Poland will have received 180 tanks.", False),
])
def test_bylines_are_names_not_sentences(line, byline):
    assert bool(boilerplate_spans(f"Body sentence.\n\n{line}\n")) is byline


@pytest.mark.parametrize(("text", "expected"), [
    ("Title\n\nMay 3, 2024 - 06:04\nBody.", date(2024, 5, 3)),
    ("Title\n\n20 November 2024, 11:05\nBody.", date(2024, 11, 20)),
    ("Title\n\n17.11.2024 14:32\nBody.", date(2024, 11, 17)),
    ("Title\nNo date here.\n", None),
])
def test_dateline_date(text, expected):
    assert dateline_date(text) == expected
