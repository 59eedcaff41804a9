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

from armswatch.extract.lexicon import Lexicon, singular

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


_WEAPON_CATEGORIES = {"aircraft", "air_defence", "armoured_vehicles", "artillery", "ammunition", "missiles", "uav",
                      "naval", "small_arms"}


_WORD = re.compile(r"[a-z0-9]+(?:['/-][a-z0-9]+)*")


def _key_word(term: str) -> str:
    return max(re.split(r"[\s/'-]+", term.strip("=").lower()), key=len)


def _words(patterns: list[str], flags: int) -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile(r"\b(?:" + "|".join(sorted(patterns, key=len, reverse=True)) + r")\b", flags)


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
        weapons: list[str] = []  # plain weapon nouns: what makes an article "name a weapon"
        always: list[str] = []  # terms that make a claim in any article ("weapons", "arms", named systems)
        for term, item in lexicon.items.items():
            if item.category is None:
                continue  # "system", "unit": no weapon without a categorised word beside them
            pattern = _term_pattern(term)
            (cased if item.cased else plain).append(pattern)
            if item.role in ("strong", "weak") and item.category in _WEAPON_CATEGORIES and not item.cased:
                weapons.append(pattern)
            if item.role == "generic" or item.cased:
                always.append(pattern)
        self._items_plain = _words(plain, re.I)
        self._items_cased = _words(cased, 0)
        self._weapons = _words(weapons, re.I)
        self._always_plain = _words([p for p in always if p in plain], re.I)
        self._always_cased = _words([p for p in always if p in cased], 0)
        forms = [f for lemma in trigger_lemmas for f in _inflections(lemma)]
        self._triggers = re.compile(r"\b(?:" + _alternation(forms) + r")\b", re.I)
        # Word sets for the quick whole-text test: a term can be in a text only if each of its words is
        # (a word, a hyphenated part, or the singular of one); its longest word is the most telling.
        # Set lookups cost far less than regexes.
        self._trigger_words = {f.lower() for f in forms}
        self._weapon_words = {_key_word(t) for t, i in lexicon.items.items()
                              if i.category in _WEAPON_CATEGORIES and i.role in ("strong", "weak") and not i.cased}
        self._always_words = {_key_word(t) for t, i in lexicon.items.items()
                              if i.category is not None and (i.role == "generic" or i.cased)}
        self._item_words = {_key_word(t) for t, i in lexicon.items.items() if i.category is not None}

    def has_item(self, line: str) -> bool:
        if not self._could_name(line, self._item_words):
            return False  # no word of any term: skip the big regexes
        return bool(self._items_plain.search(line) or self._items_cased.search(line))

    @staticmethod
    def _could_name(text: str, keys: set[str]) -> bool:
        words = set(_WORD.findall(text.lower()))
        parts = {p for w in words for p in re.split(r"['/-]", w)} | words
        parts |= {singular(p) for p in parts} | {p[:-1] for p in parts if p.endswith("s")}
        return bool(parts & keys)

    def _has_claim_item(self, line: str, names_weapons: bool) -> bool:
        # Without a weapon named anywhere, dual-use words (ships, planes, parts, engines, technology,
        # bare "equipment") make no claim in the extractor either: only "weapons"/"arms" and named
        # systems can. Skipping on the same rule keeps the claims identical.
        if names_weapons:
            return self.has_item(line)
        return bool(self._always_plain.search(line) or self._always_cased.search(line))

    def has_trigger(self, line: str) -> bool:
        words = set(_WORD.findall(line.lower()))
        words |= {p for w in words for p in re.split(r"['/-]", w)}
        return bool(words & self._trigger_words)

    def may_hold_claims(self, text: str) -> bool:
        """A quick whole-text test on word sets: False means no line can hold a claim (True may still
        find none: `mask` decides line by line)."""
        if not self.has_trigger(text):
            return False
        return self._could_name(text, self._weapon_words) or self._could_name(text, self._always_words)

    def mask(self, text: str) -> str | None:
        """The text with non-candidate lines blanked, or None when no line can hold a claim."""
        lines = text.splitlines(keepends=True)
        names_weapons = bool(self._weapons.search(text))
        items = [self._has_claim_item(line, names_weapons) for line in lines]
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
