"""The curated data files (actors, items, measures, triggers, outlets) loaded into plain lookups.

Files live in `armswatch/data/`; a user can point ARMSWATCH_DATA_OVERRIDES at a folder holding files
of the same names whose rows are added to (and win over) the shipped ones.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["Actor", "ItemTerm", "Lexicon", "WordLists", "data_rows", "load_lexicon", "load_words", "singular",
           "term_key"]

@dataclass(frozen=True)
class Actor:
    code: str  # ISO alpha-3 or a lowercase slug
    kind: str  # state | group | org | company
    state: str | None = None  # for companies: the home state


@dataclass(frozen=True)
class ItemTerm:
    category: str | None  # None for weak heads with no category of their own ("system")
    role: str  # strong | weak | modifier
    cased: bool  # match only capitalised text (named systems: "Patriot", "Boxer")


@dataclass
class Lexicon:
    # surface form (exact case) -> actor; used by a case-sensitive PhraseMatcher
    actor_names: dict[str, Actor] = field(default_factory=dict)
    # demonyms and adjectives ("North Korean") -> actor
    actor_adjectives: dict[str, Actor] = field(default_factory=dict)
    # capitals and metonyms ("Pyongyang", "the Kremlin") -> actor
    actor_metonyms: dict[str, Actor] = field(default_factory=dict)
    # a state's institutions and forces ("the Defense Department", "the Bundeswehr") -> actor
    actor_institutions: dict[str, Actor] = field(default_factory=dict)
    # raw item term ("=arms" marks an exact, non-singularised form) -> item term
    items: dict[str, ItemTerm] = field(default_factory=dict)
    measures: dict[str, str] = field(default_factory=dict)  # singular noun -> unit | vague
    outlets: set[str] = field(default_factory=set)
    outlet_order: list[str] = field(default_factory=list)  # as listed: the first spelling of a name wins

    @cached_property
    def outlet_spellings(self) -> dict[str, str]:
        """Each outlet's name in lower case -> the spelling listed first ("ukrinform" -> "Ukrinform")."""
        out: dict[str, str] = {}
        for name in self.outlet_order:
            out.setdefault(name.lower(), name)
        return out

    @cached_property
    def actors_by_lower(self) -> dict[str, Actor]:
        """Names, metonyms, institutions and demonyms in lower case, for labels set in capitals
        ("DEFENSE MINISTRY SPOKESMAN JOHN ROE:")."""
        out: dict[str, Actor] = {}
        for table in (self.actor_adjectives, self.actor_metonyms, self.actor_institutions, self.actor_names):
            out.update((k.lower(), v) for k, v in table.items())
        return out



def singular(word: str) -> str:
    """A crude, deterministic English singular, applied alike to lexicon terms and text tokens."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def term_key(words: list[str], exact: bool = False) -> tuple[str, ...]:
    return tuple(w.lower() if exact else singular(w) for w in words)


def _data_files(name: str) -> list[Path]:
    files = [Path(str(resources.files("armswatch") / "data" / name))]
    extra = os.environ.get("ARMSWATCH_DATA_OVERRIDES")
    if extra and (Path(extra) / name).exists():
        files.append(Path(extra) / name)
    return files


def data_rows(name: str) -> list[dict[str, str]]:
    """The rows of a shipped data file, then those of the same file in ARMSWATCH_DATA_OVERRIDES."""
    rows: list[dict[str, str]] = []
    for path in _data_files(name):
        with path.open(encoding="utf-8", newline="") as f:
            rows.extend(csv.DictReader(f, delimiter="\t"))
    return rows


class WordLists:
    """The extractor's word lists (data/words.tsv: `list`, `word`, `value`), each a frozenset of lower-case
    words; `value(list, word)` gives a word's value where the list maps words to values."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        sets: dict[str, set[str]] = {}
        values: dict[str, dict[str, str]] = {}
        for row in rows:
            name, word = row["list"].strip(), row["word"].strip().lower()
            sets.setdefault(name, set()).add(word)
            if (row.get("value") or "").strip():
                values.setdefault(name, {})[word] = row["value"].strip()
        self._sets = {k: frozenset(v) for k, v in sets.items()}
        self._values = values

    def __getitem__(self, name: str) -> frozenset[str]:
        try:
            return self._sets[name]
        except KeyError:
            raise KeyError(f"word list {name!r} is not in data/words.tsv") from None

    def names(self) -> list[str]:
        return sorted(self._sets)

    def value(self, name: str, word: str) -> str | None:
        return self._values.get(name, {}).get(word)

    def mapping(self, name: str) -> dict[str, str]:
        return dict(self._values.get(name, {}))


@lru_cache(maxsize=4)
def load_words(overrides: str | None = None) -> WordLists:
    """data/words.tsv and its override (`overrides` only keys the cache)."""
    return WordLists(data_rows("words.tsv"))


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _named_systems() -> dict[str, tuple[str, ItemTerm]]:
    """Every spelling of every name in the weapon system catalogue (data/systems.yaml), in lower case ->
    (the spelling, its item term): named systems are strong terms of their system's category."""
    from armswatch.systems import load_catalogue, spellings

    out: dict[str, tuple[str, ItemTerm]] = {}
    for system in load_catalogue():
        for name in system.names:
            term = ItemTerm(system.category, "strong", cased=any(c.isupper() for c in name))
            for spelling in spellings(name):
                known = out.get(spelling.lower())
                if known is None or (known[1].cased and not term.cased):  # one name in lower case: any case
                    out[spelling.lower()] = (spelling, term)
    return out


@lru_cache(maxsize=4)
def load_lexicon(overrides: str | None = None) -> Lexicon:
    """Read the data files once per process (`overrides` only keys the cache)."""
    lex = Lexicon()
    for row in data_rows("states.tsv"):
        actor = Actor(row["code"], "state")
        for name in _split(row.get("names")):
            lex.actor_names[name] = actor
        for adj in _split(row.get("demonyms")):
            lex.actor_adjectives[adj] = actor
        for m in _split(row.get("metonyms")):
            lex.actor_metonyms[m] = actor
    for row in data_rows("institutions.tsv"):  # "the Defense Department", "the Bundeswehr": their state
        for name in _split(row.get("names")):
            lex.actor_institutions[name] = Actor(row["code"], "state")
    for row in data_rows("groups.tsv"):
        actor = Actor(row["code"], row["kind"])
        for name in _split(row.get("names")):
            lex.actor_names[name] = actor
        for adj in _split(row.get("adjectives")):
            lex.actor_adjectives[adj] = actor
    for row in data_rows("companies.tsv"):
        lex.actor_names[row["name"]] = Actor(row["state"], "company", row["state"])
    named = _named_systems()
    for row in data_rows("items.tsv"):
        term = row["term"]
        if term.strip("=").lower() in named:
            continue  # a named system: the catalogue's row wins
        category = None if row["category"] == "-" else row["category"]
        lex.items[term] = ItemTerm(category, row["role"], cased=any(c.isupper() for c in term))
    lex.items.update(named.values())
    for row in data_rows("measures.tsv"):
        lex.measures[singular(row["term"])] = row["kind"]
    for path in _data_files("outlets.txt"):
        names = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        lex.outlets.update(names)
        lex.outlet_order += names
    # an acronym outlet is also written as a word: "TASS" and "Tass", "KCNA" and "Kcna"
    lex.outlets |= {o.capitalize() for o in lex.outlets if o.isupper() and o.isalpha() and len(o) > 3}
    return lex
