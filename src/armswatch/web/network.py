"""The flow network of the overview and actor pages (drawn by static/network.js with cytoscape): one line
per supplier → recipient direction carrying its cases, actors as nodes drawn by kind.

    network_data(case_summaries(store, f), limit=600, filters={"category": "uav"})
      -> {"nodes": [...], "edges": [...], "legend": {...}, "total": cases matching, "shown": cases drawn,
          "lines": directions drawn, "embargo_names": {id: name} of the embargoes named}

The tooltips are written by the script from these fields (the page carries data, not prose).

What is drawn how (the legend under the drawing says the same; `legend()` lists what it needs):
- a line per direction, labelled with its number of cases; its colour is their category when they share
  one, slate when they span several; solid when one of them was delivered or is ongoing, dashed when all
  are sought, negotiating or pledged; its width grows with the best corroboration among them;
- a red halo: one of its cases may breach a UN arms embargo; a pale red halo: every such flag rests on
  claims reported as denied (contested);
- nodes: a circle is a state, a diamond an armed group or other non-state actor, a rounded square an
  organisation (EU, NATO); the size grows with the actor's cases; a dark red ring marks a target of a UN
  arms embargo.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote_plus, urlencode

from armswatch.actor_names import actor_kind
from armswatch.cases import CaseSummary
from armswatch.embargo import default_registry
from armswatch.export.graph import actor_label as _actor_label

__all__ = [
    "CATEGORY_COLOURS",
    "FLAG_COLOURS",
    "KIND_SHAPES",
    "SEVERAL_CATEGORIES_COLOUR",
    "SOLID_STATUSES",
    "actor_label",
    "edge_width",
    "network_data",
]

# A pure lookup (pycountry) repeated for every node and edge drawn: memoised.
actor_label = functools.lru_cache(maxsize=4096)(_actor_label)

# One colour per category (colour-blind-safe-ish qualitative palette, 13 entries).
CATEGORY_COLOURS = {
    "aircraft": "#1f77b4", "air_defence": "#17becf", "armoured_vehicles": "#8c564b", "artillery": "#d62728",
    "ammunition": "#ff7f0e", "missiles": "#9467bd", "uav": "#2ca02c", "naval": "#0b3d91",
    "small_arms": "#7f7f7f", "technology": "#e377c2", "components": "#bcbd22", "personnel": "#393b79",
    "equipment": "#636363",
}
SEVERAL_CATEGORIES_COLOUR = "#34495e"  # a line whose cases span several categories
# the halo of a line that may breach an embargo (pale: contested), the ring of an embargo's target
FLAG_COLOURS = {"may_breach": "#b3261e", "contested": "#e39a94", "target": "#8b1a1a"}
# Transfers that happened are drawn solid; announced, negotiated or sought ones dashed.
SOLID_STATUSES = frozenset({"delivered", "ongoing"})
KIND_SHAPES = {"state": "ellipse", "group": "diamond", "org": "round-rectangle"}
KIND_NAMES = {"state": "state", "group": "armed group or other non-state actor", "org": "organisation"}


def edge_width(corroboration: int) -> float:
    """Line width for a corroboration: grows with its log, 1.5 to 12 px."""
    return round(min(12.0, 1.5 + 2.5 * math.log2(1 + max(0, corroboration))), 2)


@functools.lru_cache(maxsize=4096)
def _embargo_targets(code: str) -> tuple[str, ...]:
    return tuple(e.id for e in default_registry() if e.targets_party(code))


@functools.lru_cache(maxsize=256)
def _embargo_name(embargo_id: str) -> str:
    e = default_registry().get(embargo_id)
    return e.name if e is not None else embargo_id


@functools.lru_cache(maxsize=4096)
def _quoted(code: str) -> str:
    return quote_plus(code)


def network_data(cases: Sequence[CaseSummary], limit: int,
                 filters: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The `limit` most corroborated cases, as one line per supplier → recipient direction. `filters`
    (the page's own, as query parameters) are kept in each line's link to its cases in the case list."""
    shown = sorted(cases, key=lambda k: (-k.corroboration, -k.n_claims, k.id))[:limit]
    by_direction: dict[tuple[str, str], list[CaseSummary]] = {}
    for k in shown:
        by_direction.setdefault((k.supplier, k.recipient), []).append(k)
    query = {k: v for k, v in (filters or {}).items() if k not in ("actor", "supplier", "recipient", "limit", "offset")}
    cases_link = "/cases?" + "".join(f"{urlencode({k: v})}&" for k, v in query.items())
    edges = [_edge(s, r, ks, cases_link) for (s, r), ks in by_direction.items()]
    edges.sort(key=lambda e: (-e["n_cases"], -e["corroboration"], e["id"]))
    nodes = _nodes(shown)
    named = {i for e in edges for i in (*e["embargoes"], *e["contested_embargoes"])} | \
        {i for n in nodes for i in n["embargoes"]}
    return {"nodes": nodes, "edges": edges, "legend": legend(edges), "total": len(cases), "shown": len(shown),
            "lines": len(edges), "embargo_names": {i: _embargo_name(i) for i in sorted(named)}}


def _nodes(shown: Iterable[CaseSummary]) -> list[dict[str, Any]]:
    counts: dict[str, dict[str, int]] = {}  # plain dicts: Counter() costs an ABC check per call
    for k in shown:
        counts.setdefault(k.supplier, {"supplies": 0, "receives": 0})["supplies"] += 1
        counts.setdefault(k.recipient, {"supplies": 0, "receives": 0})["receives"] += 1
    nodes = []
    for code, c in sorted(counts.items()):
        kind, targets = actor_kind(code), _embargo_targets(code)
        nodes.append({"id": code, "label": actor_label(code), "kind": kind, "shape": KIND_SHAPES[kind],
                      "supplies": c["supplies"], "receives": c["receives"], "embargo_target": bool(targets),
                      "embargoes": list(targets),
                      "size": round(18 + 6 * math.log2(1 + c["supplies"] + c["receives"]), 1)})
    return nodes


def _edge(supplier: str, recipient: str, ks: list[CaseSummary], cases_link: str) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for k in ks:
        counts[k.category] = counts.get(k.category, 0) + 1
    categories = sorted(counts.items(), key=lambda kv: -kv[1])  # most cases first, then first seen
    flagged = sorted({e for k in ks for e in k.embargo_flags if e not in k.embargo_contested})
    contested = sorted({e for k in ks for e in k.embargo_contested} - set(flagged))
    happened = sum(1 for k in ks if k.status in SOLID_STATUSES)
    best = max(k.corroboration for k in ks)
    colour = CATEGORY_COLOURS.get(ks[0].category, SEVERAL_CATEGORIES_COLOUR) if len(categories) == 1 \
        else SEVERAL_CATEGORIES_COLOUR
    return {
        "id": f"{supplier}>{recipient}", "source": supplier, "target": recipient,
        "n_cases": len(ks), "n_claims": sum(k.n_claims for k in ks), "corroboration": best,
        "categories": [cat for cat, _ in categories], "category_cases": [n for _, n in categories],
        "n_happened": happened, "colour": colour,
        "style": "solid" if happened else "dashed", "width": edge_width(best), "label": str(len(ks)),
        "flag": "may_breach" if flagged else "contested" if contested else None,
        "embargoes": flagged, "contested_embargoes": contested,
        "cases_url": f"{cases_link}supplier={_quoted(supplier)}&recipient={_quoted(recipient)}",
        "cases": [_case(k) for k in ks],
    }


def _case(k: CaseSummary) -> dict[str, Any]:
    return {"id": k.id, "category": k.category, "label": k.label, "status": k.status,
            "corroboration": k.corroboration, "claims": k.n_claims, "contested": k.contested,
            "embargoes": [e for e in k.embargo_flags if e not in k.embargo_contested],
            "contested_embargoes": list(k.embargo_contested),
            "first": k.first_reported.isoformat() if k.first_reported else None,
            "last": k.last_reported.isoformat() if k.last_reported else None}


def legend(edges: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """What the legend must explain for these lines: the categories drawn in their own colour (in the
    order of the category list), and whether some line spans several; with the colours and names the
    drawing's script shares."""
    singles = {e["categories"][0] for e in edges if len(e["categories"]) == 1}
    return {"categories": [{"category": c, "colour": CATEGORY_COLOURS[c]} for c in CATEGORY_COLOURS if c in singles],
            "several": any(len(e["categories"]) > 1 for e in edges), "flag_colours": FLAG_COLOURS,
            "kind_names": KIND_NAMES}
