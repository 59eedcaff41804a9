"""Periods of a transfer, normalised against the publication date.

"since the end of last winter" -> (YYYY-12, published) · "since July last year" -> (YYYY-07, published) ·
"last month" -> that month · "last year" -> that year · "on Tuesday" -> that date · "last week" -> its
Monday..Sunday · "in March" -> the latest March not after publication (the next one for pledges) ·
"by 2027" -> end 2027 · "from 2026" -> start 2026 · "this month" / "earlier this month" -> that month.
Only time words inside the trigger's own clause count: "said on Tuesday" dates the statement, not
the transfer.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from spacy.tokens import Token

__all__ = ["read_period"]

_MONTHS = {calendar.month_name[i].lower(): i for i in range(1, 13)}  # the C locale's English names
_DAYS = {calendar.day_name[i].lower(): i for i in range(7)}
_SPEECH_DEPS = ("relcl",)


def _month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _clause_tokens(trigger: Token, speech: set[str]) -> list[Token]:
    """Tokens of the trigger's clause: its subtree without embedded relative clauses or speech verbs."""
    out: list[Token] = []

    def walk(t: Token) -> None:
        out.append(t)
        for c in t.children:
            if c.dep_ in _SPEECH_DEPS and c != trigger:
                continue
            if c.lemma_.lower() in speech and c.pos_ == "VERB":
                continue
            if c.dep_ in ("ccomp", "advcl", "conj") and c.pos_ in ("VERB", "AUX"):
                continue
            walk(c)

    walk(trigger)
    # the verbs that govern a nominal or infinitival trigger ("deliveries ... arrived last month")
    cur = trigger
    for _ in range(3):
        if cur.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "xcomp", "prep", "acl") and cur.head.i != cur.i:
            cur = cur.head
            if cur.lemma_.lower() in speech:
                break
            out.append(cur)
            for c in cur.children:
                if c.dep_ in ("prep", "npadvmod", "advmod") and c not in out:
                    out.extend(c.subtree)
        else:
            break
    return sorted(set(out), key=lambda t: t.i)


def read_period(trigger: Token, status: str, published: date | None, speech: set[str]
                ) -> tuple[str | None, str | None]:
    toks = _clause_tokens(trigger, speech)
    text = " ".join(t.text for t in toks)
    low = text.lower()
    pub = published
    future = status in ("pledged",)

    def year_of(month: int, prefer_future: bool) -> int | None:
        if pub is None:
            return None
        if prefer_future:
            return pub.year if month >= pub.month else pub.year + 1
        return pub.year if month <= pub.month else pub.year - 1

    m = re.search(r"\bsince (?:the )?(end|start|beginning) of last year\b", low)
    if m and pub:
        mo = 12 if m.group(1) == "end" else 1
        return _month(pub.year - 1, mo), pub.isoformat()
    m = re.search(r"\bsince (" + "|".join(_MONTHS) + r")(?: (last year|(\d{4})))?\b", low)
    if m:
        mo = _MONTHS[m.group(1)]
        y = int(m.group(3)) if m.group(3) else (pub.year - 1 if m.group(2) and pub else year_of(mo, False))
        if y:
            return _month(y, mo), pub.isoformat() if pub else None
    m = re.search(r"\bsince (?:early |late )?(\d{4})\b", low)
    if m:
        return m.group(1), pub.isoformat() if pub else None
    m = re.search(r"\bsince last year\b", low)
    if m and pub:
        return str(pub.year - 1), pub.isoformat()
    m = re.search(r"\bby (?:the )?end of (?:the |this )?year\b", low)
    if m and pub:
        return None, _month(pub.year, 12)
    m = re.search(r"\bby (?:the )?end of (\d{4})\b", low)
    if m:
        return None, f"{m.group(1)}-12"
    m = re.search(r"\bby (" + "|".join(_MONTHS) + r")\b", low)
    if m and pub:
        mo = _MONTHS[m.group(1)]
        y = year_of(mo, True)
        return None, _month(y, mo) if y else None
    m = re.search(r"\bby (\d{4})\b", low)
    if m:
        return None, m.group(1)
    m = re.search(r"\b(?:from|starting in|beginning in) (\d{4})\b", low)
    if m:
        return m.group(1), None
    if pub:
        if re.search(r"\blast month\b", low):
            d = pub.replace(day=1) - timedelta(days=1)
            return _month(d.year, d.month), _month(d.year, d.month)
        if re.search(r"\b(?:earlier )?this month\b", low):
            return _month(pub.year, pub.month), _month(pub.year, pub.month)
        if re.search(r"\blast week\b", low):
            monday = pub - timedelta(days=pub.weekday() + 7)
            return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
        if re.search(r"\blast year\b", low):
            return str(pub.year - 1), str(pub.year - 1)
        if re.search(r"\b(?:earlier )?this year\b", low):
            return str(pub.year), str(pub.year)
        if re.search(r"\bnext year\b", low):
            return str(pub.year + 1), None
        m = re.search(r"\bon (" + "|".join(_DAYS) + r")\b", low)
        if m:
            delta = (pub.weekday() - _DAYS[m.group(1)]) % 7 or 7
            d = pub - timedelta(days=delta)
            return d.isoformat(), d.isoformat()
    m = re.search(r"\b(?:in|during|earlier in) (" + "|".join(_MONTHS) + r")(?: (\d{4}))?\b", low)
    if m:
        mo = _MONTHS[m.group(1)]
        y = int(m.group(2)) if m.group(2) else year_of(mo, future)
        if y:
            return _month(y, mo), _month(y, mo)
    m = re.search(r"\bin (\d{4})\b", low)
    if m:
        return m.group(1), m.group(1)
    return None, None
