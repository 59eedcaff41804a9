"""Ingest: documents → claims → store, in batches, each batch one transaction.

    result = ingest(iter_documents(paths), store, extractor, batch_size=50)

- Idempotent: a document is keyed by its content hash; text already stored with this extractor
  version is skipped before extraction, so a second run adds nothing and costs little.
- Crash-safe: a batch is committed whole or not at all; a re-run skips what was committed and
  finishes the job, ending with the same database as an uninterrupted run.
- Concurrent-safe: the store serialises batch writes, and re-checks each document under its lock.
- Streaming: only one batch is held in memory.
- Bad input is counted and reported (source and reason), never fatal to the batch.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from armswatch.errors import InputError
from armswatch.model import Claim, Document
from armswatch.store.store import BatchOutcome, Store

__all__ = ["DEFAULT_BATCH_SIZE", "ClaimExtractor", "IngestResult", "ingest"]

DEFAULT_BATCH_SIZE = 50
_DETAIL = re.compile(r" \(|: |;")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_NUMBER = re.compile(r"(?<![\w-])\d[\d,.]*")
_KEEP_EXAMPLES = 1000  # rejections listed in the result; all are counted and passed to on_reject


class ClaimExtractor(Protocol):
    def extract(self, document: Document) -> list[Claim]: ...


@dataclass
class IngestResult:
    """Counts of what an ingest did, and why records were skipped or rejected."""

    read: int = 0  # documents and unreadable inputs seen
    stored: int = 0  # new documents stored
    reextracted: int = 0  # stored texts given claims by a new extractor version
    skipped: int = 0  # already stored (this run or an earlier one)
    rejected: int = 0  # unreadable input, empty text, extraction failure
    claims: int = 0  # claims stored
    claims_rejected: int = 0  # claims the store refused (unknown category, no supplier, ...)
    batches: int = 0  # batches committed
    reasons: Counter[str] = field(default_factory=Counter)  # "skipped: ..." / "rejected: ..." → count
    rejections: list[tuple[str, str]] = field(default_factory=list)  # first examples: (source, reason)

    def to_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "stored": self.stored,
            "reextracted": self.reextracted,
            "skipped": self.skipped,
            "rejected": self.rejected,
            "claims": self.claims,
            "claims_rejected": self.claims_rejected,
            "batches": self.batches,
            "reasons": dict(sorted(self.reasons.items())),
        }


def _reason_kind(reason: str) -> str:
    """The reason without record-specific detail: cut at ' (', ': ' or ';', quoted values → '…',
    numbers → N. Reasons of one kind then count together."""
    cut = _DETAIL.split(reason, maxsplit=1)[0]
    return _NUMBER.sub("N", _QUOTED.sub("'…'", cut)).strip() or reason


def ingest(
    documents: Iterable[Document | InputError],
    store: Store,
    extractor: ClaimExtractor,
    *,
    extractor_version: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[IngestResult], None] | None = None,
    on_reject: Callable[[str, str], None] | None = None,
) -> IngestResult:
    """Extract and store `documents` batch by batch; returns what was stored, skipped and rejected.

    `on_batch` is called after each committed batch with the running result (progress bars);
    `on_reject(source, reason)` for every rejected record or claim, as it happens.
    """
    if batch_size < 1:
        raise ValueError(f"batch size must be at least 1, got {batch_size}")
    result = IngestResult()

    def reject(source: str, reason: str, claim: bool = False) -> None:
        if claim:
            result.claims_rejected += 1
        else:
            result.rejected += 1
        result.reasons[f"rejected {'claim' if claim else 'record'}: {_reason_kind(reason)}"] += 1
        if len(result.rejections) < _KEEP_EXAMPLES:
            result.rejections.append((source, reason))
        if on_reject:
            on_reject(source, reason)

    batch: list[Document] = []
    for item in documents:
        result.read += 1
        if isinstance(item, InputError):
            reject(item.source, item.reason)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            _run_batch(batch, store, extractor, extractor_version, result, reject)
            batch = []
            if on_batch:
                on_batch(result)
    if batch:
        _run_batch(batch, store, extractor, extractor_version, result, reject)
        if on_batch:
            on_batch(result)
    return result


def _run_batch(
    batch: Sequence[Document],
    store: Store,
    extractor: ClaimExtractor,
    version: str,
    result: IngestResult,
    reject: Callable[..., None],
) -> None:
    def skip(reason: str) -> None:
        result.skipped += 1
        result.reasons[f"skipped: {_reason_kind(reason)}"] += 1

    done = store.extracted([d.content_hash for d in batch], version)
    seen: set[str] = set()
    pairs: list[tuple[Document, Sequence[Claim]]] = []
    for doc in batch:
        h = doc.content_hash
        source = doc.origin or doc.id
        if h in done:
            skip(f"already stored (same text, extractor version {version})")
            continue
        if h in seen:
            skip("already stored (same text earlier in this run)")
            continue
        if not doc.text.strip():
            reject(source, "empty text")
            continue
        seen.add(h)
        try:
            claims = extractor.extract(doc)
        except Exception as e:  # one document's failure must not stop the batch; it is counted
            reject(source, f"extraction failed ({type(e).__name__}: {e})")
            continue
        pairs.append((doc, claims))
    if pairs:
        _count(store.add_documents_and_claims(pairs, version), result, reject, skip)
    result.batches += 1


def _count(out: BatchOutcome, result: IngestResult, reject: Callable[..., None], skip: Callable[[str], None]) -> None:
    result.stored += len(out.stored)
    result.reextracted += len(out.reextracted)
    result.claims += out.claims_stored
    for _source, reason in out.skipped:  # a concurrent ingest stored it between our check and write
        skip(reason)
    for source, reason in out.rejected:
        reject(source, reason)
    for source, reason in out.claims_rejected:
        reject(source, reason, claim=True)


def stored_documents(store: Store, page: int = 200) -> Iterator[Document]:
    """The documents of a store as they were read, page by page (for `reextract`): their text, title, URL,
    outlet, date and origin."""
    offset = 0
    while rows := store.documents(limit=page, offset=offset):
        for row in rows:
            yield Document(id=row.doc_id, text=store.document_text(row.id) or "", title=row.title, url=row.url,
                           published=row.published, outlet=row.outlet, language=row.language, origin=row.origin)
        offset += len(rows)
