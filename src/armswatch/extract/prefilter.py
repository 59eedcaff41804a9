"""A text-level pre-filter: only lines that could hold a transfer claim reach the parser.

A claim needs a weapon term and a transfer trigger in one sentence, so an article with no line
holding both is skipped unparsed (most news), and in the others only the lines with a weapon term
or a trigger, with one line of context either side (for "she said", "Pyongyang, in turn", pronouns),
are kept. Everything else is blanked with spaces so character offsets, and so evidence spans, stay
exact. The patterns come from the same data files the extractor reads, so the filter lets through
everything the extractor could use; a test checks that the claims are the same with and without it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from armswatch.extract.lexicon import Lexicon

__all__ = ["Prefilter"]

# Irregular inflections of trigger verbs; regular ones are generated.
_IRREGULAR = {"send": ["sent"], "give": ["gave", "given"], "sell": ["sold"], "buy": ["bought"],
              "get": ["got", "gotten"], "seek": ["sought"], "lend": ["lent"], "build": ["built"],
              "deal": ["dealt"], "bring": ["brought"]}


def _inflections(lemma: str) -> list[str]:
    forms = {lemma, *_IRREGULAR.get(lemma, [])}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    elif lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d"}
    else:
        forms |= {lemma + "s", lemma + "es", lemma + "ed", lemma + lemma[-1] + "ed"}
    stem = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma
    forms |= {stem + "ing", lemma + lemma[-1] + "ing"}
    return sorted(forms, key=len, reverse=True)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


def _term_pattern(term: str) -> str:
    """A lexicon term as a pattern: words joined by spaces or hyphens, with an optional plural."""
    parts = [re.escape(p) for p in re.split(r"[\s-]+", term.strip("=")) if p]
    return r"[\s-]*".join(parts) + r"(?:e?s)?"


class Prefilter:
    """Built once per Extractor from the lexicon and the trigger table."""

    def __init__(self, lexicon: Lexicon, trigger_lemmas: Iterable[str]) -> None:
        cased: list[str] = []
        plain: list[str] = []
        for term, item in lexicon.items.items():
            if item.category is None:
                continue  # "system", "unit": no weapon without a categorised word beside them
            (cased if item.cased else plain).append(_term_pattern(term))
        self._items_plain = re.compile(r"\b(?:" + "|".join(sorted(plain, key=len, reverse=True)) + r")\b", re.I)
        self._items_cased = re.compile(r"\b(?:" + "|".join(sorted(cased, key=len, reverse=True)) + r")\b")
        forms = [f for lemma in trigger_lemmas for f in _inflections(lemma)]
        self._triggers = re.compile(r"\b(?:" + _alternation(forms) + r")\b", re.I)

    def has_item(self, line: str) -> bool:
        return bool(self._items_plain.search(line) or self._items_cased.search(line))

    def has_trigger(self, line: str) -> bool:
        return bool(self._triggers.search(line))

    def mask(self, text: str) -> str | None:
        """The text with non-candidate lines blanked, or None when no line can hold a claim."""
        lines = text.splitlines(keepends=True)
        items = [self.has_item(line) for line in lines]
        triggers = [self.has_trigger(line) for line in lines]
        if not any(i and t for i, t in zip(items, triggers, strict=True)):
            return None
        content = [n for n, line in enumerate(lines) if line.strip()]
        keep: set[int] = set()
        for pos, n in enumerate(content):
            if items[n] or triggers[n]:
                keep.update(content[max(0, pos - 1): pos + 2])
        if len(keep) == len(content):
            return text
        out = []
        for n, line in enumerate(lines):
            if n in keep or not line.strip():
                out.append(line)
            else:
                body = line.rstrip("\r\n")
                out.append(" " * len(body) + line[len(body):])
        return "".join(out)
