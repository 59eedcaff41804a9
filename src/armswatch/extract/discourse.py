"""What the article has said so far: the transfers read, the last subject, the denials; and how a frame's
missing or pronominal party is found in it.

A frame with a missing party takes it from recent transfers ("The shipment arrived last month", "Norway
has promised six"); a pronoun goes to the speaker's side, the nearest party before it, or the last
subject; "the group" to the last armed group; a frame whose subject points back ("the package includes")
takes both parties and the status of the transfer it continues.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from armswatch.extract.frames import Frame, Party
from armswatch.extract.items import ItemSlot
from armswatch.extract.lexicon import Actor, WordLists
from armswatch.extract.mentions import ActorMention, Mentions

__all__ = ["Denial", "Discourse", "Transfer"]

_CONTEXT_WINDOW = 6  # sentences a frame's parties stay available to later frames


@dataclass
class Transfer:
    supplier: str | None  # None only in partial transfers: one party known, the other not (yet)
    recipient: str | None
    category: str
    status: str
    sent_no: int
    terms: frozenset[str] = frozenset()  # the weapon terms named, to find "the Su-35s" again
    deal: bool = False  # read from a deal, package or sale noun: "the package includes" continues it
    lemma: str = ""  # the trigger word: "another shipment" continues "the shipments"
    source: str | None = None  # who said so: "The package includes ..." is told by the one who announced it
    system: str | None = None  # the catalogued system named: "Norway has promised six" more of it


@dataclass
class Denial:
    parties: frozenset[str]
    category: str | None  # None: every category between the parties
    supplier_only: bool = False  # "denied arming either side": the party's supplies to anyone
    except_personnel: bool = False  # a denial of weapons is no denial of troops

    def denies(self, supplier: str, recipient: str, category: str) -> bool:
        if self.category is not None and self.category != category:
            return False
        if self.except_personnel and category == "personnel":
            return False
        if self.supplier_only:
            return supplier in self.parties
        if len(self.parties) >= 2:
            return {supplier, recipient} <= self.parties
        return bool(self.parties & {supplier, recipient})


@dataclass
class Discourse:
    mentions: Mentions
    words: WordLists
    speech: dict[str, str]
    recent: list[Transfer] = field(default_factory=list)
    partial: list[Transfer] = field(default_factory=list)  # transfers read with one party missing
    denials: list[Denial] = field(default_factory=list)
    last_subject: ActorMention | None = None
    last_subject_at: int = -10  # the sentence it was the subject of: a pronoun reaches back two at most
    now: int = 0  # the number of the sentence being read
    own_side: Callable[[int], Actor | None] | None = None  # whose turn a transcript is in at a character

    # -- one party ------------------------------------------------------------------------------------
    def resolve(self, party: Party | None, other: str | None = None) -> str | None:
        """The code of a party; a pronoun stands for a party other than `other`, the frame's other side
        ("ties to Peru, its main supplier": "its" is not Peru)."""
        if party is None:
            return None
        if party.mention is not None:
            return party.mention.code
        a = self._resolve_token(party.token, other)
        return a.code if a is not None else None

    def speaker_side(self, tok: Token) -> ActorMention | None:
        for anc in tok.ancestors:
            if self.speech.get(anc.lemma_.lower()) and anc.pos_ == "VERB":
                subj = [c for c in anc.children if c.dep_ == "nsubj"]
                if subj:
                    return self.mentions.actor_of_phrase(subj[0])
        return None

    def _resolve_token(self, tok: Token, other: str | None = None) -> ActorMention | None:
        low = tok.lower_
        own = self.own_side(tok.idx) if self.own_side and low in self.words["first_person_plural"] else None
        if own is not None:  # "we announced a package" in a ministry spokesman's turn: the ministry's state
            return ActorMention(tok.i, tok.i + 1, own, "context")
        if low in self.words["party_pronouns"] or low in self.words["dative_pronouns"]:  # "it", "supplied them"
            if tok.dep_ in ("nsubj", "nsubjpass") and low in self.words["speaking_pronouns"]:
                # "Latvia, which had urged Oslo, said it would send": the speaker's side first
                side = self.speaker_side(tok)
                if side is not None:
                    return side
            # the nearest party named before it in the sentence, else the speaker's side, else the last subject
            for a in reversed(self.mentions.actors):
                if a.end <= tok.i and a.start >= tok.sent.start and a.how != "adjective" and a.code != other:
                    return a
            return self.speaker_side(tok) or self._recent_subject(tok)
        if tok.tag_ in ("WDT", "WP"):  # "..., which sold them": the noun the clause hangs on
            return self.mentions.actor_of_phrase(tok.head.head) if tok.head.dep_ == "relcl" else None
        kinds = {"group": ("group",), "company": ("company",)}
        for kind_list, kinds_ in (("group_words", kinds["group"]), ("company_words", kinds["company"])):
            if low in self.words[kind_list]:
                return next((a for a in reversed(self.mentions.actors) if a.end <= tok.i and a.actor.kind in kinds_),
                            None)
        if low in self.words["party_anaphors"]:
            # "Ukraine's air force spokesman said the country had received ...": the speaker's side first
            return self.speaker_side(tok) or self.last_subject
        return None

    def _recent_subject(self, tok: Token) -> ActorMention | None:
        return self.last_subject if self.now - self.last_subject_at <= 2 else None

    # -- missing parties from context ---------------------------------------------------------------------
    def complete(self, f: Frame, items: list[ItemSlot], supplier: str | None, recipient: str | None, sent_no: int,
                 terms: set[str]) -> tuple[str | None, str | None]:
        recent = [r for r in reversed(self.recent) if sent_no - r.sent_no <= _CONTEXT_WINDOW]
        if supplier is None and items and all(self._unnamed_origin(s.top, s.head) for s in items):
            return supplier, recipient  # "Western fighter jets", "foreign weapons": left open on purpose
        # the same weapon named again continues its own story; a speaker's own side comes next
        side = self.speaker_side(f.trigger)
        same = [r for r in recent if r.terms & terms]
        own = [r for r in recent if side is not None and side.code in (r.supplier, r.recipient)]
        recent = same + [r for r in own if r not in same] + [r for r in recent if r not in same and r not in own]
        if supplier is None and recipient is not None:
            found = self._supplier_for(recipient, recent, self.reciprocal(f.trigger.sent))
            return found or self._from_partial(f, "supplier", recipient, terms, sent_no), recipient
        if recipient is None and supplier is not None:
            found = self._recipient_for(f, items, supplier, recent)
            return supplier, found or self._from_partial(f, "recipient", supplier, terms, sent_no)
        if supplier is None and recipient is None and recent and self.points_back(f):
            return recent[0].supplier, recent[0].recipient
        return supplier, recipient

    def _supplier_for(self, recipient: str, recent: list[Transfer], reciprocal: bool) -> str | None:
        for r in recent:
            if r.recipient == recipient:
                return r.supplier
        if reciprocal:  # "Minsk, in turn, expects to get ...": the other side of the last transfer
            for r in recent:
                if r.supplier == recipient:
                    return r.recipient
        return None

    def reciprocal(self, sent: Span) -> bool:
        """"in turn", "in return", "in exchange": the other side of the last transfer gives back."""
        words = " ".join(t.lower_ for t in sent if t.is_alpha)
        return any(f" {marker} " in f" {words} " for marker in self.words["reciprocity_markers"])

    def _recipient_for(self, f: Frame, items: list[ItemSlot], supplier: str, recent: list[Transfer]) -> str | None:
        for r in recent:
            if r.supplier == supplier:
                return r.recipient
        if f.direction == "give" and items:
            # another supplier of the same thing to the same recipient ("Norway has promised six")
            category = items[0].category
            for r in [*recent, *reversed(self.recent)]:
                if r.category == category and r.recipient != supplier:
                    return r.recipient
        return None

    def _from_partial(self, f: Frame, role: str, known: str, terms: set[str], sent_no: int) -> str | None:
        """A transfer read before with only this party missing ("shipments of Iranian origin" ... "another
        shipment heading to the Houthis"; "weapons bound for Gaza" ... "Iran shipped the weapons"): the same
        weapons, the same kind of cargo, or the same category."""
        lemma = f.trigger.lemma_.lower()
        categories = {c for t in self.recent[-1:] for c in [t.category]} if not f.items else {
            s.category for s in f.items}
        for t in reversed(self.partial):
            if sent_no - t.sent_no > _CONTEXT_WINDOW:
                break
            other = t.supplier if role == "supplier" else t.recipient
            mine = t.recipient if role == "supplier" else t.supplier
            if other is None or other == known or mine not in (None, known):
                continue
            itemless = t.category == "" and role == "supplier" and f.direction in ("take", "deal")
            if (t.terms & terms) or t.lemma == lemma or itemless or (
                    (t.category in categories or self._points_back_generically(f)) and sent_no - t.sent_no <= 2):
                return other
        return None

    def _points_back_generically(self, f: Frame) -> bool:
        """"the weapons", "these arms": generic items that point back stand for whatever was named before."""
        return bool(f.items) and all(s.category == "equipment" and any(
            c.dep_ == "det" and c.lower_ in self.words["anaphoric_dets"] for c in s.top.children) for s in f.items)

    def points_back(self, f: Frame) -> bool:
        """Only a phrase that points back may take both parties from before: "the shipment", "these
        missiles", "the package includes", "contracts for 180 K2 tanks"."""
        anaphoric = self.words["anaphoric_dets"]
        trig = f.trigger
        if f.direction == "part":
            return f.whole is None or f.whole.lower_ in self.words["party_pronouns"] or any(
                c.dep_ in ("det", "poss") for c in f.whole.children)
        if any(c.lower_ in anaphoric for s in f.items for c in s.top.children if c.dep_ == "det"):
            return True
        if any(c.lower_ in anaphoric for c in trig.children if c.dep_ == "det"):
            return True
        # a bare singular ("questions over engine supply") names the activity, no transfer told before
        determined = trig.tag_ == "NNS" or any(c.dep_ in ("det", "poss") for c in trig.children)
        return trig.pos_ == "NOUN" and determined and (
            trig.dep_ in ("nsubj", "nsubjpass") or trig.lemma_ in self.words["container_nouns"])

    def continued(self, f: Frame, sent_no: int) -> Transfer | None:
        """The transfer a part frame continues: "It includes ...", "The package contains ..."."""
        for r in reversed(self.recent):
            if sent_no - r.sent_no > _CONTEXT_WINDOW:
                break
            if r.deal:
                return r
        return next((r for r in reversed(self.recent) if sent_no - r.sent_no <= 2), None)

    def told_by(self, supplier: str, recipient: str) -> str | None:
        """The source of the last transfer between the parties: "The package includes ..." restates the
        package announced by someone."""
        return next((t.source for t in reversed(self.recent) if (t.supplier, t.recipient) == (supplier, recipient)
                     and t.source and self.now - t.sent_no <= _CONTEXT_WINDOW), None)

    def _unnamed_origin(self, top: Token, head: Token) -> bool:
        return any(t.lower_ in self.words["unnamed_origin"] for t in top.subtree if t.i < head.i)

    # -- what the article has said -------------------------------------------------------------------------
    def remember(self, transfer: Transfer) -> None:
        if transfer.supplier is None or transfer.recipient is None:
            self.partial.append(transfer)
        else:
            self.recent.append(transfer)

    def remember_subject(self, sent: Span) -> None:
        """The party a sentence is about: its main subject, or the subject of the clause it reports
        ("Australia will send ..., the minister said")."""
        subjects = sorted((t for t in sent if t.dep_ == "nsubj" and t.head.dep_ in ("ROOT", "ccomp")),
                          key=lambda t: t.head.dep_ != "ROOT")
        for tok in subjects:
            a = self.mentions.actor_of_phrase(tok)
            if a is not None:
                self.last_subject = a
                self.last_subject_at = self.now
                return

    def deny(self, denial: Denial) -> None:
        self.denials.append(denial)

    def denied(self, supplier: str, recipient: str, category: str) -> bool:
        return any(d.denies(supplier, recipient, category) for d in self.denials)
