"""The tables a batch run writes, as Arrow schemas, and the conversions to and from the plain data.

Three tables, each a folder of Parquet files under the output directory:

* ``claims/``    one row per claim: the document it came from (id, content hash, origin), its position
  in the extractor's output (``ordinal``), and every `Claim` field, the evidence span as two integers;
* ``documents/`` one row per document read: its metadata, text (unless left out) and claim count;
* ``errors/``    one row per input that was rejected (unreadable, extraction failed) or skipped on purpose.

Both engines (local processes, Ray) build their rows with these functions, so their output is the
same table for table.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import pyarrow as pa

from armswatch.errors import InputError
from armswatch.model import Claim, Document
from armswatch.sources.skipped import Skipped

from .worker import Failure, Item, Outcome

__all__ = [
    "CLAIMS_SCHEMA", "DOCUMENTS_SCHEMA", "ERRORS_SCHEMA", "Failure", "Item", "Outcome", "Tables",
    "claim_from_row", "claims_by_document", "document_from_row", "document_key", "error_row", "meta_json",
    "result_tables",
]

_S, _I64, _F64, _B = pa.string(), pa.int64(), pa.float64(), pa.bool_()

CLAIMS_SCHEMA = pa.schema([
    ("document_id", _S), ("document_hash", _S), ("origin", _S), ("ordinal", pa.int32()),
    ("supplier", _S), ("recipient", _S), ("category", _S), ("status", _S), ("item", _S),
    ("evidence", _S), ("span_start", _I64), ("span_end", _I64),
    ("quantity", _F64), ("quantity_text", _S), ("unit", _S), ("hedged", _B), ("denied", _B),
    ("period_start", _S), ("period_end", _S), ("source", _S), ("via", _S), ("extractor_version", _S),
    ("system", _S),
])

DOCUMENTS_SCHEMA = pa.schema([
    ("id", _S), ("content_hash", _S), ("origin", _S), ("url", _S), ("title", _S), ("published", pa.date32()),
    ("outlet", _S), ("author", _S), ("language", _S), ("meta", _S), ("text", _S), ("n_claims", pa.int32()),
    ("words", _I64), ("extractor_version", _S),
])

# `input` names what could not be read (a path, 'file.jsonl#3', 'file.warc.gz@1234');
# `outcome` is rejected | skipped; `reason_key` is a short key to count by.
ERRORS_SCHEMA = pa.schema([("input", _S), ("outcome", _S), ("reason_key", _S), ("reason", _S)])

# Claim fields that are not plain columns of the same name.
_CLAIM_SPECIAL = {"evidence_span"}
_CLAIM_COLUMNS = [f.name for f in fields(Claim) if f.name not in _CLAIM_SPECIAL]


@dataclass(frozen=True)
class Tables:
    claims: pa.Table
    documents: pa.Table
    errors: pa.Table


def document_key(origin: str | None, doc_id: str, content_hash: str) -> tuple[str, str]:
    """How a claim row finds its document row: where it was read (unique per record), and its text."""
    return (origin or doc_id, content_hash)


def meta_json(doc: Document) -> str | None:
    """A document's free-form metadata as one JSON string (dates and the like as text)."""
    return json.dumps(doc.meta, ensure_ascii=False, sort_keys=True, default=str) if doc.meta else None


def _word_count(text: str) -> int:
    return len(text.split())


def error_row(item: InputError | Skipped | tuple[Document, Failure]) -> dict[str, str]:
    if isinstance(item, Skipped):
        return {"input": item.source, "outcome": "skipped", "reason_key": item.kind, "reason": item.reason}
    if isinstance(item, InputError):
        key = "too-large" if type(item).__name__ == "InputTooLarge" else "unreadable"
        return {"input": item.source, "outcome": "rejected", "reason_key": key, "reason": item.reason}
    doc, failure = item
    return {"input": doc.origin or doc.id, "outcome": "rejected", "reason_key": "extraction-failed",
            "reason": failure.reason}


def result_tables(items: Sequence[Item], outcomes: Mapping[int, Outcome], *, keep_text: bool,
                  extractor_version: str) -> Tables:
    """The three tables for a run of items; `outcomes[i]` is the extraction outcome of `items[i]`
    (present for every Document)."""
    claims: dict[str, list[Any]] = {name: [] for name in CLAIMS_SCHEMA.names}
    docs: dict[str, list[Any]] = {name: [] for name in DOCUMENTS_SCHEMA.names}
    errors: list[dict[str, str]] = []
    for i, item in enumerate(items):
        if not isinstance(item, Document):
            errors.append(error_row(item))
            continue
        outcome = outcomes[i]
        if isinstance(outcome, Failure):
            errors.append(error_row((item, outcome)))
            continue
        h = item.content_hash
        for ordinal, c in enumerate(outcome):
            claims["document_id"].append(item.id)
            claims["document_hash"].append(h)
            claims["origin"].append(item.origin or item.id)
            claims["ordinal"].append(ordinal)
            claims["span_start"].append(int(c.evidence_span[0]))
            claims["span_end"].append(int(c.evidence_span[1]))
            for name in _CLAIM_COLUMNS:
                if name == "document_id":
                    continue
                value = getattr(c, name)
                claims[name].append(float(value) if name == "quantity" and value is not None else value)
        docs["id"].append(item.id)
        docs["content_hash"].append(h)
        docs["origin"].append(item.origin or item.id)
        for name in ("url", "title", "published", "outlet", "author", "language"):
            docs[name].append(getattr(item, name))
        docs["meta"].append(meta_json(item))
        docs["text"].append(item.text if keep_text else None)
        docs["n_claims"].append(len(outcome))
        docs["words"].append(_word_count(item.text))
        docs["extractor_version"].append(extractor_version)
    return Tables(
        claims=pa.Table.from_pydict(claims, schema=CLAIMS_SCHEMA),
        documents=pa.Table.from_pydict(docs, schema=DOCUMENTS_SCHEMA),
        errors=pa.Table.from_pylist(errors, schema=ERRORS_SCHEMA),
    )


def claim_from_row(row: Mapping[str, Any]) -> Claim:
    """A claims-table row → the Claim it was written from."""
    kw: dict[str, Any] = {name: row.get(name) for name in _CLAIM_COLUMNS}  # older outputs lack new columns: null
    return Claim(evidence_span=(int(row["span_start"]), int(row["span_end"])), **kw)


def document_from_row(row: Mapping[str, Any]) -> Document:
    """A documents-table row (with its text) → the Document that was analysed."""
    if row.get("text") is None:
        raise InputError(str(row.get("origin") or row.get("id")),
                         "the batch output holds no text for this document (written with --no-text)")
    published = row.get("published")
    if isinstance(published, str):
        published = date.fromisoformat(published[:10])
    meta = json.loads(row["meta"]) if row.get("meta") else {}
    return Document(id=row["id"], text=row["text"], title=row.get("title"), url=row.get("url"),
                    published=published, outlet=row.get("outlet"), author=row.get("author"),
                    language=row.get("language"), origin=row.get("origin"), meta=meta)


def claims_by_document(table: pa.Table) -> dict[tuple[str, str], list[Claim]]:
    """Claims grouped by `document_key`, each list in the extractor's order (duplicate rows, from an
    input given twice, collapse by ordinal)."""
    grouped: dict[tuple[str, str], dict[int, Claim]] = {}
    for row in table.to_pylist():
        key = (row["origin"] or row["document_id"], row["document_hash"])
        grouped.setdefault(key, {})[row["ordinal"]] = claim_from_row(row)
    return {k: [v[i] for i in sorted(v)] for k, v in grouped.items()}
