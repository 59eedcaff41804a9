"""Claims from documents: the extraction core.

    Extractor(settings).extract(document) -> list[Claim]
    Extractor(settings).version              -> its identity (armswatch.identity), stored with each claim

The pipeline: clean (boilerplate spans) → spaCy parse with entity rules from the data files →
transfer frames from the dependency tree → modality, attribution, quantity, period → one claim per
(supplier, recipient, category, status).
"""

from armswatch.extract.extractor import Extractor

__all__ = ["Extractor"]
