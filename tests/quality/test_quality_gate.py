"""The quality gate: F1 floors (and the share of claims with the right source) on gold files, which a
change cannot lower silently.

The floors live in floors.json beside this file. The project's own fixtures and news probe are pinned by
their SHA-256: editing a fixture fails the gate until the floors are re-pinned on purpose with
`python -m tests.quality.pin` (which records the new hash and the scores measured then). When
../shared is present, its seed, real corpus and development corpus are gated too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armswatch.evaluation import load_gold, score_claims
from tests.conftest import ROOT, SHARED

HERE = Path(__file__).parent
FLOORS = json.loads((HERE / "floors.json").read_text())
FIXTURES = ROOT / "tests" / "fixtures" / "gold"
# news-style excerpts written blind by another author from the annotation guide alone, never from the code
NEWS_PROBE = ROOT / "tests" / "fixtures" / "newsprobe"


def fixtures_hash(folder: Path = FIXTURES) -> str:
    import hashlib

    h = hashlib.sha256()
    for p in sorted(folder.glob("*.json")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def _score(extractor, folder: Path):
    articles = load_gold([folder])
    return score_claims(articles, {a.document.id: extractor.extract(a.document) for a in articles})


def assert_floors(s, floor: dict) -> None:
    """Triple and status F1, source and quantity where the floor gives them, and claim-free texts with a claim
    (none unless the floor allows some)."""
    assert s.triple.f1 >= floor["triple_f1"], s.misses + s.spurious
    assert s.status.f1 >= floor["status_f1"], s.wrong_status
    for attribute in ("source", "quantity"):
        if attribute in floor:
            assert s.attributes[attribute] >= floor[attribute], attribute
    assert s.negative_documents_with_claims <= floor.get("negative_documents_with_claims", 0)


@pytest.mark.model
def test_fixtures_are_pinned():
    for name, folder in (("fixtures", FIXTURES), ("newsprobe", NEWS_PROBE)):
        assert fixtures_hash(folder) == FLOORS[name]["sha256"], (
            f"{folder} changed: re-measure and re-pin the floors deliberately with `python -m tests.quality.pin`")


@pytest.mark.model
def test_fixture_floors(extractor):
    assert_floors(_score(extractor, FIXTURES), FLOORS["fixtures"])


@pytest.mark.model
def test_news_probe_floors(extractor):
    assert_floors(_score(extractor, NEWS_PROBE), FLOORS["newsprobe"])


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.parametrize("name", ["shared/seeds", "shared/real-corpus/articles", "shared/dev-corpus/articles"])
def test_shared_floors(extractor, name):
    folder = SHARED / name.removeprefix("shared/")
    if not folder.exists():
        pytest.skip(f"{folder} is not present (../shared is only beside the project's own checkouts)")
    assert_floors(_score(extractor, folder), FLOORS[name])
