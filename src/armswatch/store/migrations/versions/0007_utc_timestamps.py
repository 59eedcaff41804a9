"""Timestamps in UTC with their zone on SQLite: the text SQLite kept ("2024-05-03 10:00:00.123") becomes
ISO 8601 with its offset ("2024-05-03T10:00:00.123+00:00"), as `schema.UTCDateTime` now writes it.
PostgreSQL's columns are timestamptz already.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_COLUMNS = (("documents", "ingested_at"), ("extractions", "extracted_at"), ("decisions", "decided_at"))


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, column in _COLUMNS:
        op.execute(f"UPDATE {table} SET {column} = replace({column}, ' ', 'T') || '+00:00' "
                   f"WHERE {column} NOT LIKE '%+%' AND {column} NOT LIKE '%Z'")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, column in _COLUMNS:
        op.execute(f"UPDATE {table} SET {column} = replace(replace({column}, '+00:00', ''), 'T', ' ')")
