"""Network exports for Gephi and friends: actors as nodes, cases as edges with their attributes.

GEXF and GraphML (via networkx) hold strings and numbers only, so missing values are written as ""
and lists as "; "-joined text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from armswatch.cases import Case

__all__ = ["actor_label", "cases_graph", "write_gexf", "write_graphml"]


def actor_label(code: str) -> str:
    """A readable name: the country's common name for an ISO alpha-3 code, else the slug tidied."""
    if len(code) == 3 and code.isupper():
        import pycountry

        country = pycountry.countries.get(alpha_3=code)
        if country is not None:
            return str(getattr(country, "common_name", None) or country.name)
    return code.upper() if len(code) <= 3 else code.replace("_", " ").replace("-", " ").title()


def _is_state(code: str) -> bool:
    return len(code) == 3 and code.isupper()


def cases_graph(cases: Iterable[Case], flags: Callable[[Case], list[str]] | None = None) -> nx.MultiDiGraph:
    """Actors as nodes, cases as edges; `flags` gives a case's embargo flags (an edge attribute)."""
    g = nx.MultiDiGraph(name="armswatch cases")
    for k in cases:
        for actor in (k.supplier, k.recipient):
            if actor not in g:
                g.add_node(actor, label=actor_label(actor), kind="state" if _is_state(actor) else "non-state")
        g.add_edge(
            k.supplier,
            k.recipient,
            key=k.id,
            id=k.id,
            case_id=k.id,
            category=k.category,
            status=k.status,
            label=k.label or "",
            corroboration=k.corroboration,
            weight=float(k.corroboration),
            n_claims=k.n_claims,
            n_documents=k.n_documents,
            n_hedged=k.n_hedged,
            n_denied=k.n_denied,
            first_reported=k.first_reported.isoformat() if k.first_reported else "",
            last_reported=k.last_reported.isoformat() if k.last_reported else "",
            statuses=" → ".join(s.status for s in k.status_history),
            origins="; ".join(k.origins),
            embargo_flags="; ".join(flags(k)) if flags else "",
        )
    return g


def write_gexf(cases: Iterable[Case], path: Path, flags: Callable[[Case], list[str]] | None = None) -> int:
    g = cases_graph(cases, flags)
    nx.write_gexf(g, str(path))
    return int(g.number_of_edges())


def write_graphml(cases: Iterable[Case], path: Path, flags: Callable[[Case], list[str]] | None = None) -> int:
    g = cases_graph(cases, flags)
    nx.write_graphml(g, str(path))
    return int(g.number_of_edges())
