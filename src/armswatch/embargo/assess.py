"""Does a claimed transfer fall under a UN arms embargo? The rules, and the plain results they give.

For each embargo where the supplier or the recipient is a target, every provision is checked on four
questions, each answered ok / uncertain / fail with a sentence saying why:

    party      is a party a target in the provision's direction (supply to / from), and is it targeted
               as named (a state's government vs only non-governmental forces, listed persons, a region)?
    period     does the claim's date (its period, else the publication date) fall in the provision's
               [start, end) window?
    category   is the claim's category plainly in scope, possibly in scope (item-dependent), or out?
    standing   is the provision contested (2025 Iran snapback)?

A provision's verdict: `not_applicable` if any question fails; else `contested` if the provision is
contested; else `uncertain` if any answer is uncertain; else `may_breach`. An embargo's verdict is its
provisions' best. Only `may_breach` is a flag: "may", because reports can be wrong and exemptions
(listed with the finding) can apply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Protocol

from armswatch.embargo.dates import ClaimWhen, claim_when, parse_partial_date
from armswatch.embargo.registry import Embargo, Provision, Registry, default_registry
from armswatch.model import CATEGORIES, STATUSES, Claim

__all__ = [
    "VERDICTS", "Assessment", "CaseAssessment", "CaseEmbargo", "EmbargoFinding", "ProvisionFinding",
    "StoredClaimLike", "assess", "assess_case", "assess_transfer",
]

# Best first: an embargo's verdict is the best of its provisions'.
VERDICTS = ("may_breach", "contested", "uncertain", "not_applicable")
_RANK = {v: i for i, v in enumerate(VERDICTS)}
_DIRECTION_TEXT = {"supply_to": "supplies to", "supply_from": "supplies from", "both": "supplies to or from"}


@dataclass(frozen=True)
class _Check:
    outcome: str  # ok | uncertain | fail
    text: str


@dataclass(frozen=True)
class ProvisionFinding:
    """How one provision bears on one claim."""

    provision_id: str
    label: str
    citation: str
    direction: str
    period: str
    status: str
    verdict: str
    target: str | None  # e.g. "supplier PRK"
    overlap: tuple[str, str] | None  # the part of the claim's dates the provision covers
    reasons: tuple[str, ...]  # the answers to the four questions, failing ones first
    notes: tuple[str, ...] = ()  # exemptions that may apply, the provision's own note

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["overlap"] = list(self.overlap) if self.overlap else None
        d["reasons"], d["notes"] = list(self.reasons), list(self.notes)
        return d


@dataclass(frozen=True)
class EmbargoFinding:
    """How one embargo bears on one claim: its verdict and every provision's."""

    embargo_id: str
    name: str
    verdict: str
    provisions: tuple[ProvisionFinding, ...]
    notes: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        return self.verdict == "may_breach"

    @property
    def deciding(self) -> tuple[ProvisionFinding, ...]:
        """The provisions that gave the embargo its verdict."""
        return tuple(p for p in self.provisions if p.verdict == self.verdict)

    @property
    def summary(self) -> str:
        """One line: for a flag, why it applies; otherwise why each provision does not."""
        if self.verdict == "not_applicable":
            return "; ".join(f"{p.provision_id}: {p.reasons[0]}" for p in self.provisions)
        return "; ".join(f"{p.provision_id} ({p.citation}): " + "; ".join(p.reasons) for p in self.deciding)

    def to_dict(self) -> dict[str, Any]:
        return {"embargo_id": self.embargo_id, "name": self.name, "verdict": self.verdict,
                "flagged": self.flagged, "summary": self.summary,
                "provisions": [p.to_dict() for p in self.provisions], "notes": list(self.notes)}


@dataclass(frozen=True)
class Assessment:
    """The embargo assessment of one claim (or one ad-hoc transfer)."""

    supplier: str
    recipient: str
    category: str
    status: str
    document_id: str | None
    date_start: str | None
    date_end: str | None
    date_basis: str  # period | published | none
    findings: tuple[EmbargoFinding, ...]  # embargoes where a party is a target, flagged first
    not_considered: tuple[str, ...]  # embargo ids where neither party is a target
    notes: tuple[str, ...]  # about the claim itself: status, hedging, denial, bad dates
    data_version: str

    @property
    def flagged(self) -> tuple[EmbargoFinding, ...]:
        return tuple(f for f in self.findings if f.flagged)

    @property
    def verdict(self) -> str:
        return min((f.verdict for f in self.findings), key=_RANK.__getitem__, default="not_applicable")

    def finding(self, embargo_id: str) -> EmbargoFinding | None:
        return next((f for f in self.findings if f.embargo_id == embargo_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "supplier": self.supplier, "recipient": self.recipient, "category": self.category,
            "status": self.status, "document_id": self.document_id,
            "date": {"start": self.date_start, "end": self.date_end, "basis": self.date_basis},
            "verdict": self.verdict, "flagged": [f.embargo_id for f in self.flagged],
            "findings": [f.to_dict() for f in self.findings], "not_considered": list(self.not_considered),
            "notes": list(self.notes), "data_version": self.data_version,
        }


# ---------------------------------------------------------------------------------------------- rules

def _party_check(prov: Provision, code: str, role: str) -> _Check | None:
    """How the provision treats `code` when it is in `role`; None if it is not among the targets."""
    who = f"{role} {code}"
    if code in prov.states:
        scope = prov.state_scope
        if scope == "all":
            return _Check("ok", f"{who} is a target State")
        if scope == "non_governmental":
            return _Check("fail", f"{who} names the State (read as its government), but only "
                                  f"non-governmental forces in {code} are targets")
        if scope == "listed":
            return _Check("fail", f"{who} names the State, but only listed individuals and entities are "
                                  "targets, not the State or its government")
        return _Check("uncertain", f"{who}: {prov.state_scope_note}")
    if code in prov.actors:
        return _Check("ok", f"{who} is a targeted group")
    if code in prov.actors_if_designated:
        return _Check("uncertain", f"{who} is a target only insofar as it is designated by the Committee; "
                                   "the claim does not say whether the recipients are listed")
    return None


def _check_party(prov: Provision, supplier: str, recipient: str) -> tuple[_Check, str | None]:
    roles = {"supply_to": ("recipient",), "supply_from": ("supplier",), "both": ("recipient", "supplier")}
    codes = {"supplier": supplier, "recipient": recipient}
    matches = [(c, f"{role} {codes[role]}") for role in roles[prov.direction]
               if (c := _party_check(prov, codes[role], role)) is not None]
    if matches:
        best = min(matches, key=lambda m: ("ok", "uncertain", "fail").index(m[0].outcome))
        direction = f" ({_DIRECTION_TEXT[prov.direction]} the target)"
        return _Check(best[0].outcome, best[0].text + (direction if best[0].outcome == "ok" else "")), best[1]
    for role in ("supplier", "recipient"):
        if prov.targets_party(codes[role]):
            other = "recipient" if role == "supplier" else "supplier"
            return _Check("fail", f"direction: the provision restricts {_DIRECTION_TEXT[prov.direction]} "
                                  f"{codes[role]}, but {codes[role]} is the {role} here and the {other} "
                                  f"{codes[other]} is not a target"), None
    return _Check("fail", f"neither {supplier} nor {recipient} is a target of this provision"), None


def _check_period(prov: Provision, when: ClaimWhen) -> tuple[_Check, tuple[str, str] | None]:
    if when.start is None or when.end is None:
        return _Check("uncertain", f"the claim has no date (no period, no publication date), so it cannot "
                                   f"be placed against the provision's period {prov.period_text}"), None
    dated = f"dated {when.describe()}"
    began = "the contested re-imposition" if prov.contested else "the provision"
    if when.end < prov.start:
        return _Check("fail", f"{dated}: before {began} began on {prov.start}"), None
    if prov.end is not None and when.start >= prov.end:
        return _Check("fail", f"{dated}: on or after {prov.end}, when the provision ceased to apply"), None
    lo = max(when.start, prov.start)
    hi = when.end if prov.end is None else min(when.end, prov.end - timedelta(days=1))
    overlap = (lo.isoformat(), hi.isoformat())
    if (lo, hi) == (when.start, when.end):
        return _Check("ok", f"{dated}: within the provision's period {prov.period_text}"), overlap
    return _Check("ok", f"{dated}: partly within the provision's period {prov.period_text} "
                        f"(covered part {lo} – {hi})"), overlap


def _check_category(prov: Provision, category: str) -> _Check:
    scope = "all arms" if prov.all_arms else ", ".join(prov.categories)
    if category in prov.categories:
        return _Check("ok", f"category {category} is in scope ({scope})")
    if category in prov.categories_partial:
        why = ("troops and military personnel are not arms as such" if category == "personnel"
               else "it depends on the exact item")
        return _Check("uncertain", f"category {category} may or may not be in scope: {why} "
                                   f"(the provision covers {scope})")
    return _Check("fail", f"category {category} is outside the provision's scope ({scope})")


def _assess_provision(prov: Provision, supplier: str, recipient: str, category: str,
                      when: ClaimWhen) -> ProvisionFinding:
    party, target = _check_party(prov, supplier, recipient)
    period, overlap = _check_period(prov, when)
    cat = _check_category(prov, category)
    checks = (party, period, cat)
    outcomes = {c.outcome for c in checks}
    if "fail" in outcomes:
        verdict = "not_applicable"
    elif prov.contested:
        verdict = "contested"
    elif "uncertain" in outcomes:
        verdict = "uncertain"
    else:
        verdict = "may_breach"
    order = ("fail", "uncertain", "ok")
    reasons = tuple(c.text for c in sorted(checks, key=lambda c: order.index(c.outcome)))
    notes: list[str] = []
    if prov.contested:
        notes.append("this provision's legal force is contested; it is never reported as a flag")
    if verdict != "not_applicable":
        notes.extend(f"unless exempt ({e.kind}): {e.text}" for e in prov.exemptions)
    if prov.note:
        notes.append(prov.note)
    return ProvisionFinding(
        provision_id=prov.id, label=prov.label, citation=prov.citation, direction=prov.direction,
        period=prov.period_text, status=prov.status, verdict=verdict, target=target,
        overlap=overlap if verdict != "not_applicable" else None, reasons=reasons, notes=tuple(notes))


def _assess_embargo(emb: Embargo, supplier: str, recipient: str, category: str,
                    when: ClaimWhen) -> EmbargoFinding:
    provisions = tuple(_assess_provision(p, supplier, recipient, category, when) for p in emb.provisions)
    verdict = min((p.verdict for p in provisions), key=_RANK.__getitem__)
    return EmbargoFinding(emb.id, emb.name, verdict, provisions, emb.notes)


def _claim_notes(status: str, hedged: bool, denied: bool, when: ClaimWhen) -> tuple[str, ...]:
    notes = list(when.problems)
    if status not in ("delivered", "ongoing"):
        notes.append(f"reported as {status}: not a completed transfer; a flag means it would fall under "
                     "the embargo if carried out")
    if hedged:
        notes.append("the claim is hedged (could, may, reportedly ...)")
    if denied:
        notes.append("the claim is reported as denied")
    if when.basis == "published":
        notes.append("no period stated: dated by the document's publication date")
    return tuple(notes)


def _assess(supplier: str, recipient: str, category: str, status: str, when: ClaimWhen,
            registry: Registry, *, document_id: str | None = None, hedged: bool = False,
            denied: bool = False) -> Assessment:
    considered = [e for e in registry if e.targets_party(supplier) or e.targets_party(recipient)]
    findings = sorted((_assess_embargo(e, supplier, recipient, category, when) for e in considered),
                      key=lambda f: (_RANK[f.verdict], f.embargo_id))
    notes = list(_claim_notes(status, hedged, denied, when))
    if category not in CATEGORIES:
        notes.append(f"category {category!r} is not one of the claim schema's categories")
    if status not in STATUSES:
        notes.append(f"status {status!r} is not one of the claim schema's statuses")
    return Assessment(
        supplier=supplier, recipient=recipient, category=category, status=status, document_id=document_id,
        date_start=when.start.isoformat() if when.start else None,
        date_end=when.end.isoformat() if when.end else None, date_basis=when.basis,
        findings=tuple(findings),
        not_considered=tuple(e.id for e in registry if e.id not in {c.id for c in considered}),
        notes=tuple(notes), data_version=registry.version)


# ------------------------------------------------------------------------------------------ public API

def assess(claim: Claim, published: date | str | None = None, registry: Registry | None = None) -> Assessment:
    """Assess one claim. `published` is its document's publication date, used when the claim states no
    period. Pass a `registry` to use another data file (default: the packaged one)."""
    when = claim_when(claim.period_start, claim.period_end, published)
    return _assess(claim.supplier, claim.recipient, claim.category, claim.status, when,
                   registry or default_registry(), document_id=claim.document_id,
                   hedged=claim.hedged, denied=claim.denied)


def assess_transfer(supplier: str, recipient: str, category: str, start: date | str | None = None,
                    end: date | str | None = None, *, status: str = "delivered",
                    registry: Registry | None = None) -> Assessment:
    """Assess an ad-hoc transfer (no claim object): dates may be partial ("2023", "2023-05") or dates.

    Raises ValueError naming a date that cannot be read: here the caller typed it, so failing loudly
    is the clear answer (claims with bad dates are assessed with the problem in `notes` instead)."""
    def text(d: date | str | None) -> str | None:
        if d is None or isinstance(d, date):
            return d.isoformat() if d else None
        parse_partial_date(d)  # raises ValueError with the reason
        return d

    when = claim_when(text(start), text(end))
    return _assess(supplier, recipient, category, status, when, registry or default_registry())


# -------------------------------------------------------------------------------------------- cases

@dataclass(frozen=True)
class CaseEmbargo:
    """One embargo over all claims of a case."""

    embargo_id: str
    name: str
    verdict: str  # the best verdict over the case's claims
    claims_by_verdict: Mapping[str, int]
    flagged_documents: tuple[str, ...]
    summary: str  # from the claim that gave the verdict
    # the claim-level notes of the claims that gave the verdict, each with how many of them it concerns
    # ("reported as sought: ... (2 of 3 claims)")
    notes: tuple[str, ...] = ()
    contested: bool = False  # every claim that gave the verdict is reported as denied

    @property
    def flagged(self) -> bool:
        return self.verdict == "may_breach"

    @property
    def reading(self) -> str:
        """The verdict as an analyst reads it: a flag resting only on denied claims is 'contested'."""
        return "contested" if self.flagged and self.contested else self.verdict

    def to_dict(self) -> dict[str, Any]:
        return {"embargo_id": self.embargo_id, "name": self.name, "verdict": self.verdict,
                "reading": self.reading, "flagged": self.flagged, "contested": self.contested,
                "claims_by_verdict": dict(self.claims_by_verdict),
                "flagged_documents": list(self.flagged_documents), "summary": self.summary,
                "notes": list(self.notes)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CaseEmbargo:
        """Back from `to_dict()` (the store keeps each case's assessment so)."""
        return cls(d["embargo_id"], d["name"], d["verdict"], dict(d["claims_by_verdict"]),
                   tuple(d["flagged_documents"]), d["summary"], tuple(d["notes"]), bool(d["contested"]))


@dataclass(frozen=True)
class CaseAssessment:
    """The embargo assessment of a case: (supplier, recipient, category) over its claims."""

    supplier: str
    recipient: str
    category: str
    claims: int
    date_start: str | None
    date_end: str | None
    embargoes: tuple[CaseEmbargo, ...]
    assessments: tuple[Assessment, ...] = field(repr=False)

    @property
    def flags(self) -> tuple[str, ...]:
        """Ids of the embargoes at least one claim may breach (what a store's `embargo flags` holds)."""
        return tuple(e.embargo_id for e in self.embargoes if e.flagged)

    @property
    def contested(self) -> tuple[str, ...]:
        """Ids of flagged embargoes whose flag rests only on claims reported as denied."""
        return tuple(e.embargo_id for e in self.embargoes if e.flagged and e.contested)

    def to_dict(self, *, with_claims: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "supplier": self.supplier, "recipient": self.recipient, "category": self.category,
            "claims": self.claims, "date": {"start": self.date_start, "end": self.date_end},
            "flags": list(self.flags), "contested": list(self.contested),
            "embargoes": [e.to_dict() for e in self.embargoes]}
        if with_claims:
            d["assessments"] = [a.to_dict() for a in self.assessments]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CaseAssessment:
        """Back from `to_dict()`, without the claim-by-claim assessments (the store keeps the rest)."""
        return cls(d["supplier"], d["recipient"], d["category"], int(d["claims"]), d["date"]["start"],
                   d["date"]["end"], tuple(CaseEmbargo.from_dict(e) for e in d["embargoes"]), ())


def assess_stored_case(claims: Sequence[StoredClaimLike], registry: Registry | None = None) -> CaseAssessment | None:
    """The assessment of a stored case, leaving out claims an analyst rejected; None when none is left
    (a case whose every claim was rejected has nothing to assess)."""
    included = [c for c in claims if getattr(c, "included", None) is not False]
    return assess_case(included, registry=registry) if included else None


class StoredClaimLike(Protocol):
    """What the store hands out for a claim (armswatch.cases.StoredClaim fits): the claim, its
    document's publication date, and whether an analyst's decision left it in its case."""

    @property
    def claim(self) -> Claim: ...
    @property
    def published(self) -> date | None: ...


def _case_embargo(found: list[tuple[Claim, Assessment, EmbargoFinding]]) -> CaseEmbargo:
    """One embargo over a case's claims: the best verdict, and what the claims behind it say of it."""
    best = min((f for _, _, f in found), key=lambda f: _RANK[f.verdict])
    counts: dict[str, int] = {}
    for _, _, f in found:
        counts[f.verdict] = counts.get(f.verdict, 0) + 1
    flagged_docs = tuple(dict.fromkeys(a.document_id or "" for _, a, f in found if f.flagged))
    deciding = [(c, a) for c, a, f in found if f.verdict == best.verdict]
    note_counts: dict[str, int] = {}
    for _, a in deciding:
        for note in a.notes:
            note_counts[note] = note_counts.get(note, 0) + 1
    notes = tuple(f"{note} ({n} of {len(deciding)} claim{'s' if len(deciding) > 1 else ''})"
                  for note, n in note_counts.items())
    contested = all(c.denied for c, _ in deciding)
    return CaseEmbargo(best.embargo_id, best.name, best.verdict, counts, flagged_docs, best.summary, notes,
                       contested)


def assess_case(claims: Sequence[Claim | StoredClaimLike],
                published: Mapping[str, date | str | None] | None = None,
                registry: Registry | None = None) -> CaseAssessment:
    """Assess every claim of one case and combine them per embargo.

    `claims` are Claims (dated by `published`, a map from document id to publication date, when they
    state no period) or stored claims carrying their own `published`; stored claims with
    `included == False` (rejected by an analyst) are left out. They must share supplier, recipient and
    category (one case). ValueError if none remain or they are mixed.
    """
    published = published or {}
    pairs: list[tuple[Claim, date | str | None]] = []
    for item in claims:
        if isinstance(item, Claim):
            pairs.append((item, published.get(item.document_id)))
        elif getattr(item, "included", None) is not False:
            pairs.append((item.claim, item.published))
    if not pairs:
        raise ValueError("assess_case needs at least one claim (rejected claims do not count)")
    keys = {(c.supplier, c.recipient, c.category) for c, _ in pairs}
    if len(keys) != 1:
        raise ValueError("assess_case needs claims of one case (supplier, recipient, category); "
                         f"got {sorted(keys)}")
    registry = registry or default_registry()
    # A verdict depends on the parties and category (one per case) and on each claim's dated interval,
    # status and flags: claims sharing them share their findings, so a thousand-claim case is assessed
    # in a handful of calls (pages render it in milliseconds).
    cache: dict[tuple[object, ...], Assessment] = {}
    assessed = []
    for c, pub in pairs:
        when = claim_when(c.period_start, c.period_end, pub)
        key = (when.start, when.end, when.basis, c.status, c.hedged, c.denied)
        if key not in cache:
            cache[key] = assess(c, pub, registry)
        assessed.append(replace(cache[key], document_id=c.document_id))
    assessments = tuple(assessed)
    starts = [a.date_start for a in assessments if a.date_start]
    ends = [a.date_end for a in assessments if a.date_end]
    by_embargo: dict[str, list[tuple[Claim, Assessment, EmbargoFinding]]] = {}
    for (c, _), a in zip(pairs, assessments, strict=True):
        for f in a.findings:
            by_embargo.setdefault(f.embargo_id, []).append((c, a, f))
    embargoes = [_case_embargo(found) for found in by_embargo.values()]
    embargoes.sort(key=lambda e: (_RANK[e.verdict], e.embargo_id))
    supplier, recipient, category = keys.pop()
    return CaseAssessment(supplier, recipient, category, len(assessments), min(starts, default=None),
                          max(ends, default=None), tuple(embargoes), assessments)
