"""What the store holds about one weapon system: who supplies it to whom (the register's rows for it), the
quantities reported over time by source, and the cases it appears in. The system page, its API and
`armswatch systems show --db` read it.

    system_evidence(store, load_catalogue().get("shahed-136"))  -> SystemEvidence
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from armswatch.cases import CaseSummary, QuantityReport
from armswatch.store import CaseFilter

if TYPE_CHECKING:
    from armswatch.register import RegisterRow
    from armswatch.store import Store
    from armswatch.systems.catalogue import Catalogue, System

__all__ = ["SystemEvidence", "system_evidence"]


@dataclass(frozen=True)
class SystemEvidence:
    system: System
    claims: int  # counted claims linked to it
    flows: list[RegisterRow]  # one per supplier, recipient (and category)
    cases: list[CaseSummary]  # the cases it appears in, most corroborated first
    chart: list[dict[str, Any]]  # quantities over time: one chart per unit, one series per source

    def to_dict(self) -> dict[str, Any]:
        return {"system": self.system.to_dict(), "claims": self.claims,
                "flows": [f.to_dict() for f in self.flows], "cases": [k.to_dict() for k in self.cases],
                "quantity_chart": self.chart}


def system_evidence(store: Store, system: System, catalogue: Catalogue | None = None) -> SystemEvidence:
    from armswatch.register import register_rows
    from armswatch.store.aggregates import quantity_chart
    from armswatch.store.browse import case_summaries
    from armswatch.store.transfers import system_rows

    rows = system_rows(store, system.id)
    reports = sorted((QuantityReport(reported=r.published, quantity=r.quantity, quantity_text=r.quantity_text,
                                     unit=r.unit, status=r.status, by=r.by, claim_id=r.claim_id,
                                     document_id=r.document_id)
                      for r in rows if r.quantity is not None), key=lambda q: (q.reported or date.max, q.claim_id))
    flows = register_rows(rows, catalogue=catalogue)
    return SystemEvidence(system=system, claims=len(rows), flows=flows,
                          cases=case_summaries(store, CaseFilter(system=system.id)), chart=quantity_chart(reports))
