"""Batch results → the store, without extracting again.

The documents table is streamed in store batches through `armswatch.ingest.ingest`, with an "extractor"
that hands back the claims the batch run found for each document (read from the claims table). So
loading behaves as `armswatch ingest` does: idempotent (known texts are skipped), one transaction per
batch, the same counts and reasons.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads

from armswatch.errors import InputError
from armswatch.ingest import DEFAULT_BATCH_SIZE, IngestResult, ingest
from armswatch.model import Claim, Document
from armswatch.store import Store

from .output import OUTPUT_TABLES
from .rows import claims_by_document, document_from_row, document_key

__all__ = ["load_results", "read_table", "run_identity"]

_READ_ROWS = 1000  # documents decoded at a time


def _dataset(out_dir: Path, name: str) -> pads.Dataset:
    folder = out_dir / name
    if not folder.is_dir():
        raise InputError(str(out_dir), f"not a batch output directory (no {name}/ folder)")
    return pads.dataset(folder, format="parquet", schema=OUTPUT_TABLES[name])


def read_table(out_dir: str | Path, name: str) -> pa.Table:
    """One whole table of a batch output ('claims', 'documents' or 'errors'), all part files together."""
    return _dataset(Path(out_dir), name).to_table()


class _Recorded:
    """Gives `ingest` the claims the batch run found, document by document."""

    def __init__(self, claims: dict[tuple[str, str], list[Claim]]) -> None:
        self.claims = claims

    def extract(self, document: Document) -> list[Claim]:
        return self.claims.get(document_key(document.origin, document.id, document.content_hash), [])


def _documents(dataset: pads.Dataset) -> Iterator[Document | InputError]:
    for batch in dataset.to_batches(batch_size=_READ_ROWS):
        for row in batch.to_pylist():
            try:
                yield document_from_row(row)
            except InputError as e:
                yield e


def _versions(table: pa.Table) -> set[str]:
    return {v for v in pc.unique(table["extractor_version"]).to_pylist() if v}


def run_identity(out_dir: Path, documents: pads.Dataset, claims: pa.Table) -> str:
    """The identity of the extractor that wrote a batch output, which its claims are stored under.

    The documents carry it; outputs written before they did carry the package version there ("0.1.0")
    and the identity on each claim (the extractor stamps its claims), so the claims' identity wins then.
    """
    on_documents = _versions(documents.to_table(columns=["extractor_version"]))
    on_claims = _versions(claims)
    for versions in (on_documents, on_claims):
        if len(versions) > 1:
            raise InputError(str(out_dir), f"results of several extractor versions ({', '.join(sorted(versions))}); "
                             "load one run at a time")
    document_version = next(iter(on_documents), "")
    claim_version = next(iter(on_claims), "")
    if claim_version and document_version and claim_version != document_version:
        if not claim_version.startswith(document_version + "+"):
            raise InputError(str(out_dir), f"the documents were extracted by {document_version} and the claims by "
                             f"{claim_version}; load one run at a time")
        return claim_version
    return document_version or claim_version


def load_results(
    out_dir: str | Path,
    store: Store,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[IngestResult], None] | None = None,
    on_reject: Callable[[str, str], None] | None = None,
) -> IngestResult:
    """Store the documents and claims of a batch output directory; returns what was stored and skipped."""
    out = Path(out_dir)
    documents = _dataset(out, "documents")
    table = _dataset(out, "claims").to_table()
    version = run_identity(out, documents, table)
    return ingest(_documents(documents), store, _Recorded(claims_by_document(table)), extractor_version=version,
                  batch_size=batch_size, on_batch=on_batch, on_reject=on_reject)
