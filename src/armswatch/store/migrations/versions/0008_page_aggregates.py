"""Aggregates kept at ingest for the pages: a case of ten thousand claims renders from a handful of rows.

New tables `case_timeline` (claims per case, status and day), `case_origins` (claims per case and
independent origin), `case_quantities` (one row per reported quantity), `store_counts` (row counts) and
`claim_counts` (current claims per supplier, recipient, category, status, hedged, denied and day); new
columns `cases.embargo_assessment` and `cases.quantity_chart` (JSON), `case_claims.position` and
`case_claims.published`. New indexes: `ix_case_claims_page` (a page of a case's claims, oldest first; it
replaces `ix_case_claims_case`, its prefix), `ix_case_claims_dated` (newest first), `ix_documents_doc_id`
(a document's claims by its input id) and `ix_documents_ingested` (documents in ingest order). On
PostgreSQL, the search vectors are stored: generated columns `claims.evidence_tsv` and
`documents.text_tsv` with GIN indexes, in place of 0002's and 0006's expression indexes.
Filled here from the stored cases and their included claims; from now on `armswatch.store.aggregates`
keeps them whenever a case is recomputed.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_CLAIMS = sa.text(
    "SELECT cc.case_id, cc.origin, c.id, c.claim_key, c.document_id, c.supplier, c.recipient, c.category,"
    " c.status, c.hedged, c.denied, c.period_start, c.period_end, c.source, c.via, d.published, d.doc_id"
    " FROM case_claims cc JOIN claims c ON c.id = cc.claim_id JOIN documents d ON d.id = c.document_id"
    " WHERE cc.included ORDER BY d.published ASC NULLS LAST, d.doc_id, c.document_id, c.extractor_version,"
    " c.ordinal"
).columns(published=sa.Date, hedged=sa.Boolean, denied=sa.Boolean)
_CASES = sa.text("SELECT id, quantities FROM cases").columns(quantities=sa.JSON)


def _create() -> None:
    op.add_column("cases", sa.Column("embargo_assessment", sa.JSON(), comment="the case's embargo assessment "
                                     "(CaseAssessment.to_dict), null when every claim is rejected"))
    op.add_column("cases", sa.Column("quantity_chart", sa.JSON(),
                                     comment="the quantities chart: per unit, one series per source"))
    op.add_column("case_claims", sa.Column("position", sa.Integer(), comment="the claim's place in page order "
                                           "(oldest first) among its case's"))
    op.drop_index("ix_case_claims_case", table_name="case_claims")
    op.add_column("case_claims", sa.Column("published", sa.Date(), comment="its document's publication date "
                                           "(a case's claims newest first)"))
    op.create_index("ix_case_claims_page", "case_claims", ["case_id", "included", "position"])
    op.create_index("ix_case_claims_dated", "case_claims", ["case_id", "published", "position"])
    op.create_index("ix_documents_doc_id", "documents", ["doc_id"])
    op.create_index("ix_documents_ingested", "documents", ["ingested_at", "id"])
    op.create_table(
        "case_timeline",
        sa.Column("case_id", sa.String(32), primary_key=True),
        sa.Column("status", sa.String(32), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True, comment="publication date of the claims' documents"),
        sa.Column("month", sa.String(7), nullable=False, comment="YYYY-MM of day: timelines of big cases group by it"),
        sa.Column("n_claims", sa.Integer, nullable=False),
        sa.Column("n_denied", sa.Integer, nullable=False),
        sa.Column("claim_id", sa.String(32), nullable=False,
                  comment="the first claim of the bucket (a dot links to it)"),
    )
    op.create_table(
        "case_origins",
        sa.Column("case_id", sa.String(32), primary_key=True),
        sa.Column("origin", sa.Text, primary_key=True),
        sa.Column("n_claims", sa.Integer, nullable=False, comment="included claims that count this origin"),
    )
    op.create_index("ix_case_origins_rank", "case_origins", ["case_id", "n_claims"])
    op.create_table(
        "case_quantities",
        sa.Column("case_id", sa.String(32), primary_key=True),
        sa.Column("claim_id", sa.String(32), primary_key=True),
        sa.Column("reported", sa.Date),
        sa.Column("quantity", sa.Float),
        sa.Column("quantity_text", sa.Text),
        sa.Column("unit", sa.Text),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("by", sa.Text),
        sa.Column("document_id", sa.String(64), nullable=False),
    )
    op.create_index("ix_case_quantities_page", "case_quantities", ["case_id", "reported", "claim_id"])
    op.create_table(
        "claim_counts",
        sa.Column("supplier", sa.String(64), primary_key=True),
        sa.Column("recipient", sa.String(64), primary_key=True),
        sa.Column("category", sa.String(32), primary_key=True),
        sa.Column("status", sa.String(32), primary_key=True),
        sa.Column("hedged", sa.Boolean, primary_key=True),
        sa.Column("denied", sa.Boolean, primary_key=True),
        sa.Column("day", sa.Date, primary_key=True, comment="the documents' publication date (0001-01-01: none)"),
        sa.Column("n", sa.Integer, nullable=False, comment="current claims with these values"),
    )
    op.create_index("ix_claim_counts_recipient", "claim_counts", ["recipient", "category"])
    op.create_table(
        "store_counts",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )


_ORDER = "d.published ASC NULLS LAST, d.doc_id, c.document_id, c.extractor_version, c.ordinal"


def _positions(conn: Any) -> None:
    """Each membership's place in page order among the claims of its (supplier, recipient, category)."""
    rows = conn.execute(sa.text(
        "SELECT cc.claim_id, c.supplier, c.recipient, c.category FROM case_claims cc"
        " JOIN claims c ON c.id = cc.claim_id JOIN documents d ON d.id = c.document_id"
        f" ORDER BY c.supplier, c.recipient, c.category, {_ORDER}")).all()
    values, triple, n = [], None, 0
    for r in rows:
        n = n + 1 if (r.supplier, r.recipient, r.category) == triple else 0
        triple = (r.supplier, r.recipient, r.category)
        values.append({"p": n, "id": r.claim_id})
    if values:
        conn.execute(sa.text("UPDATE case_claims SET position = :p WHERE claim_id = :id"), values)


def _fill(conn: Any) -> None:
    from armswatch.cases import Membership, QuantityReport, StoredClaim
    from armswatch.embargo import assess_stored_case
    from armswatch.model import Claim
    from armswatch.store.aggregates import (
        aggregate_rows,
        assessment_json,
        quantity_chart,
        recount,
        true_claim_counts,
    )

    _positions(conn)
    conn.execute(sa.text("UPDATE case_claims SET published = (SELECT d.published FROM claims c JOIN documents d"
                         " ON d.id = c.document_id WHERE c.id = case_claims.claim_id)"))
    claims: list[StoredClaim] = []
    members: list[Membership] = []
    for r in conn.execute(_CLAIMS):
        claim = Claim(document_id=r.doc_id, supplier=r.supplier, recipient=r.recipient, category=r.category,
                      status=r.status, item="", evidence="", evidence_span=(0, 0), hedged=bool(r.hedged),
                      denied=bool(r.denied), period_start=r.period_start, period_end=r.period_end,
                      source=r.source, via=r.via)
        claims.append(StoredClaim(id=r.id, claim_key=r.claim_key, claim=claim, document_id=r.document_id,
                                  published=r.published))
        members.append(Membership(claim_id=r.id, case_id=r.case_id, included=True, origin=r.origin, reason=""))
    quantities = {r.id: [QuantityReport(**{**q, "reported": date.fromisoformat(q["reported"]) if q["reported"]
                                           else None}) for q in r.quantities]
                  for r in conn.execute(_CASES)}
    of_case: dict[str, list[StoredClaim]] = {}
    for c, m in zip(claims, members, strict=True):
        of_case.setdefault(m.case_id, []).append(c)
    update = sa.text("UPDATE cases SET embargo_assessment = :assessment, quantity_chart = :chart WHERE id = :id"
                     ).bindparams(sa.bindparam("assessment", type_=sa.JSON), sa.bindparam("chart", type_=sa.JSON))
    for case_id, qs in quantities.items():
        conn.execute(update, {"id": case_id, "chart": quantity_chart(qs),
                              "assessment": assessment_json(assess_stored_case(of_case.get(case_id, [])))})
    meta = sa.MetaData()
    for name, rows in aggregate_rows(quantities, claims, members).items():
        if rows:
            conn.execute(sa.Table(name, meta, autoload_with=conn).insert(), rows)
    recount(conn)
    counts = sa.Table("claim_counts", meta, autoload_with=conn)
    names = ("supplier", "recipient", "category", "status", "hedged", "denied", "day")
    rows = [{**dict(zip(names, key, strict=True)), "n": n} for key, n in true_claim_counts(conn).items()]
    if rows:
        conn.execute(counts.insert(), rows)


# PostgreSQL: the search vectors stored (generated columns), so ranking reads them instead of parsing
# every match again; their GIN indexes replace the expression indexes of 0002 and 0006
_PG_VECTORS = (
    ("claims", "evidence_tsv", "to_tsvector('english'::regconfig, evidence)", "ix_claims_evidence_tsv",
     "ix_claims_evidence_fts"),
    ("documents", "text_tsv", "to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || text)",
     "ix_documents_text_tsv", "ix_documents_text_fts"),
)


def upgrade() -> None:
    _create()
    _fill(op.get_bind())
    if op.get_bind().dialect.name == "postgresql":
        for table, column, expression, index, old in _PG_VECTORS:
            op.execute(f"ALTER TABLE {table} ADD COLUMN {column} tsvector GENERATED ALWAYS AS ({expression}) STORED")
            op.execute(f"CREATE INDEX {index} ON {table} USING gin ({column})")
            op.execute(f"DROP INDEX IF EXISTS {old}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, column, expression, _index, old in _PG_VECTORS:
            op.execute(f"CREATE INDEX {old} ON {table} USING gin ({expression})")
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")  # drops its index too
    for table in ("store_counts", "claim_counts", "case_quantities", "case_origins", "case_timeline"):
        op.drop_table(table)
    op.drop_index("ix_case_claims_page", table_name="case_claims")
    op.drop_index("ix_case_claims_dated", table_name="case_claims")
    op.drop_index("ix_documents_doc_id", table_name="documents")
    op.drop_index("ix_documents_ingested", table_name="documents")
    op.create_index("ix_case_claims_case", "case_claims", ["case_id"])
    with op.batch_alter_table("case_claims") as batch:
        batch.drop_column("published")
        batch.drop_column("position")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("quantity_chart")
        batch.drop_column("embargo_assessment")
