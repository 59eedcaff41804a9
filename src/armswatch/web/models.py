"""The API's request and response bodies, declared with pydantic so the OpenAPI document is exact."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from armswatch.web.params import Category, NoNul, Status

__all__ = [
    "ActorDetail",
    "ActorOut",
    "ArticleIn",
    "CaseDetail",
    "CasePage",
    "CaseSummaryOut",
    "ClaimDetail",
    "ClaimOut",
    "ClaimPage",
    "DecisionIn",
    "RejectIn",
    "SplitIn",
    "DecisionOut",
    "DocumentDetail",
    "DocumentOut",
    "DocumentPage",
    "IngestIn",
    "IngestOut",
    "NetworkOut",
    "StatsOut",
    "SystemDetail",
    "SystemOut",
]


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class StatsOut(_Out):
    documents: int
    near_duplicate_groups: int
    extractions: int
    claims: int
    current_claims: int
    cases: int
    decisions: int


class DocumentOut(_Out):
    id: str = Field(description="SHA-256 of the text (the document's key)")
    doc_id: str = Field(description="the id the input gave")
    url: str | None
    title: str | None
    outlet: str | None
    published: date | None
    language: str | None
    origin: str | None
    dup_group: str = Field(description="near-duplicate group (id of its first stored document)")
    ingested_at: str
    snippet: str | None = Field(None, description="with q: the text around the first match")
    matches: list[list[int]] | None = Field(None, description="with q: [start, end) of each match in the snippet")


class DocumentPage(_Out):
    total: int
    limit: int
    offset: int
    query: str | None = None
    items: list[DocumentOut]


class ClaimOut(_Out):
    claim_id: str
    claim_key: str = Field(description="the statement across extractor versions (decisions refer to it)")
    document_id: str = Field(description="the document's input id")
    document_hash: str
    supplier: str
    recipient: str
    category: Category
    status: Status
    item: str
    quantity: int | float | None
    quantity_text: str | None
    unit: str | None
    hedged: bool
    denied: bool
    period_start: str | None
    period_end: str | None
    source: str | None = Field(description="who makes the claim (a person or an organisation)")
    via: str | None = Field(description="the outlet the article cites as carrying the claim")
    system: str | None = Field(None, description="id of the catalogued weapon system the item names "
                               "(`armswatch systems`); null for generic items")
    producer_differs: bool | None = Field(
        None, description="true when the supplier is none of the system's producers (a re-export, licensed "
        "production elsewhere); null when no system or no producer is known")
    evidence: str
    evidence_span: list[int] = Field(description="[start, end) character offsets in the document text")
    extractor_version: str
    published: date | None
    outlet: str | None
    url: str | None
    title: str | None
    dup_group: str
    case_id: str | None
    included: bool | None = Field(description="false when an analyst rejected it")
    reason: str | None = Field(description="why it is (or is not) in its case")


class ClaimPage(_Out):
    total: int
    limit: int
    offset: int
    query: str | None = Field(description="the full-text query, as parsed")
    items: list[ClaimOut]


class DocumentDetail(_Out):
    document: DocumentOut
    text: str
    claims: list[ClaimOut] = Field(description="the claims of its current extraction")


class DecisionOut(_Out):
    id: int
    claim_key: str
    claim_id: str
    action: str
    decided_by: str
    reason: str
    decided_at: str
    label: str | None


class ClaimDetail(_Out):
    claim: ClaimOut
    current: bool = Field(description="false when a newer extractor version re-read the document")
    copies: list[DocumentOut] = Field(description="near-identical copies of its article (syndication)")
    decisions: list[DecisionOut]
    embargo: dict[str, Any] = Field(description="the claim checked against the UN arms embargoes")


class CaseSummaryOut(_Out):
    case_id: str
    supplier: str
    recipient: str
    category: Category
    label: str | None
    status: Status
    first_reported: date | None
    last_reported: date | None
    corroboration: int = Field(description="distinct independent origins behind the transfer (a denied claim "
                                           "counts its accuser when the speaker is not a party)")
    n_claims: int
    n_documents: int
    n_hedged: int
    n_denied: int
    contested: bool = Field(description="some claim of the case is reported as denied")
    embargo_flags: list[str] = Field(description="ids of the UN arms embargoes the case may breach")
    embargo_contested: list[str] = Field(description="those of embargo_flags resting only on denied claims")


class CasePage(_Out):
    total: int
    limit: int
    offset: int
    items: list[CaseSummaryOut]


class CaseDetail(_Out):
    case: dict[str, Any] = Field(description="the case with status history, quantities and memberships")
    embargo: dict[str, Any] | None = Field(description="the case checked against the UN arms embargoes")


class ActorOut(_Out):
    code: str
    label: str
    cases_supplied: int
    cases_received: int
    claims_supplied: int
    claims_received: int
    last_reported: date | None


class ActorDetail(_Out):
    actor: ActorOut
    supplies: list[CaseSummaryOut]
    receives: list[CaseSummaryOut]
    embargoes: list[str] = Field(description="ids of the embargoes that name it as a target")


class NetworkOut(_Out):
    nodes: list[dict[str, Any]] = Field(description="actors: id, label, kind (state, group, org), shape, "
                                                    "supplies, receives (cases), embargo_target, embargoes, size")
    edges: list[dict[str, Any]] = Field(description=(
        "one per supplier → recipient direction: source, target, n_cases, n_claims, corroboration (the best "
        "of its cases), categories with category_cases, n_happened (delivered or ongoing), colour, style "
        "(solid: one case delivered or ongoing), width, flag (may_breach, contested or null), embargoes, "
        "contested_embargoes, cases_url, and its cases"))
    legend: dict[str, Any] = Field(description="the categories drawn in their own colour, and whether a line "
                                               "spans several categories")
    total: int = Field(description="cases matching the filters")
    shown: int = Field(description="cases drawn (the most corroborated)")
    lines: int = Field(description="edges drawn: supplier → recipient directions of the cases drawn")
    embargo_names: dict[str, str] = Field(description="the name of every embargo an edge or node names")


class SystemOut(_Out):
    id: str
    designation: str
    aliases: list[str]
    category: Category
    designers: list[str] = Field(description="states that designed it")
    producers: list[str] = Field(description="states that build it, licensed production included")
    companies: list[str]
    description: str
    claims: int = Field(0, description="counted claims in this store naming it")
    cases: int = Field(0, description="cases in this store it appears in")


class RegisterRowOut(_Out):
    supplier: str
    supplier_name: str
    recipient: str
    recipient_name: str
    system: str | None
    designation: str | None
    category: Category
    number_ordered: int | None = Field(description="the largest number reported by a pledged claim")
    number_delivered: int | None = Field(description="the largest number reported by a delivered or ongoing claim")
    status: Status = Field(description="the furthest stage reported by an undenied claim")
    hedged: bool = Field(description="every claim is hedged")
    denied: bool = Field(description="some claim is reported as denied")
    producer_differs: bool | None = Field(description="the supplier is none of the system's producers")
    year_ordered: int | None
    first_year_delivered: int | None
    last_year_delivered: int | None
    independent_sources: int
    claims: int
    cases: list[str]
    claim_ids: list[str]
    evidence_urls: list[str]


class SystemDetail(_Out):
    system: SystemOut
    claims: int = Field(description="counted claims naming it")
    flows: list[RegisterRowOut] = Field(description="who supplies it to whom: the register's rows for it")
    cases: list[CaseSummaryOut] = Field(description="the cases it appears in, most corroborated first")
    quantity_chart: list[dict[str, Any]] = Field(description="quantities reported over time: per unit, one series "
                                                             "per source (points: x date, y quantity, claim)")


class _Decision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    claim_id: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$", description="the claim's id")]
    reason: Annotated[str, NoNul, Field(min_length=1, max_length=2000, pattern=r"\S")]
    decided_by: Annotated[Annotated[str, NoNul, Field(max_length=200)] | None, Field(
        description="default: 'api'")] = None


class RejectIn(_Decision):
    """Reject a claim (it stops counting in its case) or restore it; neither takes a label."""

    action: Literal["reject", "restore"]

    @property
    def label(self) -> None:
        return None


class SplitIn(_Decision):
    """Split a claim into a case of its own, or into the case `label`."""

    action: Literal["split"]
    label: Annotated[Annotated[str, NoNul, Field(max_length=200)] | None, Field(
        description="the case to move the claim to (default: a case of its own)")] = None


# the schema says which actions take a label, so it and the server agree (a label on a reject is refused)
DecisionIn = Annotated[SplitIn | RejectIn, Field(discriminator="action")]


def _iso_date_only(v: Any) -> Any:
    # JSON has no dates: a number (pydantic would read 0 as 1970-01-01) is refused, as the schema says
    if v is not None and not isinstance(v, str | date):
        raise ValueError("a date is a string YYYY-MM-DD")
    return v


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Annotated[str, NoNul, Field(min_length=1, max_length=500)]
    text: Annotated[str, NoNul, Field(min_length=1)]
    title: Annotated[Annotated[str, NoNul, Field(max_length=2000)] | None, Field()] = None
    url: Annotated[Annotated[str, NoNul, Field(max_length=4000)] | None, Field()] = None
    published: Annotated[date | None, BeforeValidator(_iso_date_only), Field(description="YYYY-MM-DD")] = None
    outlet: Annotated[Annotated[str, NoNul, Field(max_length=500)] | None, Field()] = None


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: Annotated[list[ArticleIn], Field(min_length=1, max_length=100)]


class IngestOut(_Out):
    read: int
    stored: int
    reextracted: int
    skipped: int
    rejected: int
    claims: int
    claims_rejected: int
    batches: int
    reasons: dict[str, int]
    rejections: list[list[str]]
    extractor_version: str

