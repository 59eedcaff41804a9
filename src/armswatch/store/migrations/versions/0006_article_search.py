"""Full-text search over the articles (title and text), and a claims index Datasette finds by itself.

SQLite: `documents_fts(title, text)` and `claims_text_fts(evidence, item, source)`, FTS5 tables with
external content (`content="documents"` / `content="claims"`, keyed by the rowid), kept current by
triggers. Datasette links an FTS table declared with `content="<table>"` to that table, so its
`_search` works on the claims and documents tables of a store as it is. `claims_fts` (0002, keyed by
claim id) stays the index armswatch's own claim search uses.
PostgreSQL: a GIN index on `to_tsvector('english', coalesce(title, '') || ' ' || text)`.

External content is keyed by rowid: a later migration that rebuilds `documents` or `claims` (batch
mode on SQLite), or a VACUUM (it may renumber rowids of a table without an INTEGER PRIMARY KEY), must
run `INSERT INTO <fts>(<fts>) VALUES ('rebuild')` and create the triggers again.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"
# (fts table, content table, indexed columns)
_SQLITE_INDEXES = (("documents_fts", "documents", ("title", "text")),
                   ("claims_text_fts", "claims", ("evidence", "item", "source")))
PG_INDEX = "ix_documents_text_fts"


def _sqlite_upgrade(fts: str, content: str, columns: tuple[str, ...]) -> None:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    op.execute(f'CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content="{content}", {_TOKENIZE})')
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    op.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {content} BEGIN "
               f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new}); END")
    op.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {content} BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old}); END")
    op.execute(f"CREATE TRIGGER {fts}_update AFTER UPDATE ON {content} BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old}); "
               f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new}); END")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for fts, content, columns in _SQLITE_INDEXES:
            _sqlite_upgrade(fts, content, columns)
    else:
        op.execute(f"CREATE INDEX {PG_INDEX} ON documents USING gin "
                   "(to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || text))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for fts, _, _ in _SQLITE_INDEXES:
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{event}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    else:
        op.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
