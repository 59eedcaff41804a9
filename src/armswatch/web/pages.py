"""The server-rendered pages: overview (network), cases, a case, claims (filters and search), a claim,
a document, actors, an actor, embargoes; and the form behind the analysts' decision buttons."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from armswatch.cases import StoredClaim, origin_of
from armswatch.embargo import assess, default_registry
from armswatch.store import CaseFilter, ClaimFilter
from armswatch.store.browse import actor_summaries, case_summaries, count_cases, document_by_id
from armswatch.store.case_pages import (
    case_assessments,
    case_claims_page,
    case_head,
    case_origins,
    case_quantities,
    case_systems,
    claim_membership,
    timeline_buckets,
)
from armswatch.store.document_search import search_documents
from armswatch.store.matches import marked
from armswatch.store.search import latest_claims, search_claims
from armswatch.web.api import (
    ID_PATTERN,
    SYSTEM_ID_PATTERN,
    claim_page,
    get_case_head,
    get_claim,
    get_system,
    parsed_query,
    record,
    typed_actor,
)
from armswatch.web.models import DecisionIn, RejectIn, SplitIn
from armswatch.web.params import CaseQuery, ClaimQuery, NetworkQuery
from armswatch.web.security import LOCAL_HOSTS, check_token, host_name
from armswatch.web.state import WebState, web_state
from armswatch.web.views import (
    highlight,
    mark_spans,
    network_data,
    origin_label,
    source_chain,
    timeline,
    whose_word,
)

__all__ = ["router"]

_DECISION: TypeAdapter[SplitIn | RejectIn] = TypeAdapter(DecisionIn)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
State = Annotated[WebState, Depends(web_state)]
CASE_PAGE_CLAIMS = 50
CASE_PAGE_LIST = 50  # quantities and origins of a case, per page
REJECTED_SHOWN = 100
LATEST_CLAIMS = 12
ARTICLE_HITS = 10
_MAX_FORM_BYTES = 20_000


def render(request: Request, state: WebState, template: str, **context: Any) -> Response:
    context.setdefault("title", "armswatch")
    context["writable"] = bool(state.settings.api_token)
    context["store_url"] = state.store.url
    return state.templates.TemplateResponse(request, template, context)


def _chain(c: StoredClaim) -> list[dict[str, str]]:
    return source_chain(c)


# ------------------------------------------------------------------------------------------ overview

@router.get("/")
def overview(request: Request, state: State, params: Annotated[NetworkQuery, Query()]) -> Response:
    """Counts, the network, the most corroborated cases and the latest claims, all under the same filters."""
    summaries = case_summaries(state.store, params.case_filter())
    if params.is_filtered():  # not counted: the claim list counts them
        latest = search_claims(state.store, params.claim_filter(), order="newest", limit=LATEST_CLAIMS,
                               count=False).claims
    else:  # the store's newest, read through the publication-date index
        latest = latest_claims(state.store, LATEST_CLAIMS)
    filters = params.link_filters()
    return render(
        request, state, "overview.html", title="armswatch: overview", params=params,
        stats=state.store.stats(), network=network_data(summaries, params.limit, filters),
        top_cases=summaries[:15], latest=latest, filters=filters, chain=_chain,
    )


# --------------------------------------------------------------------------------------------- cases

@router.get("/cases")
def cases_page(request: Request, state: State, params: Annotated[CaseQuery, Query()]) -> Response:
    f = params.case_filter()

    def sort_link(order: str) -> str:
        return "/cases?" + params.query_string(order=None if order == "corroboration" else order, offset=0)

    return render(request, state, "cases.html", title="armswatch: cases", params=params,
                  cases=case_summaries(state.store, f), total=count_cases(state.store, f), sort_link=sort_link)


@router.get("/cases/{case_id}")
def case_page(
    request: Request, state: State, case_id: Annotated[str, Path(pattern=ID_PATTERN)],
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    qoffset: Annotated[int, Query(ge=0, le=1_000_000, description="first quantity of the page")] = 0,
    ooffset: Annotated[int, Query(ge=0, le=1_000_000, description="first origin of the page")] = 0,
    decided: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    """A case from its aggregates: its claims, quantities and origins a page at a time (never all of them)."""
    head = get_case_head(state, case_id)
    k = head.case
    claims = case_claims_page(state.store, k.id, limit=CASE_PAGE_CLAIMS, offset=offset)
    rejected = case_claims_page(state.store, k.id, included=False, limit=REJECTED_SHOWN)
    quantities, n_quantities = case_quantities(state.store, k.id, limit=CASE_PAGE_LIST, offset=qoffset)
    origins, n_origins = case_origins(state.store, k.id, limit=CASE_PAGE_LIST, offset=ooffset)
    return render(
        request, state, "case.html", title=f"armswatch: case {k.supplier} → {k.recipient} {k.category}",
        case=k, claims=claims, n_included=k.n_claims, rejected=rejected, rejected_shown=REJECTED_SHOWN,
        offset=offset, page_size=CASE_PAGE_CLAIMS, origin_of=origin_of, origin_label=origin_label,
        origins=origins, n_origins=n_origins, ooffset=ooffset, quantities=quantities, n_quantities=n_quantities,
        qoffset=qoffset, list_size=CASE_PAGE_LIST, chain=_chain,
        timeline=timeline(k, timeline_buckets(state.store, k)), charts=head.chart, embargo=head.assessment,
        decided=decided, systems=case_systems(state.store, k.id),
    )


# -------------------------------------------------------------------------------------------- claims

@router.get("/claims")
def claims_page(request: Request, state: State, params: Annotated[ClaimQuery, Query()]) -> Response:
    page, query = claim_page(state, params)
    articles = search_documents(state.store, query, limit=ARTICLE_HITS) if query and not params.offset else None
    return render(request, state, "claims.html", title="armswatch: claims", params=params, page=page,
                  query=query, chain=_chain, articles=articles, mark=lambda text: marked(text, query))


@router.get("/search")
def search_page(q: Annotated[str, Query(max_length=300)] = "") -> Response:
    """Kept for links typed by hand: search lives on the claims page."""
    from urllib.parse import urlencode

    return RedirectResponse("/claims?" + urlencode({"q": q}) if q.strip() else "/claims", status_code=303)


@router.get("/claims/{claim_id}")
def claim_page_view(request: Request, state: State, claim_id: Annotated[str, Path(pattern=ID_PATTERN)],
                    decided: Annotated[int | None, Query(ge=0)] = None) -> Response:
    c, current = get_claim(state, claim_id)
    found = document_by_id(state.store, c.document_id)
    text = found[1] if found else ""
    segments, note = highlight(text, c.claim.evidence_span, c.claim.evidence)
    copies = [d for d in state.store.documents(dup_group=c.dup_group) if d.id != c.document_id]
    head = case_head(state.store, c.case_id) if c.case_id else None
    case = head.case if head else None
    membership = claim_membership(state.store, c.id)
    return render(
        request, state, "claim.html", title=f"armswatch: claim {c.id}", c=c, current=current,
        document=found[0] if found else None, segments=segments, note=note, copies=copies, case=case,
        membership=membership, origin_label=origin_label, chain=source_chain(c, len(copies)),
        decisions=state.store.decisions(c.id), embargo=assess(c.claim, c.published), decided=decided,
    )


class DecisionForm(BaseModel):
    model_config = ConfigDict(extra="ignore")

    action: str
    reason: Annotated[str, Field(max_length=2000)] = ""
    label: Annotated[str, Field(max_length=200)] = ""
    by: Annotated[str, Field(max_length=200)] = ""
    token: Annotated[str, Field(max_length=1000)] = ""
    back: Annotated[str, Field(max_length=300)] = ""


async def _form(request: Request) -> DecisionForm:
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        raise HTTPException(status_code=415, detail="send the form as application/x-www-form-urlencoded")
    body = await request.body()
    if len(body) > _MAX_FORM_BYTES:
        raise HTTPException(status_code=413, detail=f"the form is larger than {_MAX_FORM_BYTES} bytes")
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError) as e:
        raise HTTPException(status_code=400, detail=f"the form cannot be read ({e})") from None
    try:
        return DecisionForm(**{k: v[-1] for k, v in fields.items()})
    except ValidationError as e:
        raise RequestValidationError(e.errors()) from None


def _same_origin(request: Request) -> bool:
    """The form comes from this dashboard: its Origin names the Host asked for, and that host is one this
    server serves by name ('*' in allowed_hosts never vouches for an origin), so a rebound DNS name fails."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    served = set(request.app.state.allowed_hosts - {"*"}) or set(LOCAL_HOSTS)
    netloc = urlsplit(origin).netloc
    return netloc == request.headers.get("host", "") and host_name(netloc) in served


@router.post("/claims/{claim_id}/decision")
async def decide(request: Request, state: State, claim_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> Response:
    """The decision buttons: reject, split or restore, with a reason and the API token."""
    if not _same_origin(request):
        raise HTTPException(status_code=403, detail="decisions are accepted only from this dashboard's own pages")
    form = await _form(request)
    check_token(state.settings.api_token, form.token or None)
    try:
        fields = {"claim_id": claim_id, "action": form.action, "reason": form.reason,
                  "decided_by": form.by.strip() or "dashboard"}
        body = _DECISION.validate_python(fields | ({"label": form.label} if form.label else {}))
    except ValidationError as e:
        raise RequestValidationError(e.errors()) from None
    import anyio

    d = await anyio.to_thread.run_sync(record, state, body, body.decided_by or "dashboard")
    back = form.back if re.fullmatch(r"/(cases|claims)/[0-9a-f]{16}", form.back) else f"/claims/{claim_id}"
    return RedirectResponse(f"{back}?decided={d['id']}", status_code=303)


# ----------------------------------------------------------------------------------------- documents

@router.get("/documents/{document_id}")
def document_page(request: Request, state: State,
                  document_id: Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")],
                  q: Annotated[str | None, Query(max_length=300)] = None) -> Response:
    found = document_by_id(state.store, document_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no document {document_id} in this store")
    doc, text = found
    claims = state.store.claims(ClaimFilter(document=document_id))
    segments = mark_spans(text, [(c.id, *c.claim.evidence_span) for c in claims])
    copies = [d for d in state.store.documents(dup_group=doc.dup_group) if d.id != doc.id]
    query = parsed_query(q) if q and q.strip() else None
    return render(request, state, "document.html", title=f"armswatch: {doc.title or doc.doc_id}", doc=doc,
                  segments=segments, claims=claims, copies=copies, chain=_chain, query=query,
                  mark=lambda text: marked(text, query))


# -------------------------------------------------------------------------------------------- actors

@router.get("/actors")
def actors_page(request: Request, state: State) -> Response:
    return render(request, state, "actors.html", title="armswatch: actors", actors=actor_summaries(state.store))


@router.get("/actors/{code}")
def actor_page(request: Request, state: State, code: Annotated[str, Path(max_length=100)]) -> Response:
    resolved = typed_actor(code)
    if resolved != code:  # /actors/North Korea → /actors/PRK, so links and bookmarks agree
        return RedirectResponse(f"/actors/{resolved}", status_code=307)
    found = actor_summaries(state.store, code)
    if not found:
        raise HTTPException(status_code=404, detail=f"no case involves the actor {code!r}")
    a = found[0]
    supplies = case_summaries(state.store, CaseFilter(supplier=a.code))
    receives = case_summaries(state.store, CaseFilter(recipient=a.code))
    return render(request, state, "actor.html", title=f"armswatch: {a.code}", actor=a, supplies=supplies,
                  receives=receives, network=network_data([*supplies, *receives], 400, {}),
                  embargoes=[e for e in default_registry() if e.targets_party(a.code)])


# ------------------------------------------------------------------------------------------- systems

@router.get("/systems")
def systems_page(request: Request, state: State) -> Response:
    """The weapon system catalogue, most named in this store first."""
    from armswatch.store.transfers import system_counts
    from armswatch.systems import load_catalogue

    counts = system_counts(state.store)
    rows = sorted(((s, *counts.get(s.id, (0, 0))) for s in load_catalogue()),
                  key=lambda r: (-r[1], r[0].designation.lower()))
    return render(request, state, "systems.html", title="armswatch: weapon systems", systems=rows)


@router.get("/systems/{system_id}")
def system_page(request: Request, state: State,
                system_id: Annotated[str, Path(pattern=SYSTEM_ID_PATTERN)]) -> Response:
    """A weapon system: its catalogue entry, who supplies it to whom, the quantities reported over time by
    source, and the cases it appears in."""
    from armswatch.systems.evidence import system_evidence

    found = system_evidence(state.store, get_system(system_id))
    return render(request, state, "system.html", title=f"armswatch: {found.system.designation}",
                  system=found.system, evidence=found,
                  network=network_data(found.cases, 400, {"system": found.system.id}))


@router.get("/embargoes")
def embargoes_page(request: Request, state: State) -> Response:
    return render(request, state, "embargoes.html", title="armswatch: embargoes", embargoes=list(default_registry()))


EMBARGO_PAGE_CASES = 200


@router.get("/embargoes/{embargo_id}")
def embargo_page(request: Request, state: State, embargo_id: Annotated[str, Path(max_length=100)]) -> Response:
    """One embargo: its provisions, and every case flagged under it with the reason (most corroborated first)."""
    emb = default_registry().get(embargo_id)
    if emb is None:
        raise HTTPException(status_code=404, detail=f"no embargo {embargo_id!r}")
    f = CaseFilter(embargo=emb.id, limit=EMBARGO_PAGE_CASES)
    summaries = case_summaries(state.store, f)
    assessed = case_assessments(state.store, [k.id for k in summaries])  # kept with each case at ingest
    flagged = []
    for summary in summaries:
        found = assessed.get(summary.id)
        finding = next((e for e in found.embargoes if e.embargo_id == emb.id), None) if found else None
        flagged.append((summary, finding))
    # on whose word each case rests, beside it: the question the page answers (issue 16)
    sources = {k.id: whose_word(k.origins) for k in state.store.cases(f)}
    return render(request, state, "embargo.html", title=f"armswatch: {emb.name}", embargo=emb, flagged=flagged,
                  sources=sources, total=count_cases(state.store, f), limit=EMBARGO_PAGE_CASES)
