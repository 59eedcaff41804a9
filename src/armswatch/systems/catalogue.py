"""The weapon system catalogue: load `data/systems.yaml`, check it against its JSON Schema and its own rules,
and hand it out as frozen dataclasses.

    catalogue = load_catalogue()                    # shipped, plus ARMSWATCH_DATA_OVERRIDES/systems.yaml
    catalogue.get("shahed-136").producers           # ('IRN', 'RUS')
    catalogue.find("Iranian-made Geran-2 drones")   # System(id='shahed-136', ...)
    read_catalogue("my-systems.yaml")               # one file alone (raises SystemsDataError)

A system of the override file replaces the shipped system of the same id; its other systems are added.
"""

from __future__ import annotations

import copy
import difflib
import functools
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from armswatch.errors import ConfigError
from armswatch.systems.names import NameIndex, name_key

__all__ = ["Catalogue", "System", "SystemsDataError", "UnknownSystem", "load_catalogue", "read_catalogue",
           "schema", "validate_data"]

DATA_FILE = "systems.yaml"
_SCHEMA_FILE = "systems.schema.json"


class SystemsDataError(ConfigError):
    """A catalogue file cannot be used; `source` names it and `problems` lists every reason found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        more = f"\n  ... and {len(problems) - 30} more" if len(problems) > 30 else ""
        super().__init__(f"{source}: invalid weapon system catalogue:\n  " + "\n  ".join(problems[:30]) + more)
        self.source = source
        self.problems = tuple(problems)


class UnknownSystem(ValueError):
    """A typed system (a filter's value) that no id, designation or alias of the catalogue names."""


@dataclass(frozen=True)
class System:
    id: str
    designation: str
    category: str
    aliases: tuple[str, ...] = ()
    designers: tuple[str, ...] = ()
    producers: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    description: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.designation, *self.aliases)

    def builds(self, party: str) -> bool | None:
        """Does `party` build the system? None when the catalogue names no producer."""
        return party in self.producers if self.producers else None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "designation": self.designation, "aliases": list(self.aliases),
                "category": self.category, "designers": list(self.designers), "producers": list(self.producers),
                "companies": list(self.companies), "description": self.description}


class Catalogue:
    """Every system of one catalogue, by id and by name."""

    def __init__(self, systems: tuple[System, ...], source: str) -> None:
        self.systems = systems
        self.source = source
        self._by_id = {s.id: s for s in systems}
        self._names = NameIndex((name, s.id) for s in systems for name in s.names)

    def __iter__(self) -> Iterator[System]:
        return iter(self.systems)

    def __len__(self) -> int:
        return len(self.systems)

    def get(self, system_id: str | None) -> System | None:
        return self._by_id.get(system_id) if system_id else None

    def find(self, text: str) -> System | None:
        """The system an item's text names: the first name found (the longest at its place), spelled any
        way ("Shahed 136s", "Geran2"); None for generic items ("drones")."""
        match = self._names.find(text)
        return self._by_id[match.system_id] if match else None

    def lookup(self, text: str) -> System | None:
        """The system whose id, designation or alias `text` is exactly, in any case and spelling ("geran 2"), or
        None. Unlike `find`, nothing else may stand around the name: a filter's value, not an item's text."""
        system_id = text.strip().lower()
        return self._by_id.get(system_id) or self.get(self._names.get(text))

    def resolve(self, text: str) -> str:
        """The id of the system a filter names (`lookup`); UnknownSystem naming it and the nearest names."""
        found = self.lookup(text)
        if found is not None:
            return found.id
        names = {n.lower(): s.id for s in self.systems for n in (s.id, *s.names)}
        near = dict.fromkeys(names[n] for n in difflib.get_close_matches(text.strip().lower(), list(names), n=8,
                                                                         cutoff=0.6))
        hint = f"; did you mean {', '.join(list(near)[:5])}?" if near else "; `armswatch systems` lists them"
        raise UnknownSystem(f"unknown weapon system {text!r}{hint}")

    def producer_differs(self, system_id: str | None, supplier: str) -> bool | None:
        """Is a claim's supplier none of its system's producers (a re-export, licensed production elsewhere)?
        None when the claim names no catalogued system or the catalogue names no producer."""
        system = self.get(system_id)
        builds = system.builds(supplier) if system else None
        return None if builds is None else not builds


def schema() -> dict[str, Any]:
    """The JSON Schema a catalogue file must satisfy (shipped beside it)."""
    result: dict[str, Any] = json.loads((resources.files("armswatch") / "data" / _SCHEMA_FILE).read_text("utf-8"))
    return result


def _label(data: Any, index: Any) -> str:
    entry = data[index] if isinstance(data, list) and isinstance(index, int) and index < len(data) else None
    sid = entry.get("id") if isinstance(entry, dict) else None
    return f"systems[{index}]" + (f" ({sid})" if isinstance(sid, str) else "")


def _schema_problems(data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema())
    problems = []
    for e in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        path = list(e.absolute_path)
        where = _label(data, path[0]) + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[1:]) \
            if path else "(top level)"
        problems.append(f"{where}: {e.message}")
    return problems


def _known_parties() -> set[str]:
    from armswatch.extract.lexicon import data_rows

    return {r["code"] for name in ("states.tsv", "groups.tsv") for r in data_rows(name)}


def _consistency_problems(data: list[dict[str, Any]]) -> list[str]:
    """What a schema cannot say: ids used once, no name shared by two systems, parties armswatch knows."""
    problems: list[str] = []
    parties = _known_parties()
    ids: dict[str, int] = {}
    owner: dict[tuple[str, ...], tuple[str, str]] = {}  # name key -> (system id, the name as written)
    for i, entry in enumerate(data):
        sid, where = entry["id"], _label(data, i)
        if sid in ids:
            problems.append(f"{where}: id {sid!r} is used by systems[{ids[sid]}] too")
        ids.setdefault(sid, i)
        for name in (entry["designation"], *entry.get("aliases", [])):
            key = name_key(name)
            if not key:
                problems.append(f"{where}: name {name!r} holds no letter or digit")
                continue
            other = owner.setdefault(key, (sid, name))
            if other[0] != sid:
                problems.append(f"{where}: name {name!r} is claimed by {other[0]} too (as {other[1]!r}); "
                                "spellings that differ only in case, hyphens or spaces are one name")
        for field in ("designers", "producers"):
            unknown = [p for p in entry.get(field, []) if p not in parties]
            if unknown:
                problems.append(f"{where}: {field} {unknown} are not states of data/states.tsv "
                                "nor actors of data/groups.tsv")
    return problems


def _build(data: list[dict[str, Any]], source: str) -> Catalogue:
    return Catalogue(tuple(System(
        id=e["id"], designation=e["designation"], category=e["category"], aliases=tuple(e.get("aliases", [])),
        designers=tuple(e.get("designers", [])), producers=tuple(e.get("producers", [])),
        companies=tuple(e.get("companies", [])), description=e.get("description", "")) for e in data), source)


def validate_data(data: Any, source: str = "<data>") -> Catalogue:
    """Check parsed catalogue data and build the catalogue, or raise SystemsDataError listing every problem."""
    problems = _schema_problems(data)
    if problems:  # the other rules assume the schema's shape
        raise SystemsDataError(source, problems)
    problems = _consistency_problems(data)
    if problems:
        raise SystemsDataError(source, problems)
    return _build(data, source)


def _parse(path: Path | None, source: str) -> Any:
    file = path or Path(str(resources.files("armswatch") / "data" / DATA_FILE))
    try:
        if not source.endswith(".json"):
            stat = file.stat()
            return copy.deepcopy(_yaml_file(str(file), stat.st_mtime_ns, stat.st_size))
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SystemsDataError(source, [f"cannot read: {exc}"]) from exc
    except yaml.YAMLError as exc:
        raise SystemsDataError(source, [f"cannot parse: {exc}"]) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SystemsDataError(source, [f"cannot parse: {exc}"]) from exc


def yaml_load(text: str) -> Any:
    """Safe YAML, with libyaml's loader where PyYAML was built with it (the catalogue is thousands of lines:
    the pure-Python loader takes a second)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_catalogue(path: str | Path) -> Catalogue:
    """One catalogue file (.yaml/.yml/.json) alone, validated."""
    return validate_data(_parse(Path(path), str(path)), str(path))


def load_catalogue(overrides: str | None = None) -> Catalogue:
    """The catalogue in use: the shipped file with the systems of `overrides`/systems.yaml (default: the
    ARMSWATCH_DATA_OVERRIDES folder), validated together; read once per process and folder."""
    if overrides is None:
        overrides = os.environ.get("ARMSWATCH_DATA_OVERRIDES") or None
    return _load(overrides)


@functools.lru_cache(maxsize=4)
def _load(overrides: str | None) -> Catalogue:
    source = f"armswatch/data/{DATA_FILE}"
    data = _parse(None, source)
    extra = Path(overrides) / DATA_FILE if overrides else None
    if extra is not None and extra.is_file():
        added = _parse(extra, str(extra))
        if not isinstance(added, list) or not all(isinstance(e, dict) for e in added):
            raise SystemsDataError(str(extra), ["(top level): not a list of systems"])
        replaced = {e.get("id") for e in added}
        data = [e for e in (data if isinstance(data, list) else []) if e.get("id") not in replaced] + added
        source = f"{source} + {extra}"
    return validate_data(data, source)


@functools.lru_cache(maxsize=8)
def _yaml_file(path: str, _mtime_ns: int, _size: int) -> Any:
    """A YAML file parsed once per version of it (the start-up reads the catalogue for two purposes)."""
    return yaml_load(Path(path).read_text(encoding="utf-8"))


def extractor_view(path: Path) -> bytes:
    """What the extractor reads of a catalogue file (ids, names, categories) as bytes, so that editing a
    description or a producer does not make stored claims stale; the file's bytes when it does not parse."""
    try:
        stat = path.stat()
        data = _yaml_file(str(path), stat.st_mtime_ns, stat.st_size)
        view = [[e["id"], e["designation"], sorted(e.get("aliases") or []), e["category"]] for e in data]
    except (OSError, UnicodeDecodeError, yaml.YAMLError, TypeError, KeyError):
        return path.read_bytes() if path.is_file() else b""
    return json.dumps(view, ensure_ascii=False).encode()
