"""What a caller may ask the store for: one options object per query, shared by CLI and API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from armswatch.model import CATEGORIES, STATUSES

__all__ = ["CaseFilter", "ClaimFilter", "check_filter"]


@dataclass(frozen=True)
class ClaimFilter:
    """Claims to return. Every field left at None does not filter.

    `since`/`until` bound the publication date of the claim's document. `source` matches the speaker,
    the cited outlet or the publishing outlet (case-insensitive substring). `text` matches the evidence
    (substring today; full-text search will serve this same field). `min_corroboration` keeps claims
    whose case reaches it. `flagged` keeps claims whose case may (True) or may not (False) breach a UN
    arms embargo. `system` keeps claims linked to that catalogued weapon system (its id). `extractor_version`
    None means the current claims of each document.
    """

    actor: str | None = None  # supplier or recipient
    supplier: str | None = None
    recipient: str | None = None
    category: str | None = None
    status: str | None = None
    since: date | None = None
    until: date | None = None
    source: str | None = None
    hedged: bool | None = None
    denied: bool | None = None
    min_corroboration: int | None = None
    flagged: bool | None = None  # their case's embargo flags (the overview follows the cases' filter)
    system: str | None = None  # a catalogued weapon system's id (armswatch.systems.resolve_system types it)
    case_id: str | None = None
    document: str | None = None  # the document's content hash or its input id
    text: str | None = None
    extractor_version: str | None = None
    include_rejected: bool = True
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class CaseFilter:
    """Cases to return. `since`/`until` keep cases reported (first..last) within or across the period;
    `status` is the case's status; `source`, `hedged`, `denied` look at the case's claims (hedged=True:
    at least one hedged claim; False: none)."""

    actor: str | None = None
    supplier: str | None = None
    recipient: str | None = None
    category: str | None = None
    status: str | None = None
    since: date | None = None
    until: date | None = None
    source: str | None = None
    hedged: bool | None = None
    denied: bool | None = None
    min_corroboration: int | None = None
    system: str | None = None  # cases one of whose counted claims names this weapon system (its id)
    case_id: str | None = None
    # embargo-first views: only cases that may (True) or may not (False) breach a UN arms embargo, or
    # that one embargo (its id); order "embargo" puts flagged cases first, else most corroborated first
    flagged: bool | None = None
    embargo: str | None = None
    order: str = "corroboration"
    limit: int | None = None
    offset: int = 0


CASE_ORDERS = ("corroboration", "embargo")


def check_filter(f: ClaimFilter | CaseFilter) -> None:
    """Raise ValueError naming the field when a value cannot match anything meaningful."""
    if f.category is not None and f.category not in CATEGORIES:
        raise ValueError(f"category {f.category!r} is not one of: {', '.join(CATEGORIES)}")
    if f.status is not None and f.status not in STATUSES:
        raise ValueError(f"status {f.status!r} is not one of: {', '.join(STATUSES)}")
    if f.since and f.until and f.since > f.until:
        raise ValueError(f"since ({f.since}) is after until ({f.until})")
    if f.limit is not None and f.limit < 0:
        raise ValueError("limit must not be negative")
    if f.offset < 0:
        raise ValueError("offset must not be negative")
    if isinstance(f, CaseFilter) and f.order not in CASE_ORDERS:
        raise ValueError(f"order {f.order!r} is not one of: {', '.join(CASE_ORDERS)}")
    if f.min_corroboration is not None and f.min_corroboration < 0:
        raise ValueError("min_corroboration must not be negative")
