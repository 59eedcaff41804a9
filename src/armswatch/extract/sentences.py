"""Sentence starts at line breaks, set before the parser (which keeps boundaries set before it).

A headline, a caption, a list item or a paragraph never runs on into the next line, but the statistical
parser joins a line without a final full stop to the next one ("Egypt delivers aid to Somalia" + the
first sentence of the story). A blank line always ends a sentence; a single line break does, unless the
text is wrapped by hand and the sentence plainly goes on: the next line starts in lower case, or the line
ends on a word that cannot end a sentence ("... the Government of" / "Bahrain ...").
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from armswatch.extract.lexicon import load_lexicon, load_words

__all__ = ["COMPONENT", "recase_title_lines", "set_line_starts", "unwrap_lines"]

COMPONENT = "armswatch_line_breaks"



def set_line_starts(doc: Doc) -> Doc:
    continuing = load_words()["line_continuing_words"]  # words a wrapped line may end on mid-sentence
    for i in range(1, len(doc)):
        prev, tok = doc[i - 1], doc[i]
        if "\n" not in prev.whitespace_ and not (prev.is_space and "\n" in prev.text):
            continue
        if tok.is_space:
            continue
        last = _last_word(doc, i - 1)
        paragraph = prev.text.count("\n") + prev.whitespace_.count("\n") >= 2 or (
            prev.is_space and last is not None and "\n" in last.whitespace_)
        runs_on = tok.text[:1].islower() or (last is not None and last.lower_ in continuing)
        if paragraph or not runs_on:
            tok.is_sent_start = True
    return doc


def _last_word(doc: Doc, i: int) -> Token | None:
    while i >= 0 and doc[i].is_space:
        i -= 1
    return doc[i] if i >= 0 else None


@Language.component(COMPONENT)
def line_breaks(doc: Doc) -> Doc:
    return set_line_starts(doc)


_LAST_WORD = re.compile(r"(\w+)\W*$")


def unwrap_lines(text: str) -> str:
    """A line broken by hand in mid-sentence joined with a space, offsets unchanged: the parser reads
    "increased\nmilitary aid" worse than "increased military aid"."""
    continuing = load_words()["line_continuing_words"]
    chars: list[str] | None = None
    for i in (m.start() for m in re.finditer("\n", text)):
        if i == 0 or i + 1 >= len(text):
            continue
        prev, nxt = text[i - 1], text[i + 1]
        if prev.isspace() or nxt.isspace() or prev in ".!?:;\u2022" or not nxt.isalnum():
            continue
        last = _LAST_WORD.search(text, max(0, i - 40), i)
        if nxt.islower() or (last is not None and last.group(1).lower() in continuing):
            chars = chars if chars is not None else list(text)
            chars[i] = " "
    return "".join(chars) if chars is not None else text


_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _names() -> re.Pattern[str]:
    """The names the extractor knows, as written: actors, named systems, outlets ("North Korea", "Patriot").
    They keep their capitals when a title-case line is put in sentence case."""
    lex = load_lexicon()
    names = {n for n in (*lex.actor_names, *lex.actor_adjectives, *lex.actor_metonyms, *lex.actor_institutions,
                         *(t.strip("=") for t, item in lex.items.items() if item.cased), *lex.outlets)
             if n[:1].isupper() or n.startswith("the ")}
    names = {n.removeprefix("the ") for n in names}
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")


def _is_title_case(line: str) -> bool:
    long_words = [w for w in _WORD.findall(line) if len(w) >= 4]
    capitalised = [w for w in long_words if w[0].isupper() and not w.isupper()]
    return len(long_words) >= 3 and len(capitalised) >= 0.8 * len(long_words) and not line.rstrip().endswith(".")


def recase_title_lines(text: str) -> str:
    """Headlines in title case ("North Korea Ships Artillery Shells To Russia") put in sentence case for the
    parser, which reads capitalised words as names: every capitalised word but the first and those of
    known names is lower-cased. Offsets are unchanged (only letters change case)."""
    return "".join(_sentence_case(line) if _is_title_case(line) else line
                   for line in text.splitlines(keepends=True))


def _sentence_case(line: str) -> str:
    kept = {i for m in _names().finditer(line) for i in range(m.start(), m.end())}
    first = next((m.start() for m in _WORD.finditer(line)), 0)
    return _WORD.sub(lambda m: m.group() if m.start() in kept or m.start() == first or m.group().isupper()
                     else m.group().lower(), line)
