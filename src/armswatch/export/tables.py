"""Tabular exports: JSON lines, CSV and Parquet (pyarrow, with an explicit schema per kind)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from armswatch.export.records import flat

__all__ = ["PARQUET_SCHEMAS", "write_csv", "write_jsonl", "write_parquet"]

_S, _I, _F, _B, _D = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.date32()

PARQUET_SCHEMAS: dict[str, pa.Schema] = {
    "claims": pa.schema(
        [
            ("claim_id", _S),
            ("claim_key", _S),
            ("document_id", _S),
            ("document_hash", _S),
            ("supplier", _S),
            ("recipient", _S),
            ("category", _S),
            ("status", _S),
            ("item", _S),
            ("quantity", _F),
            ("quantity_text", _S),
            ("unit", _S),
            ("hedged", _B),
            ("denied", _B),
            ("period_start", _S),
            ("period_end", _S),
            ("source", _S),
            ("via", _S),
            ("system", _S),
            ("producer_differs", _B),
            ("evidence", _S),
            ("evidence_span", pa.list_(_I)),
            ("extractor_version", _S),
            ("published", _D),
            ("outlet", _S),
            ("url", _S),
            ("title", _S),
            ("dup_group", _S),
            ("case_id", _S),
            ("included", _B),
            ("reason", _S),
            ("embargo_verdict", _S),
            ("embargo_flags", pa.list_(_S)),
        ]
    ),
    "cases": pa.schema(
        [
            ("case_id", _S),
            ("supplier", _S),
            ("recipient", _S),
            ("category", _S),
            ("label", _S),
            ("status", _S),
            ("first_reported", _D),
            ("last_reported", _D),
            ("corroboration", _I),
            ("n_claims", _I),
            ("n_documents", _I),
            ("n_hedged", _I),
            ("n_denied", _I),
            ("origins", pa.list_(_S)),
            ("embargo_flags", pa.list_(_S)),
            (
                "status_history",
                pa.list_(
                    pa.struct(
                        [
                            ("status", _S),
                            ("first_reported", _D),
                            ("last_reported", _D),
                            ("n_claims", _I),
                            ("n_denied", _I),
                            ("corroboration", _I),
                        ]
                    )
                ),
            ),
            (
                "quantities",
                pa.list_(
                    pa.struct(
                        [
                            ("reported", _D),
                            ("quantity", _F),
                            ("quantity_text", _S),
                            ("unit", _S),
                            ("status", _S),
                            ("by", _S),
                            ("claim_id", _S),
                            ("document_id", _S),
                        ]
                    )
                ),
            ),
        ]
    ),
    "documents": pa.schema(
        [
            ("id", _S),
            ("doc_id", _S),
            ("url", _S),
            ("title", _S),
            ("outlet", _S),
            ("published", _D),
            ("language", _S),
            ("origin", _S),
            ("dup_group", _S),
            ("ingested_at", pa.timestamp("us", tz="UTC")),
        ]
    ),
}
_BATCH = 2000


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n")
        n += 1
    return n


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        r = flat(row)
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(r), lineterminator="\n")
            writer.writeheader()
        writer.writerow(r)
        n += 1
    return n


def _typed(value: Any, typ: pa.DataType) -> Any:
    """JSON-ready values back to what pyarrow wants (ISO dates → date objects, nested too)."""
    if value is None:
        return None
    if pa.types.is_date32(typ):
        return date.fromisoformat(value)
    if pa.types.is_timestamp(typ):
        from datetime import datetime

        return datetime.fromisoformat(value)
    if pa.types.is_list(typ):
        return [_typed(v, typ.value_type) for v in value]
    if pa.types.is_struct(typ):
        return {
            typ.field(i).name: _typed(value.get(typ.field(i).name), typ.field(i).type) for i in range(typ.num_fields)
        }
    return value


def write_parquet(rows: Iterable[dict[str, Any]], path: Path, kind: str) -> int:
    schema = PARQUET_SCHEMAS[kind]
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []

        def flush() -> None:
            cols = {f.name: [_typed(r.get(f.name), f.type) for r in batch] for f in schema}
            writer.write_table(pa.table(cols, schema=schema))

        for row in rows:
            batch.append(row)
            n += 1
            if len(batch) >= _BATCH:
                flush()
                batch = []
        if batch or n == 0:
            flush()
    return n
