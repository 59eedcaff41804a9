"""FollowTheMoney entities (for Aleph, OpenSanctions tooling, nomenklatura), one JSON object a line.

    actor     → PublicBody (a state, with its country) or Organization (a non-state actor)
    document  → Article (title, outlet as publisher, date, URL)
    document  → Article also with bodyText (the article's text), so Aleph indexes and searches it
    case      → UnknownLink: subject = supplier, object = recipient, role = "supplies <category>",
                status, startDate/endDate = the transfer's own period (its claims' periods; a claim
                without one counts by its publication date), proof = the articles behind the case's
                claims, description = the evidence sentences.

Every entity is checked with followthemoney's own validation (types of every value, required
properties) before it is written; an invalid one raises ExportError naming the entity.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any, cast

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.schema import ValidationData

from armswatch.cases import Case
from armswatch.errors import ArmswatchError
from armswatch.export.graph import actor_label, case_period
from armswatch.store import ClaimFilter, Store
from armswatch.store.browse import document_by_id

__all__ = ["ExportError", "entity", "write_ftm"]

_MAX_EVIDENCE = 25


class ExportError(ArmswatchError):
    """An export could not be written (e.g. an entity failed FollowTheMoney validation)."""


def entity(schema_name: str, entity_id: str, props: dict[str, list[str]]) -> dict[str, Any]:
    """A validated FtM entity as a dict (empty values dropped)."""
    schema = model.get(schema_name)
    if schema is None:
        raise ExportError(f"FollowTheMoney has no schema {schema_name!r}")
    properties = {k: [v for v in vs if v] for k, vs in props.items() if any(vs)}
    data: dict[str, Any] = {"id": entity_id, "schema": schema_name, "properties": properties}
    try:
        schema.validate(cast(ValidationData, data))
        proxy = model.get_proxy(data, cleaned=False)
    except InvalidData as e:
        raise ExportError(
            f"entity {entity_id} ({schema_name}) is not valid FollowTheMoney: {getattr(e, 'errors', e)}"
        ) from None
    missing = [p for p in schema.required if not proxy.has(p)]
    if missing:
        raise ExportError(f"entity {entity_id} ({schema_name}) lacks required {', '.join(missing)}")
    for prop, values in properties.items():  # values FtM could not clean would vanish silently
        if len(proxy.get(prop)) < len(set(values)):
            raise ExportError(f"entity {entity_id} ({schema_name}): value(s) {values} of {prop} rejected")
    return dict(proxy.to_dict())


def _actor(code: str) -> dict[str, Any]:
    eid = f"armswatch-actor-{code.lower()}"
    if len(code) == 3 and code.isupper():
        import pycountry

        country = pycountry.countries.get(alpha_3=code)
        if country is not None:
            return entity(
                "PublicBody",
                eid,
                {"name": [actor_label(code)], "country": [country.alpha_2.lower()], "abbreviation": [code]},
            )
    return entity("Organization", eid, {"name": [actor_label(code)], "abbreviation": [code]})


def _case(k: Case, store: Store, articles: dict[str, dict[str, Any]]) -> dict[str, Any]:
    claims = store.claims(ClaimFilter(case_id=k.id, include_rejected=False))
    proof: list[str] = []
    lines: list[str] = []
    for c in claims:
        aid = f"armswatch-doc-{c.document_id[:24]}"
        if aid not in articles:
            found = document_by_id(store, c.document_id)
            articles[aid] = entity(
                "Article",
                aid,
                {
                    "title": [c.title or c.claim.document_id],
                    "publishedAt": [c.published.isoformat() if c.published else ""],
                    "publisher": [c.outlet or ""],
                    "sourceUrl": [c.url or ""],
                    "bodyText": [found[1] if found else ""],
                },
            )
        proof.append(aid)
        if len(lines) < _MAX_EVIDENCE:
            when = c.published.isoformat() if c.published else "undated"
            who = c.claim.source or c.claim.via or c.outlet or "unattributed"
            flags = "".join([" [hedged]" if c.claim.hedged else "", " [denied]" if c.claim.denied else "",
                             f" [system {c.claim.system}]" if c.claim.system else ""])
            lines.append(f"{when}, {who}, {c.claim.status}{flags}: {c.claim.evidence}")
    if len(claims) > _MAX_EVIDENCE:
        lines.append(f"... and {len(claims) - _MAX_EVIDENCE} more claims")
    start, end = case_period(k, claims)
    summary = (
        f"{k.supplier} → {k.recipient}: {k.category}, {k.status}; corroborated by {k.corroboration} "
        f"independent origin(s) in {k.n_documents} document(s)"
    )
    return entity(
        "UnknownLink",
        f"armswatch-case-{k.id}",
        {
            "subject": [f"armswatch-actor-{k.supplier.lower()}"],
            "object": [f"armswatch-actor-{k.recipient.lower()}"],
            "role": [f"supplies {k.category}" + (f" ({k.label})" if k.label else "")],
            "status": [k.status],
            "startDate": [start.isoformat() if start else ""],
            "endDate": [end.isoformat() if end else ""],
            "summary": [summary],
            "description": ["\n".join(lines)],
            "proof": sorted(set(proof)),
            "recordId": [k.id],
            "publisher": ["armswatch"],
        },
    )


def write_ftm(cases: Iterable[Case], store: Store, out: IO[str]) -> int:
    """Write actors, articles and cases as FtM entities (each entity once); returns how many."""
    seen_actors: set[str] = set()
    articles: dict[str, dict[str, Any]] = {}
    written: set[str] = set()
    n = 0

    def emit(e: dict[str, Any]) -> None:
        nonlocal n
        out.write(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n")
        n += 1

    for k in cases:
        for code in (k.supplier, k.recipient):
            if code not in seen_actors:
                seen_actors.add(code)
                emit(_actor(code))
        link = _case(k, store, articles)
        for aid, art in articles.items():
            if aid not in written:
                written.add(aid)
                emit(art)
        emit(link)
    return n
