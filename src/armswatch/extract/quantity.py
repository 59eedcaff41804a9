"""Quantities tied to an item: "nearly 11,000 containers of", "dozens of", "about half a million".

Returns (quantity, quantity_text, unit): a number when one is stated (vague amounts give None with
their quantifier as text), the phrase as written, and the counted noun.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from armswatch.extract.frames import ItemSlot

__all__ = ["parse_number", "read_quantity"]

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
          "fifty": 50, "hundred": 100, "a": 1, "an": 1, "half": 0.5, "dozen": 12}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_VAGUE = {"dozens", "hundreds", "thousands", "millions", "several", "tens", "scores", "a limited number",
          "hundreds of thousands", "tens of thousands"}
_APPROX = {"nearly", "about", "around", "roughly", "some", "almost", "approximately", "over", "more",
           "than", "at", "least", "up", "to", "under", "fewer", "less", "just", "a", "total", "of",
           "the", "last", "first", "another", "one"}


def parse_number(words: list[str]) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for w in words:
        lw = w.lower().replace(",", "")
        if re.fullmatch(r"\d+(\.\d+)?", lw):
            current += float(lw)
            seen = True
        elif lw in ("a", "an"):
            current = current or 1  # "a million"; in "half a million" the article adds nothing
        elif lw in _WORDS:
            current = (current or 1) * _WORDS[lw] if lw == "hundred" else current + _WORDS[lw]
            seen = True
        elif lw in _SCALES:
            total += (current or 1) * _SCALES[lw]
            current = 0
            seen = True
    value = total + current
    return value if seen and value else None


def _counts(noun: Token) -> list[Token]:
    """The numbers counting `noun`; the parser may hang one on a model name instead ("66 F-16V jets")."""
    return [c for c in noun.children if c.dep_ == "nummod"] or [
        n for c in noun.children if c.dep_ == "compound" and c.i < noun.i
        and (c.pos_ == "PROPN" or any(ch.isdigit() for ch in c.text))
        for n in c.children if n.dep_ == "nummod" and n.i < c.i]


def _number_phrase(tok: Token) -> list[Token]:
    """A number token with its modifiers: "nearly 11,000", "about half a million", "more than 120"."""
    toks = [t for t in tok.subtree if t.dep_ in ("nummod", "advmod", "quantmod", "compound", "amod", "det")
            or t == tok or t.head == tok and t.dep_ != "prep"]
    toks = [t for t in toks if t.i <= tok.i]
    return sorted(toks, key=lambda t: t.i)


def read_quantity(slot: ItemSlot) -> tuple[float | None, str | None, str | None]:
    measures = slot.measures
    counted = measures[0] if measures else slot.top
    unit_tok = slot.head
    # "11,000 containers of ammunition": the unit is the measure noun
    for m in measures:
        if m.pos_ == "NOUN" and not m.like_num and m.lower_ not in _VAGUE and m.lemma_ not in (
                "dozen", "hundred", "thousand", "million", "number", "total", "ten"):
            unit_tok = m
            counted = m
            break
    nums = _counts(counted)
    if counted.like_num or counted.pos_ == "NUM":
        nums = [counted]
    if not nums and counted is not slot.head:
        # "a fleet of 100 Boxer carriers", "any of the 66 F-16V jets": the count is on the item itself
        nums = _counts(slot.head)
        if nums:
            unit_tok = slot.head
    if nums:
        phrase = _number_phrase(nums[0])
        words = [t.text for t in phrase]
        value = parse_number([w for w in words if w.lower() not in _APPROX or w.lower() in ("a", "one")])
        text = " ".join(words)
        return value, text, None if unit_tok.pos_ == "PRON" else _unit(unit_tok)  # "half a million of them"
    # vague: "dozens of", "hundreds of thousands of", "a limited number of"
    if measures:
        first = measures[0]
        words = [t.text for t in first.subtree if t.i <= measures[-1].i and t.dep_ != "prep"
                 and t.lower_ != "of" and (t.i >= first.left_edge.i)]
        text = " ".join(w for w in words if w.lower() not in ("such",))
        text = re.sub(r"\s+of$", "", text)
        if any(m.lower_ in ("dozens", "hundreds", "thousands", "millions", "tens", "number", "several")
               for m in measures):
            return None, _vague_text(measures), _unit(slot.head)
    det = [c for c in slot.head.children if c.dep_ in ("amod", "det") and c.lower_ in ("several", "dozens")]
    if det:
        return None, det[0].text, _unit(slot.head)
    return None, None, None


def _vague_text(measures: list[Token]) -> str:
    parts = []
    for m in measures:
        mods = [c.text for c in m.children if c.dep_ in ("det", "amod") and c.i < m.i and c.lower_ != "such"]
        parts.append(" ".join([*mods, m.text]))
    return " of ".join(parts)


def _unit(tok: Token) -> str:
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i
            and c.text.islower() and not c.like_num]
    # a modifier with its own parts, written as they are: "self-propelled howitzers"
    words = sorted({t for m in mods for t in m.doc[m.left_edge.i: m.i + 1]} | {tok}, key=lambda t: t.i)
    return "".join(t.text_with_ws for t in words[:-1]) + tok.text
