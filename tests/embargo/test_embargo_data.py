"""The embargo data file: it satisfies its schema and consistency rules, and holds what the issue lists."""

from __future__ import annotations

import copy
import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from armswatch.embargo import EmbargoDataError, default_registry, load_registry, schema, validate_data
from armswatch.embargo.registry import _dates_to_text
from armswatch.model import CATEGORIES


def _raw() -> dict[str, Any]:
    text = (resources.files("armswatch") / "data" / "embargoes.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = _dates_to_text(yaml.safe_load(text))
    return data


def test_packaged_file_validates_against_its_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    errors = list(jsonschema.Draft202012Validator(schema()).iter_errors(_raw()))
    assert errors == []


def test_packaged_file_passes_consistency_rules_and_loads() -> None:
    registry = load_registry()
    assert registry.version == _raw()["version"]
    assert len(registry) >= 11
    assert sum(len(e.provisions) for e in registry) >= 30


def test_schema_categories_are_the_claim_schema_categories() -> None:
    assert tuple(schema()["$defs"]["category"]["enum"]) == CATEGORIES


@pytest.mark.parametrize(("embargo_id", "resolutions"), [
    ("dprk", {1718, 1874, 2270, 2397}),
    ("iran", {1747, 1929, 2231}),
    ("houthis", {2216, 2624}),
    ("libya", {1970}),
    ("somalia", {733, 2713}),
    ("south-sudan", {2428}),
    ("sudan-darfur", {1556, 1591}),
    ("car", {2127, 2693}),
    ("drc", {1493, 1807}),
    ("haiti", {2653, 2700}),
    ("isil-al-qaida", {1267, 1390, 2253, 2734}),
])
def test_required_embargoes_cite_their_resolutions(embargo_id: str, resolutions: set[int]) -> None:
    emb = default_registry().get(embargo_id)
    assert emb is not None
    assert resolutions <= {r.number for r in emb.resolutions}
    assert emb.sources


def test_iran_annex_b_dates_and_contested_snapback() -> None:
    reg = default_registry()
    para4, para6b = reg.provision("iran-2231-annex-b-para-4"), reg.provision("iran-2231-annex-b-para-6b")
    assert para4 is not None and para6b is not None
    assert (para4.start, para4.end) == (date(2016, 1, 16), date(2023, 10, 18))
    assert para6b.end == date(2020, 10, 18)
    assert "uav" in para4.categories and "ammunition" not in para4.categories
    snapbacks = [p for p in reg.get("iran").provisions if p.start == date(2025, 9, 28)]  # type: ignore[union-attr]
    assert len(snapbacks) == 3
    assert all(p.status == "contested" and p.note and "Russia" in p.note for p in snapbacks)


def test_dprk_both_directions_and_panel_note() -> None:
    emb = default_registry().get("dprk")
    assert emb is not None and emb.direction == "both"
    assert {p.direction for p in emb.provisions} == {"supply_to", "supply_from"}
    assert any("Panel of Experts" in n and "2024" in n for n in emb.notes)


def test_json_copy_of_the_data_loads_too(tmp_path: Path) -> None:
    path = tmp_path / "embargoes.json"
    path.write_text(json.dumps(_raw()), encoding="utf-8")
    assert [e.id for e in load_registry(path)] == [e.id for e in load_registry()]


def _broken(mutate: Any) -> list[str]:
    data = copy.deepcopy(_raw())
    mutate(data)
    with pytest.raises(EmbargoDataError) as info:
        validate_data(data, "broken.yaml")
    assert "broken.yaml" in str(info.value)
    return list(info.value.problems)


def _prov(data: dict[str, Any], embargo: int = 0, provision: int = 0) -> dict[str, Any]:
    p: dict[str, Any] = data["embargoes"][embargo]["provisions"][provision]
    return p


def test_schema_errors_name_the_place() -> None:
    problems = _broken(lambda d: _prov(d).update(direction="sideways"))
    assert any(p.startswith("embargoes[0].provisions[0].direction") for p in problems)
    problems = _broken(lambda d: _prov(d).update(categories=["lasers"]))
    assert any("categories" in p for p in problems)


def test_partial_state_scope_needs_a_note() -> None:
    def mutate(d: dict[str, Any]) -> None:
        _prov(d)["targets"]["state_scope"] = "partial"
    assert any("state_scope_note" in p for p in _broken(mutate))


@pytest.mark.parametrize(("mutate", "expected"), [
    (lambda d: _prov(d, 0, 1).update(id=_prov(d, 0, 0)["id"]), "duplicate provision id"),
    (lambda d: _prov(d).update(end=_prov(d)["start"]), "is not after start"),
    (lambda d: _prov(d).update(resolutions=[9999]), "not listed under the embargo's resolutions"),
    (lambda d: _prov(d).update(start="2000-01-01"), "before any of its resolutions was adopted"),
    (lambda d: _prov(d)["targets"].update(states=["XXX"]), "not an ISO 3166-1 alpha-3 code"),
    (lambda d: _prov(d)["targets"].update(actors=["nobody"]), "not declared under `actors`"),
    (lambda d: d["embargoes"][0].update(direction="supply_to"), "provisions add up to 'both'"),
    (lambda d: _prov(d).update(categories_partial=["aircraft"]), "both in scope and partial"),
])
def test_consistency_errors(mutate: Any, expected: str) -> None:
    problems = _broken(mutate)
    assert any(expected in p for p in problems), problems


def test_unreadable_and_unparsable_files(tmp_path: Path) -> None:
    with pytest.raises(EmbargoDataError, match="cannot read"):
        load_registry(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("embargoes: [\n", encoding="utf-8")
    with pytest.raises(EmbargoDataError, match="cannot parse"):
        load_registry(bad)


def test_actor_slugs_match_the_extractor_groups_or_say_they_do_not() -> None:
    """Targets must use the slugs the extractor emits; a slug it does not emit yet must say so."""
    groups = resources.files("armswatch") / "data" / "groups.tsv"
    if not groups.is_file():
        pytest.skip("groups.tsv (the extractor's actor list) is not present")
    known = {line.split("\t", 1)[0] for line in groups.read_text(encoding="utf-8").splitlines()[1:] if line}
    for slug, name in load_registry().actors.items():
        assert slug in known or "not yet produced by the extractor" in name, slug
