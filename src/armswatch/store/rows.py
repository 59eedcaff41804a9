"""Rows ↔ plain data: the columns claims are read with, and conversions to Claim, StoredClaim, Case."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, and_, select

from armswatch.cases import Case, Decision, Membership, QuantityReport, StatusStep, StoredClaim
from armswatch.model import Claim
from armswatch.store import schema as t

__all__ = [
    "CLAIM_COLUMNS",
    "case_from_row",
    "case_row",
    "chunks",
    "current_claims",
    "decision_from_row",
    "decisions_for",
    "membership_from_row",
    "stored_claim",
]

_IN_CHUNK = 500  # keep IN (...) lists well under every backend's parameter limit


def chunks(items: Sequence[Any], n: int = _IN_CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _iso(d: str | None) -> date | None:
    return date.fromisoformat(d) if d else None


def claim_from_row(r: Any) -> Claim:
    return Claim(
        document_id=r.doc_id,
        supplier=r.supplier,
        recipient=r.recipient,
        category=r.category,
        status=r.status,
        item=r.item,
        evidence=r.evidence,
        evidence_span=(r.span_start, r.span_end),
        quantity=r.quantity,
        quantity_text=r.quantity_text,
        unit=r.unit,
        hedged=bool(r.hedged),
        denied=bool(r.denied),
        period_start=r.period_start,
        period_end=r.period_end,
        source=r.source,
        via=r.via,
        system=r.system,
        extractor_version=r.extractor_version,
    )


def split_ids(text: str | None) -> tuple[str, ...]:
    """Space-separated ids (a case's embargo flags) as a tuple."""
    return tuple((text or "").split())


def case_from_row(r: Any, members: tuple[Membership, ...] = ()) -> Case:
    return Case(
        id=r.id,
        supplier=r.supplier,
        recipient=r.recipient,
        category=r.category,
        label=r.label,
        status=r.status,
        first_reported=r.first_reported,
        last_reported=r.last_reported,
        corroboration=r.corroboration,
        n_claims=r.n_claims,
        n_documents=r.n_documents,
        n_hedged=r.n_hedged,
        n_denied=r.n_denied,
        embargo_flags=split_ids(r.embargo_flags),
        embargo_contested=split_ids(r.embargo_contested),
        origins=tuple(r.origins),
        status_history=tuple(
            StatusStep(
                **{
                    **s,
                    "first_reported": _iso(s["first_reported"]),
                    "last_reported": _iso(s["last_reported"]),
                }
            )
            for s in r.status_history
        ),
        quantities=tuple(QuantityReport(**{**q, "reported": _iso(q["reported"])}) for q in r.quantities),
        members=members,
    )


CLAIM_COLUMNS = [
    t.claims.c.id,
    t.claims.c.claim_key,
    t.claims.c.document_id,
    t.claims.c.extractor_version,
    t.claims.c.ordinal,
    t.claims.c.supplier,
    t.claims.c.recipient,
    t.claims.c.category,
    t.claims.c.status,
    t.claims.c.item,
    t.claims.c.quantity,
    t.claims.c.quantity_text,
    t.claims.c.unit,
    t.claims.c.hedged,
    t.claims.c.denied,
    t.claims.c.period_start,
    t.claims.c.period_end,
    t.claims.c.source,
    t.claims.c.via,
    t.claims.c.evidence,
    t.claims.c.span_start,
    t.claims.c.span_end,
    t.claims.c.system,
    t.documents.c.doc_id,
    t.documents.c.published,
    t.documents.c.outlet,
    t.documents.c.url,
    t.documents.c.title,
    t.documents.c.dup_group,
]


def current_claims() -> Select[Any]:
    """Claims of each document's current extraction, with their document's details."""
    return (
        select(*CLAIM_COLUMNS)
        .join(t.documents, t.documents.c.id == t.claims.c.document_id)
        .join(
            t.extractions,
            and_(
                t.extractions.c.document_id == t.claims.c.document_id,
                t.extractions.c.extractor_version == t.claims.c.extractor_version,
                t.extractions.c.current.is_(True),
            ),
        )
    )


def stored_claim(
    r: Any, case_id: str | None = None, included: bool | None = None, reason: str | None = None
) -> StoredClaim:
    return StoredClaim(
        id=r.id,
        claim_key=r.claim_key,
        claim=claim_from_row(r),
        document_id=r.document_id,
        published=r.published,
        outlet=r.outlet,
        url=r.url,
        title=r.title,
        dup_group=r.dup_group,
        case_id=case_id,
        included=included,
        reason=reason,
    )


def case_row(k: Case) -> dict[str, Any]:
    d = k.to_dict()
    return {
        "id": k.id,
        "supplier": k.supplier,
        "recipient": k.recipient,
        "category": k.category,
        "label": k.label,
        "status": k.status,
        "first_reported": k.first_reported,
        "last_reported": k.last_reported,
        "corroboration": k.corroboration,
        "n_claims": k.n_claims,
        "n_documents": k.n_documents,
        "n_hedged": k.n_hedged,
        "n_denied": k.n_denied,
        "origins": d["origins"],
        "status_history": d["status_history"],
        "quantities": d["quantities"],
        "embargo_flags": " ".join(k.embargo_flags),
        "embargo_contested": " ".join(k.embargo_contested),
    }


def decision_from_row(r: Any) -> Decision:
    return Decision(
        id=r.id,
        claim_key=r.claim_key,
        claim_id=r.claim_id,
        action=r.action,
        decided_by=r.decided_by,
        reason=r.reason,
        decided_at=r.decided_at,
        label=r.label,
    )


def membership_from_row(m: Any) -> Membership:
    return Membership(
        claim_id=m.claim_id, case_id=m.case_id, included=bool(m.included), origin=m.origin, reason=m.reason
    )


def decisions_for(conn: Connection, keys: Sequence[str]) -> list[Decision]:
    """The decisions about these claim keys, in any order."""
    out: list[Decision] = []
    for chunk in chunks(keys):
        out.extend(
            decision_from_row(r) for r in conn.execute(select(t.decisions).where(t.decisions.c.claim_key.in_(chunk)))
        )
    return out
