"""Transfer frames from the dependency parse: a trigger with its giver, receiver and items.

Verbal triggers ("ship", "receive", "seek") and nominal ones ("delivery", "transfer", "deal") come from
data/triggers.tsv with a direction: `give` (the subject supplies), `take` (the subject receives), or
`arrive` (the items are the subject and the destination is the receiver). Roles are read from the
tree: subjects, passive agents, datives, "to/for/into" (receiver), "from" (supplier), "with",
"along with", "as well as", "including" and conjuncts (items), possessives and demonyms on nominal
triggers ("Iran's transfer", "Iranian drone deliveries").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from armswatch.extract.lexicon import DESTINATION_WORDS, GROUP_WORDS, HELP_VERBS, ORIGIN_PARTICIPLES, PRODUCTION_VERBS
from armswatch.extract.mentions import ActorMention, Mentions

__all__ = ["Frame", "ItemSlot", "TriggerTable", "find_frames", "item_slot"]

_RECEIVER_PREPS = {"to", "for", "into"}
_ITEM_PREPS = {"with", "including"}
_CIVIL_MODIFIERS = {"storage", "fuel", "oil", "water", "gas", "septic", "think", "fish", "petrol", "diesel",
                    "ballast", "cargo", "container", "passenger", "fishing", "merchant", "commercial",
                    "civilian", "civil", "airline", "jumbo", "private", "business", "golf", "talk", "negotiation"}
_SPEECH_LEMMAS = {"say", "tell", "add", "announce", "report", "state", "note", "write"}
_HOLDING_VERBS = {"use", "fire", "launch", "operate", "have", "possess", "deploy", "field", "employ"}
_MADE = {"made", "built", "supplied", "provided", "manufactured", "produced", "designed"}
_CONVEY = {"carry", "transport", "ferry", "haul"}
_OBJECT_CONTROL = {"accuse", "help", "allow", "force", "urge", "encourage", "enable", "persuade", "suspect",
                   "blame", "permit", "authorize", "authorise", "order", "ask", "tell", "warn", "pressure"}
_MAKING_VERBS = {"announce", "sign", "approve", "make", "complete", "conclude", "agree", "offer", "unveil",
                 "finalise", "finalize", "seal", "place", "reach", "pledge", "send", "deliver", "receive",
                 "win", "award", "clear", "authorize", "authorise", "negotiate", "ink"}
_DEAL_NOUNS = {"contract", "deal", "agreement", "package", "order", "pledge", "consignment", "shipment",
               "delivery", "batch", "tranche"}
# what carries a cargo: "boats carrying rifles", "tanks loaded onto trains"
_CARRIERS = {"train", "ship", "vessel", "boat", "dhow", "truck", "lorry", "convoy", "plane", "aircraft", "flight",
             "freighter", "barge", "container", "wagon", "car", "cargo", "shipment", "consignment"}
# weapons that move by themselves: "heading for" a place they may be attacking, not cargo
_SELF_PROPELLED = {"missiles", "uav", "aircraft", "naval", "armoured_vehicles"}
# nouns whose "to" infinitive says what they are for ("a deal to buy", "plans to acquire")
_PURPOSE_NOUNS = _DEAL_NOUNS | {"plan", "bid", "offer", "decision", "request", "proposal", "effort", "move"}
_PRONOUNS = {"it", "they", "we", "he", "she", "its", "their", "our", "his", "her", "itself", "themselves"}


@dataclass(frozen=True)
class TriggerTable:
    verbs: dict[str, tuple[str, str]]  # lemma -> (direction, base status)
    nouns: dict[str, tuple[str, str]]
    # triggers that make a claim only with both parties named in their own clause ("building ... for")
    explicit: frozenset[str] = frozenset()


@dataclass
class ItemSlot:
    head: Token  # the weapon noun ("ammunition" in "11,000 containers of ammunition")
    top: Token  # the phrase's own head ("containers")
    category: str
    measures: list[Token] = field(default_factory=list)  # the measure chain from top down to head


@dataclass
class Frame:
    trigger: Token
    direction: str
    base_status: str
    giver: ActorMention | None = None
    receiver: ActorMention | None = None
    giver_token: Token | None = None  # a pronoun or anaphor to resolve when giver is None
    receiver_token: Token | None = None
    items: list[ItemSlot] = field(default_factory=list)
    made_by: bool = False  # an "X-made" frame, weaker than a verbal one
    more_givers: list[ActorMention] = field(default_factory=list)  # "from Denmark and the Netherlands"
    more_receivers: list[ActorMention] = field(default_factory=list)
    explicit: bool = False  # parties may not come from context
    pronoun_items: bool = False  # the items are "them"/"it": take them from the frame this one continues
    bare_number: Token | None = None  # "Norway has promised six": the items are those of the last frame

    @property
    def sentence(self) -> Span:
        return self.trigger.sent


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_conjuncts(c))
        elif c.dep_ == "prep" and (c.lower_ == "along" or _as_well_as(c)):
            # "X along with Y", "X as well as Y" attached to the first item
            for pobj in _prep_objects(c):
                out.extend(_conjuncts(pobj))
        elif c.dep_ == "cc":
            continue
    return out


def _group_anaphor(tok: Token) -> bool:
    """"the group", "the militia": an armed group named before (resolved where claims are read)."""
    return tok.lower_ in GROUP_WORDS and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def _as_well_as(prep: Token) -> bool:
    """"as well as" (not "as part of", "as a result")."""
    doc = prep.doc
    return prep.lower_ == "as" and (
        (prep.i >= 2 and doc[prep.i - 1].lower_ == "well" and doc[prep.i - 2].lower_ == "as")
        or (prep.i + 2 < len(doc) and doc[prep.i + 1].lower_ == "well" and doc[prep.i + 2].lower_ == "as"))


def _prep_objects(prep: Token) -> list[Token]:
    """Objects of a preposition, through compound prepositions ("along with", "as well as")."""
    objs = _children(prep, "pobj", "pcomp")
    for c in prep.children:
        if c.dep_ == "prep":
            objs.extend(_prep_objects(c))
    return objs


def item_slot(head: Token, mentions: Mentions, measure_words: dict[str, str]) -> ItemSlot | None:
    """Follow "containers of", "dozens of", "50 of its" down to the weapon noun and categorise it."""
    from armswatch.extract.lexicon import singular

    top, tok, chain = head, head, []
    for _ in range(4):
        is_measure = singular(tok.text) in measure_words or tok.pos_ == "NUM" or tok.like_num or (
            mentions.category_of(tok) is None and tok.lower_ in ("version", "variant", "model", "type", "kind",
                                                                  "batch", "tranche", "portion"))
        of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
        if is_measure and of and _children(of[0], "pobj"):
            chain.append(tok)
            tok = _children(of[0], "pobj")[0]
            continue
        break
    if tok.i in mentions.actor_at and mentions.actor_at[tok.i].actor.kind != "company":
        return None
    category = mentions.category_of(tok)
    if category is None and chain and tok.lower_ in ("them", "these", "those"):
        # "about half a million of them": the nearest weapon named before, in the same sentence
        for i in range(tok.i - 1, tok.sent.start - 1, -1):
            if i in mentions.item_at:
                category = mentions.category_of(tok.doc[mentions.item_at[i].end - 1])
                if category:
                    break
    if category is None and chain and tok.pos_ not in ("NOUN", "PROPN"):
        category = mentions.category_of(chain[-1])  # "rounds of them"; never "rounds of talks"
    if category is not None and any(c.dep_ in ("compound", "amod") and c.lower_ in _CIVIL_MODIFIERS
                                     for c in tok.children):
        return None  # "storage tanks", "think tank", "fuel tanks"
    if category is None and tok.pos_ in ("NOUN", "PROPN") and tok.i in mentions.item_at:
        # "three squadrons so far": a weak noun takes the category it had when last named in full
        for prev in range(tok.i - 1, -1, -1):
            t = tok.doc[prev]
            if t.lemma_ == tok.lemma_ and prev in mentions.item_at:
                category = mentions.category_of(t)
                if category:
                    break
    if category is None:
        return None
    return ItemSlot(tok, top, category, chain)


class _FrameReader:
    def __init__(self, sent: Span, mentions: Mentions, triggers: TriggerTable,
                 measures: dict[str, str]) -> None:
        self.sent = sent
        self.mentions = mentions
        self.triggers = triggers
        self.measures = measures

    # -- helpers ---------------------------------------------------------------------------------
    def actor(self, tok: Token | None) -> ActorMention | None:
        if tok is None:
            return None
        return self.mentions.actor_of_phrase(tok)

    def is_actor_phrase(self, tok: Token) -> bool:
        """True when a noun phrase names a party (not a weapon that merely has an actor modifier)."""
        if tok.i in self.mentions.actor_at:
            return True
        if self.mentions.category_of(tok) or item_slot(tok, self.mentions, self.measures) is not None:
            return False
        return self.actor(tok) is not None

    def items_from(self, heads: list[Token]) -> list[ItemSlot]:
        return self._extend_list(self._items_from(heads))

    def _extend_list(self, slots: list[ItemSlot]) -> list[ItemSlot]:
        """Recover list members a parse broke off: after the last item, ", X", "and X", "or X"
        segments that end in a weapon noun are items too ("..., Bradley fighting vehicles and Javelin ...")."""
        if not slots:
            return slots
        doc = self.sent.doc
        seen = {s.head.i for s in slots}
        last_slot = max(slots, key=lambda s: s.head.i)
        i = max(last_slot.head.i, max((c.right_edge.i for c in last_slot.head.children
                                         if c.dep_ in ("relcl", "acl") and c.i > last_slot.head.i), default=0)) + 1
        while i < self.sent.end:
            if doc[i].text not in (",", "and", "or"):
                break
            while i < self.sent.end and doc[i].text in (",", "and", "or"):
                i += 1
            j = i
            while j < self.sent.end and doc[j].text not in (",", "and", "or", ".", ";", ":", "\u2014") \
                    and doc[j].pos_ not in ("VERB", "AUX", "ADP") or (j < self.sent.end and doc[j].text == "-"):
                j += 1
            if j == i:
                break
            last = doc[j - 1]
            if last.i in seen or self.mentions.actor_at.get(last.i) is not None:
                break
            slot = item_slot(last, self.mentions, self.measures)
            if slot is None:
                break
            slots.append(slot)
            seen.add(last.i)
            i = j
        return slots

    def _items_from(self, heads: list[Token]) -> list[ItemSlot]:
        out: list[ItemSlot] = []
        heads = [*heads, *[o for h in heads if h.lemma_ in _DEAL_NOUNS for o in self._deal_objects(h)]]
        for h in heads:
            for t in _conjuncts(h):
                slot = item_slot(t, self.mentions, self.measures)
                if slot:
                    out.append(slot)
                # "a package of weapons including X", "parts, including engines"
                for prep in _children(t, "prep"):
                    such_as = prep.lower_ == "as" and (any(c.lower_ == "such" for c in prep.children)
                                                       or prep.nbor(-1).lower_ == "such")
                    if prep.lower_ in ("including", "such", "like") or such_as:
                        for pobj in _prep_objects(prep):
                            for u in _conjuncts(pobj):
                                s = item_slot(u, self.mentions, self.measures)
                                if s:
                                    out.append(s)
        return out

    def _deal_objects(self, noun: Token) -> list[Token]:
        """What a contract/deal/package is for: "a contract for 288 launchers", "a package of weapons"."""
        out = []
        hosts = [noun, *[c for c in noun.children if c.dep_ == "acl"]]
        for host in hosts:
            for p in _children(host, "prep"):
                if p.lower_ in ("for", "of", "including", "on"):
                    out += [o for o in _prep_objects(p) if not self.is_actor_phrase(o)]
        return out

    def subject_of(self, verb: Token) -> Token | None:
        """nsubj of the verb, or of the verbs it hangs from ("continues to supply", "a pledge to provide");
        object control gives the object ("accused Iran of using ... to move missiles")."""
        tok = verb
        for _ in range(8):
            if tok != verb and tok.lemma_ in _OBJECT_CONTROL and _children(tok, "dobj"):
                return _children(tok, "dobj")[0]
            subj = _children(tok, "nsubj") or (_children(tok, "nsubjpass") if tok != verb else [])
            if subj:
                return subj[0]
            if tok.dep_ == "conj" and tok.head.lemma_ in _SPEECH_LEMMAS:
                # "Poland has received tanks, the ministry said, and is in talks to buy more": the
                # conjunct continues the reported clause, not the speaker
                reported = next((c for c in tok.head.children if c.dep_ == "ccomp"), None)
                if reported is not None and _children(reported, "nsubj"):
                    return _children(reported, "nsubj")[0]
            if tok.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "pobj", "prep", "dobj", "ccomp", "acomp") \
                    and tok.head.i != tok.i:
                tok = tok.head
                continue
            if tok.dep_ == "relcl" and tok.head.lemma_ in _PURPOSE_NOUNS and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                tok = tok.head  # "signed a deal to buy": the infinitive is the deal's purpose, not a clause
                continue
            break
        return None

    # -- verbal triggers -------------------------------------------------------------------------
    def verb_frame(self, v: Token, direction: str, status: str) -> Frame:
        f = Frame(v, direction, status)
        own_subject = bool(_children(v, "nsubj"))
        perfect = any(c.lower_ in ("has", "have", "had") for c in _children(v, "aux"))
        passive = bool(_children(v, "nsubjpass", "auxpass")) or (
            v.dep_ == "acl" and v.tag_ == "VBN" and not own_subject and not perfect)
        subj = _children(v, "nsubj")
        subj_tok = subj[0] if subj else (None if passive else self.subject_of(v))
        subjpass = _children(v, "nsubjpass")
        if not subjpass and passive and v.dep_ == "xcomp":
            subjpass = _children(v.head, "nsubjpass")  # "shells are believed to have been shipped"
            if not subjpass and v.head.dep_ == "acomp":
                subjpass = _children(v.head.head, "nsubj")  # "the tanks are due (likely) to be delivered"
            elif not subjpass and v.head.lemma_ == "be":
                subjpass = _children(v.head, "nsubj")  # "the boats are to be exported"
        agent = [p for c in _children(v, "agent") for p in _children(c, "pobj")]
        objs = _children(v, "dobj", "oprd")
        datives = _children(v, "dative")
        preps = _children(v, "prep")
        # relative clauses and participles: the modified noun fills the slot of the relative pronoun
        # ("allegations that the UAE has supplied ..." is a content clause, not a modifier)
        head_noun = v.head if v.dep_ == "relcl" or (v.dep_ == "acl" and not own_subject) else None
        if not subj and not passive and v.dep_ in ("advcl", "conj", "ccomp") and v.tag_ in ("VBD", "VBZ", "VBP") \
                and not any(c.lower_ == "to" for c in v.children):
            # "after neighbouring Ethiopia received drones": a party right before the verb is its subject
            prev = v.i - 1
            while prev > v.sent.start and v.doc[prev].dep_ in ("aux", "advmod", "neg"):
                prev -= 1
            a = self.mentions.actor_at.get(prev)
            if a is not None and a.how in ("name", "metonym") and v.doc[prev].dep_ == "dobj":
                subj_tok = v.doc[prev]
        if v.dep_ == "acl" and v.tag_ == "VBG" and not subj:
            subj_tok = v.head  # "countries buying Russian weapons": the noun is the buyer
        if head_noun is not None:
            rel = [c for c in v.children if c.tag_ in ("WDT", "WP") or c.lower_ == "that"]
            if rel and rel[0].dep_ in ("nsubj", "nsubjpass") and not passive:
                subj_tok = head_noun
            elif passive and not subjpass:
                subjpass = [head_noun]
            elif rel and rel[0] in objs:
                objs = [head_noun if o == rel[0] else o for o in objs]
            elif not objs:
                objs = [head_noun]
            # "10 K2 tanks and 24 K9 howitzers bought by Poland": the participle modifies both
            first = head_noun
            while first.dep_ == "conj":
                first = first.head
            if first != head_noun:
                if passive and subjpass == [head_noun]:
                    subjpass = [first]
                elif objs == [head_noun]:
                    objs = [first]
        if not objs and head_noun is None:
            # "the Su-35 fighter, which Tehran has said it wants to buy": the relative pronoun is the
            # object of a verb above the trigger
            cur = v
            for _ in range(3):
                if cur.dep_ not in ("xcomp", "ccomp") or cur.head.i == cur.i:
                    break
                cur = cur.head
                if cur.dep_ == "relcl" and any(c.dep_ == "dobj" and (c.tag_ in ("WDT", "WP") or c.lower_ == "that")
                                               for c in cur.children):
                    objs = [cur.head]
                    break
        item_heads: list[Token] = []
        if direction == "arrive":
            if any(t.lemma_ in self.triggers.nouns for t in subj + subjpass):
                return f
            item_heads += subj + subjpass
            for p in preps:
                if p.lower_ in ("in", "to", "at", "with"):
                    for o in _prep_objects(p):
                        if self.is_actor_phrase(o):
                            f.receiver = self.actor(o)
                if p.lower_ == "from":
                    for o in _prep_objects(p):
                        f.giver = f.giver or self.actor(o)
            f.items = self.items_from(item_heads)
            if f.giver is None:
                for h in item_heads:
                    for t in h.subtree:
                        a = self.mentions.actor_at.get(t.i)
                        if a is not None and a.how == "adjective" and (f.receiver is None
                                                                        or a.code != f.receiver.code):
                            f.giver = a
                            break
            return f
        giver_tok: Token | None
        receiver_tok: Token | None = None
        entered = False  # the receiver came after "into"
        if direction == "give":
            giver_tok = agent[0] if (passive and agent) else (None if passive else subj_tok)
            if v.lemma_ in _CONVEY:
                giver_tok = None  # "vessels carrying them from Iran": the carrier is no party
            for o in objs + datives:
                if self.is_actor_phrase(o):
                    receiver_tok = receiver_tok or o  # "supply Russia with drones", "arming the Houthis"
                else:
                    item_heads.append(o)
            if receiver_tok is not None:
                item_heads += [a for a in _children(receiver_tok, "appos") if self.mentions.category_of(a)]
            if not item_heads and objs and receiver_tok is None and self.is_actor_phrase(objs[0]):
                receiver_tok = objs[0]  # "Iran continues to supply Russia with drones"
            for sp in subjpass:
                if self.is_actor_phrase(sp) and not self.mentions.category_of(sp):
                    receiver_tok = sp  # "Ukraine was given ..."
                else:
                    item_heads.append(sp)
        else:  # take
            giver_tok = None
            receiver_tok = agent[0] if (passive and agent) else (None if passive else subj_tok)
            item_heads += objs + subjpass
        if receiver_tok is None and head_noun is not None and head_noun.dep_ == "dobj" \
                and head_noun.head.lemma_ in _HOLDING_VERBS:
            # "Hamas fighters used rockets smuggled from Iran", "Poland operates jets bought from the US"
            receiver_tok = self.subject_of(head_noun.head)
        # "supplied Russia with hundreds of drones" with "with" hung on the recipient
        if receiver_tok is not None and direction == "give":
            for p in _children(receiver_tok, "prep"):
                if p.lower_ == "with":
                    item_heads += [o for o in _prep_objects(p) if not self.is_actor_phrase(o)]
        # "handed Belarus Iskander-M systems": a state name parsed as the object's modifier
        if direction == "give" and receiver_tok is None:
            for o in objs:
                first = o.left_edge
                a = self.mentions.actor_at.get(first.i)
                if a is not None and a.how in ("name", "metonym") and first.dep_ in ("compound", "nmod") \
                        and self.mentions.category_of(o):
                    receiver_tok = first
        # prepositions on the trigger and anywhere in its clause (parses often attach them low)
        for host in self._clause_hosts(v, objs, receiver_tok):
            for p in _children(host, "prep"):
                word = p.lower_
                objs_p = _prep_objects(p)
                if word in _RECEIVER_PREPS and direction == "give":
                    for o in objs_p:
                        if (self.is_actor_phrase(o) or _group_anaphor(o)) and receiver_tok is None:
                            receiver_tok = o  # "passed on to the group": the group named before
                            entered = word == "into"
                elif word == "from":
                    for o in objs_p:
                        if self.is_actor_phrase(o) and (giver_tok is None or (
                                direction == "give" and not self.is_actor_phrase(giver_tok))):
                            giver_tok = o
                elif word in _ITEM_PREPS or word == "along" or _as_well_as(p):
                    if host == v or ((word == "along" or _as_well_as(p)) and host in objs):
                        item_heads += [o for o in objs_p if not self.is_actor_phrase(o)]
                elif word == "by" and direction == "take" and host != v:
                    for o in objs_p:
                        if self.is_actor_phrase(o) and receiver_tok is None:
                            receiver_tok = o
        # "in talks with Moscow to acquire", "negotiating with Iran to purchase": the other side supplies
        if direction == "take" and giver_tok is None:
            cur = v
            for _ in range(4):
                deal_objs = [o for o in _children(cur, "dobj") if o.lemma_ in _DEAL_NOUNS | {"talk", "negotiation"}]
                deal_objs += [o for p in _children(cur, "prep") if p.lower_ == "in" for o in _prep_objects(p)
                              if o.lemma_ in ("talk", "negotiation", "discussion")]
                if cur.lemma_ in ("talk", "negotiate", "negotiation", "deal", "agreement", "contract", "sign",
                                  "agree") or cur == v or deal_objs:
                    for host in [cur, *deal_objs]:  # "signed a deal with France to buy"
                        for p in _children(host, "prep"):
                            if p.lower_ == "with" and giver_tok is None:
                                giver_tok = next((o for o in _prep_objects(p) if self.is_actor_phrase(o)), None)
                if giver_tok is not None or cur.head.i == cur.i:
                    break
                cur = cur.head
        # "ask the United States for ATACMS": the asked party supplies
        if v.lemma_ == "ask":
            for o in objs:
                if self.is_actor_phrase(o):
                    giver_tok = o
                    item_heads = [x for x in item_heads if x != o]
            for p in preps:
                if p.lower_ == "for":
                    item_heads += _prep_objects(p)
        # "sent 10,000 soldiers to train in eastern Russia": the purpose clause says where
        if direction == "give" and receiver_tok is None:
            for c in v.children:
                if c.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in c.children):
                    for p in _children(c, "prep"):
                        if p.lower_ in ("in", "to", "into"):
                            receiver_tok = next((o for o in _prep_objects(p) if self.is_actor_phrase(o)), None)
        if direction == "give" and passive and giver_tok is None and receiver_tok is not None:
            # "an Australian-built fleet ... exported to Germany", "Iranian drones have been supplied to
            # Ethiopia": the origin named on the subject is the supplier
            for sp in subjpass:
                for t in sp.subtree:
                    a = self.mentions.actor_at.get(t.i)
                    made = t.i + 2 < len(t.doc) and t.nbor(1).text == "-" and t.nbor(2).lower_ in _MADE
                    recv = self.actor(receiver_tok)
                    if a is not None and (made or (a.how == "adjective" and t.head == sp)) \
                            and (recv is None or a.code != recv.code):
                        giver_tok = t
                        break
        # "Riyadh giving London its biggest-ever arms export order": the one who gets the order supplies
        if direction == "give" and item_heads and all(h.lemma_ in ("order", "contract") for h in item_heads):
            giver_tok, receiver_tok = receiver_tok, giver_tok
        # "hand over 11 howitzers to Taiwan this year and 38 tanks in December": a second object parsed as
        # a conjunct of the verb itself
        item_heads += [c for c in _children(v, "conj") if c.pos_ in ("NOUN", "PROPN", "NUM")
                       and item_slot(c, self.mentions, self.measures) is not None]
        self._set_roles(f, giver_tok, receiver_tok)
        f.items = self.items_from(item_heads)
        if entered and any(s.category == "personnel" for s in f.items):
            f.items = []  # troops sent into a country: an invasion or a deployment, not a transfer
        if direction == "give" and f.giver is not None:
            # gapping: "Denmark has pledged 19 F-16s in total and the Netherlands 24"
            for c in _children(v, "conj"):
                a = self.mentions.actor_at.get(c.i)
                if a is not None and c.pos_ == "PROPN" and a.code != f.giver.code:
                    f.more_givers.append(a)
            for h in item_heads:
                for c in _conjuncts(h)[1:]:
                    a = self.mentions.actor_at.get(c.i)
                    if a is not None and a.code != f.giver.code and a not in f.more_givers:
                        f.more_givers.append(a)
        f.bare_number = next((o for o in objs if o.like_num and not list(o.children)), None)
        f.pronoun_items = not f.items and any(h.lower_ in ("them", "it", "these", "those") for h in item_heads)
        f.explicit = v.lemma_.lower() in self.triggers.explicit
        # "seeking Russian technology", "acquire US Tomahawk missiles": the maker's demonym supplies
        if direction == "take" and f.giver is None and f.giver_token is None:
            for slot in f.items:
                for t in slot.top.subtree:
                    a = self.mentions.actor_at.get(t.i)
                    if t.i < slot.head.i and a is not None and a.how in ("adjective", "name", "metonym") \
                            and (f.receiver is None or a.code != f.receiver.code) \
                            and t.dep_ in ("amod", "compound", "poss", "npadvmod", "nmod"):
                        f.giver = a
                        break
                if f.giver is not None:
                    break
        return f

    def _clause_hosts(self, v: Token, objs: list[Token], receiver_tok: Token | None) -> list[Token]:
        """The trigger and the nouns of its clause that prepositions may hang from."""
        hosts = [v]
        stack = [o for o in objs if o != receiver_tok]
        while stack:
            t = stack.pop()
            if t.dep_ == "acl" and t.tag_ == "VBN" and t.lemma_ not in self.triggers.verbs:
                hosts.append(t)  # "missiles made under licence in Japan to the United States"
                continue
            if t.pos_ in ("VERB", "AUX") or t.dep_ in ("relcl", "acl", "ccomp", "advcl"):
                continue
            hosts.append(t)
            for c in t.children:
                if c.dep_ in ("prep", "pobj", "conj", "appos", "dobj", "acl"):
                    stack.append(c)
        for p in _children(v, "prep"):
            if p.lower_ not in ("to", "for", "into", "from", "by"):
                hosts.extend(o for o in _prep_objects(p) if o.pos_ in ("NOUN", "PROPN", "NUM"))
        return hosts

    def _set_roles(self, f: Frame, giver_tok: Token | None, receiver_tok: Token | None) -> None:
        f.giver, f.giver_token = self._role(giver_tok)
        f.receiver, f.receiver_token = self._role(receiver_tok)
        f.more_givers = self._conjoined(giver_tok, f.giver)
        f.more_receivers = self._conjoined(receiver_tok, f.receiver)

    def _conjoined(self, tok: Token | None, first: ActorMention | None) -> list[ActorMention]:
        if tok is None or first is None:
            return []
        out = []
        for c in _conjuncts(tok)[1:]:
            # the conjunct itself must name a party: not "Iran and China's political situation"
            a = self.mentions.actor_at.get(c.i)
            if a is not None and a.code != first.code and not self.mentions.category_of(c):
                out.append(a)
        return out

    def _has_item_prep(self, v: Token, o: Token) -> bool:
        return any(p.lower_ == "with" for p in _children(v, "prep")) or any(
            p.lower_ == "with" for p in _children(o, "prep"))

    def _role(self, tok: Token | None) -> tuple[ActorMention | None, Token | None]:
        if tok is None:
            return None, None
        a = self.actor(tok)
        if a is not None and not self.mentions.category_of(tok):
            return a, tok
        if tok.lower_ in _PRONOUNS or tok.pos_ in ("PRON", "NOUN", "PROPN"):
            return None, tok
        return None, None

    # -- nominal triggers ------------------------------------------------------------------------
    def noun_frame(self, n: Token, direction: str, status: str) -> Frame:
        f = Frame(n, direction, status)
        giver_tok: Token | None = None
        receiver_tok: Token | None = None
        item_heads: list[Token] = []
        if n.lemma_ in _DEAL_NOUNS:
            item_heads += [o for o in self._deal_objects(n) if o not in item_heads]
            if n.dep_ == "dobj":  # "announced its largest package ..., including 60 boats": hung on the verb
                item_heads += [o for p in _children(n.head, "prep") if p.lower_ == "including"
                               for o in _prep_objects(p) if o not in item_heads]
        for rc in _children(n, "relcl", "acl"):
            if rc.lemma_ in ("include", "contain", "comprise", "consist"):
                item_heads += _children(rc, "dobj")
                for p in _children(rc, "prep"):
                    item_heads += _prep_objects(p)
        for c in n.children:
            if c.dep_ == "poss":
                if direction == "give":
                    giver_tok = c
                else:
                    receiver_tok = c
            elif c.dep_ in ("amod", "compound", "nmod"):
                if c.i in self.mentions.actor_at:  # "Iranian drone deliveries"
                    if direction == "give" and giver_tok is None:
                        giver_tok = c
                    elif direction == "take" and receiver_tok is None:
                        receiver_tok = c
                elif self.mentions.category_of(c):
                    item_heads.append(c)
            elif c.dep_ == "prep":
                word, objs = c.lower_, _prep_objects(c)
                if word == "of" or word in _ITEM_PREPS or word == "along" or _as_well_as(c):
                    item_heads += [o for o in objs if not self.is_actor_phrase(o) and o not in item_heads]
                elif word in _RECEIVER_PREPS:
                    for o in objs:
                        if self.is_actor_phrase(o):
                            receiver_tok = receiver_tok or o
                            for p2 in _children(o, "prep"):  # "the sale to Taiwan of three systems"
                                if p2.lower_ == "of":
                                    item_heads += _prep_objects(p2)
                        elif word == "for" and o not in item_heads:
                            item_heads.append(o)  # "contracts for 180 K2 tanks"
                elif word == "from" or word == "by":
                    for o in objs:
                        if self.is_actor_phrase(o):
                            giver_tok = giver_tok or o
        # "the Pentagon announced a package ...", "Indonesia has signed a contract"
        if n.dep_ == "dobj" and n.head.lemma_ in ("take", "accept", "await", "receive", "get") and direction == "give":
            subj = self.subject_of(n.head)  # "India took delivery of the first S-400 squadron"
            if subj is not None and self.is_actor_phrase(subj) and receiver_tok is None:
                receiver_tok = subj
            if giver_tok is None:
                for t in [n.head, *[x for h in item_heads for x in h.subtree]]:
                    for p in _children(t, "prep"):
                        if p.lower_ == "from":
                            giver_tok = giver_tok or next(
                                (o for o in _prep_objects(p) if self.is_actor_phrase(o)), None)
        elif n.dep_ == "dobj" and n.head.lemma_ in _MAKING_VERBS:
            verb = n.head
            if direction == "give" and receiver_tok is None:  # "approved the export of tanks to Qatar"
                receiver_tok = next((o for p in _children(verb, "prep") if p.lower_ in _RECEIVER_PREPS
                                     for o in _prep_objects(p) if self.is_actor_phrase(o)), None)
            subj = self.subject_of(verb)
            if subj is not None and self.is_actor_phrase(subj):
                if direction == "give" and giver_tok is None and n.lemma_ not in ("contract", "deal", "order"):
                    giver_tok = subj
                elif receiver_tok is None and (direction == "take" or n.lemma_ in ("contract", "deal", "order")):
                    receiver_tok = subj
        if n.dep_ in ("nsubj", "nsubjpass") and (giver_tok is None or receiver_tok is None):
            # "A shipment of missile parts ... came from Iran and was bound for the Houthis"
            verbs = [n.head, *[c for c in n.head.subtree if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX", "ADJ")]]
            for verb in verbs:
                for p in _children(verb, "prep"):
                    objs = [o for o in _prep_objects(p) if self.is_actor_phrase(o)]
                    if not objs:
                        continue
                    if p.lower_ == "from" and giver_tok is None:
                        giver_tok = objs[0]
                    elif p.lower_ in ("for", "to") and receiver_tok is None and verb.lemma_ in (
                            "bind", "bound", "destine", "head", "go", "arrive", "come", "reach"):
                        receiver_tok = objs[0]
        deal = n.head.head if n.dep_ == "pobj" and n.head.lower_ == "for" else None
        if deal is not None and deal.pos_ == "VERB":  # "signed a contract with India for the supply of"
            deal = next((o for o in _children(deal, "dobj") if o.lemma_ in _DEAL_NOUNS), None)
        if deal is not None and deal.lemma_ in _DEAL_NOUNS and giver_tok is None and receiver_tok is None:
            # "Armenia signed a contract with India for the supply of Pinaka launchers"
            partner = next((o for p in _children(deal, "prep") if p.lower_ == "with"
                            for o in _prep_objects(p) if self.is_actor_phrase(o)), None)
            signer = self.subject_of(deal.head) if deal.dep_ == "dobj" else None
            if partner is not None and signer is not None and self.is_actor_phrase(signer):
                giver_tok, receiver_tok = partner, signer
        if giver_tok is not None and giver_tok.lower_ in ("its", "their") and n.dep_ == "dobj":
            subj = self.subject_of(n.head)  # "Britain announced its largest package": its = Britain
            if subj is not None and self.is_actor_phrase(subj):
                giver_tok = subj
        self._set_roles(f, giver_tok, receiver_tok)
        f.items = self.items_from(item_heads)
        return f

    # -- "X-made" items --------------------------------------------------------------------------
    def made_frames(self) -> Iterator[Frame]:
        """"Iranian-made drones ... with Sudan's army", "drones made in China": delivered X -> holder."""
        for tok in self.sent:
            if tok.lower_ not in ORIGIN_PARTICIPLES:
                continue
            maker: ActorMention | None = None
            noun: Token | None = None
            if tok.i >= 2 and self.sent.doc[tok.i - 1].text == "-" and tok.i - 2 in self.mentions.actor_at:
                maker = self.mentions.actor_at[tok.i - 2]
                noun = tok.head if tok.head.pos_ in ("NOUN", "PROPN") else None
                if noun is None:
                    noun = next((t for t in self.sent.doc[tok.i + 1: tok.i + 6] if t.pos_ == "NOUN"), None)
            elif tok.dep_ == "acl" and tok.head.pos_ == "NOUN":
                for p in _children(tok, "prep", "agent"):
                    for o in _prep_objects(p):
                        if p.lower_ in ("in", "by") and self.is_actor_phrase(o):
                            maker = self.actor(o)
                noun = tok.head
            if maker is None or noun is None:
                continue
            slot = item_slot(noun, self.mentions, self.measures)
            if slot is None:
                continue
            f = Frame(tok, "give", "delivered", giver=maker, made_by=True)
            f.items = [slot]
            f.receiver = self._holder(noun, maker)
            yield f

    def _holder(self, noun: Token, maker: ActorMention) -> ActorMention | None:
        """Who has the X-made items: a with/in/to/for phrase on the item or its verb, or the verb's subject."""
        hosts = [noun, noun.head]
        for host in hosts:
            for p in _children(host, "prep"):
                if p.lower_ in ("with", "in", "inside", "among"):
                    for o in _prep_objects(p):
                        a = self.actor(o)
                        if a is not None and a.code != maker.code:
                            return a
        # "... from a small boat that was bound for Yemen's Houthi rebels"
        for t in self.sent:
            if t.lower_ in DESTINATION_WORDS:
                a = next((a for a in self._destinations(t) if a.code != maker.code), None)
                if a is not None:
                    return a
        verb = noun.head
        if verb.pos_ == "VERB" and verb.lemma_ in ("use", "fire", "launch", "operate", "have", "possess", "deploy"):
            subj = self.subject_of(verb)
            a = self.actor(subj)
            if a is not None and a.code != maker.code:
                return a
        return None

    # -- "drones bound for Russia": a cargo on its way -----------------------------------------
    def destination_frames(self) -> Iterator[Frame]:
        """"Iranian drones bound for Russia", "boats carrying Iranian weapons destined for the Houthis",
        "tanks taken out of Belarusian bases and loaded onto trains bound for Russia": delivered from the
        origin the sentence names to the destination. Uncarried items count only "bound"/"destined" for a
        party named as such (not a capital), and never when they move by themselves: that is often an
        attack or a deployment ("Iranian missiles bound for Israel", "warships bound for Cuba")."""
        for tok in self.sent:
            if tok.lower_ not in DESTINATION_WORDS:
                continue
            receiver = next(iter(self._destinations(tok)), None)
            moving = tok.head if tok.dep_ in ("acl", "amod", "relcl") else next(
                iter(_children(tok, "nsubj", "nsubjpass")), None)  # "the drones were bound for Russia"
            if receiver is None or moving is None:
                continue
            heads, items = [moving], self.items_from([moving])
            if not self._carried(moving):
                named = tok.lower_ in ("bound", "destined") and receiver.how == "name"
                items = [s for s in items if named and s.category not in _SELF_PROPELLED]
            if not items:
                heads = self._cargo(moving)
                items = self.items_from(heads)
            giver = self._origin(heads, tok, receiver)
            if items and giver is not None:
                f = Frame(tok, "give", "delivered", giver=giver, receiver=receiver, made_by=True)
                f.items = items
                yield f

    def _destinations(self, tok: Token) -> list[ActorMention]:
        """The parties a destination word names: "bound for Russia", "headed to the Houthis"."""
        return [a for p in _children(tok, "prep") if p.lower_ in ("for", "to")
                for o in _prep_objects(p) if self.is_actor_phrase(o) and (a := self.actor(o)) is not None]

    def _carried(self, noun: Token) -> bool:
        """Is `noun` a carrier's cargo: "boats carrying missiles", "trucks loaded with missiles"?"""
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _CARRIERS:
            return True  # "a shipment of drones"
        verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "with" else (
            noun.head if noun.dep_ == "dobj" else None)
        return verb is not None and verb.dep_ in ("acl", "relcl") and (
            verb.lemma_ in _CONVEY or verb.head.lemma_.lower() in _CARRIERS)

    def _cargo(self, carrier: Token) -> list[Token]:
        """What a ship, train or truck carries: "boats carrying rifles", "trucks loaded with missiles",
        "tanks (taken out of storage and) loaded onto trains"."""
        if carrier.lemma_.lower() not in _CARRIERS:
            return []
        out: list[Token] = []
        for c in _children(carrier, "acl", "relcl"):
            if c.lemma_ in _CONVEY:
                out += _children(c, "dobj")
            out += [o for p in _children(c, "prep") if p.lower_ == "with" for o in _prep_objects(p)]
        verb = carrier.head.head if carrier.dep_ == "pobj" and carrier.head.lower_ in ("onto", "on", "aboard",
                                                                                       "into") else None
        while verb is not None and verb.dep_ == "conj" and not _children(verb, "nsubjpass", "dobj"):
            verb = verb.head  # "taken out of storage and loaded onto trains": the shared subject
        if verb is not None and verb.pos_ == "VERB":
            out += _children(verb, "nsubjpass", "dobj")
        return [o for o in out if not self.is_actor_phrase(o)]

    def _origin(self, heads: list[Token], destination: Token, receiver: ActorMention) -> ActorMention | None:
        """Where a cargo comes from: a party named on it ("Iranian weapons", "North Korean shells"), or after
        "from" or "out of" on the destination word, the cargo or the verb it hangs from."""
        ahead = {t.i for t in destination.subtree}

        def party_in(tokens: list[Token]) -> ActorMention | None:
            for t in tokens:
                a = self.mentions.actor_at.get(t.i)
                if a is not None and a.code != receiver.code and t.i not in ahead:
                    return a
            return None

        for h in heads:
            found = party_in([t for t in h.subtree if t.i < h.i or t.head == h])
            if found is not None:
                return found
        for host in [destination, *heads, *(h.head for h in heads)]:
            for p in _children(host, "prep"):
                if p.lower_ in ("from", "out"):
                    found = party_in([t for o in _prep_objects(p) for t in o.subtree])
                    if found is not None:
                        return found
        return None

    # -- "help X build Y": know-how ------------------------------------------------------------
    def help_frames(self) -> Iterator[Frame]:
        """"Beijing is helping Moscow improve its satellite capabilities", "Moscow would help North Korea
        build satellites": a technology transfer from the helper to the helped."""
        for v in self.sent:
            if v.lemma_ not in HELP_VERBS or v.pos_ != "VERB":
                continue
            helped = next((o for o in _children(v, "dobj") if self.is_actor_phrase(o)), None)
            work = next((c for c in v.children if c.dep_ in ("xcomp", "ccomp") and c.lemma_ in PRODUCTION_VERBS), None)
            if helped is None and work is not None:  # "help North Korea build satellites" parsed as a clause
                helped = next((o for o in _children(work, "nsubj") if self.is_actor_phrase(o)), None)
            if work is None and helped is not None:
                work = next((c for c in helped.children if c.dep_ in ("acl", "relcl") and c.lemma_ in PRODUCTION_VERBS),
                            None)
            if helped is None or work is None:
                continue
            obj = next(iter(_children(work, "dobj")), work)
            f = Frame(v, "give", "delivered")
            self._set_roles(f, self.subject_of(v), helped)
            f.items = [ItemSlot(obj, obj, "technology")]
            yield f

    # -- all frames of the sentence --------------------------------------------------------------
    def frames(self, keep_empty: bool = False) -> list[Frame]:
        out: list[Frame] = []
        for tok in self.sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") and lemma in self.triggers.verbs:
                direction, status = self.triggers.verbs[lemma]
                out.append(self.verb_frame(tok, direction, status))
            elif tok.pos_ in ("NOUN", "PROPN") and lemma in self.triggers.nouns:
                direction, status = self.triggers.nouns[lemma]
                out.append(self.noun_frame(tok, direction, status))
        out.extend(self.made_frames())
        out.extend(self.destination_frames())
        out.extend(self.help_frames())
        return out if keep_empty else [f for f in out if f.items]


def find_frames(sent: Span, mentions: Mentions, triggers: TriggerTable,
                measures: dict[str, str], keep_empty: bool = False) -> list[Frame]:
    """The frames of one sentence; `keep_empty` keeps frames with no weapon item (for denials)."""
    return _FrameReader(sent, mentions, triggers, measures).frames(keep_empty)
