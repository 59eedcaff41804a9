"""What a case's page (and the API's case) reads: the case without its claims, then its timeline, origins,
quantities and claims a page at a time, from the aggregates kept at ingest (`aggregates.py`). Nothing
here reads every claim of a case, so a case of ten thousand claims costs what a case of ten does.

    head = case_head(store, "910633cd")              # CaseHead | None: summary, history, assessment, chart
    timeline_buckets(store, head.case)               # dots: per (status, day), per month for big cases
    case_origins(store, case_id, limit=50)           # ([(origin, claims)], how many origins)
    case_quantities(store, case_id, limit=50)        # ([QuantityReport], how many)
    case_claims_page(store, case_id, limit=50)       # [StoredClaim], oldest first (rejected: included=False)
    case_members(store, case_id, limit=100)          # [Membership], in the same order
    case_assessments(store, ids)                     # {case_id: CaseAssessment | None}
    case_systems(store, case_id)                     # [(system id, claims)]: the weapon systems it names
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import SQLAlchemyError

from armswatch.cases import Case, Membership, QuantityReport, StatusStep, StoredClaim
from armswatch.embargo import CaseAssessment
from armswatch.errors import StoreError
from armswatch.store import schema as t
from armswatch.store.filters import ClaimFilter
from armswatch.store.queries import claims_query
from armswatch.store.rows import membership_from_row, split_ids, stored_claim
from armswatch.store.store import Store

__all__ = [
    "MAX_DAY_DOTS", "CaseHead", "TimelineBucket", "all_origins", "case_assessments", "case_claims_page", "case_head",
    "case_members", "case_systems", "claim_membership", "case_origins", "case_quantities", "timeline_buckets",
]

# a case with more claims than this draws one dot per status and month instead of per status and day
MAX_DAY_DOTS = 300


@dataclass(frozen=True)
class CaseHead:
    """A case without its claims: its figures and status history (`case.origins`, `.quantities` and
    `.members` are left empty: read them a page at a time), its embargo assessment and quantities chart."""

    case: Case
    assessment: CaseAssessment | None
    chart: list[dict[str, Any]]
    assessment_data: dict[str, Any] | None = None  # the assessment as stored (`aggregates.assessment_json`)


@dataclass(frozen=True)
class TimelineBucket:
    """Included claims of one status reported on one day (or, for a big case, in one month)."""

    status: str
    first: date
    last: date
    n_claims: int
    n_denied: int
    claim_id: str  # the first claim of the bucket
    month: str | None = None  # set when the bucket is a month


@contextmanager
def _read(store: Store) -> Iterator[Connection]:
    try:
        with store.engine.connect() as conn, conn.begin():
            yield conn
    except SQLAlchemyError as e:
        raise StoreError(f"{store.url}: read failed ({e.__class__.__name__}: {e})") from None


def _date(v: Any) -> date | None:
    return date.fromisoformat(v) if isinstance(v, str) else v


_HEAD = [c for c in t.cases.c if c.name not in ("origins", "quantities")]


def case_head(store: Store, case_ref: str) -> CaseHead | None:
    """One case by id or unique id prefix (StoreError when several match), without its claims."""
    with _read(store) as conn:
        rows = conn.execute(select(*_HEAD).where(t.cases.c.id.startswith(case_ref, autoescape=True)).limit(2)).all()
    if len(rows) > 1:
        raise StoreError(f"case {case_ref!r}: more than one case id starts with it")
    if not rows:
        return None
    r = rows[0]
    case = Case(
        id=r.id, supplier=r.supplier, recipient=r.recipient, category=r.category, label=r.label, status=r.status,
        first_reported=r.first_reported, last_reported=r.last_reported, corroboration=r.corroboration,
        n_claims=r.n_claims, n_documents=r.n_documents, n_hedged=r.n_hedged, n_denied=r.n_denied,
        embargo_flags=split_ids(r.embargo_flags), embargo_contested=split_ids(r.embargo_contested),
        origins=(), quantities=(),
        status_history=tuple(StatusStep(**{**s, "first_reported": _date(s["first_reported"]),
                                            "last_reported": _date(s["last_reported"])}) for s in r.status_history),
    )
    found = CaseAssessment.from_dict(r.embargo_assessment) if r.embargo_assessment else None
    return CaseHead(case=case, assessment=found, chart=list(r.quantity_chart or []),
                    assessment_data=r.embargo_assessment)


def timeline_buckets(store: Store, case: Case) -> list[TimelineBucket]:
    """The timeline's dots: included, dated claims per (status, day); per (status, month) when the case
    has more than `MAX_DAY_DOTS` claims."""
    tl = t.case_timeline.c
    with _read(store) as conn:
        if case.n_claims <= MAX_DAY_DOTS:
            days = conn.execute(select(tl.status, tl.day.label("first"), tl.day.label("last"), tl.n_claims,
                                       tl.n_denied, tl.claim_id).where(tl.case_id == case.id)
                                .order_by(tl.day, tl.status)).all()
            return [TimelineBucket(r.status, r.first, r.last, r.n_claims, r.n_denied, r.claim_id) for r in days]
        rows = conn.execute(
            select(tl.status, tl.month, func.min(tl.day).label("first"), func.max(tl.day).label("last"),
                   func.sum(tl.n_claims).label("n"), func.sum(tl.n_denied).label("denied"),
                   func.min(tl.claim_id).label("claim_id"))
            .where(tl.case_id == case.id).group_by(tl.status, tl.month).order_by(tl.month, tl.status)).all()
    return [TimelineBucket(r.status, _date(r.first) or date.min, _date(r.last) or date.min, int(r.n),
                           int(r.denied), r.claim_id, r.month) for r in rows]


def case_origins(store: Store, case_id: str, limit: int = 50, offset: int = 0) -> tuple[list[tuple[str, int]], int]:
    """The independent origins of a case, most claims first, one page, and how many there are."""
    o = t.case_origins.c
    with _read(store) as conn:
        rows = conn.execute(select(o.origin, o.n_claims).where(o.case_id == case_id)
                            .order_by(o.n_claims.desc(), o.origin).limit(limit).offset(offset)).all()
        total = int(conn.scalar(select(func.count()).select_from(t.case_origins).where(o.case_id == case_id)) or 0)
    return [(r.origin, int(r.n_claims)) for r in rows], total


def all_origins(store: Store, case_id: str) -> list[str]:
    """Every independent origin of a case, sorted (`Case.origins`)."""
    o = t.case_origins.c
    with _read(store) as conn:
        return list(conn.scalars(select(o.origin).where(o.case_id == case_id).order_by(o.origin)))


def case_quantities(store: Store, case_id: str, limit: int = 50, offset: int = 0) -> tuple[list[QuantityReport], int]:
    """The quantities reported in a case, in date order (undated last), one page, and how many there are."""
    q = t.case_quantities.c
    with _read(store) as conn:
        rows = conn.execute(select(q.reported, q.quantity, q.quantity_text, q.unit, q.status, q.by, q.claim_id,
                                   q.document_id).where(q.case_id == case_id)
                            .order_by(q.reported.is_(None), q.reported, q.claim_id).limit(limit).offset(offset)).all()
        total = int(conn.scalar(select(func.count()).select_from(t.case_quantities).where(q.case_id == case_id))
                    or 0)
    return [QuantityReport(**r._asdict()) for r in rows], total


def _page_ids(conn: Connection, case_id: str, included: bool | None, limit: int | None, offset: int) -> list[Any]:
    cc = t.case_claims.c
    q = select(cc.claim_id, cc.case_id, cc.included, cc.origin, cc.reason).where(cc.case_id == case_id)
    if included is not None:
        q = q.where(cc.included.is_(included))
    q = q.order_by(cc.included.desc(), cc.position).offset(offset)
    return list(conn.execute(q.limit(limit) if limit is not None else q).all())


def case_claims_page(store: Store, case_id: str, *, included: bool = True, limit: int | None = 50,
                     offset: int = 0) -> list[StoredClaim]:
    """A page of a case's claims, oldest first (the order of `Store.claims(ClaimFilter(case_id=...))`):
    those counted, or (`included=False`) those analysts rejected."""
    with _read(store) as conn:
        ids = [r.claim_id for r in _page_ids(conn, case_id, included, limit, offset)]
        rows = {r.id: r for r in conn.execute(claims_query(ClaimFilter(case_id=case_id))
                                              .where(t.claims.c.id.in_(ids)).order_by(None))} if ids else {}
    return [stored_claim(r, r.case_id, None if r.included is None else bool(r.included), r.reason)
            for r in (rows[i] for i in ids if i in rows)]


def case_members(store: Store, case_id: str, limit: int | None = 100, offset: int = 0) -> tuple[list[Membership], int]:
    """Why each claim is (or is not) in the case, counted claims first, oldest first; one page and the total."""
    with _read(store) as conn:
        rows = _page_ids(conn, case_id, None, limit, offset)
        total = int(conn.scalar(select(func.count()).select_from(t.case_claims)
                                .where(t.case_claims.c.case_id == case_id)) or 0)
    return [membership_from_row(r) for r in rows], total


def claim_membership(store: Store, claim_id: str) -> Membership | None:
    """Why one claim is (or is not) in its case; None for a claim in no case (not current)."""
    with _read(store) as conn:
        r = conn.execute(select(t.case_claims).where(t.case_claims.c.claim_id == claim_id)).first()
    return membership_from_row(r) if r is not None else None


def case_assessments(store: Store, ids: Sequence[str]) -> dict[str, CaseAssessment | None]:
    """The stored embargo assessment of each case (None when every claim is rejected)."""
    k = t.cases.c
    out: dict[str, CaseAssessment | None] = {}
    with _read(store) as conn:
        for i in range(0, len(ids), 500):
            for r in conn.execute(select(k.id, k.embargo_assessment).where(k.id.in_(ids[i:i + 500]))):
                out[r.id] = CaseAssessment.from_dict(r.embargo_assessment) if r.embargo_assessment else None
    return out


def case_systems(store: Store, case_id: str) -> list[tuple[str, int]]:
    """The catalogued weapon systems the counted claims of a case name, with how many claims name each, most
    first (one grouped read over the case's claims)."""
    cc, c = t.case_claims.c, t.claims.c
    n = func.count().label("n")
    q = (select(c.system, n).select_from(t.case_claims.join(t.claims, c.id == cc.claim_id))
         .where(cc.case_id == case_id, cc.included.is_(True), c.system.is_not(None))
         .group_by(c.system).order_by(n.desc(), c.system))
    with _read(store) as conn:
        return [(r.system, int(r.n)) for r in conn.execute(q)]
