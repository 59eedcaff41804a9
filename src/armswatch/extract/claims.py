"""One document → its claims: frames per sentence, roles resolved in context, then one claim per key.

Discourse matters: a frame with a missing party takes it from the last frames of the article ("The
shipment ... arrived last month", "Moscow has handed over three squadrons so far"); pronouns
resolve to the speaker's side or the last subject; denials anywhere in the article ("Tehran denies
arming the Houthis") mark the claims between the parties they name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from armswatch.extract.attribution import AttributionReader
from armswatch.extract.boilerplate import mask_for_parsing
from armswatch.extract.frames import Frame, find_frames
from armswatch.extract.mentions import ActorMention, Mentions
from armswatch.extract.modality import read_modality
from armswatch.extract.pipeline import Resources
from armswatch.extract.quantity import read_quantity
from armswatch.extract.timex import read_period
from armswatch.model import Claim, Document

__all__ = ["claims_from_document", "claims_from_doc"]

_CONTEXT_WINDOW = 6  # sentences a frame's parties stay available to later frames
_ANAPHORIC = {"the", "these", "those", "this", "that", "such"}
_GENERIC = "equipment"


@dataclass
class _Resolved:
    giver: str
    receiver: str
    category: str
    sent_no: int


@dataclass
class _Denial:
    parties: frozenset[str]
    category: str | None  # None: every category between the parties


@dataclass
class _State:
    recent: list[_Resolved] = field(default_factory=list)
    denials: list[_Denial] = field(default_factory=list)
    last_subject: ActorMention | None = None


def _deny_governor(tok: Token, speech: dict[str, str]) -> Token | None:
    for anc in tok.ancestors:
        if speech.get(anc.lemma_.lower()) == "deny" and anc.pos_ == "VERB":
            return anc
    return None


class _DocumentReader:
    def __init__(self, doc: Doc, res: Resources, document: Document, version: str) -> None:
        self.doc = doc
        self.text = document.text  # the parsed text is masked; evidence comes from the original
        self.res = res
        self.document = document
        self.version = version
        self.mentions: Mentions = res.finder.find(doc)
        self.attr = AttributionReader(doc, self.mentions, res.speech, res.lexicon.outlets)
        self.state = _State()
        self.speech_lemmas = set(res.speech)

    # -- party resolution ------------------------------------------------------------------------
    def _speaker_side(self, tok: Token) -> ActorMention | None:
        for anc in tok.ancestors:
            if self.res.speech.get(anc.lemma_.lower()) and anc.pos_ == "VERB":
                subj = [c for c in anc.children if c.dep_ == "nsubj"]
                if subj:
                    return self.mentions.actor_of_phrase(subj[0])
        return None

    def _resolve_token(self, tok: Token | None) -> ActorMention | None:
        if tok is None:
            return None
        low = tok.lower_
        if low in ("it", "its", "they", "their", "we", "our", "itself"):
            return self._speaker_side(tok) or self.state.last_subject
        if low in ("company", "group", "bloc", "country", "government", "kingdom", "republic"):
            return self.state.last_subject
        return None

    def _from_context(self, f: Frame, giver: str | None, receiver: str | None, category: str,
                      sent_no: int) -> tuple[str | None, str | None]:
        recent = [r for r in reversed(self.state.recent) if sent_no - r.sent_no <= _CONTEXT_WINDOW]
        if not recent:
            return giver, receiver
        if giver is None and receiver is not None:
            for r in recent:
                if r.receiver == receiver:
                    return r.giver, receiver
            # "Pyongyang, in turn, plans to receive ...": the other side of the last transfer
            for r in recent:
                if r.giver == receiver:
                    return r.receiver, receiver
        if receiver is None and giver is not None:
            for r in recent:
                if r.giver == giver:
                    return giver, r.receiver
            # another supplier of the same thing to the same recipient ("Norway has promised six")
            for r in recent:
                if r.category == category and r.receiver != giver:
                    return giver, r.receiver
        if giver is None and receiver is None:
            anaphoric = any(c.lower_ in _ANAPHORIC for s in f.items for c in s.top.children if c.dep_ == "det") \
                or f.trigger.pos_ == "NOUN"
            for r in recent:
                if anaphoric:
                    return r.giver, r.receiver
        return giver, receiver

    # -- denials ---------------------------------------------------------------------------------
    def _record_denial(self, f: Frame, giver: str | None, receiver: str | None, sent: Span) -> None:
        parties = {p for p in (giver, receiver) if p}
        cats = {s.category for s in f.items}
        if not parties:
            return
        if not cats or cats == {_GENERIC}:
            lethal = any(t.lower_ in ("lethal", "finished") for s in f.items for t in s.head.children)
            if len(parties) < 2 or lethal:
                return
            self.state.denials.append(_Denial(frozenset(parties), None))
        else:
            for c in cats - {_GENERIC}:
                self.state.denials.append(_Denial(frozenset(parties), c))

    def _deny_subjects(self, verb: Token) -> set[str]:
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        out: set[str] = set()
        for s in subj:
            for t in [s, *[c for c in s.children if c.dep_ == "conj"]]:
                a = self.mentions.actor_of_phrase(t)
                if a:
                    out.add(a.code)
        return out

    # -- main loop -------------------------------------------------------------------------------
    def read(self) -> list[Claim]:
        claims: list[Claim] = []
        for sent_no, sent in enumerate(self.doc.sents):
            if not sent.text.strip():
                continue
            frames = find_frames(sent, self.mentions, self.res.triggers, self.res.lexicon.measures,
                                 keep_empty=True)
            produced = self._sentence_claims(sent, sent_no, frames)
            claims.extend(produced)
            if not produced:
                self.attr.observe(sent)
            self._remember_subject(sent)
        return self._finish(claims)

    def _remember_subject(self, sent: Span) -> None:
        for tok in sent:
            if tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT":
                a = self.mentions.actor_of_phrase(tok)
                if a is not None:
                    self.state.last_subject = a
                return

    def _sentence_claims(self, sent: Span, sent_no: int, frames: list[Frame]) -> list[Claim]:
        out: list[Claim] = []
        covered: set[int] = set()
        sentence_denied = any(self.res.speech.get(t.lemma_.lower()) == "deny" and t.pos_ == "VERB"
                              and not any(c.dep_ == "ccomp" for c in t.children) for t in sent)
        for f in sorted(frames, key=lambda fr: fr.made_by):
            mod = read_modality(f.trigger, f.direction, f.base_status, self.res.governors)
            if mod.conditional:
                continue
            giver = f.giver.code if f.giver else None
            receiver = f.receiver.code if f.receiver else None
            if giver is None and f.giver_token is not None:
                a = self._resolve_token(f.giver_token)
                giver = a.code if a else None
            if receiver is None and f.receiver_token is not None:
                a = self._resolve_token(f.receiver_token)
                receiver = a.code if a else None
            deny_verb = _deny_governor(f.trigger, self.res.speech)
            if deny_verb is not None and giver is None and receiver is None:
                subj = self._deny_subjects(deny_verb)
                giver = next(iter(subj), None) if f.direction == "give" else None
            if mod.negated:
                if not mod.not_yet:  # "has not yet delivered" is a plain negation, no denial
                    if deny_verb is not None and f.direction == "take" and receiver is None:
                        receiver = next(iter(self._deny_subjects(deny_verb)), None)
                    self._record_denial(f, giver, receiver, sent)
                continue
            if not f.items:
                if deny_verb is not None:
                    parties = {p for p in (giver, receiver) if p} | self._deny_subjects(deny_verb)
                    if len(parties) >= 2:
                        self.state.denials.append(_Denial(frozenset(parties), None))
                continue
            if f.made_by and any(s.head.i in covered for s in f.items):
                continue
            category0 = f.items[0].category
            if (giver is None or receiver is None) and not f.made_by:
                giver, receiver = self._from_context(f, giver, receiver, category0, sent_no)
            if giver is None or receiver is None or giver == receiver:
                continue
            attribution = self.attr.attribute(f.trigger)
            period = read_period(f.trigger, mod.status, self.document.published, self.speech_lemmas)
            denied_here = deny_verb is not None or sentence_denied
            pairs = [(g, r) for g in [giver, *[a.code for a in f.more_givers]]
                     for r in [receiver, *[a.code for a in f.more_receivers]] if g != r]
            restates = f.trigger.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in _ANAPHORIC for c in f.trigger.children)
            for (giver, receiver), slot in ((p, s) for p in pairs for s in f.items):
                if restates and any(r.giver == giver and r.receiver == receiver and r.category == slot.category
                                    for r in self.state.recent):
                    continue  # "these deliveries" restates a claim already made
                covered.add(slot.head.i)
                qty, qty_text, unit = read_quantity(slot)
                start, end = sent.start_char, sent.end_char
                out.append(Claim(
                    document_id=self.document.id, supplier=giver, recipient=receiver,
                    category=slot.category, status=mod.status, item=self._item_text(slot.top, slot.head),
                    evidence=self.text[slice(*self._span(start, end))], evidence_span=self._span(start, end),
                    quantity=qty, quantity_text=qty_text, unit=unit,
                    hedged=mod.hedged or attribution.hedged, denied=denied_here,
                    period_start=period[0], period_end=period[1],
                    source=attribution.source, via=attribution.via, extractor_version=self.version,
                ))
            for (g, r), cat in ((p, s.category) for p in pairs for s in f.items):
                self.state.recent.append(_Resolved(g, r, cat, sent_no))
        return out

    def _span(self, start: int, end: int) -> tuple[int, int]:
        chunk = self.doc.text[start:end]  # masked text: blanked furniture counts as leading space
        lead = len(chunk) - len(chunk.lstrip())
        return start + lead, start + len(chunk.rstrip())

    def _item_text(self, top: Token, head: Token) -> str:
        lo = min(t.i for t in top.subtree if t.dep_ not in ("det", "predet") or t.i > top.left_edge.i)
        lo = top.left_edge.i
        while lo < head.i and (self.doc[lo].dep_ in ("det", "nummod", "quantmod", "advmod", "poss", "case")
                               or self.doc[lo].like_num or self.doc[lo].is_punct):
            lo += 1
        if top.i != head.i:
            lo = min(lo, top.i)
        return self.doc[lo: head.i + 1].text

    def _finish(self, claims: list[Claim]) -> list[Claim]:
        # generic "weapons" gives way to the specific categories of the same transfer
        specific = {(c.supplier, c.recipient, c.evidence_span) for c in claims if c.category != _GENERIC}
        claims = [c for c in claims if c.category != _GENERIC
                  or (c.supplier, c.recipient, c.evidence_span) not in specific]
        out: dict[tuple[str, str, str, str], Claim] = {}
        for c in claims:
            if any(self._denies(d, c) for d in self.state.denials):
                c = _replace(c, denied=True)
            out.setdefault(c.key, c)
        return list(out.values())

    @staticmethod
    def _denies(d: _Denial, c: Claim) -> bool:
        if d.category is not None and d.category != c.category:
            return False
        if len(d.parties) >= 2:
            return {c.supplier, c.recipient} <= d.parties
        return bool(d.parties & {c.supplier, c.recipient})


def _replace(c: Claim, **changes: object) -> Claim:
    from dataclasses import replace

    return replace(c, **changes)  # type: ignore[arg-type]


def claims_from_doc(doc: Doc, res: Resources, document: Document, version: str) -> list[Claim]:
    return _DocumentReader(doc, res, document, version).read()


def claims_from_document(nlp: Language, res: Resources, document: Document, *, version: str,
                         max_chars: int) -> list[Claim]:
    text = mask_for_parsing(document.text[:max_chars])
    return claims_from_doc(nlp(text), res, document, version)
