"""A transfer register in the shape analysts know from SIPRI's trade registers: one row per supplier,
recipient and weapon system, folded from the counted claims (a pure function of `TransferRow`s).

    register_rows(transfer_rows(store))                  -> [RegisterRow], by supplier, recipient, designation
    register_rows(rows, all_items=True)                  -> also one row per (supplier, recipient, category)
                                                            for claims naming no catalogued system

How each column is read from the claims (docs/exports.md says the same for users):

- a row per (supplier, recipient, system, category): claims of one system almost always share its category;
  those that do not ("ammunition for HIMARS") are another item and get a row of their own;
- numbers: SIPRI counts items ordered and delivered. News repeats a number many times ("the 12 jets
  delivered"), so the largest number reported is taken, not the sum: `number_ordered` over pledged claims,
  `number_delivered` over delivered and ongoing claims; denied claims give no number (unless every claim of
  the row is denied), and quantities of containers, shipments or tonnes (measures.tsv, kind `unit`) are no
  count of items;
- `status`: the furthest stage reported by an undenied claim (all claims when every one is denied), as cases;
  `hedged`: every claim is hedged; `denied`: some claim is reported as denied;
- years: a claim's own period when stated, else its article's publication year; `year_ordered` is the
  earliest year of a pledged claim, `first_year_delivered`/`last_year_delivered` span the delivered and
  ongoing claims;
- `independent_sources`: distinct independent origins, counted as cases count them (`armswatch.cases`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from armswatch.cases import STAGES, origin_counts
from armswatch.store.transfers import TransferRow
from armswatch.systems import Catalogue, load_catalogue

__all__ = ["DELIVERED_STATUSES", "ORDERED_STATUSES", "RegisterRow", "counts_items", "register_rows"]

ORDERED_STATUSES = frozenset({"pledged"})
DELIVERED_STATUSES = frozenset({"delivered", "ongoing"})


@dataclass
class RegisterRow:
    supplier: str
    supplier_name: str
    recipient: str
    recipient_name: str
    system: str | None
    designation: str | None
    category: str
    number_ordered: int | None = None
    number_delivered: int | None = None
    status: str = ""
    hedged: bool = True
    denied: bool = False
    producer_differs: bool | None = None
    year_ordered: int | None = None
    first_year_delivered: int | None = None
    last_year_delivered: int | None = None
    independent_sources: int = 0
    claims: int = 0
    cases: list[str] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)
    evidence_urls: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@functools.lru_cache(maxsize=1)
def _measure_units() -> frozenset[str]:
    """Nouns that measure a load rather than count items (containers, shipments, tonnes)."""
    from armswatch.extract.lexicon import data_rows, singular

    return frozenset(singular(r["term"]) for r in data_rows("measures.tsv") if r["kind"] == "unit")


def counts_items(quantity: float | None, unit: str | None) -> bool:
    """Whether a claim's quantity is a number of items (not "1,000 containers" of shells)."""
    return quantity is not None and quantity > 0 and not _is_measure(unit or "")


@functools.lru_cache(maxsize=1024)
def _is_measure(unit: str) -> bool:
    from armswatch.extract.lexicon import singular

    return any(singular(w) in _measure_units() for w in unit.split())


def _largest(rows: list[TransferRow]) -> int | None:
    """The largest number of items the rows report (news repeats one number: not their sum)."""
    return max((int(r.quantity) for r in rows if r.quantity is not None and counts_items(r.quantity, r.unit)),
               default=None)


def _years(r: TransferRow) -> tuple[int | None, int | None]:
    """The years a claim speaks of: its own period, else its article's publication year."""
    start = int(r.period_start[:4]) if r.period_start and r.period_start[:4].isdigit() else None
    end = int(r.period_end[:4]) if r.period_end and r.period_end[:4].isdigit() else None
    if start is None and end is None:
        year = r.published.year if r.published else None
        return year, year
    return start if start is not None else end, end if end is not None else start


def _stage(status: str) -> int:
    return STAGES.index(status) if status in STAGES else -1


def _fold(key: tuple[str, str, str | None, str], rows: list[TransferRow], catalogue: Catalogue) -> RegisterRow:
    from armswatch.export.graph import actor_label

    supplier, recipient, system_id, category = key
    system = catalogue.get(system_id)
    affirmed = [r for r in rows if not r.denied] or rows
    out = RegisterRow(supplier, actor_label(supplier), recipient, actor_label(recipient), system_id,
                      system.designation if system else None, category)
    out.status = max((r.status for r in affirmed), key=_stage)
    out.hedged = all(r.hedged for r in rows)
    out.denied = any(r.denied for r in rows)
    out.producer_differs = catalogue.producer_differs(system_id, supplier)
    ordered = [r for r in affirmed if r.status in ORDERED_STATUSES]
    delivered = [r for r in affirmed if r.status in DELIVERED_STATUSES]
    out.number_ordered = _largest(ordered)
    out.number_delivered = _largest(delivered)
    out.year_ordered = min((y for r in ordered if (y := _years(r)[0]) is not None), default=None)
    spans = [_years(r) for r in delivered]
    out.first_year_delivered = min((a for a, _ in spans if a is not None), default=None)
    out.last_year_delivered = max((b for _, b in spans if b is not None), default=None)
    out.independent_sources = len({r.origin for r in rows if r.origin and (not r.denied or origin_counts(
        r.denied, r.source, r.via, (r.supplier, r.recipient)))})
    out.claims = len(rows)
    out.cases = sorted({r.case_id for r in rows if r.case_id})
    out.claim_ids = [r.claim_id for r in rows]
    out.evidence_urls = list(dict.fromkeys(r.url for r in rows if r.url))
    return out


def register_rows(rows: Iterable[TransferRow], all_items: bool = False,
                  catalogue: Catalogue | None = None) -> list[RegisterRow]:
    """The register: one row per (supplier, recipient, system, category) of the claims linked to a catalogued
    system, and with `all_items` one per (supplier, recipient, category) of the others (system and
    designation null); ordered by supplier, recipient, designation (unlinked items last), category."""
    catalogue = catalogue or load_catalogue()
    groups: dict[tuple[str, str, str | None, str], list[TransferRow]] = {}
    for r in rows:
        if r.system is None and not all_items:
            continue
        groups.setdefault((r.supplier, r.recipient, r.system, r.category), []).append(r)
    out = [_fold(key, members, catalogue) for key, members in groups.items()]
    out.sort(key=lambda g: (g.supplier, g.recipient, g.designation is None, (g.designation or "").lower(),
                            g.category))
    return out
