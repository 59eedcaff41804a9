"""The Extractor: loads the pipeline once, turns Documents into Claims.

The named-entity recogniser is the costliest part of the small English pipeline (about half of its
time), and only attribution reads entities (who said so), never whether a claim is made. So when it is
the pipeline's last component, documents are parsed without it first; it runs, and the claims are read
again, only for the documents that yield claims. Most documents the parser sees yield none.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice
from typing import TYPE_CHECKING

from armswatch.model import Claim, Document
from armswatch.settings import Settings, load_settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import Pipe

__all__ = ["EXTRACTOR_VERSION", "Extractor"]

EXTRACTOR_VERSION = "0.1.0"  # the package version; `Extractor.identity` names the whole extractor


class Extractor:
    """Holds a loaded spaCy pipeline; `extract` is safe to call many times."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        from armswatch.extract.pipeline import load_pipeline, load_resources
        from armswatch.extract.prefilter import load_prefilter

        self.nlp = load_pipeline(self.settings.model)
        self.resources = load_resources(self.nlp)
        self.prefilter = load_prefilter() if self.settings.prefilter else None
        self._entities = _deferrable_entity_recogniser(self.nlp)
        from armswatch.identity import extractor_identity, model_info

        # what determines the output (data files, overrides, model): stored with each claim (issue 15, item 8)
        self.identity = extractor_identity(model_info(self.nlp.meta), self.settings.data_overrides or None,
                                           self.settings.max_text_chars)

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
        deferred = [] if self._entities is None else ["ner"]
        parsed = zip(todo, self.nlp.pipe((texts[i] or "" for i in todo), batch_size=batch_size, disable=deferred),
                     strict=True)
        while batch := list(islice(parsed, batch_size)):
            with_claims = []
            for i, doc in batch:
                out[i] = claims_from_doc(doc, self.resources, documents[i], self.identity)
                if out[i]:
                    with_claims.append((i, doc))
            if self._entities is not None and with_claims:  # their sources are read again, with entities
                recognised = self._entities.pipe((doc for _, doc in with_claims), batch_size=batch_size)
                for (i, _), doc in zip(with_claims, recognised, strict=True):
                    out[i] = claims_from_doc(doc, self.resources, documents[i], self.identity)
        return out


def _deferrable_entity_recogniser(nlp: Language) -> Pipe | None:
    """The pipeline's "ner" component when it is the last one, so running it after the others gives the
    entities the whole pipeline gives (no later component reads them); else None."""
    if nlp.pipe_names[-1:] != ["ner"]:
        return None
    from spacy.pipeline import Pipe

    recogniser = nlp.get_pipe("ner")
    return recogniser if isinstance(recogniser, Pipe) else None
