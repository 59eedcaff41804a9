"""The plain data that flows between stages: a Document in, Claims out.

Both are frozen dataclasses with `to_dict`/`from_dict`, so they cross process boundaries (Ray, the
store, JSON lines) without any framework attached.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

__all__ = ["CATEGORIES", "STATUSES", "Claim", "Document", "content_hash", "quantity_phrase"]

CATEGORIES = (
    "aircraft", "air_defence", "armoured_vehicles", "artillery", "ammunition", "missiles", "uav",
    "naval", "small_arms", "technology", "components", "personnel", "equipment",
)
STATUSES = ("delivered", "ongoing", "pledged", "negotiating", "sought")


def content_hash(text: str) -> str:
    """The key of a document in the store: the SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """One article: its text and what is known about where it came from."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    outlet: str | None = None
    author: str | None = None
    language: str | None = None
    origin: str | None = None  # where it was read: a file path, "path#3", a WARC record, a feed URL
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in known}
        if isinstance(kw.get("published"), str):
            kw["published"] = date.fromisoformat(kw["published"][:10])
        return cls(**kw)


@dataclass(frozen=True)
class Claim:
    """One statement that a supplier transfers (or will, or might) an item category to a recipient."""

    document_id: str
    supplier: str  # ISO 3166-1 alpha-3 for states, lowercase slug for non-state actors
    recipient: str
    category: str
    status: str
    item: str
    evidence: str
    evidence_span: tuple[int, int]
    quantity: float | None = None
    quantity_text: str | None = None
    unit: str | None = None
    hedged: bool = False
    denied: bool = False
    period_start: str | None = None
    period_end: str | None = None
    source: str | None = None
    via: str | None = None
    system: str | None = None  # id of the catalogued weapon system the item names (data/systems.yaml)
    extractor_version: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.supplier, self.recipient, self.category, self.status)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["evidence_span"] = list(self.evidence_span)
        q = self.quantity
        if q is not None and float(q).is_integer():
            d["quantity"] = int(q)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in known}
        kw["evidence_span"] = tuple(kw.get("evidence_span") or (0, 0))
        return cls(**kw)


def quantity_phrase(quantity: float | None, text: str | None, unit: str | None) -> str:
    """How a claim's quantity reads: "about 13,000 containers", "several ballistic missiles" (not "several
    several ballistic missiles"), "a limited number of drones" (not "a limited number drones")."""
    said = (text or (f"{quantity:,.0f}" if quantity is not None else "")).strip()
    unit = (unit or "").strip()
    if not unit or not said:
        return said or unit
    last = said.split()[-1].lower()
    if unit.lower().split()[0] == last:
        return f"{said} {' '.join(unit.split()[1:])}".strip()
    if last.isalpha() and (last == "number" or last.endswith("s")) and last not in ("tens",):
        return f"{said} of {unit}"  # "a limited number of drones", "dozens of drones"
    return f"{said} {unit}"
