"""Hand-built parses for grammar tests: no statistical model is loaded."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from armswatch.extract.arguments import ArgumentReader
from armswatch.extract.pipeline import Resources, load_resources


@lru_cache(maxsize=1)
def blank() -> tuple[Language, Resources]:
    nlp = spacy.blank("en")
    return nlp, load_resources(nlp)


def parse(rows: str) -> Doc:
    """One token per line: `word lemma POS TAG dep head-index` (head index absolute, -1 = itself)."""
    nlp, _ = blank()
    toks = [line.split() for line in rows.strip().splitlines()]
    words = [t[0] for t in toks]
    heads = [int(t[5]) if int(t[5]) >= 0 else i for i, t in enumerate(toks)]
    doc = Doc(nlp.vocab, words=words, lemmas=[t[1] for t in toks], pos=[t[2] for t in toks],
              tags=[t[3] for t in toks], deps=[t[4] for t in toks], heads=heads,
              sent_starts=[True] + [False] * (len(words) - 1))
    return doc


def argument_reader(doc: Doc) -> ArgumentReader:
    """The predicate-argument reader over a hand-built parse, with the shipped word lists and frames."""
    _, res = blank()
    return ArgumentReader(doc, res.words, res.valency.event_nouns, res.valency.agent_nouns, saying_verbs(),
                          res.finder.item_words)


def saying_verbs() -> frozenset[str]:
    """The reporting verbs ("said") the extractor hands the argument reader."""
    _, res = blank()
    return frozenset(lemma for lemma, kind in res.speech.items() if kind == "say")
