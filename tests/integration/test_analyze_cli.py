"""`armswatch analyze` end to end on the real model: formats, inputs and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ARTICLE = ("Defence ministry says drones delivered\n\n"
           "KYIV — Germany has delivered 20 reconnaissance drones to Ukraine, the defence ministry said on "
           "Monday.\n")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "armswatch", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("inputs")
    (d / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "record.json").write_text(json.dumps({"id": "rec-1", "published": "2024-05-06", "text": ARTICLE}))
    (d / "many.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n{not json\n" + json.dumps({"title": "x"}) + "\n")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (d / "latin1.txt").write_bytes("Caf\xe9 article about nothing.".encode("latin-1"))
    (d / "broken.json").write_text("{\"text\": ")
    (d / "page.html").write_text("<html><head><title>Drones</title></head><body><article><p>"
                                 + ARTICLE.split("\n\n")[1] + "</p></article></body></html>")
    return d


def test_jsonl_contract_fields_and_bad_inputs_reported(inputs):
    r = run("analyze", "--format", "jsonl", str(inputs))
    assert r.returncode == 1, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    ids = {row["document_id"] for row in rows}
    assert {"good", "rec-1", "many#1"} <= ids
    row = next(x for x in rows if x["document_id"] == "rec-1")
    assert (row["supplier"], row["recipient"], row["category"], row["status"]) == ("DEU", "UKR", "uav", "delivered")
    assert row["quantity"] == 20
    start, end = row["evidence_span"]
    assert ARTICLE[start:end] == row["evidence"]
    for needle, reason in [("empty.txt", "empty file"), ("binary.txt", "binary"), ("latin1.txt", "UTF-8"),
                           ("broken.json", "malformed JSON"), ("many.jsonl#2", "malformed JSON"),
                           ("many.jsonl#3", "no non-empty 'text'")]:
        assert any(needle in line and reason in line for line in r.stderr.splitlines()), (needle, r.stderr)


def test_table_format_is_default(inputs):
    r = run("analyze", str(inputs / "good.txt"))
    assert r.returncode == 0, r.stderr
    assert "DEU → UKR" in r.stdout and "uav" in r.stdout


def test_missing_path_is_an_error(tmp_path):
    r = run("analyze", str(tmp_path / "nope.txt"))
    assert r.returncode == 1 and "no such file" in r.stderr
