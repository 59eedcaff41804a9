"""Status, hedging and negation of a frame, read from the trigger and the words that govern it.

"plans to receive" -> sought, "is negotiating to purchase" -> negotiating, "agreed to supply" /
"will send" -> pledged, "continues to supply" / "is supplying" -> ongoing, "has shipped" ->
delivered; "may", "probably", "is believed to" -> hedged; "has not yet delivered", "no plans to
send", "declined to provide" -> negated; "if ..." and "whether ..." -> not asserted at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

__all__ = ["Modality", "read_modality"]

_FUTURE_AUX = {"will", "would", "shall", "'ll", "wo"}
_HEDGE_AUX = {"may", "might", "could"}
_HEDGE_ADV = {"probably", "apparently", "reportedly", "allegedly", "possibly", "likely", "presumably",
              "perhaps", "purportedly", "supposedly"}
_HEDGE_GOVERNORS = {"believe", "suspect", "think", "appear", "seem", "allege", "report", "say"}
_NEGATORS = {"not", "n't", "never", "no"}
_HEDGE_ADJECTIVES = {"likely", "probable", "possible"}
_UNLIKELY = {"unlikely", "improbable"}
_REFUSAL = {"decline", "refuse", "fail", "reject", "avoid", "resist", "stop", "halt", "suspend", "deny",
            "prohibit", "ban", "bar", "forbid", "prevent", "block", "oppose"}
_CONDITION_MARKS = {"if", "unless", "whether"}
_NOUN_GOVERNORS = {"talk": "negotiate", "negotiation": "negotiate", "plan": "intend", "request": "intend",
                   "effort": "intend", "bid": "intend", "deal": "commit", "agreement": "commit",
                   "contract": "commit", "pledge": "commit", "promise": "commit", "decision": "commit",
                   "offer": "commit", "order": "commit", "package": "commit", "provision": "commit",
                   "clause": "commit"}


@dataclass
class Modality:
    status: str
    hedged: bool = False
    negated: bool = False
    conditional: bool = False
    not_yet: bool = False  # "has not yet delivered", "has yet to receive": negation, no denial
    refusal: bool = False  # "declined to provide", "resisted sending", "no plans to send": no denial either


def _governors(tok: Token) -> list[Token]:
    """The chain of words that govern the trigger inside its clause ("agreed to lend": agreed)."""
    chain: list[Token] = []
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            break
        dep = cur.dep_
        if dep in ("xcomp", "acl", "pcomp", "pobj", "prep", "dobj", "oprd", "nsubjpass", "attr",
                   "advcl", "relcl", "compound", "nsubj", "amod"):
            cur = cur.head
            chain.append(cur)
            if dep in ("advcl", "relcl"):
                break
            continue
        break
    return chain


def _in_talks(tok: Token) -> bool:
    return any(p.dep_ == "prep" and p.lower_ == "in" and any(
        o.lemma_ in ("talk", "negotiation", "discussion") for o in p.children if o.dep_ == "pobj")
        for p in tok.children)


def read_modality(trigger: Token, direction: str, base_status: str, governors: dict[str, str]) -> Modality:
    status = base_status
    m = Modality(status)
    chain = [trigger, *_governors(trigger)]
    effect_seen: str | None = None
    for depth, tok in enumerate(chain):
        lemma = tok.lemma_.lower()
        kids = list(tok.children)
        for c in kids:
            lw = c.lower_
            if c.dep_ in ("aux", "auxpass") and lw in _HEDGE_AUX:
                m.hedged = True
                if lw in ("could", "might", "may") and depth == 0 and status == "delivered" \
                        and not any(k.lower_ in ("have", "has") for k in kids):
                    status = "pledged" if direction != "take" else "sought"
            if c.dep_ == "aux" and lw in _FUTURE_AUX and status == "delivered":
                status = "pledged"
            # "is to be built", "are to receive": a plan
            if c.dep_ == "aux" and lw == "to" and any(k.dep_ == "aux" and k.lemma_ == "be" for k in kids) \
                    and status == "delivered":
                status = "pledged" if direction != "take" else "sought"
            if c.dep_ in ("advmod", "amod") and lw in _HEDGE_ADV:
                m.hedged = True
            no_more = lw in ("more", "further") and any(k.lower_ == "no" for k in c.children)
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and lw in _NEGATORS) or no_more:
                m.negated = True
                if depth > 0 and tok.pos_ == "NOUN":
                    m.refusal = True  # "no plans to send"
                if any(k.lower_ == "yet" for k in kids):
                    m.not_yet = True
            if c.dep_ == "mark" and lw in _CONDITION_MARKS:
                m.conditional = True
            if c.dep_ == "advmod" and lw == "still" and status == "delivered" and depth == 0:
                status = "ongoing"
        if depth == 0:
            # progressive present: "is supplying", "are continuing"
            aux = [c.lower_ for c in kids if c.dep_ == "aux"]
            if tok.tag_ == "VBG" and any(a in ("is", "are", "am", "'s", "'re", "was", "were") for a in aux) \
                    and status == "delivered":
                status = "ongoing"
            if tok.tag_ == "VBG" and any(a in ("has", "have") for a in aux) and "been" in aux \
                    and status == "delivered":
                status = "ongoing"
            continue
        # "is to be built in Poland, with South Korea transferring technology": a plan
        if lemma == "be" and any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                                 for c in kids) and status == "delivered":
            status = "pledged" if direction != "take" else "sought"
        # "accused Iran of using Syrian territory to move missiles": an activity, not one event
        if tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.head.lower_ == "of" and status == "delivered":
            status = "ongoing"
        if lemma == "yet" or (lemma == "have" and any(c.lower_ == "yet" for c in kids)):
            m.negated = m.not_yet = True
        effect = governors.get(lemma) if tok.pos_ in ("VERB", "AUX", "ADJ") else _NOUN_GOVERNORS.get(lemma)
        if effect is None and _in_talks(tok):
            effect = "negotiate"  # "Saudi Arabia is in talks with China to buy drones"
        if tok.pos_ in ("VERB", "AUX") and lemma in _REFUSAL:
            m.negated = True
            m.refusal = lemma not in ("deny", "reject")
        if tok.pos_ == "ADJ" and lemma in _HEDGE_ADJECTIVES:
            m.hedged = True  # "tanks are likely to be delivered": a forecast
        if tok.pos_ == "ADJ" and lemma in _UNLIKELY:
            m.negated = m.refusal = True  # "is unlikely to send": no transfer asserted, and none denied
        if tok.pos_ in ("VERB", "AUX") and lemma in _HEDGE_GOVERNORS \
                and any(c.dep_ == "auxpass" for c in kids):
            m.hedged = True  # "are believed to have been shipped"
        if effect and effect_seen is None:
            effect_seen = effect
            if effect == "ongoing":
                status = "ongoing"
            elif effect == "negotiate":
                status = "negotiating"
            elif effect == "intend":
                status = "sought" if direction == "take" else "pledged"
            elif effect == "commit":
                status = "pledged"
            # progressive/future aux on the governor: "is negotiating", "will continue"
            gaux = [c.lower_ for c in kids if c.dep_ == "aux"]
            if effect == "start" and any(a in _FUTURE_AUX for a in gaux):
                status = "pledged"
    m.status = status
    return m
