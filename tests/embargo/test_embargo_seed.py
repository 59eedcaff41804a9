"""The seed article's expectations (issue 6), on hand-written claims mirroring its gold claims.

Seed: a US diplomat on North Korean ammunition shipments to Russia, published
2024-05-03. The last test cross-checks against the gold file itself when ../shared is present.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from embargo_helpers import claim

from armswatch.embargo import assess, assess_case
from armswatch.model import Claim

PUBLISHED = "2024-05-03"
SHARED = Path(__file__).resolve().parents[3] / "shared"

PRK_TO_RUS = [
    claim("PRK", "RUS", "ammunition", "delivered", "2023-12", "2024-05-03", document_id="seed-000"),
    claim("PRK", "RUS", "missiles", "delivered", "2023-12", "2024-05-03", document_id="seed-000"),
]
RUS_TO_PRK = [claim("RUS", "PRK", cat, "sought", document_id="seed-000")
              for cat in ("aircraft", "air_defence", "armoured_vehicles", "technology")]
IRN_TO_RUS_2024 = [
    claim("IRN", "RUS", "uav", "ongoing", document_id="seed-000"),
    claim("IRN", "RUS", "ammunition", "ongoing", document_id="seed-000"),
    claim("IRN", "RUS", "missiles", "negotiating", document_id="seed-000"),
]


@pytest.mark.parametrize("c", PRK_TO_RUS, ids=lambda c: f"{c.supplier}-{c.recipient}-{c.category}")
def test_north_korean_deliveries_to_russia_flagged_under_dprk_resolutions(c: Claim) -> None:
    a = assess(c, PUBLISHED)
    assert [f.embargo_id for f in a.flagged] == ["dprk"]
    deciding = a.flagged[0].deciding
    assert [p.provision_id for p in deciding] == ["dprk-export-2009"]
    assert deciding[0].target == "supplier PRK"
    assert "1874" in deciding[0].citation
    assert a.date_basis == "period"


@pytest.mark.parametrize("c", RUS_TO_PRK, ids=lambda c: f"{c.supplier}-{c.recipient}-{c.category}")
def test_russian_items_for_north_korea_flagged_under_dprk_resolutions(c: Claim) -> None:
    a = assess(c, PUBLISHED)
    assert [f.embargo_id for f in a.flagged] == ["dprk"]
    deciding = a.flagged[0].deciding[0]
    assert deciding.provision_id == "dprk-import-2016"
    assert deciding.target == "recipient PRK"
    assert any("reported as sought" in n for n in a.notes)


def test_iranian_drones_2022_2023_flagged_under_2231_annex_b() -> None:
    a = assess(claim("IRN", "RUS", "uav", "delivered", "2022", "2023"), PUBLISHED)
    assert [f.embargo_id for f in a.flagged] == ["iran"]
    deciding = a.flagged[0].deciding
    assert [p.provision_id for p in deciding] == ["iran-2231-annex-b-para-4"]
    assert "2231" in deciding[0].citation and "Annex B para 4" in deciding[0].citation


def test_iranian_drones_reported_in_2024_not_flagged_with_the_reason() -> None:
    a = assess(IRN_TO_RUS_2024[0], PUBLISHED)
    assert a.flagged == ()
    assert (a.date_start, a.date_basis) == ("2024-05-03", "published")
    iran = a.finding("iran")
    assert iran is not None and iran.verdict == "not_applicable"
    reasons = {p.provision_id: p.reasons[0] for p in iran.provisions}
    assert "on or after 2023-10-18" in reasons["iran-2231-annex-b-para-4"]
    assert "on or after 2020-10-18" in reasons["iran-2231-annex-b-para-6b"]
    # the 2025 snapback appears only as a contested note, not as a flag
    snap = next(p for p in iran.provisions if p.provision_id == "iran-snapback-exports")
    assert snap.verdict == "not_applicable" and "contested" in snap.reasons[0]
    assert any("contested" in n for n in snap.notes)
    assert any("no UN arms restriction on Iran applied" in n for n in iran.notes)


@pytest.mark.parametrize("c", IRN_TO_RUS_2024[1:], ids=lambda c: c.category)
def test_other_iranian_items_in_2024_not_flagged(c: Claim) -> None:
    a = assess(c, PUBLISHED)
    assert a.flagged == () and a.finding("iran") is not None


def test_seed_case_level_flags() -> None:
    case = assess_case(PRK_TO_RUS[:1], published={"seed-000": PUBLISHED})
    assert case.flags == ("dprk",)
    assert assess_case(IRN_TO_RUS_2024[:1], published={"seed-000": PUBLISHED}).flags == ()


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.exists(), reason="../shared (seed gold files) is not beside the checkout")
def test_gold_seed_claims_agree_with_the_hand_written_mirrors() -> None:
    gold = json.loads((SHARED / "seeds" / "000_621147f8b7c91622.gold.json").read_text(encoding="utf-8"))
    flagged = {}
    for g in gold["claims"]:
        c = claim(g["supplier"], g["recipient"], g["category"], g["status"],
                  g["period_start"], g["period_end"])
        key = (g["supplier"], g["recipient"], g["category"])
        flagged[key] = [f.embargo_id for f in assess(c, gold["published"]).flagged]
    for (supplier, recipient, _), ids in flagged.items():
        if {supplier, recipient} == {"PRK", "RUS"}:
            assert ids == ["dprk"]
        if (supplier, recipient) == ("IRN", "RUS"):
            assert ids == []
