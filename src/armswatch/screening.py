"""Embargo screening of stored cases: the bridge between the evidence base and `armswatch.embargo`.

The CLI (`armswatch cases --embargo`), the exports and the web app all ask the same question of a
case — which UN arms embargoes may its claims breach — and answer it here.
"""

from __future__ import annotations

from armswatch.cases import Case
from armswatch.embargo import CaseAssessment, assess_stored_case
from armswatch.store import ClaimFilter, Store

__all__ = ["case_embargo", "embargo_flags"]


def case_embargo(store: Store, case: Case) -> CaseAssessment | None:
    """The embargo assessment of a case's claims (rejected claims left out; None if none is left)."""
    return assess_stored_case(store.claims(ClaimFilter(case_id=case.id)))


def embargo_flags(store: Store, case: Case) -> list[str]:
    """Ids of the embargoes the case may breach ("dprk", "iran-2231-annex-b", ...)."""
    assessment = case_embargo(store, case)
    return list(assessment.flags) if assessment is not None else []
