"""`armswatch embargoes` and its subcommands, through click's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from armswatch.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["embargoes", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_list_table_and_json() -> None:
    code, out, _ = run()
    assert code == 0
    for embargo_id in ("dprk", "iran", "houthis", "haiti", "isil-al-qaida"):
        assert embargo_id in out
    code, out, _ = run("--format", "json")
    data = json.loads(out)
    assert code == 0 and {e["id"] for e in data["embargoes"]} >= {"dprk", "iran", "somalia"}


def test_list_provisions() -> None:
    code, out, _ = run("--provisions")
    assert code == 0 and "iran-2231-annex-b-para-4" in out and "contested" in out


def test_show_one_and_unknown() -> None:
    code, out, _ = run("show", "iran")
    assert code == 0 and "2231" in out and "snapback" in out.lower()
    code, _, err = run("show", "atlantis")
    assert code == 2 and "no embargo 'atlantis'" in err


def test_check_flags_and_explains() -> None:
    code, out, _ = run("check", "--supplier", "prk", "--recipient", "RUS", "--category", "ammunition",
                       "--date", "2024-01", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["flagged"] == ["dprk"]
    code, out, _ = run("check", "--supplier", "IRN", "--recipient", "RUS", "--category", "uav",
                       "--date", "2024-05-03")
    assert code == 0 and "not_applicable" in out and "2023-10-18" in out


def test_check_accepts_actor_slugs_in_any_case() -> None:
    code, out, _ = run("check", "--supplier", "IRN", "--recipient", "Houthis", "--category", "missiles",
                       "--date", "2019", "--format", "json")
    assert code == 0 and json.loads(out)["recipient"] == "houthis"


def test_check_bad_date_is_a_usage_error() -> None:
    code, _, err = run("check", "--supplier", "PRK", "--recipient", "RUS", "--category", "ammunition",
                       "--date", "last year")
    assert code == 2 and "last year" in err


def test_validate_good_and_bad_files(tmp_path: Path) -> None:
    code, out, _ = run("validate")
    assert code == 0 and out.startswith("ok:")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": "1", "embargoes": []}), encoding="utf-8")
    code, _, err = run("validate", str(bad))
    assert code == 1 and "bad.json" in err and "as_of" in err


@pytest.mark.parametrize("supplier", ["DPRK", "North Korea", "Pyongyang", "north korean"])
def test_check_resolves_typed_names(supplier: str) -> None:
    code, out, _ = run("check", "--supplier", supplier, "--recipient", "Russia", "--category", "ammunition",
                       "--date", "2024-01", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["supplier"] == "PRK" and data["flagged"] == ["dprk"]


def test_check_refuses_an_unknown_party() -> None:
    code, _, err = run("check", "--supplier", "XYZ", "--recipient", "RUS", "--category", "ammunition")
    assert code == 2 and "unknown actor 'XYZ'" in err


def _one_provision_file(tmp_path: Path, **changes: object) -> Path:
    """The packaged file cut down to Libya, its first provision with `changes` (None drops a field)."""
    from importlib import resources

    import yaml

    data = yaml.safe_load((resources.files("armswatch") / "data" / "embargoes.yaml").read_text(encoding="utf-8"))
    emb = next(e for e in data["embargoes"] if e["id"] == "libya")
    provision = {k: v for k, v in {**emb["provisions"][0], **changes}.items() if v is not None or k not in changes}
    data["embargoes"] = [{**emb, "provisions": [provision, *emb["provisions"][1:]]}]
    path = tmp_path / "one.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_strict_validate_refuses_a_provision_without_a_citation(tmp_path: Path) -> None:
    uncited = _one_provision_file(tmp_path, paragraphs=None)
    code, out, err = run("validate", str(uncited))
    assert code == 0 and out.startswith("ok:") and "warning" in err and "libya-import: no operative paragraph" in err
    code, _, err = run("validate", "--strict", str(uncited))
    assert code == 1 and "error" in err and "libya-import: no operative paragraph" in err
    marked = _one_provision_file(tmp_path, note="para 9, from memory, to verify")
    code, _, err = run("validate", "--strict", str(marked))
    assert code == 1 and 'libya-import: its citation is marked "to verify"' in err
    cited = _one_provision_file(tmp_path)
    assert run("validate", "--strict", str(cited))[0] == 0
