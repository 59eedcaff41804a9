"""The JSON API under /api: documents, claims, cases, actors, network, search, embargoes (reads, open
to all) and ingest, decisions (writes, token required). Documented at /api/docs and /api/openapi.json.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from armswatch.actor_names import UnknownActor, resolve_actor
from armswatch.embargo import assess, assess_transfer, default_registry
from armswatch.errors import InputError, StoreError
from armswatch.ingest import ingest
from armswatch.model import Document
from armswatch.store import CaseFilter, ClaimFilter
from armswatch.store.browse import actor_summaries, case_summaries, count_cases, count_documents
from armswatch.store.case_pages import CaseHead, all_origins, case_head, case_members, case_quantities
from armswatch.store.document_search import search_documents
from armswatch.store.matches import match_spans
from armswatch.store.search import SearchQuery, claim_by_id, parse_query, search_claims
from armswatch.web.models import (
    ActorDetail,
    ActorOut,
    CaseDetail,
    CasePage,
    ClaimDetail,
    ClaimPage,
    DecisionIn,
    DecisionOut,
    DocumentDetail,
    DocumentPage,
    IngestIn,
    IngestOut,
    NetworkOut,
    RejectIn,
    SplitIn,
    StatsOut,
    SystemDetail,
    SystemOut,
)
from armswatch.web.params import PERIOD_PATTERN, CaseQuery, Category, ClaimQuery, NetworkQuery, Status
from armswatch.web.security import check_token
from armswatch.web.state import WebState, web_state
from armswatch.web.views import actor_label, network_data

__all__ = ["ID_PATTERN", "SYSTEM_ID_PATTERN", "get_case_head", "get_claim", "get_system", "parsed_query", "router"]

router = APIRouter(prefix="/api", responses={
    422: {"description": "a parameter is invalid (the message names it)"},
    503: {"description": "the store failed (the message says how)"},
})
_404: dict[int | str, dict[str, Any]] = {404: {"description": "no such item in this store"}}
State = Annotated[WebState, Depends(web_state)]
ID_PATTERN = r"^[0-9a-f]{16}$"
HASH_PATTERN = r"^[0-9a-f]{64}$"
SYSTEM_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
_bearer = HTTPBearer(auto_error=False, description="the server's api_token setting")


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    check_token(web_state(request).settings.api_token, credentials.credentials if credentials else None)


_WRITE: dict[int | str, dict[str, Any]] = {400: {"description": "the body is not JSON"},
                                          401: {"description": "no API token was sent"},
          403: {"description": "wrong API token, or the server is read-only (no api_token set)"}}
_DECIDE = {**_WRITE, **_404}


def parsed_query(text: str | None) -> SearchQuery | None:
    """The full-text query, or a 422 naming `q` with the reason it cannot be searched."""
    if text is None:
        return None
    try:
        return parse_query(text)
    except ValueError as e:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", "q"), "msg": str(e),
                                       "input": text}]) from None


def claim_page(state: WebState, params: ClaimQuery, default_order: str | None = None) -> tuple[Any, SearchQuery | None]:
    query = parsed_query(params.q)
    if params.case_id is not None and len(params.case_id) < 16:
        params = params.model_copy(update={"case_id": case_prefix(state, params.case_id)})
    order = params.order or default_order or ("relevance" if query else "newest")
    page = search_claims(state.store, params.claim_filter(), query, order=order, limit=params.limit,
                         offset=params.offset)
    return page, query


def get_claim(state: WebState, claim_id: str) -> tuple[Any, bool]:
    found = claim_by_id(state.store, claim_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no claim {claim_id} in this store")
    return found


def get_case_head(state: WebState, case_id: str) -> CaseHead:
    """A case without its claims (they are read a page at a time); 404 when unknown."""
    head = case_head(state.store, case_id)
    if head is None:
        raise HTTPException(status_code=404, detail=f"no case {case_id} in this store")
    return head


def typed_party(value: str, field: str) -> str:
    """An embargo party as typed ("DPRK", "rsf") → its code; 422 naming it and the nearest actors."""
    try:
        return resolve_actor(value, extra=default_registry().actors)
    except UnknownActor as e:
        raise RequestValidationError([{"type": "unknown_actor", "loc": ("query", field), "msg": str(e),
                                       "input": value}]) from None


def typed_actor(value: str) -> str:
    """An actor in a path as typed ("North Korea", "prk") → its code; 422 naming it and the nearest actors."""
    try:
        return resolve_actor(value)
    except UnknownActor as e:
        raise RequestValidationError([{"type": "unknown_actor", "loc": ("path", "code"), "msg": str(e),
                                       "input": value}]) from None


def case_prefix(state: WebState, ref: str | None) -> str | None:
    """A case id or its first characters → the full id; 422 when none or several cases match."""
    if ref is None:
        return None
    try:
        found = case_head(state.store, ref)
        case = found.case if found else None
    except StoreError as e:
        case, why = None, str(e)
    else:
        why = f"no case id starts with {ref!r}"
    if case is None:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", "case_id"), "msg": why,
                                       "input": ref}])
    return case.id


# ------------------------------------------------------------------------------------------------ reads

@router.get("/stats", response_model=StatsOut, tags=["store"])
def stats(state: State) -> dict[str, int]:
    """How many documents, claims, cases and decisions the store holds."""
    return state.store.stats()


@router.get("/documents", response_model=DocumentPage, tags=["documents"])
def documents(state: State, limit: Annotated[int, Query(ge=1, le=500)] = 50,
              offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
              q: Annotated[str | None, Query(max_length=300, description='full-text search over the title and '
                                             'text: words, "a phrase", OR, -exclude')] = None) -> dict[str, Any]:
    """Stored documents, in the order they were ingested; with `q`, those whose title or text matches, best
    first, each with a snippet and the matched words' [start, end) offsets in it."""
    query = parsed_query(q) if q is not None and q.strip() else None  # blank: no search, as in the other lists
    if query is not None:
        found = search_documents(state.store, query, limit=limit, offset=offset)
        return {"total": found.total, "limit": limit, "offset": offset, "query": query.text,
                "items": [{**h.document.to_dict(), "snippet": h.snippet,
                           "matches": [list(s) for s in match_spans(h.snippet, query)]} for h in found.hits]}
    items = state.store.documents(limit=limit, offset=offset)
    return {"total": count_documents(state.store), "limit": limit, "offset": offset,
            "items": [d.to_dict() for d in items]}


@router.get("/documents/{document_hash}", response_model=DocumentDetail, tags=["documents"], responses=_404)
def document(state: State, document_hash: Annotated[str, Path(pattern=HASH_PATTERN)]) -> dict[str, Any]:
    """One document by the SHA-256 of its text (a claim's `document_hash`; its `document_id` is the name the
    source gave it, hence the parameter's name: links between operations follow names) with its text and
    current claims."""
    from armswatch.store.browse import document_by_id

    found = document_by_id(state.store, document_hash)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no document {document_hash} in this store")
    doc, text = found
    claims = state.store.claims(ClaimFilter(document=document_hash))
    return {"document": doc.to_dict(), "text": text, "claims": [c.to_dict() for c in claims]}


@router.get("/claims", response_model=ClaimPage, tags=["claims"])
def claims(state: State, params: Annotated[ClaimQuery, Query()]) -> dict[str, Any]:
    """Claims matching the filters (and the full-text query `q`), one page, newest first by default."""
    page, query = claim_page(state, params)
    return {"total": page.total, "limit": params.limit, "offset": params.offset,
            "query": query.text if query else None, "items": [c.to_dict() for c in page.claims]}


@router.get("/search", response_model=ClaimPage, tags=["claims"])
def search(state: State, params: Annotated[ClaimQuery, Query()],
           q: Annotated[str, Query(min_length=1, max_length=300,
                                   description='words, "a phrase", OR, -exclude')]) -> dict[str, Any]:
    """Full-text search over the claims' evidence (SQLite FTS5 / PostgreSQL full text), best match first."""
    params = params.model_copy(update={"q": q})
    page, query = claim_page(state, params, default_order="relevance")
    return {"total": page.total, "limit": params.limit, "offset": params.offset,
            "query": query.text if query else None, "items": [c.to_dict() for c in page.claims]}


@router.get("/claims/{claim_id}", response_model=ClaimDetail, tags=["claims"], responses=_404)
def claim(state: State, claim_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> dict[str, Any]:
    """One claim with the decisions about it, its article's syndicated copies and its embargo check."""
    c, current = get_claim(state, claim_id)
    copies = [d for d in state.store.documents(dup_group=c.dup_group) if d.id != c.document_id]
    return {"claim": c.to_dict(), "current": current, "copies": [d.to_dict() for d in copies],
            "decisions": [d.to_dict() for d in state.store.decisions(c.id)],
            "embargo": assess(c.claim, c.published).to_dict()}


@router.get("/cases", response_model=CasePage, tags=["cases"])
def cases(state: State, params: Annotated[CaseQuery, Query()]) -> dict[str, Any]:
    """Cases (supplier, recipient, category) matching the filters, most corroborated first."""
    f = params.case_filter()
    return {"total": count_cases(state.store, f), "limit": params.limit, "offset": params.offset,
            "items": [k.to_dict() for k in case_summaries(state.store, f)]}


@router.get("/cases/{case_id}", response_model=CaseDetail, tags=["cases"], responses=_404)
def case(state: State, case_id: Annotated[str, Path(pattern=ID_PATTERN)],
         limit: Annotated[int, Query(ge=1, le=1000, description="members and quantities per page")] = 100,
         offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> dict[str, Any]:
    """One case: status history, independent origins, embargo check, and a page of its quantities over time
    and of why each claim is in it (`n_quantities`, `n_members`: how many there are; counted claims first,
    oldest first). Its claims: GET /api/claims?case_id=..."""
    head = get_case_head(state, case_id)
    k = head.case
    quantities, n_quantities = case_quantities(state.store, k.id, limit=limit, offset=offset)
    members, n_members = case_members(state.store, k.id, limit=limit, offset=offset)
    full = replace(k, origins=tuple(all_origins(state.store, k.id)), quantities=tuple(quantities),
                   members=tuple(members))
    return {"case": {**full.to_dict(members=True), "n_quantities": n_quantities, "n_members": n_members,
                     "limit": limit, "offset": offset},
            "embargo": head.assessment_data}


@router.get("/network", response_model=NetworkOut, tags=["cases"])
def network(state: State, params: Annotated[NetworkQuery, Query()]) -> dict[str, Any]:
    """The flow network: actors as nodes, one edge per supplier → recipient direction carrying its cases (the
    `limit` most corroborated cases matching the filters), for drawing."""
    return network_data(case_summaries(state.store, params.case_filter()), params.limit, params.link_filters())


@router.get("/actors", response_model=list[ActorOut], tags=["actors"])
def actors(state: State) -> list[dict[str, Any]]:
    """Every actor named in a case, with how much it supplies and receives."""
    return [{**a.to_dict(), "label": actor_label(a.code)} for a in actor_summaries(state.store)]


@router.get("/actors/{code}", response_model=ActorDetail, tags=["actors"], responses=_404)
def actor(state: State, code: Annotated[str, Path(max_length=100, description="code, slug or name (PRK, "
                                                                             "North Korea)")]) -> dict[str, Any]:
    """What one actor supplies and receives (its cases), and the embargoes that target it."""
    code = typed_actor(code)
    found = actor_summaries(state.store, code)
    if not found:
        raise HTTPException(status_code=404, detail=f"no case involves the actor {code!r}")
    a = found[0]
    return {
        "actor": {**a.to_dict(), "label": actor_label(a.code)},
        "supplies": [k.to_dict() for k in case_summaries(state.store, CaseFilter(supplier=a.code))],
        "receives": [k.to_dict() for k in case_summaries(state.store, CaseFilter(recipient=a.code))],
        "embargoes": [e.id for e in default_registry() if e.targets_party(a.code)],
    }


def get_system(system_id: str) -> Any:
    """A catalogued weapon system by its id; 404 naming it when the catalogue has none."""
    from armswatch.systems import load_catalogue

    system = load_catalogue().get(system_id)
    if system is None:
        raise HTTPException(status_code=404, detail=f"no weapon system {system_id!r} in the catalogue")
    return system


@router.get("/systems", response_model=list[SystemOut], tags=["systems"])
def systems(state: State) -> list[dict[str, Any]]:
    """The weapon system catalogue, each system with how many counted claims and cases of this store name it."""
    from armswatch.store.transfers import system_counts
    from armswatch.systems import load_catalogue

    counts = system_counts(state.store)
    return [{**s.to_dict(), "claims": counts.get(s.id, (0, 0))[0], "cases": counts.get(s.id, (0, 0))[1]}
            for s in load_catalogue()]


@router.get("/systems/{system_id}", response_model=SystemDetail, tags=["systems"], responses=_404)
def system(state: State, system_id: Annotated[str, Path(pattern=SYSTEM_ID_PATTERN,
                                                       description="its catalogue id (shahed-136)")]) -> dict[str, Any]:
    """One weapon system: its catalogue entry, who supplies it to whom (the register's rows for it), the cases
    it appears in and the quantities reported over time by source."""
    from armswatch.systems.evidence import system_evidence

    found = system_evidence(state.store, get_system(system_id))
    out = found.to_dict()
    out["system"] = {**out["system"], "claims": found.claims, "cases": len(found.cases)}
    return out


@router.get("/embargoes", response_model=list[dict[str, Any]], tags=["embargoes"])
def embargoes() -> list[dict[str, Any]]:
    """The UN arms embargoes armswatch checks claims against (curated data, with provisions)."""
    return [e.to_dict() for e in default_registry()]


@router.get("/embargoes/check", response_model=dict[str, Any], tags=["embargoes"])
def embargo_check(
    supplier: Annotated[str, Query(max_length=100, description="code, slug or name (PRK, DPRK, North Korea)")],
    recipient: Annotated[str, Query(max_length=100, description="code, slug or name (RUS, Russia, Moscow)")],
    category: Category,
    status: Status = "delivered",
    start: Annotated[str | None, Query(pattern=PERIOD_PATTERN)] = None,
    end: Annotated[str | None, Query(pattern=PERIOD_PATTERN)] = None,
) -> dict[str, Any]:
    """Check a transfer typed in (no claim needed) against the embargoes."""
    supplier, recipient = typed_party(supplier, "supplier"), typed_party(recipient, "recipient")
    try:
        return assess_transfer(supplier, recipient, category, start, end, status=status).to_dict()
    except ValueError as e:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", "start"), "msg": str(e),
                                       "input": start}]) from None


@router.get("/embargoes/{embargo_id}", response_model=dict[str, Any], tags=["embargoes"], responses=_404)
def embargo(embargo_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    """One embargo in full: resolutions, provisions, exemptions, notes, sources."""
    e = default_registry().get(embargo_id)
    if e is None:
        raise HTTPException(status_code=404, detail=f"no embargo {embargo_id!r}")
    return e.to_dict()


@router.get("/decisions", response_model=list[DecisionOut], tags=["decisions"], responses=_404)
def decisions(state: State,
              claim_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None) -> list[dict[str, Any]]:
    """Analysts' decisions, oldest first (or those about one claim's statement)."""
    if claim_id is not None:
        get_claim(state, claim_id)
    return [d.to_dict() for d in state.store.decisions(claim_id)]


# ----------------------------------------------------------------------------------------------- writes

def record(state: WebState, body: SplitIn | RejectIn, decided_by: str) -> dict[str, Any]:
    """Record a decision after checking what the store would refuse, so each refusal has its status."""
    get_claim(state, body.claim_id)  # 404 when unknown
    d = state.store.record_decision(body.claim_id, body.action, reason=body.reason, decided_by=decided_by,
                                    label=body.label or None)
    return d.to_dict()


@router.post("/decisions", response_model=DecisionOut, status_code=201, tags=["decisions"],
             dependencies=[Depends(require_token)], responses=_DECIDE)
def decide(state: State, body: DecisionIn) -> dict[str, Any]:
    """Reject a claim (it stops counting in its case), split it into a case of its own (or the case
    `label`), or restore it. Needs the API token."""
    return record(state, body, body.decided_by or "api")


@router.post("/ingest", response_model=IngestOut, tags=["ingest"], dependencies=[Depends(require_token)],
             responses=_WRITE)
def ingest_articles(state: State, body: IngestIn) -> dict[str, Any]:
    """Extract claims from up to 100 articles and store them (idempotent: known texts are skipped).
    Needs the API token. The first call loads the language model (a few seconds)."""
    limit = state.settings.max_text_chars
    items: list[Document | InputError] = []
    for a in body.documents:
        if len(a.text) > limit:
            items.append(InputError(a.id, f"text is {len(a.text)} characters long; the limit is {limit}"))
            continue
        items.append(Document(id=a.id, text=a.text, title=a.title, url=a.url, published=a.published,
                              outlet=a.outlet, origin=f"api:{a.id}"))
    extractor, version = state.get_extractor()
    result = ingest(items, state.store, extractor, extractor_version=version,
                    batch_size=state.settings.ingest_batch_size)
    return {**result.to_dict(), "rejections": [list(r) for r in result.rejections],
            "extractor_version": version}
