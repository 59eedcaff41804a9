"""Partial dates and how a claim is dated."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armswatch.embargo import claim_when, parse_partial_date


@pytest.mark.parametrize(("text", "span"), [
    ("2023", (date(2023, 1, 1), date(2023, 12, 31))),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),  # leap year
    ("2023-02", (date(2023, 2, 1), date(2023, 2, 28))),
    ("2024-05-03", (date(2024, 5, 3), date(2024, 5, 3))),
])
def test_partial_dates(text: str, span: tuple[date, date]) -> None:
    assert parse_partial_date(text) == span


@pytest.mark.parametrize("text", ["", "May 2024", "2024-13", "2023-02-30", "24-05-03"])
def test_bad_partial_dates_name_the_text(text: str) -> None:
    with pytest.raises(ValueError, match=repr(text)):
        parse_partial_date(text)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_day_parses_to_itself_and_lies_in_its_month(d: date) -> None:
    assert parse_partial_date(d.isoformat()) == (d, d)
    first, last = parse_partial_date(d.isoformat()[:7])
    assert first <= d <= last


def test_claim_when_prefers_the_period() -> None:
    w = claim_when("2023-12", "2024-05-03", "2024-06-01")
    assert (w.start, w.end, w.basis) == (date(2023, 12, 1), date(2024, 5, 3), "period")
    assert w.describe() == "2023-12-01 – 2024-05-03"


def test_claim_when_one_sided_period_is_its_span() -> None:
    assert claim_when("2022", None).end == date(2022, 12, 31)
    assert claim_when(None, "2022-03").start == date(2022, 3, 1)


def test_claim_when_falls_back_to_publication_then_nothing() -> None:
    w = claim_when(None, None, date(2024, 5, 3))
    assert (w.start, w.basis) == (date(2024, 5, 3), "published")
    assert "publication date" in w.describe()
    assert claim_when(None, None, None).basis == "none" and not claim_when(None, None).known


def test_claim_when_reports_problems() -> None:
    w = claim_when("2024-05", "2023-01")
    assert (w.start, w.end) == (date(2023, 1, 1), date(2024, 5, 31))
    assert "swapped" in w.problems[0]
    w = claim_when(None, None, "yesterday")
    assert w.basis == "none" and "published" in w.problems[0]
