"""The extractor's identity: a name for everything that decides which claims a text gives.

    extractor_identity(settings, "en_core_web_sm", "3.8.0")  ->  "0.1.0+3f2a9c0d1e7b5a64"

Ingest skips a text already extracted under the current identity and re-extracts one stored under
another, so the identity must change whenever the output can: the package version, the shipped data
files the extractor reads, the spaCy model (name and version, after the fallback pipeline.py applies),
the data overrides (their files' contents, not only the folder's name) and the text cap. A hand-set
constant went unchanged through dozens of rule changes, so nothing here is set by hand.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from armswatch import __version__
from armswatch.settings import Settings

__all__ = ["current_identity", "data_hash", "extractor_identity", "identity_parts", "model_meta", "overrides_hash"]

# Data files the extractor never reads: editing the embargo list must not re-extract every document.
_NOT_EXTRACTION = ("embargoes.", "README")
_DIGITS = 16  # 64 bits of the hash: the identity fits the store's 64-character column


def _files_hash(files: list[Path]) -> str:
    h = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.name):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def data_hash() -> str:
    """SHA-256 of the shipped data files the extractor reads (names and contents)."""
    folder = Path(str(resources.files("armswatch") / "data"))
    return _files_hash([p for p in folder.iterdir() if p.is_file() and not p.name.startswith(_NOT_EXTRACTION)])


def overrides_hash(folder: str) -> str:
    """SHA-256 of the override folder's files; "" when no folder is set. Not cached: the files are edited
    between runs, and reading a handful of small files costs nothing."""
    if not folder:
        return ""
    path = Path(folder)
    if not path.is_dir():  # the lexicon then reads no overrides; still named, so a fix changes the identity
        return "missing:" + str(path)
    return _files_hash([p for p in path.iterdir() if p.is_file()])


def identity_parts(settings: Settings, model_name: str, model_version: str) -> dict[str, str]:
    """What the identity is derived from, by name."""
    return {
        "armswatch": __version__,
        "data": data_hash(),
        "model": f"{model_name}=={model_version}",
        "overrides": overrides_hash(settings.data_overrides),
        "max_text_chars": str(settings.max_text_chars),
    }


def extractor_identity(settings: Settings, model_name: str, model_version: str) -> str:
    """"<package version>+<16 hex digits>": readable at a glance, distinct when any input differs."""
    parts = identity_parts(settings, model_name, model_version)
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:_DIGITS]
    return f"{__version__}+{digest}"


def model_meta(name: str) -> tuple[str, str]:
    """(name, version) of the pipeline `load_pipeline(name)` would load, from its meta.json, without
    loading it: the same fallback, the same meta the loaded pipeline reports as `nlp.meta`."""
    import spacy.util

    from armswatch.errors import ConfigError
    from armswatch.extract.pipeline import _FALLBACKS

    for candidate in [name, *_FALLBACKS.get(name, [])]:
        folder = Path(candidate)
        if not folder.is_dir():
            try:
                folder = spacy.util.get_package_path(candidate)
            except (ImportError, OSError):
                continue
        if (folder / "meta.json").is_file():
            meta = spacy.util.load_meta(folder / "meta.json")
            return f"{meta['lang']}_{meta['name']}", str(meta["version"])
    raise ConfigError(f"ARMSWATCH_MODEL={name!r}: spaCy pipeline {name!r} is not installed")


def current_identity(settings: Settings) -> str:
    """The identity an `Extractor(settings)` would have, without loading the model (for the batch
    runner's parent process and `armswatch reextract`'s report)."""
    return extractor_identity(settings, *model_meta(settings.model))
