"""Merging claims into cases: pure functions over hand-built claims (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from store_helpers import make_claim

from armswatch.cases import (
    ACTIONS,
    STAGES,
    Decision,
    StoredClaim,
    build_cases,
    case_id,
    claim_id,
    claim_key,
    effective_decisions,
    origin_of,
)


def stored(
    n: int,
    published: str | None = "2024-01-01",
    dup_group: str | None = None,
    outlet: str = "Outlet",
    **kw: Any,
) -> StoredClaim:
    claim = make_claim(**kw)
    doc = f"doc{n}"
    key = claim_key(doc, claim)
    return StoredClaim(
        id=claim_id(key, "v1", n),
        claim_key=key,
        claim=claim,
        document_id=doc,
        published=date.fromisoformat(published) if published else None,
        outlet=outlet,
        dup_group=dup_group or doc,
    )


def decision(n: int, c: StoredClaim, action: str, label: str | None = None) -> Decision:
    return Decision(
        id=n,
        claim_key=c.claim_key,
        claim_id=c.id,
        action=action,
        decided_by="analyst",
        reason=f"reason {n}",
        decided_at=datetime(2024, 1, n, tzinfo=UTC),
        label=label,
    )


def test_claims_merge_by_supplier_recipient_category() -> None:
    claims = [stored(1), stored(2, status="pledged"), stored(3, category="uav"), stored(4, recipient="BLR")]
    cases, members = build_cases(claims, {})
    assert [(k.supplier, k.recipient, k.category, k.n_claims) for k in cases] == [
        ("PRK", "BLR", "ammunition", 1),
        ("PRK", "RUS", "ammunition", 2),
        ("PRK", "RUS", "uav", 1),
    ]
    assert len(members) == 4 and all(m.included for m in members)
    assert cases[1].id == case_id("PRK", "RUS", "ammunition", None)
    assert "same supplier, recipient and category" in members[0].reason


def test_speaker_quoted_by_many_outlets_is_one_origin() -> None:
    claims = [stored(n, source="Lydia Marsh", outlet=f"Outlet {n}") for n in range(5)]
    claims.append(stored(9, source="  lydia   MARSH "))  # same speaker, spelled loosely
    (case,), _ = build_cases(claims, {})
    assert case.n_claims == 6 and case.n_documents == 6
    assert case.corroboration == 1
    assert case.origins == ("speaker:lydia marsh",)


def test_syndicated_copies_are_one_origin_and_independent_articles_count() -> None:
    claims = [
        stored(1, dup_group="g1"),
        stored(2, dup_group="g1"),
        stored(3, dup_group="g3"),
        stored(4, via="Yonhap"),
        stored(5, via="yonhap"),
    ]
    (case,), _ = build_cases(claims, {})
    assert case.origins == ("article:g1", "article:g3", "outlet:yonhap")
    assert case.corroboration == 3


def test_origin_prefers_speaker_then_cited_outlet_then_article() -> None:
    assert origin_of(stored(1, source="A", via="B")) == "speaker:a"
    assert origin_of(stored(1, via="B")) == "outlet:b"
    assert origin_of(stored(1, dup_group="grp")) == "article:grp"


def test_denied_claims_do_not_corroborate_or_set_status() -> None:
    claims = [stored(1, status="pledged"), stored(2, status="delivered", denied=True, source="Kremlin")]
    (case,), _ = build_cases(claims, {})
    assert case.status == "pledged"
    assert case.corroboration == 1 and case.n_denied == 1
    only_denied, _ = build_cases([claims[1]], {})
    assert only_denied[0].status == "delivered" and only_denied[0].corroboration == 0


def test_a_denied_claim_still_counts_its_accuser() -> None:
    # "Seoul says Pyongyang shipped shells, which Pyongyang denies": Seoul stands behind the transfer
    accuser = stored(1, status="delivered", denied=True, source="South Korean defence ministry")
    denier = stored(2, status="delivered", denied=True, source="North Korea's foreign ministry")
    unnamed = stored(3, status="delivered", denied=True)
    (case,), _ = build_cases([accuser, denier, unnamed], {})
    assert case.origins == ("speaker:south korean defence ministry",)
    assert case.corroboration == 1 and case.contested and case.to_dict()["contested"] is True


def test_status_history_dates_and_quantities_over_time() -> None:
    claims = [
        stored(
            3,
            published="2024-03-01",
            status="delivered",
            quantity=18.0,
            quantity_text="18",
            unit="tanks",
            source="Ministry",
        ),
        stored(1, published="2023-01-05", status="sought"),
        stored(
            2,
            published="2023-01-25",
            status="pledged",
            quantity=14.0,
            quantity_text="14",
            unit="tanks",
            source="Vogt",
        ),
        stored(4, published=None, status="pledged", quantity_text="dozens", outlet="Paper"),
        stored(5, published="2024-05-01", status="delivered", hedged=True),
    ]
    (case,), _ = build_cases(claims, {})
    assert case.status == "delivered"
    assert (case.first_reported, case.last_reported) == (date(2023, 1, 5), date(2024, 5, 1))
    assert [(s.status, s.first_reported, s.last_reported, s.n_claims) for s in case.status_history] == [
        ("sought", date(2023, 1, 5), date(2023, 1, 5), 1),
        ("pledged", date(2023, 1, 25), date(2023, 1, 25), 2),
        ("delivered", date(2024, 3, 1), date(2024, 5, 1), 2),
    ]
    assert [(q.reported, q.quantity, q.by) for q in case.quantities] == [
        (date(2023, 1, 25), 14.0, "Vogt"),
        (date(2024, 3, 1), 18.0, "Ministry"),
        (None, None, "Paper"),
    ]
    assert case.n_hedged == 1


def test_ongoing_is_past_delivered() -> None:
    (case,), _ = build_cases([stored(1, status="delivered"), stored(2, status="ongoing")], {})
    assert case.status == "ongoing"


def test_reject_removes_claim_but_keeps_it_on_record() -> None:
    a, b = stored(1, source="A"), stored(2, source="B")
    cases, members = build_cases([a, b], effective_decisions([decision(1, b, "reject")]))
    assert cases[0].n_claims == 1 and cases[0].corroboration == 1
    rejected = next(m for m in members if m.claim_id == b.id)
    assert not rejected.included and rejected.reason.startswith("rejected by decision 1")
    assert rejected.case_id == cases[0].id
    # rejecting every claim leaves no case, but the memberships still explain why
    none, members = build_cases([b], effective_decisions([decision(1, b, "reject")]))
    assert none == [] and len(members) == 1


def test_split_moves_claims_under_one_label_and_restore_undoes_it() -> None:
    a, b, c = stored(1), stored(2), stored(3)
    decs = [decision(1, b, "split", "deal-2023"), decision(2, c, "split", "deal-2023")]
    cases, _ = build_cases([a, b, c], effective_decisions(decs))
    assert [(k.label, k.n_claims) for k in cases] == [(None, 1), ("deal-2023", 2)]
    assert cases[1].id == case_id("PRK", "RUS", "ammunition", "deal-2023")
    back, _ = build_cases([a, b, c], effective_decisions([*decs, decision(3, b, "restore")]))
    assert [(k.label, k.n_claims) for k in back] == [(None, 2), ("deal-2023", 1)]


def test_latest_decision_wins_whatever_the_input_order() -> None:
    a = stored(1)
    decs = [decision(2, a, "split", "x"), decision(1, a, "reject")]
    assert effective_decisions(decs)[a.claim_key].action == "split"


def test_ids_are_stable_and_distinguish_versions() -> None:
    c = make_claim()
    k = claim_key("doc", c)
    assert k == claim_key("doc", make_claim(item="other words", evidence="other sentence"))
    assert k != claim_key("doc", make_claim(status="pledged"))
    assert claim_id(k, "v1", 0) != claim_id(k, "v2", 0)
    assert claim_id(k, "v1", 0) == claim_id(k, "v1", 0)


def test_case_to_dict_is_json_ready() -> None:
    import json

    (case,), _ = build_cases([stored(1, quantity=3.0, quantity_text="3")], {})
    d = case.to_dict(members=True)
    assert json.loads(json.dumps(d))["quantities"][0]["reported"] == "2024-01-01"
    assert d["members"][0]["included"] is True


_claims = st.lists(
    st.builds(
        lambda n, s, r, cat, status, src, hedged, denied, day, group: stored(
            n,
            published=f"2024-01-{day:02d}" if day else None,
            dup_group=f"g{group}",
            supplier=s,
            recipient=r,
            category=cat,
            status=status,
            source=src,
            hedged=hedged,
            denied=denied,
        ),
        st.integers(0, 10_000),
        st.sampled_from(["PRK", "IRN"]),
        st.sampled_from(["RUS", "houthis"]),
        st.sampled_from(["ammunition", "uav"]),
        st.sampled_from(STAGES),
        st.sampled_from([None, "A", "B"]),
        st.booleans(),
        st.booleans(),
        st.integers(0, 28),
        st.integers(0, 3),
    ),
    max_size=25,
    unique_by=lambda c: c.id,
)


@given(
    claims=_claims,
    picks=st.lists(st.tuples(st.integers(0, 24), st.sampled_from(ACTIONS)), max_size=6),
    seed=st.randoms(use_true_random=False),
)
def test_merge_invariants(claims: list[StoredClaim], picks: list[tuple[int, str]], seed: Any) -> None:
    decisions = [
        decision(i + 1, claims[n % len(claims)], action, "lbl" if action == "split" else None)
        for i, (n, action) in enumerate(picks)
        if claims
    ]
    in_force = effective_decisions(decisions)
    cases, members = build_cases(claims, in_force)
    # every claim has exactly one membership; rejected ones are the only ones left out
    assert sorted(m.claim_id for m in members) == sorted(c.id for c in claims)
    rejected = {c.id for c in claims if in_force.get(c.claim_key, None) and in_force[c.claim_key].action == "reject"}
    assert {m.claim_id for m in members if not m.included} == rejected
    assert sum(k.n_claims for k in cases) == len(claims) - len(rejected)
    for k in cases:
        assert k.status in STAGES and 0 <= k.corroboration <= k.n_claims
        assert k.n_documents <= k.n_claims and len(k.origins) == k.corroboration
        if k.first_reported and k.last_reported:
            assert k.first_reported <= k.last_reported
    # the input order does not matter
    shuffled = list(claims)
    seed.shuffle(shuffled)
    assert build_cases(shuffled, in_force)[0] == cases
