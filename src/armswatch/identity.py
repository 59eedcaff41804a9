"""The extractor's identity: a name for everything that determines which claims it finds in a text.

    extractor_identity(ModelInfo("en_core_web_sm", "3.8.0"), overrides="/path/to/overrides")
    -> "0.1.0+5c1f0e9a2b7d4e61"

It is the package version, then a digest of: the spaCy version, the model's name and version, the
shipped data files the extractor reads, the override files (ARMSWATCH_DATA_OVERRIDES) and the text
cut-off. Any change to one of them gives another identity, so claims stored under the old one are
known to be stale (issue 15, item 8). Fits the store's 64-character version column.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from armswatch import __version__

__all__ = ["ModelInfo", "data_files", "extractor_identity", "model_info"]

# Files in armswatch/data that the extractor never reads (embargo screening works on cases, not claims).
_NOT_READ_BY_THE_EXTRACTOR = frozenset({"README.md", "embargoes.yaml", "embargoes.schema.json",
                                        "systems.schema.json"})


@dataclass(frozen=True)
class ModelInfo:
    name: str
    version: str


def model_info(meta: dict[str, object]) -> ModelInfo:
    """The model's name and version from a loaded pipeline's `nlp.meta` (so a fallback package counts as
    what it is, not as the name asked for)."""
    return ModelInfo(f"{meta.get('lang', '')}_{meta.get('name', '')}", str(meta.get("version", "")))


def data_files(overrides: str | None = None) -> list[Path]:
    """The shipped data files the extractor reads, then the files of the same names in `overrides`."""
    shipped = sorted(
        Path(str(p)) for p in (resources.files("armswatch") / "data").iterdir()
        if p.is_file() and p.name not in _NOT_READ_BY_THE_EXTRACTOR
    )
    extra = [Path(overrides) / p.name for p in shipped] if overrides else []
    return shipped + [p for p in extra if p.is_file()]


def _read_by_the_extractor(path: Path) -> bytes:
    """A data file's bytes; of the weapon system catalogue only its names, ids and categories (a corrected
    producer or description changes no claim)."""
    if path.name == "systems.yaml":
        from armswatch.systems.catalogue import extractor_view

        return extractor_view(path)
    return path.read_bytes()


def extractor_identity(model: ModelInfo, overrides: str | None = None, max_text_chars: int | None = None) -> str:
    """'<package version>+<16 hex digits>'. `overrides` defaults to ARMSWATCH_DATA_OVERRIDES (the folder
    the extractor's data loader reads)."""
    import spacy

    if overrides is None:
        overrides = os.environ.get("ARMSWATCH_DATA_OVERRIDES") or None
    h = hashlib.sha256()
    for part in (f"spacy {spacy.__version__}", f"model {model.name} {model.version}", f"cut {max_text_chars}"):
        h.update(part.encode() + b"\0")
    for path in data_files(overrides):
        h.update(f"{'override' if overrides and path.parent == Path(overrides) else 'data'} {path.name}".encode())
        h.update(b"\0" + hashlib.sha256(_read_by_the_extractor(path)).digest())
    return f"{__version__}+{h.hexdigest()[:16]}"
