"""Which language a document is written in (Google's Compact Language Detector 2, through pycld2: compiled
into the package, nothing to load), and the gate that passes the languages the extractor reads and names
the others.

The gate errs towards keeping: a short text, a text the detector is unsure of, or one of mixed languages
passes, because dropping an English article loses its claims while analysing a foreign one only costs time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pycld2

from armswatch.model import Document
from armswatch.settings import Settings
from armswatch.sources.skipped import Skipped

__all__ = ["LanguageGuess", "accepted_languages", "detect_language", "language_gate", "language_name"]

_SAMPLE_CHARS = 5000  # the opening of an article says enough; bounds the cost on long texts
MIN_CHARS = 120  # below this a guess is unreliable: keep the document
MIN_CONFIDENCE = 0.90
UNKNOWN = "und"  # ISO 639-2 "undetermined"
# Characters CLD2 refuses as invalid input (C0 controls but tab and line breaks, DEL).
_WITHDRAWN = {"iw": "he", "jw": "jv"}  # ISO 639-1 codes CLD2 still uses -> the current ones
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class LanguageGuess:
    code: str  # ISO 639-1 where there is one ("zh" for both Chinese scripts), else CLD2's code; "und"
    confidence: float  # 0..1: the share of the text in that language when the detector calls it reliable, else 0


def detect_language(text: str) -> LanguageGuess:
    """The main language of `text` and how sure the detector is of it."""
    sample = _CONTROL.sub(" ", text[:_SAMPLE_CHARS]).encode("utf-8", "replace").decode("utf-8")
    try:
        reliable, _, details = pycld2.detect(sample)
    except pycld2.error:  # input CLD2 cannot read even after cleaning: say nothing rather than guess
        return LanguageGuess(UNKNOWN, 0.0)
    _name, code, percent, _score = details[0]
    if code in ("un", "xxx") or code.startswith(("xx-", "zz")):  # unknown, a script alone, test languages
        return LanguageGuess(UNKNOWN, 0.0)
    base = code.split("-")[0].lower()  # "zh-Hant" -> "zh"
    return LanguageGuess(_WITHDRAWN.get(base, base), percent / 100 if reliable else 0.0)


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
