"""Which language a document is written in (py3langid: an offline model shipped inside the package),
and the gate that passes the languages the extractor reads and names the others.

The gate errs towards keeping: a short text, or a guess below the confidence floor, passes, because
dropping an English article loses its claims while analysing a foreign one only costs time.

When English is wanted, a text whose commonest words are English function words ("the", "of", "and")
is taken as English without the model: that test costs about a tenth of the model's and agrees with
it on news (the benchmark reads most of its time here otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from armswatch.model import Document
from armswatch.settings import Settings
from armswatch.sources.skipped import Skipped

__all__ = ["LanguageGuess", "accepted_languages", "detect_language", "language_gate", "language_name",
           "looks_english"]

_SAMPLE_CHARS = 5000  # the opening of an article says enough; bounds the cost on long texts
MIN_CHARS = 120  # below this a guess is unreliable: keep the document
MIN_CONFIDENCE = 0.90
# Words frequent in any English prose and rare in other languages written in Latin letters (no "a",
# "in", "is", "was": French, Spanish, German and Dutch use them too). In news they are a quarter or
# more of the words; in other languages almost none.
_ENGLISH_FUNCTION_WORDS = frozenset({
    "the", "of", "and", "to", "that", "for", "with", "said", "from", "by", "this", "which", "has", "have",
    "were", "would", "been", "its", "their", "it", "at", "on", "are", "be", "will", "an", "as", "not", "but",
    "they", "he", "she"})
_ENGLISH_MIN_SHARE = 0.12
_ENGLISH_MIN_WORDS = 20
_LATIN_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class LanguageGuess:
    code: str  # ISO 639-1 where the model has one
    confidence: float  # 0..1


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # Loaded on first use (about 0.5 s), then shared: the model is read-only.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """The most likely language of `text` and the model's confidence in it."""
    code, confidence = _identifier().classify(text[:_SAMPLE_CHARS])
    return LanguageGuess(code=str(code), confidence=float(confidence))


def looks_english(text: str) -> bool:
    """True when function words only English uses make up a good share of the text's words."""
    words = _LATIN_WORD.findall(text[:2000].lower())
    if len(words) < _ENGLISH_MIN_WORDS:
        return False
    share = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS) / len(words)
    return share >= _ENGLISH_MIN_SHARE and "the" in words


def language_name(code: str) -> str:
    import pycountry

    lang = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code)
    return str(lang.name) if lang is not None else code


def accepted_languages(settings: Settings) -> frozenset[str] | None:
    """The language codes to keep, or None when detection is off ('any' or empty)."""
    codes = {c.strip().lower() for c in settings.languages.split(",") if c.strip()}
    if not codes or "any" in codes or "*" in codes:
        return None
    return frozenset(codes)


def language_gate(doc: Document, accepted: frozenset[str] | None) -> Document | Skipped:
    """The document with its `language` set, or a Skipped naming the language it is written in."""
    if accepted is None:
        return doc
    sample = doc.text[:_SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return doc
    if "en" in accepted and looks_english(sample):
        return replace(doc, language="en")
    guess = detect_language(sample)
    if guess.confidence < MIN_CONFIDENCE:
        return doc
    if guess.code in accepted:
        return replace(doc, language=guess.code)
    wanted = ", ".join(sorted(accepted))
    return Skipped(
        doc.origin or doc.id,
        "language",
        f"written in {language_name(guess.code)} ({guess.code}, confidence {guess.confidence:.2f}); "
        f"only {wanted} is analysed (setting ARMSWATCH_LANGUAGES)",
    )
