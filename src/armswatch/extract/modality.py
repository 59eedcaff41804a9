"""Status, hedging and negation of a frame, read from the trigger and the words that govern it.

"plans to receive" -> sought, "is negotiating to purchase" -> negotiating, "agreed to supply" /
"will send" -> pledged, "continues to supply" / "is supplying" -> ongoing, "has shipped" -> delivered,
"asked Washington to send" -> sought; "may", "probably", "is believed to" -> hedged; "has not yet
delivered", "no plans to send", "declined to provide" -> negated; "if ..." and "whether ..." -> not
asserted at all. The words are data (data/governors.tsv for governing words, data/words.tsv for the rest);
the innermost governing word with an effect decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getLemma
from spacy.tokens import Token

from armswatch.extract.lexicon import WordLists

__all__ = ["Modality", "governor_chain", "read_modality"]

_CHAIN_DEPS = ("xcomp", "acl", "pcomp", "pobj", "prep", "dobj", "oprd", "nsubjpass", "attr", "advcl", "relcl",
               "compound", "nsubj", "amod", "ccomp", "conj", "acomp")


@dataclass
class Modality:
    status: str
    hedged: bool = False
    negated: bool = False
    conditional: bool = False
    not_yet: bool = False  # "has not yet delivered", "has yet to receive": negation, no denial
    refusal: bool = False  # "declined to provide", "resisted sending", "no plans to send": no denial either
    denial: bool = False  # negated by a denial verb ("denied supplying"): the claim stands, denied
    requester: Token | None = None  # the subject of "plans to", "asked ... to": who wants the transfer


def governor_chain(tok: Token) -> list[Token]:
    """The words that govern the trigger inside its sentence ("agreed to lend": agreed), up to a clause that
    merely reports it ("said that ..." stops the chain) or a relative clause's noun."""
    chain: list[Token] = []
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            break
        dep = cur.dep_
        if dep not in _CHAIN_DEPS:
            break
        # a clause of its own ("said Iran has sent", "denied that Iran is sending"), not a bare infinitive
        # ("the deal would see Turkey buy jets") or a gerund ("accused Iran of sending")
        finite = cur.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to"
                                                          for c in cur.children)
        if dep == "ccomp" and cur.head.pos_ in ("VERB", "AUX") and finite:
            break  # "officials said that Iran has sent ...", "denied that Iran is sending": the report is no governor
        if dep == "conj":  # conjuncts share their first member's governors ("agreed to sell and deliver")
            while cur.dep_ == "conj" and cur.head.i != cur.i:
                cur = cur.head
            continue
        if dep == "amod" and cur.head.dep_ == "pobj":
            break  # "with US-supplied rifles, the army continues to ...": the participle tells its own past
        cur = cur.head
        chain.append(cur)
        if dep == "relcl" or (dep == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to"
                                                          for c in chain[-2 if len(chain) > 1 else 0].children)):
            break  # a purpose clause ("continued to leverage ... to arm Ukraine") shares its verb's aspect
    return chain


def shared_auxiliaries(verb: Token) -> list[Token]:
    """The auxiliaries a verb without its own shares with the first verb of its coordination: "will" of
    "Spain will train the crews and supply the boats" (not its negation: "did not train but supplied")."""
    if verb.pos_ != "VERB" or verb.dep_ != "conj" or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass")
                                                         for c in verb.children):
        return []
    first = verb.head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.pos_ != "VERB":
        return []
    return [c for c in first.children if c.dep_ in ("aux", "auxpass") and c.lower_ != "to"]


@lru_cache(maxsize=4096)
def _verb_lemmas(form: str) -> tuple[str, ...]:
    """A verb form's lemmas from lemminflect's tables, where the model's own lemma is wrong."""
    return tuple(getLemma(form, upos="VERB"))


class _Reader:
    def __init__(self, words: WordLists, governors: dict[str, str], direction: str, headline: bool,
                 progressive: str | None) -> None:
        self.progressive = progressive or "ongoing"  # "Poland is buying tanks": an order (pledged)
        self.w = words
        self.governors = governors
        self.direction = direction
        self.headline = headline  # headlines speak of past events in the present: "Egypt delivers aid"

    def effect_of(self, tok: Token) -> str | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX", "ADJ"):
            effect = self.governors.get(lemma)
            if effect is None and tok.pos_ == "VERB":  # the model's lemmatiser reads "hopes" as "hop"
                effect = next((e for alt in _verb_lemmas(tok.lower_) if (e := self.governors.get(alt))), None)
        else:
            effect = self.w.value("noun_governors", lemma)
            near = tok.head.head if tok.dep_ == "pobj" else tok.head
            if effect and near.lemma_.lower() in self.w["approach_words"]:
                effect = "negotiate"  # "is close to a deal to buy", "nearing an agreement": no deal yet
        talks = self.w["talk_nouns"]
        if effect is None and any(p.dep_ == "prep" and p.lower_ in ("in", "into") and any(
                o.lemma_.lower() in talks for o in p.children if o.dep_ == "pobj") for p in tok.children):
            effect = "negotiate"  # "Saudi Arabia is in talks with China to buy drones"
        return effect

    def status_for(self, effect: str, status: str, governor: Token, m: Modality, trigger: Token | None = None) -> str:
        if effect == "ongoing":
            return "ongoing"
        if effect == "negotiate":
            return "negotiating"
        if effect == "commit":
            return "pledged"
        if effect == "request":
            m.requester = governor  # "Lima urged Madrid to send howitzers": Lima asks, for itself
            return "sought"
        if effect == "intend":
            m.requester = governor
            # "Lima wants Madrid to supply it": one who wants another to give asks for it
            asks_another = any(c.dep_ == "dobj" for c in governor.children) or (
                trigger is not None and trigger.head == governor and any(c.dep_ == "nsubj" for c in trigger.children)
                and any(c.dep_ == "nsubj" for c in governor.children))
            return "sought" if self.direction in ("take", "deal") or asks_another else "pledged"
        if effect == "start" and any(c.dep_ == "aux" and c.lower_ in self.w["future_aux"] | self.w["hedge_aux"]
                                     for c in governor.children):
            return "pledged"  # "will start supplying", "could soon start supplying"
        return status

    def trigger_words(self, tok: Token, status: str, m: Modality) -> str:
        """The trigger's own auxiliaries and modifiers: "will send", "is supplying", "proposed sales"."""
        kids = list(tok.children)
        aux = [c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")]
        progressive = any(a in self.w["progressive_aux"] for a in aux)
        if tok.tag_ == "VBG" and status == "delivered" and progressive:
            # "is supplying", "has been supplying"; "is buying" may be an order, "has been buying" is not
            status = "ongoing" if "been" in aux and self.progressive == "pledged" else self.progressive
        if tok.tag_ in ("VBZ", "VBP") and status == "delivered" and not aux and tok.pos_ == "VERB" \
                and not self.headline:
            status = "ongoing"  # "the DPRK supplies missiles": present simple, an activity
        if tok.tag_ == "VBN" and aux in (["is"], ["are"]) and status == "delivered" and not self.headline:
            status = "ongoing"  # "the weapons are supplied by Iran": the passive present, an activity too
        if self.headline and "to" in aux and tok.tag_ == "VB" and status == "delivered" and (
                tok.dep_ == "ROOT" or any(c.dep_ == "nsubj" for c in kids)
                or (tok.dep_ == "acl" and tok.head.dep_ == "ROOT")):
            # "Australia to give Ukraine tanks" (or hung on the name: "UK to give ...")
            status = "pledged" if self.direction != "take" else "sought"
        for c in kids:
            lw = c.lower_
            modifier = c.dep_ in ("amod", "compound") or (c.dep_ == "acl" and c.tag_ == "VBN")  # "sales notified"
            if modifier and self.w.value("status_modifiers", lw):
                status = self.w.value("status_modifiers", lw) or status  # "proposed sales", "possible sale"
            if c.dep_ == "advmod" and lw == "still" and status == "delivered":
                status = "ongoing"
        return status

    def hedges_and_negation(self, tok: Token, depth: int, status: str, m: Modality,
                            subject_of: bool = False) -> str:
        """`subject_of`: the trigger is this verb's subject, and the verb's future is not the transfer's ("the
        deliveries will prolong the war")."""
        kids = list(tok.children) + (shared_auxiliaries(tok) if depth == 0 else [])
        for c in kids:
            lw = c.lower_
            if c.dep_ in ("aux", "auxpass") and lw in self.w["hedge_aux"]:
                m.hedged = True
                if depth == 0 and status == "delivered" and not any(k.lower_ in ("have", "has") for k in kids):
                    status = "pledged" if self.direction != "take" else "sought"
            if c.dep_ == "aux" and lw in self.w["future_aux"] and status == "delivered" and not subject_of:
                status = "pledged"
            if c.dep_ == "aux" and lw in self.w["conditional_aux"] and subject_of:
                m.conditional = True  # "arms transfers to Cuba would violate the embargo": a hypothesis
            if c.dep_ == "aux" and lw == "to" and any(k.dep_ in ("aux", "auxpass") and k.lemma_ == "be" for k in kids) \
                    and status == "delivered" and tok.tag_ != "VBG" and not any(k.lemma_ == "have" for k in kids):
                status = "pledged" if self.direction != "take" else "sought"  # "is to be built"
            if c.dep_ in ("advmod", "amod") and lw in self.w["hedge_adverbs"]:
                m.hedged = True
            no_more = lw in ("more", "further") and any(k.lower_ == "no" for k in c.children)
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and lw in self.w["negators"]) or no_more:
                m.negated = True
                if depth > 0 and tok.pos_ == "NOUN":
                    m.refusal = True  # "no plans to send"
                if any(k.lower_ == "yet" for k in kids):
                    m.not_yet = True
            if c.dep_ == "mark" and lw in self.w["condition_marks"]:
                m.conditional = True
            if c.dep_ == "advcl" and any(k.dep_ == "mark" and k.lower_ in self.w["condition_marks"]
                                         for k in c.children):
                m.conditional = True  # "If Congress approves the sale, Taiwan will receive ..."
        return status

    def still_ahead(self, trigger: Token, verb: Token) -> bool:
        """"The transfer is pending review", "the delivery is scheduled for May": said of the transfer noun
        as its subject, it has not happened yet."""
        due = self.w["due_words"]
        verbs = [verb, verb.head] if verb.dep_ in ("aux", "auxpass") else [verb]  # "is" hung as "pending"'s aux
        said_of_it = any(v.lemma_.lower() in due or v.lower_ in due or any(
            c.dep_ in ("acomp", "oprd", "attr") and c.lower_ in due for c in v.children) for v in verbs)
        return trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass") and said_of_it

    def demanded_stop(self, tok: Token) -> bool:
        head = tok
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head  # "asked France to curb ... and stop selling"
        return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in self.w["stop_verbs"] and \
            self.governors.get(head.head.lemma_.lower()) == "request"

    def governor_words(self, tok: Token, status: str, m: Modality) -> str:
        lemma = tok.lemma_.lower()
        kids = list(tok.children)
        if lemma == "be" and status == "delivered" and any(c.dep_ == "xcomp" and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in kids):
            status = "pledged" if self.direction != "take" else "sought"  # "is to be built"
        if lemma == "yet" or (lemma == "have" and any(c.lower_ == "yet" for c in kids)):
            m.negated = m.not_yet = True
        if tok.pos_ in ("NOUN", "PROPN") and lemma in self.w["hedge_nouns"]:
            m.hedged = True  # "allegations that the UAE has supplied weapons", "reports that Iran sent drones"
        particle = next((c.lower_ for c in kids if c.dep_ == "prt"), None)
        phrasal = f"{lemma} {particle}" if particle else lemma  # "ruled out sending"
        if tok.pos_ in ("VERB", "AUX") and (lemma in self.w["refusal_verbs"] or phrasal in self.w["refusal_verbs"]):
            m.negated = True
            m.refusal = lemma not in self.w["denial_verbs"]
            m.denial = not m.refusal
        if tok.pos_ == "ADJ" and lemma in self.w["hedge_adjectives"]:
            m.hedged = True  # "tanks are likely to be delivered": a forecast
        if tok.pos_ == "ADJ" and lemma in self.w["unlikely"]:
            m.negated = m.refusal = True  # "is unlikely to send": nothing asserted, nothing denied
        if tok.pos_ in ("VERB", "AUX") and lemma in self.w["hedge_raising"]:
            m.hedged = True  # "images appear to show shells arriving"
        passive = any(c.dep_ == "auxpass" for c in kids)
        if tok.pos_ in ("VERB", "AUX") and lemma in self.w["hedge_governors"] and passive:
            m.hedged = True  # "are thought to have been sent"
        if tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.head.lower_ == "of" and status == "delivered":
            status = "ongoing"  # "accused Cuba of using its ports to move rockets": an activity
        return status


def read_modality(trigger: Token, direction: str, base_status: str, governors: dict[str, str],
                  words: WordLists, headline: bool = False, progressive: str | None = None,
                  carriers: frozenset[str] = frozenset()) -> Modality:
    """`carriers`: nouns a governor's status reaches the trigger through ("signed a contract for the delivery
    of", "plans for the purchase of"); any other noun between them stops it ("discussed the scandal over
    the sales")."""
    m = Modality(base_status)
    r = _Reader(words, governors, direction, headline, progressive)
    status = r.trigger_words(trigger, base_status, m)
    chain = [trigger, *governor_chain(trigger)]
    effect_seen = started = False
    # "has not accepted Taiwan's request for jets": the request stands, whatever became of it
    request_noun = trigger.pos_ == "NOUN" and base_status == "sought"
    for depth, tok in enumerate(chain):
        subject_of = depth == 1 and trigger.pos_ == "NOUN" and trigger.dep_ == "nsubj" and \
            tok.lemma_.lower() not in words["event_verbs"]
        negated = m.negated
        status = r.hedges_and_negation(tok, depth, status, m, subject_of)
        if request_noun and depth > 0:
            m.negated, m.refusal, m.not_yet, m.denial = negated, False, False, False
        if depth == 0:
            continue
        if r.demanded_stop(tok):
            status, effect_seen = "ongoing", True  # "called on Iran to stop supplying": it is going on
            continue
        status = r.governor_words(tok, status, m)
        if depth == 1 and status == "delivered" and r.still_ahead(trigger, tok):
            status = "pledged" if direction != "take" else "sought"  # "the delivery is scheduled for May"
        if request_noun:  # "rejected Lima's request for jets": the request was made all the same
            m.negated, m.refusal, m.not_yet, m.denial = negated, False, False, False
        effect = r.effect_of(tok)
        # "plans to start delivering", "authorized the agency to begin arming": a start under a plan or an
        # authorisation is as far along as the plan; a start alone is the transfer under way
        if effect and (not effect_seen or (started and effect not in ("start", "ongoing"))):
            started = effect == "start" and not effect_seen
            effect_seen = True
            status = r.status_for(effect, status, tok, m, trigger)
        via_pp = chain[depth - 1].dep_ == "prep"  # "the scandal over the sales", not "the authority to arm"
        # a sum carries it too: "pledged 2 billion euros in aid"
        if via_pp and tok.pos_ == "NOUN" and effect is None and tok.lemma_.lower() not in carriers | words[
                "container_nouns"] | words["talk_nouns"] | words["currency_signs"]:
            effect_seen = True  # "discussed the scandal over arms sales": the talk is about the scandal
    m.status = status
    return m
