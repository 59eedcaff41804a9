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
        # claims carry their own UN embargo verdict and flags besides the stored fields
        extra = ("embargo_verdict", "embargo_flags")
        assert [{k: v for k, v in r.items() if k not in extra} for r in rows] == [
            c.to_dict() for c in filled.claims()]
        flagged = {(r["supplier"], r["recipient"]) for r in rows if r["embargo_flags"] == ["dprk"]}
        assert flagged == {("PRK", "RUS"), ("RUS", "PRK")}  # the DPRK embargo bans both directions
        assert {r["embargo_verdict"] for r in rows if r["supplier"] == "DEU"} == {"not_applicable"}
    elif kind == "cases":
        # cases carry their UN embargo flags besides the stored fields
        assert rows == [k.to_dict() for k in filled.cases()]
        assert all(isinstance(r["embargo_flags"], list) for r in rows)
        flagged = {(r["supplier"], r["recipient"]) for r in rows if r["embargo_flags"]}
        assert {("PRK", "RUS"), ("RUS", "PRK")} <= flagged and not any(s == "DEU" for s, _ in flagged)
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
            if key == "evidence_span":  # two number columns, for spreadsheets
                assert "evidence_span" not in got
                assert [int(got["evidence_start"]), int(got["evidence_end"])] == value
            elif isinstance(value, list | dict):
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


def test_gexf_is_valid_gexf_1_3_with_labels_kinds_and_periods(filled: Store, tmp_path: Path) -> None:
    from lxml import etree

    path = tmp_path / "cases.gexf"
    export(filled, "gexf", path)
    schema = etree.XMLSchema(etree.parse(str(FIXTURES.parent / "gexf" / "gexf-1.3.xsd")))
    doc = etree.parse(str(path))
    assert schema.validate(doc), schema.error_log
    ns = {"g": "http://gexf.net/1.3"}
    assert doc.getroot().get("version") == "1.3"
    assert doc.find("g:graph", ns).get("mode") == "dynamic"
    assert b"networkx_key" not in path.read_bytes()
    edges = {e.get("id"): e for e in doc.iterfind(".//g:edge", ns)}
    for k in filled.cases():
        e = edges[k.id]
        assert e.get("label").startswith(f"{k.category.replace('_', ' ')} · {k.status}")
        assert e.get("kind") == k.category
        if k.first_reported:  # a dated case lives on Gephi's timeline
            assert e.get("start") and e.get("end") and e.get("start") <= e.get("end")
    assert sum(1 for e in edges.values() if e.get("start")) >= len(edges) - 1


def test_gexf_schema_refuses_a_broken_file(tmp_path: Path) -> None:
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(FIXTURES.parent / "gexf" / "gexf-1.3.xsd")))
    bad = etree.fromstring(b'<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes/>'
                           b'<edges><edge source="a"/></edges></graph></gexf>')  # no target
    assert not schema.validate(bad)


def test_graph_periods_are_the_transfers_own(filled: Store, tmp_path: Path) -> None:
    from armswatch.export.graph import case_period

    dated = [(k, c) for k in filled.cases() for c in filled.claims(ClaimFilter(case_id=k.id))
             if c.claim.period_start]
    assert dated, "the fixtures have a claim with its own period"
    k, c = dated[0]
    start, _ = case_period(k, filled.claims(ClaimFilter(case_id=k.id)))
    assert start is not None and start.isoformat() <= c.claim.period_start.ljust(10, "9")
    path = tmp_path / "cases.graphml"
    export(filled, "graphml", path)
    g = nx.read_graphml(path)
    d = next(d for _, _, d in g.edges(data=True) if d["case_id"] == k.id)
    assert d["start"] == start.isoformat() and d["kind"] == k.category and "·" in d["label"]
    assert "networkx_key" not in path.read_text()


def test_ftm_articles_carry_their_text_and_links_the_transfer_period(filled: Store) -> None:
    out = io.StringIO()
    export(filled, "ftm", out)
    proxies = [model.get_proxy(json.loads(line)) for line in out.getvalue().splitlines()]
    articles = [p for p in proxies if p.schema.name == "Article"]
    assert articles and all(p.first("bodyText") for p in articles)
    for link in (p for p in proxies if p.schema.name == "UnknownLink"):
        k = filled.case(link.first("recordId") or "")
        assert k is not None
        from armswatch.export.graph import case_period

        start, end = case_period(k, filled.claims(ClaimFilter(case_id=k.id)))
        assert link.first("startDate") == (start.isoformat() if start else None)
        assert link.first("endDate") == (end.isoformat() if end else None)
