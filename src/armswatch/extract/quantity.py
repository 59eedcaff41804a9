"""Quantities tied to an item: "nearly 9,000 containers of", "dozens of", "about a quarter of a million".

Returns (quantity, quantity_text, unit): a number when one is stated (vague amounts give None with
their quantifier as text), the phrase as written, and the counted noun.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from spacy.tokens import Token
from text_to_num import text2num

from armswatch.extract.items import ItemSlot
from armswatch.extract.lexicon import WordLists

__all__ = ["parse_number", "read_quantity"]


def _word_value(word: str) -> float | None:
    """A number word's value through text2num ("twelve", "fifty-five", "two-hundred-thirty"), or None."""
    try:
        return float(text2num(word, "en"))
    except ValueError:
        return None


def parse_number(words: list[str]) -> float | None:
    """"11,000" -> 11000, "two hundred" -> 200, "3 million" -> 3e6, "half a million" -> 5e5, "a dozen" -> 12,
    "one-thousand-two-hundred" -> 1200. Number words are read by text2num; digits, "a", "half" and "dozen"
    are put together with them here."""
    total, current, seen = 0.0, 0.0, False
    for n, w in enumerate(words):
        lw = w.lower().replace(",", "")
        if re.fullmatch(r"\d+(\.\d+)?", lw):
            current += float(lw)
            seen = True
        elif lw in ("a", "an"):
            # "a million"; in "half a million" the article adds nothing, nor in "a further four"
            current = current or (1 if _scale_follows(words[n + 1:]) else 0)
        elif lw == "half":
            current += 0.5
            seen = True
        elif lw == "dozen":
            current = (current or 1) * 12
            seen = True
        elif lw in ("thousand", "million", "billion", "trillion"):  # the scales of English numbers
            total += (current or 1) * (_word_value(lw) or 1)
            current = 0
            seen = True
        elif lw == "hundred":
            current = (current or 1) * 100
            seen = True
        elif (value := _word_value(lw)) is not None:
            if value >= 1000 and current:  # "five-thousand" after a count: read as a scale
                total += current * value
                current = 0
            else:
                current += value
            seen = True
    value = total + current
    return value if seen and value else None


def _scale_follows(words: list[str]) -> bool:
    """Does the article before these words count as one: "a million", "a dozen", not "a further four"."""
    for w in words:
        lw = w.lower().replace(",", "")
        if lw in ("dozen", "hundred", "thousand", "million", "billion", "trillion"):
            return True
        if re.fullmatch(r"\d+(\.\d+)?", lw) or _word_value(lw) is not None:
            return False
    return True


def _counts(noun: Token, names: Collection[int] = (), in_names: Collection[int] = ()) -> list[Token]:
    """The numbers counting `noun`; the parser may hang one on a model name instead ("66 F-16V jets").
    `names`: where actors are named ("sent Kyiv 14 tanks": 14 counts); `in_names`: the tokens of weapon
    names written in several tokens ("Leopard 2", "Hawk Mk. 9"), whose numbers are part of the name."""
    direct = [c for c in noun.children if c.dep_ == "nummod" and not _designation(c, names, in_names)]
    if direct:
        return direct
    # deeper in front: "two hundred MK-19 grenade launchers" with the numbers hung on the model or "grenade"
    return [t for t in noun.subtree if t.i < noun.i and t.like_num and not _designation(t, names, in_names)
            and _premodifier(t, noun)][:1]


def _premodifier(tok: Token, noun: Token) -> bool:
    while tok.i != noun.i:
        if tok.dep_ not in ("nummod", "compound", "amod", "nmod", "quantmod") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _designation(num: Token, names: Collection[int], in_names: Collection[int] = ()) -> bool:
    """A number that is part of a model's name, not a count: "F-16 jets", "Leopard 2 tanks", "155mm shells"."""
    if num.i in in_names:
        return True
    if any(ch.isalpha() for ch in num.text) and not num.text.isalpha():
        return True
    glued = num.i + 1 < len(num.doc) and not num.whitespace_ and (num.nbor().is_alpha or num.nbor().text == "-")
    if glued:  # "155mm shells", "one-way drones": a calibre or a word, no count
        return True
    prev = num.doc[num.i - 1] if num.i > 0 else None
    return prev is not None and prev.is_alpha and prev.text[:1].isupper() and not prev.is_sent_start \
        and prev.i not in names


def _number_phrase(tok: Token) -> list[Token]:
    """A number token with its modifiers: "nearly 11,000", "about half a million", "more than 120"."""
    toks = [t for t in tok.subtree if t.dep_ in ("nummod", "advmod", "quantmod", "compound", "amod", "det")
            or t == tok or t.head == tok and t.dep_ != "prep"]
    # the number's own scale words after it ("two dozen", "3 million"), not what it counts
    toks = [t for t in toks if t.i <= tok.i or (t.head == tok and (t.like_num or t.lower_ in _SCALES))]
    return sorted(toks, key=lambda t: t.i)


_SCALES = frozenset({"dozen", "hundred", "thousand", "million", "billion"})


def read_quantity(slot: ItemSlot, words: WordLists, names: Collection[int] = (), in_names: Collection[int] = ()
                  ) -> tuple[float | None, str | None, str | None]:
    measures = slot.measures
    counted = measures[0] if measures else slot.top
    unit_tok = slot.head
    # "9,000 containers of shells": the unit is the measure noun
    for m in measures:
        if m.pos_ == "NOUN" and not m.like_num and m.lower_ not in words["vague_quantities"] and m.lemma_ not in (
                "dozen", "hundred", "thousand", "million", "number", "total", "ten"):
            unit_tok = m
            counted = m
            break
    nums = _counts(counted, names, in_names)
    if (counted.like_num or counted.pos_ == "NUM") and not _designation(counted, names, in_names):
        nums = [counted]
    if not nums and counted is not slot.head:
        # "a fleet of 100 Boxer carriers", "any of the 40 F-16 jets": the count is on the item itself
        nums = _counts(slot.head, names, in_names)
        if nums:
            unit_tok = slot.head
    if nums:
        phrase = _number_phrase(nums[0])
        nxt = phrase[-1].i + 1  # "two hundred MK-19 launchers": the parser splits the number
        while nxt < len(slot.head.doc) and slot.head.doc[nxt].like_num \
                and not _designation(slot.head.doc[nxt], names, in_names):
            phrase.append(slot.head.doc[nxt])
            nxt += 1
        doc = slot.head.doc
        around = [t.lower_ for t in phrase] + [doc[i].lower_ for i in (phrase[0].i - 1, nxt) if 0 <= i < len(doc)]
        if any(w in words["currency_signs"] for w in around):
            return None, None, None  # "$1.5 billion worth of weapons": a price, no count
        if nums[0].lower_ in words["vague_quantities"]:  # "hundreds more drones" counts nothing exactly
            return None, _as_written(phrase), None if unit_tok.pos_ == "PRON" else _unit(unit_tok)
        scaled = [t.lemma_ if t.tag_ == "CD" and t.lemma_ in _SCALES else t.text for t in phrase]  # "1.5m"
        value = parse_number([w for w in scaled
                              if w.lower() not in words["approximators"] or w.lower() in ("a", "one")])
        text = _as_written(phrase)
        return value, text, None if unit_tok.pos_ == "PRON" else _unit(unit_tok)  # "a quarter of a million of them"
    # vague: "dozens of", "hundreds of thousands of", "a limited number of"
    if measures and any(m.lower_ in words["vague_quantities"] for m in measures):
        return None, _vague_text(measures, words["vague_quantities"]), _unit(slot.head)
    det = [c for c in slot.head.children if c.dep_ in ("amod", "det") and c.lower_ in ("several", "dozens")]
    if det:
        return None, det[0].text, _unit(slot.head)
    return None, None, None


def _as_written(phrase: list[Token]) -> str:
    """The phrase as the text writes it: "2m", "thirty-two", "nearly 1,000" (tokens joined by their own spacing)."""
    return "".join(t.text_with_ws for t in phrase[:-1]) + phrase[-1].text if phrase else ""


def _vague_text(measures: list[Token], vague: Collection[str]) -> str:
    parts = []
    for m in measures:
        mods = [c.text for c in m.children if c.dep_ in ("det", "amod") and c.i < m.i and c.lower_ != "such"]
        parts.append(" ".join([*mods, m.text]))
    first = measures[0]
    doc = first.doc
    i = first.i  # "hundreds of thousands of shells", however the parser hung "hundreds"
    while i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in vague:
        parts.insert(0, doc[i - 2].text)
        i -= 2
    return " of ".join(parts)


def _unit(tok: Token) -> str:
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i
            and c.text.islower() and not c.like_num]
    # a modifier with its own parts, written as they are: "self-propelled howitzers"
    toks = sorted({t for m in mods for t in m.doc[m.left_edge.i: m.i + 1]} | {tok}, key=lambda t: t.i)
    return "".join(t.text_with_ws for t in toks[:-1]) + tok.text
