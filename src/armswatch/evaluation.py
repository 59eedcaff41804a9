"""Scoring extracted claims against gold files in the claim-schema form.

Keys: triple = (document, supplier, recipient, category); with status adds the status. Attributes
(quantity, source, via, hedged, denied) are compared on matched triples, as ../shared/tools/gold-check does:
a source matches when the words of one name are among the other's ("Shin Wonsik" ~ "Shin"). Confusion
tables count, for the claims between one pair of parties, which status (or category) the gold gives and
which the extractor gives ("-" for none).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from armswatch.errors import InputError
from armswatch.model import Claim, Document
from armswatch.systems import Catalogue

__all__ = ["GoldArticle", "Score", "SystemLinks", "load_gold", "score_claims", "score_systems"]


@dataclass(frozen=True)
class GoldArticle:
    document: Document
    claims: list[dict[str, Any]]


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Score:
    documents: int = 0
    triple: PRF = field(default_factory=PRF)
    status: PRF = field(default_factory=PRF)
    attributes: dict[str, float] = field(default_factory=dict)
    negative_documents: int = 0
    negative_documents_with_claims: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_status: list[str] = field(default_factory=list)
    status_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted)
    category_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def by_document(self) -> dict[str, dict[str, list[str]]]:
        """Misses, spurious claims and wrong statuses, article by article."""
        out: dict[str, dict[str, list[str]]] = {}
        for kind, rows in (("missed", self.misses), ("spurious", self.spurious), ("wrong status", self.wrong_status)):
            for row in rows:
                doc, _, rest = row.partition("|")
                out.setdefault(doc, {}).setdefault(kind, []).append(rest)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "triple": self.triple.to_dict(), "status": self.status.to_dict(),
                "attributes": self.attributes, "negative_documents": self.negative_documents,
                "negative_documents_with_claims": self.negative_documents_with_claims,
                "misses": self.misses, "spurious": self.spurious, "wrong_status": self.wrong_status,
                "status_confusion": _pairs(self.status_confusion),
                "category_confusion": _pairs(self.category_confusion)}


def _pairs(counts: Counter[tuple[str, str]]) -> list[dict[str, Any]]:
    return [{"gold": g, "predicted": p, "count": n} for (g, p), n in sorted(counts.items())]


def load_gold(paths: Iterable[str | Path]) -> list[GoldArticle]:
    """Gold files (claim-schema JSON, one article each) from files and folders."""
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.rglob("*.json")) if p.is_dir() else [p])
    out = []
    for f in files:
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise InputError(str(f), f"cannot read gold file: {e}") from None
        if not isinstance(d, dict) or "claims" not in d or "text" not in d:
            raise InputError(str(f), "not a claim-schema gold file (needs 'text' and 'claims')")
        doc = Document.from_dict({"id": str(d.get("id") or f.stem), "text": d["text"], "title": d.get("title"),
                                  "url": d.get("url"), "published": d.get("published"),
                                  "outlet": d.get("outlet"), "origin": str(f)})
        out.append(GoldArticle(doc, list(d["claims"])))
    return out


_STOP = frozenset({"the", "of", "a", "an", "and", "s", "for", "on", "in"})


def _name_words(s: str | None) -> set[str]:
    words = re.findall(r"[a-z]+", (s or "").lower())
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _STOP}


def same_source(gold: str | None, predicted: str | None) -> bool:
    """One names the other: "Shin Wonsik" ~ "Shin", "senior US officials" ~ "officials"; never an empty name."""
    g, p = _name_words(gold), _name_words(predicted)
    return bool(g and p) and (g <= p or p <= g)


def confusion(gold: set[str], predicted: set[str]) -> list[tuple[str, str]]:
    """Pairs (gold, predicted) for one pair of parties: agreements, then each gold value left over against each
    predicted value left over ("-" when one side has none)."""
    pairs = [(v, v) for v in sorted(gold & predicted)]
    only_gold, only_pred = sorted(gold - predicted), sorted(predicted - gold)
    pairs += [(g, p) for g in only_gold for p in only_pred] or [(g, "-") for g in only_gold] + [
        ("-", p) for p in only_pred]
    return pairs


def score_claims(gold: list[GoldArticle], predicted: dict[str, list[Claim]]) -> Score:
    s = Score(documents=len(gold))
    acc: Counter[str] = Counter()
    tot: Counter[str] = Counter()
    for art in gold:
        did = art.document.id
        preds = predicted.get(did, [])
        g3 = {(c["supplier"], c["recipient"], c["category"]): c for c in reversed(art.claims)}
        g4 = {(c["supplier"], c["recipient"], c["category"], c["status"]) for c in art.claims}
        p3: dict[tuple[str, str, str], Claim] = {}
        for c in reversed(preds):
            p3[(c.supplier, c.recipient, c.category)] = c
        p4 = {c.key for c in preds}
        if not art.claims:
            s.negative_documents += 1
            s.negative_documents_with_claims += bool(preds)
        s.triple.tp += len(g3.keys() & p3.keys())
        s.triple.fp += len(p3.keys() - g3.keys())
        s.triple.fn += len(g3.keys() - p3.keys())
        s.status.tp += len(g4 & p4)
        s.status.fp += len(p4 - g4)
        s.status.fn += len(g4 - p4)
        s.misses += [f"{did}|{'|'.join(k)}" for k in sorted(g3.keys() - p3.keys())]
        s.spurious += [f"{did}|{'|'.join(k)}" for k in sorted(p3.keys() - g3.keys())]
        s.wrong_status += [f"{did}|{'|'.join(k)}" for k in sorted(g4 - p4) if k[:3] in p3]
        _confusions(s, art.claims, preds)
        for k in g3.keys() & p3.keys():
            gs = [c for c in art.claims if (c["supplier"], c["recipient"], c["category"]) == k]
            ps = [c for c in preds if (c.supplier, c.recipient, c.category) == k]
            for name in ("hedged", "denied"):
                tot[name] += 1
                acc[name] += any(bool(g.get(name)) for g in gs) == any(getattr(p, name) for p in ps)
            quantities = [g["quantity"] for g in gs if g.get("quantity")]
            if quantities:
                tot["quantity"] += 1
                acc["quantity"] += any(p.quantity is not None and abs(p.quantity - q) <= 0.01 * q
                                       for q in quantities for p in ps)
            for name in ("source", "via"):
                names = [g[name] for g in gs if g.get(name)]
                if names:
                    tot[name] += 1
                    acc[name] += any(same_source(n, getattr(p, name)) for n in names for p in ps)
    s.attributes = {k: round(acc[k] / tot[k], 4) for k in sorted(tot)}
    return s


def _confusions(s: Score, gold: list[dict[str, Any]], preds: list[Claim]) -> None:
    pairs = {(c["supplier"], c["recipient"]) for c in gold} | {(c.supplier, c.recipient) for c in preds}
    for pair in pairs:
        g = [c for c in gold if (c["supplier"], c["recipient"]) == pair]
        p = [c for c in preds if (c.supplier, c.recipient) == pair]
        s.category_confusion.update(confusion({c["category"] for c in g}, {c.category for c in p}))
        for category in {c["category"] for c in g} & {c.category for c in p}:
            s.status_confusion.update(confusion({c["status"] for c in g if c["category"] == category},
                                                {c.status for c in p if c.category == category}))


@dataclass
class SystemLinks:
    """How the extractor links claims to catalogued systems, on the gold claims whose item names one (looked
    up in the gold item's text): of those it finds (a predicted claim of the same document and triple),
    how many carry the same system, another system, or none."""

    named: int = 0  # gold claims whose item names a catalogued system
    found: int = 0  # of those, with a predicted claim of the same triple
    right: int = 0
    wrong: list[str] = field(default_factory=list)  # "doc|supplier|recipient|category|gold system|predicted"
    unlinked: list[str] = field(default_factory=list)  # the same, the predicted claim carrying no system

    @property
    def linked(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def linked_wrongly(self) -> float:
        return len(self.wrong) / self.found if self.found else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"named": self.named, "found": self.found, "right": self.right, "linked": round(self.linked, 4),
                "linked_wrongly": round(self.linked_wrongly, 4), "wrong": self.wrong, "unlinked": self.unlinked}


def score_systems(gold: list[GoldArticle], predicted: dict[str, list[Claim]], catalogue: Catalogue) -> SystemLinks:
    """Each gold claim naming a catalogued system against the predicted claims of its triple (those of its
    status when there are any): right when one of them carries its system."""
    out = SystemLinks()
    for art in gold:
        preds = predicted.get(art.document.id, [])
        for g in art.claims:
            system = catalogue.find(g.get("item") or "")
            if system is None:
                continue
            out.named += 1
            triple = (g["supplier"], g["recipient"], g["category"])
            same = [p for p in preds if (p.supplier, p.recipient, p.category) == triple]
            same = [p for p in same if p.status == g.get("status")] or same
            if not same:
                continue
            out.found += 1
            linked = {p.system for p in same} - {None}
            row = f"{art.document.id}|{'|'.join(triple)}|{system.id}|{','.join(sorted(map(str, linked))) or '-'}"
            if system.id in linked:
                out.right += 1
            elif linked:
                out.wrong.append(row)
            else:
                out.unlinked.append(row)
    return out
