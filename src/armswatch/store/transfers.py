"""Narrow reads of counted claims for the views that fold many of them at once (a weapon system's page, the
register export): only the columns they need, no evidence text, no JSON.

    transfer_rows(store, ClaimFilter(system="shahed-136"))  -> [TransferRow], oldest first
    system_rows(store, "shahed-136")                         -> the same for one system, its documents unread
    system_counts(store)                                     -> {system id: (claims, cases)}
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any, Protocol

from sqlalchemy import func, null, select
from sqlalchemy.exc import SQLAlchemyError

from armswatch.errors import StoreError
from armswatch.store import schema as t
from armswatch.store.filters import ClaimFilter, check_filter
from armswatch.store.queries import claims_query
from armswatch.store.store import Store

__all__ = ["TransferRow", "system_counts", "system_rows", "transfer_rows"]


class TransferRow(Protocol):
    """One counted claim, as the register and a system's page fold it: the database's own row (attribute
    access, values typed by the columns), not copied into objects, since big systems have thousands."""

    @property
    def claim_id(self) -> str: ...
    @property
    def case_id(self) -> str | None: ...
    @property
    def supplier(self) -> str: ...
    @property
    def recipient(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def system(self) -> str | None: ...
    @property
    def status(self) -> str: ...
    @property
    def quantity(self) -> float | None: ...
    @property
    def quantity_text(self) -> str | None: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def hedged(self) -> bool: ...
    @property
    def denied(self) -> bool: ...
    @property
    def period_start(self) -> str | None: ...
    @property
    def period_end(self) -> str | None: ...
    @property
    def published(self) -> date | None: ...
    @property
    def url(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def via(self) -> str | None: ...
    @property
    def origin(self) -> str | None:  # the independent origin its case counts it as
        ...
    @property
    def document_id(self) -> str: ...
    @property
    def by(self) -> str | None:  # who reported its quantity: the speaker, else the outlet cited, else the publisher
        ...


def _columns(published: Any, url: Any, by: Any) -> list[Any]:
    c, cc = t.claims.c, t.case_claims.c
    return [c.id.label("claim_id"), cc.case_id, c.supplier, c.recipient, c.category, c.system, c.status, c.quantity,
            c.quantity_text, c.unit, c.hedged, c.denied, c.period_start, c.period_end, published.label("published"),
            url.label("url"), c.source, c.via, cc.origin, c.document_id, by.label("by")]


def transfer_rows(store: Store, f: ClaimFilter | None = None) -> Iterator[TransferRow]:
    """The current claims matching `f` that count in their case (analysts' rejections left out), oldest
    first, streamed."""
    f = replace(f or ClaimFilter(), include_rejected=False)
    check_filter(f)
    d, c = t.documents.c, t.claims.c
    q = claims_query(f).with_only_columns(*_columns(d.published, d.url, func.coalesce(c.source, c.via, d.outlet)))
    try:
        with store.engine.connect() as conn, conn.begin():
            yield from conn.execution_options(yield_per=2000).execute(q)
    except SQLAlchemyError as e:
        raise StoreError(f"{store.url}: read failed ({e.__class__.__name__}: {e})") from None


def system_rows(store: Store, system_id: str) -> list[TransferRow]:
    """The counted claims naming one weapon system, read without their documents (a system's page): a current
    claim has a membership, which holds its publication date and origin, and `case_quantities` who reported
    its quantity. `url` is left empty; any order."""
    c, cc, cq = t.claims.c, t.case_claims.c, t.case_quantities.c
    q = (select(*_columns(cc.published, null(), cq.by))
         .select_from(t.claims.join(t.case_claims, cc.claim_id == c.id)
                      .outerjoin(t.case_quantities, (cq.case_id == cc.case_id) & (cq.claim_id == c.id)))
         .where(c.system == system_id, cc.included.is_(True)))
    try:
        with store.engine.connect() as conn, conn.begin():
            return list(conn.execute(q))
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
