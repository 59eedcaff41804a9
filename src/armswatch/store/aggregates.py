"""Aggregates the pages need, kept up to date whenever cases are recomputed (never per request).

A case of ten thousand claims must render as fast as a case of ten: its page reads a handful of rows
here instead of every claim. `recompute` (writes.py) derives these from the same claims it builds the
cases from, in the same transaction, so they cannot disagree with the cases:

- `case_timeline`: included, dated claims per (status, day): the timeline's dots;
- `case_origins`: per independent origin, the included claims that count it (the corroboration list);
- `case_quantities`: every reported quantity, one row per claim (the quantities table, a page at a time);
- `cases.quantity_chart`: the chart's series, bounded (`quantity_chart`);
- `cases.embargo_assessment`: the embargo assessment over the case's included claims;
- `store_counts`: row counts (documents, claims, cases, ...) moved by every write;
- `claim_counts`: current claims per (supplier, recipient, category, status, hedged, denied, day), moved
  by every write that adds claims or changes which are current: the totals of filtered claim lists.

`rebuild_aggregates` recomputes the per-case ones from the cases and claims as stored (migration 0008,
and tests that compare what ingest maintained with a recomputation from scratch).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from armswatch.cases import Membership, QuantityReport, StoredClaim, counts_as_origin
from armswatch.embargo import CaseAssessment
from armswatch.store import schema as t

__all__ = [
    "CHART_MAX_POINTS",
    "CHART_SOURCES",
    "COUNTS",
    "FLAGGED_DOCUMENTS_KEPT",
    "ClaimKey",
    "add_claim_counts",
    "add_counts",
    "claim_count_filter",
    "aggregate_rows",
    "assessment_json",
    "delete_case_aggregates",
    "insert_aggregates",
    "quantity_chart",
    "recount",
    "true_claim_counts",
    "true_counts",
]

# a chart keeps every report up to this many points per unit; past it, the most frequent sources each
# keep their largest report per month and the others are drawn together
CHART_MAX_POINTS = 200
CHART_SOURCES = 8
# the stored assessment lists this many flagged documents per embargo (and how many there are)
FLAGGED_DOCUMENTS_KEPT = 100
COUNTS = ("documents", "near_duplicate_groups", "extractions", "claims", "current_claims", "cases", "decisions")


# ------------------------------------------------------------------------------------------ per case

def _point(q: QuantityReport) -> dict[str, object]:
    assert q.reported is not None
    return {"x": q.reported.isoformat(), "y": q.quantity, "text": q.quantity_text or "", "status": q.status,
            "claim": q.claim_id}


def _monthly_largest(reports: Iterable[QuantityReport]) -> list[dict[str, object]]:
    best: dict[str, QuantityReport] = {}
    for q in reports:
        assert q.reported is not None and q.quantity is not None
        month = q.reported.isoformat()[:7]
        kept = best.get(month)
        if kept is None or (q.quantity, q.claim_id) > (kept.quantity or 0, kept.claim_id):
            best[month] = q
    return [_point(best[m]) for m in sorted(best)]


def quantity_chart(quantities: Sequence[QuantityReport]) -> list[dict[str, object]]:
    """The quantities reported over time: one chart per unit, one series per source (who said so).

    Up to `CHART_MAX_POINTS` reports of a unit each is a point; past that the `CHART_SOURCES` sources
    with the most reports keep their largest report of each month, and the rest are drawn as one series
    "other sources" (the largest report of each month among them), so a chart stays readable and small."""
    by_unit: dict[str, dict[str, list[QuantityReport]]] = {}
    for q in quantities:
        if q.quantity is None or q.reported is None:
            continue
        by_unit.setdefault(q.unit or "items", {}).setdefault(q.by or "unattributed", []).append(q)
    charts: list[dict[str, object]] = []
    for unit, series in sorted(by_unit.items()):
        if sum(len(v) for v in series.values()) <= CHART_MAX_POINTS:
            out = [{"label": by, "points": [_point(q) for q in qs]} for by, qs in sorted(series.items())]
        else:
            ranked = sorted(series, key=lambda by: (-len(series[by]), by))
            top, rest = ranked[:CHART_SOURCES], ranked[CHART_SOURCES:]
            out = [{"label": by, "points": _monthly_largest(series[by])} for by in sorted(top)]
            if rest:
                out.append({"label": f"other sources ({len(rest)})",
                            "points": _monthly_largest(q for by in rest for q in series[by])})
        charts.append({"unit": unit, "series": out})
    return charts


def assessment_json(found: CaseAssessment | None) -> dict[str, Any] | None:
    """A case's embargo assessment as stored: its `to_dict()`, each embargo's flagged documents cut to
    the first `FLAGGED_DOCUMENTS_KEPT` (with `flagged_documents_total`)."""
    if found is None:
        return None
    d = found.to_dict()
    for e in d["embargoes"]:
        docs = e["flagged_documents"]
        e["flagged_documents_total"] = len(docs)
        e["flagged_documents"] = docs[:FLAGGED_DOCUMENTS_KEPT]
    return d


def aggregate_rows(quantities: Mapping[str, Sequence[QuantityReport]], claims: Sequence[StoredClaim],
                   members: Sequence[Membership]) -> dict[str, list[dict[str, Any]]]:
    """The rows of case_timeline, case_origins and case_quantities (pure): `quantities` maps each case
    to its reported quantities (`Case.quantities`); its keys are the cases there are."""
    by_id = {c.id: c for c in claims}
    kept = set(quantities)
    buckets: dict[tuple[str, str, date], list[StoredClaim]] = {}
    origins: Counter[tuple[str, str]] = Counter()
    for m in members:
        c = by_id.get(m.claim_id)
        if not m.included or c is None or m.case_id not in kept:
            continue
        if c.published is not None:
            buckets.setdefault((m.case_id, c.claim.status, c.published), []).append(c)
        if counts_as_origin(c):
            origins[(m.case_id, m.origin)] += 1
    timeline = [
        {"case_id": k, "status": st, "day": day, "month": day.isoformat()[:7], "n_claims": len(cs),
         "n_denied": sum(c.claim.denied for c in cs), "claim_id": min(c.id for c in cs)}
        for (k, st, day), cs in sorted(buckets.items())
    ]
    origin_rows = [{"case_id": k, "origin": o, "n_claims": n} for (k, o), n in sorted(origins.items())]
    quantity_rows = [
        {"case_id": k, "claim_id": q.claim_id, "reported": q.reported, "quantity": q.quantity,
         "quantity_text": q.quantity_text, "unit": q.unit, "status": q.status, "by": q.by,
         "document_id": q.document_id}
        for k, qs in sorted(quantities.items()) for q in qs
    ]
    return {"case_timeline": timeline, "case_origins": origin_rows, "case_quantities": quantity_rows}


_CASE_TABLES = (t.case_timeline, t.case_origins, t.case_quantities)


def delete_case_aggregates(conn: Connection, case_ids: Sequence[str]) -> None:
    for table in _CASE_TABLES:
        for i in range(0, len(case_ids), 500):
            conn.execute(delete(table).where(table.c.case_id.in_(case_ids[i:i + 500])))


def insert_aggregates(conn: Connection, rows: Mapping[str, list[dict[str, Any]]]) -> None:
    for table in _CASE_TABLES:
        if rows.get(table.name):
            conn.execute(insert(table), rows[table.name])


# ------------------------------------------------------------------------------------------- counts

def true_counts(conn: Connection) -> dict[str, int]:
    """The counts, counted (slow on a big store: what `store_counts` spares the pages)."""
    from armswatch.store.rows import current_claims

    def count(q: Any) -> int:
        return int(conn.scalar(select(func.count()).select_from(q.subquery())) or 0)

    return {
        "documents": count(select(t.documents.c.id)),
        "near_duplicate_groups": count(select(t.documents.c.dup_group).distinct()),
        "extractions": count(select(t.extractions.c.document_id)),
        "claims": count(select(t.claims.c.id)),
        "current_claims": count(current_claims().with_only_columns(t.claims.c.id)),
        "cases": count(select(t.cases.c.id)),
        "decisions": count(select(t.decisions.c.id)),
    }


def recount(conn: Connection) -> None:
    """Set every stored count from the tables (migration 0008; a repair)."""
    conn.execute(delete(t.store_counts))
    conn.execute(insert(t.store_counts), [{"name": k, "value": v} for k, v in true_counts(conn).items()])


def add_counts(conn: Connection, deltas: Mapping[str, int]) -> None:
    """Move the stored counts by `deltas` (inside the writer's transaction, so no update is lost)."""
    for name, n in deltas.items():
        if n:
            conn.execute(update(t.store_counts).where(t.store_counts.c.name == name)
                         .values(value=t.store_counts.c.value + n))


# ------------------------------------------------------------------------------------- claim counts

# (supplier, recipient, category, status, hedged, denied, day): what claim_counts counts by
ClaimKey = tuple[str, str, str, str, bool, bool, date]


def add_claim_counts(conn: Connection, deltas: Mapping[ClaimKey, int]) -> None:
    """Move claim_counts by `deltas` (inside the writer's transaction); rows that reach 0 go."""
    cc = t.claim_counts.c
    cols = (cc.supplier, cc.recipient, cc.category, cc.status, cc.hedged, cc.denied, cc.day)
    for key, n in sorted(deltas.items()):
        if not n:
            continue
        where = [col == v for col, v in zip(cols, key, strict=True)]
        if conn.execute(update(t.claim_counts).where(*where).values(n=cc.n + n)).rowcount == 0:
            conn.execute(insert(t.claim_counts).values({**dict(zip([c.name for c in cols], key, strict=True)),
                                                        "n": n}))
    conn.execute(delete(t.claim_counts).where(cc.n == 0))


def true_claim_counts(conn: Connection) -> dict[ClaimKey, int]:
    """claim_counts, counted from the current claims (migration 0008; tests)."""
    from armswatch.store.rows import current_claims

    c, d = t.claims.c, t.documents.c
    day = func.coalesce(d.published, t.UNDATED)
    q = (current_claims().with_only_columns(c.supplier, c.recipient, c.category, c.status, c.hedged, c.denied,
                                            day.label("day"), func.count().label("n"))
         .group_by(c.supplier, c.recipient, c.category, c.status, c.hedged, c.denied, day))
    out: dict[ClaimKey, int] = {}
    for r in conn.execute(q):
        published = r.day if isinstance(r.day, date) else date.fromisoformat(str(r.day)[:10])
        out[(r.supplier, r.recipient, r.category, r.status, bool(r.hedged), bool(r.denied), published)] = int(r.n)
    return out


def claim_count_filter(f: Any) -> list[Any] | None:
    """The conditions on claim_counts that select the claims a ClaimFilter keeps, or None when the filter
    asks about something it does not count (source, corroboration, case, document, text, system, versions,
    flags)."""
    if (f.source or f.min_corroboration is not None or f.case_id or f.document or f.text or f.system
            or f.extractor_version is not None or not f.include_rejected or f.flagged is not None):
        return None  # (a claim's embargo flags are its case's: claim_counts does not count by them)
    from armswatch.store.queries import transfer_conds

    cc = t.claim_counts.c
    conds = transfer_conds(f, cc)
    if f.since:
        conds.append(cc.day >= f.since)
    if f.until:
        conds += [cc.day <= f.until, cc.day > t.UNDATED]
    if f.hedged is not None:
        conds.append(cc.hedged.is_(f.hedged))
    if f.denied is not None:
        conds.append(cc.denied.is_(f.denied))
    return conds
