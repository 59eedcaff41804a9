"""Filters → SELECT statements: the one place claim and case queries are built.

Full-text search over claim evidence (issue 5) plugs in here: `ClaimFilter.text` is matched as a
case-insensitive substring today; an FTS5 table (SQLite) or a tsvector index (PostgreSQL), added by
a migration, can replace that condition without changing any caller.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, case, exists, func, literal, or_, select

from armswatch.store import schema as t
from armswatch.store.filters import CaseFilter, ClaimFilter
from armswatch.store.rows import CLAIM_COLUMNS, current_claims

__all__ = ["cases_query", "claims_query", "transfer_conds"]


def _actor_match(col: Any, value: str) -> Any:
    return col.in_(sorted({value, value.upper(), value.lower()}))


def transfer_conds(f: ClaimFilter | CaseFilter, cols: Any) -> list[Any]:
    """Who, what and which status: columns that claims and cases both have."""
    conds: list[Any] = []
    if f.actor:
        conds.append(or_(_actor_match(cols.supplier, f.actor), _actor_match(cols.recipient, f.actor)))
    if f.supplier:
        conds.append(_actor_match(cols.supplier, f.supplier))
    if f.recipient:
        conds.append(_actor_match(cols.recipient, f.recipient))
    if f.category:
        conds.append(cols.category == f.category)
    if f.status:
        conds.append(cols.status == f.status)
    return conds


def _source_match(claim_cols: Any, source: str) -> Any:
    """The speaker, the outlet cited, or the outlet that published the document."""
    return or_(
        claim_cols.source.icontains(source, autoescape=True),
        claim_cols.via.icontains(source, autoescape=True),
        t.documents.c.outlet.icontains(source, autoescape=True),
    )


def claims_query(f: ClaimFilter) -> Select[Any]:
    """Claims (with their document and case membership) matching `f`, in a stable order."""
    cc, k = t.case_claims, t.cases
    if f.extractor_version is None:
        q = current_claims()
    else:
        q = select(*CLAIM_COLUMNS).join(t.documents, t.documents.c.id == t.claims.c.document_id)
        if f.extractor_version != "all":
            q = q.where(t.claims.c.extractor_version == f.extractor_version)
    q = (
        q.add_columns(cc.c.case_id, cc.c.included, cc.c.reason)
        .outerjoin(cc, cc.c.claim_id == t.claims.c.id)
        .outerjoin(k, k.c.id == cc.c.case_id)
    )
    c = t.claims.c
    conds = transfer_conds(f, c)
    if f.since:
        conds.append(t.documents.c.published >= f.since)
    if f.until:
        conds.append(t.documents.c.published <= f.until)
    if f.source:
        conds.append(_source_match(c, f.source))
    if f.hedged is not None:
        conds.append(c.hedged.is_(f.hedged))
    if f.denied is not None:
        conds.append(c.denied.is_(f.denied))
    if f.min_corroboration is not None:
        conds.append(k.c.corroboration >= f.min_corroboration)
    if f.flagged is not None:  # as cases are filtered (below)
        conds.append(func.coalesce(k.c.embargo_flags, "") != "" if f.flagged else
                     func.coalesce(k.c.embargo_flags, "") == "")
    if f.system:
        conds.append(c.system == f.system)
    if f.case_id:
        conds.append(cc.c.case_id == f.case_id)
    if f.document:  # its hash or its input id: each looked up by its own index
        d = t.documents.c
        conds.append(c.document_id.in_(select(d.id).where(d.id == f.document)
                                       .union(select(d.id).where(d.doc_id == f.document))))
    if f.text:
        conds.append(c.evidence.icontains(f.text, autoescape=True))
    if not f.include_rejected:
        conds.append(cc.c.included.is_(True))
    # NULLS LAST spelled out: SQLite and PostgreSQL differ by default, and pages must not.
    q = q.where(*conds).order_by(
        t.documents.c.published.asc().nulls_last(),
        t.documents.c.doc_id,
        c.document_id,
        c.extractor_version,
        c.ordinal,
    )
    q = q.offset(f.offset) if f.offset else q
    q = q.limit(f.limit) if f.limit is not None else q
    return q


def cases_query(f: CaseFilter) -> Select[Any]:
    """Cases matching `f`, most corroborated first."""
    k = t.cases.c
    conds = transfer_conds(f, k)
    if f.since:
        conds.append(k.last_reported >= f.since)
    if f.until:
        conds.append(k.first_reported <= f.until)
    if f.hedged is not None:
        conds.append(k.n_hedged > 0 if f.hedged else k.n_hedged == 0)
    if f.denied is not None:
        conds.append(k.n_denied > 0 if f.denied else k.n_denied == 0)
    if f.min_corroboration is not None:
        conds.append(k.corroboration >= f.min_corroboration)
    if f.case_id:
        conds.append(k.id.startswith(f.case_id, autoescape=True))
    if f.flagged is not None:
        conds.append(func.coalesce(k.embargo_flags, "") != "" if f.flagged else
                     func.coalesce(k.embargo_flags, "") == "")
    if f.embargo:  # ids are space-separated: pad both sides so "iran" does not match "iran-2231"
        padded = literal(" ") + func.coalesce(k.embargo_flags, "") + literal(" ")
        conds.append(padded.contains(f" {f.embargo} ", autoescape=True))
    if f.system:  # a case names a system when one of its counted claims does (ix_claims_system finds them)
        conds.append(k.id.in_(select(t.case_claims.c.case_id)
                              .join(t.claims, t.claims.c.id == t.case_claims.c.claim_id)
                              .where(t.claims.c.system == f.system, t.case_claims.c.included.is_(True))))
    if f.source:
        cc, c = t.case_claims, t.claims
        conds.append(
            exists(
                select(cc.c.claim_id)
                .join(c, c.c.id == cc.c.claim_id)
                .join(t.documents, t.documents.c.id == c.c.document_id)
                .where(
                    cc.c.case_id == k.id,
                    cc.c.included.is_(True),
                    _source_match(c.c, f.source),
                )
            )
        )
    by_corroboration = (k.corroboration.desc(), k.n_claims.desc(), k.supplier, k.recipient, k.category, k.id)
    flagged_first = case((func.coalesce(k.embargo_flags, "") != "", 0), else_=1)
    q = select(t.cases).where(*conds)
    q = q.order_by(flagged_first, *by_corroboration) if f.order == "embargo" else q.order_by(*by_corroboration)
    q = q.offset(f.offset) if f.offset else q
    q = q.limit(f.limit) if f.limit is not None else q
    return q
