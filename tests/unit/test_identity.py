"""The extractor's identity changes with what determines its output (issue 15, item 8)."""

from __future__ import annotations

from armswatch.identity import ModelInfo, data_files, extractor_identity, model_info

SMALL = ModelInfo("en_core_web_sm", "3.8.0")


def test_the_same_inputs_give_the_same_identity(monkeypatch):
    monkeypatch.delenv("ARMSWATCH_DATA_OVERRIDES", raising=False)
    first = extractor_identity(SMALL)
    assert first == extractor_identity(SMALL)
    assert first.startswith("0.") and "+" in first and len(first) <= 64


def test_a_data_override_changes_the_identity(tmp_path, monkeypatch):
    monkeypatch.delenv("ARMSWATCH_DATA_OVERRIDES", raising=False)
    before = extractor_identity(SMALL)
    assert extractor_identity(SMALL, overrides=str(tmp_path)) == before  # an empty folder overrides nothing
    (tmp_path / "items.tsv").write_text("term\tcategory\nzorblaster\tartillery\n", encoding="utf-8")
    with_override = extractor_identity(SMALL, overrides=str(tmp_path))
    assert with_override != before
    monkeypatch.setenv("ARMSWATCH_DATA_OVERRIDES", str(tmp_path))  # the setting, as the data loader reads it
    assert extractor_identity(SMALL) == with_override
    (tmp_path / "items.tsv").write_text("term\tcategory\nzorblaster\tmissiles\n", encoding="utf-8")
    assert extractor_identity(SMALL) not in (before, with_override)


def test_another_model_name_or_version_changes_the_identity(monkeypatch):
    monkeypatch.delenv("ARMSWATCH_DATA_OVERRIDES", raising=False)
    names = {
        extractor_identity(SMALL),
        extractor_identity(ModelInfo("en_core_web_md", "3.8.0")),
        extractor_identity(ModelInfo("en_core_web_sm", "3.7.1")),
    }
    assert len(names) == 3


def test_the_text_cut_off_changes_the_identity(monkeypatch):
    monkeypatch.delenv("ARMSWATCH_DATA_OVERRIDES", raising=False)
    assert extractor_identity(SMALL, max_text_chars=1000) != extractor_identity(SMALL, max_text_chars=2000)


def test_model_info_reads_the_loaded_pipeline_meta():
    assert model_info({"lang": "en", "name": "core_web_sm", "version": "3.8.0"}) == SMALL


def test_embargo_data_is_not_part_of_the_extractor_identity():
    names = {p.name for p in data_files()}
    assert "frames.tsv" in names and "states.tsv" in names
    assert "embargoes.yaml" not in names and "README.md" not in names
