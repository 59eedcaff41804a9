"""Ingest with the real extractor (spaCy model): the development corpus, and the real command killed
half-way. These assert store behaviour only, never what the extractor finds."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_helpers import FIXTURES, dump

from armswatch.errors import ConfigError
from armswatch.ingest import ingest
from armswatch.sources import iter_documents
from armswatch.store import open_store

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV_CORPUS = SHARED / "dev-corpus" / "articles"
needs_shared = pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason=f"{DEV_CORPUS} is not there")
pytestmark = pytest.mark.model


@pytest.fixture(scope="session")
def real_extractor():
    from armswatch.extract import Extractor
    from armswatch.settings import load_settings

    try:
        return Extractor(load_settings())
    except ConfigError as e:
        pytest.skip(f"the spaCy model cannot be loaded: {e}")


def _ingest(url: str, extractor, paths: list[Path], batch_size: int = 8):
    with open_store(url) as store:
        return ingest(
            iter_documents(paths),
            store,
            extractor,
            extractor_version=extractor.identity,  # as `armswatch ingest` stores
            batch_size=batch_size,
        )


def test_fixture_articles_with_the_real_extractor(db_url: str, real_extractor) -> None:
    paths = [FIXTURES / "articles.jsonl", FIXTURES / "more"]
    first = _ingest(db_url, real_extractor, paths)
    assert first.stored == 10 and first.rejected == 2 and first.skipped == 1
    with open_store(db_url) as store:
        stats = store.stats()
        assert stats["claims"] == stats["current_claims"] == first.claims
        assert (
            sum(k.n_claims for k in store.cases()) + sum(1 for c in store.claims() if c.included is False)
            == first.claims
        )
    again = _ingest(db_url, real_extractor, paths)
    assert (again.stored, again.claims, again.skipped) == (0, 0, 11)


@needs_shared
def test_dev_corpus_twice_equals_once(db_url: str, new_db_url, real_extractor) -> None:
    once = _ingest(db_url, real_extractor, [DEV_CORPUS])
    assert once.stored == 36 and once.rejected == 0
    with open_store(db_url) as store:
        after_once = dump(store)
    twice = _ingest(db_url, real_extractor, [DEV_CORPUS])
    assert twice.stored == 0 and twice.skipped == 36
    with open_store(db_url) as store:
        assert dump(store) == after_once
    other = new_db_url()
    _ingest(other, real_extractor, [DEV_CORPUS], batch_size=5)  # batch size does not change the result
    with open_store(other) as store:
        assert dump(store) == after_once


def _cli(db: str, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from armswatch.cli import main; main()",
        "ingest",
        "--db",
        db,
        "--quiet",
        "--batch-size",
        "4",
        *extra,
        str(DEV_CORPUS),
    ]


@needs_shared
def test_killed_ingest_command_rerun_equals_uninterrupted(db_url: str, new_db_url, real_extractor) -> None:
    proc = subprocess.Popen(_cli(db_url), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:  # wait until two batches are committed, then kill
            time.sleep(0.05)
            assert proc.poll() is None, "the ingest finished before it could be killed"
            try:
                with open_store(db_url) as store:
                    if store.stats()["documents"] >= 8:
                        break
            except Exception:  # noqa: BLE001 - the schema may not exist yet
                continue
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    with open_store(db_url) as store:
        assert 8 <= store.stats()["documents"] < 36
    rerun = subprocess.run(_cli(db_url), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    whole = new_db_url()
    _ingest(whole, real_extractor, [DEV_CORPUS], batch_size=4)  # uninterrupted, in this process
    with open_store(db_url) as a, open_store(whole) as b:
        assert dump(a) == dump(b)


def test_ingest_command(tmp_path: Path, real_extractor) -> None:
    from click.testing import CliRunner

    from armswatch.cli import main

    db = str(tmp_path / "cli.sqlite3")
    args = ["ingest", "--db", db, "--json", str(FIXTURES / "articles.jsonl"), str(FIXTURES / "more")]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 1  # two records of articles.jsonl cannot be read
    assert "rejected: " in first.stderr and "articles.jsonl#10: malformed JSON" in first.stderr
    summary = json.loads(first.stdout)
    assert (summary["stored"], summary["rejected"], summary["skipped"]) == (10, 2, 1)
    again = CliRunner().invoke(main, [*args[:-2], str(FIXTURES / "more")])
    assert again.exit_code == 0 and json.loads(again.stdout)["stored"] == 0
    assert "2 skipped" in again.stderr
