"""The register export (`armswatch export register --format csv|parquet`): `armswatch.register`'s rows with
typed columns, so that pandas and DuckDB read integers as integers (nullable), booleans as booleans and
lists as lists (CSV: ';'-joined).

    write_register(store, Path("register.parquet"), "parquet", ClaimFilter(...), all_items=False) -> rows
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.parquet as pq

from armswatch.export.ftm import ExportError
from armswatch.register import RegisterRow, register_rows
from armswatch.store import ClaimFilter, Store
from armswatch.store.transfers import transfer_rows

__all__ = ["REGISTER_FORMATS", "REGISTER_SCHEMA", "write_register"]

REGISTER_FORMATS = ("csv", "parquet")
_S, _I, _B = pa.string(), pa.int64(), pa.bool_()
REGISTER_SCHEMA = pa.schema([
    ("supplier", _S), ("supplier_name", _S), ("recipient", _S), ("recipient_name", _S),
    ("system", _S), ("designation", _S), ("category", _S),
    ("number_ordered", _I), ("number_delivered", _I),
    ("status", _S), ("hedged", _B), ("denied", _B), ("producer_differs", _B),
    ("year_ordered", _I), ("first_year_delivered", _I), ("last_year_delivered", _I),
    ("independent_sources", _I), ("claims", _I),
    ("cases", pa.list_(_S)), ("claim_ids", pa.list_(_S)), ("evidence_urls", pa.list_(_S)),
])
_INTS = [f.name for f in REGISTER_SCHEMA if f.type == _I]


def _pandas_metadata() -> bytes:
    """What pandas reads to restore its own dtypes: integer columns as nullable Int64 (a year or a number may
    be missing), so `pd.read_parquet` does not turn them into floats."""
    columns = [{"name": f.name, "field_name": f.name, "metadata": None,
                "pandas_type": "int64" if f.name in _INTS else "bool" if f.type == _B else
                "list[unicode]" if pa.types.is_list(f.type) else "unicode",
                "numpy_type": "Int64" if f.name in _INTS else "boolean" if f.name == "producer_differs" else
                "bool" if f.type == _B else "object"} for f in REGISTER_SCHEMA]
    return json.dumps({"index_columns": [], "column_indexes": [], "columns": columns, "creator": {
        "library": "armswatch"}, "pandas_version": "2.0.0"}).encode()


def _write_parquet(rows: list[RegisterRow], path: Path) -> None:
    schema = REGISTER_SCHEMA.with_metadata({b"pandas": _pandas_metadata()})
    table = pa.table({f.name: [getattr(r, f.name) for r in rows] for f in REGISTER_SCHEMA}, schema=schema)
    pq.write_table(table, str(path))


def _csv_value(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"  # read as booleans by DuckDB and pandas alike
    if isinstance(value, list):
        return ";".join(value)
    return "" if value is None else value


def _write_csv(rows: list[RegisterRow], out: IO[str]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REGISTER_SCHEMA.names)
    for r in rows:
        writer.writerow([_csv_value(getattr(r, name)) for name in REGISTER_SCHEMA.names])


def write_register(store: Store, dest: Path | IO[str], fmt: str, claim_filter: ClaimFilter | None = None,
                   all_items: bool = False) -> int:
    """Write the register of the claims `claim_filter` keeps (see `armswatch.register`); returns its rows."""
    if fmt not in REGISTER_FORMATS:
        raise ExportError(f"the register is written as {' or '.join(REGISTER_FORMATS)}, not {fmt!r}")
    rows = register_rows(transfer_rows(store, claim_filter), all_items=all_items)
    if fmt == "parquet":
        if not isinstance(dest, Path):
            raise ExportError("parquet is written to a file; give an output path")
        _write_parquet(rows, dest)
    elif isinstance(dest, Path):
        with dest.open("w", encoding="utf-8", newline="") as out:
            _write_csv(rows, out)
    else:
        _write_csv(rows, dest)
    return len(rows)
