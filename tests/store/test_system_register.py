"""Weapon systems in the views: the system filter on claims and cases, the register folded from the claims,
its export (CSV and Parquet with typed columns, read back in pandas and DuckDB), and the commands
(`claims/cases --system`, `export register`, `systems show --db`); on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.system_views_data import ARTICLES, fill, write_catalogue

from armswatch.cli import main
from armswatch.export.register import REGISTER_SCHEMA, write_register
from armswatch.register import register_rows
from armswatch.store import CaseFilter, ClaimFilter, Store
from armswatch.store.search import search_claims
from armswatch.store.transfers import system_counts, transfer_rows

# how many claims of the invented articles name each system
NAMING = {sid: sum(1 for *_, claims in ARTICLES for c in claims if c.get("system") == sid)
          for sid in ("zephyr-9", "bulwark")}


@pytest.fixture(autouse=True)
def invented_systems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMSWATCH_DATA_OVERRIDES", str(write_catalogue(tmp_path / "overrides")))


@pytest.fixture
def filled(store: Store) -> Iterator[Store]:
    fill(store)
    yield store


def _pairs(cases: list) -> set[tuple[str, str]]:
    return {(k.supplier, k.recipient) for k in cases}


def _register(store: Store, **kw: object) -> dict[tuple[str, str, str | None], dict]:
    return {(r.supplier, r.recipient, r.system): r.to_dict() for r in register_rows(transfer_rows(store), **kw)}


def test_the_system_filter_keeps_the_claims_naming_it_and_the_cases_one_of_whose_claims_does(filled: Store) -> None:
    claims = filled.claims(ClaimFilter(system="zephyr-9"))
    assert len(claims) == NAMING["zephyr-9"] and {c.claim.system for c in claims} == {"zephyr-9"}
    assert _pairs(filled.cases(CaseFilter(system="zephyr-9"))) == {("FIN", "UKR"), ("EST", "UKR"), ("LVA", "UKR"),
                                                                    ("FIN", "GEO")}
    assert _pairs(filled.cases(CaseFilter(system="bulwark"))) == {("NOR", "POL")}
    assert filled.cases(CaseFilter(system="no-such-system")) == []
    # with the other filters, and a page of claims with its total (claim_counts does not count by system)
    assert _pairs(filled.cases(CaseFilter(system="zephyr-9", supplier="FIN"))) == {("FIN", "UKR"), ("FIN", "GEO")}
    page = search_claims(filled, ClaimFilter(system="zephyr-9", recipient="UKR"), limit=2)
    assert page.total == NAMING["zephyr-9"] - 1 and len(page.claims) == 2


def test_a_case_whose_claims_naming_the_system_are_all_rejected_no_longer_names_it(filled: Store) -> None:
    named = [c for c in filled.claims(ClaimFilter(system="zephyr-9", supplier="FIN", recipient="UKR"))]
    for c in named:
        filled.record_decision(c.id, "reject", reason="test: not this system", decided_by="test")
    assert ("FIN", "UKR") in _pairs(filled.cases(CaseFilter(category="uav")))  # its generic claim still counts
    assert ("FIN", "UKR") not in _pairs(filled.cases(CaseFilter(system="zephyr-9")))


def test_the_register_takes_the_largest_number_reported_not_their_sum_nor_containers(filled: Store) -> None:
    row = _register(filled)[("FIN", "UKR", "zephyr-9")]
    assert row["designation"] == "Zephyr-9" and row["category"] == "uav"
    assert row["number_ordered"] == 40  # the pledge
    assert row["number_delivered"] == 30  # 25 then 30 reported; "3 containers of" counts no drones
    assert (row["status"], row["hedged"], row["denied"], row["producer_differs"]) == ("delivered", False, False,
                                                                                      False)
    # pledged in 2023; delivered from May 2023 (a claim's own period) to May 2024
    assert (row["year_ordered"], row["first_year_delivered"], row["last_year_delivered"]) == (2023, 2023, 2024)
    # the ministry, the outlet cited, and one speaker quoted twice
    assert row["independent_sources"] == 3 and row["claims"] == 4 and len(row["claim_ids"]) == 4
    assert len(row["cases"]) == 1 and all(u.startswith("https://") for u in row["evidence_urls"])


def test_the_register_marks_hedging_denial_and_a_supplier_that_does_not_build_it(filled: Store) -> None:
    rows = _register(filled)
    assert rows[("LVA", "UKR", "zephyr-9")]["producer_differs"] is True  # a re-export
    assert rows[("EST", "UKR", "zephyr-9")]["producer_differs"] is False  # licensed production
    assert rows[("LVA", "UKR", "zephyr-9")]["hedged"] is True
    denied = rows[("FIN", "GEO", "zephyr-9")]
    assert denied["denied"] is True and denied["number_delivered"] is None
    assert denied["independent_sources"] == 0  # only the supplier's own denial stands behind it
    assert rows[("NOR", "POL", "bulwark")]["producer_differs"] is None  # no producer known
    assert not any(system is None for _s, _r, system in rows)  # generic items only with all_items


def test_the_register_leaves_out_rejected_claims_and_lists_generic_items_on_request(filled: Store) -> None:
    biggest = next(c for c in filled.claims(ClaimFilter(system="zephyr-9")) if c.claim.quantity == 30)
    filled.record_decision(biggest.id, "reject", reason="test: misread", decided_by="test")
    assert _register(filled)[("FIN", "UKR", "zephyr-9")]["number_delivered"] == 25
    generic = _register(filled, all_items=True)[("FIN", "UKR", None)]
    assert generic["designation"] is None and generic["number_delivered"] == 100 and generic["claims"] == 1


def test_system_counts(filled: Store) -> None:
    counts = system_counts(filled)
    assert counts["zephyr-9"] == (NAMING["zephyr-9"], 4) and counts["bulwark"] == (NAMING["bulwark"], 1)


def test_the_register_opens_in_pandas_and_duckdb_with_typed_columns(filled: Store, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    parquet, text = tmp_path / "register.parquet", tmp_path / "register.csv"
    n = write_register(filled, parquet, "parquet", all_items=True)
    assert write_register(filled, text, "csv", all_items=True) == n == len(_register(filled, all_items=True))
    ints = [f.name for f in REGISTER_SCHEMA if str(f.type) == "int64"]
    bools = [f.name for f in REGISTER_SCHEMA if str(f.type) == "bool"]

    frame = pd.read_parquet(parquet)
    assert len(frame) == n and all(str(frame[c].dtype) == "Int64" for c in ints)
    assert str(frame["hedged"].dtype) == "bool" and str(frame["producer_differs"].dtype) == "boolean"
    row = frame[(frame.supplier == "FIN") & (frame.recipient == "UKR") & (frame.system == "zephyr-9")].iloc[0]
    assert row.number_delivered == 30 and list(row.claim_ids) and pd.isna(
        frame[frame.system.isna()].iloc[0].number_ordered)
    from_csv = pd.read_csv(text, dtype_backend="numpy_nullable")
    assert all(str(from_csv[c].dtype) == "Int64" for c in ints)
    assert all(str(from_csv[c].dtype) == "boolean" for c in bools)

    con = duckdb.connect()
    for source in (f"read_parquet('{parquet}')", f"read_csv('{text}')"):
        types = dict(con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()[i][:2] for i in range(
            len(REGISTER_SCHEMA)))
        assert all(types[c] == "BIGINT" for c in ints), (source, types)
        assert all(types[c] == "BOOLEAN" for c in bools), (source, types)
        delivered = con.execute(f"SELECT number_delivered FROM {source} WHERE supplier = 'FIN' AND recipient = "
                                "'UKR' AND system = 'zephyr-9'").fetchone()
        assert delivered == (30,)
    assert con.execute(f"SELECT len(claim_ids) FROM read_parquet('{parquet}') WHERE system = 'bulwark'").fetchone() \
        == (NAMING["bulwark"],)


# ------------------------------------------------------------------------------------------- commands

def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_claims_and_cases_take_a_system_by_any_of_its_names(filled: Store, db_url: str) -> None:
    db = db_url
    for name in ("zephyr-9", "Gale-2", "zephyr 9"):
        code, out, _ = _run("claims", "--db", db, "--system", name, "--format", "jsonl")
        assert code == 0 and len(out.splitlines()) == NAMING["zephyr-9"], name
    code, out, _ = _run("cases", "--db", db, "--system", "Bulwark", "--format", "jsonl")
    assert code == 0 and [(r["supplier"], r["recipient"]) for r in map(json.loads, out.splitlines())] == [
        ("NOR", "POL")]
    code, _, err = _run("claims", "--db", db, "--system", "Zephyr-99")
    assert code == 2 and "Zephyr-99" in err and "zephyr-9" in err  # named, with the nearest system


def test_export_register_and_systems_show(filled: Store, db_url: str, tmp_path: Path) -> None:
    db = db_url
    code, out, err = _run("export", "register", "--db", db, "-o", "-")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and f"wrote {len(rows)} register rows" in err
    assert {r["system"] for r in rows} == {"zephyr-9", "bulwark"} and list(rows[0]) == REGISTER_SCHEMA.names
    code, _, _ = _run("export", "register", "--format", "parquet", "--all-items", "--system", "Gale-2", "--db", db,
                      "-o", str(tmp_path / "z.parquet"))
    assert code == 0 and (tmp_path / "z.parquet").stat().st_size > 0
    assert _run("export", "csv", "--all-items", "--db", db, "-o", "-")[0] == 2  # a register option elsewhere

    code, out, _ = _run("systems", "show", "Gale-2", "--db", db)
    assert code == 0 and "Zephyr-9 [zephyr-9]" in out and "Finland (FIN)" in out
    assert "producer is not supplier" in out and "LVA" in out
    code, out, _ = _run("systems", "show", "zephyr-9", "--db", db, "--json")
    shown = json.loads(out)
    assert shown["system"]["designation"] == "Zephyr-9" and shown["claims"] == NAMING["zephyr-9"]
    assert {(f["supplier"], f["recipient"]) for f in shown["flows"]} == {("FIN", "UKR"), ("EST", "UKR"),
                                                                         ("LVA", "UKR"), ("FIN", "GEO")}
    code, out, _ = _run("systems", "show", "bulwark", "--json")  # the catalogue entry alone
    assert code == 0 and json.loads(out) == {"system": json.loads(out)["system"]} and "flows" not in out
    code, _, err = _run("systems", "show", "no-such-thing")
    assert code == 1 and "no-such-thing" in err
