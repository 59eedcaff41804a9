"""Embargo checks of stored cases: `armswatch cases --embargo`, and the flags in the exports."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner

from armswatch.cli import main
from armswatch.model import Claim, Document
from armswatch.screening import embargo_flags
from armswatch.store import CaseFilter, open_store


def _claim(doc: str, supplier: str, recipient: str, category: str, **kw: object) -> Claim:
    return Claim(document_id=doc, supplier=supplier, recipient=recipient, category=category,
                 status=str(kw.pop("status", "delivered")), item=category, evidence=f"{supplier} sent {category}.",
                 evidence_span=(0, 10), **kw)  # type: ignore[arg-type]


def _store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'aw.sqlite'}"
    docs = [
        (Document(id="a", text="North Korea sent shells to Russia.", published=date(2024, 5, 3)),
         [_claim("a", "PRK", "RUS", "ammunition", period_start="2023-12")]),
        (Document(id="b", text="Iran sent drones to Russia.", published=date(2024, 5, 3)),
         [_claim("b", "IRN", "RUS", "uav")]),
        (Document(id="c", text="Germany sent tanks to Ukraine.", published=date(2023, 1, 26)),
         [_claim("c", "DEU", "UKR", "armoured_vehicles")]),
    ]
    with open_store(url) as store:
        store.add_documents_and_claims(docs, "test")
    return url


def test_flags_of_stored_cases(tmp_path: Path) -> None:
    url = _store(tmp_path)
    with open_store(url) as store:
        flags = {(k.supplier, k.recipient): embargo_flags(store, k) for k in store.cases(CaseFilter())}
    # PRK -> RUS under the DPRK regime; Iranian drones dated 2024 under no UN embargo; DEU -> UKR none
    assert flags == {("PRK", "RUS"): ["dprk"], ("IRN", "RUS"): [], ("DEU", "UKR"): []}


def test_cases_embargo_command_and_flagged_filter(tmp_path: Path) -> None:
    url = _store(tmp_path)
    runner = CliRunner()
    out = runner.invoke(main, ["cases", "--db", url, "--embargo", "--format", "jsonl"])
    assert out.exit_code == 0, out.output
    rows = {(r["supplier"], r["recipient"]): r for r in map(json.loads, out.output.splitlines())}
    assert rows[("PRK", "RUS")]["embargo_flags"] == ["dprk"]
    iran = rows[("IRN", "RUS")]["embargo"]
    assert iran["flags"] == [] and any(e["verdict"] == "not_applicable" for e in iran["embargoes"])
    flagged = runner.invoke(main, ["cases", "--db", url, "--flagged", "--format", "jsonl"])
    assert [json.loads(line)["supplier"] for line in flagged.output.splitlines()] == ["PRK"]
    table = runner.invoke(main, ["cases", "--db", url, "--embargo"])
    assert table.exit_code == 0 and "may_breach" in table.output


def test_exports_carry_the_flags(tmp_path: Path) -> None:
    url = _store(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["export", "parquet", "--db", url, "-o", str(tmp_path / "c.parquet")]).exit_code == 0
    table = pq.read_table(tmp_path / "c.parquet").to_pylist()
    assert {(r["supplier"], tuple(r["embargo_flags"])) for r in table} == {
        ("PRK", ("dprk",)), ("IRN", ()), ("DEU", ())}
    assert runner.invoke(main, ["export", "graphml", "--db", url, "-o", str(tmp_path / "g.graphml")]).exit_code == 0
    import networkx as nx

    g = nx.read_graphml(tmp_path / "g.graphml")
    assert {d["embargo_flags"] for _, _, d in g.edges(data=True)} == {"dprk", ""}
