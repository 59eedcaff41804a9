"""One document → its claims: frames per sentence, roles resolved in context, then one claim per key.

Discourse matters: a frame with a missing party takes it from the last frames of the article ("The
shipment ... arrived last month", "Moscow has handed over three squadrons so far"); pronouns
resolve to the speaker's side or the last subject; denials anywhere in the article ("Tehran denies
arming the Houthis") mark the claims between the parties they name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from armswatch.extract.attribution import AttributionReader
from armswatch.extract.frames import Frame, ItemSlot, find_frames
from armswatch.extract.lexicon import GROUP_WORDS, singular
from armswatch.extract.mentions import ActorMention, Mentions
from armswatch.extract.modality import read_modality
from armswatch.extract.pipeline import Resources
from armswatch.extract.quantity import read_quantity
from armswatch.extract.timex import read_period
from armswatch.model import Claim, Document

__all__ = ["claims_from_doc"]

_CONTEXT_WINDOW = 6  # sentences a frame's parties stay available to later frames
_ANAPHORIC = {"the", "these", "those", "this", "that", "such"}
_GENERIC = "equipment"
_DUAL_USE = {"components", "technology"}
_REPORT_NOUNS = {"report", "claim", "allegation", "accusation", "suggestion", "story"}
_NOUN_CATEGORY = {"deployment": "personnel", "dispatch": "personnel"}
_WEAPON_CATEGORIES = {"aircraft", "air_defence", "armoured_vehicles", "artillery", "ammunition", "missiles", "uav",
                      "naval", "small_arms"}
_UNNAMED_ORIGIN = {"western", "foreign", "european", "nato", "allied", "overseas", "imported"}


@dataclass
class _Resolved:
    giver: str
    receiver: str
    category: str
    sent_no: int
    item: frozenset[str] = frozenset()  # the weapon terms named, to find "the Su-35s" again


@dataclass
class _Denial:
    parties: frozenset[str]
    category: str | None  # None: every category between the parties
    supplier_only: bool = False  # "denied arming either side": the party's supplies to anyone


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
        self.parsed_text = doc.text  # Doc.text joins every token anew on each call: read it once
        self.res = res
        self.document = document
        self.version = version
        self.mentions: Mentions = res.finder.find(doc)
        self.attr = AttributionReader(doc, self.mentions, res.speech, res.lexicon.outlets,
                                      adjectives=res.lexicon.actor_adjectives)
        self.state = _State()
        self.speech_lemmas = set(res.speech)
        self._generic: set[tuple[tuple[int, int], str]] = set()  # claims whose item is "weapons", "arms"
        self._dual: set[tuple[tuple[int, int], str]] = set()  # claims whose item is "ships", "planes"

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
        if low in ("it", "they", "we", "itself") and tok.dep_ in ("nsubj", "nsubjpass"):
            # "Poland, which had pressed Berlin, said it would send": the speaker's side first
            side = self._speaker_side(tok)
            if side is not None:
                return side
        if low in ("it", "its", "they", "their", "we", "our", "itself"):
            # the nearest party named before it in the sentence ("help Washington replenish stocks
            # drawn down by its supply"), else the speaker's side, else the last subject
            for a in reversed(self.mentions.actors):
                if a.end <= tok.i and a.start >= tok.sent.start and a.how != "adjective":
                    return a
            return self._speaker_side(tok) or self.state.last_subject
        if low in GROUP_WORDS or low in ("company", "firm", "manufacturer"):
            kinds = ("group",) if low in GROUP_WORDS else ("company",)
            for a in reversed(self.mentions.actors):
                if a.end <= tok.i and a.actor.kind in kinds:
                    return a
            return None
        if low in _PARTY_ANAPHORS:
            return self.state.last_subject
        return None

    def _from_context(self, f: Frame, giver: str | None, receiver: str | None, category: str,
                      sent_no: int, sent: Span) -> tuple[str | None, str | None]:
        recent = [r for r in reversed(self.state.recent) if sent_no - r.sent_no <= _CONTEXT_WINDOW]
        # "Western fighter jets", "foreign weapons": the supplier is left open on purpose
        if giver is None and f.items and all(
                any(t.lower_ in _UNNAMED_ORIGIN for t in s.top.subtree if t.i < s.head.i) for s in f.items):
            return giver, receiver
        # the same weapon named again ("the Su-35s would arrive") continues its own story;
        # a speaker's own side ("Danish officials said the aircraft had been handed over") comes first
        terms = set().union(*(self._terms(s) for s in f.items))
        side = self._speaker_side(f.trigger)
        same = [r for r in recent if r.item & terms]
        own = [r for r in recent if side is not None and side.code in (r.giver, r.receiver)]
        recent = same + [r for r in own if r not in same] + [r for r in recent if r not in same and r not in own]
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
            # another supplier of the same thing to the same recipient ("Norway has promised six"),
            # anywhere in the article ("after Britain pledged 14 of its Challenger 2 tanks")
            if f.direction == "give":
                for r in [*recent, *reversed(self.state.recent)]:
                    if r.category == category and r.receiver != giver:
                        return giver, r.receiver
            elif self.state.last_subject is not None and self.state.last_subject.code != giver:
                return giver, self.state.last_subject.code  # "... newer models bought from the US"
        if giver is None and receiver is None:
            # only a phrase that points back may take both parties from before: "the shipment", "these
            # missiles", "Shipments of shells are continuing", "contracts for 180 K2 tanks"
            trig = f.trigger
            anaphoric = any(c.lower_ in _ANAPHORIC for s in f.items for c in s.top.children if c.dep_ == "det") \
                or any(c.lower_ in _ANAPHORIC for c in trig.children if c.dep_ == "det") \
                or (trig.pos_ == "NOUN" and (trig.dep_ in ("nsubj", "nsubjpass") or trig.lemma_ in (
                    "contract", "deal", "agreement", "order", "package"))) \
                or any(t.dep_ == "nsubj" and t.lemma_ in ("deal", "contract", "agreement", "package")
                       and any(c.lower_ in _ANAPHORIC for c in t.children) for t in sent)
            for r in recent:
                if anaphoric:
                    return r.giver, r.receiver
                break
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

    def _record_blanket_denial(self, f: Frame, deny_verb: Token, giver: str | None, receiver: str | None) -> None:
        """"Moscow and Pyongyang both deny trading in arms", "Tehran denies arming the Houthis", "The UAE
        has denied arming either side": every transfer between the parties (or from the denier)."""
        deniers = self._deny_subjects(deny_verb)
        parties = {p for p in (giver, receiver) if p} | deniers
        if len(parties) >= 2:
            self.state.denials.append(_Denial(frozenset(parties), None))
        elif f.direction == "give" and giver in deniers and f.trigger.lemma_ in ("arm", "supply", "send", "provide"):
            self.state.denials.append(_Denial(frozenset(parties), None, supplier_only=True))

    def _dismissed_reports(self, sent: Span) -> None:
        """"The Kremlin dismissed reports of the deployment as fabricated": the denier's transfers of that
        kind (the deployment of troops) are denied; "both deny trading in arms": every transfer between them."""
        for verb in sent:
            if self.res.speech.get(verb.lemma_.lower()) != "deny" or verb.pos_ != "VERB":
                continue
            deniers = self._deny_subjects(verb)
            for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lower_.endswith("ing")):
                # "Moscow and Pyongyang both deny trading in arms": a transfer verb the parser read as a noun
                stem = obj.lower_[:-3]
                weapon = any(self.mentions.category_of(t) for t in obj.subtree if t.i in self.mentions.item_at)
                if len(deniers) >= 2 and weapon and not {stem, stem + "e"}.isdisjoint(self.res.triggers.verbs):
                    self.state.denials.append(_Denial(frozenset(deniers), None))
            for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_ in _REPORT_NOUNS):
                for p in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
                    for noun in (o for o in p.children if o.dep_ == "pobj"):
                        category = _NOUN_CATEGORY.get(noun.lemma_) or self.mentions.category_of(noun)
                        if deniers and category:
                            self.state.denials.append(_Denial(frozenset(deniers), category))

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
            self._dismissed_reports(sent)
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
        frames_items = [s for fr in frames for s in fr.items]
        # a nominal trigger that is itself the item of another frame ("handed over along with a
        # package of spare parts") adds no frame of its own
        inside = {t.i for fr in frames if fr.trigger.pos_ != "NOUN" for s in fr.items for t in (s.top, *s.measures)}
        frames = [fr for fr in frames if not (fr.trigger.pos_ == "NOUN" and fr.trigger.i in inside)]
        _share_roles(frames)
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
                # "has not yet delivered", "declined to provide", "no plans to send": no denial
                if not mod.not_yet and not mod.refusal:
                    if deny_verb is not None and f.direction == "take" and receiver is None:
                        receiver = next(iter(self._deny_subjects(deny_verb)), None)
                    if deny_verb is not None and not f.items:
                        self._record_blanket_denial(f, deny_verb, giver, receiver)
                    else:
                        self._record_denial(f, giver, receiver, sent)
                continue
            if f.pronoun_items and frames_items:
                f.items = list(frames_items)  # "vessels carrying them from Iran to Yemen's Houthis"
            if not f.items and f.bare_number is not None and self.state.recent:
                last = self.state.recent[-1]  # "Norway has promised six" (F-16s)
                f.items = [ItemSlot(f.bare_number, f.bare_number, last.category)]
            if not f.items:
                if deny_verb is not None:
                    self._record_blanket_denial(f, deny_verb, giver, receiver)
                continue
            if f.made_by and (any(s.head.i in covered for s in f.items)
                              or any(o is not f and o.giver is not None and f.giver is not None
                                     and o.giver.code == f.giver.code for o in frames if not o.made_by)):
                continue  # the sentence states the chain itself ("sold by Russia to the Syrian army")
            f.items = [self._specific(s) for s in f.items if not _domestic(s, f.trigger)]
            if not f.items:
                continue
            category0 = f.items[0].category
            if (giver is None or receiver is None) and not f.made_by and not f.explicit:
                # a role filled by a phrase naming no party ("countries buying weapons") stays empty
                g_ok = giver is not None or not _named_non_party(f.giver_token, self.mentions)
                r_ok = receiver is not None or not _named_non_party(f.receiver_token, self.mentions)
                if g_ok and r_ok:
                    giver, receiver = self._from_context(f, giver, receiver, category0, sent_no, sent)
            if giver is None or receiver is None or giver == receiver:
                continue
            attribution = self.attr.attribute(f.trigger)
            period = read_period(f.trigger, mod.status, self.document.published, self.speech_lemmas)
            denied_here = deny_verb is not None or sentence_denied
            if deny_verb is not None:
                # "China denied that Chinese companies had sold drones to Russia": the same transfer
                # reported elsewhere in the article is denied too
                self._record_denial(f, giver, receiver, sent)
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
                item_text = self._item_text(slot.top, slot.head)
                if self.mentions.is_generic(slot.head):
                    self._generic.add((self._span(sent.start_char, sent.end_char), item_text))
                if self.mentions.is_dual_use(slot.head):
                    self._dual.add((self._span(sent.start_char, sent.end_char), item_text))
                start, end = sent.start_char, sent.end_char
                out.append(Claim(
                    document_id=self.document.id, supplier=giver, recipient=receiver,
                    category=slot.category, status=mod.status, item=item_text,
                    evidence=self.text[slice(*self._span(start, end))], evidence_span=self._span(start, end),
                    quantity=qty, quantity_text=qty_text, unit=unit,
                    hedged=mod.hedged or attribution.hedged, denied=denied_here,
                    period_start=period[0], period_end=period[1],
                    source=attribution.source, via=attribution.via, extractor_version=self.version,
                ))
            for (g, r), slot in ((p, s) for p in pairs for s in f.items):
                self.state.recent.append(_Resolved(g, r, slot.category, sent_no, self._terms(slot)))
        return out

    def _specific(self, slot: ItemSlot) -> ItemSlot:
        """"the weapons" after "anti-tank missiles" are those missiles: take the category named before."""
        if not self.mentions.is_generic(slot.head) or not any(
                c.dep_ == "det" and c.lower_ in _ANAPHORIC for c in slot.head.children):
            return slot
        start = max(0, slot.head.sent.start - 60)
        for i in range(slot.head.i - 1, start - 1, -1):
            m = self.mentions.item_at.get(i)
            if m is not None and m.term.role in ("strong", "weak") and m.end - 1 == i:
                cat = self.mentions.category_of(self.doc[i])
                if cat and cat != _GENERIC:
                    return ItemSlot(slot.head, slot.top, cat, slot.measures)
        return slot

    def _terms(self, slot: ItemSlot) -> frozenset[str]:
        """The lexicon terms named in an item phrase ("Su-35", "fighter")."""
        out = set()
        for t in slot.top.subtree:
            m = self.mentions.item_at.get(t.i)
            if m is not None and m.term.role != "modifier":
                out.add(singular(self.doc[m.start:m.end].text))
        return frozenset(out)

    def _span(self, start: int, end: int) -> tuple[int, int]:
        chunk = self.parsed_text[start:end]  # masked text: blanked furniture counts as leading space
        lead = len(chunk) - len(chunk.lstrip())
        return start + lead, start + len(chunk.rstrip())

    def _item_text(self, top: Token, head: Token) -> str:
        lo = top.left_edge.i
        while lo < head.i and (self.doc[lo].dep_ in ("det", "nummod", "quantmod", "advmod", "poss", "case")
                               or self.doc[lo].like_num or self.doc[lo].is_punct or self.doc[lo].is_space
                               or self.doc[lo].head.like_num  # "more than 300 tanks" -> "tanks"
                               or (lo in self.mentions.actor_at and self.mentions.actor_at[lo].how == "name")):
            lo += 1
        if top.i != head.i:
            lo = min(lo, top.i)
        return self.doc[lo: head.i + 1].text

    def _finish(self, claims: list[Claim]) -> list[Claim]:
        # parts, engines, chips and know-how are dual-use: they count as military transfers only in an
        # article that names weapons (not "purchases of U.S.-made parts by Japanese car makers")
        if not self._names_weapons():
            claims = [c for c in claims if c.category not in _DUAL_USE and (c.evidence_span, c.item) not in self._dual]
        # generic "weapons" gives way to the specific categories of the same transfer: the same sentence,
        # the next ones ("a first consignment of weapons ... The shipment included rockets"), or any
        # before it (the article named the weapons first, then speaks of them as "weapons")
        specific = [c for c in claims if c.category != _GENERIC or (c.evidence_span, c.item) not in self._generic]

        def superseded(g: Claim) -> bool:  # by another claim: "the weapons" made specific stands alone
            return any(c is not g and c.supplier == g.supplier and c.recipient == g.recipient and (
                c.evidence_span == g.evidence_span or (
                    c.status == g.status and (0 <= c.evidence_span[0] - g.evidence_span[1] <= 400
                                              or c.evidence_span[1] <= g.evidence_span[0]))) for c in specific)

        claims = [c for c in claims if (c.evidence_span, c.item) not in self._generic or not superseded(c)]
        out: dict[tuple[str, str, str, str], Claim] = {}
        for c in claims:
            if any(self._denies(d, c) for d in self.state.denials):
                c = _replace(c, denied=True)
            out.setdefault(c.key, c)
        return list(out.values())

    def _names_weapons(self) -> bool:
        """Does the article name a weapon? Plain weapon nouns count; a named system only beside one
        ("Bradley fighting vehicles", not a Mr Bradley)."""
        for m in self.mentions.items:
            if m.term.category not in _WEAPON_CATEGORIES or m.term.role not in ("strong", "weak"):
                continue
            text = self.doc[m.start:m.end].text
            # model designations ("F-16", "S-400") are unambiguous; a bare name must stand before a weapon noun
            if not m.term.cased or any(ch.isdigit() for ch in text) or (
                    m.end in self.mentions.item_at and not self.mentions.item_at[m.end].term.cased):
                return True
        return False

    @staticmethod
    def _denies(d: _Denial, c: Claim) -> bool:
        if d.category is not None and d.category != c.category:
            return False
        if d.supplier_only:
            return c.supplier in d.parties
        if len(d.parties) >= 2:
            return {c.supplier, c.recipient} <= d.parties
        return bool(d.parties & {c.supplier, c.recipient})


_DOMESTIC = {"domestic", "domestically", "indigenous", "indigenously", "homegrown", "home-grown",
             "locally", "local"}
_PARTY_ANAPHORS = {"country", "government", "company", "group", "bloc", "army", "military", "kingdom", "state",
                   "regime", "administration", "navy", "forces", "side"}


def _domestic(slot: ItemSlot, trigger: Token) -> bool:
    """"a domestic supply of the weapons", "domestically built vehicles": no transfer between parties."""
    words = [t for t in slot.top.subtree if t.i < slot.head.i] + list(trigger.children)
    return any(t.lower_ in _DOMESTIC and t.dep_ in ("amod", "advmod", "npadvmod") for t in words)


def _named_non_party(tok: Token | None, mentions: Mentions) -> bool:
    """A role filled by a phrase that names no party ("countries buying weapons", "the prototypes"):
    context must not fill it. Pronouns and "the government"-like anaphors stay open."""
    if tok is None or tok.pos_ == "PRON" or tok.lower_ in ("it", "they", "we", "its", "their"):
        return False
    if tok.lemma_.lower() in _PARTY_ANAPHORS and any(c.lower_ in ("the", "this", "that") for c in tok.children):
        return False  # "the country", "the government": a party named before
    return mentions.actor_of_phrase(tok) is None


def _share_roles(frames: list[Frame]) -> None:
    """A relative clause on a frame's item names the other party: "deliver the squadrons India
    ordered" (receiver India), "yet to receive the jets it ordered" (the order has the same supplier)."""
    for outer in frames:
        tokens = {t.i for s in outer.items for t in s.top.subtree}
        for inner in frames:
            if inner is outer or inner.trigger.dep_ not in ("relcl", "acl") or inner.trigger.head.i not in tokens:
                continue
            if outer.receiver is None and outer.direction == "give" and inner.direction == "take":
                outer.receiver = inner.receiver
            if inner.giver is None and outer.giver is not None:
                inner.giver = outer.giver
            elif inner.giver is None and inner.giver_token is None and outer.giver_token is not None:
                inner.giver_token = outer.giver_token  # "no plans to send jets, which Ukraine requested"
            if inner.receiver is None and outer.receiver is not None:
                inner.receiver = outer.receiver
    for outer in frames:
        for inner in frames:
            t = inner.trigger
            # "sold by Russia to the Syrian army before being passed on to the group"
            hop = (t.head == outer.trigger and t.dep_ in ("advcl", "conj", "xcomp")) or (
                t.dep_ == "pcomp" and t.head.head == outer.trigger)
            if inner is outer or not hop:
                continue
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in inner.trigger.children)
            if passive and inner.giver is None and inner.giver_token is None and outer.receiver is not None \
                    and outer.direction == "give":
                inner.giver = outer.receiver
                inner.items = inner.items or list(outer.items)


def _replace(c: Claim, **changes: object) -> Claim:
    from dataclasses import replace

    return replace(c, **changes)  # type: ignore[arg-type]


def claims_from_doc(doc: Doc, res: Resources, document: Document, version: str) -> list[Claim]:
    return _DocumentReader(doc, res, document, version).read()
