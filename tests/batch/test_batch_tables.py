"""Batch tables without the model: rows round-trip every Claim field, shards are read or refused with a
reason, failures are counted, and results load into a SQLite store exactly once."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from armswatch.batch import CLAIMS_SCHEMA, claim_from_row, load_results, read_table
from armswatch.batch.layout import prepare_out_dir
from armswatch.batch.local import screen
from armswatch.batch.output import BatchSummary, ResultWriter
from armswatch.batch.rows import Tables, document_from_row, result_tables
from armswatch.batch.shards import iter_shard, iter_shards
from armswatch.batch.worker import Failure, extract_outcomes
from armswatch.errors import ArmswatchError, InputError
from armswatch.model import Claim, Document
from armswatch.settings import load_settings
from armswatch.sources.skipped import Skipped
from armswatch.store import open_store

DOC = Document(id="d1", text="Norway has delivered 24 K9 howitzers to Estonia, officials said.", title="Guns",
               published=date(2024, 5, 3), outlet="Test Wire", origin="a.jsonl#1", meta={"fetched": "2024-05-03"})
OTHER = Document(id="d2", text="The central bank kept rates on hold.", origin="a.jsonl#2")
CLAIMS = [
    Claim(document_id="d1", supplier="NOR", recipient="EST", category="artillery", status="delivered",
          item="K9 howitzers", evidence=DOC.text, evidence_span=(0, len(DOC.text)), quantity=24.0,
          quantity_text="24", unit="howitzers", hedged=True, denied=False, period_start="2024-05",
          period_end=None, source="officials", via="Test Wire", extractor_version="9.9"),
    Claim(document_id="d1", supplier="NOR", recipient="EST", category="ammunition", status="pledged",
          item="shells", evidence="Norway", evidence_span=(0, 6), extractor_version="9.9"),
]


def test_claims_schema_covers_every_claim_field():
    columns = set(CLAIMS_SCHEMA.names)
    for f in fields(Claim):
        assert (f.name in columns) if f.name != "evidence_span" else {"span_start", "span_end"} <= columns


def test_rows_round_trip():
    items = [DOC, InputError("a.jsonl#3", "malformed JSON"), OTHER, Skipped("b.warc@9", "not-html", "image/png")]
    t = result_tables(items, {0: CLAIMS, 2: []}, keep_text=True, extractor_version="9.9")
    assert [claim_from_row(r) for r in t.claims.to_pylist()] == CLAIMS
    assert [r["ordinal"] for r in t.claims.to_pylist()] == [0, 1]
    docs = [document_from_row(r) for r in t.documents.to_pylist()]
    assert docs == [DOC, OTHER] and docs[0].meta == DOC.meta
    assert t.documents["n_claims"].to_pylist() == [2, 0]
    assert t.errors.to_pylist() == [
        {"input": "a.jsonl#3", "outcome": "rejected", "reason_key": "unreadable", "reason": "malformed JSON"},
        {"input": "b.warc@9", "outcome": "skipped", "reason_key": "not-html", "reason": "image/png"}]
    s = BatchSummary(engine="local")
    s.add(t)
    assert (s.read, s.documents, s.claims, s.rejected, s.skipped) == (4, 2, 2, 1, 1)


def test_a_failing_extraction_is_a_counted_rejection():
    class Flaky:
        def extract_batch(self, docs: list[Document], texts: list[str | None] | None = None) -> list[list[Claim]]:
            if any(d.id == "d2" for d in docs):
                raise RuntimeError("parser exploded")
            return [CLAIMS for _ in docs]

    outcomes = extract_outcomes(Flaky(), [DOC, OTHER])  # type: ignore[arg-type]
    assert outcomes[0] == CLAIMS and outcomes[1] == Failure("extraction failed (RuntimeError: parser exploded)")
    t = result_tables([DOC, OTHER], dict(enumerate(outcomes)), keep_text=True, extractor_version="9.9")
    assert t.documents["id"].to_pylist() == ["d1"]
    assert t.errors.to_pylist() == [{"input": "a.jsonl#2", "outcome": "rejected", "reason_key": "extraction-failed",
                                     "reason": "extraction failed (RuntimeError: parser exploded)"}]


def test_the_reader_settles_what_the_prefilter_can_and_sends_the_rest_with_its_text():
    from armswatch.extract.prefilter import load_prefilter

    class Broken:
        def may_hold_claims(self, text: str) -> bool:
            raise ValueError("bad text")

    settings = load_settings()
    settled, todo, texts = screen([OTHER, DOC], settings, load_prefilter())
    assert settled == {0: []} and todo == [1] and texts == [DOC.text]
    settled, todo, texts = screen([OTHER], settings, Broken())  # type: ignore[arg-type]
    assert settled == {0: Failure("extraction failed (ValueError: bad text)")} and todo == [] and texts == []
    # without the pre-filter every document goes to the parser
    assert screen([OTHER, DOC], settings, None)[1] == [0, 1]


def test_shards_listed_and_refused_with_reasons(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n')
    (tmp_path / "b.csv").write_text("x\n")
    (tmp_path / "feed.rss").write_text("<rss/>")
    found = list(iter_shards([tmp_path, tmp_path / "b.csv", tmp_path / "nope.jsonl", "https://example.org/x"]))
    assert found[0] == tmp_path / "a.jsonl" and len(found) == 4
    reasons = {e.source: e.reason for e in found[1:] if isinstance(e, InputError)}
    assert "not a batch shard" in reasons[str(tmp_path / "b.csv")]
    assert reasons[str(tmp_path / "nope.jsonl")] == "no such file or folder"
    assert "offline" in reasons["https://example.org/x"]


def test_parquet_shard_records(tmp_path):
    path = tmp_path / "p.parquet"
    pq.write_table(pa.table({"id": [5, None, None], "text": ["Tanks were sent.", "Rates held.", ""],
                             "published": [date(2024, 1, 2), None, None]}), path)
    items = list(iter_shard(path, load_settings(languages="any")))
    assert [(d.id, d.origin, d.published) for d in items[:2] if isinstance(d, Document)] == [
        ("5", f"{path}#1", date(2024, 1, 2)), ("p#2", f"{path}#2", None)]
    assert isinstance(items[2], InputError) and "no non-empty 'text'" in items[2].reason
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "q.parquet")
    (bad,) = iter_shard(tmp_path / "q.parquet", load_settings())
    assert isinstance(bad, InputError) and "no 'text' or 'html' column" in bad.reason


def _results(out: Path, keep_text: bool = True, documents_version: str = "9.9",
             claims: list[Claim] = CLAIMS) -> None:
    prepare_out_dir(out, overwrite=False)
    t = result_tables([DOC, OTHER], {0: claims, 1: []}, keep_text=keep_text, extractor_version=documents_version)
    with ResultWriter(out, "part-00000") as w:
        w.write(t)


class _Recorded:
    """A stand-in extractor for `ingest`: what it would find again (never asked when nothing is stale)."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def extract(self, document: Document) -> list[Claim]:
        self.asked.append(document.id)
        return [replace(c, extractor_version="") for c in CLAIMS if c.document_id == document.id]


def test_loaded_results_keep_the_runs_identity_and_are_not_extracted_again(tmp_path):
    """The store holds the batch's claims under the identity the run wrote, so `reextract` (ingest of the
    stored documents under the same identity) finds nothing stale."""
    from armswatch.ingest import ingest, stored_documents

    identity = "0.1.0+00112233aabbccdd"
    out = tmp_path / "out"
    _results(out, documents_version=identity, claims=[replace(c, extractor_version=identity) for c in CLAIMS])
    s = BatchSummary(engine="local")
    s.add(read_tables(out))
    assert s.extractor_version == identity and s.to_dict()["extractor_version"] == identity
    with open_store(str(tmp_path / "s.sqlite3")) as store:
        assert load_results(out, store).stored == 2
        assert {c.claim.extractor_version for c in store.claims()} == {identity}
        extractor = _Recorded()
        again = ingest(stored_documents(store), store, extractor, extractor_version=identity)
        assert (again.skipped, again.reextracted, extractor.asked) == (2, 0, [])
        newer = ingest(stored_documents(store), store, extractor, extractor_version="0.1.0+ffffffffffffffff")
        assert newer.reextracted == 2  # another extractor does find them stale


def test_results_written_with_the_package_version_load_under_the_claims_identity(tmp_path):
    """Batch outputs written before the documents carried the identity: the claims' own stamp wins."""
    identity = "0.1.0+00112233aabbccdd"
    out = tmp_path / "out"
    _results(out, documents_version="0.1.0", claims=[replace(c, extractor_version=identity) for c in CLAIMS])
    with open_store(str(tmp_path / "s.sqlite3")) as store:
        load_results(out, store)
        assert {c.claim.extractor_version for c in store.claims()} == {identity}
        assert store.extracted([DOC.content_hash, OTHER.content_hash], identity) == {
            DOC.content_hash, OTHER.content_hash}


def test_results_of_two_extractors_are_refused(tmp_path):
    out = tmp_path / "out"
    _results(out, documents_version="0.1.0+00112233aabbccdd",
             claims=[replace(c, extractor_version="0.1.0+ffffffffffffffff") for c in CLAIMS])
    with open_store(str(tmp_path / "s.sqlite3")) as store, pytest.raises(InputError, match="load one run"):
        load_results(out, store)


def read_tables(out: Path) -> Tables:
    return Tables(*(read_table(out, name) for name in ("claims", "documents", "errors")))


def test_load_results_into_sqlite_once(tmp_path):
    out = tmp_path / "out"
    _results(out)
    with open_store(str(tmp_path / "s.sqlite3")) as store:
        first = load_results(out, store)
        assert (first.stored, first.claims, first.rejected) == (2, 2, 0)
        stored = sorted((c.claim for c in store.claims()), key=lambda c: c.category, reverse=True)
        assert [(c.key, c.quantity, c.evidence_span, c.source, c.via, c.hedged) for c in stored] == [
            (c.key, c.quantity, c.evidence_span, c.source, c.via, c.hedged) for c in CLAIMS]
        second = load_results(out, store)
        assert (second.stored, second.skipped, second.claims) == (0, 2, 0)
        assert len(store.claims()) == 2


def test_results_without_text_are_refused_by_document(tmp_path):
    out = tmp_path / "out"
    _results(out, keep_text=False)
    with open_store(str(tmp_path / "s.sqlite3")) as store:
        result = load_results(out, store)
    assert (result.stored, result.rejected) == (0, 2)
    assert "no text" in result.rejections[0][1]
    with pytest.raises(InputError, match="not a batch output directory"):
        read_table(tmp_path, "claims")


def test_output_directory_is_not_overwritten_by_accident(tmp_path):
    _results(tmp_path / "out")
    with pytest.raises(ArmswatchError, match="holds batch results already"):
        prepare_out_dir(tmp_path / "out", overwrite=False)
    prepare_out_dir(tmp_path / "out", overwrite=True)
    assert read_table(tmp_path / "out", "claims").num_rows == 0


def test_jsonl_shards_stream_the_records_analyze_reads(tmp_path):
    from armswatch.sources import iter_items

    path = tmp_path / "s.jsonl"
    lines = ['{"id": "a", "text": "Tanks were sent to the front.", "published": "2024-02-03"}', "",
             '{"text": "Rates held."}', '{"text": "cut', '{"title": "no text"}']
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    settings = load_settings(languages="any")
    mine, theirs = list(iter_shard(path, settings)), list(iter_items([path], settings))
    assert [d for d in mine if isinstance(d, Document)] == [d for d in theirs if isinstance(d, Document)]
    assert [(e.source, e.reason) for e in mine if isinstance(e, InputError)] == [
        (e.source, e.reason) for e in theirs if isinstance(e, InputError)]
    assert [d.id for d in mine if isinstance(d, Document)] == ["a", "s#3"]


def test_jsonl_bad_bytes_cost_one_record_not_the_shard(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n{"text": "fine"}\n')
    items = list(iter_shard(path, load_settings(languages="any")))
    assert isinstance(items[0], InputError) and "not valid UTF-8" in items[0].reason
    assert isinstance(items[1], Document) and items[1].text == "fine"
    (tmp_path / "empty.jsonl").write_text("\n\n")
    (empty,) = iter_shard(tmp_path / "empty.jsonl", load_settings())
    assert isinstance(empty, InputError) and empty.reason == "empty file"
