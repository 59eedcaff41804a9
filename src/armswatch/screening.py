"""Embargo screening of stored cases: the bridge between the evidence base and `armswatch.embargo`.

The CLI (`armswatch cases --embargo`), the exports and the web app all ask the same question of a
case — which UN arms embargoes may its claims breach — and answer it here. The store keeps each
case's answer with the case (`screen_cases`, run whenever a case is recomputed), so lists can filter
and sort by it; a change of the embargo data needs the cases screened again (migration 0005 does so
for stores made before flags were kept).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from armswatch.cases import Case, Membership, StoredClaim
from armswatch.embargo import CaseAssessment, assess_stored_case

if TYPE_CHECKING:
    from armswatch.store import Store

__all__ = ["assess_cases", "case_embargo", "embargo_flags", "screen_cases"]


def case_embargo(store: Store, case: Case) -> CaseAssessment | None:
    """The embargo assessment of a case's claims (rejected claims left out; None if none is left)."""
    from armswatch.store import ClaimFilter

    return assess_stored_case(store.claims(ClaimFilter(case_id=case.id)))


def embargo_flags(store: Store, case: Case) -> list[str]:
    """Ids of the embargoes a stored case may breach ("dprk", "iran-2231-annex-b", ...): kept with the
    case by the store, so no claim is read again."""
    return list(case.embargo_flags)


def assess_cases(cases: Sequence[Case], claims: Sequence[StoredClaim],
                 members: Sequence[Membership]) -> dict[str, CaseAssessment | None]:
    """Each case's embargo assessment over its included claims (None when none is left)."""
    by_id = {c.id: c for c in claims}
    of_case: dict[str, list[StoredClaim]] = {}
    for m in members:
        if m.included and m.claim_id in by_id:
            of_case.setdefault(m.case_id, []).append(by_id[m.claim_id])
    return {k.id: assess_stored_case(of_case.get(k.id, [])) for k in cases}


def screen_cases(cases: Sequence[Case], claims: Sequence[StoredClaim],
                 members: Sequence[Membership],
                 assessments: dict[str, CaseAssessment | None] | None = None) -> list[Case]:
    """The cases with their embargo flags (and contested flags) from their included claims (or from
    `assessments`, as `assess_cases` gives them)."""
    found_by_case = assessments if assessments is not None else assess_cases(cases, claims, members)
    out = []
    for k in cases:
        found = found_by_case.get(k.id)
        if found is not None:
            k = replace(k, embargo_flags=found.flags, embargo_contested=found.contested)
        out.append(k)
    return out
