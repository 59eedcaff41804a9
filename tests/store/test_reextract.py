"""`reextract`: the stored texts under a new extractor identity; old claims superseded, decisions kept."""

from __future__ import annotations

from store_helpers import make_claim

from armswatch.ingest import ingest
from armswatch.model import Claim, Document
from armswatch.reextract import reextract, stored_documents
from armswatch.store import ClaimFilter, Store


class Versioned:
    """A stand-in extractor: one claim per document, the supplier named in its text."""

    def extract(self, document: Document) -> list[Claim]:
        return [make_claim(supplier=document.text[:3], document_id=document.id)]


DOCS = [Document(id=f"d{n}", text=f"{code} article {n} about shells.", origin=f"t#{n}")
        for n, code in enumerate(["PRK", "IRN", "BLR"])]


def test_reextract_rederives_every_stored_document_once(store: Store) -> None:
    ingest(DOCS, store, Versioned(), extractor_version="old")
    rejected = next(c for c in store.claims() if c.claim.supplier == "IRN")
    store.record_decision(rejected.id, "reject", reason="misread", decided_by="ana")
    assert [d.id for d in stored_documents(store, page=2)] == ["d0", "d1", "d2"]

    seen = []
    result = reextract(store, Versioned(), extractor_version="new", batch_size=2,
                       on_batch=lambda r: seen.append(r.read))
    assert (result.read, result.reextracted, result.skipped, result.claims) == (3, 3, 0, 3)
    assert seen == [2, 3]  # progress after each batch
    assert {c.claim.extractor_version for c in store.claims()} == {"new"}
    assert len(store.claims(ClaimFilter(extractor_version="all"))) == 6  # the old ones kept, superseded
    (irn,) = [c for c in store.claims() if c.claim.supplier == "IRN"]
    assert irn.included is False  # the decision still applies to the re-derived claim

    again = reextract(store, Versioned(), extractor_version="new")
    assert (again.reextracted, again.skipped) == (0, 3)


def test_going_back_to_an_earlier_extractor_makes_its_claims_current_again(store: Store) -> None:
    ingest(DOCS[:1], store, Versioned(), extractor_version="A")
    ingest(DOCS[:1], store, OtherSupplier(), extractor_version="B")
    assert [c.claim.supplier for c in store.claims()] == ["CHN"]
    back = ingest(DOCS[:1], store, Versioned(), extractor_version="A")  # e.g. a data override removed
    assert (back.reextracted, back.skipped) == (1, 0)
    assert [(c.claim.supplier, c.claim.extractor_version) for c in store.claims()] == [("PRK", "A")]
    assert [(k.supplier, k.n_claims) for k in store.cases()] == [("PRK", 1)]


class OtherSupplier:
    def extract(self, document: Document) -> list[Claim]:
        return [make_claim(supplier="CHN", document_id=document.id)]
