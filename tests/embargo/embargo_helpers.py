"""Hand-built claims for the embargo tests (no model, no ../shared)."""

from __future__ import annotations

from armswatch.embargo import Assessment, assess
from armswatch.model import Claim


def claim(supplier: str, recipient: str, category: str, status: str = "delivered",
          period_start: str | None = None, period_end: str | None = None, **kw: object) -> Claim:
    return Claim(document_id=str(kw.pop("document_id", "doc")), supplier=supplier, recipient=recipient,
                 category=category, status=status, item=str(kw.pop("item", category)),
                 evidence=str(kw.pop("evidence", "hand-built")), evidence_span=(0, 0),
                 period_start=period_start, period_end=period_end, **kw)  # type: ignore[arg-type]


def on(supplier: str, recipient: str, category: str, day: str, status: str = "delivered") -> Assessment:
    """Assess a transfer dated to one day (or partial date) given as the claim's period."""
    return assess(claim(supplier, recipient, category, status, period_start=day, period_end=day))


def verdict(a: Assessment, embargo_id: str) -> str:
    f = a.finding(embargo_id)
    assert f is not None, f"{embargo_id} was not considered: {a.not_considered}"
    return f.verdict


def provision_verdict(a: Assessment, embargo_id: str, provision_id: str) -> str:
    f = a.finding(embargo_id)
    assert f is not None
    return next(p.verdict for p in f.provisions if p.provision_id == provision_id)
