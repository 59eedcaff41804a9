"""Lean reads for screens that list many cases or actors at once (the dashboard's network, lists).

`Store.cases()` returns full cases, with their origins, status history and every reported quantity
decoded from JSON: right for one case, too slow for a network of a thousand. These read only the
columns a list shows, with the store's own filters (`CaseFilter`).

    case_summaries(store, CaseFilter(category="uav"))  -> [CaseSummary], most corroborated first
    count_cases(store, CaseFilter(...))                -> int
    actor_summaries(store)                             -> [ActorSummary], most active first
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import func, literal, select, union_all
from sqlalchemy.exc import SQLAlchemyError

from armswatch.cases import CaseSummary
from armswatch.errors import StoreError
from armswatch.store import schema as t
from armswatch.store.filters import CaseFilter, check_filter
from armswatch.store.queries import cases_query
from armswatch.store.rows import split_ids
from armswatch.store.store import Store, StoredDocument

__all__ = [
    "ActorSummary", "CaseSummary", "actor_summaries", "case_summaries", "count_cases", "count_documents",
    "document_by_id",
]


@dataclass(frozen=True)
class ActorSummary:
    code: str
    cases_supplied: int  # cases where it is the supplier
    cases_received: int
    claims_supplied: int  # claims counted in those cases
    claims_received: int
    last_reported: date | None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["last_reported"] = self.last_reported.isoformat() if self.last_reported else None
        return d


_SUMMARY_COLUMNS = [
    t.cases.c.id, t.cases.c.supplier, t.cases.c.recipient, t.cases.c.category, t.cases.c.label, t.cases.c.status,
    t.cases.c.first_reported, t.cases.c.last_reported, t.cases.c.corroboration, t.cases.c.n_claims,
    t.cases.c.n_documents, t.cases.c.n_hedged, t.cases.c.n_denied, t.cases.c.embargo_flags,
    t.cases.c.embargo_contested,
]


def _summary(r: Any) -> CaseSummary:
    d = r._asdict()
    d["embargo_flags"], d["embargo_contested"] = split_ids(d["embargo_flags"]), split_ids(d["embargo_contested"])
    return CaseSummary(**d)


def case_summaries(store: Store, f: CaseFilter | None = None) -> list[CaseSummary]:
    """Cases matching `f` (the store's filter and order), without their JSON details."""
    f = f or CaseFilter()
    check_filter(f)
    q = cases_query(f).with_only_columns(*_SUMMARY_COLUMNS)
    try:
        with store.engine.connect() as conn, conn.begin():
            return [_summary(r) for r in conn.execute(q)]
    except SQLAlchemyError as e:
        raise StoreError(f"{store.url}: read failed ({e.__class__.__name__}: {e})") from None


def count_cases(store: Store, f: CaseFilter | None = None) -> int:
    """How many cases match `f` (its limit and offset ignored)."""
    f = replace(f or CaseFilter(), limit=None, offset=0)
    check_filter(f)
    q = cases_query(f).with_only_columns(t.cases.c.id).order_by(None)
    try:
        with store.engine.connect() as conn, conn.begin():
            return int(conn.scalar(select(func.count()).select_from(q.subquery())) or 0)
    except SQLAlchemyError as e:
        raise StoreError(f"{store.url}: read failed ({e.__class__.__name__}: {e})") from None


def actor_summaries(store: Store, code: str | None = None) -> list[ActorSummary]:
    """Every actor of a case (or the one `code`, any case), with what it supplies and receives."""
    k = t.cases.c
    sides = union_all(
        select(k.supplier.label("code"), literal(1).label("sup"), literal(0).label("rec"),
               k.n_claims.label("n"), k.last_reported),
        select(k.recipient.label("code"), literal(0).label("sup"), literal(1).label("rec"),
               k.n_claims.label("n"), k.last_reported),
    ).subquery()
    q = select(
        sides.c.code,
        func.sum(sides.c.sup).label("cases_supplied"),
        func.sum(sides.c.rec).label("cases_received"),
        func.sum(sides.c.n * sides.c.sup).label("claims_supplied"),
        func.sum(sides.c.n * sides.c.rec).label("claims_received"),
        func.max(sides.c.last_reported).label("last_reported"),
    ).group_by(sides.c.code)
    if code is not None:
        q = q.where(func.lower(sides.c.code) == code.lower())
    try:
        with store.engine.connect() as conn, conn.begin():
            rows = conn.execute(q).all()
    except SQLAlchemyError as e:
        raise StoreError(f"{store.url}: read failed ({e.__class__.__name__}: {e})") from None
    out = [
        ActorSummary(code=r.code, cases_supplied=int(r.cases_supplied), cases_received=int(r.cases_received),
                     claims_supplied=int(r.claims_supplied), claims_received=int(r.claims_received),
                     last_reported=_as_date(r.last_reported))
        for r in rows
    ]
    return sorted(out, key=lambda a: (-(a.claims_supplied + a.claims_received), a.code))


def _as_date(v: Any) -> date | None:
    # max() over a union loses the column type on SQLite: the ISO text comes back
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


_DOCUMENT_COLUMNS = [
    t.documents.c.id, t.documents.c.doc_id, t.documents.c.url, t.documents.c.title, t.documents.c.outlet,
    t.documents.c.published, t.documents.c.language, t.documents.c.origin, t.documents.c.dup_group,
    t.documents.c.ingested_at,
]


def document_by_id(store: Store, document_id: str) -> tuple[StoredDocument, str] | None:
    """A document (by its content hash) with its text, or None."""
    try:
        with store.engine.connect() as conn, conn.begin():
            r = conn.execute(
                select(*_DOCUMENT_COLUMNS, t.documents.c.text).where(t.documents.c.id == document_id)
            ).first()
    except SQLAlchemyError as e:
        raise StoreError(f"{store.url}: read failed ({e.__class__.__name__}: {e})") from None
    if r is None:
        return None
    d = r._asdict()
    text = d.pop("text")
    return StoredDocument(**d), text


def count_documents(store: Store) -> int:
    """How many documents the store holds (its kept count)."""
    return store.stats()["documents"]
