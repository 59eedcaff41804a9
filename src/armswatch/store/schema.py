"""The store's tables, declared once with SQLAlchemy Core.

The Alembic migrations in `migrations/versions/` create exactly these tables; a test checks that a
migrated database matches this metadata, so the two cannot drift apart silently.

    documents      one row per distinct text (key: SHA-256 of the text); never updated
    extractions    which extractor version has processed which document (also when it found nothing)
    claims         one row per extracted statement; never updated or deleted
    decisions      analysts' judgements (reject / split / restore a claim), append-only
    cases          derived from current claims + decisions; recomputed, never edited by hand
    case_claims    which claim is in which case and why (the explanation of each merge)
    dedup_bands    MinHash LSH buckets of each document (near-duplicate candidates)
    dedup_signatures  each document's MinHash signature (to check candidates)

Aggregates the pages need, derived from the cases and kept up to date whenever a case is recomputed
(ingest, re-extraction, decisions, rebuild: `armswatch.store.aggregates`), never edited by hand:

    case_timeline    claims of a case per (status, day): the timeline's dots
    case_origins     claims of a case per independent origin: the corroboration list
    case_quantities  every reported quantity of a case, one row per claim: the quantities table
    store_counts     row counts the overview shows (documents, claims, cases, ...)
    claim_counts     current claims per (supplier, recipient, category, status, hedged, denied, day):
                     the totals of filtered claim lists
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Dialect

__all__ = [
    "UTCDateTime",
    "VOLATILE_COLUMNS",
    "case_claims",
    "cases",
    "claims",
    "decisions",
    "case_origins",
    "case_quantities",
    "case_timeline",
    "claim_counts",
    "dedup_bands",
    "dedup_signatures",
    "documents",
    "extractions",
    "metadata",
    "store_counts",
]


class UTCDateTime(TypeDecorator[datetime]):
    """A moment in UTC with its zone, on both back ends: PostgreSQL's timestamptz; on SQLite, which has no
    date type, ISO 8601 text with its offset ("2024-05-03T10:00:00.000000+00:00", read back with the
    older zone-less text too). Naive values are taken as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(sqlite.DATETIME(
                storage_format="%(year)04d-%(month)02d-%(day)02dT%(hour)02d:%(minute)02d:%(second)02d"
                               ".%(microsecond)06d+00:00",
                regexp=r"(\d+)-(\d+)-(\d+)[ T](\d+):(\d+):(\d+)(?:\.(\d+))?"))
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True, comment="SHA-256 of the text"),
    Column("doc_id", Text, nullable=False, comment="the id the input gave (record id or file stem)"),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("author", Text),
    Column("published", Date),
    Column("language", Text),
    Column("origin", Text, comment="where it was read: a path, 'file.jsonl#3', a URL"),
    Column(
        "dup_group",
        String(64),
        nullable=False,
        comment="id of the first stored document of its near-duplicate group (itself if none)",
    ),
    Column("text", Text, nullable=False),
    Column("ingested_at", UTCDateTime(), nullable=False),
)
Index("ix_documents_dup_group", documents.c.dup_group)
Index("ix_documents_published", documents.c.published)
Index("ix_documents_doc_id", documents.c.doc_id)  # claims of a document named by its input id (0008)
Index("ix_documents_ingested", documents.c.ingested_at, documents.c.id)  # documents in ingest order (0008)

extractions = Table(
    "extractions",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("extractor_version", String(64), primary_key=True),
    Column("n_claims", Integer, nullable=False),
    Column(
        "current",
        Boolean,
        nullable=False,
        comment="true for the newest extraction of the document: its claims are used",
    ),
    Column("extracted_at", UTCDateTime(), nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column(
        "id",
        String(32),
        primary_key=True,
        comment="hash of (claim_key, extractor_version, ordinal): stable across re-runs",
    ),
    Column(
        "claim_key",
        String(32),
        nullable=False,
        comment="hash of (document, supplier, recipient, category, status): the same statement "
        "across extractor versions; decisions refer to it",
    ),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("extractor_version", String(64), nullable=False),
    Column("ordinal", Integer, nullable=False, comment="position in the extractor's output"),
    Column("supplier", String(64), nullable=False),
    Column("recipient", String(64), nullable=False),
    Column("category", String(32), nullable=False),
    Column("status", String(32), nullable=False),
    Column("item", Text, nullable=False),
    Column("quantity", Float),
    Column("quantity_text", Text),
    Column("unit", Text),
    Column("hedged", Boolean, nullable=False),
    Column("denied", Boolean, nullable=False),
    Column("period_start", String(10)),
    Column("period_end", String(10)),
    Column("source", Text),
    Column("via", Text),
    Column("evidence", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("system", String(64), comment="id of the catalogued weapon system the item names (null: none)"),
)
Index("ix_claims_system", claims.c.system)  # claims of one weapon system (0009)
Index("ix_claims_triple", claims.c.supplier, claims.c.recipient, claims.c.category)
Index("ix_claims_document", claims.c.document_id, claims.c.extractor_version)
Index("ix_claims_key", claims.c.claim_key)
# Full-text search over claims.evidence (issue 5) goes in its own migration: an FTS5 table on SQLite,
# a tsvector index on PostgreSQL. `ClaimFilter.text` is the one place queries reach it.

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_key", String(32), nullable=False),
    Column("claim_id", String(32), nullable=False, comment="the claim the analyst pointed at"),
    Column("action", String(16), nullable=False, comment="reject | split | restore"),
    Column("label", Text, comment="split: the case the claim moves to (claims with one label share it)"),
    Column("decided_by", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("decided_at", UTCDateTime(), nullable=False),
)
Index("ix_decisions_claim_key", decisions.c.claim_key)

cases = Table(
    "cases",
    metadata,
    Column("id", String(32), primary_key=True, comment="hash of (supplier, recipient, category, label)"),
    Column("supplier", String(64), nullable=False),
    Column("recipient", String(64), nullable=False),
    Column("category", String(32), nullable=False),
    Column("label", Text, comment="set when analysts split claims into a case of their own"),
    Column("status", String(32), nullable=False),
    Column("first_reported", Date),
    Column("last_reported", Date),
    Column("corroboration", Integer, nullable=False),
    Column("n_claims", Integer, nullable=False),
    Column("n_documents", Integer, nullable=False),
    Column("n_hedged", Integer, nullable=False),
    Column("n_denied", Integer, nullable=False),
    Column("origins", JSON, nullable=False),
    Column("status_history", JSON, nullable=False),
    Column("quantities", JSON, nullable=False),
    Column("embargo_flags", Text, comment="ids of the UN arms embargoes the case may breach, space-separated"),
    Column("embargo_contested", Text, comment="those of embargo_flags resting only on denied claims"),
    Column("embargo_assessment", JSON, comment="the case's embargo assessment (CaseAssessment.to_dict), "
           "null when every claim is rejected"),
    Column("quantity_chart", JSON, comment="the quantities chart: per unit, one series per source"),
)
Index("ix_cases_triple", cases.c.supplier, cases.c.recipient, cases.c.category)

case_claims = Table(
    "case_claims",
    metadata,
    Column("claim_id", String(32), ForeignKey("claims.id"), primary_key=True),
    Column("case_id", String(32), nullable=False),
    Column("included", Boolean, nullable=False, comment="false: rejected, listed for the record"),
    Column("origin", Text, nullable=False, comment="the independent origin this claim counts as"),
    Column("reason", Text, nullable=False, comment="why the claim is (or is not) in the case"),
    Column("position", Integer, comment="the claim's place in page order (oldest first) among its case's"),
    Column("published", Date, comment="its document's publication date (a case's claims newest first)"),
)
# a case's claims in page order (oldest first); its prefix serves every lookup by case (0008)
Index("ix_case_claims_page", case_claims.c.case_id, case_claims.c.included, case_claims.c.position)
Index("ix_case_claims_dated", case_claims.c.case_id, case_claims.c.published, case_claims.c.position)

case_timeline = Table(
    "case_timeline",
    metadata,
    Column("case_id", String(32), primary_key=True),
    Column("status", String(32), primary_key=True),
    Column("day", Date, primary_key=True, comment="publication date of the claims' documents"),
    Column("month", String(7), nullable=False, comment="YYYY-MM of day: timelines of big cases group by it"),
    Column("n_claims", Integer, nullable=False),
    Column("n_denied", Integer, nullable=False),
    Column("claim_id", String(32), nullable=False, comment="the first claim of the bucket (a dot links to it)"),
)

case_origins = Table(
    "case_origins",
    metadata,
    Column("case_id", String(32), primary_key=True),
    Column("origin", Text, primary_key=True),
    Column("n_claims", Integer, nullable=False, comment="included claims that count this origin"),
)
Index("ix_case_origins_rank", case_origins.c.case_id, case_origins.c.n_claims)

case_quantities = Table(
    "case_quantities",
    metadata,
    Column("case_id", String(32), primary_key=True),
    Column("claim_id", String(32), primary_key=True),
    Column("reported", Date),
    Column("quantity", Float),
    Column("quantity_text", Text),
    Column("unit", Text),
    Column("status", String(32), nullable=False),
    Column("by", Text),
    Column("document_id", String(64), nullable=False),
)
Index("ix_case_quantities_page", case_quantities.c.case_id, case_quantities.c.reported, case_quantities.c.claim_id)

# the publication day of claims whose document has none (a key column cannot be null on PostgreSQL)
UNDATED = date(1, 1, 1)

claim_counts = Table(
    "claim_counts",
    metadata,
    Column("supplier", String(64), primary_key=True),
    Column("recipient", String(64), primary_key=True),
    Column("category", String(32), primary_key=True),
    Column("status", String(32), primary_key=True),
    Column("hedged", Boolean, primary_key=True),
    Column("denied", Boolean, primary_key=True),
    Column("day", Date, primary_key=True, comment="the documents' publication date (0001-01-01: none)"),
    Column("n", Integer, nullable=False, comment="current claims with these values"),
)
Index("ix_claim_counts_recipient", claim_counts.c.recipient, claim_counts.c.category)

store_counts = Table(
    "store_counts",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

dedup_bands = Table(
    "dedup_bands",
    metadata,
    Column("bucket", BigInteger, primary_key=True, comment="band number (top byte) + hash of its values"),
    Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
    sqlite_with_rowid=False,  # the primary key is the table: half the size
)

dedup_signatures = Table(
    "dedup_signatures",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

# Columns that record *when* something happened: they differ between two otherwise identical runs.
VOLATILE_COLUMNS = {
    "documents": ("ingested_at",),
    "extractions": ("extracted_at",),
    "decisions": ("decided_at",),
}
