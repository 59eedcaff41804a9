"""Transfer frames: a trigger with its supplier, recipient and items, read from its predicate's arguments
through its valency row (valency.py), then related to the other frames of its sentence.

A party slot takes the first argument that names a party (an actor, or a pronoun or "the country"-like
phrase to resolve in context); an argument that names no party ("countries buying weapons") leaves the
role open for good (`blocked`). Frames of one sentence that speak of the same items, or of which one is
an argument of the other ("signed a contract for the supply of"), describe one transfer: each fills the
other's missing parties. A participle on the items ("US-supplied missiles") goes to whoever holds them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from armswatch.extract.arguments import ArgumentReader, Predicate, children, prep_objects, prep_word
from armswatch.extract.items import ItemReader, ItemSlot
from armswatch.extract.lexicon import WordLists
from armswatch.extract.mentions import ActorMention, Mentions
from armswatch.extract.valency import FrameRow, Slot, Valency

__all__ = ["Frame", "FrameReader", "Party"]

# roles whose filler, when it names no party, means the sentence says who it is ("countries buying weapons")
_CORE_ROLES = frozenset({"subj", "obj", "dat", "pp:to", "pp:from", "pp:for", "poss", "cop"})


@dataclass
class Party:
    token: Token
    mention: ActorMention | None  # None: a pronoun or an anaphor ("the country") to resolve in context

    @property
    def code(self) -> str | None:
        return self.mention.code if self.mention else None


@dataclass
class Frame:
    trigger: Token
    row: FrameRow
    supplier: Party | None = None
    recipient: Party | None = None
    more_suppliers: list[ActorMention] = field(default_factory=list)  # "Syria and Iran supply ..."
    more_recipients: list[ActorMention] = field(default_factory=list)
    items: list[ItemSlot] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)  # roles a phrase naming no party fills
    whole: Token | None = None  # part frames: what the items are part of ("the package")
    late_origin: Party | None = None  # a party named on the items, the supplier only if context names none
    pronoun_items: bool = False  # the items are "them"/"it": those of the frame this one continues
    commission: bool = False  # the items are an order given to the seller ("gave London an arms order")
    bare_number: Token | None = None  # "Norway has promised six": the items of the last transfer
    # list members bought from a seller of their own: "tanks from Peru, as well as howitzers from Chile"
    sellers: dict[int, ActorMention] = field(default_factory=dict)  # item head index -> its seller

    @property
    def direction(self) -> str:
        return self.row.direction

    @property
    def sentence(self) -> Span:
        return self.trigger.sent

    def role(self, name: str) -> Party | None:
        return self.supplier if name == "supplier" else self.recipient


class FrameReader:
    """Frames of the sentences of one Doc."""

    def __init__(self, mentions: Mentions, valency: Valency, words: WordLists, measures: dict[str, str],
                 reporting_verbs: frozenset[str] = frozenset()) -> None:
        self.mentions = mentions
        self.valency = valency
        self.words = words
        self.args = ArgumentReader(mentions.doc, words, valency.event_nouns, valency.agent_nouns, reporting_verbs,
                                   mentions.item_words)
        self.items = ItemReader(mentions, measures, words)

    # -- the frames of a sentence ------------------------------------------------------------------------
    def frames(self, sent: Span) -> list[Frame]:
        found: list[Frame] = []
        for tok in sent:
            row = self.valency.row_for(tok)
            if row is None or self._is_item_word(tok, row) or self._requirement(tok, row) or self._command(tok):
                continue
            f = self.read(tok, row)
            if (f.direction != "part" or f.items) and not self._multilateral(tok):
                found.append(f)
        self._relate(found)
        return found

    def _multilateral(self, trigger: Token) -> bool:
        """"troops ... landed in Cyprus as part of a UN force": a UN or peacekeeping mission is
        no party, and troops serving it are no transfer."""
        clause = [*trigger.subtree, *(t for p in trigger.ancestors for t in p.children if t.dep_ == "prep")]
        return any(t.lower_ in self.words["multilateral_missions"] for t in clause) or any(
            t.lower_ == "interim" and t.nbor(1).lower_ == "force" for t in clause if t.i + 1 < len(t.doc))

    def _command(self, tok: Token) -> bool:
        """"ordered the troops to leave", "directed the army to hand over": an order to someone to do something
        is a command, no purchase."""
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in self.words["command_verbs"]:
            return False
        # the one told can act: a party, people, troops ("ordered 12 howitzers to replace ..." is a purchase)
        told = [o for o in children(tok, "dobj") if o.i in self.mentions.actor_at
                or self.mentions.category_of(o) in (None, "personnel")]
        return bool(told) and any(any(a.lower_ == "to" for a in children(c, "aux"))
                                  for c in children(tok, "xcomp", "ccomp"))

    @staticmethod
    def _requirement(tok: Token, row: FrameRow) -> bool:
        """"the trucks needed to tow them", "the parts required to build drones": a participle saying what
        a thing is needed for, with no one who asks for it, is no request."""
        participle = (tok.tag_ in ("VBN", "VBD") and tok.dep_ == "acl" or tok.dep_ == "relcl") and not children(
            tok, "agent")  # "the trucks needed to tow them", "the parts they need to build drones"
        return row.status == "sought" and participle \
            and any(c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in children(c, "aux"))
                    for c in tok.children)

    def _is_item_word(self, tok: Token, row: FrameRow) -> bool:
        """"arms" is no form of the verb "arm"; "supplies" in "medical supplies" is no frame either."""
        if row.pos == "VERB" and tok.pos_ not in ("VERB", "AUX", "ADJ"):
            return True
        m = self.mentions.item_at.get(tok.i)
        if m is not None and m.term.role == "generic" and m.term.cased and row.pos == "NOUN":
            return False  # "a Foreign Military Sale to Chile of 40 missiles": the programme's name is the sale
        return row.pos == "NOUN" and m is not None and not any(s.role == "self" for s in row.items)

    def read(self, tok: Token, row: FrameRow) -> Frame:
        pred = self.args.predicate(tok)
        f = Frame(tok, row)
        f.items = self._items(pred, row)
        if row.direction == "part":
            f.whole = next(iter(pred.tokens("subj")), None)
            return f
        supplier = self._party(pred, _without_agent(row.supplier), f, "supplier", exclude=set())
        taken = {supplier.token.i} if supplier else set()
        recipient = self._party(pred, _without_agent(row.recipient), f, "recipient", exclude=taken)
        supplier, recipient = self._support_agent(pred, row, f, supplier, recipient)
        supplier, recipient = self._bought_for(pred, row, supplier, recipient)
        f.commission = row.direction == "give" and bool(f.items) and all(
            s.top.lemma_.lower() in self.words["commission_nouns"] for s in f.items)
        if f.commission:
            supplier, recipient = recipient, supplier  # "gave London its biggest arms order": London supplies
        if recipient is not None and recipient.token.lower_ in self.words["reflexive_pronouns"]:
            # "Britain will arm itself": the subject receives, and a supplier comes only from the items ("with
            # US missiles"), never from context
            supplier, recipient = None, supplier
            f.blocked.add("supplier")
        f.supplier, f.recipient = supplier, recipient
        if supplier is None and any(s.role == "late:origin" for s in row.supplier):
            f.late_origin = next((Party(t, self.mentions.actor_of_phrase(t)) for t in self._origins(f.items)
                                  if recipient is None or t.i != recipient.token.i), None)
        f.more_suppliers = self._conjoined(supplier, pred) + self._compared(supplier, tok)
        f.more_recipients = self._conjoined(recipient) + self._compared(recipient, tok)
        named = [t for slot in row.items if slot.role != "obj" for t in pred.tokens(slot.role)]
        if row.has("arms") and not f.items and pred.tokens("obj") and not named:
            # "arming the Houthis" (not "capabilities to arm", nor "armed the agency with new powers")
            f.items = [ItemSlot(tok, tok, "equipment")]
        if row.has("troops"):
            f.items = [s for s in f.items if s.category == "personnel"]
        if recipient is not None and recipient.token.dep_ == "pobj" and recipient.token.head.lower_ == "into" and \
                any(s.category == "personnel" for s in f.items):
            f.items = []  # troops (and their tanks) sent into a country: an invasion or a deployment, no transfer
        if row.has("cargo"):
            f.items = self._cargo(f.items)
        if f.recipient is None and "recipient" not in f.blocked:
            holder = self._holder(tok, f)
            if holder is not None:
                f.recipient = holder
        if f.recipient is None and f.supplier is not None and "recipient" not in f.blocked:
            # "China provided components for Russian drones": parts go to whoever has what they are for
            f.recipient = next((Party(t, self.mentions.actor_at[t.i]) for s in f.items for t in self._made_for(s)
                                if t.i in self.mentions.actor_at
                                and self.mentions.actor_at[t.i].code != f.supplier.code), None)
        objs = pred.tokens("obj")
        # "Norway has promised six", "is negotiating for more": the items of the last transfer
        counted = objs + [t for slot in row.items if slot.role.startswith("pp:") for t in pred.tokens(slot.role)]
        f.bare_number = next((o for o in counted if (o.like_num or o.lower_ in self.words["bare_quantities"])
                              and all(c.dep_ in ("nummod", "det", "amod", "quantmod", "advmod") and c.i < o.i
                                      for c in o.children)), None)  # "six", "10 more", "another 10"
        f.pronoun_items = not f.items and any(o.lower_ in self.words["item_pronouns"] for o in objs)
        if row.direction == "take" and len(f.items) > 1:
            f.sellers = self._sellers_by_position(f.items)
        return f

    def _sellers_by_position(self, items: list[ItemSlot]) -> dict[int, ActorMention]:
        """"ordered tanks from Peru, as well as howitzers from Chile", with both from-phrases hung on the
        first noun: each member is bought from the seller named next after it in the list."""
        hosts = {t.i: t for s in items for t in (s.top, s.head, s.top.head)}
        named = {o.i: a for t in hosts.values() for p in children(t, "prep") if prep_word(p) == "from"
                 for o in prep_objects(p) if (a := self.mentions.actor_at.get(o.i)) is not None
                 and a.actor.kind != "org"}
        if len({a.code for a in named.values()}) < 2:
            return {}
        return {s.head.i: named[min(i for i in named if i > s.head.i)] for s in items
                if any(i > s.head.i for i in named)}

    # -- parties ------------------------------------------------------------------------------------------
    def _bought_for(self, pred: Predicate, row: FrameRow, supplier: Party | None,
                    recipient: Party | None) -> tuple[Party | None, Party | None]:
        """"Denmark will buy tanks for Chile": a buyer for another party gives what it buys to that party
        (the seller, if named, sells to the buyer's account: no party of this transfer)."""
        if row.direction != "take" or recipient is None:
            return supplier, recipient
        for t in pred.tokens("pp:for"):
            if self.kind_of(t) != "actor" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children):
                continue  # "parts for a Russian radar" name no one bought for; "for its army": its own forces
            named = [t, *(c for c in t.children if c.dep_ in ("poss", "compound", "amod", "nmod"))]
            for_whom = next((self.mentions.actor_at[n.i] for n in named if n.i in self.mentions.actor_at), None)
            if for_whom is not None and (recipient.mention is None or for_whom.code != recipient.mention.code):
                return recipient, Party(t, for_whom)
        return supplier, recipient

    def _support_agent(self, pred: Predicate, row: FrameRow, f: Frame, supplier: Party | None,
                       recipient: Party | None) -> tuple[Party | None, Party | None]:
        """The subject of a support verb ("X announced the delivery", "X approved the request") takes the role
        the noun's own arguments leave open: "India confirmed the delivery of jets from Russia" (India
        receives), "Washington approved Kyiv's request for missiles" (Washington supplies). With both open
        it takes the role the frame row names it for."""
        agent = (Slot("sup:agent"),)
        if not pred.tokens("sup:agent") or (supplier is not None and recipient is not None):
            return supplier, recipient
        taken = {p.token.i for p in (supplier, recipient) if p is not None}
        if supplier is None and (recipient is not None or _names(row.supplier, "sup:agent")) \
                and "supplier" not in f.blocked:
            return self._party(pred, agent, f, "supplier", exclude=taken), recipient
        if recipient is None and (supplier is not None or _names(row.recipient, "sup:agent")) \
                and "recipient" not in f.blocked:
            return supplier, self._party(pred, agent, f, "recipient", exclude=taken)
        return supplier, recipient

    def _party(self, pred: Predicate, slots: tuple[Slot, ...], f: Frame, role: str,
               exclude: set[int]) -> Party | None:
        named_other = False
        lifted = {a.token.i for a in pred.args if a.rule == "lifted"}
        candidates = [(slot, t) for slot in slots
                      for t in (self._origins(f.items) if slot.role == "origin" else pred.tokens(slot.role))]
        # an argument the parse hung on the predicate beats one lifted out of a noun phrase, and both beat a
        # party named on the items
        candidates.sort(key=lambda c: 2 if c[0].role == "origin" else int(c[1].i in lifted))
        fused = {a.token.i for a in pred.args if a.rule == "fused-dative"}
        for slot, t in candidates:
            if t.i in exclude:
                continue
            if t.i in fused and slot.role == "dat" and \
                    getattr(self.mentions.actor_at.get(t.i), "how", None) not in ("name", "metonym"):
                continue  # "transfer Kuwaiti ships": a demonym on the object is no recipient (a people-dative is)
            kind = self.kind_of(t)
            if t.lower_ in self.words["dative_pronouns"] and (slot.role == "dat" or (
                    slot.role == "obj" and role == "recipient" and pred.tokens("pp:with"))):
                kind = "anaphor"  # "has sent them drones", "supplied them with missiles": a party
            party = self._as_party(t, kind)
            if party is not None:
                return party
            if kind == "other" and slot.role == "pp:by" and t.lemma_.lower() in self.words["vague_parties"]:
                named_other = True  # "the transfer of jets by its allies": the doer is told, and is no party
                break
            if kind == "other" and (slot.role in _CORE_ROLES or slot.role.startswith("sup:")):
                named_other = True  # a locative ("in the officials' view", "by rail") never closes a role
            if kind == "item" and slot.role == "subj" and t.lemma_.lower() in self.words["container_nouns"]:
                named_other = True  # "a package ... to arm Chile": the package is the doer, and no party
        if named_other:
            f.blocked.add(role)
        return None

    def _as_party(self, t: Token, kind: str) -> Party | None:
        """A party an argument names: an actor, an anaphor to resolve, or troops of a named side ("helping
        Russian troops")."""
        if kind == "actor" or (kind == "item" and self.mentions.category_of(t) == "personnel"
                               and self.mentions.actor_of_phrase(t) is not None):
            return Party(t, self._led_by(t) or self.mentions.actor_of_phrase(t))
        return Party(t, None) if kind == "anaphor" else None

    def kind_of(self, tok: Token) -> str:
        """actor | anaphor (a pronoun or "the country") | item | other (a phrase naming no party)."""
        if tok.i in self.mentions.actor_at and self.mentions.category_of(tok) is None:
            return "actor"
        if tok.lemma_.lower() in self.words["place_nouns"]:
            return "other"  # "troops sent to its border with Ukraine", "warships sent to the waters off Taiwan"
        if tok.lemma_.lower() in self.words["territory_nouns"]:
            # "troops sent to Peru's Tumbes region" went to Peru; "to the Tumbes region", to no one named
            owner = any(c.dep_ == "poss" and c.i in self.mentions.actor_at for c in tok.children)
            return "actor" if owner else "other"
        if tok.lemma_.lower() in self.words["non_party_heads"]:
            leader = self._led_by(tok)  # "the Czech-led initiative" is the Czech Republic's
            owner = any(c.dep_ == "poss" and c.i in self.mentions.actor_at for c in tok.children)
            # "US lawmakers": people, not a party; "the war in Chile": a place; "Peru's war": Peru's side
            return "actor" if leader is not None or owner else "other"
        if self.mentions.category_of(tok) or self.items.slot(tok) is not None:
            return "item"
        if tok.lemma_.lower() in self.words["container_nouns"]:
            return "item"  # "Egypt's order for jets was delivered": a deal or a shipment stands for its contents
        if tok.pos_ == "NOUN" and tok.tag_ == "NNS" and tok.lower_ in self.words["vague_parties"] \
                and not any(c.dep_ == "appos" for c in tok.children):
            return "other"  # "NATO allies", "Western partners", "Gulf states": a bloc or a vague group, no party
        if self.mentions.actor_of_phrase(tok) is not None:
            return "actor"
        low = tok.lower_
        if low in self.words["party_pronouns"] or tok.tag_ in ("WDT", "WP"):
            return "anaphor"
        if low in self.words["party_anaphors"] and any(c.lower_ in self.words["anaphoric_dets"] or (
                c.dep_ == "poss" and c.lower_ in self.words["speaker_possessives"]) for c in tok.children):
            return "anaphor"  # "the country", "his country"
        if tok.pos_ in ("NOUN", "PROPN", "PRON"):
            return "other"
        return "none"

    def _led_by(self, head: Token) -> ActorMention | None:
        for c in head.children:
            if c.dep_ in ("amod", "compound", "npadvmod") and c.lower_ == "led" or c.lower_.endswith("-led"):
                a = self.mentions.actor_at.get(c.i - 2) or self.mentions.actor_at.get(c.i)
                if a is not None:
                    return a
            if c.lower_ == "led" and c.i >= 2 and c.nbor(-1).text == "-":
                a = self.mentions.actor_at.get(c.i - 2)
                if a is not None:
                    return a
        return None

    def _compared(self, party: Party | None, trigger: Token) -> list[ActorMention]:
        """"Cuba sells rifles to Peru, as Chile does", "Peru, like Chile, buys rifles from Cuba": the party
        compared with the subject does the same."""
        if party is None or party.mention is None or party.token.dep_ not in ("nsubj", "nsubjpass"):
            return []
        alike = [o for p in (*children(party.token, "prep"), *children(trigger, "prep")) if p.lower_ == "like"
                 for o in prep_objects(p)]
        alike += [s for c in children(trigger, "advcl") if c.lemma_.lower() in self.words["pro_verbs"]
                  and any(m.lower_ == "as" for m in children(c, "mark")) for s in children(c, "nsubj")]
        out: list[ActorMention] = []
        for t in alike:
            a = self.mentions.actor_at.get(t.i)
            if a is not None and a.code != party.mention.code and a not in out:
                out.append(a)
        return out

    def _conjoined(self, party: Party | None, pred: Predicate | None = None) -> list[ActorMention]:
        if party is None or party.mention is None:
            return []
        out: list[ActorMention] = []
        gapped = [a.token for a in pred.args if a.rule == "gapping"] if pred is not None else []
        for c in [*ArgumentReader.conjuncts(party.token)[1:], *gapped]:
            if self._modifies_next_noun(c):
                break  # "to Russia, US and Ukrainian officials said": the officials' nationalities, no parties
            # the conjunct itself names a party: not "Iran and China's political situation"
            a = self.mentions.actor_at.get(c.i) or (self.mentions.actor_of_phrase(c) if c.lower_ in (
                self.words["armed_group_heads"] | self.words["party_anaphors"]) or c.lemma_ in self.words[
                "armed_group_heads"] else None)
            if a is not None and a.code != party.mention.code and self.mentions.category_of(c) is None \
                    and a not in out:
                out.append(a)
        return out

    def _modifies_next_noun(self, conjunct: Token) -> bool:
        """A conjunct whose coordination runs into a noun of its own: the parser joined the modifiers of the
        next phrase ("US and Ukrainian officials") to the list before it."""
        last = max(t.i for t in conjunct.subtree if t.dep_ in ("conj", "cc") or t == conjunct)
        doc = conjunct.doc
        nxt = doc[last + 1] if last + 1 < len(doc) else None
        return nxt is not None and nxt.pos_ == "NOUN" and nxt.dep_ in ("nsubj", "nsubjpass") and \
            nxt.head.i != conjunct.head.i and doc[conjunct.i - 1].text == ","

    def _origins(self, items: list[ItemSlot]) -> list[Token]:
        """Parties named on the items themselves: "Swedish Gripen jets", "Iranian-made drones", "drones made in
        Iran", "Russia's S-400 systems"."""
        out: list[Token] = []
        for slot in items:
            # the verb of the items, and the one above it unless that verb has an object of its own ("use
            # profits from Russian assets to buy weapons": the assets are no origin of the weapons)
            verbs = [v for v in (slot.top.head, slot.top.head.head) if v.pos_ in ("VERB", "AUX") and (
                v is slot.top.head or not any(o.i != slot.top.i for o in children(v, "dobj")))]
            preps = [p for p in slot.top.subtree if p.dep_ == "prep"] + [p for v in verbs for p in children(v, "prep")]
            came_from = [t for p in preps if prep_word(p) in ("from", "out of")
                         for t in p.subtree]  # "tanks taken out of Belarusian bases"
            # "took in parts for a Chilean-built radar": parts come from the maker of what they are for
            made_for = self._made_for(slot, preps)
            for t in [*slot.top.subtree, *self._origin_phrase(slot.top), *self._carrier(slot.top), *came_from,
                      *made_for]:
                a = self.mentions.actor_at.get(t.i)
                if a is None or a.actor.kind == "org":
                    continue
                if t in came_from or t in made_for:
                    out.append(t)
                    continue
                of_owner = t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.i in (slot.head.i, slot.top.i)
                if t.i > slot.head.i and t.head.lemma_ not in self.words["origin_participles"] and not of_owner:
                    continue  # "stocks of the Defense Department" name their owner
                if t.dep_ in ("amod", "compound", "poss", "npadvmod", "nmod", "pobj", "agent") or t.head.lemma_ in \
                        self.words["origin_participles"]:
                    out.append(t)
        return out

    def _carrier(self, top: Token) -> list[Token]:
        """"three Algerian cargo planes carrying rifles", "Turkish planes landed ..., carrying a radar":
        a state's own carrier names who sends its cargo."""
        verb = top.head if top.dep_ == "dobj" else None
        if verb is None or verb.lemma_.lower() not in self.words["convey_verbs"]:
            return []
        carriers = [verb.head] if verb.dep_ in ("acl", "relcl") else self.args.verb(verb).tokens("subj")
        return [t for carrier in carriers for t in carrier.subtree  # "Chinese air force transport planes"
                if t.i < carrier.i and t.dep_ in ("amod", "compound", "poss")]

    def _made_for(self, slot: ItemSlot, preps: list[Token] | None = None) -> list[Token]:
        """The names on the weapon that parts are for ("components for Russian drones"), wherever the parser
        hung "for": on the parts, their verb, or the noun they are the object of."""
        if slot.category != "components":
            return []
        if preps is None:
            verb = slot.top.head
            preps = [p for p in slot.top.subtree if p.dep_ == "prep"] + (
                children(verb, "prep") if verb.pos_ in ("VERB", "AUX") else [])
        owner = slot.top.head.head if slot.top.dep_ == "pobj" else None  # "acceptance of components for"
        hosts = preps + (children(owner, "prep") if owner is not None and owner.pos_ == "NOUN" else [])
        return [t for p in hosts if prep_word(p) == "for" for o in prep_objects(p)
                if self.mentions.category_of(o) is not None
                for t in o.subtree if t.i < o.i and t.dep_ in ("amod", "compound", "nmod", "poss")]

    def _origin_phrase(self, top: Token) -> list[Token]:
        """"the shipments were of Iranian origin": an origin said of the items by a copula."""
        verb = top.head if top.dep_ in ("nsubj", "nsubjpass") and top.head.lemma_ in self.words["copulas"] else None
        if verb is None:
            return []
        return [t for p in children(verb, "prep") for o in prep_objects(p)
                if o.lemma_.lower() in self.words["origin_participles"] for t in o.subtree]

    def _holder(self, trigger: Token, f: Frame) -> Party | None:
        """Who has the items a participle describes ("US-supplied missiles", "drones supplied by Iran"): their
        possessor, or the subject of the verb that uses or holds them ("Ukraine fired US-supplied missiles",
        "with US-provided weapons, the army ...")."""
        if trigger.dep_ == "advcl" and trigger.tag_ == "VBN" and trigger.head.lemma_ in self.words["holding_verbs"]:
            # "Hezbollah has 150,000 rockets, most of them supplied by Iran": who has them
            return next((holder for t in self.args.verb(trigger.head).tokens("subj")
                         if (holder := self._as_party(t, self.kind_of(t))) is not None), None)
        item = trigger.head
        # a relative clause whose object is its noun describes it as a participle does: "missiles, which were
        # supplied by Iran", "missiles that Iran supplied"
        described = (trigger.dep_ in ("amod", "acl") and trigger.tag_ in ("VBN", "JJ")) or (
            trigger.dep_ == "relcl" and item in self.args.predicate(trigger).tokens("obj"))
        if not described or item.i not in {i for s in f.items for i in (s.top.i, s.head.i)}:
            return None
        for p in children(item, "poss"):
            if self.kind_of(p) == "actor":
                return Party(p, self.mentions.actor_of_phrase(p))
        host = item.head
        while item.dep_ == "pobj" and host.lower_ == "of" and host.head.pos_ in ("NOUN", "NUM", "PRON"):
            item, host = host.head, host.head.head  # "fired dozens of missiles supplied by Iran": up the measures
        if item.dep_ == "pobj" and host.dep_ == "prep":
            host = host.head
        if host.pos_ in ("VERB", "AUX") and (host.lemma_ in self.words["holding_verbs"] or item.head.lower_ == "with"):
            for t in self.args.verb(host).tokens("subj"):
                party = self._as_party(t, self.kind_of(t))  # "Russian troops fired Iranian-supplied drones"
                if party is not None:
                    return party
        return None

    # -- items ----------------------------------------------------------------------------------------------
    def _items(self, pred: Predicate, row: FrameRow) -> list[ItemSlot]:
        heads: list[Token] = []
        forced: list[ItemSlot] = []
        only: list[ItemSlot] = []
        for slot in row.items:
            if slot.role == "self":
                category = self.mentions.category_of(pred.head)
                if category and not self.items.money(pred.head):  # "$2 billion in aid": money is no item
                    forced.append(ItemSlot(pred.head, pred.head, category))
                continue
            tokens = pred.tokens(slot.role)
            if slot.role == "obj":  # "shipped shells to Russia, along with missiles": the list hung on the verb
                tokens += [a.token for a in pred.args if a.role.removeprefix("pp:") in self.words["list_preps"]]
                tokens += self._list_on_party(pred) if tokens else []
            own_name = self.mentions.item_at.get(pred.head.i)  # "Foreign Military Sale": no items of its own
            tokens = [t for t in tokens if own_name is None or self.mentions.item_at.get(t.i) is not own_name]
            for t in tokens:
                if slot.category:
                    forced += self._know_how(t, slot.category)
                elif slot.only:  # "Iranian personnel ... helping Russian troops": only troops help that way
                    only += [s for s in self.items.items([t], pred.head.sent) if s.category == slot.only]
                elif self.kind_of(t) not in ("actor", "anaphor"):
                    heads.append(t)
        forced += only
        taken = {f.head.i for f in forced}
        return forced + [s for s in self.items.items(heads, pred.head.sent) if s.head.i not in taken]

    def _list_on_party(self, pred: Predicate) -> list[Token]:
        """"bought weapons from Iran, such as drones": a list after a party, which names no weapons, goes on
        the items (the parser hangs it on the nearest noun)."""
        return [o for a in pred.args if a.role.startswith("pp:") and self.kind_of(a.token) == "actor"
                for p in children(a.token, "prep") if prep_word(p) in self.words["list_preps"]
                for o in prep_objects(p) if self.kind_of(o) == "item"]

    def _know_how(self, tok: Token, category: str) -> list[ItemSlot]:
        """"help Moscow build drones", "assisted Iran in developing missiles": what is built is know-how."""
        work = tok if tok.pos_ in ("VERB", "AUX") else next(iter(children(tok, "pcomp")), None)
        if work is None or work.lemma_.lower() not in self.words["production_verbs"]:
            return []
        obj = next(iter(children(work, "dobj")), work)
        return [ItemSlot(obj, obj, category)]

    def _cargo(self, items: list[ItemSlot]) -> list[ItemSlot]:
        """Items "bound for" a party are a cargo only when carried, or when they cannot move by themselves:
        "Iranian missiles bound for Israel" is an attack, "a shipment of missiles bound for Yemen" a delivery."""
        return [s for s in items if s.category not in self.words["self_propelled"] or self._carried(s)]

    def _carried(self, slot: ItemSlot) -> bool:
        if slot.carried:
            return True
        verb = slot.top.head if slot.top.dep_ == "dobj" else None
        if verb is not None and verb.dep_ in ("acl", "relcl") and verb.lemma_.lower() in self.words["convey_verbs"]:
            return True  # "boats carrying Iranian missiles bound for ..."
        for t in [slot.top, *slot.measures, slot.head]:
            if t is not slot.head and (t.lemma_.lower() in self.words["carriers"] | self.words["container_nouns"]):
                return True  # "a shipment of drones", "containers of shells"
            if t.dep_ == "pobj" and t.head.lower_ in ("of", "with") and t.head.head.lemma_.lower() in (
                    self.words["carriers"] | self.words["container_nouns"] | self.words["convey_verbs"]):
                return True
        return False

    # -- frames of one sentence together ----------------------------------------------------------------------
    def _relate(self, frames: list[Frame]) -> None:
        for outer in frames:
            for inner in frames:
                if inner is not outer and self._passed_on(inner, outer):
                    inner.supplier = outer.recipient  # "sold by Serbia to Libya before being handed on to ..."
        for _ in range(3):  # a chain of frames passes its parties along: boats carrying arms bound for X, seized
            changed = False
            for outer in frames:
                for inner in frames:
                    if inner is not outer and (self._nested(inner, outer) or self._same_items(inner, outer)):
                        changed |= _fill(inner, outer)
            if not changed:
                break
        for part in [f for f in frames if f.direction == "part"]:
            whole = self._whole_frame(part, frames)
            if whole is not None:
                maybe = any(c.dep_ == "aux" and c.lower_ in self.words["hedge_aux"] for c in part.trigger.children)
                for s in part.items:
                    s.hedged = s.hedged or maybe  # "crates that may contain rifles"
                whole.items += [s for s in part.items if s.head.i not in {x.head.i for x in whole.items}]
                part.items = []
        for inner in frames:
            described = next((o for o in frames if _describes_items(inner, o)), None)
            if described is not None and _one_destination_two_suppliers(inner, described):
                # "sent Peru rifles seized from Bolivia": the parser hangs "to Peru" on the nearer verb; the
                # destination is the main transfer's, the seized rifles went nowhere else
                inner.recipient = None
                inner.blocked.add("recipient")
        for inner in frames:
            holder = next((outer for outer in frames if self._equips(inner, outer)), None)
            if holder is not None:
                inner.recipient = holder.recipient  # "shells for US-supplied howitzers" sent to Chile: Chile's
                inner.supplier = inner.supplier or inner.late_origin  # and the US supplied them, not the sender

    @staticmethod
    def _equips(inner: Frame, outer: Frame) -> bool:
        """The items of a participle frame are what the other frame's items are for: "sent Chile rounds for
        US-supplied howitzers" (the howitzers are Chile's)."""
        if inner is outer or inner.recipient is not None or "recipient" in inner.blocked \
                or inner.trigger.tag_ != "VBN" or outer.recipient is None or outer.direction != "give":
            return False
        outer_items = {i for s in outer.items for i in (s.top.i, s.head.i)}
        return any(s.top.dep_ == "pobj" and s.top.head.lower_ == "for" and s.top.head.head.i in outer_items
                   for s in inner.items)

    def _passed_on(self, inner: Frame, outer: Frame) -> bool:
        """A passive transfer chained after another, with no agent of its own: the first recipient passes it on."""
        t = inner.trigger
        chained = (t.head == outer.trigger and t.dep_ in ("advcl", "conj", "xcomp")) or (
            t.dep_ == "pcomp" and t.head.head == outer.trigger)
        return chained and inner.supplier is None and outer.recipient is not None and outer.direction == "give" \
            and inner.direction == "give" and self.args.predicate(t).passive

    @staticmethod
    def _nested(inner: Frame, outer: Frame) -> bool:
        """One frame inside the other: "signed a contract with India for the supply of rockets" (the supply is
        the contract's), "is negotiating with Serbia to purchase rifles" (the purchase is the negotiation's)."""
        trig = inner.trigger
        if trig.dep_ == "pobj" or (trig.dep_ == "pcomp" and trig.head.dep_ == "prep"):
            # "a contract for the supply of"; not "repaying Moscow for arms purchases" (a reason, not a part)
            return trig.head.head == outer.trigger and not (outer.trigger.pos_ == "VERB" and trig.head.lower_ == "for")
        if trig.dep_ in ("acl", "relcl") and trig.head.dep_ in ("nsubj", "nsubjpass", "dobj"):
            return trig.head.head == outer.trigger  # "planes carrying arms landed in Mogadishu"
        if trig.dep_ == "conj" and trig.pos_ in ("VERB", "AUX", "ADJ") and not children(trig, "nsubj", "nsubjpass"):
            return trig.head == outer.trigger  # "came from Iran and was bound for the Houthis": one shipment
        return trig.head == outer.trigger and trig.dep_ in ("xcomp", "advcl", "acl", "ccomp", "dobj", "relcl")

    @staticmethod
    def _same_items(a: Frame, b: Frame) -> bool:
        heads = {s.head.i for s in a.items}
        return bool(heads) and bool(heads & {s.head.i for s in b.items})

    def _whole_frame(self, part: Frame, frames: list[Frame]) -> Frame | None:
        """The frame a part frame's subject belongs to: "the proposed sales include ...", "the systems
        in the package include ...", "the weapons, which include ..."."""
        if part.whole is None:
            return None
        whole = part.whole
        if whole.tag_ in ("WDT", "WP") and part.trigger.dep_ == "relcl":
            whole = part.trigger.head  # "crates that contain rifles": the crates
        span = {t.i for t in whole.subtree} if whole is part.whole else {whole.i}
        for f in frames:
            if f is part or f.direction == "part":
                continue
            if f.trigger.i in span or any(s.head.i in span or s.top.i in span for s in f.items):
                return f
            if f.trigger.pos_ != "NOUN" and whole in self.args.predicate(f.trigger).tokens("obj"):
                return f  # "crates that may contain rifles were shipped": the crates' shipment
        return None


def _describes_items(inner: Frame, outer: Frame) -> bool:
    """A participle on the other frame's items: "rifles seized from Bolivia", "jets built in Sweden"."""
    return inner is not outer and inner.trigger.dep_ == "acl" and inner.trigger.tag_ == "VBN" and \
        inner.trigger.head.i in {i for s in outer.items for i in (s.top.i, s.head.i)}


def _one_destination_two_suppliers(inner: Frame, outer: Frame) -> bool:
    parties = (inner.supplier, outer.supplier, inner.recipient, outer.recipient)
    if any(p is None or p.code is None for p in parties):
        return False
    codes = [p.code for p in parties if p is not None]
    return codes[0] != codes[1] and codes[2] == codes[3]


def _fill(inner: Frame, outer: Frame) -> bool:
    """Share parties between two frames of one transfer; True when something was filled."""
    changed = False
    if inner.supplier is None and "supplier" not in inner.blocked and outer.supplier is not None:
        inner.supplier = outer.supplier
        inner.more_suppliers = inner.more_suppliers or outer.more_suppliers
        changed = True
    if inner.supplier is None and inner.late_origin is None and outer.late_origin is not None:
        inner.late_origin = outer.late_origin
        changed = True
    if inner.recipient is None and "recipient" not in inner.blocked and outer.recipient is not None:
        inner.recipient = outer.recipient
        inner.more_recipients = inner.more_recipients or outer.more_recipients
        changed = True
    if not inner.items and outer.items and inner.trigger.dep_ in ("relcl", "acl") and \
            inner.trigger.head.i in {s.top.i for s in outer.items}:
        inner.items = list(outer.items)
        changed = True
    return changed


def _without_agent(slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    return tuple(s for s in slots if s.role != "sup:agent")


def _names(slots: tuple[Slot, ...], role: str) -> bool:
    return any(s.role == role for s in slots)
