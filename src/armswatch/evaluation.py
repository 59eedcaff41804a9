"""Scoring extracted claims against gold files in the claim-schema form.

Keys: triple = (document, supplier, recipient, category); with status adds the status. Attributes
(quantity, source, via, hedged, denied) are compared on matched triples.
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

__all__ = ["GoldArticle", "Score", "load_gold", "score_claims"]


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

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "triple": self.triple.to_dict(), "status": self.status.to_dict(),
                "attributes": self.attributes, "negative_documents": self.negative_documents,
                "negative_documents_with_claims": self.negative_documents_with_claims,
                "misses": self.misses, "spurious": self.spurious, "wrong_status": self.wrong_status}


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


def _last_word(s: str | None) -> str:
    words = re.findall(r"[a-z]+", (s or "").lower())
    return words[-1] if words else ""


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
        for k in g3.keys() & p3.keys():
            g, p = g3[k], p3[k]
            for name in ("hedged", "denied"):
                tot[name] += 1
                acc[name] += bool(g.get(name)) == p.__getattribute__(name)
            if g.get("quantity"):
                tot["quantity"] += 1
                acc["quantity"] += p.quantity is not None and abs(p.quantity - g["quantity"]) <= 0.01 * g["quantity"]
            if g.get("source"):
                tot["source"] += 1
                acc["source"] += _last_word(g["source"]) == _last_word(p.source)
            if g.get("via"):
                tot["via"] += 1
                acc["via"] += _last_word(g["via"]) == _last_word(p.via)
    s.attributes = {k: round(acc[k] / tot[k], 4) for k in sorted(tot)}
    return s
