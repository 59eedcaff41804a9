"""Spans of an article's plain text that are page furniture, not reporting.

Photo captions and credits, "Related:" lines, donation and membership appeals, newsletter boxes,
bylines and timestamp lines never carry a claim. The text is not changed (evidence spans must point
into the document as given); the extractor skips sentences inside these spans.
"""

from __future__ import annotations

import re

__all__ = ["boilerplate_spans"]

_LINE_PATTERNS = [
    r"^(caption|photo|image|file photo|picture|video)\s*[:|(]",
    r"^\(?(image|photo) (source|credit)",
    r"^related( stories| articles| coverage)?\s*:",
    r"^(read|see) (also|more)\s*:",
    r"^(also read|more on this|recommended)\s*:",
    r"^(\d{1,2}[./]\d{1,2}[./]\d{2,4}|\w+ \d{1,2}, \d{4}|\d{1,2} \w+ \d{4})[\s,\-–:]*\d{0,2}:?\d{0,2}\s*$",
    r"^(sign up|subscribe)\b",
]
# Words that address the reader; "donate" alone is a transfer verb ("Norway will donate 18 F-16s").
_APPEAL_WORDS = re.compile(
    r"\b(donate (today|now|here|to us|to [A-Z][\w ]{0,40}today)|make a donation|(a|your|monthly) donation|"
    r"patrons?\b|become a (member|patron|subscriber)|support (our|us|independent)|readers like you|"
    r"(relies|depends) on (the (support|generosity) of )?(its |our )?readers|funded by (its|our) readers|"
    r"subscribe|newsletter|membership)",
    re.I)
_LINE = [re.compile(p, re.I) for p in _LINE_PATTERNS]
# "By Jane Smith", "By JANE SMITH, Example Wire", "By Jane Smith | 3 May": capitalised names, and no
# sentence ("By contrast, Chile has yet to ...", "By Tuesday, Russia had delivered ...")
_NAME_PARTICLES = "and|de|la|del|da|di|du|van|von|der|al|el|bin|ibn"
_BYLINE = re.compile(rf"^By [A-Z][\w.'-]*(?: (?:[A-Z][\w.'-]*|{_NAME_PARTICLES}))*\s*(?:[|,]|$)")
_SENTENCE_END = (".", "!", "?", '"', "\u201d")


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of boilerplate paragraphs/lines in `text`."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        start, end = pos, pos + len(line)
        pos = end
        if not stripped:
            continue
        if any(p.search(stripped) for p in _LINE) or (
                _BYLINE.match(stripped) and not stripped.endswith(_SENTENCE_END)):
            spans.append((start, end))
            continue
        # an appeal paragraph: several appeal words, or a short line with one
        hits = len(_APPEAL_WORDS.findall(stripped))
        if hits >= 2 or (hits == 1 and len(stripped) < 160):
            spans.append((start, end))
    return spans


# "KIGALI —", "LIMA, Peru —", "OSLO, May 3 (Example Wire) -", "QUITO (Example Wire) —"
_DATELINE = re.compile(r"^([A-Z][A-Z .'\-]{1,40}(?:, [A-Z][\w .'\-]{1,30})?)(?: \([^)\n]{1,40}\))?\s+[—–-]{1,2}\s+",
                       re.M)


def head_block_end(text: str) -> int:
    """Where the body starts: the headline, standfirst and timestamp lines of a scraped page come first.

    The head block is the run of leading lines that are no sentences (no final punctuation, short);
    it ends at the first line that reads like reporting.
    """
    pos = 0
    for line in text.splitlines(keepends=True):
        s = line.strip()
        if s and (s.endswith((".", "\u201d", '"', ".\u2019", "!", "?")) or len(s) > 250
                  or _DATELINE.match(s)):
            return pos
        pos += len(line)
    return 0


def mask_for_parsing(text: str) -> str:
    """The text with boilerplate and datelines blanked out, offsets unchanged. The head block (headline,
    standfirst) is kept: a headline can make a claim the body does not repeat."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, min(end, len(chars))):
            if chars[i] not in "\n":
                chars[i] = " "

    for s, e in boilerplate_spans(text):
        blank(s, e)
    for m in _DATELINE.finditer(text):
        blank(m.start(), m.end())
    return "".join(chars)
