"""How a batch run writes: Parquet part files under claims/, documents/ and errors/ (see `layout`).

Rows are buffered only up to a row group (`ROW_GROUP_DOCUMENTS` documents), so memory stays flat however
large the corpus; each engine task (the local run, or one Ray write task) writes its own part files.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .layout import TABLE_NAMES
from .rows import CLAIMS_SCHEMA, DOCUMENTS_SCHEMA, ERRORS_SCHEMA, Tables

__all__ = ["OUTPUT_TABLES", "ROW_GROUP_DOCUMENTS", "BatchSummary", "ResultWriter"]

OUTPUT_TABLES = dict(zip(TABLE_NAMES, (CLAIMS_SCHEMA, DOCUMENTS_SCHEMA, ERRORS_SCHEMA), strict=True))
ROW_GROUP_DOCUMENTS = 2000


@dataclass
class BatchSummary:
    """Counts of a batch run (and, for the local engine, each worker's peak memory)."""

    engine: str
    read: int = 0  # documents, rejected and skipped inputs
    documents: int = 0  # documents analysed
    words: int = 0  # words in the documents analysed
    claims: int = 0
    rejected: int = 0  # unreadable inputs and failed extractions
    skipped: int = 0  # inputs passed over on purpose (language, not HTML, ...)
    reasons: Counter[str] = field(default_factory=Counter)  # "rejected: unreadable" → count
    worker_peak_rss_mb: dict[str, float] = field(default_factory=dict)  # worker pid → peak RSS in MiB
    seconds: float = 0.0
    extractor_version: str = ""  # the extractor's identity (`Extractor.identity`), as the rows carry it

    def add(self, tables: Tables) -> None:
        self.documents += tables.documents.num_rows
        self.words += int(pc.sum(tables.documents["words"]).as_py() or 0)
        self.claims += tables.claims.num_rows
        errors = tables.errors.to_pylist()
        for e in errors:
            if e["outcome"] == "skipped":
                self.skipped += 1
            else:
                self.rejected += 1
            self.reasons[f"{e['outcome']}: {e['reason_key']}"] += 1
        self.read += tables.documents.num_rows + len(errors)
        versions = [v for v in pc.unique(tables.documents["extractor_version"]).to_pylist() if v]
        if versions:
            self.extractor_version = versions[0]

    def merge(self, other: BatchSummary) -> None:
        for name in ("read", "documents", "words", "claims", "rejected", "skipped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.reasons.update(other.reasons)
        self.worker_peak_rss_mb.update(other.worker_peak_rss_mb)
        self.extractor_version = self.extractor_version or other.extractor_version

    def to_dict(self) -> dict[str, Any]:
        return {"engine": self.engine, "read": self.read, "documents": self.documents, "words": self.words,
                "claims": self.claims, "rejected": self.rejected, "skipped": self.skipped,
                "reasons": dict(sorted(self.reasons.items())),
                "worker_peak_rss_mb": dict(sorted(self.worker_peak_rss_mb.items())),
                "seconds": round(self.seconds, 3), "extractor_version": self.extractor_version}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> BatchSummary:
        s = cls(engine=d["engine"])
        for name in ("read", "documents", "words", "claims", "rejected", "skipped"):
            setattr(s, name, int(d.get(name, 0)))
        s.reasons = Counter(d.get("reasons", {}))
        s.worker_peak_rss_mb = dict(d.get("worker_peak_rss_mb", {}))
        s.seconds = float(d.get("seconds", 0.0))
        s.extractor_version = str(d.get("extractor_version") or "")
        return s


class ResultWriter:
    """Streams result tables into one part file per table (``<table>/<part>.parquet``)."""

    def __init__(self, out_dir: Path, part: str) -> None:
        self._writers = {name: pq.ParquetWriter(out_dir / name / f"{part}.parquet", schema, compression="zstd")
                         for name, schema in OUTPUT_TABLES.items()}
        self._pending: list[Tables] = []
        self._pending_docs = 0

    def write(self, tables: Tables) -> None:
        self._pending.append(tables)
        self._pending_docs += tables.documents.num_rows + tables.errors.num_rows
        if self._pending_docs >= ROW_GROUP_DOCUMENTS:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        for name, writer in self._writers.items():
            parts = [getattr(t, name) for t in self._pending]
            table = pa.concat_tables(parts)
            if table.num_rows:
                writer.write_table(table)
        self._pending, self._pending_docs = [], 0

    def close(self) -> None:
        self.flush()
        for writer in self._writers.values():
            writer.close()

    def __enter__(self) -> ResultWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
