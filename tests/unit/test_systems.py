"""The weapon system catalogue: names in every spelling, the validator's refusals, producer is not supplier."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from armswatch.cli import main
from armswatch.evaluation import GoldArticle, score_systems
from armswatch.extract.lexicon import load_lexicon
from armswatch.identity import ModelInfo, extractor_identity
from armswatch.model import CATEGORIES, Claim, Document
from armswatch.systems import (
    SystemsDataError,
    load_catalogue,
    name_key,
    producer_differs,
    read_catalogue,
    schema,
    spellings,
    validate_data,
)

# invented systems: the tests do not lean on what the shipped catalogue holds
SYSTEMS = [
    {"id": "zephyr-9", "designation": "Zephyr-9", "aliases": ["Gale-2", "Storm Kite"], "category": "uav",
     "designers": ["FIN"], "producers": ["FIN", "EST"], "companies": ["Example Aero"],
     "description": "An invented loitering munition."},
    {"id": "zx-30", "designation": "ZX-30", "category": "aircraft", "producers": ["CHL"]},
    {"id": "zx-30mk", "designation": "ZX-30MK", "category": "aircraft", "producers": ["CHL", "PER"]},
    {"id": "bulwark", "designation": "Bulwark", "aliases": ["bulwark interceptor system"], "category": "air_defence"},
]


@pytest.fixture
def catalogue():
    return validate_data(SYSTEMS, "test")


def test_hyphens_spaces_and_case_do_not_make_another_name():
    assert name_key("Zephyr-9") == name_key("Zephyr 9") == name_key("zephyr9") == ("zephyr", "9")
    assert {"Zephyr-9", "Zephyr 9", "Zephyr9"} <= set(spellings("Zephyr-9"))
    assert "K9Black Panther" not in spellings("K9 Black Panther")  # a number before a word keeps its space


@pytest.mark.parametrize("text", ["Gale-2 drones", "Zephyr 9s", "dozens of Zephyr9 loitering munitions",
                                  "Storm Kites", "Finnish-built Gale 2 drones"])
def test_every_spelling_of_every_name_links_to_the_same_system(catalogue, text):
    assert catalogue.find(text).id == "zephyr-9"


def test_generic_items_and_lower_case_proper_names_link_to_nothing(catalogue):
    assert catalogue.find("drones") is None
    assert catalogue.find("a bulwark against inflation") is None  # "Bulwark" is a proper name
    assert catalogue.find("two bulwark interceptor systems").id == "bulwark"  # a lower-case alias: any case


def test_the_longest_name_at_its_place_wins_and_a_variant_suffix_still_names_the_system(catalogue):
    assert catalogue.find("ZX-30MK jets").id == "zx-30mk"
    assert catalogue.find("ZX-30s").id == "zx-30"
    assert catalogue.find("ZX-300 jets") is None  # another number is another name


def test_producer_is_not_supplier(catalogue):
    def claim(supplier: str, system: str | None) -> Claim:
        return Claim("d", supplier, "UKR", "uav", "delivered", "drones", "e", (0, 1), system=system)

    assert producer_differs(claim("EST", "zephyr-9"), catalogue) is False  # licensed production: a producer
    assert producer_differs(claim("LVA", "zephyr-9"), catalogue) is True  # a re-export
    assert producer_differs(claim("LVA", "bulwark"), catalogue) is None  # no producer known
    assert producer_differs(claim("LVA", None), catalogue) is None  # a generic item


def _problems(data) -> str:
    with pytest.raises(SystemsDataError) as info:
        validate_data(data, "bad.yaml")
    return str(info.value)


def test_a_name_claimed_by_two_systems_is_refused_whatever_its_spelling():
    shared = [*SYSTEMS, {"id": "other", "designation": "Other", "aliases": ["gale 2"], "category": "uav"}]
    message = _problems(shared)
    assert "systems[4] (other): name 'gale 2' is claimed by zephyr-9 too (as 'Gale-2')" in message


def test_ids_states_and_categories_are_checked():
    assert "id 'zx-30' is used by systems[1] too" in _problems([*SYSTEMS, {**SYSTEMS[1], "designation": "New"}])
    assert "producers ['XXX'] are not states" in _problems([{**SYSTEMS[0], "producers": ["FIN", "XXX"]}])
    assert "systems[0] (zephyr-9).category: 'drones' is not one of" in _problems([{**SYSTEMS[0], "category": "drones"}])
    typo = _problems([{**SYSTEMS[0], "nickname": "Z"}])
    assert "systems[0] (zephyr-9): Additional properties are not allowed ('nickname'" in typo


def test_the_validate_command_names_the_system_and_the_reason(tmp_path: Path):
    bad = tmp_path / "systems.yaml"
    bad.write_text(yaml.safe_dump([*SYSTEMS, {"id": "copy", "designation": "Zephyr 9", "category": "uav"}]))
    result = CliRunner().invoke(main, ["systems", "validate", str(bad)])
    assert result.exit_code == 1
    assert "copy" in result.output and "claimed by zephyr-9" in result.output
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(SYSTEMS))
    result = CliRunner().invoke(main, ["systems", "validate", str(good)])
    assert result.exit_code == 0 and "4 systems" in result.output


def test_the_shipped_catalogue_is_valid_and_speaks_the_models_categories():
    assert len(read_catalogue(_shipped())) > 0
    assert schema()["$defs"]["system"]["properties"]["category"]["enum"] == list(CATEGORIES)


def _shipped() -> Path:
    from importlib import resources

    return Path(str(resources.files("armswatch") / "data" / "systems.yaml"))


def test_an_override_adds_systems_and_replaces_one_by_its_id(tmp_path: Path, monkeypatch):
    shipped = load_catalogue()
    first = next(iter(shipped))
    (tmp_path / "systems.yaml").write_text(yaml.safe_dump(
        [SYSTEMS[0], {"id": first.id, "designation": "Renamed Thing", "category": first.category}]))
    monkeypatch.setenv("ARMSWATCH_DATA_OVERRIDES", str(tmp_path))
    merged = load_catalogue()
    assert len(merged) == len(shipped) + 1
    assert merged.get("zephyr-9") is not None and merged.get(first.id).designation == "Renamed Thing"
    # and the extractor's lexicon reads it: every spelling, the catalogue winning over items.tsv
    (tmp_path / "items.tsv").write_text("term\tcategory\trole\nGale-2\tmissiles\tstrong\n", encoding="utf-8")
    lexicon = load_lexicon(str(tmp_path))
    assert {lexicon.items[s].category for s in ("Gale-2", "Gale 2", "Gale2", "Zephyr-9")} == {"uav"}


def test_an_override_that_shares_a_shipped_name_is_refused(tmp_path: Path, monkeypatch):
    name = next(iter(load_catalogue())).designation
    (tmp_path / "systems.yaml").write_text(yaml.safe_dump([{"id": "clash", "designation": name, "category": "uav"}]))
    monkeypatch.setenv("ARMSWATCH_DATA_OVERRIDES", str(tmp_path))
    with pytest.raises(SystemsDataError, match="clash"):
        load_catalogue()


def test_only_what_the_extractor_reads_of_the_catalogue_makes_claims_stale(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("ARMSWATCH_DATA_OVERRIDES", raising=False)
    small = ModelInfo("en_core_web_sm", "3.8.0")
    path = tmp_path / "systems.yaml"
    path.write_text(yaml.safe_dump(SYSTEMS))
    before = extractor_identity(small, overrides=str(tmp_path))
    path.write_text(yaml.safe_dump([{**SYSTEMS[0], "producers": ["FIN"], "description": "Corrected."},
                                    *SYSTEMS[1:]]))
    assert extractor_identity(small, overrides=str(tmp_path)) == before
    path.write_text(yaml.safe_dump([{**SYSTEMS[0], "aliases": ["Gale-3"]}, *SYSTEMS[1:]]))
    assert extractor_identity(small, overrides=str(tmp_path)) != before


def test_linking_is_scored_on_gold_claims_that_name_a_system(catalogue):
    text = "Finland sent Gale-2 drones to Ukraine. Chile sold ZX-30 jets to Peru. Estonia sent rifles to Ukraine."
    gold = [GoldArticle(Document("g1", text), [
        {"supplier": "FIN", "recipient": "UKR", "category": "uav", "status": "delivered", "item": "Gale-2 drones"},
        {"supplier": "CHL", "recipient": "PER", "category": "aircraft", "status": "delivered", "item": "ZX-30 jets"},
        {"supplier": "EST", "recipient": "UKR", "category": "small_arms", "status": "delivered", "item": "rifles"},
    ])]

    def claim(supplier: str, recipient: str, category: str, system: str | None) -> Claim:
        return Claim("g1", supplier, recipient, category, "delivered", "x", "e", (0, 1), system=system)

    predicted = {"g1": [claim("FIN", "UKR", "uav", "zephyr-9"), claim("CHL", "PER", "aircraft", "zx-30mk"),
                        claim("EST", "UKR", "small_arms", None)]}
    links = score_systems(gold, predicted, catalogue)
    assert (links.named, links.found, links.right) == (2, 2, 1)
    assert links.wrong == ["g1|CHL|PER|aircraft|zx-30|zx-30mk"] and links.linked_wrongly == 0.5
    assert json.loads(json.dumps(links.to_dict()))["linked"] == 0.5


def test_a_filter_names_a_system_by_its_id_or_any_name_exactly_and_an_unknown_one_is_refused(catalogue):
    from armswatch.systems import UnknownSystem

    for typed in ("zephyr-9", "Zephyr-9", "zephyr 9", "GALE-2", "storm kite"):
        assert catalogue.resolve(typed) == "zephyr-9", typed
    assert catalogue.lookup("Gale-2 drones") is None  # a filter's value is a name, not an item's text
    with pytest.raises(UnknownSystem, match=r"'Zephyr-99'.*zephyr-9"):
        catalogue.resolve("Zephyr-99")
