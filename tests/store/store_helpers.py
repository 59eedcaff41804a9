"""Helpers shared by the store tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from armswatch.model import Claim, Document
from armswatch.store import Store
from armswatch.store.schema import VOLATILE_COLUMNS, metadata
from armswatch.systems import load_catalogue

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "store"


def _system_of(item: str) -> str | None:
    system = load_catalogue().find(item)
    return system.id if system else None


class FixtureExtractor:
    """Stands in for the real extractor: the claims written by hand in fixtures/store/claims.json,
    looked up by document id. Tests of the store then do not depend on extraction quality."""

    def __init__(self, delay: float = 0.0, fail_on: frozenset[str] = frozenset()) -> None:
        self.table: dict[str, list[dict[str, Any]]] = json.loads((FIXTURES / "claims.json").read_text())
        self.delay = delay
        self.fail_on = fail_on
        self.calls = 0

    def extract(self, document: Document) -> list[Claim]:
        self.calls += 1
        if document.id in self.fail_on:
            raise RuntimeError(f"simulated extractor crash on {document.id}")
        if self.delay:
            time.sleep(self.delay)
        # the weapon system the item names, as the extractor links it
        return [
            Claim.from_dict({"system": _system_of(c["item"]), **c, "document_id": document.id,
                             "extractor_version": "fixture"})
            for c in self.table.get(document.id, [])
        ]


def make_claim(
    supplier: str = "PRK",
    recipient: str = "RUS",
    category: str = "ammunition",
    status: str = "delivered",
    **kw: Any,
) -> Claim:
    base: dict[str, Any] = dict(
        document_id="d",
        supplier=supplier,
        recipient=recipient,
        category=category,
        status=status,
        item="shells",
        evidence=f"{supplier} sent {category}.",
        evidence_span=(0, 10),
    )
    base.update(kw)
    return Claim(**base)


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, without the columns that record when something happened."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            skip = set(VOLATILE_COLUMNS.get(table.name, ()))
            cols = [c for c in table.columns if c.name not in skip]
            rows = conn.execute(select(*cols)).all()
            out[table.name] = sorted(
                (tuple(json.dumps(v, sort_keys=True) if isinstance(v, list | dict) else v for v in r) for r in rows),
                key=repr,
            )
    return out
