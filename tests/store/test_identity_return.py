"""Going back to an earlier extractor identity (a data override removed, the previous model restored) makes
that identity's stored claims current again: before, the text counted as done and the other identity's
claims stayed current."""

from __future__ import annotations

from store_helpers import make_claim

from armswatch.ingest import ingest
from armswatch.model import Claim, Document
from armswatch.store import Store

DOC = Document(id="d0", text="An article about shells sent north.", origin="t#0")


class Finds:
    def __init__(self, supplier: str) -> None:
        self.supplier = supplier

    def extract(self, document: Document) -> list[Claim]:
        return [make_claim(supplier=self.supplier, document_id=document.id)]


def test_going_back_to_an_earlier_identity_makes_its_claims_current_again(store: Store) -> None:
    ingest([DOC], store, Finds("PRK"), extractor_version="A")
    ingest([DOC], store, Finds("CHN"), extractor_version="B")
    assert [c.claim.supplier for c in store.claims()] == ["CHN"]
    back = ingest([DOC], store, Finds("PRK"), extractor_version="A")
    assert (back.reextracted, back.skipped) == (1, 0)
    assert [(c.claim.supplier, c.claim.extractor_version) for c in store.claims()] == [("PRK", "A")]
    assert [(k.supplier, k.n_claims) for k in store.cases()] == [("PRK", 1)]
    again = ingest([DOC], store, Finds("PRK"), extractor_version="A")
    assert (again.reextracted, again.skipped) == (0, 1)
