"""The write path: documents with their near-duplicate group, claims, and the cases they touch.

All of it runs inside the caller's transaction (Store.add_documents_and_claims holds the writers'
lock), so a batch is stored whole or not at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, and_, bindparam, delete, insert, select, update

from armswatch.cases import build_cases, claim_id, claim_key, effective_decisions
from armswatch.dedup import Signature, best_match
from armswatch.model import CATEGORIES, STATUSES, Claim, Document
from armswatch.screening import assess_cases, screen_cases
from armswatch.store import schema as t
from armswatch.store.aggregates import (
    ClaimKey,
    add_counts,
    aggregate_rows,
    assessment_json,
    delete_case_aggregates,
    insert_aggregates,
    quantity_chart,
)
from armswatch.store.rows import case_row, current_claims, decisions_for, stored_claim
from armswatch.store.schema import UNDATED

__all__ = ["BatchOutcome", "Triple", "add_document", "claim_problem", "recompute"]

Triple = tuple[str, str, str]

# Statements built once: building them per document cost more than running them.
_VERSIONS = select(t.extractions.c.extractor_version, t.extractions.c.current).where(
    t.extractions.c.document_id == bindparam("h"))
_CANDIDATES = (
    select(t.dedup_signatures.c.document_id, t.dedup_signatures.c.signature, t.documents.c.dup_group)
    .join(t.documents, t.documents.c.id == t.dedup_signatures.c.document_id)
    .where(
        t.dedup_signatures.c.document_id.in_(
            select(t.dedup_bands.c.document_id).where(t.dedup_bands.c.bucket.in_(bindparam("buckets", expanding=True)))
        )
    )
)
_INSERT_DOCUMENT = insert(t.documents)
_INSERT_BANDS = insert(t.dedup_bands)
_INSERT_SIGNATURE = insert(t.dedup_signatures)
_INSERT_EXTRACTION = insert(t.extractions)
_INSERT_CLAIMS = insert(t.claims)


@dataclass
class BatchOutcome:
    """What one batch did, record by record (sources are paths, 'file.jsonl#3' or document ids)."""

    stored: list[str] = field(default_factory=list)
    reextracted: list[str] = field(default_factory=list)  # known text, new extractor version
    skipped: list[tuple[str, str]] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    claims_stored: int = 0
    claims_rejected: list[tuple[str, str]] = field(default_factory=list)
    # how the store's row counts move (store_counts, claim_counts), added up document by document
    count_changes: Counter[str] = field(default_factory=Counter, repr=False, compare=False)
    claim_count_changes: Counter[ClaimKey] = field(default_factory=Counter, repr=False, compare=False)


def claim_problem(c: Claim) -> str | None:
    """Why the store refuses a claim, or None when it is acceptable."""
    if c.category not in CATEGORIES:
        return f"unknown category {c.category!r}"
    if c.status not in STATUSES:
        return f"unknown status {c.status!r}"
    if not c.supplier or not c.recipient:
        return "claim has no supplier or no recipient"
    if c.supplier == c.recipient:
        return f"supplier and recipient are the same ({c.supplier})"
    if not c.evidence:
        return "claim has no evidence text"
    span = c.evidence_span
    if (
        len(span) != 2
        or not all(isinstance(i, int) and not isinstance(i, bool) for i in span)
        or not 0 <= span[0] <= span[1]
    ):
        return f"evidence span {span!r} is not two character offsets (start <= end)"
    if c.quantity is not None and (isinstance(c.quantity, bool) or not isinstance(c.quantity, int | float)):
        return f"quantity {c.quantity!r} is not a number"
    return None


def _claim_triples(conn: Connection, h: str, which: ColumnElement[bool]) -> set[Triple]:
    """(supplier, recipient, category) of the document's claims in the extractions `which` selects."""
    link = and_(t.extractions.c.document_id == t.claims.c.document_id,
                t.extractions.c.extractor_version == t.claims.c.extractor_version)
    q = (select(t.claims.c.supplier, t.claims.c.recipient, t.claims.c.category).distinct()
         .join(t.extractions, link).where(t.claims.c.document_id == h, which))
    return {(r[0], r[1], r[2]) for r in conn.execute(q)}


def add_document(
    conn: Connection,
    doc: Document,
    doc_claims: Sequence[Claim],
    version: str,
    now: datetime,
    out: BatchOutcome,
    affected: set[Triple],
    sig: Signature | None,
    threshold: float,
) -> None:
    """Store one document and its claims (see Store.add_documents_and_claims); note affected triples.

    `sig` is the document's MinHash signature, computed before the transaction to keep it short."""
    source = doc.origin or doc.id
    if not doc.text.strip() or sig is None:
        out.rejected.append((source, "empty text"))
        return
    h = doc.content_hash
    versions: dict[str, bool] = {v: bool(cur) for v, cur in conn.execute(_VERSIONS, {"h": h}).all()}
    if versions.get(version):
        out.skipped.append((source, f"already stored (same text, extractor version {version})"))
        return
    counts = out.count_changes
    published = doc.published
    if versions:  # known text, another extractor version: the old claims stop being current
        published = conn.scalar(select(t.documents.c.published).where(t.documents.c.id == h))
        affected.update(_claim_triples(conn, h, t.extractions.c.current.is_(True)))
        counts["current_claims"] -= _count_claims(conn, h, t.extractions.c.current.is_(True), -1, out)
        conn.execute(update(t.extractions).where(t.extractions.c.document_id == h).values(current=False))
        out.reextracted.append(source)
        if version in versions:  # extracted by this very extractor before (A, then B, now A): its claims return
            conn.execute(update(t.extractions).where(t.extractions.c.document_id == h,
                                                     t.extractions.c.extractor_version == version).values(current=True))
            affected.update(_claim_triples(conn, h, t.extractions.c.extractor_version == version))
            counts["current_claims"] += _count_claims(conn, h, t.extractions.c.extractor_version == version, 1, out)
            return
    else:
        if insert_document(conn, doc, h, now, sig, threshold):
            counts["near_duplicate_groups"] += 1
        counts["documents"] += 1
        out.stored.append(source)
    rows = []
    for ordinal, c in enumerate(doc_claims):
        problem = claim_problem(c)
        if problem:
            out.claims_rejected.append((f"{source} claim {ordinal}", problem))
            continue
        key = claim_key(h, c)
        rows.append(
            {
                "id": claim_id(key, version, ordinal),
                "claim_key": key,
                "document_id": h,
                "extractor_version": version,
                "ordinal": ordinal,
                "supplier": c.supplier,
                "recipient": c.recipient,
                "category": c.category,
                "status": c.status,
                "item": c.item,
                "quantity": c.quantity,
                "quantity_text": c.quantity_text,
                "unit": c.unit,
                "hedged": bool(c.hedged),
                "denied": bool(c.denied),
                "period_start": c.period_start,
                "period_end": c.period_end,
                "source": c.source,
                "via": c.via,
                "evidence": c.evidence,
                "span_start": int(c.evidence_span[0]),
                "span_end": int(c.evidence_span[1]),
                "system": c.system,
            }
        )
        affected.add((c.supplier, c.recipient, c.category))
    conn.execute(
        _INSERT_EXTRACTION,
        [{"document_id": h, "extractor_version": version, "n_claims": len(rows), "current": True, "extracted_at": now}],
    )
    if rows:
        conn.execute(_INSERT_CLAIMS, rows)
    out.claims_stored += len(rows)
    counts.update(extractions=1, claims=len(rows), current_claims=len(rows))
    day = published or UNDATED
    out.claim_count_changes.update((str(r["supplier"]), str(r["recipient"]), str(r["category"]), str(r["status"]),
                                    bool(r["hedged"]), bool(r["denied"]), day) for r in rows)


def _count_claims(conn: Connection, h: str, which: ColumnElement[bool], sign: int, out: BatchOutcome) -> int:
    """How many claims the document's extractions that `which` selects hold; each moves claim_counts by
    `sign`."""
    c = t.claims.c
    link = and_(t.extractions.c.document_id == c.document_id, t.extractions.c.extractor_version == c.extractor_version)
    q = (select(c.supplier, c.recipient, c.category, c.status, c.hedged, c.denied, t.documents.c.published)
         .join(t.extractions, link).join(t.documents, t.documents.c.id == c.document_id)
         .where(c.document_id == h, which))
    n = 0
    for r in conn.execute(q):
        out.claim_count_changes[(r.supplier, r.recipient, r.category, r.status, bool(r.hedged), bool(r.denied),
                                 r.published or UNDATED)] += sign
        n += 1
    return n


def insert_document(conn: Connection, doc: Document, h: str, now: datetime, sig: Signature, threshold: float) -> bool:
    """Insert a new document with its near-duplicate group and its LSH buckets; True when it starts a
    group of its own (no stored near-duplicate)."""
    group = near_duplicate_group(conn, sig, threshold) or h
    conn.execute(
        _INSERT_DOCUMENT,
        [
            {
                "id": h,
                "doc_id": doc.id,
                "url": doc.url,
                "title": doc.title,
                "outlet": doc.outlet,
                "author": doc.author,
                "published": doc.published,
                "language": doc.language,
                "origin": doc.origin,
                "dup_group": group,
                "text": doc.text,
                "ingested_at": now,
            }
        ],
    )
    conn.execute(_INSERT_BANDS, [{"bucket": b, "document_id": h} for b in sig.buckets])
    conn.execute(_INSERT_SIGNATURE, [{"document_id": h, "signature": sig.to_bytes()}])
    return group == h


def near_duplicate_group(conn: Connection, sig: Signature, threshold: float) -> str | None:
    """The group of the most similar stored document at or above the threshold, if any."""
    rows = conn.execute(_CANDIDATES, {"buckets": list(sig.buckets)}).all()
    if not rows:
        return None
    match = best_match(sig, {r.document_id: Signature.values_from_bytes(r.signature) for r in rows}, threshold)
    return next(r.dup_group for r in rows if r.document_id == match) if match else None


def recompute(conn: Connection, triple: Triple) -> None:
    """Replace the cases (and memberships, and the aggregates pages read) of one (supplier, recipient,
    category) from current claims."""
    s, r, c = triple
    where = (t.claims.c.supplier == s, t.claims.c.recipient == r, t.claims.c.category == c)
    # in the order pages list a case's claims, so the stored assessment (its summary, notes and documents
    # follow the claims' order) is the one a page would compute
    ordered = current_claims().where(*where).order_by(
        t.documents.c.published.asc().nulls_last(), t.documents.c.doc_id, t.claims.c.document_id,
        t.claims.c.extractor_version, t.claims.c.ordinal)
    stored = [stored_claim(row) for row in conn.execute(ordered)]
    decisions = decisions_for(conn, sorted({sc.claim_key for sc in stored}))
    new_cases, members = build_cases(stored, effective_decisions(decisions))
    assessments = assess_cases(new_cases, stored, members)
    new_cases = screen_cases(new_cases, stored, members, assessments)
    old_ids = list(conn.scalars(select(t.cases.c.id).where(t.cases.c.supplier == s, t.cases.c.recipient == r,
                                                            t.cases.c.category == c)))
    delete_case_aggregates(conn, old_ids)
    conn.execute(delete(t.case_claims).where(t.case_claims.c.claim_id.in_(select(t.claims.c.id).where(*where))))
    conn.execute(delete(t.cases).where(t.cases.c.supplier == s, t.cases.c.recipient == r, t.cases.c.category == c))
    add_counts(conn, {"cases": len(new_cases) - len(old_ids)})
    if new_cases:
        conn.execute(insert(t.cases), [
            {**case_row(k), "embargo_assessment": assessment_json(assessments.get(k.id)),
             "quantity_chart": quantity_chart(k.quantities)}
            for k in new_cases
        ])
    position = {sc.id: i for i, sc in enumerate(stored)}  # stored is in page order
    published = {sc.id: sc.published for sc in stored}
    if members:
        conn.execute(
            insert(t.case_claims),
            [
                {
                    "claim_id": m.claim_id,
                    "case_id": m.case_id,
                    "included": m.included,
                    "origin": m.origin,
                    "reason": m.reason,
                    "position": position[m.claim_id],
                    "published": published[m.claim_id],
                }
                for m in members
            ],
        )
    insert_aggregates(conn, aggregate_rows({k.id: k.quantities for k in new_cases}, stored, members))
