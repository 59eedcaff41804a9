"""Weapon systems as entities: one catalogue (`data/systems.yaml`), each system with a stable id, its names
in every spelling, its category, its designer and producer states; claims carry the id of the system their
item names.

    load_catalogue().find("Geran-2 drones").id      # 'shahed-136'
    producer_differs(claim)                         # True: supplied by a state that does not build it
"""

from __future__ import annotations

from armswatch.model import Claim
from armswatch.systems.catalogue import (
    Catalogue,
    System,
    SystemsDataError,
    UnknownSystem,
    load_catalogue,
    read_catalogue,
    schema,
    validate_data,
)
from armswatch.systems.names import name_key, spellings

__all__ = ["Catalogue", "System", "SystemsDataError", "UnknownSystem", "load_catalogue", "name_key",
           "producer_differs", "read_catalogue", "resolve_system", "schema", "spellings", "validate_data"]


def producer_differs(claim: Claim, catalogue: Catalogue | None = None) -> bool | None:
    """Is the claim's supplier none of its system's producers? Derived from the catalogue when asked (not
    stored), so it follows the catalogue's producers as they are corrected; None when unknown."""
    return (catalogue or load_catalogue()).producer_differs(claim.system, claim.supplier)


def resolve_system(text: str | None) -> str | None:
    """A filter's system, typed as its id, designation or an alias ("Geran-2") -> its id; None and blank stay
    None; UnknownSystem naming the value (and the nearest systems) when the catalogue has none."""
    if text is None or not text.strip():
        return None
    return load_catalogue().resolve(text)
