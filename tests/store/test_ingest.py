"""Ingest on SQLite and PostgreSQL: counts and reasons, idempotency, crash recovery, concurrency."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from store_helpers import FIXTURES, FixtureExtractor, dump

from armswatch.ingest import ingest
from armswatch.sources import iter_documents
from armswatch.store import CaseFilter, ClaimFilter, open_store

INPUTS = [
    str(FIXTURES / "articles.jsonl"),
    str(FIXTURES / "more"),
    str(FIXTURES / "more" / "not-an-article.pdf"),
]
CHILD = Path(__file__).with_name("ingest_child.py")


def run(url: str, extractor: FixtureExtractor | None = None, batch_size: int = 3, paths: list[str] = INPUTS):
    with open_store(url) as store:
        return ingest(
            iter_documents(paths),
            store,
            extractor or FixtureExtractor(),
            extractor_version="fixture",
            batch_size=batch_size,
        )


def test_counts_and_reasons(db_url: str) -> None:
    rejected: list[tuple[str, str]] = []
    with open_store(db_url) as store:
        result = ingest(
            iter_documents(INPUTS),
            store,
            FixtureExtractor(),
            extractor_version="fixture",
            batch_size=4,
            on_reject=lambda s, r: rejected.append((s, r)),
        )
    # 9 good records + 2 bad lines in the .jsonl; 2 .txt files (one a copy); the .pdf
    assert (result.read, result.stored, result.skipped, result.rejected) == (14, 10, 1, 3)
    assert result.claims == 12 and result.claims_rejected == 1
    assert result.reasons == {
        "skipped: already stored": 1,
        "rejected record: malformed JSON": 1,
        "rejected record: record has no non-empty '…' or '…'": 1,
        "rejected record: unsupported file type '…'": 1,
        "rejected claim: unknown category '…'": 1,
    }
    sources = sorted(Path(s).name for s, _ in rejected)
    assert sources == [
        "articles.jsonl#10",
        "articles.jsonl#11",
        "articles.jsonl#6 claim 2",
        "not-an-article.pdf",
    ]
    assert result.rejections == rejected


def test_ingest_twice_equals_once(db_url: str, new_db_url) -> None:
    run(db_url)
    extractor = FixtureExtractor()
    again = run(db_url, extractor)
    assert (again.stored, again.claims, again.skipped) == (0, 0, 11)
    assert extractor.calls == 0  # known texts are skipped before extraction
    once = new_db_url()
    run(once)
    with open_store(db_url) as a, open_store(once) as b:
        assert dump(a) == dump(b)


def test_evidence_base_from_fixtures(db_url: str) -> None:
    run(db_url)
    with open_store(db_url) as store:
        docs = {d.doc_id: d for d in store.documents()}
        assert docs["hc-001"].dup_group == docs["vt-044"].dup_group  # syndicated copy
        assert len({d.dup_group for d in docs.values()}) == len(docs) - 1
        (shells,) = store.cases(CaseFilter(supplier="PRK", category="ammunition"))
        # Lydia Marsh (three articles, two of them copies) + the South Korean ministry
        assert shells.n_claims == 4 and shells.n_documents == 4 and shells.corroboration == 2
        assert shells.status == "ongoing"
        assert [s.status for s in shells.status_history] == ["delivered", "ongoing"]
        assert [(q.quantity, q.by) for q in shells.quantities] == [
            (5200.0, "Lydia Marsh"),
            (5200.0, "Lydia Marsh"),
            (1000000.0, "South Korean Defence Ministry"),
        ]
        (tanks,) = store.cases(CaseFilter(supplier="DEU"))
        assert [s.status for s in tanks.status_history] == ["pledged", "delivered"]
        assert len(store.claims(ClaimFilter(denied=True))) == 2


def _spawn(url: str, mode: str, delay: float = 0.0, batch_size: int = 2) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, str(CHILD), url, str(batch_size), str(delay), mode, *INPUTS],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _kill_after(proc: subprocess.Popen[str], line: str) -> list[str]:
    seen: list[str] = []
    assert proc.stdout is not None
    for out in proc.stdout:
        seen.append(out.strip())
        if out.strip() == line:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, (seen, proc.stderr.read() if proc.stderr else "")
    return seen


@pytest.mark.parametrize("mode", ["during-extraction", "inside-transaction"])
def test_killed_ingest_rerun_equals_uninterrupted(db_url: str, new_db_url, mode: str) -> None:
    if mode == "during-extraction":  # killed while batch 3 is being extracted
        seen = _kill_after(_spawn(db_url, "plain", delay=0.15), "committed 2")
    else:  # killed after batch 3's rows were written, before its commit
        seen = _kill_after(_spawn(db_url, "stall-in-transaction"), "stalled")
    assert "committed 2" in seen and "committed 3" not in seen
    with open_store(db_url) as store:
        partial = store.stats()
    assert 0 < partial["documents"] < 10  # half-way: some batches committed, not all

    rerun = run(db_url, batch_size=2)
    assert rerun.skipped >= partial["documents"]
    whole = new_db_url()
    run(whole, batch_size=2)
    with open_store(db_url) as a, open_store(whole) as b:
        assert dump(a) == dump(b)


def test_two_ingests_at_once(db_url: str, new_db_url) -> None:
    open_store(db_url).close()  # create the schema first: both children then race on data only
    procs = [_spawn(db_url, "plain", delay=0.05, batch_size=2) for _ in range(2)]
    stored = 0
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        stored += int(out.split("done stored=")[1].split()[0])
    assert stored == 10  # each document stored by exactly one of the two
    alone = new_db_url()
    run(alone, batch_size=2)
    with open_store(db_url) as a, open_store(alone) as b:
        da, db = dump(a), dump(b)
        assert a.stats() == b.stats()
        for table in ("claims", "extractions", "case_claims", "cases", "dedup_bands", "dedup_signatures"):
            assert da[table] == db[table], table

        # which copy of a near-duplicate pair was stored first may differ; the grouping may not
        def groups(s):
            by: dict[str, set[str]] = {}
            for d in s.documents():
                by.setdefault(d.dup_group, set()).add(d.doc_id)
            return sorted(map(sorted, by.values()))

        assert groups(a) == groups(b)


def test_two_processes_creating_a_fresh_database(db_url: str) -> None:
    procs = [_spawn(db_url, "plain", batch_size=5) for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with open_store(db_url) as store:
        assert store.stats()["documents"] == 10


def test_extraction_failure_is_counted_and_the_batch_goes_on(db_url: str) -> None:
    result = run(db_url, FixtureExtractor(fail_on=frozenset({"nl-207"})))
    assert result.stored == 9 and result.rejected == 4
    assert result.reasons["rejected record: extraction failed"] == 1
    assert any("simulated extractor crash on nl-207" in r for _, r in result.rejections)
    again = run(db_url)  # the failed document is picked up by the next run
    assert again.stored == 1
