"""Narrow reads of counted claims for the views that fold many of them at once (a weapon system's page, the
register export): only the columns they need, no evidence text, no JSON.

    transfer_rows(store, ClaimFilter(system="shahed-136"))  -> [TransferRow], oldest first
    system_counts(store)                                     -> {system id: (claims, cases)}
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from armswatch.errors import StoreError
from armswatch.store import schema as t
from armswatch.store.filters import ClaimFilter, check_filter
from armswatch.store.queries import claims_query
from armswatch.store.store import Store

__all__ = ["TransferRow", "system_counts", "transfer_rows"]


@dataclass(frozen=True)
class TransferRow:
    """One counted claim, as the register and a system's page fold it."""

    claim_id: str
    case_id: str | None
    supplier: str
    recipient: str
    category: str
    system: str | None
    status: str
    quantity: float | None
    quantity_text: str | None
    unit: str | None
    hedged: bool
    denied: bool
    period_start: str | None
    period_end: str | None
    published: date | None
    url: str | None
    outlet: str | None
    source: str | None
    via: str | None
    origin: str | None  # the independent origin its case counts it as
    document_id: str


_COLUMNS = [
    t.claims.c.id.label("claim_id"), t.case_claims.c.case_id, t.claims.c.supplier, t.claims.c.recipient,
    t.claims.c.category, t.claims.c.system, t.claims.c.status, t.claims.c.quantity, t.claims.c.quantity_text,
    t.claims.c.unit,
    t.claims.c.hedged, t.claims.c.denied, t.claims.c.period_start, t.claims.c.period_end,
    t.documents.c.published, t.documents.c.url, t.documents.c.outlet, t.claims.c.source, t.claims.c.via,
    t.case_claims.c.origin, t.claims.c.document_id,
]


def _row(r: Any) -> TransferRow:
    d = r._asdict()
    d["hedged"], d["denied"] = bool(d["hedged"]), bool(d["denied"])
    return TransferRow(**d)


def transfer_rows(store: Store, f: ClaimFilter | None = None) -> Iterator[TransferRow]:
    """The current claims matching `f` that count in their case (analysts' rejections left out), oldest
    first, streamed."""
    f = replace(f or ClaimFilter(), include_rejected=False)
    check_filter(f)
    q = claims_query(f).with_only_columns(*_COLUMNS)
    try:
        with store.engine.connect() as conn, conn.begin():
            for r in conn.execution_options(yield_per=2000).execute(q):
                yield _row(r)
    except SQLAlchemyError as e:
        raise StoreError(f"{store.url}: read failed ({e.__class__.__name__}: {e})") from None


def system_counts(store: Store) -> dict[str, tuple[int, int]]:
    """Per weapon system named by a counted claim: (its counted claims, the cases they are in). Reads only
    claims linked to a system (the system index), and their memberships (current claims only have one)."""
    c, cc = t.claims.c, t.case_claims.c
    q = (select(c.system, func.count().label("n"), func.count(cc.case_id.distinct()).label("cases"))
         .select_from(t.claims.join(t.case_claims, cc.claim_id == c.id))
         .where(c.system.is_not(None), cc.included.is_(True)).group_by(c.system))
    try:
        with store.engine.connect() as conn, conn.begin():
            return {r.system: (int(r.n), int(r.cases)) for r in conn.execute(q)}
    except SQLAlchemyError as e:
        raise StoreError(f"{store.url}: read failed ({e.__class__.__name__}: {e})") from None
