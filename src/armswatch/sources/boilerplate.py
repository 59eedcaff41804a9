"""Recognising page furniture by its words: "Related:" lists, newsletter plugs, donation appeals,
photo credits, share/follow prompts.

Plain predicates over one block of text (a paragraph, a list item, a heading), used by the HTML
reader on the page tree and on the extracted paragraphs. They are deliberately conservative: news
about arms *donations* ("Germany will donate 10 tanks") must never look like an appeal to the reader,
so an appeal needs words addressed to the reader ("support our journalism", "donate now", "readers like
you"), not the verb alone.
"""

from __future__ import annotations

import re

__all__ = ["APPEAL_WEAK", "boilerplate_kind", "is_appeal_fragment", "is_related_heading"]

_RELATED_LEAD = re.compile(
    r"^\s*(related( stories| articles| coverage| content| news| reading| links)?|"
    r"read more|read also|also read|"
    r"see also|more on (this|that)( story| topic)?|recommended( for you| stories| reading)?|"
    r"most (read|popular|viewed)|(you )?(may|might) also (like|be interested in)|more from [\w .'&-]{1,40}|"
    r"trending( now)?|popular now|latest (news|stories)|more stories|editor'?s picks?|top stories)"
    r"\s*(:|»|›|>|\||[-–—]|$)",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"\b(sign[ -]?up|subscribe|register|get|join|receive)\b.{0,80}\b(newsletters?|inbox|briefings?|digest|"
    r"mailing list|e-?mail updates?|daily email|alerts?)\b"
    r"|\bnewsletters?\b.{0,60}\b(sign[ -]?up|subscribe)\b",
    re.IGNORECASE,
)
_NEWSLETTER_HEADING = re.compile(r"\bnewsletters?\b", re.IGNORECASE)
_CREDIT = re.compile(
    r"^\s*[(\[]?\s*(photo|photograph|image|picture|pictured|file photo|main image|top image|illustration|"
    r"video|graphic|foto)s?( credit| by| courtesy( of)?| source)?\s*(:|/|\||—|–|-|by\b|©)"
    r"|\((photo|image|picture|credit)s?\b[^)]{0,120}\)\s*$"
    r"|(^|[\s/|(])(getty images|shutterstock|afp via getty|ap photo|reuters/|epa-efe|alamy|istock)"
    r"\b[^.]{0,60}$"
    r"|^\s*(©|\(c\)|copyright)\s",
    re.IGNORECASE,
)
# Words that only an appeal to the reader uses; any one of them marks a block.
_APPEAL_STRONG = re.compile(
    r"\b(support (our|independent|quality|this|us|the) (journalism|reporting|work|newsroom|mission|media)"
    r"|(donate|give|contribute) (now|today|here|monthly)\b|make a (donation|contribution|one-time)"
    r"|become a (patron|member|supporter|sustaining member|subscriber)|readers like you"
    r"|(please|consider) (donat|support|contribut|becom|subscrib|help)"
    r"|cost of (a|one) cup of coffee|independent journalism (needs|relies|depends)"
    r"|(we|our newsroom) (rely|relies|depend|depends) on (the support of |support from )?(readers|you)"
    r"|support (us|our work) (on|via|with) (patreon|a donation)|become a patron)",
    re.IGNORECASE,
)
# Words an appeal often uses; two of them mark a block, one marks a neighbour of a marked block.
APPEAL_WEAK = re.compile(
    r"\b(donat\w*|contribut\w*|patrons?|patreon|paywall|supporters?|support|readers?|journalism|"
    r"free (to|for) (everyone|all)|free of charge|membership|subscri\w+)\b",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"^\s*(advertisement|sponsored( content)?|share (this|on|via)\b.{0,40}|follow us (on|at)\b.{0,80}|"
    r"click here to .{0,80}|(also )?listen to (this|the) (article|story).{0,40}|skip to (main )?content|"
    r"(read|watch|listen) (the )?full (story|article|interview) (here|on) .{0,60}|"
    r"this (article|story) (was|has been) (updated|corrected).{0,120}|all rights reserved\.?|"
    r"(tags|topics|filed under)\s*:.{0,200})\s*$",
    re.IGNORECASE,
)


def is_related_heading(text: str) -> bool:
    """A short heading or lead-in that introduces a list of other stories ("Related:", "Read more")."""
    return len(text) <= 120 and bool(_RELATED_LEAD.match(text))


def is_appeal_fragment(text: str) -> bool:
    """At least one word an appeal to the reader uses (for neighbours of a marked appeal)."""
    return bool(APPEAL_WEAK.search(text))


def boilerplate_kind(text: str) -> str | None:
    """Which kind of page furniture one block of text is, or None when it reads as article text."""
    t = " ".join(text.split())
    if not t:
        return None
    n = len(t)
    if n <= 400 and _RELATED_LEAD.match(t):
        return "related"
    if n <= 400 and (_NEWSLETTER.search(t) or (n <= 80 and _NEWSLETTER_HEADING.search(t))):
        return "newsletter"
    if n <= 300 and _CREDIT.search(t):
        return "credit"
    if n <= 300 and _FURNITURE.match(t):
        return "furniture"
    if n <= 2000 and (_APPEAL_STRONG.search(t) or _weak_appeal(t)):
        return "appeal"
    return None


_READER_FAMILIES = {"reade", "journ", "paywa", "patro", "membe", "subsc", "free "}


def _weak_appeal(text: str) -> bool:
    # Word families by their first letters ("support"/"supporters" count once). Arms news says
    # "donate", "support" and "contribution" all the time, so one reader-directed family is required.
    families = {m.group(0).lower()[:5] for m in APPEAL_WEAK.finditer(text)}
    return len(families) >= 3 and bool(families & _READER_FAMILIES)
