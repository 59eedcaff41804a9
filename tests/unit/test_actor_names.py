"""Typed actor names resolve through the extractor's actor data; unknown names are refused with suggestions."""

from __future__ import annotations

import pytest

from armswatch.actor_names import UnknownActor, resolve_actor, resolve_optional_actor


@pytest.mark.parametrize("typed", ["PRK", "prk", "DPRK", "the DPRK", "North Korea", "north-korean", "Pyongyang",
                                   "Democratic People's Republic of Korea"])
def test_every_way_of_typing_north_korea(typed: str) -> None:
    assert resolve_actor(typed) == "PRK"


def test_slugs_names_and_capitals() -> None:
    assert resolve_actor("Houthi rebels") == resolve_actor("houthis") == "houthis"
    assert resolve_actor("al shabaab") == "al-shabaab"
    assert resolve_actor("the Kremlin") == resolve_actor("Moscow") == "RUS"
    assert resolve_optional_actor("  ") is None


def test_unknown_names_the_input_and_suggests() -> None:
    with pytest.raises(UnknownActor, match=r"unknown actor 'Rusia'.*RUS"):
        resolve_actor("Rusia")
    with pytest.raises(UnknownActor, match="unknown actor 'XYZ'"):
        resolve_actor("XYZ")


def test_extra_slugs_are_accepted() -> None:
    assert resolve_actor("Some-Group", extra=["some-group"]) == "some-group"
