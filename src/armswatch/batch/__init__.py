"""Batch at scale: shards in, claims out as Parquet, on local processes (default) or Ray Data.

    summary = run_batch(["news/"], "out/", options=BatchOptions(workers=2))
    load_results("out/", store)          # into the evidence base, without extracting again

Shards are JSON-lines / Parquet article tables, WARC files, or single articles (`shards`). The output
directory holds `claims/`, `documents/` and `errors/` (folders of Parquet files, see `rows`) and
`summary.json`. Bad input is written to `errors/` with its reason and counted; the run goes on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armswatch.errors import ArmswatchError, InputError
from armswatch.settings import Settings, load_settings

from .shards import SHARD_SUFFIXES, iter_shard, iter_shards
from .worker import Item

__all__ = [
    "CLAIMS_SCHEMA", "DOCUMENTS_SCHEMA", "ENGINES", "ERRORS_SCHEMA", "SHARD_SUFFIXES", "BatchOptions",
    "BatchSummary", "claim_from_row", "claims_by_document", "load_results", "read_table", "run_batch",
]

if TYPE_CHECKING:
    import pyarrow as pa

    from armswatch.ingest import IngestResult
    from armswatch.store import Store

    from .output import BatchSummary
    from .rows import CLAIMS_SCHEMA, DOCUMENTS_SCHEMA, ERRORS_SCHEMA, claim_from_row, claims_by_document

ENGINES = ("local", "ray")

# The output side (pyarrow) and the loader (the store, SQLAlchemy, pyarrow.dataset) are imported when
# first used, never by the extraction workers, which import this package for `worker` alone.
_LAZY = {"BatchSummary": "output", "CLAIMS_SCHEMA": "rows", "DOCUMENTS_SCHEMA": "rows", "ERRORS_SCHEMA": "rows",
         "claim_from_row": "rows", "claims_by_document": "rows"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{_LAZY[name]}", __name__), name)


def load_results(out_dir: str | Path, store: Store, **kwargs: Any) -> IngestResult:
    """Store the documents and claims of a batch output directory (see `load.load_results`)."""
    from .load import load_results as load

    return load(out_dir, store, **kwargs)


def read_table(out_dir: str | Path, name: str) -> pa.Table:
    """One whole table of a batch output: 'claims', 'documents' or 'errors' (see `load.read_table`)."""
    from .load import read_table as read

    return read(out_dir, name)


@dataclass(frozen=True)
class BatchOptions:
    engine: str = "local"  # local | ray
    workers: int | None = None  # extraction processes (Ray: actors); None: one per CPU; 0: in this process
    chunk_size: int = 128  # documents per task; the few that pass the pre-filter are parsed together
    keep_text: bool = True  # write document texts (needed to load the results into the store)
    overwrite: bool = False  # replace earlier results in the output directory
    ray_address: str | None = None  # a Ray cluster to join; None: the running instance, or a new local one

    def worker_count(self) -> int:
        if self.workers is not None:
            if self.workers < 0:
                raise ArmswatchError(f"workers must be 0 or more, got {self.workers}")
            return self.workers
        return os.cpu_count() or 1


def _items(shards: Iterable[Path | InputError], settings: Settings) -> Iterator[Item]:
    for shard in shards:
        if isinstance(shard, InputError):
            yield shard
        else:
            yield from iter_shard(shard, settings)


def run_batch(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    settings: Settings | None = None,
    options: BatchOptions | None = None,
    on_progress: Callable[[BatchSummary], None] | None = None,
) -> BatchSummary:
    """Extract the claims of every document under `inputs` and write them under `out_dir`."""
    from .layout import prepare_out_dir, write_summary

    settings = settings or load_settings()
    options = options or BatchOptions()
    inputs = list(inputs)
    if options.engine not in ENGINES:
        raise ArmswatchError(f"unknown engine {options.engine!r}; expected one of {', '.join(ENGINES)}")
    if options.chunk_size < 1:
        raise ArmswatchError(f"chunk size must be at least 1, got {options.chunk_size}")
    workers = options.worker_count()
    out = Path(out_dir)
    prepare_out_dir(out, overwrite=options.overwrite)
    started = time.perf_counter()
    if options.engine == "local" and workers > 0:
        from .pool import start_fork_server

        start_fork_server(settings)  # the model loads while this process imports the Parquet side and reads
    from .output import BatchSummary, ResultWriter

    summary = BatchSummary(engine=options.engine)
    shards = list(iter_shards(inputs))
    if options.engine == "local":
        from .local import run_local

        with ResultWriter(out, "part-00000") as writer:
            # the documents carry the extractor's identity, so `batch-load` stores the claims under it and
            # the next ingest or reextract under the same extractor leaves them alone
            summary.extractor_version = run_local(
                _items(shards, settings), writer, summary, settings=settings, workers=workers,
                chunk_size=options.chunk_size, keep_text=options.keep_text, on_progress=on_progress)
    else:
        from .ray_engine import run_ray

        missing = [s for s in shards if isinstance(s, InputError)]
        if missing:  # the paths Ray never sees are reported as the local engine reports them
            with ResultWriter(out, "part-inputs") as writer:
                from .rows import result_tables

                tables = result_tables(missing, {}, keep_text=False, extractor_version="")  # errors only
                writer.write(tables)
                summary.add(tables)
        run_ray([s for s in shards if isinstance(s, Path)], out, summary, settings=settings,
                workers=max(1, workers), chunk_size=options.chunk_size, keep_text=options.keep_text,
                address=options.ray_address)
        if on_progress:
            on_progress(summary)
    summary.seconds = time.perf_counter() - started
    write_summary(out, summary, {"model": settings.model,
                                 "inputs": [str(p) for p in inputs],
                                 "workers": workers, "text_kept": options.keep_text})
    return summary
