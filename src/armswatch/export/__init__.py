"""Exports of the evidence base.

    export(store, fmt, path_or_stream, kind="cases", claim_filter=..., case_filter=...) -> rows written

Formats: jsonl, csv, parquet (claims, cases or documents); gexf, graphml (actors as nodes, cases as
edges); ftm (FollowTheMoney entities: actors, articles, cases).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

from armswatch.cases import Case, StoredClaim
from armswatch.export.ftm import ExportError, write_ftm
from armswatch.export.graph import cases_graph, write_gexf, write_graphml
from armswatch.export.records import KINDS, iter_records, paged
from armswatch.export.tables import PARQUET_SCHEMAS, write_csv, write_jsonl, write_parquet
from armswatch.store import CaseFilter, ClaimFilter, Store

__all__ = ["BINARY_FORMATS", "FORMATS", "KINDS", "PARQUET_SCHEMAS", "ExportError", "cases_graph", "export"]

FORMATS = ("jsonl", "csv", "parquet", "gexf", "graphml", "ftm")
BINARY_FORMATS = ("parquet", "gexf", "graphml")  # written to a file path, not a text stream
GRAPH_FORMATS = ("gexf", "graphml", "ftm")  # always export cases


def export(
    store: Store,
    fmt: str,
    dest: Path | IO[str],
    kind: str = "cases",
    claim_filter: ClaimFilter | None = None,
    case_filter: CaseFilter | None = None,
) -> int:
    """Write the store's `kind` rows (or its case graph) in `fmt` to `dest`; returns rows/edges/entities."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if kind not in KINDS:
        raise ExportError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if fmt in GRAPH_FORMATS and kind != "cases":
        raise ExportError(f"{fmt} exports cases (actors as nodes, cases as edges), not {kind}")
    if fmt in BINARY_FORMATS and not isinstance(dest, Path):
        raise ExportError(f"{fmt} is written to a file; give an output path")
    if fmt in ("gexf", "graphml", "ftm"):
        cases = paged(store.cases, case_filter or CaseFilter())
        from armswatch.screening import embargo_flags

        def flags(k: Case) -> list[str]:
            return embargo_flags(store, k)

        def claims_of(k: Case) -> list[StoredClaim]:
            return store.claims(ClaimFilter(case_id=k.id))

        if fmt == "gexf" and isinstance(dest, Path):
            return write_gexf(cases, dest, flags, claims_of)
        if fmt == "graphml" and isinstance(dest, Path):
            return write_graphml(cases, dest, flags, claims_of)
        return _text(dest, lambda out: write_ftm(cases, store, out))
    rows = iter_records(store, kind, claim_filter, case_filter)
    if fmt == "parquet" and isinstance(dest, Path):
        return write_parquet(rows, dest, kind)
    writer = write_jsonl if fmt == "jsonl" else write_csv
    return _text(dest, lambda out: writer(rows, out))


def _text(dest: Path | IO[str], write: Callable[[IO[str]], int]) -> int:
    if isinstance(dest, Path):
        with dest.open("w", encoding="utf-8", newline="") as out:
            return write(out)
    return write(dest)
