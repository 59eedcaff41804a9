"""Claims carry the catalogued system their item names, on the real model and articles written for the test."""

from __future__ import annotations

import pytest

from armswatch.model import Document
from armswatch.systems import load_catalogue, producer_differs

pytestmark = pytest.mark.model

TEXT = ("Iran has sent hundreds of Geran-2 drones to Russia, officials said.\n\n"
        "Belarus has also passed Shahed 136s to Russia, the report said.\n\n"
        "In September Iran handed Fath-360 short-range ballistic missiles to the Russian army.\n\n"
        "Chile sold rifles to Peru last year.")


def test_every_spelling_links_to_one_system_and_generic_items_to_none(extractor):
    catalogue = load_catalogue()
    drone, missile = catalogue.find("Geran-2"), catalogue.find("Fath-360")
    assert drone is not None and missile is not None and drone == catalogue.find("Shahed-136")
    got = {(c.supplier, c.recipient, c.category): c for c in extractor.extract(Document(id="t", text=TEXT))}
    from_iran, from_belarus = got[("IRN", "RUS", "uav")], got[("BLR", "RUS", "uav")]
    assert from_iran.system == from_belarus.system == drone.id
    assert "Geran-2" in from_iran.item and "Shahed 136s" in from_belarus.item  # the item stays as written
    assert got[("IRN", "RUS", "missiles")].system == missile.id  # named before the item's head
    assert got[("CHL", "PER", "small_arms")].system is None
    assert producer_differs(from_belarus) is True and producer_differs(from_iran) is False
