"""Invented weapon systems and articles for the tests of the system views (filter, page, register).

The systems are added to the catalogue through ARMSWATCH_DATA_OVERRIDES (`write_catalogue`), so the tests do
not lean on what the shipped catalogue holds. Claims are written by hand, their spans found in the text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from armswatch.model import Claim, Document
from armswatch.store import Store

VERSION = "system-views-1"

SYSTEMS = [
    {"id": "zephyr-9", "designation": "Zephyr-9", "aliases": ["Gale-2"], "category": "uav",
     "designers": ["FIN"], "producers": ["FIN", "EST"], "companies": ["Example Aero"],
     "description": "An invented loitering munition, also built under licence in Estonia."},
    {"id": "bulwark", "designation": "Bulwark", "category": "air_defence",
     "description": "An invented air defence system."},
]

# (id, published, outlet, text, claims); each claim: the evidence sentence and its fields
ARTICLES: list[tuple[str, str, str, str, list[dict[str, Any]]]] = [
    ("sv-1", "2023-01-15", "Harbor Courier", "Finland has pledged 40 Zephyr-9 drones to Ukraine, the Finnish "
     "defence ministry said.",
     [{"supplier": "FIN", "recipient": "UKR", "status": "pledged", "item": "Zephyr-9 drones", "quantity": 40,
       "unit": "drones", "source": "Finnish defence ministry", "system": "zephyr-9"}]),
    ("sv-2", "2023-03-02", "Valley Times", "Estonia has delivered 12 Zephyr-9 drones to Ukraine, defence "
     "minister Karin Vale said.",
     [{"supplier": "EST", "recipient": "UKR", "status": "delivered", "item": "Zephyr-9 drones", "quantity": 12,
       "unit": "drones", "source": "Karin Vale", "system": "zephyr-9"}]),
    ("sv-3", "2023-06-20", "Northern Ledger", "Finland delivered 25 Gale-2 drones to Ukraine in May, according "
     "to the Baltic Observer.",
     [{"supplier": "FIN", "recipient": "UKR", "status": "delivered", "item": "Gale-2 drones", "quantity": 25,
       "unit": "drones", "via": "Baltic Observer", "period_start": "2023-05", "system": "zephyr-9"}]),
    ("sv-4", "2023-09-09", "Granite Daily", "Finland has now delivered 30 Zephyr-9 drones to Ukraine, "
     "Anna Korhonen said.",
     [{"supplier": "FIN", "recipient": "UKR", "status": "delivered", "item": "Zephyr-9 drones", "quantity": 30,
       "unit": "drones", "source": "Anna Korhonen", "system": "zephyr-9"}]),
    ("sv-5", "2024-05-01", "Steppe Observer", "Finland has shipped 3 containers of Zephyr-9 drones to Ukraine, "
     "Anna Korhonen said.",
     [{"supplier": "FIN", "recipient": "UKR", "status": "delivered", "item": "containers of Zephyr-9 drones",
       "quantity": 3, "unit": "containers", "source": "Anna Korhonen", "period_end": "2024-05",
       "system": "zephyr-9"}]),
    ("sv-6", "2024-02-11", "Potomac Times", "Latvia has reportedly passed 6 Zephyr-9 drones on to Ukraine, "
     "Karin Vale said.",
     [{"supplier": "LVA", "recipient": "UKR", "status": "delivered", "item": "Zephyr-9 drones", "quantity": 6,
       "unit": "drones", "source": "Karin Vale", "hedged": True, "system": "zephyr-9"}]),
    ("sv-7", "2024-04-02", "Baltic Courier", "Finland has delivered Zephyr-9 drones to Georgia, a report said; "
     "the Finnish foreign ministry denied it.",
     [{"supplier": "FIN", "recipient": "GEO", "status": "delivered", "item": "Zephyr-9 drones",
       "source": "Finnish foreign ministry", "denied": True, "system": "zephyr-9"}]),
    ("sv-8", "2023-11-30", "Harbor Courier", "Finland has sent 100 drones to Ukraine, Anna Korhonen said.",
     [{"supplier": "FIN", "recipient": "UKR", "status": "delivered", "item": "drones", "quantity": 100,
       "unit": "drones", "source": "Anna Korhonen"}]),
    ("sv-9", "2024-01-20", "Valley Times", "Norway has agreed to sell two Bulwark batteries to Poland, the "
     "Norwegian government said.",
     [{"supplier": "NOR", "recipient": "POL", "status": "pledged", "item": "Bulwark batteries", "quantity": 2,
       "unit": "batteries", "source": "Norwegian government", "system": "bulwark", "category": "air_defence"}]),
]


def write_catalogue(folder: Path) -> Path:
    """The invented systems as an override catalogue in `folder` (point ARMSWATCH_DATA_OVERRIDES at it)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "systems.yaml").write_text(yaml.safe_dump(SYSTEMS, sort_keys=False), encoding="utf-8")
    return folder


def batch() -> list[tuple[Document, list[Claim]]]:
    out = []
    for doc_id, published, outlet, text, claims in ARTICLES:
        doc = Document(doc_id, text, title=text.split(",")[0], published=date.fromisoformat(published),
                       outlet=outlet, url=f"https://{outlet.lower().replace(' ', '')}.example.org/{doc_id}")
        made = []
        for c in claims:
            fields = {"category": "uav", **c}
            made.append(Claim(doc_id, evidence=text, evidence_span=(0, len(text)),
                              quantity_text=str(c["quantity"]) if c.get("quantity") else None, **fields))
        out.append((doc, made))
    return out


def fill(store: Store) -> None:
    store.add_documents_and_claims(batch(), VERSION)
