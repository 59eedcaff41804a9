"""The curated data files (actors, items, measures, triggers, outlets) loaded into plain lookups.

Files live in `armswatch/data/`; a user can point ARMSWATCH_DATA_OVERRIDES at a folder holding files
of the same names whose rows are added to (and win over) the shipped ones.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["DESTINATION_WORDS", "GROUP_WORDS", "HELP_VERBS", "ORIGIN_PARTICIPLES", "PRODUCTION_VERBS", "Actor",
           "ItemTerm", "Lexicon", "data_rows", "load_lexicon", "singular", "term_key"]

# "Iranian-made drones", "drones built in Iran": an origin that makes a transfer frame with no trigger
# verb (frames.made_frames); the pre-filter counts them as triggers in those two shapes.
ORIGIN_PARTICIPLES = frozenset({"made", "supplied", "built", "provided", "manufactured", "produced"})
# "Beijing is helping Moscow improve its satellites": know-how passed on, with no trigger verb and no
# weapon term (frames.help_frames); the pre-filter keeps a sentence with both kinds of verb.
HELP_VERBS = frozenset({"help", "assist", "aid"})
PRODUCTION_VERBS = frozenset({"build", "develop", "improve", "produce", "make", "manufacture", "design", "launch",
                              "upgrade", "modernise", "modernize", "assemble", "enrich"})
# "passed on to the group", "the militia": words that refer back to an armed group named before
GROUP_WORDS = frozenset({"group", "militia", "movement", "rebels"})
# "Iranian drones bound for Russia": items on their way to a party, with no trigger verb
# (frames.destination_frames); the pre-filter counts these words as triggers.
DESTINATION_WORDS = frozenset({"bound", "destined", "headed", "heading"})


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
    # raw item term ("=arms" marks an exact, non-singularised form) -> item term
    items: dict[str, ItemTerm] = field(default_factory=dict)
    measures: dict[str, str] = field(default_factory=dict)  # singular noun -> unit | vague
    outlets: set[str] = field(default_factory=set)



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


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


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
    for row in data_rows("groups.tsv"):
        actor = Actor(row["code"], row["kind"])
        for name in _split(row.get("names")):
            lex.actor_names[name] = actor
        for adj in _split(row.get("adjectives")):
            lex.actor_adjectives[adj] = actor
    for row in data_rows("companies.tsv"):
        lex.actor_names[row["name"]] = Actor(row["state"], "company", row["state"])
    for row in data_rows("items.tsv"):
        term = row["term"]
        category = None if row["category"] == "-" else row["category"]
        lex.items[term] = ItemTerm(category, row["role"], cased=any(c.isupper() for c in term))
    for row in data_rows("measures.tsv"):
        lex.measures[singular(row["term"])] = row["kind"]
    for path in _data_files("outlets.txt"):
        lex.outlets.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                           if line.strip())
    return lex
