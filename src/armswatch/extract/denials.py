"""Denials: a party reported denying a transfer marks the claims between the parties it names.

"Caracas denies arming the guerrillas", "Laos denied that Laotian firms had sold rifles to Myanmar", "The
ministry called reports of the transfer an invention", "Minsk and Tehran both reject any arms
trade". A refusal ("declined to send"), a "not yet", or a third party's doubt is no denial.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from armswatch.extract.discourse import Denial, Discourse
from armswatch.extract.frames import Frame
from armswatch.extract.lexicon import WordLists
from armswatch.extract.mentions import Mentions
from armswatch.extract.modality import Modality

__all__ = ["DenialReader"]

_GENERIC = "equipment"


class DenialReader:
    def __init__(self, mentions: Mentions, words: WordLists, speech: dict[str, str], context: Discourse) -> None:
        self.mentions = mentions
        self.words = words
        self.speech = speech
        self.context = context

    def deny_verb(self, tok: Token) -> Token | None:
        """The denial verb that governs a trigger ("denies that it sent", "denied supplying"); a request
        turned down ("rejected Lima's request for jets") was made all the same: no denial."""
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.words["request_nouns"]:
            return None
        prev = tok
        for anc in tok.ancestors:
            if self.speech.get(anc.lemma_.lower()) == "deny" and anc.pos_ == "VERB" and not (
                    prev.dep_ == "conj" and any(c.dep_ in ("aux", "auxpass", "nsubj") for c in prev.children)):
                return anc  # not "denies selling weapons but has continued to sell parts": a clause of its own
            prev = anc
        return None

    def deniers(self, verb: Token) -> set[str]:
        out: set[str] = set()
        for s in (c for c in verb.children if c.dep_ == "nsubj"):
            if any(c.lower_ == "both" for c in s.children) and self.context.recent:
                last = self.context.recent[-1]  # "both governments dismissed the accusations"
                out |= {p for p in (last.supplier, last.recipient) if p}
            for t in [s, *[c for c in s.children if c.dep_ == "conj"]]:
                a = self.mentions.actor_of_phrase(t)
                if a:
                    out.add(a.code)
        return out

    # -- frames under a denial ----------------------------------------------------------------------
    def deniers_as_parties(self, f: Frame, supplier: str | None, recipient: str | None
                           ) -> tuple[str | None, str | None]:
        """"Caracas denies arming the guerrillas": the denier is the supplier the clause leaves unsaid."""
        verb = self.deny_verb(f.trigger)
        if verb is None:
            return supplier, recipient
        deniers = self.deniers(verb)
        if supplier is None and recipient is None and f.direction == "give":
            supplier = next(iter(deniers), None)
        elif recipient is None and f.direction == "take":
            recipient = next(iter(deniers), None)
        return supplier, recipient

    def by_a_party(self, f: Frame, supplier: str | None, recipient: str | None) -> bool:
        """Is the frame denied by one of its own parties ("Beijing denied supplying ...")?"""
        verb = self.deny_verb(f.trigger)
        return verb is not None and bool(self.deniers(verb) & {supplier, recipient})

    def negated_frame(self, f: Frame, mod: Modality, supplier: str | None, recipient: str | None) -> None:
        """A negated transfer is a denial unless it is a "not yet" or a refusal."""
        if mod.not_yet or mod.refusal:
            return
        verb = self.deny_verb(f.trigger)
        if verb is not None and not f.items:
            self._blanket(f, verb, supplier, recipient)
        else:
            self._record(f, supplier, recipient)

    def blanket(self, f: Frame, supplier: str | None, recipient: str | None) -> None:
        verb = self.deny_verb(f.trigger)
        if verb is not None:
            self._blanket(f, verb, supplier, recipient)

    def denied_here(self, f: Frame, supplier: str, recipient: str) -> None:
        """"Laos denied that Laotian firms had sold rifles to Myanmar": the same transfer reported
        elsewhere in the article is denied too."""
        if self.deny_verb(f.trigger) is not None:
            self._record(f, supplier, recipient)

    def is_denied_in_sentence(self, f: Frame, sent: Span) -> bool:
        if f.trigger.pos_ == "NOUN" and f.trigger.lemma_.lower() in self.words["request_nouns"]:
            return False
        if self.deny_verb(f.trigger) is not None:
            return True
        # "Iran sent drones, claims Tehran denies": a denial anywhere in the sentence, but not one the transfer's
        # clause is coordinated with ("denies selling weapons but has continued to sell parts")
        coordinated = {t.head.i for t in [f.trigger, *f.trigger.ancestors] if t.dep_ == "conj"}
        return any(self.speech.get(t.lemma_.lower()) == "deny" and t.pos_ == "VERB" and t.i not in coordinated
                   and not any(c.dep_ == "ccomp" for c in t.children) for t in sent)

    def _record(self, f: Frame, supplier: str | None, recipient: str | None) -> None:
        parties = {p for p in (supplier, recipient) if p}
        categories = {s.category for s in f.items}
        if not parties:
            return
        if not categories or categories == {_GENERIC}:
            lethal = any(t.lower_ in self.words["lethal_words"] for s in f.items for t in s.head.children)
            if len(parties) >= 2 and not lethal:  # "denied sending weapons": every weapon, not troops
                self.context.deny(Denial(frozenset(parties), None, except_personnel=True))
            elif supplier is not None and recipient is None and f.direction == "give" and not lethal and \
                    self.deny_verb(f.trigger) is not None:
                # "Tehran denies supplying weapons for the war": its supplies of weapons, to whomever
                self.context.deny(Denial(frozenset(parties), None, supplier_only=True, except_personnel=True))
            return
        for c in categories - {_GENERIC}:
            self.context.deny(Denial(frozenset(parties), c))

    def _blanket(self, f: Frame, verb: Token, supplier: str | None, recipient: str | None) -> None:
        """"Minsk and Tehran both reject any arms trade", "Qatar has denied arming either camp"."""
        deniers = self.deniers(verb)
        parties = {p for p in (supplier, recipient) if p} | deniers
        if len(parties) >= 2:
            self.context.deny(Denial(frozenset(parties), None))
        elif f.direction == "give" and supplier in deniers and f.trigger.lemma_ in self.words["arming_verbs"]:
            self.context.deny(Denial(frozenset(parties), None, supplier_only=True))

    # -- dismissed reports ----------------------------------------------------------------------------
    def reports(self, sent: Span, trigger_lemmas: frozenset[str]) -> None:
        """"The ministry called reports of the transfer an invention": the denier's transfers of that
        kind are denied; "both deny trading in weapons" (a transfer verb read as a noun): every transfer
        between them."""
        for verb in sent:
            if self.speech.get(verb.lemma_.lower()) != "deny" or verb.pos_ != "VERB":
                continue
            deniers = self.deniers(verb)
            for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lower_.endswith("ing")):
                stem = obj.lower_[:-3]
                weapon = any(self.mentions.category_of(t) for t in obj.subtree if t.i in self.mentions.item_at)
                if len(deniers) >= 2 and weapon and not {stem, stem + "e"}.isdisjoint(trigger_lemmas):
                    self.context.deny(Denial(frozenset(deniers), None))
            for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_ in self.words["report_nouns"]):
                if deniers and not any(c.dep_ == "prep" and c.lower_ == "of" for c in obj.children):
                    # "Pyongyang denied the report": the transfers of the denier reported just before (those it
                    # supplies first: an accused supplier denies its supplies)
                    near = [(t.supplier, t.recipient, t.category) for t in self.context.recent[-8:]
                            if t.supplier and t.recipient and t.category and self.context.now - t.sent_no <= 3]
                    supplied = [t for t in near if t[0] in deniers] or [t for t in near if t[1] in deniers]
                    for supplier, recipient, what in supplied:
                        self.context.deny(Denial(frozenset({supplier, recipient}), what))
                for p in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
                    for noun in (o for o in p.children if o.dep_ == "pobj"):
                        category = self.words.value("noun_categories", noun.lemma_.lower()) or \
                            self.mentions.category_of(noun)
                        if deniers and category:
                            self.context.deny(Denial(frozenset(deniers), category))
