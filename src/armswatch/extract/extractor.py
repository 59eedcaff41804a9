"""The Extractor: loads the pipeline once, turns Documents into Claims."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

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

    def extract_many(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Claim]]]:
        for doc in documents:
            yield doc, self.extract(doc)
