"""Where a search query's words occur in a text, for highlighting them in results and on pages.

The back ends match stemmed words (SQLite's porter stemmer, PostgreSQL's English configuration); this
marks what a reader would recognise as the match: each word of a term by its crude stem and any
ending ("drone" marks "drones", "supply" marks "supplied"), a phrase as its words in a row. Excluded
terms are not marked.

    match_spans("Drones were supplied.", parse_query("drone supply"))  -> [(0, 6), (12, 20)]
    marked("Drones were supplied.", q)  -> [("Drones", True), (" were ", False), ("supplied", True), (".", False)]
"""

from __future__ import annotations

import re
from functools import lru_cache

from armswatch.store.search import SearchQuery

__all__ = ["marked", "match_spans", "snippet"]

_SUFFIXES = ("ingly", "ings", "ing", "ied", "ies", "ed", "es", "s", "ly")


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    return w[:-1] if len(w) > 3 and w[-1] in "ye" else w


@lru_cache(maxsize=256)
def _pattern(term: str) -> re.Pattern[str] | None:
    words = re.findall(r"\w+", term)
    if not words:
        return None
    return re.compile(r"\b" + r"\W+".join(re.escape(_stem(w)) + r"\w*" for w in words), re.IGNORECASE)


def match_spans(text: str, query: SearchQuery | None) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans of the query's terms in `text`."""
    if query is None or not text:
        return []
    spans: list[tuple[int, int]] = []
    for term in {w for group in query.any_of for w in group}:
        pattern = _pattern(term)
        if pattern is not None:
            spans.extend(m.span() for m in pattern.finditer(text))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def marked(text: str, query: SearchQuery | None) -> list[tuple[str, bool]]:
    """The text cut into parts, each saying whether it is a match (for <mark> in templates)."""
    out: list[tuple[str, bool]] = []
    at = 0
    for s, e in match_spans(text, query):
        if s > at:
            out.append((text[at:s], False))
        out.append((text[s:e], True))
        at = e
    if at < len(text) or not out:
        out.append((text[at:], False))
    return out


def snippet(text: str, query: SearchQuery | None, width: int = 240) -> str:
    """About `width` characters of `text` around its first match (the start when none), cut at words."""
    spans = match_spans(text, query)
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > (spans[0][1] if spans else start) else end
    return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")
