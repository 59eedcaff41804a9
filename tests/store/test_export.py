"""Every export read back with the library that reads that format in the wild."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from followthemoney import model
from store_helpers import FIXTURES, FixtureExtractor

from armswatch.export import PARQUET_SCHEMAS, ExportError, export
from armswatch.ingest import ingest
from armswatch.sources import iter_documents
from armswatch.store import CaseFilter, ClaimFilter, Store


@pytest.fixture
def filled(store: Store) -> Store:
    ingest(
        iter_documents([FIXTURES / "articles.jsonl", FIXTURES / "more"]),
        store,
        FixtureExtractor(),
        extractor_version="fixture",
        batch_size=5,
    )
    return store


@pytest.mark.parametrize("kind", ["claims", "cases", "documents"])
def test_jsonl_round_trip(filled: Store, kind: str) -> None:
    out = io.StringIO()
    n = export(filled, "jsonl", out, kind)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == n > 0
    if kind == "claims":
        assert rows == [c.to_dict() for c in filled.claims()]
    elif kind == "cases":
        # cases carry their UN embargo flags besides the stored fields
        assert [{k: v for k, v in r.items() if k != "embargo_flags"} for r in rows] == [
            k.to_dict() for k in filled.cases()]
        assert all(isinstance(r["embargo_flags"], list) for r in rows)
    else:
        assert {r["id"] for r in rows} == {d.id for d in filled.documents()}


@pytest.mark.parametrize("kind", ["claims", "cases"])
def test_csv_round_trip(filled: Store, kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.csv"
    n = export(filled, "csv", path, kind)
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == n > 0
    expected = [c.to_dict() for c in filled.claims()] if kind == "claims" else [k.to_dict() for k in filled.cases()]
    for got, want in zip(rows, expected, strict=True):
        for key, value in want.items():
            if isinstance(value, list | dict):
                assert json.loads(got[key]) == value
            elif value is None:
                assert got[key] == ""
            else:
                assert got[key] == str(value), key


@pytest.mark.parametrize("kind", ["claims", "cases", "documents"])
def test_parquet_round_trip(filled: Store, kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.parquet"
    n = export(filled, "parquet", path, kind)
    table = pq.read_table(path)
    assert table.num_rows == n > 0
    assert table.schema.equals(PARQUET_SCHEMAS[kind], check_metadata=False)
    rows = table.to_pylist()
    if kind == "cases":
        cases = filled.cases()
        assert [r["case_id"] for r in rows] == [k.id for k in cases]
        assert [r["first_reported"] for r in rows] == [k.first_reported for k in cases]
        assert [[s["status"] for s in r["status_history"]] for r in rows] == [
            [s.status for s in k.status_history] for k in cases
        ]
        assert [[q["quantity"] for q in r["quantities"]] for r in rows] == [
            [q.quantity for q in k.quantities] for k in cases
        ]
    elif kind == "claims":
        claims = filled.claims()
        assert [(r["claim_id"], r["evidence_span"], r["published"]) for r in rows] == [
            (c.id, list(c.claim.evidence_span), c.published) for c in claims
        ]


def test_empty_parquet_still_has_the_schema(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "none.parquet"
    assert export(store, "parquet", path, "cases") == 0
    assert pq.read_table(path).schema.equals(PARQUET_SCHEMAS["cases"], check_metadata=False)


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_graph_round_trip(filled: Store, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"cases.{fmt}"
    n = export(filled, fmt, path)
    g = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    cases = filled.cases()
    assert n == len(cases) == g.number_of_edges()
    assert set(g.nodes) == {a for k in cases for a in (k.supplier, k.recipient)}
    assert g.nodes["PRK"]["label"] == "North Korea" and g.nodes["PRK"]["kind"] == "state"
    edges = {d["case_id"]: (u, v, d) for u, v, d in g.edges(data=True)}
    for k in cases:
        u, v, d = edges[k.id]
        assert (u, v, d["category"], d["status"], int(d["corroboration"])) == (
            k.supplier,
            k.recipient,
            k.category,
            k.status,
            k.corroboration,
        )
        assert d["first_reported"] == (k.first_reported.isoformat() if k.first_reported else "")


def test_ftm_entities_are_valid_and_linked(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "entities.ftm.json"
    n = export(filled, "ftm", path)
    entities = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(entities) == n
    proxies = {}
    for e in entities:
        proxy = model.get_proxy(e)  # the real library parses each one back
        proxy.schema.validate(e)
        proxies[proxy.id] = proxy
    assert len(proxies) == n  # every entity written once
    links = [p for p in proxies.values() if p.schema.name == "UnknownLink"]
    assert len(links) == len(filled.cases())
    for link in links:  # every reference resolves to an entity in the file
        for prop in ("subject", "object", "proof"):
            assert link.get(prop) and all(ref in proxies for ref in link.get(prop))
    prk = proxies["armswatch-actor-prk"]
    assert prk.schema.name == "PublicBody" and prk.get("country") == ["kp"]
    shells = next(
        p for p in links if p.get("subject") == ["armswatch-actor-prk"] and "supplies ammunition" in p.get("role")[0]
    )
    assert len(shells.get("proof")) == 4 and "Lydia Marsh" in (shells.first("description") or "")


def test_filters_reach_exports(filled: Store) -> None:
    out = io.StringIO()
    n = export(filled, "jsonl", out, "claims", claim_filter=ClaimFilter(actor="IRN"))
    assert n == len(filled.claims(ClaimFilter(actor="IRN"))) > 0
    out = io.StringIO()
    n = export(filled, "jsonl", out, "cases", case_filter=CaseFilter(min_corroboration=2))
    assert 0 < n == len(filled.cases(CaseFilter(min_corroboration=2))) < len(filled.cases())


def test_export_errors(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format 'xlsx'"):
        export(filled, "xlsx", tmp_path / "x")
    with pytest.raises(ExportError, match="gexf exports cases"):
        export(filled, "gexf", tmp_path / "x", "claims")
    with pytest.raises(ExportError, match="give an output path"):
        export(filled, "parquet", io.StringIO(), "claims")
