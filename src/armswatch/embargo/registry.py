"""The curated embargo data: load the YAML/JSON file, check it against its JSON Schema and its own
consistency rules, and hand it out as frozen dataclasses.

The packaged file is `armswatch/data/embargoes.yaml`, its schema `armswatch/data/embargoes.schema.json`.
A replacement file (same schema) can be passed to `load_registry(path)`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from armswatch.errors import ConfigError
from armswatch.model import CATEGORIES

__all__ = [
    "ARMS_CATEGORIES", "DIRECTIONS", "STATE_SCOPES", "Embargo", "EmbargoDataError", "Exemption",
    "Provision", "Registry", "Resolution", "default_registry", "load_registry", "schema", "validate_data",
]

DIRECTIONS = ("supply_to", "supply_from", "both")
STATE_SCOPES = ("all", "non_governmental", "listed", "partial")
# "all arms" never implies personnel: sending troops is not an arms transfer.
ARMS_CATEGORIES = tuple(c for c in CATEGORIES if c != "personnel")

_DATA_FILE = "embargoes.yaml"
_SCHEMA_FILE = "embargoes.schema.json"


class EmbargoDataError(ConfigError):
    """The embargo data file cannot be used; `source` names it and `problems` lists every reason found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        shown = "\n  ".join(problems[:20]) + more
        super().__init__(f"{source}: invalid embargo data:\n  {shown}")
        self.source = source
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Resolution:
    number: int
    adopted: date
    summary: str

    @property
    def citation(self) -> str:
        return f"S/RES/{self.number} ({self.adopted.year})"

    @property
    def url(self) -> str:
        return f"https://undocs.org/S/RES/{self.number}({self.adopted.year})"

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "adopted": self.adopted.isoformat(), "citation": self.citation,
                "summary": self.summary}


@dataclass(frozen=True)
class Exemption:
    kind: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Provision:
    """One measure over one period: what it restricts, in which direction, for whom, from when to when."""

    id: str
    embargo_id: str
    label: str
    resolutions: tuple[Resolution, ...]
    direction: str
    start: date
    end: date | None  # first day it no longer applies (exclusive)
    categories: tuple[str, ...]  # plainly in scope ("all" expanded to ARMS_CATEGORIES)
    all_arms: bool
    categories_partial: tuple[str, ...]
    states: tuple[str, ...]
    state_scope: str | None
    state_scope_note: str | None
    actors: tuple[str, ...]
    actors_if_designated: tuple[str, ...]
    exemptions: tuple[Exemption, ...]
    status: str  # in_force | contested
    paragraphs: str | None = None
    note: str | None = None

    @property
    def contested(self) -> bool:
        return self.status == "contested"

    def in_force_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    @property
    def period_text(self) -> str:
        return f"{self.start} – {self.end} (exclusive)" if self.end else f"{self.start} – in force"

    @property
    def citation(self) -> str:
        cites = "; ".join(r.citation for r in self.resolutions)
        return f"{cites}: {self.paragraphs}" if self.paragraphs else cites

    def targets_party(self, code: str) -> bool:
        return code in self.states or code in self.actors or code in self.actors_if_designated

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "resolutions": [r.citation for r in self.resolutions],
            "paragraphs": self.paragraphs, "direction": self.direction, "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "categories": "all" if self.all_arms else list(self.categories),
            "categories_partial": list(self.categories_partial),
            "targets": {"states": list(self.states), "state_scope": self.state_scope,
                        "state_scope_note": self.state_scope_note, "actors": list(self.actors),
                        "actors_if_designated": list(self.actors_if_designated)},
            "exemptions": [e.to_dict() for e in self.exemptions], "status": self.status, "note": self.note,
        }


@dataclass(frozen=True)
class Embargo:
    id: str
    name: str
    committee: str | None
    direction: str
    states: tuple[str, ...]
    actors: tuple[str, ...]
    resolutions: tuple[Resolution, ...]
    provisions: tuple[Provision, ...]
    notes: tuple[str, ...]
    sources: tuple[str, ...]

    def targets_party(self, code: str) -> bool:
        return code in self.states or code in self.actors

    @property
    def start(self) -> date:
        return min(p.start for p in self.provisions)

    @property
    def end(self) -> date | None:
        """The day the last provision stopped applying; None while any provision (even contested) runs."""
        ends = [p.end for p in self.provisions]
        return None if any(e is None for e in ends) else max(e for e in ends if e is not None)

    def in_force_on(self, day: date, *, include_contested: bool = False) -> bool:
        return any(p.in_force_on(day) and (include_contested or not p.contested) for p in self.provisions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "committee": self.committee, "direction": self.direction,
            "targets": {"states": list(self.states), "actors": list(self.actors)},
            "resolutions": [r.to_dict() for r in self.resolutions],
            "provisions": [p.to_dict() for p in self.provisions],
            "notes": list(self.notes), "sources": list(self.sources),
        }


_UNVERIFIED = "to verify"  # the mark a curator leaves on a detail not read in the resolution's text


@dataclass(frozen=True)
class Registry:
    """All embargoes of one data file, with the file's version."""

    version: str
    as_of: date
    source: str
    embargoes: tuple[Embargo, ...]
    actors: Mapping[str, str] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Embargo]:
        return iter(self.embargoes)

    def __len__(self) -> int:
        return len(self.embargoes)

    def get(self, embargo_id: str) -> Embargo | None:
        return next((e for e in self.embargoes if e.id == embargo_id), None)

    def provision(self, provision_id: str) -> Provision | None:
        return next((p for e in self.embargoes for p in e.provisions if p.id == provision_id), None)

    def citation_problems(self) -> list[str]:
        """Provisions that cite no operative paragraph, or whose citation or note is still marked "to
        verify" (a detail recalled, not read in the resolution's text): one line each, by provision id."""
        problems = []
        for p in (p for e in self.embargoes for p in e.provisions):
            if not p.paragraphs:
                problems.append(f"{p.id}: no operative paragraph cited (`paragraphs`)")
            elif _UNVERIFIED in f"{p.paragraphs} {p.note or ''}".lower():
                problems.append(f"{p.id}: its citation is marked \"to verify\"")
        return problems


def schema() -> dict[str, Any]:
    """The JSON Schema the data file must satisfy (shipped as a data file beside it)."""
    text = (resources.files("armswatch") / "data" / _SCHEMA_FILE).read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


def _dates_to_text(value: Any) -> Any:
    """YAML turns 2006-10-14 into a date; the schema (like JSON) speaks ISO strings."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _dates_to_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_to_text(v) for v in value]
    return value


def _where(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _schema_problems(data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{_where(e.absolute_path)}: {e.message}" for e in errors]


def _consistency_problems(data: dict[str, Any]) -> list[str]:
    """Rules a JSON Schema cannot say: unique ids, declared actors, coherent dates and summaries."""
    import pycountry  # only needed when validating a file

    problems: list[str] = []
    declared_actors = set(data["actors"])
    seen_embargoes: set[str] = set()
    seen_provisions: set[str] = set()
    for i, emb in enumerate(data["embargoes"]):
        where = f"embargoes[{i}] ({emb['id']})"
        if emb["id"] in seen_embargoes:
            problems.append(f"{where}: duplicate embargo id")
        seen_embargoes.add(emb["id"])
        adopted = {r["number"]: r["adopted"] for r in emb["resolutions"]}
        if len(adopted) != len(emb["resolutions"]):
            problems.append(f"{where}: a resolution is listed twice")
        states: set[str] = set()
        actors: set[str] = set()
        directions: set[str] = set()
        for j, prov in enumerate(emb["provisions"]):
            pwhere = f"{where}.provisions[{j}] ({prov['id']})"
            if prov["id"] in seen_provisions:
                problems.append(f"{pwhere}: duplicate provision id")
            seen_provisions.add(prov["id"])
            missing = [n for n in prov["resolutions"] if n not in adopted]
            if missing:
                problems.append(f"{pwhere}: resolutions {missing} are not listed under the embargo's "
                                "resolutions")
            elif prov["start"] < min(adopted[n] for n in prov["resolutions"]):
                problems.append(f"{pwhere}: starts {prov['start']}, "
                                "before any of its resolutions was adopted")
            if prov["end"] is not None and prov["end"] <= prov["start"]:
                problems.append(f"{pwhere}: end {prov['end']} is not after start {prov['start']}")
            cats = set(ARMS_CATEGORIES) if prov["categories"] == "all" else set(prov["categories"])
            overlap = cats & set(prov.get("categories_partial", []))
            if overlap:
                problems.append(f"{pwhere}: categories {sorted(overlap)} are both in scope and partial")
            targets = prov["targets"]
            for code in targets.get("states", []):
                if pycountry.countries.get(alpha_3=code) is None:
                    problems.append(f"{pwhere}: {code} is not an ISO 3166-1 alpha-3 code")
            slugs = targets.get("actors", []) + targets.get("actors_if_designated", [])
            undeclared = sorted(set(slugs) - declared_actors)
            if undeclared:
                problems.append(f"{pwhere}: actor slugs {undeclared} are not declared under `actors`")
            states.update(targets.get("states", []))
            actors.update(slugs)
            directions.add(prov["direction"])
        summary = "both" if "both" in directions or directions == {"supply_to", "supply_from"} else (
            directions.pop() if len(directions) == 1 else "both")
        if emb["direction"] != summary:
            problems.append(f"{where}: direction {emb['direction']!r} "
                            f"but its provisions add up to {summary!r}")
        if set(emb["targets"]["states"]) != states:
            problems.append(f"{where}: targets.states {sorted(emb['targets']['states'])} differ from the "
                            f"provisions' states {sorted(states)}")
        if set(emb["targets"]["actors"]) != actors:
            problems.append(f"{where}: targets.actors {sorted(emb['targets']['actors'])} differ from the "
                            f"provisions' actors {sorted(actors)}")
    return problems


def _build(data: dict[str, Any], source: str) -> Registry:
    embargoes = []
    for emb in data["embargoes"]:
        resolutions = {r["number"]: Resolution(r["number"], date.fromisoformat(r["adopted"]), r["summary"])
                       for r in emb["resolutions"]}
        provisions = []
        for p in emb["provisions"]:
            t = p["targets"]
            all_arms = p["categories"] == "all"
            provisions.append(Provision(
                id=p["id"], embargo_id=emb["id"], label=p["label"],
                resolutions=tuple(resolutions[n] for n in p["resolutions"]),
                direction=p["direction"], start=date.fromisoformat(p["start"]),
                end=date.fromisoformat(p["end"]) if p["end"] else None,
                categories=ARMS_CATEGORIES if all_arms else tuple(p["categories"]), all_arms=all_arms,
                categories_partial=tuple(p.get("categories_partial", [])),
                states=tuple(t.get("states", [])), state_scope=t.get("state_scope"),
                state_scope_note=t.get("state_scope_note"), actors=tuple(t.get("actors", [])),
                actors_if_designated=tuple(t.get("actors_if_designated", [])),
                exemptions=tuple(Exemption(x["kind"], x["text"]) for x in p.get("exemptions", [])),
                status=p["status"], paragraphs=p.get("paragraphs"), note=p.get("note"),
            ))
        embargoes.append(Embargo(
            id=emb["id"], name=emb["name"], committee=emb.get("committee"), direction=emb["direction"],
            states=tuple(emb["targets"]["states"]), actors=tuple(emb["targets"]["actors"]),
            resolutions=tuple(resolutions.values()), provisions=tuple(provisions),
            notes=tuple(emb.get("notes", [])), sources=tuple(emb["sources"]),
        ))
    return Registry(version=data["version"], as_of=date.fromisoformat(data["as_of"]), source=source,
                    embargoes=tuple(embargoes), actors=dict(data["actors"]))


def validate_data(data: Any, source: str = "<data>") -> Registry:
    """Check parsed data (dates as ISO strings or date objects) and build the registry, or raise
    EmbargoDataError listing every problem found."""
    data = _dates_to_text(data)
    problems = _schema_problems(data)
    if problems:  # consistency rules assume the schema's shape
        raise EmbargoDataError(source, problems)
    problems = _consistency_problems(data)
    if problems:
        raise EmbargoDataError(source, problems)
    return _build(data, source)


def load_registry(path: str | Path | None = None) -> Registry:
    """Load and validate an embargo data file (.yaml/.yml/.json); None means the packaged file."""
    if path is None:
        source = f"armswatch/data/{_DATA_FILE}"
        text = (resources.files("armswatch") / "data" / _DATA_FILE).read_text(encoding="utf-8")
    else:
        source = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise EmbargoDataError(source, [f"cannot read: {exc}"]) from exc
    try:
        data = json.loads(text) if source.endswith(".json") else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise EmbargoDataError(source, [f"cannot parse: {exc}"]) from exc
    return validate_data(data, source)


@functools.cache
def default_registry() -> Registry:
    """The packaged data, loaded once per process: it is read-only (frozen dataclasses), so sharing it
    is safe, and it saves re-parsing the file for every claim assessed."""
    return load_registry()
