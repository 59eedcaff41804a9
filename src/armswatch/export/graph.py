"""Network exports for Gephi and friends: actors as nodes, cases as edges with their attributes.

Each edge carries a label ("uav · ongoing"), a `kind` (the category, so Gephi keeps parallel edges of
different categories apart), a weight (the corroboration) and the case's dynamic `start`/`end`: the span
of its claims' own periods (or, for a claim without one, its publication date), so Gephi's timeline
works. GEXF is written as GEXF 1.3 by hand (networkx writes 1.2 and a stray `networkx_key`); GraphML via
networkx, with the same attributes as data keys. Missing values are written as "" and lists as
"; "-joined text, as both formats hold strings and numbers only.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

from armswatch.cases import Case, StoredClaim

__all__ = ["GEXF_NS", "CaseEdge", "actor_label", "case_edge", "case_period", "cases_graph", "write_gexf",
           "write_graphml"]

GEXF_NS = "http://gexf.net/1.3"
Flags = Callable[[Case], list[str]]
ClaimsOf = Callable[[Case], list[StoredClaim]]


def actor_label(code: str) -> str:
    """A readable name: the name states.tsv gives a state first ("Democratic Republic of the Congo", not
    pycountry's "Congo, The Democratic Republic of the"), else pycountry's, else the slug tidied."""
    if len(code) == 3 and code.isupper():
        name = _state_names().get(code)
        if name:
            return name
        import pycountry

        country = pycountry.countries.get(alpha_3=code)
        if country is not None:
            return str(getattr(country, "common_name", None) or country.name)
    return code.upper() if len(code) <= 3 else code.replace("_", " ").replace("-", " ").title()


@lru_cache(maxsize=1)
def _state_names() -> dict[str, str]:
    from armswatch.extract.lexicon import data_rows

    return {row["code"]: row["names"].split("|")[0].strip() for row in data_rows("states.tsv") if row.get("names")}


def _is_state(code: str) -> bool:
    return len(code) == 3 and code.isupper()


def case_period(k: Case, claims: Iterable[StoredClaim]) -> tuple[date | None, date | None]:
    """The span the case's transfer happened in: its claims' own periods, else their publication dates,
    else the case's first and last report."""
    from armswatch.embargo.dates import claim_when

    starts: list[date] = []
    ends: list[date] = []
    for c in claims:
        if c.included is False:
            continue
        when = claim_when(c.claim.period_start, c.claim.period_end, c.published)
        if when.start is not None and when.end is not None:
            starts.append(when.start)
            ends.append(when.end)
    if starts:
        return min(starts), max(ends)
    return k.first_reported, k.last_reported


@dataclass(frozen=True)
class CaseEdge:
    """One case as an edge: fixed GEXF/GraphML fields and the attributes (name → value)."""

    case_id: str
    source: str
    target: str
    label: str
    kind: str
    weight: float
    start: str
    end: str
    attributes: dict[str, Any]


_EDGE_ATTRIBUTES: dict[str, str] = {  # name → GEXF type; GraphML's types follow the Python values
    "case_id": "string", "category": "string", "status": "string", "split_label": "string",
    "corroboration": "integer", "n_claims": "integer", "n_documents": "integer", "n_hedged": "integer",
    "n_denied": "integer", "first_reported": "string", "last_reported": "string", "statuses": "string",
    "origins": "string", "embargo_flags": "string",
}


def case_edge(k: Case, flags: list[str], period: tuple[date | None, date | None]) -> CaseEdge:
    start, end = period
    label = f"{k.category.replace('_', ' ')} · {k.status}" + (f" · {k.label}" if k.label else "")
    return CaseEdge(
        case_id=k.id, source=k.supplier, target=k.recipient, label=label, kind=k.category,
        weight=float(k.corroboration), start=start.isoformat() if start else "", end=end.isoformat() if end else "",
        attributes={
            "case_id": k.id, "category": k.category, "status": k.status, "split_label": k.label or "",
            "corroboration": k.corroboration, "n_claims": k.n_claims, "n_documents": k.n_documents,
            "n_hedged": k.n_hedged, "n_denied": k.n_denied,
            "first_reported": k.first_reported.isoformat() if k.first_reported else "",
            "last_reported": k.last_reported.isoformat() if k.last_reported else "",
            "statuses": " → ".join(s.status for s in k.status_history), "origins": "; ".join(k.origins),
            "embargo_flags": "; ".join(flags),
        },
    )


def _edges(cases: Iterable[Case], flags: Flags | None, claims_of: ClaimsOf | None) -> list[CaseEdge]:
    return [case_edge(k, flags(k) if flags else [], case_period(k, claims_of(k) if claims_of else []))
            for k in cases]


def cases_graph(cases: Iterable[Case], flags: Flags | None = None,
                claims_of: ClaimsOf | None = None) -> nx.MultiDiGraph:
    """Actors as nodes, cases as edges (keyed by case id); `flags` gives a case's embargo flags and
    `claims_of` its claims (for the transfer's period)."""
    g = nx.MultiDiGraph(name="armswatch cases")
    for e in _edges(cases, flags, claims_of):
        for actor in (e.source, e.target):
            if actor not in g:
                g.add_node(actor, label=actor_label(actor), kind="state" if _is_state(actor) else "non-state")
        g.add_edge(e.source, e.target, key=e.case_id, label=e.label, kind=e.kind, weight=e.weight, start=e.start,
                   end=e.end, **e.attributes)
    return g


def gexf_tree(edges: list[CaseEdge]) -> ET.ElementTree:
    """GEXF 1.3: a dynamic, directed graph whose edges have ids, labels, kinds, weights and periods."""
    root = ET.Element("gexf", {"xmlns": GEXF_NS, "version": "1.3"})
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": date.today().isoformat()})
    ET.SubElement(meta, "creator").text = "armswatch"
    ET.SubElement(meta, "description").text = "Arms-transfer cases: actors as nodes, cases as edges"
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"})
    node_attrs = ET.SubElement(graph, "attributes", {"class": "node"})
    ET.SubElement(node_attrs, "attribute", {"id": "kind", "title": "kind", "type": "string"})
    edge_attrs = ET.SubElement(graph, "attributes", {"class": "edge"})
    for name, typ in _EDGE_ATTRIBUTES.items():
        ET.SubElement(edge_attrs, "attribute", {"id": name, "title": name, "type": typ})
    nodes = ET.SubElement(graph, "nodes")
    seen: set[str] = set()
    for e in edges:
        for actor in (e.source, e.target):
            if actor not in seen:
                seen.add(actor)
                node = ET.SubElement(nodes, "node", {"id": actor, "label": actor_label(actor)})
                values = ET.SubElement(node, "attvalues")
                kind = "state" if _is_state(actor) else "non-state"
                ET.SubElement(values, "attvalue", {"for": "kind", "value": kind})
    edges_el = ET.SubElement(graph, "edges")
    for e in edges:
        fixed = {"id": e.case_id, "source": e.source, "target": e.target, "label": e.label, "kind": e.kind,
                 "weight": repr(e.weight)}
        fixed.update({k: v for k, v in (("start", e.start), ("end", e.end)) if v})
        edge = ET.SubElement(edges_el, "edge", fixed)
        values = ET.SubElement(edge, "attvalues")
        for name, value in e.attributes.items():
            ET.SubElement(values, "attvalue", {"for": name, "value": str(value)})
    ET.indent(root)
    return ET.ElementTree(root)


def write_gexf(cases: Iterable[Case], path: Path, flags: Flags | None = None,
               claims_of: ClaimsOf | None = None) -> int:
    edges = _edges(cases, flags, claims_of)
    gexf_tree(edges).write(str(path), encoding="utf-8", xml_declaration=True)
    return len(edges)


def write_graphml(cases: Iterable[Case], path: Path, flags: Flags | None = None,
                  claims_of: ClaimsOf | None = None) -> int:
    g = cases_graph(cases, flags, claims_of)
    nx.write_graphml(g, str(path))
    return int(g.number_of_edges())
