"""The extractor's identity follows what decides its output: data overrides, the model, the shipped data."""

from __future__ import annotations

from pathlib import Path

from armswatch.identity import extractor_identity, identity_parts
from armswatch.settings import Settings


def test_identity_is_stable_for_the_same_inputs() -> None:
    assert extractor_identity(Settings(), "en_core_web_sm", "3.8.0") == extractor_identity(
        Settings(), "en_core_web_sm", "3.8.0")
    assert len(extractor_identity(Settings(), "en_core_web_sm", "3.8.0")) <= 64  # the store's column


def test_identity_changes_with_the_model_name_or_version() -> None:
    base = extractor_identity(Settings(), "en_core_web_sm", "3.8.0")
    assert extractor_identity(Settings(), "en_core_web_md", "3.8.0") != base
    assert extractor_identity(Settings(), "en_core_web_sm", "3.8.1") != base


def test_identity_changes_with_a_data_override_and_its_contents(tmp_path: Path) -> None:
    base = extractor_identity(Settings(), "en_core_web_sm", "3.8.0")
    (tmp_path / "words.tsv").write_text("list\tword\tvalue\nhedges\tperchance\t\n", encoding="utf-8")
    overridden = extractor_identity(Settings(data_overrides=str(tmp_path)), "en_core_web_sm", "3.8.0")
    assert overridden != base
    (tmp_path / "words.tsv").write_text("list\tword\tvalue\nhedges\tmaybe\t\n", encoding="utf-8")
    assert extractor_identity(Settings(data_overrides=str(tmp_path)), "en_core_web_sm", "3.8.0") != overridden


def test_the_embargo_list_is_not_part_of_the_identity() -> None:
    parts = identity_parts(Settings(), "en_core_web_sm", "3.8.0")
    assert set(parts) == {"armswatch", "data", "model", "overrides", "max_text_chars"}
    assert parts["overrides"] == "" and len(parts["data"]) == 64
