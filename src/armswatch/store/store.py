"""The Store: the one narrow interface to the evidence base (CLI, API and tests all go through it).

    store = open_store(db)                        # SQLite path / URL, or PostgreSQL URL; migrates
    store.add_documents_and_claims(batch, version)  # one transaction per batch
    store.claims(ClaimFilter(...)); store.cases(CaseFilter(...)); store.case(case_id)
    store.record_decision(claim_id, "reject" | "split" | "restore", reason=..., decided_by=...)

Writes take a writers' lock for their transaction (BEGIN IMMEDIATE on SQLite, an advisory lock on
PostgreSQL), so concurrent ingests interleave batch by batch and never store a document twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Select, and_, delete, exists, func, insert, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from armswatch.cases import (
    ACTIONS,
    Case,
    Decision,
    Membership,
    QuantityReport,
    StatusStep,
    StoredClaim,
    build_cases,
    claim_id,
    claim_key,
    effective_decisions,
)
from armswatch.dedup import DEFAULT_THRESHOLD, LSHParams, Signature, best_match, lsh_params, signature
from armswatch.errors import StoreError
from armswatch.model import CATEGORIES, STATUSES, Claim, Document
from armswatch.settings import Settings, load_settings
from armswatch.store import schema as t
from armswatch.store.engine import WRITE, create_store_engine, lock_writers, migrate, resolve_url
from armswatch.store.filters import CaseFilter, ClaimFilter, check_filter

__all__ = ["BatchOutcome", "Store", "StoredDocument", "open_store"]

Triple = tuple[str, str, str]
_IN_CHUNK = 500  # keep IN (...) lists well under every backend's parameter limit


@dataclass
class BatchOutcome:
    """What one batch did, record by record (sources are paths, 'file.jsonl#3' or document ids)."""

    stored: list[str] = field(default_factory=list)
    reextracted: list[str] = field(default_factory=list)  # known text, new extractor version
    skipped: list[tuple[str, str]] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    claims_stored: int = 0
    claims_rejected: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class StoredDocument:
    id: str  # content hash
    doc_id: str
    url: str | None
    title: str | None
    outlet: str | None
    published: date | None
    language: str | None
    origin: str | None
    dup_group: str
    ingested_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "origin": self.origin,
            "dup_group": self.dup_group,
            "ingested_at": self.ingested_at.isoformat(),
        }


def open_store(
    db: str | None = None, settings: Settings | None = None, dedup_threshold: float = DEFAULT_THRESHOLD
) -> Store:
    """Open (creating and migrating if needed) the store named by `db` or the `db` setting."""
    settings = settings or load_settings()
    url = resolve_url(db if db is not None else settings.db, settings)
    engine = create_store_engine(url)
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, lsh_params(dedup_threshold))


def _claim_problem(c: Claim) -> str | None:
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


def _chunks(items: Sequence[Any], n: int = _IN_CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _iso(d: str | None) -> date | None:
    return date.fromisoformat(d) if d else None


def _claim_from_row(r: Any) -> Claim:
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
        extractor_version=r.extractor_version,
    )


def _case_from_row(r: Any, members: tuple[Membership, ...] = ()) -> Case:
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


def _actor_match(col: Any, value: str) -> Any:
    return col.in_({value, value.upper(), value.lower()})


_CLAIM_COLUMNS = [
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
    t.documents.c.doc_id,
    t.documents.c.published,
    t.documents.c.outlet,
    t.documents.c.url,
    t.documents.c.title,
    t.documents.c.dup_group,
]


def _current_claims() -> Select[Any]:
    """Claims of each document's current extraction, with their document's details."""
    return (
        select(*_CLAIM_COLUMNS)
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


class Store:
    """The evidence base over one SQLAlchemy engine (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine, dedup: LSHParams | None = None) -> None:
        self.engine = engine
        self.dedup = dedup or lsh_params()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        try:
            with self.engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
                lock_writers(conn)
                yield conn
        except SQLAlchemyError as e:
            raise StoreError(
                f"{self.url}: write failed, nothing of this batch was stored ({e.__class__.__name__}: {e})"
            ) from None

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except SQLAlchemyError as e:
            raise StoreError(f"{self.url}: read failed ({e.__class__.__name__}: {e})") from None

    # -- ingest ----------------------------------------------------------------------------------------

    def extracted(self, hashes: Sequence[str], extractor_version: str) -> set[str]:
        """Which of these document hashes this extractor version has already processed."""
        found: set[str] = set()
        with self._read() as conn:
            for chunk in _chunks(list(hashes)):
                found.update(
                    conn.scalars(
                        select(t.extractions.c.document_id).where(
                            t.extractions.c.document_id.in_(chunk),
                            t.extractions.c.extractor_version == extractor_version,
                        )
                    )
                )
        return found

    def add_documents_and_claims(
        self, batch: Sequence[tuple[Document, Sequence[Claim]]], extractor_version: str
    ) -> BatchOutcome:
        """Store a batch of documents with their claims in one transaction, then update their cases.

        A document whose text is stored already with this extractor version is skipped; with another
        version, only the new claims are added (the old ones stay, no longer current). Invalid
        documents and claims are rejected with a reason; the rest of the batch is stored.
        """
        if not extractor_version:
            raise StoreError("an extractor version is required to store claims")
        out = BatchOutcome()
        now = datetime.now(UTC)
        with self._write() as conn:
            affected: set[Triple] = set()
            for doc, doc_claims in batch:
                self._add_one(conn, doc, doc_claims, extractor_version, now, out, affected)
            for triple in sorted(affected):
                self._recompute(conn, triple)
        return out

    def _add_one(
        self,
        conn: Connection,
        doc: Document,
        doc_claims: Sequence[Claim],
        version: str,
        now: datetime,
        out: BatchOutcome,
        affected: set[Triple],
    ) -> None:
        source = doc.origin or doc.id
        if not doc.text.strip():
            out.rejected.append((source, "empty text"))
            return
        h = doc.content_hash
        versions = (
            conn.execute(select(t.extractions.c.extractor_version).where(t.extractions.c.document_id == h))
            .scalars()
            .all()
        )
        if version in versions:
            out.skipped.append((source, f"already stored (same text, extractor version {version})"))
            return
        if versions:  # known text, new extractor version: the old claims stop being current
            affected.update(
                tuple(r)
                for r in conn.execute(
                    select(t.claims.c.supplier, t.claims.c.recipient, t.claims.c.category)
                    .distinct()
                    .join(
                        t.extractions,
                        and_(
                            t.extractions.c.document_id == t.claims.c.document_id,
                            t.extractions.c.extractor_version == t.claims.c.extractor_version,
                        ),
                    )
                    .where(t.claims.c.document_id == h, t.extractions.c.current.is_(True))
                ).all()
            )
            conn.execute(update(t.extractions).where(t.extractions.c.document_id == h).values(current=False))
            out.reextracted.append(source)
        else:
            self._insert_document(conn, doc, h, now)
            out.stored.append(source)
        rows = []
        for ordinal, c in enumerate(doc_claims):
            problem = _claim_problem(c)
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
                }
            )
            affected.add((c.supplier, c.recipient, c.category))
        conn.execute(
            insert(t.extractions).values(
                document_id=h, extractor_version=version, n_claims=len(rows), current=True, extracted_at=now
            )
        )
        if rows:
            conn.execute(insert(t.claims), rows)
        out.claims_stored += len(rows)

    def _insert_document(self, conn: Connection, doc: Document, h: str, now: datetime) -> None:
        sig = signature(doc.text, self.dedup)
        group = self._near_duplicate_group(conn, sig) or h
        conn.execute(
            insert(t.documents).values(
                id=h,
                doc_id=doc.id,
                url=doc.url,
                title=doc.title,
                outlet=doc.outlet,
                author=doc.author,
                published=doc.published,
                language=doc.language,
                origin=doc.origin,
                dup_group=group,
                text=doc.text,
                ingested_at=now,
            )
        )
        conn.execute(insert(t.dedup_bands), [{"bucket": b, "document_id": h} for b in sig.buckets])
        conn.execute(insert(t.dedup_signatures).values(document_id=h, signature=sig.to_bytes()))

    def _near_duplicate_group(self, conn: Connection, sig: Signature) -> str | None:
        rows = conn.execute(
            select(t.dedup_signatures.c.document_id, t.dedup_signatures.c.signature, t.documents.c.dup_group)
            .join(t.documents, t.documents.c.id == t.dedup_signatures.c.document_id)
            .where(
                t.dedup_signatures.c.document_id.in_(
                    select(t.dedup_bands.c.document_id).where(t.dedup_bands.c.bucket.in_(sig.buckets))
                )
            )
        ).all()
        if not rows:
            return None
        match = best_match(
            sig, {r.document_id: Signature.values_from_bytes(r.signature) for r in rows}, self.dedup.threshold
        )
        return next(r.dup_group for r in rows if r.document_id == match) if match else None

    # -- cases -----------------------------------------------------------------------------------------

    def _recompute(self, conn: Connection, triple: Triple) -> None:
        s, r, c = triple
        where = (t.claims.c.supplier == s, t.claims.c.recipient == r, t.claims.c.category == c)
        stored = [self._stored_claim(row) for row in conn.execute(_current_claims().where(*where))]
        decisions = self._decisions_for(conn, sorted({sc.claim_key for sc in stored}))
        new_cases, members = build_cases(stored, effective_decisions(decisions))
        conn.execute(
            delete(t.case_claims).where(t.case_claims.c.claim_id.in_(select(t.claims.c.id).where(*where)))
        )
        conn.execute(
            delete(t.cases).where(t.cases.c.supplier == s, t.cases.c.recipient == r, t.cases.c.category == c)
        )
        if new_cases:
            conn.execute(insert(t.cases), [self._case_row(k) for k in new_cases])
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
                    }
                    for m in members
                ],
            )

    @staticmethod
    def _case_row(k: Case) -> dict[str, Any]:
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
        }

    @staticmethod
    def _stored_claim(
        r: Any, case_id: str | None = None, included: bool | None = None, reason: str | None = None
    ) -> StoredClaim:
        return StoredClaim(
            id=r.id,
            claim_key=r.claim_key,
            claim=_claim_from_row(r),
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

    def rebuild_cases(self) -> int:
        """Recompute every case from the current claims and decisions; returns how many there are."""
        with self._write() as conn:
            triples = [
                tuple(r)
                for r in conn.execute(
                    select(t.claims.c.supplier, t.claims.c.recipient, t.claims.c.category).distinct()
                )
            ]
            conn.execute(delete(t.case_claims))
            conn.execute(delete(t.cases))
            for s, r, c in sorted(triples):
                self._recompute(conn, (s, r, c))
            return int(conn.scalar(select(func.count()).select_from(t.cases)) or 0)

    # -- decisions -------------------------------------------------------------------------------------

    @staticmethod
    def _decisions_for(conn: Connection, keys: Sequence[str]) -> list[Decision]:
        out: list[Decision] = []
        for chunk in _chunks(keys):
            out.extend(
                Decision(
                    id=r.id,
                    claim_key=r.claim_key,
                    claim_id=r.claim_id,
                    action=r.action,
                    decided_by=r.decided_by,
                    reason=r.reason,
                    decided_at=r.decided_at,
                    label=r.label,
                )
                for r in conn.execute(select(t.decisions).where(t.decisions.c.claim_key.in_(chunk)))
            )
        return out

    def _resolve_claim(self, conn: Connection, ref: str) -> Any:
        ref = ref.strip().lower()
        if len(ref) < 4:
            raise StoreError(f"claim {ref!r}: give at least 4 characters of the claim id")
        rows = conn.execute(
            select(
                t.claims.c.id,
                t.claims.c.claim_key,
                t.claims.c.supplier,
                t.claims.c.recipient,
                t.claims.c.category,
            )
            .where(t.claims.c.id.startswith(ref, autoescape=True))
            .limit(2)
        ).all()
        if not rows:
            raise StoreError(f"claim {ref!r}: no such claim in {self.url}")
        if len(rows) > 1:
            raise StoreError(f"claim {ref!r}: more than one claim id starts with it; give more characters")
        return rows[0]

    def record_decision(
        self, claim_ref: str, action: str, *, reason: str, decided_by: str, label: str | None = None
    ) -> Decision:
        """Record an analyst's decision about a claim (an id or a unique prefix) and update its case.

        reject: the claim no longer counts in its case. split: the claim leaves its case for the case
        named `label` (default: a case of its own). restore: undo the decisions in force.
        Decisions refer to the statement (document + supplier, recipient, category, status), so they
        survive re-ingest and apply to the same statement found by a later extractor version.
        """
        if action not in ACTIONS:
            raise StoreError(f"unknown decision {action!r}; expected one of {', '.join(ACTIONS)}")
        if not reason.strip():
            raise StoreError("a decision needs a reason (why)")
        if label is not None and action != "split":
            raise StoreError("only a split takes a label")
        with self._write() as conn:
            row = self._resolve_claim(conn, claim_ref)
            if action == "split" and not label:
                label = f"split-{row.id}"
            now = datetime.now(UTC)
            new_id = conn.execute(
                insert(t.decisions)
                .values(
                    claim_key=row.claim_key,
                    claim_id=row.id,
                    action=action,
                    label=label,
                    decided_by=decided_by,
                    reason=reason.strip(),
                    decided_at=now,
                )
                .returning(t.decisions.c.id)
            ).scalar_one()
            self._recompute(conn, (row.supplier, row.recipient, row.category))
        return Decision(
            id=new_id,
            claim_key=row.claim_key,
            claim_id=row.id,
            action=action,
            decided_by=decided_by,
            reason=reason.strip(),
            decided_at=now,
            label=label,
        )

    def decisions(self, claim_ref: str | None = None) -> list[Decision]:
        """Every decision (oldest first), or those about one claim's statement."""
        with self._read() as conn:
            q = select(t.decisions).order_by(t.decisions.c.id)
            if claim_ref:
                q = q.where(t.decisions.c.claim_key == self._resolve_claim(conn, claim_ref).claim_key)
            return [
                Decision(
                    id=r.id,
                    claim_key=r.claim_key,
                    claim_id=r.claim_id,
                    action=r.action,
                    decided_by=r.decided_by,
                    reason=r.reason,
                    decided_at=r.decided_at,
                    label=r.label,
                )
                for r in conn.execute(q)
            ]

    # -- reads -----------------------------------------------------------------------------------------

    def claims(self, f: ClaimFilter | None = None) -> list[StoredClaim]:
        f = f or ClaimFilter()
        check_filter(f)
        cc, k = t.case_claims, t.cases
        if f.extractor_version is None:
            q = _current_claims()
        else:
            q = select(*_CLAIM_COLUMNS).join(t.documents, t.documents.c.id == t.claims.c.document_id)
            if f.extractor_version != "all":
                q = q.where(t.claims.c.extractor_version == f.extractor_version)
        q = (
            q.add_columns(cc.c.case_id, cc.c.included, cc.c.reason)
            .outerjoin(cc, cc.c.claim_id == t.claims.c.id)
            .outerjoin(k, k.c.id == cc.c.case_id)
        )
        c = t.claims.c
        conds: list[Any] = []
        if f.actor:
            conds.append(or_(_actor_match(c.supplier, f.actor), _actor_match(c.recipient, f.actor)))
        if f.supplier:
            conds.append(_actor_match(c.supplier, f.supplier))
        if f.recipient:
            conds.append(_actor_match(c.recipient, f.recipient))
        if f.category:
            conds.append(c.category == f.category)
        if f.status:
            conds.append(c.status == f.status)
        if f.since:
            conds.append(t.documents.c.published >= f.since)
        if f.until:
            conds.append(t.documents.c.published <= f.until)
        if f.source:
            conds.append(
                or_(
                    c.source.icontains(f.source, autoescape=True),
                    c.via.icontains(f.source, autoescape=True),
                    t.documents.c.outlet.icontains(f.source, autoescape=True),
                )
            )
        if f.hedged is not None:
            conds.append(c.hedged.is_(f.hedged))
        if f.denied is not None:
            conds.append(c.denied.is_(f.denied))
        if f.min_corroboration is not None:
            conds.append(k.c.corroboration >= f.min_corroboration)
        if f.case_id:
            conds.append(cc.c.case_id == f.case_id)
        if f.document:
            conds.append(or_(c.document_id == f.document, t.documents.c.doc_id == f.document))
        if f.text:
            conds.append(c.evidence.icontains(f.text, autoescape=True))
        if not f.include_rejected:
            conds.append(cc.c.included.is_(True))
        q = q.where(*conds).order_by(
            t.documents.c.published, t.documents.c.doc_id, c.document_id, c.extractor_version, c.ordinal
        )
        q = q.offset(f.offset) if f.offset else q
        q = q.limit(f.limit) if f.limit is not None else q
        with self._read() as conn:
            return [
                self._stored_claim(r, r.case_id, None if r.included is None else bool(r.included), r.reason)
                for r in conn.execute(q)
            ]

    def cases(self, f: CaseFilter | None = None) -> list[Case]:
        f = f or CaseFilter()
        check_filter(f)
        k = t.cases.c
        conds: list[Any] = []
        if f.actor:
            conds.append(or_(_actor_match(k.supplier, f.actor), _actor_match(k.recipient, f.actor)))
        if f.supplier:
            conds.append(_actor_match(k.supplier, f.supplier))
        if f.recipient:
            conds.append(_actor_match(k.recipient, f.recipient))
        if f.category:
            conds.append(k.category == f.category)
        if f.status:
            conds.append(k.status == f.status)
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
                        or_(
                            c.c.source.icontains(f.source, autoescape=True),
                            c.c.via.icontains(f.source, autoescape=True),
                            t.documents.c.outlet.icontains(f.source, autoescape=True),
                        ),
                    )
                )
            )
        q = (
            select(t.cases)
            .where(*conds)
            .order_by(k.corroboration.desc(), k.n_claims.desc(), k.supplier, k.recipient, k.category, k.id)
        )
        q = q.offset(f.offset) if f.offset else q
        q = q.limit(f.limit) if f.limit is not None else q
        with self._read() as conn:
            return [_case_from_row(r) for r in conn.execute(q)]

    def case(self, case_ref: str) -> Case | None:
        """One case (by id or unique id prefix) with every claim's membership and its reason."""
        with self._read() as conn:
            rows = conn.execute(
                select(t.cases).where(t.cases.c.id.startswith(case_ref, autoescape=True)).limit(2)
            ).all()
            if len(rows) > 1:
                raise StoreError(f"case {case_ref!r}: more than one case id starts with it")
            if not rows:
                return None
            members = tuple(
                Membership(
                    claim_id=m.claim_id,
                    case_id=m.case_id,
                    included=bool(m.included),
                    origin=m.origin,
                    reason=m.reason,
                )
                for m in conn.execute(
                    select(t.case_claims)
                    .where(t.case_claims.c.case_id == rows[0].id)
                    .order_by(t.case_claims.c.claim_id)
                )
            )
            return _case_from_row(rows[0], members)

    def documents(
        self, limit: int | None = None, offset: int = 0, dup_group: str | None = None
    ) -> list[StoredDocument]:
        d = t.documents.c
        q = select(
            d.id,
            d.doc_id,
            d.url,
            d.title,
            d.outlet,
            d.published,
            d.language,
            d.origin,
            d.dup_group,
            d.ingested_at,
        ).order_by(d.ingested_at, d.id)
        if dup_group:
            q = q.where(d.dup_group == dup_group)
        q = q.offset(offset) if offset else q
        q = q.limit(limit) if limit is not None else q
        with self._read() as conn:
            return [StoredDocument(**r._asdict()) for r in conn.execute(q)]

    def document_text(self, document_id: str) -> str | None:
        with self._read() as conn:
            return conn.scalar(select(t.documents.c.text).where(t.documents.c.id == document_id))

    def stats(self) -> dict[str, int]:
        """Row counts: documents, near-duplicate groups, extractions, claims (all / current), cases,
        decisions."""
        with self._read() as conn:

            def count(q: Any) -> int:
                return int(conn.scalar(select(func.count()).select_from(q.subquery())) or 0)

            return {
                "documents": count(select(t.documents.c.id)),
                "near_duplicate_groups": count(select(t.documents.c.dup_group).distinct()),
                "extractions": count(select(t.extractions.c.document_id)),
                "claims": count(select(t.claims.c.id)),
                "current_claims": count(_current_claims()),
                "cases": count(select(t.cases.c.id)),
                "decisions": count(select(t.decisions.c.id)),
            }
