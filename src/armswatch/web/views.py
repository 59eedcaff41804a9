"""What the pages show, computed from plain data: a case's timeline and quantity series, an article with
its evidence marked, a claim's source chain (the network is network.py's, re-exported here). No HTML here:
templates render these.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from armswatch.cases import STAGES, Case, Membership, StoredClaim
from armswatch.store.aggregates import quantity_chart
from armswatch.store.case_pages import TimelineBucket
from armswatch.web.network import CATEGORY_COLOURS, SOLID_STATUSES, actor_label, edge_width, network_data

__all__ = [
    "CATEGORY_COLOURS",
    "SOLID_STATUSES",
    "STATUS_COLOURS",
    "Segment",
    "SystemMark",
    "Timeline",
    "WhoseWord",
    "edge_width",
    "highlight",
    "mark_spans",
    "actor_label",
    "network_data",
    "origin_label",
    "quantity_series",
    "source_chain",
    "system_mark",
    "timeline",
    "whose_word",
]

STATUS_COLOURS = {"sought": "#9e9ac8", "negotiating": "#6baed6", "pledged": "#fd8d3c", "delivered": "#31a354",
                  "ongoing": "#006d2c"}


# ------------------------------------------------------------------------------------------- timeline

@dataclass(frozen=True)
class Timeline:
    """A case's status history laid out on [0, 1000] horizontal units (an SVG viewBox)."""

    start: date
    end: date
    ticks: list[tuple[float, str]]  # x, label
    steps: list[dict[str, object]]  # status, x, width, row, first, last, n_claims, corroboration, colour
    dots: list[dict[str, object]]  # claim_id, x, row, status, published, colour, denied
    rows: int


_WIDTH = 1000.0


def _x(d: date, start: date, span: int) -> float:
    return round((d - start).days / span * _WIDTH, 1) if span else _WIDTH / 2


def _dot_radius(n: int) -> float:
    return round(min(10.0, 4 + 1.5 * math.log2(max(1, n))), 1)


def timeline(case: Case, buckets: Iterable[TimelineBucket]) -> Timeline | None:
    """Each status as a bar from its first to its last report; each day (a big case: each month) with
    claims of a status as a dot on its row, sized by how many, linking to its claim or to the list of them."""
    days = [d for s in case.status_history for d in (s.first_reported, s.last_reported) if d]
    if not days:
        return None
    start, end = min(days), max(days)
    span = (end - start).days
    order = sorted({s.status for s in case.status_history}, key=STAGES.index)
    row_of = {st: i for i, st in enumerate(order)}
    steps = []
    for s in case.status_history:
        if not s.first_reported:
            continue
        x0 = _x(s.first_reported, start, span)
        x1 = _x(s.last_reported or s.first_reported, start, span)
        steps.append({"status": s.status, "x": x0, "width": max(4.0, x1 - x0), "row": row_of[s.status],
                      "first": s.first_reported, "last": s.last_reported, "n_claims": s.n_claims,
                      "n_denied": s.n_denied, "corroboration": s.corroboration,
                      "colour": STATUS_COLOURS.get(s.status, "#888")})
    dots = [_dot(case, b, _x(b.first + (b.last - b.first) / 2, start, span), row_of[b.status])
            for b in buckets if b.status in row_of]
    ticks = _ticks(start, end, span)
    return Timeline(start=start, end=end, ticks=ticks, steps=steps, dots=dots, rows=len(order))


def _dot(case: Case, b: TimelineBucket, x: float, row: int) -> dict[str, object]:
    """One dot: its claim when it stands for one, else the list of its claims."""
    url = f"/claims/{b.claim_id}" if b.n_claims == 1 else "/claims?" + urlencode(
        {"case_id": case.id, "status": b.status, "since": b.first.isoformat(), "until": b.last.isoformat(),
         "order": "oldest"})
    return {"claim_id": b.claim_id, "x": x, "row": row, "status": b.status, "published": b.first, "last": b.last,
            "month": b.month, "n_claims": b.n_claims, "n_denied": b.n_denied, "denied": b.n_denied == b.n_claims,
            "r": _dot_radius(b.n_claims), "url": url, "colour": STATUS_COLOURS.get(b.status, "#888")}


def _ticks(start: date, end: date, span: int) -> list[tuple[float, str]]:
    if span == 0:
        return [(_WIDTH / 2, start.isoformat())]
    months = (end.year - start.year) * 12 + end.month - start.month
    step = 1 if months <= 8 else 3 if months <= 24 else 6 if months <= 48 else 12
    out = []
    y, m = start.year, start.month
    while True:
        m += 1
        if m > 12:
            y, m = y + 1, 1
        d = date(y, m, 1)
        if d > end:
            break
        if (m - 1) % step == 0:
            out.append((_x(d, start, span), d.strftime("%b %Y") if step < 12 else str(y)))
    return out


def quantity_series(case: Case) -> list[dict[str, object]]:
    """The quantities reported over time, one chart per unit, one series per source (who said so);
    bounded for big cases (`armswatch.store.aggregates.quantity_chart`, which the store keeps per case)."""
    return quantity_chart(case.quantities)


# --------------------------------------------------------------------------------- text and sources

@dataclass(frozen=True)
class Segment:
    text: str
    claim_ids: tuple[str, ...] = ()  # the claims whose evidence covers this part (empty: plain text)


def highlight(text: str, span: tuple[int, int], evidence: str) -> tuple[list[Segment], str | None]:
    """The text cut around the evidence; when the stored span does not hold the evidence (the text
    changed, or a bad span), the evidence is looked up instead and a note says so."""
    s, e = span
    if 0 <= s <= e <= len(text) and text[s:e].strip() and (text[s:e] == evidence or not evidence):
        note = None
    else:
        at = text.find(evidence) if evidence else -1
        if at < 0:
            return [Segment(text)], "the evidence could not be found in the stored text"
        s, e = at, at + len(evidence)
        note = f"the stored span {list(span)} does not hold the evidence; shown where the evidence occurs"
    return [Segment(text[:s]), Segment(text[s:e], ("evidence",)), Segment(text[e:])], note


def mark_spans(text: str, spans: Sequence[tuple[str, int, int]]) -> list[Segment]:
    """The text cut at every claim span boundary; each part lists the claims covering it."""
    cuts = {0, len(text)}
    valid = [(cid, s, e) for cid, s, e in spans if 0 <= s < e <= len(text)]
    for _cid, s, e in valid:
        cuts.update((s, e))
    bounds = sorted(cuts)
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        ids = tuple(cid for cid, s, e in valid if s <= a and b <= e)
        out.append(Segment(text[a:b], ids))
    return out


def origin_label(origin: str) -> str:
    """'speaker:lydia marsh' → 'speaker: lydia marsh'; article origins by their short hash."""
    kind, _, value = origin.partition(":")
    if kind == "article":
        return f"article {value[:12]} (and its syndicated copies)"
    return f"{kind}: {value}"


@dataclass(frozen=True)
class WhoseWord:
    """On whose word a case rests, for a list of cases: its named origins, speakers first, then the
    outlets cited (as `origin_label` writes them); those left out; articles that name no source."""

    named: tuple[str, ...]
    more: int
    articles: int


def whose_word(origins: Iterable[str], shown: int = 5) -> WhoseWord:
    """`Case.origins` → what a list of cases shows of them (the case page lists them all)."""
    origins = list(origins)
    named = sorted((o for o in origins if not o.startswith("article:")),
                   key=lambda o: (not o.startswith("speaker:"), o))
    return WhoseWord(tuple(origin_label(o) for o in named[:shown]), max(0, len(named) - shown),
                     sum(1 for o in origins if o.startswith("article:")))


def source_chain(c: StoredClaim, copies: int = 0) -> list[dict[str, str]]:
    """Who stands behind a claim, from the person quoted to the page it was read on."""
    chain = []
    if c.claim.source:
        chain.append({"role": "said by", "value": c.claim.source})
    if c.claim.via:
        chain.append({"role": "as carried by", "value": c.claim.via})
    published = c.published.isoformat() if c.published else "undated"
    chain.append({"role": "reported by", "value": f"{c.outlet or 'unknown outlet'} ({published})"})
    if copies:
        chain.append({"role": "syndicated", "value": f"{copies} near-identical cop{'y' if copies == 1 else 'ies'}"})
    return chain


def members_by_claim(members: Iterable[Membership]) -> dict[str, Membership]:
    return {m.claim_id: m for m in members}


@dataclass(frozen=True)
class SystemMark:
    """A claim's (or a case's) weapon system as a page shows it: a label linking to the system, and whether
    the supplier is none of its producers ("producer is not supplier")."""

    id: str
    designation: str
    url: str
    producers: tuple[str, ...]
    producer_differs: bool | None

    @property
    def why(self) -> str:
        built = ", ".join(actor_label(p) for p in self.producers)
        return f"built by {built}" if built else "no producer known"


def system_mark(system_id: str | None, supplier: str) -> SystemMark | None:
    """What a page shows of the system `system_id` supplied by `supplier` (None: no catalogued system)."""
    from armswatch.systems import load_catalogue

    catalogue = load_catalogue()
    system = catalogue.get(system_id)
    if system is None:
        return None
    return SystemMark(system.id, system.designation, f"/systems/{system.id}", system.producers,
                      catalogue.producer_differs(system.id, supplier))
