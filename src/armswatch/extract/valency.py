"""Valency frames: for each trigger word, which logical arguments hold the supplier, the recipient and the
items, its direction and its default status (data/frames.tsv).

    lemma  pos   direction  status     supplier           recipient                  items
    sell   VERB  give       delivered  subj pp:from       dat pp:to pp:for obj       obj pp:with
    buy    VERB  take       delivered  pp:from origin     subj                       obj
    sale   NOUN  give       delivered  poss mod pp:by ... pp:to pp:for sup:recipient pp:of mod incl

Slots are tried in order: the first argument that names a party fills a party role; every argument in an
items slot that names a weapon is an item. `origin` is a party named on the items themselves ("Swedish
Gripen jets"); `self` is the trigger phrase itself ("military aid"); `ROLE=CATEGORY` gives the items a
category of their own ("help Moscow build drones": comp=technology). "X sold Y to Z", "Z bought Y from X",
"the sale of Y by X to Z" and "Z's purchase of Y from X" all come out the same through these rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from armswatch.extract.lexicon import data_rows

__all__ = ["DIRECTIONS", "FrameRow", "Slot", "Valency", "load_valency"]

DIRECTIONS = ("give", "take", "deal", "arrive", "part")
_STATUSES = ("delivered", "ongoing", "pledged", "negotiating", "sought", "-")
_POS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}


@dataclass(frozen=True)
class Slot:
    role: str  # an argument role of arguments.py, or "origin" / "self"
    category: str | None = None  # "comp=technology": the category its items take
    only: str | None = None  # "subj~personnel": the slot holds items of this category only


@dataclass(frozen=True)
class FrameRow:
    lemma: str
    pos: str  # VERB | NOUN | ADJ
    direction: str  # give | take | deal | arrive | part
    status: str
    supplier: tuple[Slot, ...]
    recipient: tuple[Slot, ...]
    items: tuple[Slot, ...]
    flags: frozenset[str]  # explicit (parties only from its own clause), arms (no item: "equipment")

    def has(self, flag: str) -> bool:
        return flag in self.flags

    def flag_value(self, name: str) -> str | None:
        """"progressive=pledged" -> "pledged" for name "progressive"."""
        return next((f.partition("=")[2] for f in self.flags if f.startswith(name + "=")), None)


def _slots(spec: str) -> tuple[Slot, ...]:
    out = []
    for part in (spec or "").split():
        if part == "-":
            continue
        role, _, only = part.partition("~")
        role, _, category = role.partition("=")
        out.append(Slot(role, category or None, only or None))
    return tuple(out)


def _row(raw: dict[str, str]) -> FrameRow:
    row = FrameRow(
        lemma=raw["lemma"].strip().lower(), pos=raw["pos"].strip(), direction=raw["direction"].strip(),
        status=raw["status"].strip(), supplier=_slots(raw.get("supplier", "")),
        recipient=_slots(raw.get("recipient", "")), items=_slots(raw.get("items", "")),
        flags=frozenset(f for f in (raw.get("flags") or "").split(",") if f.strip() and f.strip() != "-"))
    if row.direction not in DIRECTIONS or row.status not in _STATUSES or row.pos not in ("VERB", "NOUN", "ADJ"):
        raise ValueError(f"data/frames.tsv: bad row for {row.lemma!r}: {raw}")
    return row


class Valency:
    """The frame rows by (lemma, part of speech)."""

    def __init__(self, rows: list[FrameRow]) -> None:
        self.rows = {(r.lemma, r.pos): r for r in rows}
        self.lemmas = frozenset(r.lemma for r in rows)
        self.event_nouns = frozenset(r.lemma for r in rows if r.pos == "NOUN")
        self.agent_nouns = frozenset(r.lemma for r in rows if r.pos == "NOUN" and any(
            s.role == "cop" for s in (*r.supplier, *r.recipient)))

    def row_for(self, tok: Token) -> FrameRow | None:
        pos = _POS.get(tok.pos_)
        if pos is None:
            return None
        lemma = tok.lemma_.lower()
        row = self.rows.get((lemma, pos)) or self.rows.get((tok.lower_, pos))  # "destined", not "destine"
        if row is None and pos == "ADJ" and tok.tag_ == "VBN":  # "U.S.-provided" tagged as an adjective
            row = self.rows.get((lemma, "VERB"))
        if row is None and pos == "NOUN" and tok.tag_ in ("NNS", "NNPS"):
            row = self.rows.get((tok.lower_.removesuffix("s"), pos))  # "supplies" read as a plural noun
        return row

    def verbs(self) -> list[FrameRow]:
        return [r for r in self.rows.values() if r.pos == "VERB"]


@lru_cache(maxsize=4)
def load_valency(overrides: str | None = None) -> Valency:
    """data/frames.tsv (and its override: rows there replace the shipped rows of the same lemma and pos)."""
    return Valency([_row(r) for r in data_rows("frames.tsv")])
