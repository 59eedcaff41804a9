"""Find lexicon terms in plain text fast, without the parser: the pre-filter's weapon-term search.

One regular expression alternating over a few thousand terms is tried at every position of a text,
which made the pre-filter cost more than a millisecond an article. Here each term is filed under its
key word (its longest word, in every plural form): a text can hold the term only if its word set holds
the key, so only the few small expressions of the keys a text has are run ("Patriot batteries" is
looked for only in a text with the word "batteries" or "battery").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["TermFinder", "key_word", "plurals", "term_pattern"]


def key_word(term: str) -> str:
    """The longest word of a term, in lower case: "anti-tank missile" -> "missile"; words are split at
    every mark, as the pre-filter splits a text ("Mk 1.2" -> "mk", "1", "2")."""
    return max(re.split(r"[\W_]+", term.strip("=").lower()), key=len)


def plurals(word: str) -> set[str]:
    """`word` and every form that lexicon.singular() (or dropping a final s) turns back into it."""
    forms = {word, word + "s"}
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    if word.endswith(("ch", "sh", "ss", "x")):
        forms.add(word + "es")
    return forms


def term_pattern(term: str) -> str:
    """A lexicon term as a pattern: words joined by spaces or hyphens, with an optional plural."""
    parts = [re.escape(p) for p in re.split(r"[\s-]+", term.strip("=")) if p]
    variant = r"(?:[A-Z]{1,3}(?:/[A-Z]{1,3})?)?" if term[-1:].isdigit() else ""  # "F-35A", "F-16C/D"
    return r"[\s-]*".join(parts) + variant + r"(?:e?s)?"


def _alternation(patterns: list[str], flags: int) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted(patterns, key=len, reverse=True)) + r")\b", flags)


class TermFinder:
    """The terms of one kind (weapon nouns, named systems, ...), each `(term, cased)`: a cased term
    matches only as written ("Patriot"), a plain one in any case ("howitzers", "HOWITZERS")."""

    def __init__(self, terms: Iterable[tuple[str, bool]]) -> None:
        grouped: dict[str, tuple[list[str], list[str]]] = {}
        for term, cased in terms:
            plain, exact = grouped.setdefault(key_word(term), ([], []))
            (exact if cased else plain).append(term_pattern(term))
        self._sources = grouped  # compiled on first use: most keys never occur in a batch of texts
        self._groups: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = {}
        # each form -> the keys it can be: "rounds" is the key of "=rounds" and a plural of "round"
        self._keys_of: dict[str, list[str]] = {}
        for key in grouped:
            for form in plurals(key):
                self._keys_of.setdefault(form, []).append(key)
        self.words = frozenset(self._keys_of)  # a text holds no term unless its word set meets these

    def _patterns(self, words: Iterable[str]) -> list[re.Pattern[str]]:
        keys = {key for w in words if w in self._keys_of for key in self._keys_of[w]}
        return [p for key in keys for p in self._group(key) if p is not None]

    def _group(self, key: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        if key not in self._groups:
            plain, exact = self._sources[key]
            self._groups[key] = (_alternation(plain, re.I), _alternation(exact, 0))
        return self._groups[key]

    def spans(self, text: str, words: Iterable[str]) -> list[tuple[int, int]]:
        """Where the terms are in `text` (whose lower-cased words and word parts are `words`), leftmost
        and longest first, never overlapping, in the order of the text."""
        found: list[tuple[int, int]] = []
        for pattern in self._patterns(words):
            found.extend(m.span() for m in pattern.finditer(text))
        spans: list[tuple[int, int]] = []
        for start, end in sorted(found, key=lambda s: (s[0], s[0] - s[1])):
            if not spans or start >= spans[-1][1]:
                spans.append((start, end))
        return spans

    def search(self, text: str, words: Iterable[str]) -> bool:
        return any(pattern.search(text) for pattern in self._patterns(words))
