"""Full-text search over the articles (title and text), best match first.

    page = search_documents(store, parse_query("artillery shells"), limit=10)
    page.total, page.hits[0].document, page.hits[0].snippet

SQLite: the FTS5 table `documents_fts` (migration 0006), ranked by bm25, equal ranks newest stored first
(the index orders and counts its matches itself: no other table is read for them); PostgreSQL:
`to_tsvector('english', title || text)` stored in the column `text_tsv` with its GIN index (0008), ranked
by ts_rank. The query syntax is the claim search's (`armswatch.store.search.parse_query`); each hit
carries a snippet around its first match.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, literal_column, select, table
from sqlalchemy.exc import SQLAlchemyError

from armswatch.errors import StoreError
from armswatch.store import schema as t
from armswatch.store.matches import snippet
from armswatch.store.search import SearchQuery, fts5_expression, pg_tsquery
from armswatch.store.store import Store, StoredDocument

__all__ = ["DocumentHit", "DocumentPage", "search_documents"]

_FTS = "documents_fts"
_COLUMNS = [
    t.documents.c.id, t.documents.c.doc_id, t.documents.c.url, t.documents.c.title, t.documents.c.outlet,
    t.documents.c.published, t.documents.c.language, t.documents.c.origin, t.documents.c.dup_group,
    t.documents.c.ingested_at,
]


@dataclass(frozen=True)
class DocumentHit:
    document: StoredDocument
    snippet: str  # about 240 characters of the text around the first match


@dataclass(frozen=True)
class DocumentPage:
    total: int
    hits: list[DocumentHit]


def _match(dialect: str, q: SearchQuery) -> tuple[ColumnElement[Any], ColumnElement[Any], Any]:
    """(condition, rank where larger is better, subquery to join on the condition or None to filter)."""
    if dialect == "sqlite":
        fts: ColumnElement[Any] = literal_column(_FTS)
        sub = (
            select(literal_column("rowid").label("doc_rowid"), (-func.bm25(fts)).label("rank"))
            .select_from(table(_FTS))
            .where(fts.op("MATCH")(bindparam("doc_fts_query", fts5_expression(q))))
            .subquery("dfts")
        )
        return sub.c.doc_rowid == literal_column("documents.rowid"), sub.c.rank, sub
    vector: ColumnElement[Any] = literal_column("documents.text_tsv")  # to_tsvector of title and text, stored (0008)
    tsq = pg_tsquery(q)
    return vector.op("@@")(tsq), func.ts_rank(vector, tsq), None


def search_documents(store: Store, query: SearchQuery, *, limit: int = 20, offset: int = 0) -> DocumentPage:
    """Documents whose title or text matches `query`, best first, with the total and a snippet each."""
    if limit < 0 or offset < 0:
        raise ValueError("limit and offset must not be negative")
    try:
        with store.engine.connect() as conn, conn.begin():
            if conn.dialect.name == "sqlite":
                ids, total = _sqlite_page(conn, query, limit, offset)
            else:
                cond, rank, _sub = _match(conn.dialect.name, query)
                # the page's ids first (the texts stay out of the sort), then the page's documents
                q = select(t.documents.c.id, func.count().over().label("total")).where(cond)
                q = q.order_by(rank.desc(), t.documents.c.published.desc().nulls_last(), t.documents.c.id)
                page = conn.execute(q.offset(offset).limit(limit)).all()
                ids, total = [r.id for r in page], int(page[0].total) if page else 0
            rows = {r.id: r for r in conn.execute(select(*_COLUMNS, t.documents.c.text)
                                                  .where(t.documents.c.id.in_(ids)))} if ids else {}
    except SQLAlchemyError as e:
        raise StoreError(f"{store.url}: search failed ({e.__class__.__name__}: {e})") from None
    hits = []
    for i in ids:
        d = rows[i]._asdict()
        text = d.pop("text")
        hits.append(DocumentHit(StoredDocument(**d), snippet(text, query)))
    return DocumentPage(total=total, hits=hits)


def _sqlite_page(conn: Any, query: SearchQuery, limit: int, offset: int) -> tuple[list[str], int]:
    """The page's document ids in the index's own order (bm25, then newest stored first: no other table
    is read to sort the matches) and how many match."""
    fts: ColumnElement[Any] = literal_column(_FTS)
    match = fts.op("MATCH")(bindparam("doc_fts_query", fts5_expression(query)))
    rowids = list(conn.scalars(
        select(literal_column("rowid")).select_from(table(_FTS)).where(match)
        .order_by(literal_column(f"{_FTS}.rank"), literal_column(f"{_FTS}.rowid").desc())
        .offset(offset).limit(limit)))
    total = int(conn.scalar(select(func.count()).select_from(table(_FTS)).where(match)) or 0)
    by_row = dict(conn.execute(select(literal_column("documents.rowid"), t.documents.c.id)
                               .where(literal_column("documents.rowid").in_(rowids))).all()) if rowids else {}
    return [by_row[r] for r in rowids if r in by_row], total
