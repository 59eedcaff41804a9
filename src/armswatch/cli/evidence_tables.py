"""Rich tables and row writers for stored claims and cases (the `claims` and `cases` commands)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from armswatch.cases import Case, StoredClaim
from armswatch.cli.render import excerpt, make_console
from armswatch.embargo import CaseAssessment

__all__ = ["case_detail", "cases_table", "claims_table", "embargo_table", "write_rows"]


def write_rows(rows: Iterable[dict[str, Any]], fmt: str) -> None:
    """JSON lines or CSV (nested values as JSON text) on standard output."""
    out = sys.stdout
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    from armswatch.export.records import flat as flat_row

    writer: csv.DictWriter[str] | None = None
    for r in rows:
        flat = flat_row(r)  # the same columns as `armswatch export csv`
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(flat), lineterminator="\n")
            writer.writeheader()
        writer.writerow(flat)


def _d(value: Any) -> str:
    return value.isoformat() if value else "?"


def _quantity(q: Any) -> str:
    return f"{q.quantity_text or (q.quantity if q.quantity is not None else '')} {q.unit or ''}".strip()


def cases_table(cases: Sequence[Case], console: Console | None = None) -> None:
    console = console or make_console()
    table = Table(title=f"{len(cases)} case(s)", expand=True)
    for name in (
        "case",
        "supplier → recipient",
        "category",
        "status",
        "history",
        "reported",
        "origins",
        "embargo",
        "claims",
        "quantities reported",
    ):
        table.add_column(name, overflow="fold")
    for k in cases:
        flags = "".join([f" {k.n_hedged} hedged" if k.n_hedged else "", f" {k.n_denied} denied" if k.n_denied else ""])
        qty = "; ".join(f"{_quantity(q)} ({_d(q.reported)}, {q.by or '?'})" for q in k.quantities[-3:])
        table.add_row(
            k.id + (f"\n[{k.label}]" if k.label else ""),
            f"{k.supplier} → {k.recipient}",
            k.category,
            k.status,
            " → ".join(s.status for s in k.status_history),
            f"{_d(k.first_reported)} – {_d(k.last_reported)}",
            str(k.corroboration) + (" contested" if k.contested else ""),
            " ".join(f"{e} (contested)" if e in k.embargo_contested else e for e in k.embargo_flags),
            f"{k.n_claims} in {k.n_documents} doc(s){flags}",
            qty,
        )
    console.print(table)


def claims_table(claims: Sequence[StoredClaim], console: Console | None = None) -> None:
    console = console or make_console()
    table = Table(title=f"{len(claims)} stored claim(s)", expand=True)
    for name in (
        "claim",
        "document",
        "supplier → recipient",
        "category",
        "status",
        "quantity",
        "reported",
        "who says so",
        "case",
        "evidence",
    ):
        table.add_column(name, overflow="fold")
    for sc in claims:
        c = sc.claim
        flags = "".join([" (hedged)" if c.hedged else "", " (denied)" if c.denied else ""])
        who = c.source or ""
        if c.via:
            who = f"{who} via {c.via}" if who else f"via {c.via}"
        case = (sc.case_id or "") + (" REJECTED" if sc.included is False else "")
        qty = f"{c.quantity_text or ''} {c.unit or ''}".strip()
        table.add_row(
            sc.id,
            c.document_id,
            f"{c.supplier} → {c.recipient}",
            c.category,
            c.status + flags,
            qty,
            f"{_d(sc.published)} {sc.outlet or ''}".strip(),
            who,
            case,
            excerpt(c.evidence),
        )
    console.print(table)


def case_detail(case: Case, claims: Sequence[StoredClaim], console: Console | None = None) -> None:
    """One case: its summary, its status history, and every claim with why it is (not) counted."""
    console = console or make_console()
    console.print(
        f"[bold]case {case.id}[/bold]  {case.supplier} → {case.recipient}  {case.category}"
        + (f"  [{case.label}]" if case.label else "")
    )
    console.print(
        f"status {case.status}; reported {_d(case.first_reported)} – {_d(case.last_reported)}; "
        f"{case.corroboration} independent origin(s): {', '.join(case.origins) or 'none'}"
    )
    history = Table(title="status history")
    for name in ("status", "first reported", "last reported", "claims", "denied", "origins"):
        history.add_column(name)
    for s in case.status_history:
        history.add_row(
            s.status,
            _d(s.first_reported),
            _d(s.last_reported),
            str(s.n_claims),
            str(s.n_denied),
            str(s.corroboration),
        )
    console.print(history)
    by_id = {m.claim_id: m for m in case.members}
    members = Table(title="claims and why they are in this case", expand=True)
    for name in ("claim", "reported", "status", "origin", "counted", "why", "evidence"):
        members.add_column(name, overflow="fold")
    for sc in claims:
        m = by_id.get(sc.id)
        members.add_row(
            sc.id,
            f"{_d(sc.published)} {sc.outlet or ''}".strip(),
            sc.claim.status,
            m.origin if m else "",
            "yes" if m and m.included else "no",
            m.reason if m else "",
            excerpt(sc.claim.evidence, 70),
        )
    console.print(members)


def embargo_table(checked: Sequence[tuple[Case, CaseAssessment]], console: Console | None = None) -> None:
    """For each case, the embargoes considered: verdict and why (flagged first)."""
    console = console or make_console()
    table = Table(title="UN arms embargo check", expand=True)
    for name in ("case", "supplier → recipient", "category", "embargo", "verdict", "why"):
        table.add_column(name, overflow="fold")
    for k, a in checked:
        for e in a.embargoes:
            table.add_row(k.id, f"{k.supplier} → {k.recipient}", k.category, e.embargo_id, e.verdict, e.summary)
        if not a.embargoes:
            table.add_row(k.id, f"{k.supplier} → {k.recipient}", k.category, "—", "not_applicable",
                          "no UN arms embargo targets either party")
    console.print(table)
