"""Rich tables for claims, shared by the commands that print them."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from armswatch.model import Claim, quantity_phrase

__all__ = ["claims_table", "excerpt"]


def excerpt(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _quantity(c: Claim) -> str:
    return quantity_phrase(c.quantity, c.quantity_text, c.unit) if c.quantity_text else ""


def _period(c: Claim) -> str:
    if c.period_start and c.period_end and c.period_start != c.period_end:
        return f"{c.period_start} – {c.period_end}"
    return c.period_start or (f"by {c.period_end}" if c.period_end else "")


def make_console() -> Console:
    """A console for tables: piped output gets a wide page rather than 80 columns of folded cells."""
    import sys

    return Console() if sys.stdout.isatty() else Console(width=200)


def claims_table(claims: Sequence[Claim], console: Console | None = None) -> None:
    console = console or make_console()
    table = Table(title=f"{len(claims)} transfer claim(s)", show_lines=False, expand=True)
    for name in ("document", "supplier → recipient", "category", "status", "quantity", "when",
                 "who says so"):
        table.add_column(name, overflow="fold", no_wrap=name in ("supplier → recipient", "category"))
    table.add_column("evidence", overflow="fold", ratio=3)
    for c in claims:
        flags = "".join([" (hedged)" if c.hedged else "", " (denied)" if c.denied else ""])
        who = c.source or ""
        if c.via:
            who = f"{who} via {c.via}" if who else f"via {c.via}"
        table.add_row(c.document_id, f"{c.supplier} → {c.recipient}", c.category, c.status + flags,
                      _quantity(c), _period(c), who, excerpt(c.evidence))
    console.print(table)
