"""Items: the weapon phrases a frame's item arguments stand for, each with its category.

An argument head is followed down measure words to the weapon noun ("9,000 containers of shells",
"dozens of drones"), and out along its list: conjuncts, "including", "such as", "like", "as well as",
"along with", appositions ("munitions, including shells") and list members the parser broke off
("..., Stryker vehicles and Stinger missiles"). A noun that names a deal or a cargo ("a package
of weapons", "a shipment of shells") stands for what it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from armswatch.extract.arguments import children, prep_objects, prep_word
from armswatch.extract.lexicon import WordLists, singular
from armswatch.extract.mentions import Mentions

__all__ = ["ItemReader", "ItemSlot"]


@dataclass
class ItemSlot:
    head: Token  # the weapon noun ("shells" in "9,000 containers of shells")
    top: Token  # the phrase's own head ("containers")
    category: str
    measures: list[Token] = field(default_factory=list)  # the measure chain from top down to head
    carried: bool = False  # named as what a ship, train or truck carries
    hedged: bool = False  # "crates that may contain rifles": only perhaps the items
    start: int | None = None  # where the phrase begins as written, when the parse broke it off its head


class ItemReader:
    def __init__(self, mentions: Mentions, measures: dict[str, str], words: WordLists) -> None:
        self.mentions = mentions
        self.measures = measures
        self.words = words

    # -- one phrase -----------------------------------------------------------------------------------
    def slot(self, head: Token) -> ItemSlot | None:
        """Follow "containers of", "dozens of", "50 of its" down to the weapon noun and categorise it."""
        tok, chain = self._measured(head)
        if tok.i in self.mentions.actor_at and self.mentions.actor_at[tok.i].actor.kind != "company":
            return None
        category = self.mentions.category_of(tok)
        if category is None and chain:
            category = self._category_through_measure(tok, chain)
        if category is not None and any(c.dep_ in ("compound", "amod") and c.lower_ in self.words["civil_modifiers"]
                                        for c in tok.children):
            return None  # "storage tanks", "think tank", "fuel tanks"
        if category is None and tok.pos_ in ("NOUN", "PROPN") and tok.i in self.mentions.item_at:
            category = self._weak_category(tok)
        if category is None or self.money(tok):
            return None
        if category == "ammunition" and self._for_category(tok) == "air_defence":
            category = "air_defence"  # "munitions for Patriot systems": air-defence munitions
        if category in self.words["fired_categories"] and any(
                self.measures.get(singular(m.text)) == "munition" for m in chain):
            category = "ammunition"  # "millions of rounds of artillery": what the guns fire
        return ItemSlot(tok, head, category, chain)

    def by_modifier_groups(self, slot: ItemSlot) -> list[ItemSlot]:
        """"anti-ship and anti-aircraft missiles": coordinated modifiers of different categories before one
        noun make one item of each category; otherwise the slot as it is."""
        head = slot.head
        before = [t for t in head.doc[head.left_edge.i:head.i] if t.head.i == head.i or head.i in
                  {a.i for a in t.ancestors}]
        cuts = [t.i for t in before if t.lower_ in ("and", "or") and t.dep_ == "cc"]
        if not cuts or not before:
            return [slot]
        bounds = [before[0].i, *cuts, head.i]
        categories: list[str] = []
        for lo, hi in zip(bounds, bounds[1:], strict=False):
            # a modifier term ("anti-ship"), or the term the last group makes with the noun ("anti-tank missiles");
            # not a noun of its own ("artillery and mortar rounds": artillery rounds)
            found = [m.term.category for i in range(lo, hi) if (m := self.mentions.item_at.get(i)) is not None
                     and m.term.category and lo <= m.start and (
                         m.term.role == "modifier" or (m.term.role == "strong" and m.end == head.i + 1))]
            if not found:
                return [slot]  # "new and used missiles": a group that names no kind
            categories.append(found[-1])
        kinds = list(dict.fromkeys(categories))
        return [replace(slot, category=c) for c in kinds] if len(kinds) > 1 else [slot]

    def _amount(self, tok: Token) -> bool:
        """"$2 billion", "2 billion euros": a sum of money."""
        currency = self.words["currency_signs"]
        if tok.lower_ in currency:
            return any(c.like_num for c in tok.children)
        return tok.like_num and any(t.text in currency or t.lower_ in currency for t in tok.subtree)

    def money(self, tok: Token) -> bool:
        """"$2 billion in military aid", "$5 million of assistance": funding, not materiel."""
        if tok.lemma_.lower() not in self.words["fundable"]:
            return False
        amount = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "of") else None
        words = [t for t in (amount.subtree if amount is not None else tok.children)]
        return any(t.text in self.words["currency_signs"] or t.lower_ in self.words["currency_signs"] for t in words)

    def _for_category(self, tok: Token) -> str | None:
        return next((c for p in children(tok, "prep") if p.lower_ == "for" for o in prep_objects(p)
                     if (c := self.mentions.category_of(o))), None)

    def _measured(self, head: Token) -> tuple[Token, list[Token]]:
        tok, chain = head, []
        for _ in range(4):
            is_measure = singular(tok.text) in self.measures or tok.pos_ == "NUM" or tok.like_num or (
                self.mentions.category_of(tok) is None and tok.lower_ in self.words["measure_like"]) \
                or self._amount(tok)  # "2 billion euros of weapons"
            of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
            if not of and tok is head and tok.like_num and tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
                # "Of the 31 tanks promised, 20 have arrived": the partitive fronted onto the verb
                of = [c for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < tok.i]
            if not of and self._amount(tok):  # "$90 million in defense articles": what the money buys
                of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "of")]
            if not of:  # "300 million dollars worth of shells": the value word the parser hung on the sum
                of = [p for c in tok.children if c.dep_ == "amod" and c.lower_ == "worth"
                      for p in c.children if p.dep_ == "prep" and p.lower_ == "of"]
                is_measure = is_measure or bool(of)
            if is_measure and of and children(of[0], "pobj"):
                chain.append(tok)
                tok = children(of[0], "pobj")[0]
                continue
            break
        return tok, chain

    def _category_through_measure(self, tok: Token, chain: list[Token]) -> str | None:
        if tok.tag_ in ("WDT", "WP"):  # "rockets, some 900 of which were sent": the clause's noun
            clause = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
            return self.mentions.category_of(clause.head) if clause is not None else None
        if tok.lower_ in self.words["item_pronouns"]:
            # "roughly 40,000 of them": the nearest weapon named before, in the same sentence
            for i in range(tok.i - 1, tok.sent.start - 1, -1):
                if i in self.mentions.item_at:
                    category = self.mentions.category_of(tok.doc[self.mentions.item_at[i].end - 1])
                    if category:
                        return category
            return None
        if tok.pos_ not in ("NOUN", "PROPN"):
            return self.mentions.category_of(chain[-1])  # "rounds of them"; never "rounds of talks"
        return None

    def _weak_category(self, tok: Token) -> str | None:
        """"three squadrons so far": a weak noun takes the category it had when last named in full."""
        for prev in range(tok.i - 1, -1, -1):
            t = tok.doc[prev]
            if t.lemma_ == tok.lemma_ and prev in self.mentions.item_at:
                category = self.mentions.category_of(t)
                if category:
                    return category
        return None

    # -- lists ----------------------------------------------------------------------------------------
    def items(self, heads: list[Token], sent: Span) -> list[ItemSlot]:
        """The items of argument heads, lists expanded; a deal or cargo noun stands for its contents."""
        out: list[ItemSlot] = []
        seen: set[int] = set()
        for h in heads:
            for member in self.members(h):
                lemma = member.lemma_.lower()
                held = self.carried(member) if lemma in self.words["carriers"] else []
                slot = None if held else self.slot(member)  # "a boat carrying rifles": the rifles, not the boat
                if slot is not None:
                    slot = self._shared_modifiers(slot)
                if slot is not None and slot.head.i not in seen:
                    out.append(slot)
                    seen.add(slot.head.i)
                elif slot is None and (held or lemma in self.words["container_nouns"]):
                    for inner in self.items(held or self.contents(member), sent):
                        inner.carried = inner.carried or bool(held)
                        if inner.head.i not in seen:
                            out.append(inner)
                            seen.add(inner.head.i)
        if out:
            out += [s for s in self._broken_list(out, sent) if s.head.i not in seen]
        return out

    def _shared_modifiers(self, slot: ItemSlot) -> ItemSlot:
        """"Skyguard air defence systems and missiles": a bare conjunct shares the modifiers that decided its
        neighbour's category (air defence missiles, not plain missiles)."""
        head = slot.head
        if head.dep_ != "conj" or any(c.i < head.i and c.dep_ not in ("cc", "punct") for c in head.children):
            return slot
        m = self.mentions.item_at.get(head.i)
        if m is not None and m.term.role == "strong":
            return slot  # "air defence missiles and munitions": munitions are munitions
        first = head.head
        decided = self.mentions.modifier_category(first)
        own = self.mentions.category_of(first)
        if decided and decided == own and self._head_category(first) != decided:
            return replace(slot, category=decided)
        return slot

    def _head_category(self, tok: Token) -> str | None:
        m = self.mentions.item_at.get(tok.i)
        return m.term.category if m is not None else None

    def members(self, tok: Token) -> list[Token]:
        """A phrase and every member of its list: conjuncts, "including", "such as", "as well as", ..."""
        out: list[Token] = []
        stack = [tok]
        while stack:
            t = stack.pop(0)
            if t in out:
                continue
            out.append(t)
            for c in t.children:
                conj = c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "NUM", "ADJ", "X")
                if conj or (c.dep_ == "appos" and (self.mentions.category_of(c) or self.slot(c))):
                    stack.append(c)
                elif c.dep_ == "prep" and prep_word(c) in self.words["list_preps"]:
                    stack.extend(prep_objects(c))
                elif c.dep_ == "prep" and c.lower_ in ("for", "of"):
                    stack.extend(self._resumed(prep_objects(c)))
                elif c.dep_ in ("relcl", "acl") and c.i > t.i:  # "18 trucks to tow howitzers, 40 mortars, ..."
                    stack.extend(self._resumed(children(c, "dobj")))
                elif c.dep_ == "amod" and c.lower_ == "such":
                    continue
            if t.dep_ == "pobj" and t.head.lower_ == "among" and t.head.head.lemma_ in self.words["copulas"]:
                stack.extend(children(t.head.head, "nsubj", "attr"))  # "among the weapons sold are drones and tanks"
        return out

    @staticmethod
    def _resumed(objects: list[Token]) -> list[Token]:
        """"munitions for Skyguard systems, Roland systems and missiles, mortar rounds and other items": after a
        comma the outer list goes on, though the parser hung it inside the prepositional phrase (or a clause:
        "trucks to tow guns, 40 mortars")."""
        out: list[Token] = []
        for o in objects:
            for c in o.subtree:
                if c.dep_ in ("conj", "appos") and c.pos_ in ("NOUN", "PROPN") and c.left_edge.i > 0 and \
                        c.doc[c.left_edge.i - 1].text == ",":
                    out.append(c)
        return out

    def contents(self, noun: Token) -> list[Token]:
        """What a deal or cargo noun holds: "a package of weapons", "contracts for 180 tanks", "a shipment
        that included rockets"."""
        out = []
        for host in [noun, *children(noun, "acl")]:
            for p in children(host, "prep"):
                if prep_word(p) in self.words["content_preps"]:
                    for o in prep_objects(p):
                        # "an order for jets from France" holds jets; "a package for Chile" names its recipient
                        if self.mentions.actor_of_phrase(o) is None or self.slot(o) is not None:
                            out.append(o)
                        else:  # "a package for Chile, including radars": the list hung on the name is the package's
                            out += [x for q in children(o, "prep") if prep_word(q) in self.words["list_preps"]
                                    for x in prep_objects(q)]
        for rc in children(noun, "relcl", "acl"):
            if rc.lemma_.lower() in self.words["inclusion_verbs"] | self.words["convey_verbs"]:
                out += children(rc, "dobj")  # "a shipment that included rockets", "boats carrying rifles"
                out += [o for p in children(rc, "prep") if p.lower_ == "with" for o in prep_objects(p)]
        return out

    def carried(self, carrier: Token) -> list[Token]:
        """What a ship, plane or truck carries: "a boat carrying rifles", "a vessel with illicit cargo
        including rockets" (not "containers of ammunition": that is a measure)."""
        out = [o for p in children(carrier, "prep") if p.lower_ == "with" for o in prep_objects(p)]
        if carrier.dep_ == "pobj" and carrier.head.lower_ in ("onto", "on", "aboard", "into"):
            out += self._loaded(carrier.head.head)  # "tanks loaded onto trains"
        for rc in children(carrier, "relcl", "acl"):
            if rc.lemma_.lower() in self.words["convey_verbs"]:
                out += children(rc, "dobj")
                out += [o for p in children(rc, "prep") if p.lower_ == "with" for o in prep_objects(p)]
        return out

    @staticmethod
    def _loaded(verb: Token) -> list[Token]:
        """What a verb puts onto a carrier: its object, or the noun it describes ("tanks taken out of storage
        and loaded onto trains")."""
        while verb.dep_ == "conj" and not children(verb, "nsubjpass", "dobj"):
            verb = verb.head
        found = children(verb, "nsubjpass", "dobj")
        if not found and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            found = [verb.head]
        return found

    def _broken_list(self, slots: list[ItemSlot], sent: Span) -> list[ItemSlot]:
        """List members the parse broke off after the last item: ", X", "and X", "or X" segments that end in
        a weapon noun ("..., Stryker vehicles and Stinger missiles")."""
        doc = sent.doc
        i = max(max(s.top.right_edge.i, s.head.i) for s in slots) + 1
        while i - 1 > sent.start and doc[i - 1].text in (",", "and", "or"):
            i -= 1  # the phrase's right edge may take in the comma that starts the broken-off part
        seen = {s.head.i for s in slots}
        out: list[ItemSlot] = []
        while i < sent.end and doc[i].text in (",", "and", "or"):
            while i < sent.end and doc[i].text in (",", "and", "or"):
                i += 1
            j = i
            while j < sent.end and (doc[j].text == "-" or (
                    doc[j].text not in (",", "and", "or", ".", ";", ":", "\u2014")
                    and doc[j].pos_ not in ("VERB", "AUX", "ADP"))):
                j += 1
            if j == i:
                break
            tail = doc[j - 1]
            if tail.i in seen or self.mentions.actor_at.get(tail.i) is not None:
                break
            slot = self.slot(tail)
            if slot is None:
                break
            if i < min(slot.top.left_edge.i, slot.head.left_edge.i):
                slot.start = i  # ", Bradley fighting vehicles" with "Bradley" hung elsewhere: still its words
            out.append(slot)
            seen.add(tail.i)
            i = j
        return out
