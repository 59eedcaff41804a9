"""Cases: claims about one transfer, merged by (supplier, recipient, category).

A pure function of plain data: stored claims (each with what is known of its document) and analysts'
decisions in, cases out. The store calls it to (re)compute cases; tests call it with hand-built claims.

- **Merge rule.** Claims with the same supplier, recipient and category form one case, unless an
  analyst split a claim out (it then forms, with any claims split under the same label, a case of its
  own) or rejected it (it is listed with the reason, but counts for nothing).
- **Origin.** Who independently stands behind a claim: the named speaker when there is one (a speaker
  quoted by ten outlets is one origin), else the outlet the article cites, else the article itself
  counted by its near-duplicate group (syndicated copies of one article are one origin).
- **Corroboration** = the number of distinct origins standing behind the transfer: every claim that is
  not denied, and a denied claim whose speaker is not the party denying it (the accuser's report still
  stands: "Seoul says Pyongyang shipped shells, which Pyongyang denies" counts Seoul). A case with
  denied claims is *contested* (shown beside the count).
- **Status** = the furthest stage (sought → negotiating → pledged → delivered → ongoing) reported by a
  claim that is not denied; when every claim is denied, the furthest stage of any claim.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any

from armswatch.model import Claim

__all__ = [
    "ACTIONS",
    "STAGES",
    "Case",
    "CaseSummary",
    "Decision",
    "Membership",
    "QuantityReport",
    "StatusStep",
    "StoredClaim",
    "build_cases",
    "case_id",
    "counts_as_origin",
    "claim_id",
    "claim_key",
    "effective_decisions",
    "origin_counts",
    "origin_of",
]

# Stages of a transfer, earliest first; "ongoing" (continued deliveries) goes past "delivered".
STAGES = ("sought", "negotiating", "pledged", "delivered", "ongoing")
ACTIONS = ("reject", "split", "restore")


def _short_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def claim_key(document_id: str, claim: Claim) -> str:
    """One statement in one document, the same across extractor versions (decisions point here)."""
    return _short_hash(document_id, claim.supplier, claim.recipient, claim.category, claim.status)


def claim_id(key: str, extractor_version: str, ordinal: int) -> str:
    """One stored claim row: deterministic, so a re-run of the same input produces the same ids."""
    return _short_hash(key, extractor_version, str(ordinal))


def case_id(supplier: str, recipient: str, category: str, label: str | None) -> str:
    return _short_hash(supplier, recipient, category, label or "")


@dataclass(frozen=True)
class StoredClaim:
    """A claim as the store holds it, with what merging and display need of its document."""

    id: str
    claim_key: str
    claim: Claim
    document_id: str  # the document's content hash
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    dup_group: str = ""
    case_id: str | None = None  # filled when read from the store
    included: bool | None = None  # False when rejected by a decision
    reason: str | None = None  # why it is (or is not) in its case

    def to_dict(self) -> dict[str, Any]:
        from armswatch.systems import producer_differs

        d = self.claim.to_dict()
        d.update(
            producer_differs=producer_differs(self.claim),  # derived: follows the catalogue's producers
            claim_id=self.id,
            claim_key=self.claim_key,
            document_hash=self.document_id,
            published=self.published.isoformat() if self.published else None,
            outlet=self.outlet,
            url=self.url,
            title=self.title,
            dup_group=self.dup_group,
            case_id=self.case_id,
            included=self.included,
            reason=self.reason,
        )
        return d


@dataclass(frozen=True)
class Decision:
    """An analyst's judgement about one claim (by its claim_key); the latest one per claim counts."""

    id: int
    claim_key: str
    claim_id: str
    action: str  # reject | split | restore
    decided_by: str
    reason: str
    decided_at: datetime
    label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["decided_at"] = self.decided_at.isoformat()
        return d


@dataclass(frozen=True)
class StatusStep:
    status: str
    first_reported: date | None
    last_reported: date | None
    n_claims: int
    n_denied: int
    corroboration: int


@dataclass(frozen=True)
class QuantityReport:
    """One reported quantity: how much, when it was reported, and who said so."""

    reported: date | None
    quantity: float | None
    quantity_text: str | None
    unit: str | None
    status: str
    by: str | None  # the speaker, else the cited outlet, else the publishing outlet
    claim_id: str
    document_id: str


@dataclass(frozen=True)
class Membership:
    """Why a claim is (or, when rejected, is not) part of a case."""

    claim_id: str
    case_id: str
    included: bool
    origin: str
    reason: str


@dataclass(frozen=True)
class CaseSummary:
    """A case's own figures, without the parts that need its claims: what big lists show."""

    id: str
    supplier: str
    recipient: str
    category: str
    label: str | None
    status: str
    first_reported: date | None
    last_reported: date | None
    corroboration: int
    n_claims: int
    n_documents: int
    n_hedged: int
    n_denied: int
    # the UN arms embargoes the case may breach (ids), and those whose flag rests only on denied claims;
    # kept with the case by the store (armswatch.screening), empty for a case not screened
    embargo_flags: tuple[str, ...] = field(default=(), kw_only=True)
    embargo_contested: tuple[str, ...] = field(default=(), kw_only=True)

    @property
    def contested(self) -> bool:
        """Some claim of the case is reported as denied (shown beside the corroboration)."""
        return self.n_denied > 0

    def to_dict(self) -> dict[str, Any]:
        d = {f.name: getattr(self, f.name) for f in fields(CaseSummary)}
        d["case_id"] = d.pop("id")
        d["contested"] = self.contested
        d["embargo_flags"], d["embargo_contested"] = list(self.embargo_flags), list(self.embargo_contested)
        for k in ("first_reported", "last_reported"):
            d[k] = d[k].isoformat() if d[k] else None
        return d


@dataclass(frozen=True)
class Case(CaseSummary):
    origins: tuple[str, ...]
    status_history: tuple[StatusStep, ...]
    quantities: tuple[QuantityReport, ...]
    members: tuple[Membership, ...] = field(default=(), compare=False)

    def to_dict(self, members: bool = False) -> dict[str, Any]:
        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        out: dict[str, Any] = {
            **super().to_dict(),
            "origins": list(self.origins),
            "status_history": [
                {**asdict(s), "first_reported": iso(s.first_reported), "last_reported": iso(s.last_reported)}
                for s in self.status_history
            ],
            "quantities": [{**asdict(q), "reported": iso(q.reported)} for q in self.quantities],
        }
        if members:
            out["members"] = [asdict(m) for m in self.members]
        return out


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


def origin_of(c: StoredClaim) -> str:
    """The independent origin a claim counts as (see the module docstring)."""
    if c.claim.source and c.claim.source.strip():
        return f"speaker:{_norm(c.claim.source)}"
    if c.claim.via and c.claim.via.strip():
        return f"outlet:{_norm(c.claim.via)}"
    return f"article:{c.dup_group or c.document_id}"


def counts_as_origin(c: StoredClaim) -> bool:
    """Whether a claim's origin counts towards corroboration (see the module docstring): a denied
    claim counts when a speaker other than a party to the transfer stands behind it."""
    cl = c.claim
    return origin_counts(cl.denied, cl.source, cl.via, (cl.supplier, cl.recipient))


def origin_counts(denied: bool, source: str | None, via: str | None, parties: tuple[str, str]) -> bool:
    """`counts_as_origin` on a claim's fields alone (for reads that do not build claims)."""
    if not denied:
        return True
    from armswatch.actor_names import mentions_actor

    speaker = source or via
    return bool(speaker and speaker.strip()) and not mentions_actor(speaker or "", parties)


def effective_decisions(decisions: Iterable[Decision]) -> dict[str, Decision]:
    """The decision in force for each claim_key: the latest; a 'restore' clears earlier ones."""
    latest: dict[str, Decision] = {}
    for d in sorted(decisions, key=lambda d: d.id):
        if d.action not in ACTIONS:
            raise ValueError(f"decision {d.id}: unknown action {d.action!r}")
        latest[d.claim_key] = d
    return {k: d for k, d in latest.items() if d.action != "restore"}


def _stage(status: str) -> int:
    return STAGES.index(status) if status in STAGES else -1


def _dates(claims: list[StoredClaim]) -> tuple[date | None, date | None]:
    days = [c.published for c in claims if c.published]
    return (min(days), max(days)) if days else (None, None)


def _make_case(key: tuple[str, str, str, str | None], members: list[tuple[StoredClaim, Membership]]) -> Case | None:
    supplier, recipient, category, label = key
    cid = case_id(supplier, recipient, category, label)
    included = [c for c, m in members if m.included]
    if not included:
        return None
    affirmed = [c for c in included if not c.claim.denied]
    first, last = _dates(included)
    origins = sorted({origin_of(c) for c in included if counts_as_origin(c)})
    status = max((c.claim.status for c in (affirmed or included)), key=_stage)
    steps = []
    for st in sorted({c.claim.status for c in included}, key=_stage):
        of = [c for c in included if c.claim.status == st]
        s_first, s_last = _dates(of)
        steps.append(
            StatusStep(
                status=st,
                first_reported=s_first,
                last_reported=s_last,
                n_claims=len(of),
                n_denied=sum(c.claim.denied for c in of),
                corroboration=len({origin_of(c) for c in of if counts_as_origin(c)}),
            )
        )
    steps.sort(key=lambda s: (s.first_reported or date.max, _stage(s.status)))
    quantities = sorted(
        (
            QuantityReport(
                reported=c.published,
                quantity=c.claim.quantity,
                quantity_text=c.claim.quantity_text,
                unit=c.claim.unit,
                status=c.claim.status,
                by=c.claim.source or c.claim.via or c.outlet,
                claim_id=c.id,
                document_id=c.document_id,
            )
            for c in included
            if c.claim.quantity is not None or c.claim.quantity_text
        ),
        key=lambda q: (q.reported or date.max, q.claim_id),
    )
    return Case(
        id=cid,
        supplier=supplier,
        recipient=recipient,
        category=category,
        label=label,
        status=status,
        first_reported=first,
        last_reported=last,
        corroboration=len(origins),
        n_claims=len(included),
        n_documents=len({c.document_id for c in included}),
        n_hedged=sum(c.claim.hedged for c in included),
        n_denied=sum(c.claim.denied for c in included),
        origins=tuple(origins),
        status_history=tuple(steps),
        quantities=tuple(quantities),
        members=tuple(m for _, m in sorted(members, key=lambda cm: cm[0].id)),
    )


def build_cases(
    claims: Iterable[StoredClaim], decisions: Mapping[str, Decision]
) -> tuple[list[Case], list[Membership]]:
    """Cases from current claims and the decisions in force (see `effective_decisions`).

    Returns the cases (sorted by supplier, recipient, category, label) and every claim's membership,
    including rejected claims and claims of cases left empty by rejections.
    """
    groups: dict[tuple[str, str, str, str | None], list[tuple[StoredClaim, Membership]]] = {}
    for c in claims:
        cl = c.claim
        d = decisions.get(c.claim_key)
        label = d.label if d is not None and d.action == "split" else None
        key = (cl.supplier, cl.recipient, cl.category, label)
        cid = case_id(*key)
        if d is not None and d.action == "reject":
            reason = f"rejected by decision {d.id} ({d.decided_by}: {d.reason})"
        elif d is not None and d.action == "split":
            reason = f"split into case {label!r} by decision {d.id} ({d.decided_by}: {d.reason})"
        else:
            reason = f"same supplier, recipient and category ({cl.supplier} → {cl.recipient}, {cl.category})"
        member = Membership(
            claim_id=c.id,
            case_id=cid,
            included=not (d is not None and d.action == "reject"),
            origin=origin_of(c),
            reason=reason,
        )
        groups.setdefault(key, []).append((c, member))
    cases: list[Case] = []
    memberships: list[Membership] = []
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2], k[3] or "")):
        memberships.extend(m for _, m in groups[key])
        case = _make_case(key, groups[key])
        if case is not None:
            cases.append(case)
    return cases, memberships
