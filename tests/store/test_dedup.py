"""Near-duplicate arithmetic: shingles, signatures, LSH buckets, best match."""

from __future__ import annotations

import pytest

from armswatch.dedup import best_match, jaccard, lsh_params, shingles, signature

STORY = (
    "North Korea has shipped roughly 5,200 containers of artillery shells to Russia since last summer, "
    "a Pentagon spokeswoman told reporters on Monday, adding that the trains ran through the border "
    "crossing and were unloaded at depots in the Far East."
)
OTHER = (
    "Germany will send fourteen Leopard tanks to Ukraine, a government spokesman said, ending weeks of "
    "debate among allies about the delivery of Western battle tanks."
)


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("One, two THREE four") == {b"one two three", b"two three four"}
    assert shingles("Too short") == {b"too short"}


def test_signatures_are_deterministic_and_banded() -> None:
    p = lsh_params(0.5)
    a, b = signature(STORY, p), signature(STORY, p)
    assert (a.values == b.values).all() and a.buckets == b.buckets
    assert len(a.buckets) == p.bands and p.bands * p.rows <= len(a.values)
    assert (a.values_from_bytes(a.to_bytes()) == a.values).all()


def test_copies_and_rewrites_match_unrelated_text_does_not() -> None:
    p = lsh_params(0.5)
    story = signature(STORY, p)
    copy = signature("SEOUL (Wire) - " + STORY + " Subscribe to our newsletter.", p)
    rewrite = signature(STORY.replace("roughly", "about").replace("Monday", "Tuesday"), p)
    other = signature(OTHER, p)
    assert set(story.buckets) & set(copy.buckets) and set(story.buckets) & set(rewrite.buckets)
    assert not set(story.buckets) & set(other.buckets)
    assert jaccard(story.values, copy.values) > 0.7
    candidates = {"story": story.values, "other": other.values}
    assert best_match(copy, candidates, 0.5) == "story"
    assert best_match(other, {"story": story.values}, 0.5) is None


def test_ties_go_to_the_smallest_id() -> None:
    p = lsh_params()
    s = signature(STORY, p)
    assert best_match(s, {"b": s.values, "a": s.values}, 0.5) == "a"


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.1, 2])
def test_threshold_must_be_a_fraction(bad: float) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        lsh_params(bad)
