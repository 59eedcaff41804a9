"""Parse repairs: misparses of the statistical parser that a rule can undo, fixed right after parsing.

The small English model reads a transfer verb coordinated after an object as a noun modifying the next
object: "Italy will train soldiers and supply tanks to Chile" comes out with "supply" as a compound of
"tanks", "tanks" a conjunct of "soldiers", and no second verb. Only words that are transfer verbs
(data/frames.tsv) are repaired, and only in that shape; the repaired tree is the one the parser gives
when it gets the sentence right ("Italy will train soldiers and deliver tanks to Chile").

A scale written after a number ("1.5m shells", "2bn") is made a number word again, with its scale as
its lemma (data: scale_abbreviations), so the count reads 1.5 million.

A weapon term that starts with a participle ("fighting vehicles", "loitering munitions") read as a verb
and its object ("delivered tanks and BMP-1 [fighting] [vehicles] to Chile", with "to Chile" hung on
"fighting") is made one noun again, and the verb's phrases go to the verb it hung on.

A designation the parser left as punctuation before its noun ("shipped Fateh-110 missiles", with
"Fateh-110" a punct) is made the noun's modifier.

"The rebels are armed and trained by Iran" comes out with "armed" an adjective after "are": a transfer
verb's participle there, with an agent of its own or on its conjunct, is made the passive verb it is. "Iran
has armed the militias" comes out with "has" the main verb and "armed" a modifier of its object: the
participle right after a "have" with a subject is made the perfect it is.

Headlines join subjects with a comma ("Chile, Peru sign arms deal"): the first name, left as an
adverbial, is the subject and the second its conjunct. A name right before a verb that has no subject, left
as an adverbial ("Chile signed contracts to buy ..."), is its subject. A speaker after a comma read as the
object of the preposition before it ("to Lima, Defence Minister Ana Soto said", with "Lima" a modifier of
"Soto") is the subject of the verb of saying again, and the name before the comma the object.

Coordinated adjectives before one noun are read as coordinated objects ("increased [military] and
[humanitarian aid]"): the bare adjectives are put back as modifiers of the noun, which takes their place.

"Sent artillery and mortar rounds" comes out as "artillery" coordinated with "mortar rounds": where both
"artillery rounds" and "mortar rounds" are weapon terms, "rounds" is made the head of both modifiers.

A headline's credit after a spaced dash ("Chile to sell jets to Peru - report") is read as the head of the
noun before it ("jets - report"): the noun is given its place back and the credit hung on the sentence.

It also splits coordinated modifiers off their noun: "sent extra mortar and artillery rounds" comes out
with two objects, "extra mortar and artillery" and "rounds"; the first is put back as a modifier.
"""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas, getLemma
from spacy.language import Language
from spacy.tokens import Doc, Token

from armswatch.extract.lexicon import load_lexicon, load_words, singular, term_key
from armswatch.extract.valency import load_valency

__all__ = ["COMPONENT", "repair"]

COMPONENT = "armswatch_parse_repairs"
_MODIFIER_DEPS = ("compound", "amod", "nmod")


@lru_cache(maxsize=1)
def _transfer_verbs() -> frozenset[str]:
    return frozenset(row.lemma for row in load_valency().verbs())


def _verb_lemma(word: str) -> str | None:
    lemmas = getLemma(word.lower(), upos="VERB")
    return next((lemma for lemma in lemmas if lemma in _transfer_verbs()), None)


def _coordinated_verb(tok: Token) -> tuple[Token, Token] | None:
    """(the first verb, the object) when `tok` is a transfer verb misread as the first modifier of a noun
    coordinated with that verb's object ("... soldiers and [supply] tanks") or with the verb itself ("have
    trained and [armed] militias")."""
    noun = tok.head
    if tok.dep_ not in _MODIFIER_DEPS or tok.i == 0 or tok.doc[tok.i - 1].lower_ not in ("and", "or") \
            or noun.dep_ != "conj" or noun.i <= tok.i or noun.left_edge.i != tok.i:
        return None
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i and first.head.pos_ != "VERB":
        first = first.head
    verb = first.head  # the first verb's object, or the first verb itself ("trained and [armed] militias")
    if first.dep_ not in ("dobj", "conj") or verb.pos_ != "VERB" or _verb_lemma(tok.text) is None:
        return None
    return verb, noun


def _tag(word: str) -> str:
    low = word.lower()
    return "VBD" if low.endswith("ed") else "VBZ" if low.endswith("s") else "VB"


def _split_modifiers(tok: Token) -> Token | None:
    """The noun a coordinated common-noun object modifies when the parser made it a second object of the
    verb, right before it: "delivered [mortar and artillery] [rounds]" (names are left alone: in "sent
    Chile and Peru rifles" they are the recipients)."""
    if tok.dep_ != "dobj" or tok.pos_ != "NOUN" or not any(c.dep_ == "conj" for c in tok.children):
        return None
    following = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if following is None or following.pos_ != "NOUN" or following.left_edge.i != tok.right_edge.i + 1:
        return None
    return following


@lru_cache(maxsize=1)
def _participle_terms() -> frozenset[tuple[str, str]]:
    """(participle, noun) of the two-word item terms that start with an -ing word: ("fighting", "vehicle")."""
    pairs = (term.lower().split() for term in load_lexicon().items)
    return frozenset((p[0], p[1]) for p in pairs if len(p) == 2 and p[0].endswith("ing"))


def _participle_term(tok: Token) -> Token | None:
    """The noun of a participle-first weapon term the parser read as a verb and its object."""
    if tok.pos_ not in ("VERB", "NOUN") or tok.i + 1 >= len(tok.doc) or tok.head.i == tok.i:
        return None
    noun = tok.doc[tok.i + 1]
    if noun.head.i != tok.i or noun.dep_ != "dobj" or (tok.lower_, singular(noun.lower_)) not in _participle_terms():
        return None
    return noun


def _scale_after_number(tok: Token) -> str | None:
    """"million" for the "m" of "1.5m" (a number right before it, no space between)."""
    if tok.i == 0 or not tok.doc[tok.i - 1].like_num or tok.doc[tok.i - 1].whitespace_:
        return None
    return load_words().value("scale_abbreviations", tok.lower_)


def _join_participle_term(tok: Token, noun: Token) -> None:
    verb = tok.head
    noun.head, noun.dep_ = verb, ("dobj" if verb.pos_ in ("VERB", "AUX") else "conj")
    for c in list(tok.children):
        if c.i != noun.i:
            c.head = verb  # "to Chile": the verb's, not the participle's
    tok.head, tok.dep_, tok.pos_, tok.tag_ = noun, "compound", "NOUN", "NN"
    tok.lemma_ = tok.lower_


def _designation_as_punct(tok: Token) -> Token | None:
    """The noun a letters-and-digits word read as punctuation stands in front of."""
    if tok.dep_ != "punct" or tok.i + 1 >= len(tok.doc) or not any(ch.isdigit() for ch in tok.text) \
            or not any(ch.isalpha() for ch in tok.text):
        return None
    noun = tok.doc[tok.i + 1]
    return noun if noun.pos_ in ("NOUN", "PROPN") else None


def _comma_subjects(tok: Token) -> Token | None:
    """The subject after "Chile," when a sentence starts "Chile, Peru sign ..." and "Chile" hangs loose."""
    if not tok.is_sent_start or tok.pos_ != "PROPN" or tok.dep_ not in ("npadvmod", "appos", "dep", "nsubj") \
            or tok.i + 2 >= len(tok.doc) or tok.doc[tok.i + 1].text != ",":
        return None
    second = tok.doc[tok.i + 2]
    if second.pos_ != "PROPN" or second.dep_ != "nsubj" or second.head.i != tok.head.i:
        return None
    return second


def _loose_subject(tok: Token) -> bool:
    """"Chile signed contracts to buy ...": the name right before a finite verb that has no subject was
    read as an adverbial of it; it is the subject."""
    verb = tok.head
    return tok.pos_ == "PROPN" and tok.dep_ == "npadvmod" and verb.tag_ in ("VBD", "VBZ", "VBP") \
        and tok.right_edge.i + 1 == verb.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    from armswatch.extract.lexicon import data_rows

    return frozenset(r["lemma"] for r in data_rows("speech.tsv") if r["kind"] == "say")


def _speaker_in_object(tok: Token) -> tuple[Token, Token, Token] | None:
    """"sent rifles to Lima, Chilean Defence Minister Ana Soto said" with "Soto" read as the object of "to"
    and "Lima" a modifier of it: (the name before the comma, the speaker, the verb of saying)."""
    if tok.dep_ != "pobj" or tok.pos_ != "PROPN" or tok.right_edge.i + 1 >= len(tok.doc):
        return None
    verb = tok.doc[tok.right_edge.i + 1]
    if verb.lemma_.lower() not in _speech_verbs() or verb.pos_ != "VERB" or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    first = tok.left_edge  # the name's head: the last word before the comma ("Buenos Aires")
    comma = next((t for t in tok.doc[first.i: tok.i] if t.text == ","), None)
    if comma is None or first.pos_ != "PROPN":
        return None
    first = tok.doc[comma.i - 1]
    if first.pos_ != "PROPN" or first.dep_ not in ("nmod", "compound", "appos"):
        return None
    return first, tok, verb


def _bare(tok: Token) -> bool:
    return all(c.dep_ in ("punct", "cc", "conj") for c in tok.children)


def _coordinated_adjectives(tok: Token) -> Token | None:
    """The noun bare adjectives read as its coordinated siblings belong to: "sent [military], [economic]
    and [humanitarian aid]" (the last conjunct a noun with a modifier of its own, the others bare words
    that can be adjectives)."""
    if tok.dep_ in ("conj", "amod", "compound") or not _bare(tok):
        return None
    chain = [tok]
    while (nxt := next((c for c in chain[-1].children if c.dep_ == "conj"), None)) is not None:
        chain.append(nxt)
    *modifiers, noun = chain
    if not modifiers or noun.pos_ != "NOUN" or not all(_bare(m) and _adjective(m) for m in modifiers) \
            or noun.doc[noun.i - 1].dep_ != "amod" or noun.doc[noun.i - 1].head.i != noun.i:
        return None
    return noun


@lru_cache(maxsize=1)
def _two_word_terms() -> frozenset[tuple[str, ...]]:
    keys = (term_key(term.split()) for term in load_lexicon().items if not term.startswith("="))
    return frozenset(k for k in keys if len(k) == 2)


def _shared_head(tok: Token) -> Token | None:
    """The noun a coordinated modifier shares with its conjunct: "artillery" in "artillery and [mortar]
    rounds" when "artillery rounds" and "mortar rounds" are both terms."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.dep_ in ("compound", "amod", "nmod", "conj"):
        return None  # a modifier is singular: "tanks and mortar rounds" are two things
    noun = next((c for c in tok.children if c.dep_ == "conj"), None)
    if noun is None or noun.i < 3 or noun.pos_ != "NOUN":
        return None
    modifier, cc = noun.doc[noun.i - 1], noun.doc[noun.i - 2]
    if cc.lower_ not in ("and", "or") or cc.i != tok.i + 1 or modifier.dep_ != "compound" \
            or modifier.head.i != noun.i:
        return None
    terms = _two_word_terms()
    if term_key([tok.text, noun.text]) in terms and term_key([modifier.text, noun.text]) in terms:
        return noun
    return None


def _repair_shared_head(tok: Token) -> None:
    noun = _shared_head(tok)
    if noun is None:
        return
    modifier, cc = noun.doc[noun.i - 1], noun.doc[noun.i - 2]
    for c in list(tok.children):
        if c.dep_ in ("conj", "cc", "punct") and c.i > noun.i:
            c.head = noun  # the rest of the list goes on from the shared noun
    noun.head, noun.dep_ = (noun if tok.head.i == tok.i else tok.head), tok.dep_
    tok.head, tok.dep_ = noun, "compound"
    modifier.head, modifier.dep_ = tok, "conj"
    cc.head = tok


_CREDIT_WORDS = 3  # "- report", "- sources say", "- state media"


def _headline_credit(dash: Token) -> tuple[Token, Token] | None:
    """(the credit's head, the noun it swallowed) for a spaced dash before a short credit ending the sentence."""
    doc, sent = dash.doc, dash.sent
    if dash.text not in ("-", "\u2013", "\u2014") or dash.i == 0 or not dash.whitespace_ \
            or not doc[dash.i - 1].whitespace_:
        return None
    tail = [t for t in doc[dash.i + 1: sent.end] if not t.is_punct and not t.is_space]
    if not tail or len(tail) > _CREDIT_WORDS:
        return None
    head = next((t for t in tail if t.head.i == t.i or not dash.i < t.head.i < sent.end), None)
    swallowed = [c for c in head.children if c.i < dash.i and c.pos_ in ("NOUN", "PROPN")] if head else []
    return (head, swallowed[-1]) if head is not None and swallowed else None


def _repair_headline_credit(tok: Token) -> None:
    found = _headline_credit(tok)
    if found is None:
        return
    credit, noun = found
    for c in list(credit.children):
        if c.i < tok.i and c.i != noun.i:
            c.head = noun  # "Su-35" of "Su-35 jets"
    if credit.head.i == credit.i:
        noun.head, noun.dep_ = noun, "ROOT"
    else:
        noun.head, noun.dep_ = credit.head, credit.dep_
    root = noun if noun.dep_ == "ROOT" else noun.sent.root
    credit.head, credit.dep_ = root, "parataxis"
    tok.head, tok.dep_ = root, "punct"


def _adjective(tok: Token) -> bool:
    """An adjective, or a word that can be one ("military"; not "rifles" in "rifles and military trucks")."""
    return tok.pos_ == "ADJ" or (tok.pos_ == "NOUN" and "ADJ" in getAllLemmas(tok.lower_))


def _repair_coordinated_adjectives(tok: Token) -> None:
    noun = _coordinated_adjectives(tok)
    if noun is None:
        return
    last_modifier = noun.doc[noun.i - 1]
    last_modifier.head, last_modifier.dep_ = noun.head, "conj"
    noun.head, noun.dep_ = (noun if tok.head.i == tok.i else tok.head), tok.dep_
    tok.head, tok.dep_ = noun, "amod"
    for c in list(tok.doc[tok.i:noun.i]):
        if c.pos_ == "NOUN" and c.head.i != noun.i and c.dep_ == "conj":
            c.pos_, c.tag_ = "ADJ", "JJ"
    if tok.pos_ == "NOUN":
        tok.pos_, tok.tag_ = "ADJ", "JJ"


def _predicative_participle(tok: Token) -> str | None:
    """The transfer verb of a participle read as an adjective after "be" in a passive with an agent."""
    if tok.pos_ != "ADJ" or tok.dep_ != "acomp" or tok.head.lemma_ != "be" or not tok.lower_.endswith("ed"):
        return None
    with_agent = [tok, *(c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if not any(c.dep_ == "agent" for v in with_agent for c in v.children):
        return None
    return _verb_lemma(tok.text)


def _perfect_read_as_modifier(tok: Token) -> Token | None:
    """"Iran has armed local militias" read with "has" the main verb and "armed" a modifier of its object: a
    transfer verb's participle right after a "have" with a subject is the perfect it is. Returns the "have"."""
    have = tok.doc[tok.i - 1] if tok.i > 0 else None
    noun = tok.head
    if have is None or tok.tag_ != "VBN" or tok.dep_ != "amod" or have.lemma_ != "have" or have.pos_ != "VERB" \
            or noun.dep_ != "dobj" or noun.head.i != have.i or noun.i <= tok.i:
        return None
    if not any(c.dep_ == "nsubj" for c in have.children) or _verb_lemma(tok.text) not in _transfer_verbs():
        return None
    return have


def _repair_perfect_read_as_modifier(tok: Token) -> None:
    have = _perfect_read_as_modifier(tok)
    if have is None:
        return
    noun = tok.head
    tok.pos_, tok.lemma_ = "VERB", _verb_lemma(tok.text) or tok.lemma_
    tok.dep_, tok.head = (("ROOT", tok) if have.dep_ == "ROOT" else (have.dep_, have.head))
    for c in list(have.children):
        c.head = tok
    have.pos_, have.tag_, have.dep_, have.head = "AUX", "VBZ" if have.lower_ == "has" else have.tag_, "aux", tok
    noun.dep_, noun.head = "dobj", tok


def _make_passive(tok: Token, lemma: str) -> None:
    be = tok.head
    tok.pos_, tok.tag_, tok.lemma_ = "VERB", "VBN", lemma
    if be.dep_ == "ROOT":
        tok.dep_, tok.head = "ROOT", tok
    else:
        tok.dep_, tok.head = be.dep_, be.head
    for c in list(be.children):
        if c.i != tok.i:
            c.head = tok
            if c.dep_ == "nsubj":
                c.dep_ = "nsubjpass"
    be.dep_, be.head = "auxpass", tok


def _repair_predicative_participle(tok: Token) -> None:
    participle = _predicative_participle(tok)
    if participle is not None:
        _make_passive(tok, participle)


def _repair_comma_subjects(tok: Token) -> None:
    second = _comma_subjects(tok)
    if second is not None:
        tok.dep_, second.dep_, second.head = "nsubj", "conj", tok
        tok.doc[tok.i + 1].head = tok


def _repair_loose_subject(tok: Token) -> None:
    if _loose_subject(tok):
        tok.dep_ = "nsubj"


def _repair_speaker_in_object(tok: Token) -> None:
    found = _speaker_in_object(tok)
    if found is None:
        return
    first, speaker, verb = found
    comma = tok.doc[first.i + 1]
    first.dep_, first.head = "pobj", speaker.head
    speaker.dep_, speaker.head = "nsubj", verb
    comma.dep_, comma.head = "punct", verb


def _repair_designation(tok: Token) -> None:
    named = _designation_as_punct(tok)
    if named is not None:
        tok.dep_, tok.head, tok.pos_, tok.tag_ = "compound", named, "PROPN", "NNP"


def _repair_participle_term(tok: Token) -> None:
    noun = _participle_term(tok)
    if noun is not None:
        _join_participle_term(tok, noun)


def _repair_scale(tok: Token) -> None:
    scale = _scale_after_number(tok)
    if scale is None:
        return
    doc, number = tok.doc, tok.doc[tok.i - 1]
    tok.pos_, tok.tag_, tok.lemma_ = "NUM", "CD", scale
    if number.head.i != tok.i:
        number.dep_, number.head = "compound", tok
    if tok.dep_ in ("compound", "amod", "nmod"):
        tok.dep_ = "nummod"
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and tok.head.i == nxt.head.i != nxt.i:
        tok.dep_, tok.head = "nummod", nxt  # "send 1m rounds" read as two objects


def _repair_split_modifiers(tok: Token) -> None:
    noun = _split_modifiers(tok)
    if noun is not None:
        tok.dep_, tok.head = "nmod", noun


def _repair_coordinated_verb(tok: Token) -> None:
    found = _coordinated_verb(tok)
    if found is None:
        return
    verb, noun = found
    cc = tok.doc[tok.i - 1]
    tok.pos_, tok.tag_, tok.dep_ = "VERB", _tag(tok.text), "conj"
    tok.lemma_ = _verb_lemma(tok.text) or tok.lemma_
    tok.head = verb
    cc.head = verb
    noun.dep_ = "dobj"
    noun.head = tok
    for p in list(verb.children):  # "... and supply tanks to Chile": the phrases after it are its own
        if p.dep_ in ("prep", "dative") and p.i > noun.i:
            p.head = tok


# each looks for its own misparse at a token and mends it; applied in this order, token by token
_REPAIRS = (
    _repair_coordinated_adjectives,
    _repair_shared_head,
    _repair_predicative_participle,
    _repair_comma_subjects,
    _repair_loose_subject,
    _repair_speaker_in_object,
    _repair_perfect_read_as_modifier,
    _repair_designation,
    _repair_participle_term,
    _repair_scale,
    _repair_split_modifiers,
    _repair_coordinated_verb,
    _repair_headline_credit,
)


def repair(doc: Doc) -> Doc:
    for tok in doc:
        for mend in _REPAIRS:
            mend(tok)
    return doc


@Language.component(COMPONENT)
def parse_repairs(doc: Doc) -> Doc:
    return repair(doc)
