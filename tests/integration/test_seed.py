"""The article armswatch was created from: every gold claim, nothing spurious (skips without ../shared)."""

from __future__ import annotations

import json

import pytest

from armswatch.model import Document
from tests.conftest import SHARED

pytestmark = [pytest.mark.model, pytest.mark.shared]
SEEDS = SHARED / "seeds"


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not beside this checkout")
def test_seed_claims_exactly(extractor):
    for gold_path in sorted(SEEDS.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text())
        doc = Document.from_dict({k: gold[k] for k in ("id", "text", "title", "published")})
        claims = extractor.extract(doc)
        assert {c.key for c in claims} == {
            (g["supplier"], g["recipient"], g["category"], g["status"]) for g in gold["claims"]}
        by_key = {c.key: c for c in claims}
        for g in gold["claims"]:
            c = by_key[(g["supplier"], g["recipient"], g["category"], g["status"])]
            assert c.quantity == g["quantity"], g["item"]
            assert c.source == g["source"] and c.via == g["via"], g["item"]
            assert (c.hedged, c.denied) == (g["hedged"], g["denied"])
            assert doc.text[c.evidence_span[0]:c.evidence_span[1]] == c.evidence == g["evidence"]
