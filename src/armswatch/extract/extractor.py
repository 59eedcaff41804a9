"""The Extractor: loads the pipeline once, turns Documents into Claims."""

from __future__ import annotations

from collections.abc import Sequence

from armswatch.model import Claim, Document
from armswatch.settings import Settings, load_settings

__all__ = ["EXTRACTOR_VERSION", "Extractor"]

EXTRACTOR_VERSION = "0.1.0"


class Extractor:
    """Holds a loaded spaCy pipeline; `extract` is safe to call many times."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        from armswatch.extract.pipeline import load_pipeline, load_resources
        from armswatch.extract.prefilter import load_prefilter

        self.nlp = load_pipeline(self.settings.model)
        self.resources = load_resources(self.nlp)
        self.prefilter = load_prefilter() if self.settings.prefilter else None

    def extract(self, document: Document) -> list[Claim]:
        return self.extract_batch([document])[0]

    def text_to_parse(self, document: Document) -> str | None:
        """What the parser would read of `document` (None: nothing; the document holds no claim)."""
        from armswatch.extract.prefilter import text_to_parse

        return text_to_parse(document, max_chars=self.settings.max_text_chars, prefilter=self.prefilter)

    def extract_batch(self, documents: Sequence[Document], texts: Sequence[str | None] | None = None,
                      batch_size: int = 32) -> list[list[Claim]]:
        """Claims of each document, the same as `extract` gives, with the candidate texts parsed together
        by `nlp.pipe` (faster than one call per document). `texts`, when given, are the documents'
        `text_to_parse`, already worked out (a batch's reading process screens the documents itself)."""
        from armswatch.extract.claims import claims_from_doc

        if texts is None:
            texts = [self.text_to_parse(d) for d in documents]
        todo = [i for i, t in enumerate(texts) if t is not None]
        out: list[list[Claim]] = [[] for _ in documents]
        parsed = self.nlp.pipe((texts[i] or "" for i in todo), batch_size=batch_size)
        for i, doc in zip(todo, parsed, strict=True):
            out[i] = claims_from_doc(doc, self.resources, documents[i], EXTRACTOR_VERSION)
        return out
