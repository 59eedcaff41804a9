"""How a quantity reads on pages and in tables: no word twice, "of" where English wants it."""

from armswatch.model import quantity_phrase


def test_quantity_phrases():
    assert quantity_phrase(None, "several", "several ballistic missiles") == "several ballistic missiles"
    assert quantity_phrase(None, "a limited number", "drones") == "a limited number of drones"
    assert quantity_phrase(None, "dozens", "drones") == "dozens of drones"
    assert quantity_phrase(13000, "about 13,000", "containers") == "about 13,000 containers"
    assert quantity_phrase(6.0, None, "tanks") == "6 tanks"
    assert quantity_phrase(None, None, None) == ""
