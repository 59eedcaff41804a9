"""One document -> its claims: the frames of each sentence, their parties completed from context, their
modality, attribution, quantity and period; then one claim per (supplier, recipient, category, status).

Generic items ("weapons", "military aid") give an `equipment` claim unless the article resolves them to
specific items of the same transfer: a list hung on them ("weapons, including rockets"), or an itemised
transfer right after, or, for "the weapons", the specific items named before. A generic beside specific
items ("shells and other weapons") is a leftover and keeps its claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from armswatch.extract.arguments import plural_people
from armswatch.extract.attribution import AttributionReader
from armswatch.extract.boilerplate import head_block_end
from armswatch.extract.denials import DenialReader
from armswatch.extract.discourse import Discourse, Transfer
from armswatch.extract.frames import Frame, FrameReader
from armswatch.extract.items import ItemSlot
from armswatch.extract.lexicon import singular
from armswatch.extract.modality import Modality, read_modality
from armswatch.extract.pipeline import Resources
from armswatch.extract.quantity import read_quantity
from armswatch.extract.timex import read_period
from armswatch.model import Claim, Document

__all__ = ["claims_from_doc"]

_GENERIC = "equipment"


@dataclass
class _Generic:
    """Where a claim's item is generic ("weapons"), and whether the article resolved it."""

    claim: Claim
    anaphoric: bool  # "the weapons", "these arms", "the weapons sales": they point back
    leftover: bool  # "and other weapons", "weapons and ammunition": never resolved
    listed: bool  # "weapons, including rockets": resolved in place


@dataclass
class _Claims:
    out: list[Claim] = field(default_factory=list)
    generics: list[_Generic] = field(default_factory=list)
    dual: set[tuple[tuple[int, int], str]] = field(default_factory=set)
    continuing: set[int] = field(default_factory=set)  # ids of claims that itemise a transfer named before
    to_forces: set[int] = field(default_factory=set)  # ids of claims whose recipient is an armed force
    denied_only: set[int] = field(default_factory=set)  # ids of claims read from a denial ("denied arming")


class _DocumentReader:
    def __init__(self, doc: Doc, res: Resources, document: Document, version: str) -> None:
        self.doc = doc
        self.text = document.text  # the parsed text is masked; evidence comes from the original
        self.parsed_text = doc.text  # Doc.text joins every token anew on each call: read it once
        self.res = res
        self.words = res.words
        self.document = document
        self.version = version
        self.mentions = res.finder.find(doc)
        self.frames = FrameReader(self.mentions, res.valency, res.words, res.lexicon.measures,
                                  frozenset(k for k, v in res.speech.items() if v == "say"))
        self.attr = AttributionReader(doc, self.mentions, res.speech, res.lexicon.outlets, res.words,
                                      adjectives=res.lexicon.actor_adjectives, canonical=res.source_names,
                                      original=document.text, labels=res.lexicon.actors_by_lower,
                                      outlet_spellings=res.lexicon.outlet_spellings)
        self.context = Discourse(self.mentions, res.words, res.speech, own_side=self.attr.turn_side)
        self.denials = DenialReader(self.mentions, res.words, res.speech, self.context)
        self.found = _Claims()
        self.headline_end = head_block_end(document.text)
        self._carried_system: dict[int, str | None] = {}  # a bare number's system, from the transfer it continues
        # tokens of names written in several tokens: a number among them is part of the name ("Leopard 2")
        self._in_names = frozenset(i for m in self.mentions.items if m.end - m.start > 1 for i in range(m.start, m.end))

    def read(self) -> list[Claim]:
        for sent_no, sent in enumerate(self.doc.sents):
            if not sent.text.strip():
                continue
            self.context.now = sent_no
            frames = self.frames.frames(sent)
            self.denials.reports(sent, self.res.valency.lemmas)
            produced = self._sentence(sent, sent_no, frames)
            self._remember_holders(sent, sent_no)
            if not produced:
                self.attr.observe(sent)
            self.context.remember_subject(sent)
        return self._finish()

    def _remember_holders(self, sent: Span, sent_no: int) -> None:
        """"The rebels fired drones at ships": using weapons is no transfer, but it says who holds them, the
        recipient a later "the weapons were supplied by Iran" leaves unnamed."""
        for verb in sent:
            lemma = verb.lemma_.lower()
            if verb.pos_ != "VERB" or lemma not in self.words["holding_verbs"] or lemma in self.res.valency.lemmas:
                continue  # "receive", "acquire": frames of their own
            pred = self.frames.args.verb(verb)
            holders = [a for t in pred.tokens("subj") if (a := self.mentions.actor_of_phrase(t)) is not None]
            if len(holders) != 1:
                continue
            for slot in self.frames.items.items(pred.tokens("obj"), sent):
                self.context.remember(Transfer(None, holders[0].code, slot.category, "delivered", sent_no,
                                               self._terms(slot), lemma=lemma))

    # -- one sentence --------------------------------------------------------------------------------
    def _sentence(self, sent: Span, sent_no: int, frames: list[Frame]) -> int:
        produced = 0
        inside = {t.i for f in frames if f.trigger.pos_ != "NOUN" for s in f.items for t in (s.top, *s.measures)}
        for f in frames:
            if f.trigger.pos_ == "NOUN" and f.trigger.i in inside:
                continue  # "delivered together with a set of spare parts": the package is an item here
            produced += self._frame(f, sent, sent_no, [s for g in frames for s in g.items])
        return produced

    def _frame(self, f: Frame, sent: Span, sent_no: int, sentence_items: list[ItemSlot]) -> int:
        mod = read_modality(f.trigger, f.direction, f.row.status, self.res.governors, self.words,
                            headline=self._span(sent.start_char, sent.end_char)[1] <= self.headline_end,
                            progressive=f.row.flag_value("progressive"),
                            carriers=self.res.valency.event_nouns)
        if mod.conditional:
            return 0
        if f.commission and mod.status == "delivered":
            mod.status = "pledged"  # "gave London an arms order": an order placed
        # a pronoun stands for another party than the one its frame names ("Peru, its main supplier")
        supplier = self.context.resolve(f.supplier, other=f.recipient.code if f.recipient else None)
        recipient = self.context.resolve(f.recipient, other=f.supplier.code if f.supplier else None)
        if f.direction == "deal":
            supplier, recipient = self._orient_deal(f, supplier, recipient)
        supplier, recipient = self._two_signers(f, supplier, recipient)
        supplier, recipient = self.denials.deniers_as_parties(f, supplier, recipient)
        if mod.negated:
            self.denials.negated_frame(f, mod, supplier, recipient)
            if not (mod.denial and self.denials.by_a_party(f, supplier, recipient)
                    or self._said_not_by_a_party(f, mod, supplier, recipient)):
                return 0  # "Beijing denied supplying rifles to Moscow" stands as a claim, denied
        items = self._items(f, sentence_items)
        if not items:
            if f.row.has("silent"):
                return 0  # "resolved to support Chile's sovereignty": no transfer, nothing to remember
            self.denials.blanket(f, supplier, recipient)
            self._remember_deal(f, supplier, recipient, mod.status, sent_no)
            return 0
        continued = None
        if f.direction == "part":
            continued = self.context.continued(f, sent_no) if self.context.points_back(f) else None
            if continued is None:
                return 0
            supplier, recipient, mod.status = continued.supplier, continued.recipient, continued.status
        elif f.direction == "arrive" and supplier is None and self._told_before(f):
            # "The consignment arrived in Oran": the consignment told before keeps its parties, the place is
            # only where it arrived
            continued = self.context.continued(f, sent_no)
            if continued is not None:
                supplier, recipient = continued.supplier, continued.recipient
        explicit = f.row.has("explicit") and not self.context.reciprocal(sent)  # "getting parts in return"
        if (supplier is None or recipient is None) and not explicit and self._open(f, supplier, recipient):
            terms = set().union(*(self._terms(s) for s in items))
            supplier, recipient = self.context.complete(f, items, supplier, recipient, sent_no, terms)
        if supplier is None and f.late_origin is not None:
            supplier = self.context.resolve(f.late_origin)  # "deliveries of North Korean shells to Russia"
        if recipient is None and f.direction == "give" and mod.status == "sought" and mod.requester is not None:
            recipient = self._requester(mod.requester, supplier)
        if recipient is None and f.direction == "arrive":
            side = self.context.speaker_side(f.trigger)  # "Chile's army said the howitzers arrived from Spain"
            recipient = side.code if side is not None and side.code != supplier else None
        if supplier is None or recipient is None or supplier == recipient:
            if (supplier is None) != (recipient is None):
                self._remember_partial(f, supplier, recipient, mod.status, sent_no, items)
            return 0
        self.denials.denied_here(f, supplier, recipient)
        restated = f.trigger.pos_ == "NOUN" and f.trigger.lemma_.lower() in self.words["container_nouns"] and any(
            c.dep_ == "det" and c.lower_ in self.words["anaphoric_dets"] for c in f.trigger.children)
        told_by = self.context.told_by(supplier, recipient) if continued is not None or restated else None
        n = self._emit(f, mod, sent, sent_no, supplier, recipient, items, told_by)
        # only a party's denial gets here negated ("denies arming"); "denied that it was arming" is one too:
        # the claims it names are denied, and a generic one stands for what the article reports of the parties
        deny = self.denials.deny_verb(f.trigger)
        if mod.negated or (deny is not None and not self._called_a_lie(deny)):
            self.found.denied_only.update(id(c) for c in self.found.out[len(self.found.out) - n:])
        return n

    def _called_a_lie(self, deny: Token) -> bool:
        """"they keep lying, denying that Chile sends rifles": the speaker asserts what the denial denies."""
        return any(t.lemma_.lower() in self.words["lie_words"]
                   for t in [*deny.children, *deny.ancestors, *deny.head.children])

    @staticmethod
    def _open(f: Frame, supplier: str | None, recipient: str | None) -> bool:
        """May context fill the missing parties? Not when a phrase naming no party holds a role ("countries
        buying weapons")."""
        return not ((supplier is None and "supplier" in f.blocked) or (recipient is None and "recipient" in f.blocked))

    def _requester(self, governor: Token, supplier: str | None) -> str | None:
        """Who asks another to give ("Lima urged Madrid to send howitzers"): the asking verb's subject."""
        for t in governor.children:
            if t.dep_ == "nsubj" and (a := self.mentions.actor_of_phrase(t)) is not None and a.code != supplier:
                return a.code
        return None

    def _orient_deal(self, f: Frame, supplier: str | None, recipient: str | None) -> tuple[str | None, str | None]:
        """A deal's signer buys, unless the signer is a company and the other side is not (companies sell), or
        the signer is a major arms exporter and the other state is not ("Spain signed a deal with Peru")."""
        sup = f.supplier.mention if f.supplier else None
        rec = f.recipient.mention if f.recipient else None
        if rec is not None and rec.how == "company" and (sup is None or sup.how != "company"):
            return recipient, supplier
        if supplier is not None and recipient is not None and self._seller_of(recipient, supplier) == recipient:
            return recipient, supplier
        return supplier, recipient

    def _two_signers(self, f: Frame, supplier: str | None, recipient: str | None) -> tuple[str | None, str | None]:
        """"Spain and Peru signed a contract for howitzers", "Spain and Peru are negotiating the sale of
        howitzers": both sides are one coordinated subject (a deal's signers, or a sale's two parties); the major
        arms exporter of the two sells, else the direction is unknown."""
        one_side = supplier is None and f.direction == "deal"  # "Spain and Peru signed": both signers, the buyer's
        signer = recipient if one_side else supplier if supplier == recipient else None
        sides = {a.code for a in (*f.more_suppliers, *f.more_recipients)} - {signer}
        if signer is None or len(sides) != 1:
            return supplier, recipient
        other = next(iter(sides))
        seller = self._maker_of(f, signer, other) or self._seller_of(signer, other)
        if seller is None:
            return supplier, recipient
        f.more_suppliers, f.more_recipients = [], []
        return seller, other if seller == signer else signer

    def _maker_of(self, f: Frame, a: str, b: str) -> str | None:
        """Of two signers, the one that builds the system the deal names ("Chile and Peru signed a deal for
        Gripens" with Gripens built in Sweden: neither; with a Chilean-built system: Chile), by the catalogue."""
        makers = set()
        for slot in f.items:
            system = self.res.catalogue.get(self._system(slot))
            if system is not None:
                makers |= set(system.producers) | set(system.designers)
        return a if a in makers and b not in makers else b if b in makers and a not in makers else None

    def _seller_of(self, a: str, b: str) -> str | None:
        """Of two states that sign a deal, the one that is a major arms exporter while the other is not."""
        major = self.words["major_arms_exporters"]  # lower-cased, as every word list
        if not all(c.isupper() and len(c) == 3 for c in (a, b)) or (a.lower() in major) == (b.lower() in major):
            return None  # ISO codes are states' (groups have lowercase slugs); two exporters or none: unknown
        return a if a.lower() in major else b

    def _items(self, f: Frame, sentence_items: list[ItemSlot]) -> list[ItemSlot]:
        items = list(f.items)
        if not items and f.pronoun_items:
            items = [s for s in sentence_items if s not in items]  # "vessels carrying them to the Houthis"
        if not items and f.bare_number is not None and self.context.recent:
            last = self.context.recent[-1]  # "Norway has promised six" (F-16s)
            items = [ItemSlot(f.bare_number, f.bare_number, last.category)]
            self._carried_system[f.bare_number.i] = last.system
        return [kind for s in items if not self._domestic(s, f.trigger) for specific in self._specific(s)
                for kind in self.frames.items.by_modifier_groups(specific)]

    def _emit(self, f: Frame, mod: Modality, sent: Span, sent_no: int, supplier: str, recipient: str,
              items: list[ItemSlot], told_by: str | None = None) -> int:
        """`told_by`: the source of the transfer this frame restates ("The package includes ...")."""
        attribution = self.attr.attribute(f.trigger)
        if attribution.source is None and told_by is not None:
            attribution = replace(attribution, source=told_by)
        period = read_period(f.trigger, mod.status, self.document.published, set(self.res.speech))
        denied_here = self.denials.is_denied_in_sentence(f, sent)
        pairs = [(g, r) for g in [supplier, *[a.code for a in f.more_suppliers]]
                 for r in [recipient, *[a.code for a in f.more_recipients]] if g != r]
        span = self._span(sent.start_char, sent.end_char)
        # "these deliveries", "the provision of weapons" restate a transfer; "the way" ("are on the way") does not
        restates = f.trigger.pos_ == "NOUN" and f.direction != "arrive" and any(
            c.dep_ == "det" and c.lower_ in self.words["anaphoric_dets"] for c in f.trigger.children)
        consignment = f.trigger.pos_ == "NOUN" and f.trigger.lemma_.lower() in self.words["consignment_nouns"]
        n = 0
        for (g, r), slot in self._pairs_by_item(f, pairs, items):
            qty, qty_text, unit = read_quantity(slot, self.words, self.mentions.actor_at, self._in_names)
            named = self._system(slot)
            # told before: in an earlier sentence ("The capabilities contained in the package include ..." tells
            # the package once, however many frames read it); a package or shipment is one consignment with a
            # status of its own (the package pledged is not the cargo delivered last month)
            told = [t for t in self.context.recent if (t.supplier, t.recipient, t.category) == (g, r, slot.category)
                    and t.sent_no < sent_no and (t.status == mod.status or not consignment)]
            # "these deliveries" restates a claim already made: kept only to tell its count or system ("the
            # latest shipment included 20 Shahed-136 drones"), merged into the claim told before
            adds = qty is not None or named is not None
            if restates and told and not adds:
                continue
            claim = Claim(
                document_id=self.document.id, supplier=g, recipient=r, category=slot.category, status=mod.status,
                item=self._item_text(slot), evidence=self.text[slice(*span)], evidence_span=span,
                quantity=qty, quantity_text=qty_text, unit=unit, hedged=mod.hedged or attribution.hedged or slot.hedged,
                denied=denied_here, period_start=period[0], period_end=period[1], source=attribution.source,
                via=attribution.via, system=named or self._carried_system.get(slot.head.i),
                extractor_version=self.version)
            self._note(claim, slot, f)
            if f.direction == "part" or self.context.points_back(f):
                self.found.continuing.add(id(claim))  # "The shipment included rockets"
            self.found.out.append(claim)
            n += 1
        deal = f.trigger.pos_ == "NOUN" and f.trigger.lemma_.lower() in self.words["container_nouns"]
        for (g, r), slot in self._pairs_by_item(f, pairs, items):
            self.context.remember(Transfer(g, r, slot.category, mod.status, sent_no, self._terms(slot), deal,
                                           f.trigger.lemma_.lower(), attribution.source,
                                           self._system(slot) or self._carried_system.get(slot.head.i)))
        return n

    @staticmethod
    def _pairs_by_item(f: Frame, pairs: list[tuple[str, str]], items: list[ItemSlot]
                       ) -> list[tuple[tuple[str, str], ItemSlot]]:
        """Each item with each (supplier, recipient) pair; a list member bought from a seller of its own
        ("tanks from Peru, as well as howitzers from Chile") has that seller."""
        out: list[tuple[tuple[str, str], ItemSlot]] = []
        for slot in items:
            seller = f.sellers.get(slot.head.i)
            own = [(seller.code, r) for r in dict.fromkeys(r for _, r in pairs) if r != seller.code] if seller else []
            out += [(p, slot) for p in own or pairs]
        return sorted(out, key=lambda ps: pairs.index(ps[0]) if ps[0] in pairs else len(pairs))

    def _remember_deal(self, f: Frame, supplier: str | None, recipient: str | None, status: str, sent_no: int) -> None:
        """"announced a package for Ukraine" names no item yet: "The package includes ..." will; "pledged $2
        billion in aid to Chile" names the parties a later "Chile has bought 12 F-16s" leaves out."""
        if supplier and recipient and supplier != recipient:
            deal = f.trigger.lemma_.lower() in self.words["container_nouns"]
            self.context.remember(Transfer(supplier, recipient, "", status, sent_no, deal=deal,
                                           lemma=f.trigger.lemma_.lower()))
        elif supplier and not recipient and f.direction in ("take", "deal"):
            # "a programme that includes purchases from Spain": the seller of the buyer's later orders
            self.context.remember(Transfer(supplier, None, "", status, sent_no, lemma=f.trigger.lemma_.lower()))

    def _remember_partial(self, f: Frame, supplier: str | None, recipient: str | None, status: str, sent_no: int,
                          items: list[ItemSlot]) -> None:
        for slot in items:
            self.context.remember(Transfer(supplier, recipient, slot.category, status, sent_no, self._terms(slot),
                                           lemma=f.trigger.lemma_.lower()))

    def _note(self, claim: Claim, slot: ItemSlot, f: Frame) -> None:
        if (self.mentions.is_generic(slot.head) or slot.head.pos_ == "VERB") and slot.category == _GENERIC:
            hosts = [slot.head, slot.top] + ([f.trigger] if slot.head.head == f.trigger else [])
            self.found.generics.append(_Generic(
                claim, anaphoric=any(c.dep_ == "det" and c.lower_ in self.words["anaphoric_dets"]
                                     for h in hosts for c in h.children),
                leftover=self._leftover(slot), listed=self._listed(slot)))
        # "radios for the coast guard": dual-use goods handed to an armed force are military
        forces = f.recipient.mention if f.recipient is not None else None
        to_forces = forces is not None and forces.how == "institution" and any(
            t.lower_ in self.words["armed_forces"] for t in self.doc[forces.start:forces.end])
        # "a package including 40 patrol boats and 2 million rounds": listed beside weapons, boats are military
        beside_weapons = any(s is not slot and s.category in self.words["weapon_categories"]
                             and not self.mentions.is_dual_use(s.head) for s in f.items)
        if to_forces:
            self.found.to_forces.add(id(claim))
        elif self.mentions.is_dual_use(slot.head) and not beside_weapons:
            self.found.dual.add((claim.evidence_span, claim.item))

    def _leftover(self, slot: ItemSlot) -> bool:
        """"shells and other weapons", "among other weapons", "arms and ammunition": a generic beside
        specific items names more than they do."""
        head = slot.head
        if any(c.lower_ in self.words["leftover_modifiers"] for c in head.children if c.dep_ in ("amod", "det")):
            return True
        siblings = [c for c in head.children if c.dep_ == "conj"]
        if head.dep_ == "conj":
            siblings.append(head.head)
        if not any(self.mentions.category_of(s) not in (None, _GENERIC) for s in siblings):
            return False
        first = head
        while first.dep_ == "conj":
            first = first.head
        # "jets, boats, radars or software for ...": alternatives name one thing, not one more
        return not any(t.dep_ == "cc" and t.lower_ == "or" for t in first.subtree)

    def _listed(self, slot: ItemSlot) -> bool:
        """"weapons, including rockets", "capabilities such as air defence missiles": resolved in place."""
        members = self.frames.items.members(slot.head)[1:]
        return any(self.mentions.category_of(m) not in (None, _GENERIC) for m in members)

    # -- item helpers ---------------------------------------------------------------------------------------
    def _specific(self, slot: ItemSlot) -> list[ItemSlot]:
        """"the weapons" after "anti-tank missiles" are those missiles: take the category named before, or
        the categories of the whole list named before ("missiles and drones")."""
        if not self.mentions.is_generic(slot.head) or not any(
                c.dep_ == "det" and c.lower_ in self.words["anaphoric_dets"] for c in slot.head.children):
            return [slot]
        start = max(0, slot.head.sent.start - 60)
        for i in range(slot.head.i - 1, start - 1, -1):
            m = self.mentions.item_at.get(i)
            if m is not None and m.term.role in ("strong", "weak") and m.end - 1 == i:
                cat = self.mentions.category_of(self.doc[i])
                if cat and cat != _GENERIC:
                    first = self.doc[i]
                    while first.dep_ == "conj" and first.head.i < first.i:
                        first = first.head
                    cats = dict.fromkeys(c for t in self.frames.items.members(first)
                                         if (c := self.mentions.category_of(t)) and c != _GENERIC)
                    return [replace(slot, category=c) for c in cats or [cat]]
        return [slot]

    def _told_before(self, f: Frame) -> bool:
        """What arrives is a consignment told before: "the shipment", "this cargo"; not one that names its
        own contents ("the shipment of howitzers" may be another)."""
        return any(t.lemma_.lower() in self.words["container_nouns"] and any(
            c.dep_ == "det" and c.lower_ in self.words["anaphoric_dets"] for c in t.children)
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
            for t in self.frames.args.predicate(f.trigger).tokens("subj"))

    def _system(self, slot: ItemSlot) -> str | None:
        """The catalogued system the item phrase names: in its words up to its head, whatever the item text
        keeps of them ("Fath-360 close-range ballistic missiles", "new F-16C/D fighters"), or in what it is
        for ("ammunition for HIMARS"); never in the items coordinated with it ("tanks and F-16s")."""
        head = slot.head
        term = self.mentions.item_at.get(head.i)  # the lexicon term at the head, whole ("Leopard 2" in "14
        end = max(head.i, term.end - 1 if term else head.i)  # Leopard 2 A6 tanks" read as "Leopard")
        parts = [(min(slot.top.left_edge.i, head.left_edge.i, slot.start if slot.start is not None else end), end)]
        hosts = [head]
        if slot.category == "components" and slot.top.dep_ == "pobj" and slot.top.head.lower_ == "of":
            hosts.append(slot.top.head.head)  # "acceptance of parts for an S-400 system", "for" hung on the noun
        parts += [(c.i, c.right_edge.i) for h in hosts for c in h.rights if c.dep_ == "prep" and c.lower_ == "for"]
        for lo, hi in parts:
            system = self.res.catalogue.find(self.text[self.doc[lo].idx : self.doc[hi].idx + len(self.doc[hi])])
            if system is not None:
                return system.id
        return None

    def _domestic(self, slot: ItemSlot, trigger: Token) -> bool:
        """"a domestic supply of the rifles", "domestically built vehicles": no transfer between parties."""
        words = [t for t in slot.top.subtree if t.i < slot.head.i] + list(trigger.children)
        return any(t.lower_ in self.words["domestic"] and t.dep_ in ("amod", "advmod", "npadvmod") for t in words)

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

    @staticmethod
    def _modifies_phrase(prev: Token, lo: int, top: Token) -> bool:
        if prev.text == "-" and not prev.is_sent_start:
            return True  # "long-range missiles", "IRIS-T systems": one word
        if prev.text == "," and prev.head.dep_ in ("amod", "nmod", "compound", "conj") \
                and top.left_edge.i <= prev.head.i < lo:
            return True  # "military, economic and humanitarian aid": the commas of coordinated modifiers
        if prev.is_sent_start and prev.pos_ == "ADJ" and prev.dep_ == "amod":
            return lo <= prev.head.i <= top.i  # "Military and humanitarian aid ..." opening a sentence
        if prev.is_sent_start or prev.dep_ in ("nsubj", "nsubjpass", "punct"):
            return False
        if prev.dep_ in ("conj", "cc"):  # coordinated modifiers: "mortar and artillery rounds"
            return top.left_edge.i <= prev.head.i < lo or (  # "surface-to-air and anti-tank missiles"
                prev.dep_ == "cc" and top.left_edge.i <= prev.head.i and top.is_ancestor(prev))
        if prev.dep_ in ("prep", "pobj") and top.left_edge.i <= prev.i and any(
                a.head.i == top.i and a.dep_ in _MODIFIER_DEPS and a.i < prev.i for a in prev.ancestors):
            return True  # the words of a modifier written with a preposition: "surface-to-air"
        if (prev.dep_ in _MODIFIER_DEPS or _designation(prev)) and prev.head.i < lo and top.is_ancestor(prev):
            return True  # "four Leopard 2 battle tanks", "12 F-16 fighter jets" however the parser hangs the name
        return lo <= prev.head.i <= top.i

    def _leading_filler(self, tok: Token) -> bool:
        """Words before an item that are not its name: determiners, counts ("more than 300 tanks" -> "tanks")
        and a party's name; a designation ("F-16") or a calibre ("155mm") stays."""
        if _designation(tok) or self._calibre(tok):
            return False
        if tok.dep_ in ("det", "nummod", "quantmod", "advmod", "poss", "case") or tok.like_num or tok.is_punct \
                or tok.is_space or tok.head.like_num:
            return True
        actor = self.mentions.actor_at.get(tok.i)
        if actor is None:
            return False
        return (actor.how == "name" or plural_people(tok)) and not self._hyphenated(actor.end)

    def _calibre(self, tok: Token) -> bool:
        """"155mm", "155-mm": a number joined to a calibre unit names the weapon, it counts nothing."""
        doc = tok.doc
        nxt = tok.i + 1
        if nxt < len(doc) and doc[nxt].text == "-" and not tok.whitespace_:
            nxt += 1
        return tok.like_num and nxt < len(doc) and not doc[nxt - 1].whitespace_ \
            and doc[nxt].lower_ in self.words["calibre_units"]

    def _hyphenated(self, end: int) -> bool:
        """"US-supplied": a name joined to the next word is part of the item's words."""
        return end < len(self.doc) and self.doc[end].text == "-" and not self.doc[end - 1].whitespace_

    def _said_not_by_a_party(self, f: Frame, mod: Modality, supplier: str | None, recipient: str | None) -> bool:
        """"Beijing insists it has not supplied rifles to Moscow": a party saying a transfer of its own did not
        happen denies it (not "has not yet", nor a refusal to send)."""
        if mod.not_yet or mod.refusal or supplier is None or recipient is None \
                or mod.status not in ("delivered", "ongoing"):
            return False  # "said it would not sell": a refusal, nothing to deny
        side = self.context.speaker_side(f.trigger)
        return side is not None and side.code in (supplier, recipient)

    def _money_word(self, tok: Token) -> bool:
        return any(t.text in self.words["currency_signs"] or t.lower_ in self.words["currency_signs"]
                   for t in tok.subtree if t.i <= tok.i)

    def _item_text(self, slot: ItemSlot) -> str:
        top, head = slot.top, slot.head
        if head.pos_ in ("VERB", "AUX"):
            return head.text  # "arming the rebels": the verb names the (unnamed) weapons, not its auxiliaries
        if top.i > head.i:
            top = head  # "Of the 31 tanks promised, 20 have arrived": the count comes after the items
        if top.lower_ == "worth" or self._money_word(top):
            top = head  # "$300 million worth of shells": the shells
        lo = top.i
        while lo > 0 and self._modifies_phrase(self.doc[lo - 1], lo, top):
            lo -= 1  # the phrase's own modifiers, not a subject the parser hung on it
        while lo < head.i and self._leading_filler(self.doc[lo]):
            lo += 1
        if top.i != head.i:
            lo = min(lo, top.i)
        if slot.start is not None:
            lo = min(lo, slot.start)
        # a name the parser broke up is kept whole ("the Hawk Mk. 9 jets" read with "9" as the head)
        term, before = self.mentions.item_at.get(head.i), self.mentions.item_at.get(lo - 1)
        end = head
        if term is not None and term.end - term.start > 1:
            lo, end = min(lo, term.start), self.doc[max(head.i, term.end - 1)]
        elif before is not None and before.end == lo and before.end - before.start > 1:
            lo = before.start  # "the Hawk Mk. 9 jets" with the name cut off its noun at the full stop
        inside = self.mentions.item_at.get(lo)
        if inside is not None and inside.start < lo and inside.end - inside.start > 1:
            lo = inside.start  # "Type 054A/P frigates" cut at the slash
        # as written: the parsed text may have a headline's case changed ("Leopard Tanks")
        return " ".join(self.text[self.doc[lo].idx: end.idx + len(end)].split())

    # -- the document's claims ------------------------------------------------------------------------------
    def _finish(self) -> list[Claim]:
        claims = self.found.out
        # parts, engines, chips and know-how are dual-use: they count as military transfers only in an
        # article that names weapons (not "purchases of U.S.-made parts by Japanese car makers")
        if not self._names_weapons():
            claims = [c for c in claims if c.category not in self.words["dual_use_categories"]
                      or id(c) in self.found.to_forces or self._says_military(c.item)]
        # "ships", "planes", "jets" count as weapons only where the article names a weapon of that kind
        # ("frigates", "F-16s"): not the freighter a smuggling ring bought
        named = self._named_categories()
        claims = [c for c in claims if (c.evidence_span, c.item) not in self.found.dual or c.category in named]
        resolved = {id(g.claim) for g in self.found.generics if self._resolved(g, claims)}
        claims = [c for c in claims if id(c) not in resolved]
        # "Tehran denies arming the Houthis" denies what the article reports of them; alone, it is the claim
        # ("Iran denied sending weapons to Yemen" after the Houthis' Iranian missiles)
        asserted = [c for c in claims if id(c) not in self.found.denied_only]
        reported = {p for c in asserted for p in (c.supplier, c.recipient)}
        kinds = {(c.supplier, c.recipient, c.category) for c in asserted}
        claims = [c for c in claims if id(c) not in self.found.denied_only or not (
            (c.category == _GENERIC and {c.supplier, c.recipient} & reported)
            or (c.supplier, c.recipient, c.category) in kinds)]
        claims = self._without_restated_headlines(claims)
        # a claim read from a party's denial is denied ("Lima says it has not sold rifles to Quito")
        claims = [replace(c, denied=True) if id(c) in self.found.denied_only else c for c in claims]
        by_key: dict[tuple[str, str, str, str], list[Claim]] = {}
        for c in claims:
            by_key.setdefault(c.key, []).append(c)
        out = []
        for group in by_key.values():
            c = self._merge(group)
            if self.context.denied(c.supplier, c.recipient, c.category):
                c = replace(c, denied=True)
            out.append(c)
        return out

    def _without_restated_headlines(self, claims: list[Claim]) -> list[Claim]:
        """A headline sums up the story: "Peru buys Korean jets" over "Peru has agreed to buy 24 jets" is
        the body's pledge, not a second, delivered transfer. The body's statuses win for the same triple over
        the headline's present tense; a status the headline words say ("Spain continues deliveries to Peru")
        stands."""
        told = {(c.supplier, c.recipient, c.category) for c in claims if c.evidence_span[1] > self.headline_end}
        return [c for c in claims if c.evidence_span[1] > self.headline_end or c.status != "delivered"
                or (c.supplier, c.recipient, c.category) not in told]

    def _merge(self, group: list[Claim]) -> Claim:
        """One claim per key: the body's first unhedged statement of it (a headline only when the body does
        not make it), hedged only if every statement in the body is, linked to the system any of them names."""
        body = [c for c in group if c.evidence_span[1] > self.headline_end] or group
        # the first unhedged statement, and of those one that says how many if any does
        unhedged = [c for c in body if not c.hedged] or body
        first = next((c for c in unhedged if c.quantity is not None), unhedged[0])
        # the system the claim is about, named by any of its statements ("air defence capabilities" first,
        # "munitions for Patriot systems" next)
        system = first.system or next((c.system for c in [*body, *group] if c.system), None)
        return replace(first, hedged=all(c.hedged for c in body), denied=any(c.denied for c in group),
                       system=system)

    def _resolved(self, g: _Generic, claims: list[Claim]) -> bool:
        if g.leftover:
            return False
        if g.listed:
            return True
        c = g.claim
        pair = (c.supplier, c.recipient)
        specific = [s for s in claims if s.category != _GENERIC and (s.supplier, s.recipient) == pair]
        if any(s.evidence_span == c.evidence_span for s in specific):
            return True
        # an itemisation right after ("The shipment included rockets") resolves it; another transfer does not
        after = any(s.status == c.status and 0 <= s.evidence_span[0] - c.evidence_span[1] <= 400
                    and id(s) in self.found.continuing for s in specific)
        before = g.anaphoric and any(s.evidence_span[1] <= c.evidence_span[0] for s in specific)
        return after or before

    def _says_military(self, item: str) -> bool:
        """"dual-use goods", "military technology", "defence components": the item says what it is for."""
        return any(w in self.words["military_use_markers"] for w in re.findall(r"[\w-]+", item.lower()))

    def _named_categories(self) -> set[str]:
        """The kinds of weapon the article names unmistakably: a strong term, or for bare "equipment" a
        generic that can only be military ("weapons", "military aid", "defense articles")."""
        named = {m.term.category for m in self.mentions.items if m.term.category and m.term.role == "strong"}
        if any(m.term.role == "generic" and not self.mentions.is_bare_dual(m) for m in self.mentions.items):
            named.add(_GENERIC)
        return named

    def _names_weapons(self) -> bool:
        """Does the article name a weapon? Plain weapon nouns count; a named system only beside one
        ("Bradley fighting vehicles", not a Mr Bradley)."""
        for m in self.mentions.items:
            head = self.doc[m.end - 1]
            if head.lower_ in self.words["weapon_nouns"] or head.lemma_.lower() in self.words["weapon_nouns"]:
                return True  # "chips used in weapons production": a generic that still says weapons
            if m.term.category not in self.words["weapon_categories"] or m.term.role not in ("strong", "weak"):
                continue
            text = self.doc[m.start:m.end].text
            if not m.term.cased or any(ch.isdigit() for ch in text) or (
                    m.end in self.mentions.item_at and not self.mentions.item_at[m.end].term.cased):
                return True
        return False


_MODIFIER_DEPS = ("nummod", "compound", "amod", "nmod")


def claims_from_doc(doc: Doc, res: Resources, document: Document, version: str) -> list[Claim]:
    return _DocumentReader(doc, res, document, version).read()


def _designation(tok: Token) -> bool:
    """"T-72", "F-16": letters and digits, a model's name whatever the parser makes of it (a number)."""
    return any(ch.isdigit() for ch in tok.text) and any(ch.isalpha() for ch in tok.text)
