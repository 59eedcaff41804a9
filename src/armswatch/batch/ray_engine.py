"""The Ray engine: the same batch as Ray Data over the shards, for clusters.

    shard paths ──from_items──► read (tasks: one shard each, streamed in slices of documents)
                ──map_batches──► extract (an actor pool, one Extractor loaded per actor)
                ──write_datasink──► claims/ documents/ errors/ Parquet part files, one set per write task

Reading reuses `shards.iter_shard` and extraction `local.extract_outcomes`, and rows are built by
`rows.result_tables`, so a Ray run writes the same claims as a local run on the same input. Between
the stages rows travel as one Arrow table whose `_row` column says what each row is.

On a cluster, armswatch and the spaCy model must be installed on every node and the output directory
must be on a filesystem all nodes see (the shards too).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from armswatch.errors import ArmswatchError
from armswatch.model import Document
from armswatch.settings import Settings

from .output import BatchSummary, ResultWriter
from .rows import (
    CLAIMS_SCHEMA,
    DOCUMENTS_SCHEMA,
    ERRORS_SCHEMA,
    Item,
    Tables,
    document_from_row,
    error_row,
    meta_json,
    result_tables,
)

__all__ = ["run_ray"]

_READ_SLICE = 64  # documents per table the reader hands on

# Input rows: a document to analyse, or an input that was rejected or skipped while reading.
INPUT_SCHEMA = pa.schema([("_row", pa.string()), *[f for f in DOCUMENTS_SCHEMA if f.name in (
    "id", "text", "title", "url", "published", "outlet", "author", "language", "origin", "meta")], *ERRORS_SCHEMA])


def _union_schema() -> pa.Schema:
    out: dict[str, pa.Field] = {"_row": pa.field("_row", pa.string())}
    for schema in (CLAIMS_SCHEMA, DOCUMENTS_SCHEMA, ERRORS_SCHEMA):
        for f in schema:
            if f.name in out and out[f.name].type != f.type:
                raise TypeError(f"column {f.name!r} has two types in the batch tables")
            out.setdefault(f.name, f)
    return pa.schema(list(out.values()))


# Output rows of the extract stage: claims, documents and errors in one table (columns they lack are null).
UNION_SCHEMA = _union_schema()
_KINDS = {"claim": ("claims", CLAIMS_SCHEMA), "document": ("documents", DOCUMENTS_SCHEMA),
          "error": ("errors", ERRORS_SCHEMA)}


def _tagged(table: pa.Table, kind: str, schema: pa.Schema) -> pa.Table:
    """`table` in the union `schema`, with `_row` = kind and nulls in the columns it does not have."""
    n = table.num_rows
    columns = [pa.array([kind] * n, pa.string()) if f.name == "_row" else
               table[f.name] if f.name in table.column_names else pa.nulls(n, f.type) for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def _untag(table: pa.Table, kind: str) -> pa.Table:
    _name, schema = _KINDS[kind]
    rows = table.filter(pc.equal(table["_row"], kind))
    return pa.Table.from_arrays([rows[f.name].cast(f.type) for f in schema], schema=schema)


def _input_table(items: list[Item]) -> pa.Table:
    docs = [i for i in items if isinstance(i, Document)]
    errors = [error_row(i) for i in items if not isinstance(i, Document)]
    doc_rows = [{"id": d.id, "text": d.text, "title": d.title, "url": d.url, "published": d.published,
                 "outlet": d.outlet, "author": d.author, "language": d.language, "origin": d.origin or d.id,
                 "meta": meta_json(d)} for d in docs]
    return pa.concat_tables([
        _tagged(pa.Table.from_pylist(doc_rows, schema=_subschema(INPUT_SCHEMA, "document")), "document", INPUT_SCHEMA),
        _tagged(pa.Table.from_pylist(errors, schema=ERRORS_SCHEMA), "error", INPUT_SCHEMA),
    ])


def _subschema(schema: pa.Schema, kind: str) -> pa.Schema:
    names = set(DOCUMENTS_SCHEMA.names) if kind == "document" else set(ERRORS_SCHEMA.names)
    return pa.schema([f for f in schema if f.name in names])


def read_shards(batch: pa.Table, settings: Settings) -> Iterator[pa.Table]:
    """Ray read stage: each row names a shard; its documents come out in slices of `_READ_SLICE`."""
    from .shards import iter_shard

    for path in batch["shard"].to_pylist():
        slice_: list[Item] = []
        for item in iter_shard(Path(path), settings):
            slice_.append(item)
            if len(slice_) >= _READ_SLICE:
                yield _input_table(slice_)
                slice_ = []
        if slice_:
            yield _input_table(slice_)


class ExtractBatch:
    """Ray extract stage (an actor): loads the extractor once, then turns input rows into result rows."""

    def __init__(self, settings: Settings, keep_text: bool) -> None:
        from armswatch.extract import Extractor

        self.extractor = Extractor(settings)
        self.keep_text = keep_text

    def __call__(self, batch: pa.Table) -> pa.Table:
        from .worker import extract_outcomes

        rows = batch.to_pylist()
        docs: list[Document] = []
        passed_errors: list[dict[str, Any]] = []
        for row in rows:
            if row["_row"] == "document":
                docs.append(document_from_row(row))
            else:
                passed_errors.append({name: row[name] for name in ERRORS_SCHEMA.names})
        outcomes = extract_outcomes(self.extractor, docs)
        t = result_tables(docs, dict(enumerate(outcomes)), keep_text=self.keep_text,
                          extractor_version=self.extractor.identity)
        errors = pa.concat_tables([pa.Table.from_pylist(passed_errors, schema=ERRORS_SCHEMA), t.errors])
        return pa.concat_tables([_tagged(t.claims, "claim", UNION_SCHEMA),
                                 _tagged(t.documents, "document", UNION_SCHEMA),
                                 _tagged(errors, "error", UNION_SCHEMA)])


def _results_sink(out_dir: Path) -> Any:
    """A Ray Datasink writing the union rows as the three tables, one part file set per write task."""
    from ray.data import Datasink
    from ray.data.block import BlockAccessor

    class ResultsSink(Datasink[dict[str, Any]]):
        def __init__(self) -> None:
            self.run_id = uuid.uuid4().hex[:8]
            self.summary = BatchSummary(engine="ray")

        def write(self, blocks: Any, ctx: Any) -> dict[str, Any]:
            summary = BatchSummary(engine="ray")
            with ResultWriter(out_dir, f"part-{self.run_id}-{ctx.task_idx:05d}") as writer:
                for block in blocks:
                    table = BlockAccessor.for_block(block).to_arrow()
                    tables = Tables(*(_untag(table, kind) for kind in ("claim", "document", "error")))
                    writer.write(tables)
                    summary.add(tables)
            return summary.to_dict()

        def on_write_complete(self, write_result: Any) -> None:
            for part in write_result.write_returns:
                self.summary.merge(BatchSummary.from_dict(part))

    return ResultsSink()


def run_ray(
    shards: list[Path],
    out_dir: Path,
    summary: BatchSummary,
    *,
    settings: Settings,
    workers: int,
    chunk_size: int,
    keep_text: bool,
    address: str | None = None,
) -> None:
    """Run the batch on Ray (the running instance, the cluster at `address`, or a new local one)."""
    try:
        import ray
        import ray.data
    except ImportError as e:
        raise ArmswatchError(f"the Ray engine needs Ray Data: pip install 'armswatch[ray]' ({e})") from None
    started = False
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
        started = True
    try:
        if not shards:
            return
        ds: Any = ray.data.from_items([{"shard": str(p)} for p in shards], override_num_blocks=len(shards))
        # Reading and writing reserve no CPU: the extraction actors hold one each, and a reader or writer
        # that waited for a free CPU behind them would never start (as the local engine's reading process
        # runs beside its workers).
        ds = ds.map_batches(read_shards, fn_kwargs={"settings": settings}, batch_size=1, batch_format="pyarrow",
                            num_cpus=0)
        ds = ds.map_batches(
            ExtractBatch,
            fn_constructor_kwargs={"settings": settings, "keep_text": keep_text},
            batch_size=chunk_size, batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=max(1, workers)),
            num_cpus=1)
        sink = _results_sink(out_dir)
        ds.write_datasink(sink, ray_remote_args={"num_cpus": 0})
        summary.merge(sink.summary)
    finally:
        if started:
            ray.shutdown()
