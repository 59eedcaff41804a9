"""The local engine end to end: shards of every kind in, Parquet out, claims equal to the extractor's own
output document by document, bad shards reported with their reason while the rest goes on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from tests.conftest import ROOT

from armswatch.batch import claims_by_document, read_table
from armswatch.batch.rows import document_key
from armswatch.batch.shards import iter_shard, iter_shards
from armswatch.cli import main
from armswatch.model import Document
from armswatch.settings import load_settings

pytestmark = pytest.mark.model


def _documents(corpus: Path) -> list[Document]:
    settings = load_settings()
    return [item for shard in iter_shards([corpus]) if isinstance(shard, Path)
            for item in iter_shard(shard, settings) if isinstance(item, Document)]


def test_claims_equal_the_extractors_output(local_run, extractor):
    docs = _documents(local_run.corpus)
    expected = {document_key(d.origin, d.id, d.content_hash): extractor.extract(d) for d in docs}
    got = claims_by_document(read_table(local_run.out, "claims"))
    assert got == {k: v for k, v in expected.items() if v}
    assert len(got) >= 2, "the arms-transfer articles should give claims"
    nor = got[document_key(f"{local_run.corpus}/news.jsonl#1", "nor-est", docs[2].content_hash)]
    assert ("NOR", "EST", "artillery", "delivered") in {c.key for c in nor}
    for claims in got.values():
        for c in claims:  # evidence spans index the document text exactly
            doc = next(d for d in docs if d.id == c.document_id)
            assert doc.text[c.evidence_span[0]:c.evidence_span[1]] == c.evidence


def test_documents_table_in_input_order(local_run):
    docs = _documents(local_run.corpus)
    table = read_table(local_run.out, "documents")
    assert table["origin"].to_pylist() == [d.origin for d in docs]
    assert table["text"].to_pylist() == [d.text for d in docs]
    claims = read_table(local_run.out, "claims")
    per_doc = {o: claims["origin"].to_pylist().count(o) for o in table["origin"].to_pylist()}
    assert table["n_claims"].to_pylist() == [per_doc[o] for o in table["origin"].to_pylist()]
    assert all(w > 0 for w in table["words"].to_pylist())
    # the part files are plain Parquet, readable without armswatch
    part = next((local_run.out / "claims").glob("*.parquet"))
    assert pq.read_table(part).num_rows == claims.num_rows


def test_bad_shards_are_reported_and_the_rest_goes_on(local_run):
    errors = {e["input"]: e for e in read_table(local_run.out, "errors").to_pylist()}
    broken = errors[f"{local_run.corpus}/broken.parquet"]
    assert broken["outcome"] == "rejected" and "not a readable Parquet file" in broken["reason"]
    line = errors[f"{local_run.corpus}/news.jsonl#3"]
    assert line["outcome"] == "rejected" and "malformed JSON" in line["reason"]
    image = next(e for k, e in errors.items() if k.startswith(f"{local_run.corpus}/pages.warc.gz@"))
    assert (image["outcome"], image["reason_key"]) == ("skipped", "not-html")
    s = local_run.summary
    assert (s.documents, s.rejected, s.skipped, s.read) == (6, 2, 1, 9)
    assert s.reasons == {"rejected: unreadable": 2, "skipped: not-html": 1}
    written = json.loads((local_run.out / "summary.json").read_text())
    assert written["documents"] == 6 and written["claims"] == s.claims and written["engine"] == "local"
    assert len(s.worker_peak_rss_mb) == 1 and next(iter(s.worker_peak_rss_mb.values())) > 50


def test_cli_batch_then_load_into_sqlite(local_run, tmp_path):
    out, db = tmp_path / "out", tmp_path / "store.sqlite3"
    runner = CliRunner()
    r = runner.invoke(main, ["batch", "--workers", "0", "--quiet", "--out", str(out), str(local_run.corpus)])
    assert r.exit_code == 1, r.output  # two inputs were unreadable
    assert "broken.parquet: not a readable Parquet file" in r.stderr
    assert "6 analysed" in r.stderr
    # the in-process engine writes what the pool wrote
    for name in ("claims", "documents", "errors"):
        assert read_table(out, name).equals(read_table(local_run.out, name)), name
    again = runner.invoke(main, ["batch", "--workers", "0", "--out", str(out), str(local_run.corpus)])
    assert again.exit_code != 0 and "holds batch results already" in again.stderr

    r = runner.invoke(main, ["batch-load", "--db", str(db), "--json", str(out)])
    assert r.exit_code == 0, r.output
    loaded = json.loads(r.stdout)
    assert loaded["stored"] == 6 and loaded["claims"] == local_run.summary.claims
    from armswatch.store import open_store

    with open_store(str(db)) as store:
        stored = {(c.claim.document_id, c.claim.key) for c in store.claims()}
    batch_claims = read_table(out, "claims").to_pylist()
    assert stored == {(c["document_id"], (c["supplier"], c["recipient"], c["category"], c["status"]))
                      for c in batch_claims}


def test_the_output_carries_the_extractors_identity(local_run, extractor):
    """Documents and claims are written under `Extractor.identity` (the package version alone before), and
    summary.json names it, so what is loaded from them is known to come from this extractor."""
    assert extractor.identity.startswith("0.") and "+" in extractor.identity
    for name in ("documents", "claims"):
        assert set(read_table(local_run.out, name)["extractor_version"].to_pylist()) == {extractor.identity}, name
    assert local_run.summary.extractor_version == extractor.identity
    assert json.loads((local_run.out / "summary.json").read_text())["extractor_version"] == extractor.identity


def test_a_batch_loaded_store_is_not_extracted_again(local_run, extractor, tmp_path, monkeypatch):
    """`batch-load` keeps the run's identity, so `armswatch reextract` under the same extractor re-derives
    nothing (it re-extracted every document when batch wrote the package version)."""
    db = str(tmp_path / "store.sqlite3")
    runner = CliRunner()
    loaded = runner.invoke(main, ["batch-load", "--db", db, "--json", str(local_run.out)])
    assert loaded.exit_code == 0, loaded.output
    from armswatch.store import open_store

    with open_store(db) as store:
        before = sorted((c.id, c.claim.extractor_version) for c in store.claims())
    assert before and {v for _, v in before} == {extractor.identity}
    monkeypatch.setattr("armswatch.extract.Extractor", lambda settings: extractor)  # the model loaded once
    again = runner.invoke(main, ["reextract", "--db", db, "--quiet", "--json"])
    assert again.exit_code == 0, again.output
    counts = json.loads(again.stdout)
    assert (counts["read"], counts["skipped"], counts["reextracted"], counts["claims"]) == (6, 6, 0, 0)
    with open_store(db) as store:
        assert sorted((c.id, c.claim.extractor_version) for c in store.claims()) == before


def test_workers_are_forked_with_the_model_loaded():
    """The fork server builds the extractor once; a worker forked from it uses that one."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from armswatch.batch.pool import worker_context
    from armswatch.batch.worker import init_worker, ready

    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork server on this platform: each worker loads its own model")
    settings = load_settings()
    pool = ProcessPoolExecutor(max_workers=1, mp_context=worker_context(settings),
                               initializer=init_worker, initargs=(settings,))
    try:
        assert pool.submit(ready).result(timeout=300) is True
    finally:
        pool.shutdown()


def test_the_worker_side_imports_no_output_code():
    """The fork server and the workers import `armswatch.batch.worker` alone: no pyarrow, no writers."""
    code = "import sys, armswatch.batch.worker; print(' '.join(sorted(sys.modules)))"
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True).stdout.split())
    assert "armswatch.batch.worker" in loaded
    assert not {m for m in loaded if m.split(".")[0] == "pyarrow"}
    assert not loaded & {"armswatch.batch.output", "armswatch.batch.rows", "armswatch.batch.local"}


def test_a_preloaded_extractor_serves_only_its_own_settings(monkeypatch):
    from types import SimpleNamespace

    from armswatch.batch import preload

    monkeypatch.setattr(preload, "EXTRACTOR", SimpleNamespace(settings=load_settings()))
    assert preload.preloaded(load_settings()) is preload.EXTRACTOR
    assert preload.preloaded(load_settings(model="en_core_web_md")) is None
    monkeypatch.setattr(preload, "EXTRACTOR", None)
    assert preload.preloaded(load_settings()) is None


def _descendants(root: int) -> set[int]:
    """Every process under `root`: the benchmark's /proc walk."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from throughput import descendants
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return set(descendants(root))


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_killed_batch_shuts_its_workers_down(tmp_path):
    """SIGTERM stops `armswatch batch` as Ctrl-C does: exit 130, no fork server or worker left behind."""
    import multiprocessing
    import signal
    import subprocess
    import time

    if not Path("/proc").is_dir() or "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs /proc and a fork server (Linux)")
    shard = tmp_path / "many.jsonl"
    lines = [json.dumps({"id": f"n{i}", "text": f"Germany has delivered {i} tanks to Ukraine, the ministry said. "
                                                 "Wheat prices rose on Monday. " * 20}) for i in range(5000)]
    shard.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "armswatch", "batch", "--quiet", "--workers", "1",
                             "--chunk-size", "16", "--out", str(tmp_path / "out"), str(shard)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen: set[int] = set()
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and len(seen) < 3:  # resource tracker, fork server, a worker
            seen |= _descendants(proc.pid)
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            time.sleep(0.2)
        time.sleep(1.0)  # the worker is parsing
        seen |= _descendants(proc.pid)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err.decode()
    assert b"interrupted" in err
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in seen):
        time.sleep(0.2)
    assert len(seen) >= 3 and not [p for p in seen if _alive(p)]
