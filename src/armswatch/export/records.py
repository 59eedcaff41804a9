"""The rows every export writes: claims, cases and documents read from the store page by page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from armswatch.store import CaseFilter, ClaimFilter, Store

__all__ = ["KINDS", "PAGE", "flat", "iter_records", "paged"]

KINDS = ("cases", "claims", "documents")
PAGE = 2000  # rows fetched at a time, so exports of large stores stream


def paged(fetch: Any, f: Any) -> Iterator[Any]:
    """All results of `fetch(filter)`, a page at a time (or the one window the filter asks for)."""
    if f.limit is not None:  # the caller asked for a window: fetch exactly that
        yield from fetch(f)
        return
    offset = f.offset
    while True:
        page = fetch(replace(f, limit=PAGE, offset=offset))
        yield from page
        if len(page) < PAGE:
            return
        offset += PAGE


def iter_records(
    store: Store, kind: str, claim_filter: ClaimFilter | None = None, case_filter: CaseFilter | None = None
) -> Iterator[dict[str, Any]]:
    """Rows of one kind as JSON-ready dicts (nested lists and objects kept)."""
    if kind == "claims":
        for c in paged(store.claims, claim_filter or ClaimFilter()):
            yield c.to_dict()
    elif kind == "cases":
        from armswatch.screening import embargo_flags

        for k in paged(store.cases, case_filter or CaseFilter()):
            yield {**k.to_dict(), "embargo_flags": embargo_flags(store, k)}
    elif kind == "documents":
        offset = 0
        while True:
            docs = store.documents(limit=PAGE, offset=offset)
            yield from (d.to_dict() for d in docs)
            if len(docs) < PAGE:
                return
            offset += PAGE
    else:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """A row for flat formats (CSV): lists and objects become JSON text."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in row.items()}
