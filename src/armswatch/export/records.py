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
        from armswatch.embargo import assess

        for c in paged(store.claims, claim_filter or ClaimFilter()):
            found = assess(c.claim, c.published)  # per claim: a case's flags may rest on one of its claims
            yield {**c.to_dict(), "embargo_verdict": found.verdict,
                   "embargo_flags": [f.embargo_id for f in found.flagged]}
    elif kind == "cases":  # with the embargo flags the store keeps with each case
        for k in paged(store.cases, case_filter or CaseFilter()):
            yield k.to_dict()
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
    """A row for flat formats (CSV): the evidence span as two number columns, other lists and objects as
    JSON text."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        if k == "evidence_span":
            start, end = (list(v) + [None, None])[:2] if v else (None, None)
            out["evidence_start"], out["evidence_end"] = start, end
        else:
            out[k] = json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
    return out
