"""Re-derive the claims of stored documents under the current extractor.

    result = reextract(store, extractor, on_batch=...)

The stored texts go through `ingest` again: a text already extracted under the extractor's identity is
skipped, any other is extracted anew, its old claims kept as superseded (no longer current) and the
decisions on them still applying (they follow the claim, not the extractor version). Documents are read
a page at a time, so a large store is never held in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from armswatch.ingest import DEFAULT_BATCH_SIZE, ClaimExtractor, IngestResult, ingest
from armswatch.model import Document
from armswatch.store.store import Store

__all__ = ["reextract", "stored_documents"]


def stored_documents(store: Store, page: int = DEFAULT_BATCH_SIZE) -> Iterator[Document]:
    """Every stored document with its text, oldest first."""
    offset = 0
    while rows := store.documents(limit=page, offset=offset):
        offset += len(rows)
        for r in rows:
            text = store.document_text(r.id)
            if text is not None:
                yield Document(id=r.doc_id, text=text, title=r.title, url=r.url, published=r.published,
                               outlet=r.outlet, language=r.language, origin=r.origin or r.doc_id)


def reextract(
    store: Store,
    extractor: ClaimExtractor,
    *,
    extractor_version: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[IngestResult], None] | None = None,
    on_reject: Callable[[str, str], None] | None = None,
) -> IngestResult:
    """Extract every stored document not yet extracted under `extractor_version`; `reextracted` counts
    them, `skipped` those already current."""
    return ingest(stored_documents(store, batch_size), store, extractor, extractor_version=extractor_version,
                  batch_size=batch_size, on_batch=on_batch, on_reject=on_reject)
