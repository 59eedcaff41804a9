"""Each assessment rule on hand-built claims: direction, period boundaries, category scope, targets."""

from __future__ import annotations

import json

import pytest
from embargo_helpers import claim, on, provision_verdict, verdict

from armswatch.embargo import assess, assess_case, assess_transfer

# ------------------------------------------------------------------------------------------ direction


def test_supply_from_target_flagged_supply_to_not_under_an_export_ban() -> None:
    # 1747 bans arms FROM Iran (2007-2016); in 2008 nothing banned arms TO Iran except missile items.
    a = on("IRN", "SYR", "small_arms", "2008-06-01")
    assert provision_verdict(a, "iran", "iran-1747-exports") == "may_breach"
    assert verdict(a, "iran") == "may_breach"
    b = on("RUS", "IRN", "small_arms", "2008-06-01")
    assert verdict(b, "iran") == "not_applicable"
    reason = next(p for p in b.findings[0].provisions if p.provision_id == "iran-1747-exports").reasons[0]
    assert reason.startswith("direction:") and "IRN is the recipient" in reason


def test_both_directions_for_the_dprk() -> None:
    assert verdict(on("PRK", "SYR", "missiles", "2012-01-01"), "dprk") == "may_breach"
    assert verdict(on("SYR", "PRK", "missiles", "2012-01-01"), "dprk") == "may_breach"


def test_supply_to_only_embargo_does_not_flag_the_target_as_supplier() -> None:
    a = on("houthis", "IRN", "uav", "2023-01-01")
    assert verdict(a, "houthis") == "not_applicable"
    assert "houthis is the supplier" in a.finding("houthis").provisions[0].reasons[0]  # type: ignore[union-attr]


def test_unrelated_parties_are_not_considered() -> None:
    a = on("FRA", "IND", "aircraft", "2020-01-01")
    assert a.findings == () and a.flagged == ()
    assert "dprk" in a.not_considered and a.verdict == "not_applicable"


# ---------------------------------------------------------------------------------- period boundaries


@pytest.mark.parametrize(("day", "expected"), [
    ("2006-10-13", "not_applicable"),  # day before 1718 was adopted
    ("2006-10-14", "may_breach"),      # adoption day
])
def test_start_boundary(day: str, expected: str) -> None:
    assert verdict(on("PRK", "IRN", "missiles", day), "dprk") == expected


@pytest.mark.parametrize(("day", "expected"), [
    ("2023-10-17", "may_breach"),      # last day of 2231 Annex B para 4
    ("2023-10-18", "not_applicable"),  # eight years after Adoption Day: restriction ended
])
def test_end_boundary_iran_annex_b_para_4(day: str, expected: str) -> None:
    a = on("IRN", "RUS", "uav", day)
    assert verdict(a, "iran") == expected
    if expected == "not_applicable":
        para4 = next(p for p in a.findings[0].provisions if p.provision_id == "iran-2231-annex-b-para-4")
        assert "on or after 2023-10-18" in para4.reasons[0]


@pytest.mark.parametrize(("day", "expected"), [
    ("2018-11-13", "may_breach"),
    ("2018-11-14", "not_applicable"),  # lifted by 2444 (2018)
])
def test_lifted_embargo_eritrea(day: str, expected: str) -> None:
    assert verdict(on("ERI", "SOM", "small_arms", day), "eritrea") == expected


@pytest.mark.parametrize(("day", "expected"), [
    ("2016-03-01", "uncertain"),   # 1874: SALW to the DPRK allowed with advance notification
    ("2016-03-02", "may_breach"),  # 2270: SALW banned too
])
def test_change_of_scope_over_time_dprk_small_arms(day: str, expected: str) -> None:
    assert verdict(on("RUS", "PRK", "small_arms", day), "dprk") == expected


def test_period_partly_inside_reports_the_covered_part() -> None:
    a = assess(claim("IRN", "RUS", "uav", period_start="2023-09", period_end="2024-02"))
    f = a.finding("iran")
    assert f is not None and f.flagged
    para4 = f.deciding[0]
    assert para4.overlap == ("2023-09-01", "2023-10-17")
    assert "partly within" in " ".join(para4.reasons)


def test_publication_date_used_when_no_period() -> None:
    a = assess(claim("IRN", "RUS", "uav", "ongoing"), published="2023-05-01")
    assert (a.date_start, a.date_basis) == ("2023-05-01", "published")
    assert verdict(a, "iran") == "may_breach"
    assert any("publication date" in n for n in a.notes)


def test_undated_claim_is_uncertain_not_flagged() -> None:
    a = assess(claim("PRK", "RUS", "ammunition"))
    assert a.date_basis == "none"
    assert verdict(a, "dprk") == "uncertain"
    assert a.flagged == ()


def test_bad_period_is_reported_and_publication_date_used() -> None:
    a = assess(claim("PRK", "RUS", "ammunition", period_start="2023-13"), published="2024-05-03")
    assert a.date_basis == "published" and verdict(a, "dprk") == "may_breach"
    assert any("period_start" in n and "2023-13" in n for n in a.notes)


def test_assess_transfer_rejects_a_bad_date_naming_it() -> None:
    with pytest.raises(ValueError, match="'May 2024'"):
        assess_transfer("PRK", "RUS", "ammunition", "May 2024")


# -------------------------------------------------------------------------------------- category scope


def test_annex_b_after_2020_covers_only_missile_and_uav_items() -> None:
    assert verdict(on("IRN", "RUS", "uav", "2022-10-01"), "iran") == "may_breach"
    assert verdict(on("IRN", "RUS", "missiles", "2022-10-01"), "iran") == "may_breach"
    ammo = on("IRN", "RUS", "ammunition", "2022-10-01")
    assert verdict(ammo, "iran") == "not_applicable"
    para4 = next(p for p in ammo.findings[0].provisions if p.provision_id == "iran-2231-annex-b-para-4")
    assert para4.reasons[0].startswith("category ammunition is outside")


def test_listed_categories_in_partial_and_out() -> None:
    assert verdict(on("RUS", "IRN", "armoured_vehicles", "2019-01-01"), "iran") == "may_breach"  # para 5
    assert verdict(on("RUS", "IRN", "air_defence", "2019-01-01"), "iran") == "uncertain"
    assert verdict(on("RUS", "IRN", "small_arms", "2019-01-01"), "iran") == "not_applicable"


def test_personnel_is_never_flagged_as_arms() -> None:
    a = on("PRK", "RUS", "personnel", "2024-11-01")
    assert verdict(a, "dprk") == "uncertain"
    assert "not arms as such" in " ".join(a.findings[0].deciding[0].reasons)


def test_haiti_widening_from_small_arms_to_all_arms() -> None:
    assert verdict(on("USA", "haiti-gangs", "small_arms", "2024-01-01"), "haiti") == "may_breach"
    # before 2752 only small arms and ammunition were banned country-wide; other arms only to listed gangs
    assert verdict(on("USA", "haiti-gangs", "naval", "2024-01-01"), "haiti") == "uncertain"
    assert verdict(on("USA", "haiti-gangs", "naval", "2024-10-18"), "haiti") == "may_breach"


# ---------------------------------------------------------------------------------- non-state targets


def test_houthis_targeted_yemen_government_not() -> None:
    a = on("IRN", "houthis", "missiles", "2018-06-01")
    assert verdict(a, "houthis") == "may_breach"
    assert verdict(a, "iran") == "may_breach"  # Iranian exports were also banned until Oct 2020
    y = on("USA", "YEM", "aircraft", "2018-06-01")
    assert verdict(y, "houthis") == "not_applicable"
    assert "only listed individuals and entities" in y.findings[0].provisions[0].reasons[0]
    assert verdict(on("IRN", "houthis", "missiles", "2015-04-13"), "houthis") == "not_applicable"


def test_only_non_governmental_forces() -> None:
    assert verdict(on("IRN", "hezbollah", "missiles", "2020-01-01"), "lebanon-1701") == "may_breach"
    lbn = on("USA", "LBN", "armoured_vehicles", "2020-01-01")
    assert verdict(lbn, "lebanon-1701") == "not_applicable"
    assert "only non-governmental forces" in lbn.findings[0].provisions[0].reasons[0]
    assert verdict(on("RWA", "m23", "small_arms", "2023-01-01"), "drc") == "may_breach"
    assert verdict(on("CHN", "COD", "aircraft", "2023-01-01"), "drc") == "not_applicable"


@pytest.mark.parametrize(("recipient", "day", "expected"), [
    ("CAF", "2023-07-26", "may_breach"),      # whole-country embargo (exemptions listed in the notes)
    ("CAF", "2023-07-27", "not_applicable"),  # 2693: lifted for the Government
    ("SOM", "2015-01-01", "uncertain"),       # FGS forces exempt with notification
    ("SOM", "2024-01-01", "not_applicable"),  # 2713/2714: no embargo on the Government
    ("al-shabaab", "2024-01-01", "may_breach"),
    ("al-shabaab", "2010-01-01", "may_breach"),  # under the 733 country-wide embargo
])
def test_lifting_for_governments(recipient: str, day: str, expected: str) -> None:
    embargo = "car" if recipient == "CAF" else "somalia"
    assert verdict(on("XXX", recipient, "small_arms", day), embargo) == expected


def test_darfur_region_and_rsf() -> None:
    assert verdict(on("ARE", "rsf", "uav", "2024-01-01"), "sudan-darfur") == "may_breach"
    sdn = on("RUS", "SDN", "aircraft", "2024-01-01")
    assert verdict(sdn, "sudan-darfur") == "uncertain"
    assert "Darfur" in sdn.findings[0].deciding[0].reasons[0]


def test_targeted_groups_and_their_listing_dates() -> None:
    assert verdict(on("XXX", "isil", "small_arms", "2003-01-01"), "isil-al-qaida") == "not_applicable"
    assert verdict(on("XXX", "isil", "small_arms", "2015-01-01"), "isil-al-qaida") == "may_breach"
    # the Taliban are targeted only insofar as designated
    assert verdict(on("XXX", "taliban", "small_arms", "2022-01-01"), "taliban") == "uncertain"


def test_exemptions_travel_with_a_flag() -> None:
    a = on("TUR", "LBY", "uav", "2020-01-01")
    f = a.finding("libya")
    assert f is not None and f.flagged
    assert any(n.startswith("unless exempt (government)") for n in f.deciding[0].notes)


# ----------------------------------------------------------------------------------------- contested


def test_snapback_is_contested_never_flagged() -> None:
    a = on("RUS", "IRN", "aircraft", "2025-10-01")
    assert verdict(a, "iran") == "contested"
    assert a.flagged == ()
    notes = " ".join(a.finding("iran").deciding[0].notes)  # type: ignore[union-attr]
    assert "contested" in notes and "Russia" in notes


# --------------------------------------------------------------------------------- status and output


def test_sought_transfers_are_flagged_with_a_note() -> None:
    a = assess(claim("RUS", "PRK", "aircraft", "sought"), published="2024-05-03")
    assert verdict(a, "dprk") == "may_breach"
    assert any("reported as sought" in n for n in a.notes)


def test_hedged_and_denied_are_noted() -> None:
    a = assess(claim("PRK", "RUS", "missiles", hedged=True, denied=True), published="2024-01-01")
    assert any("hedged" in n for n in a.notes) and any("denied" in n for n in a.notes)


def test_to_dict_is_plain_json() -> None:
    a = assess(claim("IRN", "houthis", "missiles", period_start="2018"))
    d = json.loads(json.dumps(a.to_dict()))
    assert d["flagged"] == ["houthis", "iran"]
    assert d["findings"][0]["provisions"][0]["reasons"]
    assert d["data_version"] == a.data_version


def test_assess_case_combines_claims() -> None:
    claims = [
        claim("IRN", "RUS", "uav", "delivered", "2022-09", "2022-12", document_id="a"),
        claim("IRN", "RUS", "uav", "ongoing", document_id="b"),
    ]
    case = assess_case(claims, published={"b": "2024-05-03"})
    assert case.flags == ("iran",)
    iran = case.embargoes[0]
    assert iran.flagged_documents == ("a",)
    assert iran.claims_by_verdict == {"may_breach": 1, "not_applicable": 1}
    assert (case.date_start, case.date_end) == ("2022-09-01", "2024-05-03")
    assert json.loads(json.dumps(case.to_dict(with_claims=True)))["flags"] == ["iran"]


def test_a_case_of_only_denied_claims_reads_contested() -> None:
    denied = [claim("PRK", "RUS", "ammunition", "delivered", "2024-01", denied=True, document_id=d) for d in "ab"]
    dprk = assess_case(denied).embargoes[0]
    assert dprk.flagged and dprk.contested and dprk.reading == "contested"
    assert "the claim is reported as denied (2 of 2 claims)" in dprk.notes
    mixed = assess_case([*denied, claim("PRK", "RUS", "ammunition", "delivered", "2024-01", document_id="c")])
    assert mixed.embargoes[0].reading == "may_breach" and mixed.contested == ()


def test_case_keeps_claim_level_notes() -> None:
    sought = assess_case([claim("PRK", "RUS", "missiles", "sought", "2024-01")]).embargoes[0]
    assert sought.flagged and any(n.startswith("reported as sought: not a completed transfer") and
                                  n.endswith("(1 of 1 claim)") for n in sought.notes)


def test_assess_case_refuses_mixed_or_empty_cases() -> None:
    with pytest.raises(ValueError, match="one case"):
        assess_case([claim("IRN", "RUS", "uav"), claim("PRK", "RUS", "uav")])
    with pytest.raises(ValueError, match="at least one"):
        assess_case([])


def test_assess_case_takes_stored_claims_and_skips_rejected_ones() -> None:
    from datetime import date

    cases = pytest.importorskip("armswatch.cases")
    kept = cases.StoredClaim(id="1", claim_key="k1", claim=claim("PRK", "RUS", "ammunition", "delivered"),
                             document_id="h1", published=date(2024, 5, 3), included=True)
    rejected = cases.StoredClaim(id="2", claim_key="k2", claim=claim("PRK", "RUS", "ammunition", "delivered"),
                                 document_id="h2", published=date(2005, 1, 1), included=False)
    case = assess_case([kept, rejected])
    assert case.claims == 1 and case.flags == ("dprk",)
    assert case.date_start == "2024-05-03"
