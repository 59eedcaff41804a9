"""Query parameters of the API and the pages, validated once: bad values are 422 with a message.

One pydantic model per kind of listing (claims, cases), turned into the store's filter objects. HTML
forms send empty fields as "", which here means "not set" rather than an invalid value.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from fastapi.exceptions import RequestValidationError
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from armswatch.actor_names import UnknownActor, resolve_actor
from armswatch.store import CaseFilter, ClaimFilter

__all__ = [
    "ACTOR_PATTERN",
    "NoNul",
    "CaseQuery",
    "Category",
    "ClaimQuery",
    "NetworkQuery",
    "Status",
    "actor_code",
    "period_bound",
]

Category = Literal[
    "aircraft", "air_defence", "armoured_vehicles", "artillery", "ammunition", "missiles", "uav",
    "naval", "small_arms", "technology", "components", "personnel", "equipment",
]
Status = Literal["delivered", "ongoing", "pledged", "negotiating", "sought"]
Order = Literal["newest", "oldest", "relevance"]

# ISO alpha-3 codes and non-state slugs ("houthis", "al-shabaab")
ACTOR_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{1,63}$"
# YYYY, YYYY-MM or YYYY-MM-DD naming a real day (years 0001-9999, Feb 29 in leap years only), so the
# schema promises exactly what the server accepts
_YEAR = r"(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
_LEAP = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_MONTH_DAY = (r"(?:(?:0[13578]|1[02])(?:-(?:0[1-9]|[12][0-9]|3[01]))?|(?:0[469]|11)(?:-(?:0[1-9]|[12][0-9]|30))?"
              r"|02(?:-(?:0[1-9]|1[0-9]|2[0-8]))?)")
PERIOD_PATTERN = rf"^(?:{_YEAR}(?:-{_MONTH_DAY})?|{_LEAP}-02-29)$"
_ACTOR_RE = re.compile(ACTOR_PATTERN)


def _no_nul(v: Any) -> Any:
    # PostgreSQL cannot hold NUL in text and SQLite's FTS5 reads it as the end of the query
    if isinstance(v, str) and "\x00" in v:
        raise ValueError("contains a NUL character")
    return v


def _blank_to_none(v: Any) -> Any:
    return None if isinstance(v, str) and not v.strip() else _no_nul(v)


def _blank_to_none_bool(v: Any) -> Any:
    # "any" is what the tri-state selects of the pages send for "do not filter"
    return None if isinstance(v, str) and v.strip().lower() in ("", "any") else v


@dataclass(frozen=True)
class _BlankIsNone:
    """Annotation: a blank value (or one matching `pattern`) means "not set"; the JSON schema says so too,
    so that `status=` (what an empty form field sends) is documented as accepted."""

    pattern: str = r"^\s*$"

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        to_none = _blank_to_none if self.pattern == r"^\s*$" else _blank_to_none_bool
        return core_schema.no_info_before_validator_function(to_none, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"anyOf": [handler(schema), {"type": "string", "pattern": self.pattern}]}


def _resolved(v: Any, resolve: Callable[[str], str | None], unknown: type[Exception], code: str) -> Any:
    """A name typed in a filter resolved to its id; an unknown one is refused with the nearest known."""
    v = _blank_to_none(v)
    if not isinstance(v, str):
        return v
    try:
        return resolve(v)
    except unknown as e:
        raise PydanticCustomError(code, str(e).replace("{", "(").replace("}", ")")) from None


def _typed_actor(v: Any) -> Any:
    # "DPRK", "North Korea", "Pyongyang" → PRK; unknown names are refused with the nearest actors
    return _resolved(v, resolve_actor, UnknownActor, "unknown_actor")


def _typed_system(v: Any) -> Any:
    # "Geran-2", "geran 2", "shahed-136" → shahed-136; unknown names are refused with the nearest systems
    from armswatch.systems import UnknownSystem, resolve_system

    return _resolved(v, resolve_system, UnknownSystem, "unknown_system")


Blank = _BlankIsNone()
NoNul = BeforeValidator(_no_nul)
Actor = Annotated[Annotated[str, Field(max_length=100)] | None, BeforeValidator(_typed_actor),
                  Field(description="an actor's code, slug, name, demonym or capital (PRK, DPRK, North Korea, "
                                    "Pyongyang, houthis)")]
SystemName = Annotated[Annotated[str, Field(max_length=100)] | None, BeforeValidator(_typed_system),
                      Field(description="a catalogued weapon system: its id, designation or an alias (shahed-136, "
                                        "Shahed-136, Geran-2; GET /api/systems lists them); for cases and the "
                                        "network: one of the case's counted claims names it")]
Period = Annotated[
    Annotated[str, Field(pattern=PERIOD_PATTERN)] | None, Blank, Field(description="YYYY, YYYY-MM or YYYY-MM-DD")
]
TriState = Annotated[bool | None, _BlankIsNone(r"^\s*(?:[aA][nN][yY])?\s*$")]


def _bound(value: str, end: bool) -> date:
    parts = value.split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            return date(y, 12, 31) if end else date(y, 1, 1)
        m = int(parts[1])
        if len(parts) == 2:
            return date(y, m, calendar.monthrange(y, m)[1]) if end else date(y, m, 1)
        return date(y, m, int(parts[2]))
    except (ValueError, calendar.IllegalMonthError) as e:
        raise ValueError(f"{value!r} is not a real date ({e})") from None


def period_bound(value: str, end: bool, field: str) -> date:
    """YYYY, YYYY-MM or YYYY-MM-DD → the first (or, with end=True, the last) day; 422 if impossible."""
    try:
        return _bound(value, end)
    except ValueError as e:
        raise RequestValidationError(
            [{"type": "value_error", "loc": ("query", field), "msg": str(e), "input": value}]
        ) from None


def actor_code(value: str) -> str:
    """An actor code from a path; 422 when it cannot be one."""
    if not _ACTOR_RE.match(value):
        raise RequestValidationError(
            [{"type": "string_pattern_mismatch", "loc": ("path", "code"),
              "msg": "an actor is an ISO alpha-3 code or a slug (letters, digits, '-', '_')", "input": value}]
        )
    return value


class _Common(BaseModel):
    model_config = ConfigDict(extra="ignore")

    actor: Actor = None
    supplier: Actor = None
    recipient: Actor = None
    category: Annotated[Category | None, Blank] = None
    status: Annotated[Status | None, Blank] = None
    since: Period = Field(None, description="reported on or after (YYYY, YYYY-MM or YYYY-MM-DD)")
    until: Period = Field(None, description="reported on or before (YYYY, YYYY-MM or YYYY-MM-DD)")
    source: Annotated[Annotated[str, Field(max_length=100)] | None, Blank] = Field(
        None, description="speaker, cited outlet or publishing outlet contains this text")
    hedged: TriState = Field(None, description="only hedged (true) or only unhedged (false) claims")
    denied: TriState = Field(None, description="only denied (true) or only undenied (false) claims")
    min_corroboration: Annotated[Annotated[int, Field(ge=0, le=100_000)] | None, Blank] = Field(
        None, description="at least this many independent origins (for claims: in their case)")
    flagged: TriState = Field(None, description="only cases that may (true) or may not (false) breach a UN arms "
                                                "embargo (for claims: their case)")
    system: SystemName = None

    @field_validator("since", "until")
    @classmethod
    def _real_date(cls, v: str | None) -> str | None:
        if v is not None:
            _bound(v, False)  # ValueError saying why: reported with the other problems
        return v

    def dates(self) -> tuple[date | None, date | None]:
        since = period_bound(self.since, False, "since") if self.since else None
        until = period_bound(self.until, True, "until") if self.until else None
        if since and until and since > until:
            raise RequestValidationError(
                [{"type": "value_error", "loc": ("query", "until"),
                  "msg": f"until ({until}) is before since ({since})", "input": self.until}]
            )
        return since, until

    def _filter_kw(self) -> dict[str, Any]:
        since, until = self.dates()
        return dict(actor=self.actor, supplier=self.supplier, recipient=self.recipient, category=self.category,
                    status=self.status, since=since, until=until, source=self.source, hedged=self.hedged,
                    denied=self.denied, min_corroboration=self.min_corroboration, flagged=self.flagged,
                    system=self.system)

    def is_filtered(self) -> bool:
        return any(v is not None for k, v in self.model_dump().items() if k not in ("limit", "offset", "order"))

    def query_string(self, **changes: Any) -> str:
        """These parameters (with changes) as a query string for links (pagination, facets)."""
        from urllib.parse import urlencode

        values = {**self.model_dump(), **changes}
        return urlencode({k: str(v).lower() if isinstance(v, bool) else v for k, v in values.items()
                          if v is not None and v != "" and not (k == "offset" and v == 0)})


class ClaimQuery(_Common):
    """Claims: the common filters, full-text search, order and a page."""

    q: Annotated[Annotated[str, Field(max_length=300)] | None, Blank] = Field(
        None, description='full-text search over the evidence: words, "a phrase", OR, -exclude')
    order: Annotated[Order | None, Blank] = Field(
        None, description="newest (default), oldest, or relevance (default with q)")
    case_id: Annotated[Annotated[str, Field(pattern=r"^[0-9a-f]{4,32}$")] | None, Blank] = None
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)

    def claim_filter(self) -> ClaimFilter:
        return ClaimFilter(**self._filter_kw(), case_id=self.case_id)


class CaseQuery(_Common):
    """Cases: the common filters, the embargo filters, an order and a page."""

    embargo: Annotated[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")] | None, Blank] = Field(
        None, description="only cases flagged under this embargo (its id: dprk, iran-2231-annex-b, ...)")
    order: Annotated[Literal["corroboration", "embargo"] | None, Blank] = Field(
        None, description="corroboration (default: most corroborated first) or embargo (flagged first)")
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0, le=1_000_000)

    def case_filter(self, **changes: Any) -> CaseFilter:
        kw = {**self._filter_kw(), "embargo": self.embargo,
              "order": self.order or "corroboration", "limit": self.limit, "offset": self.offset, **changes}
        return CaseFilter(**kw)


class NetworkQuery(_Common):
    """The actor network: the common filters; at most `limit` edges, most corroborated first."""

    limit: int = Field(600, ge=1, le=5000)

    def case_filter(self) -> CaseFilter:
        return CaseFilter(**self._filter_kw())

    def claim_filter(self) -> ClaimFilter:
        """The same filters over claims (the overview's latest claims follow them)."""
        return ClaimFilter(**self._filter_kw())

    def link_filters(self) -> dict[str, str]:
        """The filters set, as query parameters for links to the lists (without the drawing's limit)."""
        from urllib.parse import parse_qsl

        return dict(parse_qsl(self.query_string(limit=None)))
