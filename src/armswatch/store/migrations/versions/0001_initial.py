"""The first schema: documents, extractions, claims, decisions, cases, case_claims, dedup tables.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True, comment="SHA-256 of the text"),
        sa.Column("doc_id", sa.Text, nullable=False, comment="the id the input gave (record id or file stem)"),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.Text),
        sa.Column("origin", sa.Text, comment="where it was read: a path, 'file.jsonl#3', a URL"),
        sa.Column(
            "dup_group",
            sa.String(64),
            nullable=False,
            comment="id of the first stored document of its near-duplicate group (itself if none)",
        ),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_documents_dup_group", "documents", ["dup_group"])
    op.create_index("ix_documents_published", "documents", ["published"])

    op.create_table(
        "extractions",
        sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("extractor_version", sa.String(64), primary_key=True),
        sa.Column("n_claims", sa.Integer, nullable=False),
        sa.Column(
            "current",
            sa.Boolean,
            nullable=False,
            comment="true for the newest extraction of the document: its claims are used",
        ),
        sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=False),
    )

    op.create_table(
        "claims",
        sa.Column(
            "id",
            sa.String(32),
            primary_key=True,
            comment="hash of (claim_key, extractor_version, ordinal): stable across re-runs",
        ),
        sa.Column(
            "claim_key",
            sa.String(32),
            nullable=False,
            comment="hash of (document, supplier, recipient, category, status): the same statement "
            "across extractor versions; decisions refer to it",
        ),
        sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("extractor_version", sa.String(64), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False, comment="position in the extractor's output"),
        sa.Column("supplier", sa.String(64), nullable=False),
        sa.Column("recipient", sa.String(64), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("item", sa.Text, nullable=False),
        sa.Column("quantity", sa.Float),
        sa.Column("quantity_text", sa.Text),
        sa.Column("unit", sa.Text),
        sa.Column("hedged", sa.Boolean, nullable=False),
        sa.Column("denied", sa.Boolean, nullable=False),
        sa.Column("period_start", sa.String(10)),
        sa.Column("period_end", sa.String(10)),
        sa.Column("source", sa.Text),
        sa.Column("via", sa.Text),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
    )
    op.create_index("ix_claims_triple", "claims", ["supplier", "recipient", "category"])
    op.create_index("ix_claims_document", "claims", ["document_id", "extractor_version"])
    op.create_index("ix_claims_key", "claims", ["claim_key"])

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("claim_key", sa.String(32), nullable=False),
        sa.Column("claim_id", sa.String(32), nullable=False, comment="the claim the analyst pointed at"),
        sa.Column("action", sa.String(16), nullable=False, comment="reject | split | restore"),
        sa.Column("label", sa.Text, comment="split: the case the claim moves to (claims with one label share it)"),
        sa.Column("decided_by", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_decisions_claim_key", "decisions", ["claim_key"])

    op.create_table(
        "cases",
        sa.Column("id", sa.String(32), primary_key=True, comment="hash of (supplier, recipient, category, label)"),
        sa.Column("supplier", sa.String(64), nullable=False),
        sa.Column("recipient", sa.String(64), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("label", sa.Text, comment="set when analysts split claims into a case of their own"),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("first_reported", sa.Date),
        sa.Column("last_reported", sa.Date),
        sa.Column("corroboration", sa.Integer, nullable=False),
        sa.Column("n_claims", sa.Integer, nullable=False),
        sa.Column("n_documents", sa.Integer, nullable=False),
        sa.Column("n_hedged", sa.Integer, nullable=False),
        sa.Column("n_denied", sa.Integer, nullable=False),
        sa.Column("origins", sa.JSON, nullable=False),
        sa.Column("status_history", sa.JSON, nullable=False),
        sa.Column("quantities", sa.JSON, nullable=False),
    )
    op.create_index("ix_cases_triple", "cases", ["supplier", "recipient", "category"])

    op.create_table(
        "case_claims",
        sa.Column("claim_id", sa.String(32), sa.ForeignKey("claims.id"), primary_key=True),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("included", sa.Boolean, nullable=False, comment="false: rejected, listed for the record"),
        sa.Column("origin", sa.Text, nullable=False, comment="the independent origin this claim counts as"),
        sa.Column("reason", sa.Text, nullable=False, comment="why the claim is (or is not) in the case"),
    )
    op.create_index("ix_case_claims_case", "case_claims", ["case_id"])

    op.create_table(
        "dedup_bands",
        sa.Column("bucket", sa.String(40), primary_key=True, comment="band number + hash of that band's values"),
        sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
    )
    op.create_table(
        "dedup_signatures",
        sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "dedup_signatures",
        "dedup_bands",
        "case_claims",
        "cases",
        "decisions",
        "claims",
        "extractions",
        "documents",
    ):
        op.drop_table(table)
