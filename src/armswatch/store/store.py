"""The Store: the one narrow interface to the evidence base (CLI, API and tests all go through it).

    store = open_store(db)                        # SQLite path / URL, or PostgreSQL URL; migrates
    store.add_documents_and_claims(batch, version)  # one transaction per batch
    store.claims(ClaimFilter(...)); store.cases(CaseFilter(...)); store.case(case_id)
    store.record_decision(claim_id, "reject" | "split" | "restore", reason=..., decided_by=...)

Writes take a writers' lock for their transaction (BEGIN IMMEDIATE on SQLite, an advisory lock on
PostgreSQL), so concurrent ingests interleave batch by batch and never store a document twice.
Queries are built in `queries.py`, the write path lives in `writes.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select
from sqlalchemy.exc import SQLAlchemyError

from armswatch.cases import ACTIONS, Case, Decision, StoredClaim
from armswatch.dedup import DEFAULT_THRESHOLD, LSHParams, lsh_params, signature
from armswatch.errors import StoreError
from armswatch.model import Claim, Document
from armswatch.settings import Settings, load_settings
from armswatch.store import schema as t
from armswatch.store.aggregates import COUNTS, add_claim_counts, add_counts
from armswatch.store.engine import WRITE, create_store_engine, lock_writers, migrate, resolve_url
from armswatch.store.filters import CaseFilter, ClaimFilter, check_filter
from armswatch.store.queries import cases_query, claims_query
from armswatch.store.rows import (
    case_from_row,
    chunks,
    decision_from_row,
    membership_from_row,
    stored_claim,
)
from armswatch.store.writes import BatchOutcome, Triple, add_document, recompute

__all__ = ["BatchOutcome", "Store", "StoredDocument", "open_store"]


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


def _prefix(col: Any, ref: str) -> list[Any]:
    """`col` starts with `ref`, as a range the primary key's index serves (LIKE is case-insensitive on
    SQLite, so it would read every row); ids are lower-case hex."""
    if not ref or any(ch not in "0123456789abcdef" for ch in ref):
        return [col.startswith(ref, autoescape=True)]
    if ref == "f" * len(ref):
        return [col >= ref]
    stem = ref.rstrip("f")
    return [col >= ref, col < stem[:-1] + "0123456789abcdef"["0123456789abcdef".index(stem[-1]) + 1]]


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
        """Which of these document hashes have this extractor version's claims as their current ones (a text
        extracted by it once, then by another, is not: ingest makes its claims current again)."""
        found: set[str] = set()
        with self._read() as conn:
            for chunk in chunks(list(hashes)):
                found.update(
                    conn.scalars(
                        select(t.extractions.c.document_id).where(
                            t.extractions.c.document_id.in_(chunk),
                            t.extractions.c.extractor_version == extractor_version,
                            t.extractions.c.current.is_(True),
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
        # MinHash signatures are pure CPU work: done before taking the writers' lock
        sigs = [signature(doc.text, self.dedup) if doc.text.strip() else None for doc, _ in batch]
        with self._write() as conn:
            affected: set[Triple] = set()
            for (doc, doc_claims), sig in zip(batch, sigs, strict=True):
                add_document(conn, doc, doc_claims, extractor_version, now, out, affected, sig, self.dedup.threshold)
            add_counts(conn, out.count_changes)
            add_claim_counts(conn, out.claim_count_changes)
            for triple in sorted(affected):
                self._recompute(conn, triple)
        return out

    # -- cases -----------------------------------------------------------------------------------------

    def _recompute(self, conn: Connection, triple: Triple) -> None:
        recompute(conn, triple)

    def rebuild_cases(self) -> int:
        """Recompute every case from the current claims and decisions; returns how many there are."""
        with self._write() as conn:
            triples = [
                tuple(r)
                for r in conn.execute(select(t.claims.c.supplier, t.claims.c.recipient, t.claims.c.category).distinct())
            ]
            conn.execute(delete(t.case_claims))
            for table in (t.case_timeline, t.case_origins, t.case_quantities):
                conn.execute(delete(table))
            n_cases = int(conn.scalar(select(func.count()).select_from(t.cases)) or 0)
            conn.execute(delete(t.cases))
            add_counts(conn, {"cases": -n_cases})
            for s, r, c in sorted(triples):
                self._recompute(conn, (s, r, c))
            return int(conn.scalar(select(func.count()).select_from(t.cases)) or 0)

    # -- decisions -------------------------------------------------------------------------------------

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
            .where(*_prefix(t.claims.c.id, ref))
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
            add_counts(conn, {"decisions": 1})
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
            return [decision_from_row(r) for r in conn.execute(q)]

    # -- reads -----------------------------------------------------------------------------------------

    def claims(self, f: ClaimFilter | None = None) -> list[StoredClaim]:
        """Stored claims matching `f` (default: every current claim), with case and decision."""
        f = f or ClaimFilter()
        check_filter(f)
        with self._read() as conn:
            return [
                stored_claim(r, r.case_id, None if r.included is None else bool(r.included), r.reason)
                for r in conn.execute(claims_query(f))
            ]

    def cases(self, f: CaseFilter | None = None) -> list[Case]:
        """Cases matching `f` (default: all), most corroborated first."""
        f = f or CaseFilter()
        check_filter(f)
        with self._read() as conn:
            return [case_from_row(r) for r in conn.execute(cases_query(f))]

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
                membership_from_row(m)
                for m in conn.execute(
                    select(t.case_claims)
                    .where(t.case_claims.c.case_id == rows[0].id)
                    .order_by(t.case_claims.c.claim_id)
                )
            )
            return case_from_row(rows[0], members)

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
        decisions; kept by every write (`store_counts`), so reading them costs nothing on a big store."""
        with self._read() as conn:
            found = {r.name: int(r.value) for r in conn.execute(select(t.store_counts))}
        return {name: found.get(name, 0) for name in COUNTS}
