"""Line length in JSON lines (issue 15, item 1): a line over ARMSWATCH_MAX_LINE_BYTES is rejected with a reason
naming the setting and the other lines are read (WARC bounds are tested in test_warc.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armswatch.errors import InputTooLarge
from armswatch.model import Document
from armswatch.settings import load_settings
from armswatch.sources import iter_items


def test_a_json_line_over_the_line_cap_is_rejected_and_the_other_lines_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "records.jsonl"
    long = json.dumps({"id": "long", "text": "word " * 400})
    short = json.dumps({"id": "short", "text": "A short record that is read."})
    path.write_text(f"{long}\n{short}\n", encoding="utf-8")
    monkeypatch.setenv("ARMSWATCH_MAX_LINE_BYTES", "1000")
    monkeypatch.setenv("ARMSWATCH_LANGUAGES", "any")
    items = list(iter_items([path], load_settings()))
    assert isinstance(items[0], InputTooLarge) and items[0].source == f"{path}#1"
    assert "ARMSWATCH_MAX_LINE_BYTES" in str(items[0])
    assert isinstance(items[1], Document) and items[1].id == "short"
