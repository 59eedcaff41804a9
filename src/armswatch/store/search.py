"""Full-text search over claim evidence, and pages of claims in the order a reader asks for.

    q = parse_query('"Storm Shadow" OR Scalp -denied')      # ValueError with the reason if unusable
    page = search_claims(store, ClaimFilter(category="missiles"), q, order="relevance", limit=50)
    page.total, page.claims                                  # every match counted, one page returned

The same query means the same on both back ends (migration 0002 adds the indexes):

- SQLite: an FTS5 table `claims_fts` (porter stemmer, diacritics folded), ranked by bm25, equal ranks
  newest indexed first (the index's own order: a page of thousands of matches is not sorted);
- PostgreSQL: `to_tsvector('english', evidence)`, stored in the generated column `evidence_tsv` (0008: ranking
  reads it instead of parsing every match again), matched with its GIN index, ranked by ts_rank.

Query syntax: words must all occur (stemmed: "drone" finds "drones"); "a quoted phrase" must occur
as written; OR between two terms means either; a leading minus excludes a term from the whole
query. PostgreSQL ignores English stop words ("the", "of") that SQLite would match.

Filters are the store's `ClaimFilter` (one options object for CLI, API and pages); this module adds
the text match, the ordering and the total count around the store's own claims query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, bindparam, column, func, literal_column, select, table
from sqlalchemy.exc import SQLAlchemyError

from armswatch.cases import StoredClaim
from armswatch.errors import StoreError
from armswatch.store import schema as t
from armswatch.store.aggregates import claim_count_filter
from armswatch.store.filters import ClaimFilter, check_filter
from armswatch.store.queries import claims_query, transfer_conds
from armswatch.store.rows import chunks, stored_claim
from armswatch.store.store import Store

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "ORDERS",
    "ClaimPage",
    "SearchQuery",
    "claim_by_id",
    "latest_claims",
    "parse_query",
    "search_claims",
    "search_objects_excluded",
]

MAX_QUERY_CHARS = 300
MAX_TERMS = 16
ORDERS = ("newest", "oldest", "relevance")
_FTS_TABLE = "claims_fts"
_PG_INDEX = "ix_claims_evidence_fts"
# every full-text object the migrations add outside the declared tables (0002, 0006)
_SEARCH_OBJECTS = (_FTS_TABLE, _PG_INDEX, "documents_fts", "claims_text_fts", "ix_documents_text_fts",
                   "evidence_tsv", "text_tsv", "ix_claims_evidence_tsv", "ix_documents_text_tsv")
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PG_CONFIG: ColumnElement[Any] = literal_column("'english'::regconfig")


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query: alternatives (OR) of terms that must all occur (AND), minus excluded terms.
    Each term is a word or a phrase (a tuple of one or more words' text as typed)."""

    text: str
    any_of: tuple[tuple[str, ...], ...]  # OR over groups; each group: AND over its terms
    none_of: tuple[str, ...]


@dataclass(frozen=True)
class ClaimPage:
    total: int | None  # every matching claim (None when not counted)
    claims: list[StoredClaim]


def search_objects_excluded(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic `include_name` hook: False for the full-text objects that migration 0002 adds outside
    the declared tables (the FTS5 tables and their shadow tables, the GIN indexes)."""
    if name is None:
        return True
    return not any(name == n or name.startswith(n + "_") for n in _SEARCH_OBJECTS)


def parse_query(text: str) -> SearchQuery:
    """Parse what a reader typed; ValueError saying why when it cannot be searched."""
    text = _CONTROL.sub(" ", text).strip()  # NUL and friends would end an FTS5 string early
    if len(text) > MAX_QUERY_CHARS:
        raise ValueError(f"search text is {len(text)} characters long; at most {MAX_QUERY_CHARS}")
    groups: list[list[str]] = [[]]
    none_of: list[str] = []
    n_terms = 0
    for m in _TOKEN.finditer(text):
        negated = bool(m.group(1)) if m.group(3) is None else m.group(3).startswith("-")
        term = m.group(2) if m.group(3) is None else m.group(3).lstrip("-")
        term = term.strip()
        if m.group(3) == "OR":
            groups.append([])
            continue
        if not _WORD.search(term):
            continue  # punctuation alone matches nothing on either back end
        n_terms += 1
        (none_of if negated else groups[-1]).append(term)
    if n_terms > MAX_TERMS:
        raise ValueError(f"search text has {n_terms} terms; at most {MAX_TERMS}")
    any_of = tuple(tuple(g) for g in groups if g)
    if not any_of:
        raise ValueError(f"search text {text!r} has no word to look for (only exclusions or punctuation)")
    return SearchQuery(text=text, any_of=any_of, none_of=tuple(none_of))


def _fts5_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts5_expression(q: SearchQuery) -> str:
    """The query in FTS5 syntax (every term quoted, so no user text is read as an operator)."""
    expr = " OR ".join("(" + " AND ".join(_fts5_string(w) for w in g) + ")" for g in q.any_of)
    expr = f"({expr})"
    for w in q.none_of:
        expr += f" NOT {_fts5_string(w)}"
    return expr


def pg_tsquery(q: SearchQuery) -> ColumnElement[Any]:
    """The query as a tsquery: phraseto_tsquery per term (values bound, never parsed as operators),
    combined with tsquery_and / tsquery_or / tsquery_not (the functions behind && || !!)."""

    def term(w: str) -> ColumnElement[Any]:
        return func.phraseto_tsquery(_PG_CONFIG, w)

    def fold(fn: Any, items: list[ColumnElement[Any]]) -> ColumnElement[Any]:
        out = items[0]
        for it in items[1:]:
            out = fn(out, it)
        return out

    tsq = fold(func.tsquery_or, [fold(func.tsquery_and, [term(w) for w in g]) for g in q.any_of])
    for w in q.none_of:
        tsq = func.tsquery_and(tsq, func.tsquery_not(term(w)))
    return tsq


def _match(dialect: str, q: SearchQuery) -> tuple[ColumnElement[Any], ColumnElement[Any], Any]:
    """(condition, rank where larger is better, subquery to join on the condition or None to filter).
    On SQLite the subquery also gives `fts_row`, the index's row: equal ranks are ordered by it."""
    if dialect == "sqlite":
        fts = table(_FTS_TABLE, column("claim_id"))
        sub = (
            select(fts.c.claim_id, (-func.bm25(literal_column(_FTS_TABLE))).label("rank"),
                   literal_column(f"{_FTS_TABLE}.rowid").label("fts_row"))
            .where(literal_column(_FTS_TABLE).op("MATCH")(bindparam("fts_query", fts5_expression(q))))
            .subquery("fts")
        )
        return sub.c.claim_id == t.claims.c.id, sub.c.rank, sub
    vector: ColumnElement[Any] = literal_column("claims.evidence_tsv")  # the stored to_tsvector (0008)
    tsq = pg_tsquery(q)
    return vector.op("@@")(tsq), func.ts_rank(vector, tsq), None


def _ordered(q: Select[Any], order: str, rank: ColumnElement[Any] | None, tie: Any = None) -> Select[Any]:
    """Order by `order`; best first ranks by `rank`, then by `tie` (SQLite: the newest indexed claim first)
    or, without it, newest first."""
    c, d = t.claims.c, t.documents.c
    tail = (d.doc_id, c.document_id, c.extractor_version, c.ordinal)
    q = q.order_by(None)
    if order == "relevance" and rank is not None:
        if tie is not None:
            return q.order_by(rank.desc(), tie.desc())
        return q.order_by(rank.desc(), d.published.desc().nulls_last(), *tail)
    if order == "oldest":
        return q.order_by(d.published.asc().nulls_last(), *tail)
    return q.order_by(d.published.desc().nulls_last(), *tail)


def search_claims(
    store: Store,
    f: ClaimFilter | None = None,
    query: SearchQuery | None = None,
    *,
    order: str = "newest",
    limit: int | None = 50,
    offset: int = 0,
    count: bool = True,
) -> ClaimPage:
    """Claims matching the filter and (when given) the full-text query, one page of them.

    `order`: newest / oldest (publication date), or relevance (best match first; needs a query).
    `f.limit`/`f.offset` are ignored: `limit`/`offset` page the result. ValueError for a bad filter.

    Two steps keep a page fast on a large store: the ids of the page, ordered (the database stops at the
    page's end when an index gives the order), then the full rows of those ids only. The total is the
    store's kept count of current claims when nothing filters them, what the page shows when it is the
    last one, and counted otherwise.
    """
    f = f or ClaimFilter()
    check_filter(f)
    if order not in ORDERS:
        raise ValueError(f"order {order!r} is not one of: {', '.join(ORDERS)}")
    if limit is not None and limit < 0 or offset < 0:
        raise ValueError("limit and offset must not be negative")
    f = replace(f, limit=None, offset=0)
    base = claims_query(f)
    try:
        with store.engine.connect() as conn, conn.begin():
            rank, sub = None, None
            if query is not None and order != "relevance" and conn.dialect.name == "sqlite":
                base = base.where(t.claims.c.id.in_(_fts_ids(query).scalar_subquery()))  # no rank to read
            elif query is not None:
                cond, rank, sub = _match(conn.dialect.name, query)
                base = base.join(sub, cond) if sub is not None else base.where(cond)
            known = _kept_total(conn, f, query)
            if query is None and f == ClaimFilter(case_id=f.case_id) and f.case_id and limit is not None:
                ids = _case_ids(conn, f.case_id, order, limit, offset)
            elif order == "relevance" and query is not None and conn.dialect.name == "sqlite" and limit is not None:
                ids = _best_ids(conn, f, query, limit, offset)
            else:
                tie = sub.c.fts_row if sub is not None else None
                ids = _page_ids(conn, _ordered(base.with_only_columns(t.claims.c.id), order, rank, tie), f,
                                order if rank is None else "relevance", limit, offset, known)
            total = known if known is not None or not count else _total(conn, base, f, query, ids, limit, offset)
            rows: list[Any] = []
            for chunk in chunks(ids):
                rows.extend(conn.execute(claims_query(f).where(t.claims.c.id.in_(chunk))).all())
    except SQLAlchemyError as e:
        raise StoreError(f"{store.url}: search failed ({e.__class__.__name__}: {e})") from None
    by_id = {r.id: r for r in rows}
    claims = [
        stored_claim(r, r.case_id, None if r.included is None else bool(r.included), r.reason)
        for r in (by_id[i] for i in ids if i in by_id)
    ]
    return ClaimPage(total=total, claims=claims)


# Filters that an index of the claims serves or that claim_counts cannot size: with one of them the
# database starts from the matching claims. Without, newest first over many claims starts from the newest
# documents (`_page_ids`).
_SELECTIVE = ("case_id", "document", "source", "text", "system", "extractor_version")
_SORT_AT_MOST = 3000  # matching claims the database sorts whole rather than reading newest documents first
_WINDOW_ROUNDS = 3


def _page_ids(conn: Connection, q: Select[Any], f: ClaimFilter, order: str, limit: int | None,
              offset: int, expected: int | None = None) -> list[str]:
    """The ids of one page of `q` (ordered). Newest first over many claims, sorting them all to keep 50
    would cost a scan of the store: the newest documents are taken a window at a time instead, sized by
    the share of claims that match when it is known (`expected`), widened while the window holds fewer
    than the page's claims; after a few rounds, or when few claims match, the plain query."""
    many = expected is None or expected > _SORT_AT_MOST
    if order == "newest" and limit is not None and many and not any(getattr(f, k) for k in _SELECTIVE):
        d = t.documents.c
        kept = {r.name: int(r.value) for r in conn.execute(select(t.store_counts))}
        n_docs = kept.get("documents", 0)
        window = max(256, 4 * (offset + limit))
        if expected:  # documents that hold about twice the page's claims
            window = max(window, 2 * (offset + limit) * n_docs // expected)
        for _ in range(_WINDOW_ROUNDS):
            if window >= n_docs:
                break
            newest = select(d.id).order_by(d.published.desc().nulls_last(), d.doc_id, d.id).limit(window)
            newest = newest.where(d.published >= f.since) if f.since else newest
            newest = newest.where(d.published <= f.until) if f.until else newest
            ids = list(conn.scalars(q.where(t.claims.c.document_id.in_(newest.scalar_subquery()))
                                    .offset(offset).limit(limit)))
            if len(ids) == limit:  # the page's claims are all in the window: none after it comes first
                return ids
            window *= 8
    q = q.offset(offset)
    return list(conn.scalars(q.limit(limit) if limit is not None else q))


def _fts_ids(query: SearchQuery) -> Select[Any]:
    """The ids of the claims whose evidence the FTS5 index matches (any order)."""
    fts = table(_FTS_TABLE, column("claim_id"))
    return select(fts.c.claim_id).where(
        literal_column(_FTS_TABLE).op("MATCH")(bindparam("fts_query", fts5_expression(query))))


def _fts_matches(query: SearchQuery) -> Select[Any]:
    """Every FTS5 match as (claim_id, rank: larger is better), best first: the index's own bm25 `rank`,
    equal ranks newest indexed first (its rowid)."""
    fts = table(_FTS_TABLE, column("claim_id"))
    return (select(fts.c.claim_id, (-literal_column(f"{_FTS_TABLE}.rank")).label("rank"))
            .where(literal_column(_FTS_TABLE).op("MATCH")(bindparam("fts_query", fts5_expression(query))))
            .order_by(literal_column(f"{_FTS_TABLE}.rank"), literal_column(f"{_FTS_TABLE}.rowid").desc()))


def _best_ids(conn: Connection, f: ClaimFilter, query: SearchQuery, limit: int, offset: int) -> list[str]:
    """SQLite, best match first: the index orders its matches itself (bm25, then its rowid: a total order);
    the best of them, a window at a time, are kept when `f` keeps their claims. The page is sure when it is
    full or the window holds every match (nothing left out comes before a match in the window)."""
    window: int | None = max(256, 4 * (offset + limit))
    while True:
        top = [r.claim_id for r in conn.execute(_fts_matches(query).limit(window + 1) if window else
                                                _fts_matches(query))]
        complete = window is None or len(top) <= window
        top = top[:window] if window else top
        kept: set[str] = set()
        for part in chunks(top):
            kept.update(conn.scalars(claims_query(f).with_only_columns(t.claims.c.id).order_by(None)
                                     .where(t.claims.c.id.in_(part))))
        page = [cid for cid in top if cid in kept][offset:offset + limit]
        if complete or len(page) == limit:
            return page
        window = window * 8 if window is not None and window < 20_000 else None


def _case_ids(conn: Connection, case_id: str, order: str, limit: int, offset: int) -> list[str]:
    """One page of a case's claims (those rejected too) from its memberships' own order: `position` is the
    oldest-first order of the claims query, and newest first is by day, then `position` within a day."""
    cc = t.case_claims.c
    q = select(cc.claim_id).where(cc.case_id == case_id)
    q = (q.order_by(cc.published.desc().nulls_last(), cc.position) if order == "newest" else
         q.order_by(cc.position))
    return list(conn.scalars(q.offset(offset).limit(limit)))


def _kept_total(conn: Connection, f: ClaimFilter, query: SearchQuery | None) -> int | None:
    """How many claims match, when what the store keeps tells it without reading claims: the count of
    current claims, claim_counts, or the full-text index's own count; None otherwise."""
    kept = {r.name: int(r.value) for r in conn.execute(select(t.store_counts))}
    if query is None and f == ClaimFilter() and "current_claims" in kept:
        return kept["current_claims"]
    if query is None and f.case_id and f == ClaimFilter(case_id=f.case_id):  # a case's claims: its memberships
        return int(conn.scalar(select(func.count()).select_from(t.case_claims)
                               .where(t.case_claims.c.case_id == f.case_id)) or 0)
    if query is None and (conds := claim_count_filter(f)) is not None:
        # the filter asks only what claim_counts counts by: add up its rows
        return int(conn.scalar(select(func.coalesce(func.sum(t.claim_counts.c.n), 0)).where(*conds)) or 0)
    if (query is not None and f == ClaimFilter() and conn.dialect.name == "sqlite"
            and kept.get("claims") == kept.get("current_claims")):
        # every stored claim is current (none superseded): each match is one
        return int(conn.scalar(select(func.count()).select_from(_fts_ids(query).subquery())) or 0)
    return None


def _total(conn: Connection, base: Select[Any], f: ClaimFilter, query: SearchQuery | None, ids: list[str],
           limit: int | None, offset: int) -> int:
    """How many claims match in all (see `search_claims`), when `_kept_total` could not tell."""
    if ids and (limit is None or len(ids) < limit) or not ids and offset == 0:
        return offset + len(ids)  # the last page: nothing after it
    kept = {r.name: int(r.value) for r in conn.execute(select(t.store_counts))}
    if (query is not None and conn.dialect.name == "sqlite" and kept.get("claims") == kept.get("current_claims")
            and (conds := _claim_conds(f)) is not None):
        # every stored claim is current, and the filter asks about the claims alone: the index's
        # matches are counted with no other table read
        return int(conn.scalar(select(func.count()).select_from(t.claims)
                               .where(t.claims.c.id.in_(_fts_ids(query).scalar_subquery()), *conds)) or 0)
    return int(conn.scalar(select(func.count()).select_from(
        base.with_only_columns(t.claims.c.id).order_by(None).subquery())) or 0)


def _claim_conds(f: ClaimFilter) -> list[Any] | None:
    """The filter as conditions on the claims table alone, or None when it asks about anything else
    (dates, sources, corroboration, a case, a document, versions)."""
    if (f.since or f.until or f.source or f.min_corroboration is not None or f.case_id or f.document or f.text
            or f.extractor_version is not None or not f.include_rejected):
        return None
    c = t.claims.c
    conds = transfer_conds(f, c)
    if f.hedged is not None:
        conds.append(c.hedged.is_(f.hedged))
    if f.denied is not None:
        conds.append(c.denied.is_(f.denied))
    if f.system:
        conds.append(c.system == f.system)
    return conds


def latest_claims(store: Store, n: int = 10) -> list[StoredClaim]:
    """The `n` most recently published current claims (the overview's list).

    Sorting every claim by date costs a scan of them all; instead the newest documents are taken from
    the publication-date index, a window at a time (widened until it holds `n` claims)."""
    c, d = t.claims.c, t.documents.c
    window = max(64, 8 * n)
    try:
        with store.engine.connect() as conn, conn.begin():
            n_docs = int(conn.scalar(select(t.store_counts.c.value).where(t.store_counts.c.name == "documents"))
                         or 0)
            while True:
                newest = select(d.id).order_by(d.published.desc().nulls_last(), d.id).limit(window)
                q = (claims_query(ClaimFilter()).where(c.document_id.in_(newest.scalar_subquery()))
                     .order_by(None)
                     .order_by(d.published.desc().nulls_last(), d.doc_id, c.document_id, c.ordinal).limit(n))
                rows = conn.execute(q).all()
                if len(rows) >= n or window >= n_docs:
                    break
                window *= 4
    except SQLAlchemyError as e:
        raise StoreError(f"{store.url}: read failed ({e.__class__.__name__}: {e})") from None
    return [stored_claim(r, r.case_id, None if r.included is None else bool(r.included), r.reason) for r in rows]


def claim_by_id(store: Store, claim_id: str) -> tuple[StoredClaim, bool] | None:
    """One claim by its full id, of any extractor version, and whether it is current (None if unknown)."""
    q = claims_query(ClaimFilter(extractor_version="all")).where(t.claims.c.id == claim_id)
    current = select(t.extractions.c.current).where(
        t.extractions.c.document_id == t.claims.c.document_id,
        t.extractions.c.extractor_version == t.claims.c.extractor_version,
    )
    q = q.add_columns(current.scalar_subquery().label("is_current"))
    try:
        with store.engine.connect() as conn, conn.begin():
            r = conn.execute(q).first()
    except SQLAlchemyError as e:
        raise StoreError(f"{store.url}: read failed ({e.__class__.__name__}: {e})") from None
    if r is None:
        return None
    return stored_claim(r, r.case_id, None if r.included is None else bool(r.included), r.reason), bool(r.is_current)
