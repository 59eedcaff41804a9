"""`reextract`: the stored documents read again under another extractor; old claims superseded, decisions kept."""

from __future__ import annotations

from click.testing import CliRunner
from store_helpers import make_claim

from armswatch.cli import main
from armswatch.ingest import ingest, stored_documents
from armswatch.model import Claim, Document
from armswatch.store import Store


class _Rules:
    """An extractor whose every document yields one claim from `source`."""

    def __init__(self, source: str) -> None:
        self.source = source

    def extract(self, document: Document) -> list[Claim]:
        return [make_claim(document_id=document.id, source=self.source)]


def test_stored_documents_come_back_as_read_and_are_extracted_again(store: Store) -> None:
    docs = [Document(id=f"a{n}", text=f"Story {n}, told its own way.", title=f"T{n}", outlet="Wire",
                     origin=f"f#{n}") for n in range(3)]
    ingest(docs, store, _Rules("first"), extractor_version="v1", batch_size=2)
    claim = store.claims()[0]
    store.record_decision(claim.id, "reject", reason="misread", decided_by="ana")
    again = list(stored_documents(store, page=2))
    assert [(d.id, d.text, d.title, d.outlet, d.origin) for d in again] == [
        (d.id, d.text, d.title, d.outlet, d.origin) for d in docs]
    same = ingest(stored_documents(store), store, _Rules("first"), extractor_version="v1")
    assert (same.skipped, same.reextracted) == (3, 0)
    redone = ingest(stored_documents(store), store, _Rules("second"), extractor_version="v2")
    assert redone.reextracted == 3
    current = store.claims()
    assert {c.claim.source for c in current} == {"second"} and len(current) == 3
    rejected = [c for c in current if c.claim.document_id == claim.claim.document_id]
    assert rejected[0].included is False, "the decision still applies to the same statement"


def test_the_command_on_a_store(tmp_path, monkeypatch) -> None:
    db = tmp_path / "s.sqlite3"
    monkeypatch.setenv("ARMSWATCH_DB", str(db))
    monkeypatch.setattr("armswatch.extract.Extractor", lambda settings: _Identity(settings))
    result = CliRunner().invoke(main, ["reextract", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "0 read" in result.output


class _Identity(_Rules):
    def __init__(self, settings: object) -> None:
        super().__init__("cli")
        self.identity = "test"
