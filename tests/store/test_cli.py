"""The store commands: cases, claims, export, decide (over a store filled with the fixture extractor)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_helpers import FIXTURES, FixtureExtractor

from armswatch.cli import main
from armswatch.ingest import ingest
from armswatch.sources import iter_documents
from armswatch.store import open_store


@pytest.fixture
def filled_db(db_url: str) -> str:
    with open_store(db_url) as store:
        ingest(
            iter_documents([FIXTURES / "articles.jsonl", FIXTURES / "more"]),
            store,
            FixtureExtractor(),
            extractor_version="fixture",
            batch_size=4,
        )
    return db_url


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_cases_filters_and_formats(filled_db: str) -> None:
    code, out, _ = run("cases", "--db", filled_db, "--format", "jsonl")
    assert code == 0
    every = jsonl(out)
    assert len(every) == 7 and every[0]["corroboration"] >= every[-1]["corroboration"]
    _, out, _ = run("cases", "--db", filled_db, "--format", "jsonl", "--actor", "UKR", "--status", "delivered")
    assert [(k["supplier"], k["category"]) for k in jsonl(out)] == [("DEU", "armoured_vehicles")]
    _, out, _ = run(
        "cases",
        "--db",
        filled_db,
        "--format",
        "jsonl",
        "--min-corroboration",
        "2",
        "--since",
        "2024",
        "--until",
        "2024-03",
    )
    assert [(k["supplier"], k["category"]) for k in jsonl(out)] == [("PRK", "ammunition")]
    _, out, _ = run("cases", "--db", filled_db, "--format", "csv", "--hedged")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {(r["supplier"], r["category"]) for r in rows} == {("IRN", "uav"), ("RUS", "technology")}
    code, out, _ = run("cases", "--db", filled_db)
    assert code == 0 and "7 case(s)" in out and "PRK → RUS" in out


def test_case_detail_explains(filled_db: str) -> None:
    _, out, _ = run("cases", "--db", filled_db, "--format", "jsonl", "--supplier", "PRK", "--category", "ammunition")
    case_id = jsonl(out)[0]["case_id"]
    code, out, _ = run("cases", "--db", filled_db, "--case", case_id[:6], "--format", "jsonl")
    (detail,) = jsonl(out)
    assert code == 0 and len(detail["members"]) == len(detail["claims"]) == 4
    assert {m["origin"] for m in detail["members"]} == {
        "speaker:lydia marsh",
        "speaker:south korean defence ministry",
    }
    code, out, _ = run("cases", "--db", filled_db, "--case", case_id)
    assert code == 0 and "why they are in this case" in out
    code, _, err = run("cases", "--db", filled_db, "--case", "ffffffff")
    assert code == 1 and "no case 'ffffffff'" in err


def test_claims_filters(filled_db: str) -> None:
    def ids(*args: str) -> list[tuple[str, str]]:
        code, out, err = run("claims", "--db", filled_db, "--format", "jsonl", *args)
        assert code == 0, err
        return [(c["document_id"], c["category"]) for c in jsonl(out)]

    assert len(ids()) == 12
    assert ids("--denied") == [("bb-118", "missiles"), ("nl-207", "technology")]
    assert ids("--source", "tasnim") == [("ts-012", "uav")]
    assert ids("--text", "trains keep") == [] and ids("--text", "had not slowed") == [("gd-310", "ammunition")]
    assert ids("--document", "pl-k2-deal", "--category", "artillery") == [("pl-k2-deal", "artillery")]
    assert len(ids("--limit", "3")) == 3
    code, _, err = run("claims", "--db", filled_db, "--since", "2024-13")
    assert code == 2 and "is not a date" in err
    code, _, err = run("claims", "--db", filled_db, "--category", "boats")
    assert code == 2 and "boats" in err


def test_decisions_from_the_command_line(filled_db: str) -> None:
    _, out, _ = run("claims", "--db", filled_db, "--format", "jsonl", "--document", "gd-310")
    (claim,) = jsonl(out)
    code, _, err = run(
        "decide",
        "reject",
        claim["claim_id"][:8],
        "--why",
        "quote misattributed",
        "--by",
        "ana",
        "--db",
        filled_db,
    )
    assert code == 0 and "decision 1: reject" in err
    _, out, _ = run("claims", "--db", filled_db, "--format", "jsonl", "--document", "gd-310")
    assert jsonl(out)[0]["included"] is False
    _, out, _ = run("claims", "--db", filled_db, "--format", "jsonl", "--without-rejected", "--document", "gd-310")
    assert out == ""
    code, _, _ = run(
        "decide",
        "split",
        claim["claim_id"],
        "--into",
        "spring 2024",
        "--why",
        "later deal",
        "--db",
        filled_db,
    )
    assert code == 0
    _, out, _ = run("cases", "--db", filled_db, "--format", "jsonl", "--supplier", "PRK", "--category", "ammunition")
    assert sorted((k["label"] or "", k["n_claims"]) for k in jsonl(out)) == [("", 3), ("spring 2024", 1)]
    code, out, _ = run("decide", "list", "--db", filled_db)
    assert [d["action"] for d in jsonl(out)] == ["reject", "split"]
    assert jsonl(out)[1]["decided_by"]  # the login name when --by is not given
    code, _, err = run("decide", "reject", "nonexistent", "--why", "x", "--db", filled_db)
    assert code == 1 and "no such claim" in err
    code, _, err = run("decide", "reject", claim["claim_id"], "--db", filled_db)
    assert code == 2 and "--why" in err


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "gexf", "graphml", "ftm"])
def test_export_command(filled_db: str, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"out.{fmt}"
    code, _, err = run("export", fmt, "-o", str(path), "--db", filled_db, "--actor", "RUS")
    assert code == 0, err
    assert path.stat().st_size > 0 and f"to {path}" in err


def test_export_to_stdout_and_errors(filled_db: str) -> None:
    code, out, _ = run("export", "jsonl", "--what", "claims", "-o", "-", "--db", filled_db)
    assert code == 0 and len(out.splitlines()) == 12
    code, _, err = run("export", "parquet", "-o", "-", "--db", filled_db)
    assert code == 2 and "must be written to a file" in err
    code, _, err = run("export", "gexf", "--what", "claims", "-o", "/tmp/x.gexf", "--db", filled_db)
    assert code == 1 and "gexf exports cases" in err


def test_unusable_store_is_a_clean_error(tmp_path: Path) -> None:
    code, _, err = run("cases", "--db", str(tmp_path / "missing" / "x.sqlite3"))
    assert code == 1 and "does not exist" in err
    code, _, err = run("claims", "--db", "mysql://127.0.0.1/x")
    assert code == 1 and "unsupported database" in err


def test_actor_filters_take_names(filled_db: str) -> None:
    def pairs(*args: str) -> set[tuple[str, str]]:
        code, out, err = run("cases", "--db", filled_db, "--format", "jsonl", *args)
        assert code == 0, err
        return {(k["supplier"], k["recipient"]) for k in jsonl(out)}

    assert pairs("--supplier", "North Korea") == pairs("--supplier", "PRK") == {("PRK", "RUS")}
    assert ("PRK", "RUS") in pairs("--actor", "Russia")
    code, _, err = run("cases", "--db", filled_db, "--actor", "Narnia")
    assert code == 2 and "unknown actor 'Narnia'" in err
    code, _, err = run("claims", "--db", filled_db, "--recipient", "Narnia")
    assert code == 2 and "unknown actor 'Narnia'" in err


def test_claims_take_a_case_id_prefix(filled_db: str) -> None:
    _, out, _ = run("cases", "--db", filled_db, "--format", "jsonl", "--supplier", "PRK", "--category", "ammunition")
    case_id = jsonl(out)[0]["case_id"]
    code, out, err = run("claims", "--db", filled_db, "--format", "jsonl", "--case", case_id[:8])
    assert code == 0, err
    assert len(jsonl(out)) == 4 and {c["case_id"] for c in jsonl(out)} == {case_id}
    code, _, err = run("claims", "--db", filled_db, "--case", "ffffffff")
    assert code == 2 and "no case id starts with 'ffffffff'" in err
