"""Claims from documents: the extraction core.

    Extractor(settings).extract(document) -> list[Claim]

The pipeline: clean (boilerplate spans) → spaCy parse with entity rules from the data files →
transfer frames from the dependency tree → modality, attribution, quantity, period → one claim per
(supplier, recipient, category, status).
"""

from armswatch.extract.extractor import EXTRACTOR_VERSION, Extractor

__all__ = ["EXTRACTOR_VERSION", "Extractor"]
