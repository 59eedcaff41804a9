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
        from armswatch.extract.prefilter import Prefilter

        self.nlp = load_pipeline(self.settings.model)
        self.resources = load_resources(self.nlp)
        self.prefilter = Prefilter(self.resources.lexicon, [*self.resources.triggers.verbs,
                                                            *self.resources.triggers.nouns]) \
            if self.settings.prefilter else None

    def extract(self, document: Document) -> list[Claim]:
        from armswatch.extract.claims import claims_from_document

        return claims_from_document(self.nlp, self.resources, document, version=EXTRACTOR_VERSION,
                                    max_chars=self.settings.max_text_chars, prefilter=self.prefilter)

    def extract_batch(self, documents: Sequence[Document], batch_size: int = 32) -> list[list[Claim]]:
        """Claims of each document, the same as `extract` gives, with the candidate texts parsed together
        by `nlp.pipe` (faster than one call per document)."""
        from armswatch.extract.claims import claims_from_doc, text_to_parse

        texts = [text_to_parse(d, max_chars=self.settings.max_text_chars, prefilter=self.prefilter)
                 for d in documents]
        todo = [i for i, t in enumerate(texts) if t is not None]
        out: list[list[Claim]] = [[] for _ in documents]
        parsed = self.nlp.pipe((texts[i] or "" for i in todo), batch_size=batch_size)
        for i, doc in zip(todo, parsed, strict=True):
            out[i] = claims_from_doc(doc, self.resources, documents[i], EXTRACTOR_VERSION)
        return out
