"""Full-text search over claim evidence: an FTS5 table on SQLite, a GIN tsvector index on PostgreSQL.

SQLite: `claims_fts(claim_id UNINDEXED, evidence)` with the porter stemmer, filled from the stored
claims and kept current by a trigger on INSERT into `claims` (claims are append-only, so nothing
else is needed). The claim id is stored as a column rather than pointing at `claims.rowid`,
because a VACUUM may renumber the rowids of a table without an INTEGER PRIMARY KEY.
PostgreSQL: an expression index on `to_tsvector('english', evidence)`; queries use the same
expression (see `armswatch.store.search`).

A later migration that rebuilds `claims` in Alembic's batch mode on SQLite drops the trigger with the
old table: it must create `claims_fts_insert` again.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE claims_fts USING fts5("
            "claim_id UNINDEXED, evidence, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        op.execute("INSERT INTO claims_fts (claim_id, evidence) SELECT id, evidence FROM claims")
        op.execute(
            "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
            "INSERT INTO claims_fts (claim_id, evidence) VALUES (new.id, new.evidence); END"
        )
    else:
        op.execute(
            "CREATE INDEX ix_claims_evidence_fts ON claims "
            "USING gin (to_tsvector('english'::regconfig, evidence))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS claims_fts_insert")
        op.execute("DROP TABLE IF EXISTS claims_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_claims_evidence_fts")
