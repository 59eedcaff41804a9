"""When a claim happened, as a closed date interval, from the claim's partial dates or the publication date.

Claims carry `period_start`/`period_end` as "YYYY", "YYYY-MM" or "YYYY-MM-DD" (claim schema). A partial
date stands for its whole span: "2023" is 2023-01-01 .. 2023-12-31. A claim without a period is dated
by its document's publication date, which is what the brief for embargo checks prescribes.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

__all__ = ["ClaimWhen", "claim_when", "parse_partial_date"]

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(text: str) -> tuple[date, date]:
    """The first and last day a partial ISO date can mean; ValueError naming the text if it is not one."""
    m = _PARTIAL.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            last = calendar.monthrange(year, int(month))[1]
            return date(year, int(month), 1), date(year, int(month), last)
        d = date(year, int(month), int(day))
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a valid date: {exc}") from None
    return d, d


@dataclass(frozen=True)
class ClaimWhen:
    """The interval a claim is dated to (inclusive), where the dating came from, and any problems met."""

    start: date | None
    end: date | None
    basis: str  # "period", "published" or "none"
    problems: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return self.start is not None and self.end is not None

    def describe(self) -> str:
        if self.start is None or self.end is None:
            return "undated"
        span = self.start.isoformat() if self.start == self.end else f"{self.start} – {self.end}"
        return f"{span} (publication date)" if self.basis == "published" else span


def _as_date(value: date | str | None, name: str, problems: list[str]) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return parse_partial_date(value)[0] if value.strip() else None
    except ValueError as exc:
        problems.append(f"{name}: {exc}")
        return None


def claim_when(period_start: str | None, period_end: str | None,
               published: date | str | None = None) -> ClaimWhen:
    """Date a claim: its period if it states one, else the publication date, else undated.

    A period with only one end stands for the span of that partial date. Bad values are reported in
    `problems` (naming the field and the reason) and the next source of a date is used instead.
    """
    problems: list[str] = []
    spans: list[tuple[date, date]] = []
    for name, value in (("period_start", period_start), ("period_end", period_end)):
        if value:
            try:
                spans.append(parse_partial_date(value))
            except ValueError as exc:
                problems.append(f"{name}: {exc}")
    if spans:
        start, end = spans[0][0], spans[-1][1]
        if start > end:
            problems.append(f"period_start {period_start!r} is after period_end {period_end!r}; swapped")
            start, end = spans[-1][0], spans[0][1]
        return ClaimWhen(start, end, "period", tuple(problems))
    pub = _as_date(published, "published", problems)
    if pub is not None:
        return ClaimWhen(pub, pub, "published", tuple(problems))
    return ClaimWhen(None, None, "none", tuple(problems))
