"""The predicate-argument layer: logical arguments of every predicate, read once from the dependency parse.

A predicate is a verb, or a noun that names an event ("the sale of shells to Kyiv"). Its arguments get
logical roles, whatever the construction that expressed them:

    subj     the doer: the active subject, the passive by-agent, a controller ("agreed to send"),
             the subject shared by coordinated verbs, the noun a relative clause or participle modifies
    obj      the thing done to: the active object, the passive subject ("tanks were sent")
    dat      the first object of a double-object verb ("handed the army twelve howitzers")
    pp:WORD  a prepositional argument ("pp:to", "pp:from", "pp:with", "pp:along with")
    poss     a noun's genitive ("Belgrade's sale")
    mod      a noun's modifiers ("US arms sales": "US", "arms")
    agent    the subject of a support verb that does the noun's event ("Poland placed an order")
    counter  the subject of a support verb on the other side ("Kyiv took delivery of jets")
    cop      what an agent noun is said of ("Iran is Russia's main supplier", "Iran, the main supplier")
    incl     what a noun is said to include ("a package that includes 60 boats")
    comp     a verb's clausal complement ("help Moscow build drones": build)

Each rule is a small function; `Arg.rule` names the rule that produced an argument (tests check it).
Which roles hold the supplier, the recipient and the items is not decided here: that is the valency
frames' job (`valency.py`, `data/frames.tsv`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from armswatch.extract.lexicon import WordLists

__all__ = ["Arg", "ArgumentReader", "Predicate", "children", "plural_people", "prep_objects", "prep_word"]

_SUBJECT_DEPS = ("nsubj",)
_RELATIVE_TAGS = ("WDT", "WP")


@dataclass(frozen=True)
class Arg:
    role: str
    token: Token
    rule: str  # the rule that found it: "active", "passive", "control", "relative", "lifted", ...


@dataclass
class Predicate:
    head: Token
    args: list[Arg] = field(default_factory=list)
    passive: bool = False
    support: Token | None = None  # the support verb a noun's arguments came through

    def tokens(self, role: str) -> list[Token]:
        return [a.token for a in self.args if a.role == role]

    def roles(self) -> dict[str, list[str]]:
        """Role -> texts, for tests and debugging."""
        out: dict[str, list[str]] = {}
        for a in self.args:
            out.setdefault(a.role, []).append(a.token.text)
        return out


# -- small tree helpers ------------------------------------------------------------------------------

def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_word(prep: Token) -> str:
    """The preposition a prep token stands for, compounds joined: "along with", "as well as", "such as",
    "out of", "in addition to"."""
    word = prep.lower_
    doc = prep.doc
    if word == "as":
        if prep.i >= 2 and doc[prep.i - 1].lower_ == "well" and doc[prep.i - 2].lower_ == "as":
            return "as well as"
        if prep.i + 2 < len(doc) and doc[prep.i + 1].lower_ == "well" and doc[prep.i + 2].lower_ == "as":
            return "as well as"
        if any(c.lower_ == "such" for c in prep.children) or (prep.i > 0 and doc[prep.i - 1].lower_ == "such"):
            return "such as"
    inner = [c for c in prep.children if c.dep_ == "prep"]
    if inner and not children(prep, "pobj", "pcomp"):
        return f"{word} {prep_word(inner[0])}"  # "along with", "out of", "because of"
    if word == "addition" or (word == "in" and any(c.lower_ == "addition" for c in prep.children)):
        return "in addition to"
    return word


def prep_objects(prep: Token) -> list[Token]:
    """Objects of a preposition, through compound prepositions ("along with", "in addition to")."""
    objs = children(prep, "pobj", "pcomp")
    if objs:
        return objs
    out: list[Token] = []
    for c in prep.children:
        if c.dep_ == "prep" or (c.dep_ == "pobj" and c.lower_ == "addition"):
            out.extend(prep_objects(c))
    return out


def _has_to_marker(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _relative_words(verb: Token) -> list[Token]:
    """The relative pronouns hung on a verb: "which" in "the jets, which Tehran wants to buy"."""
    return [c for c in verb.children if c.tag_ in _RELATIVE_TAGS or (c.lower_ == "that" and c.dep_ in (
        "nsubj", "nsubjpass", "dobj"))]


def plural_people(tok: Token) -> bool:
    """"the Saudis" in "sold the Saudis jets": a people named in the plural after a determiner, read by the
    parser as a modifier of the noun after it (the tagger is not sure of plurals: NNPS or a final "s")."""
    return tok.pos_ == "PROPN" and tok.dep_ in ("compound", "nmod") and tok.i > 0 \
        and tok.doc[tok.i - 1].dep_ == "det" and (tok.tag_ == "NNPS" or tok.text.endswith("s"))


def _range_end(prep: Token) -> list[Token]:
    """"from Denmark to Chile" with "to Chile" hung on "from": the destination of the range."""
    if prep.lower_ != "from":
        return []
    return [o for p in children(prep, "prep") if p.lower_ in ("to", "into") for o in prep_objects(p)]


def _up_to_amount(prep: Token) -> bool:
    """"up to 300 tonnes": "to" after "up" before an amount bounds a number; it is no destination."""
    return prep.lower_ == "to" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "up" and any(
        c.like_num or c.dep_ == "nummod" for o in prep_objects(prep) for c in [o, *o.children])


def _range_gerund(verb: Token) -> bool:
    """"moved from helping Cuba to arming it": the second gerund, which the parser gives the first one's object
    as its subject and "to" as an infinitive marker; it goes on with the first one's subject."""
    return verb.tag_ == "VBG" and verb.head.tag_ == "VBG" and verb.dep_ in ("ccomp", "xcomp", "advcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def is_passive(verb: Token) -> bool:
    """"tanks were sent", "drones supplied by Iran" (a past participle modifying a noun)."""
    if children(verb, "nsubjpass", "auxpass"):
        return True
    if verb.dep_ in ("acl", "relcl", "advcl", "amod") and verb.tag_ == "VBN" and not children(verb, "nsubj"):
        return not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and children(verb, "agent") and not children(verb, "aux"):
        return True  # "..., most of them supplied by Iran": an absolute clause, its subject the thing supplied
    # "US jets bought before 1979": a reduced relative the tagger read as a past tense
    return verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBD" and not children(verb, "nsubj", "aux", "dobj") \
        and not any(c.tag_ in ("WDT", "WP") for c in verb.children)


class ArgumentReader:
    """Reads predicates of one Doc, remembering what it has read (subjects are shared along chains)."""

    def __init__(self, doc: Doc, words: WordLists, event_nouns: frozenset[str] = frozenset(),
                 agent_nouns: frozenset[str] = frozenset(), reporting_verbs: frozenset[str] = frozenset(),
                 item_words: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.item_words = item_words  # "grenade", "rocket": nouns the tagger may read as verbs
        self.reporting_verbs = reporting_verbs  # "said": a verb coordinated with it continues what was said
        self.words = words
        self.event_nouns = event_nouns  # nouns that are predicates themselves: nothing is lifted off them
        self.agent_nouns = agent_nouns  # "supplier", "buyer": said of a party by a copula or an apposition
        self._verbs: dict[int, Predicate] = {}
        self._nouns: dict[int, Predicate] = {}

    # -- entry points ---------------------------------------------------------------------------------
    def predicate(self, tok: Token) -> Predicate:
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and (tok.tag_ == "VBN" or tok.dep_ in (
                "acl", "relcl", "amod", "acomp", "ROOT"))):
            return self.verb(tok)
        return self.noun(tok)

    def verb(self, v: Token) -> Predicate:
        if v.i not in self._verbs:
            self._verbs[v.i] = Predicate(v)  # guards against cycles while it is being read
            self._verbs[v.i] = self._read_verb(v)
        return self._verbs[v.i]

    def noun(self, n: Token) -> Predicate:
        if n.i not in self._nouns:
            self._nouns[n.i] = Predicate(n)
            self._nouns[n.i] = self._read_noun(n)
        return self._nouns[n.i]

    # -- verbs ----------------------------------------------------------------------------------------
    def _read_verb(self, v: Token) -> Predicate:
        pred = Predicate(v, passive=is_passive(v))
        args = pred.args
        args += [self._relative_antecedent(a) for a in self._direct_args(v, pred.passive)]
        if v.pos_ == "ADJ" and v.dep_ == "acomp":  # "is grateful to Chile for the jets", "for" hung on "is"
            args += [Arg(f"pp:{prep_word(p)}", o, "copula") for p in children(v.head, "prep") if p.i > v.i
                     for o in prep_objects(p)]
        have = {a.role for a in args}
        if "subj" not in have and not pred.passive:
            args += [Arg("subj", t, rule) for t, rule in self._inherited_subject(v)]
        if "subj" not in have and pred.passive:
            args += [Arg("subj", t, rule) for t, rule in self._shared_agent(v)]
        if pred.passive and "obj" not in have:
            args += [Arg("obj", t, rule) for t, rule in self._inherited_passive_subject(v)]
        have = {a.role for a in args}
        if "obj" not in have and not pred.passive:
            args += [Arg("obj", t, rule) for t, rule in self._inherited_object(v)]
        if pred.passive and "obj" in have and "dat" not in have:
            args[:] = self._passive_recipient(v, args)
        if not pred.passive and "dat" not in have:
            args += self._fused_dative(args)
        args += [Arg("obj", c, "apposition") for a in list(args) if a.role in ("dat", "obj")
                 for c in children(a.token, "appos")]
        args += self._renamings(v, args)
        args += self._lifted(v, args)
        return pred

    @staticmethod
    def _renamings(v: Token, args: list[Arg]) -> list[Arg]:
        """"handed over the frigate Aurora, now the ship Libertad, to the navy": a renaming set off by commas
        after the object, which the parser hangs on the verb, is an apposition of the object."""
        objs = [a.token for a in args if a.role == "obj"]
        return [Arg("obj", c, "apposition") for c in children(v, "npadvmod")
                if c.pos_ in ("NOUN", "PROPN") and c.i > 0 and any(o.i < c.i for o in objs)
                and c.doc[c.left_edge.i - 1].text == ","]

    def _direct_args(self, v: Token, passive: bool) -> list[Arg]:
        voice = "passive" if passive else "active"
        out: list[Arg] = []
        for c in v.children:
            dep = c.dep_
            if dep == "nsubj" and c.lower_ == "that" and len(children(v, "nsubj")) > 1:
                continue  # "said on Telegram that Kyiv had received": a conjunction the parser made a subject
            if dep == "nsubj" and passive and not children(v, "nsubjpass"):
                out.append(Arg("obj", c, "absolute"))  # "most of them supplied by Iran"
            elif dep == "nsubj" and not _range_gerund(v):
                out.append(Arg("subj", c, voice))
            elif dep == "nsubjpass" or dep in ("dobj", "oprd"):
                out.append(Arg("obj", c, voice))
            elif dep == "attr":
                out.append(Arg("attr", c, voice))
            elif dep == "dative" and c.pos_ == "ADP":  # "sent shells to Moscow", parsed as a dative
                out += [Arg(f"pp:{c.lower_}", o, voice) for o in prep_objects(c)]
            elif dep == "dative":
                out.append(Arg("dat", c, "ditransitive"))
            elif dep == "agent":
                out += [Arg("subj", o, "passive") for o in prep_objects(c)]
            elif dep == "prep" and _up_to_amount(c):
                out += [Arg("obj", o, "up-to") for o in prep_objects(c)]  # "exported up to 300 tonnes of shells"
            elif dep == "prep":
                out += [Arg(f"pp:{prep_word(c)}", o, voice) for o in prep_objects(c) if not self._adverbial(o)]
                out += [Arg("pp:to", o, "range") for o in _range_end(c)]
            elif dep in ("xcomp", "ccomp") and _range_gerund(c):
                out += [Arg("obj", o, "from-to") for o in children(c, "nsubj")]
            elif dep in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
                out.append(Arg("comp", c, voice))
                out += self._purpose_places(c)
            elif dep == "advcl" and _has_to_marker(c):
                out += self._purpose_places(c)
            elif dep == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in self.words["inclusion_verbs"]:
                # "transferred 20,000 containers, containing shells and missiles, to Russia"
                out += [Arg("pp:including", o, "adjunct") for o in children(c, "dobj")]
                out += [Arg(f"pp:{prep_word(p)}", o, "adjunct") for p in children(c, "prep")
                        if prep_word(p) in self.words["liftable_preps"] for o in prep_objects(p)]
            elif dep == "conj" and c.pos_ == "PROPN" and not passive:
                out.append(Arg("subj", c, "gapping"))  # "Denmark has pledged 19 jets and the Netherlands 24"
            elif dep == "conj" and c.pos_ == "NOUN":
                out.append(Arg("obj", c, "gapped-object"))  # "hand over howitzers to Taiwan and tanks in May"
            elif dep == "conj" and c.pos_ == "VERB" and c.lemma_.lower() in self.item_words and not children(
                    c, "nsubj", "nsubjpass", "aux"):
                out += self._homograph(c, voice)
            elif dep == "prt" and c.lower_ in ("to", "with"):  # "supply it with": rare particle parses
                continue
        return out

    def _adverbial(self, noun: Token) -> bool:
        """"for its part", "for the first time": a set phrase, no argument."""
        if noun.lemma_.lower() == "part" and children(noun, "poss"):
            return True
        if noun.lower_ == "date" and noun.head.lower_ == "to":  # "has sent 20,000 containers to date"
            return True
        return noun.lemma_.lower() in self.words["adverbial_nouns"]

    @staticmethod
    def _fused_dative(args: list[Arg]) -> list[Arg]:
        """"has handed Serbia Pantsir systems" parsed with "Belarus" as a modifier of the object: a name at
        the object's left edge may be the recipient (the frame keeps it only if it names a party)."""
        out = []
        for a in args:
            first = a.token.left_edge
            after_det = a.token.doc[first.i + 1] if first.dep_ == "det" and first.i + 1 < a.token.i else None
            if a.role == "obj" and after_det is not None and plural_people(after_det):
                out.append(Arg("dat", after_det, "people-dative"))  # "sold the Saudis jets": a people, plural
                continue
            if a.role == "obj" and first.pos_ == "PROPN" and first.dep_ in ("compound", "nmod") and first.i < a.token.i:
                out.append(Arg("dat", first, "fused-dative"))
        return out

    def _purpose_places(self, clause: Token) -> list[Arg]:
        """"sent 2,000 soldiers to train in western Belarus": where the purpose clause takes place."""
        if not _has_to_marker(clause):
            return []
        out: list[Arg] = []
        if clause.lemma_.lower() in self.words["beneficiary_verbs"]:  # "a drawdown to support Ukraine"
            out += [Arg("purpose", o, "purpose") for o in children(clause, "dobj")]
            # "sent the jets to strengthen Chile's air force": the one whose forces it strengthens
            out += [Arg("purpose", p, "purpose") for o in children(clause, "dobj") for p in children(o, "poss")]
            # "sent troops to help Chile fight": the one helped is the subject of what it is helped to do
            out += [Arg("purpose", t, "purpose") for c in children(clause, "ccomp", "xcomp")
                    for t in children(c, "nsubj")]
        if clause.lemma_.lower() in self.words["fighting_verbs"]:  # "troops sent to fight alongside Chile"
            out += [Arg("purpose", o, "purpose") for p in children(clause, "prep")
                    if prep_word(p) in self.words["side_preps"] for o in prep_objects(p)]
        if out:
            return out  # "shells sent to help Russia's war effort in Ukraine": the one helped, not the place
        return [Arg("purpose", o, "purpose") for p in children(clause, "prep") if p.lower_ in ("in", "into", "to")
                for o in prep_objects(p)]

    @staticmethod
    def _homograph(conj: Token, voice: str) -> list[Arg]:
        """"delivered ammunition and grenade launchers to the army" with "grenade" tagged as a verb: the
        conjunct is another object, and its prepositional phrases are the predicate's."""
        objs = children(conj, "dobj") or [conj]
        return [*(Arg("obj", o, "homograph") for o in objs),
                *(Arg(f"pp:{prep_word(p)}", o, "homograph") for p in children(conj, "prep") for o in prep_objects(p))]

    def _relative_antecedent(self, arg: Arg) -> Arg:
        """"jets, which Ukraine has requested": the relative pronoun stands for the noun the clause modifies."""
        tok = arg.token
        if tok.tag_ not in _RELATIVE_TAGS and not (tok.lower_ == "that" and tok.head.dep_ == "relcl"):
            return arg
        clause = next((a for a in [tok.head, *tok.head.ancestors] if a.dep_ == "relcl"), None)
        if clause is None or clause.head.pos_ not in ("NOUN", "PROPN", "NUM", "PRON"):
            return arg
        return Arg(arg.role, self._list_head(self._one_of(clause.head)), "relative")

    def _passive_recipient(self, v: Token, args: list[Arg]) -> list[Arg]:
        """"Ukraine was given tanks": the passive subject is the recipient when an object remains."""
        objs = [a for a in args if a.role == "obj"]
        if len(objs) < 2:
            return args
        subject = next((a for a in objs if a.token.dep_ == "nsubjpass"), None)
        if subject is None:
            return args
        return [Arg("dat", a.token, "passive-dative") if a is subject else a for a in args]

    # -- inherited subjects: control, raising, coordination, relatives, participles -----------------------
    def _inherited_subject(self, v: Token) -> list[tuple[Token, str]]:
        dep, head = v.dep_, v.head
        if head.i == v.i:  # "India imports most of its arms" with "India" read as a compound of the verb
            return self._adjacent_subject(v) if v.tag_ in ("VBD", "VBZ", "VBP") else []
        if _range_gerund(v):
            return [(t, "from-to") for t in self.verb(head).tokens("subj")]
        if dep in ("acl", "relcl") and _has_to_marker(v) and not _relative_words(v):
            return self._purpose_subject(head)  # "a plan to buy", "attempts to acquire", "a deal to buy"
        if dep == "relcl" or (dep == "acl" and v.tag_ == "VBG"):
            return self._relative_filler(v, "subj")
        if dep == "conj" and head.lemma_.lower() in self.reporting_verbs:
            # "Poland has received tanks, the ministry said, and is in talks to buy more": the conjunct goes on
            # with the reported clause, not with the speaker
            reported = next((c for c in head.children if c.dep_ == "ccomp"), None)
            if reported is not None:
                return [(t, "reported-coordination") for t in self.verb(reported).tokens("subj")]
        if dep == "conj" and head.pos_ in ("VERB", "AUX"):
            return [(t, "coordination") for t in self.verb(head).tokens("subj")]
        if dep == "ccomp" and head.dep_ == "relcl" and not children(v, "nsubj", "nsubjpass") and not is_passive(v) \
                and not _relative_words(head) and head.head.pos_ in ("NOUN", "PROPN"):
            # "the firms it said had supplied drones": the noun fills the subject gap of the reported clause
            return [(self._list_head(head.head), "relative-gap")]
        governor = self._governing_verb(v)
        if v.tag_ in ("VBD", "VBZ", "VBP") and not _has_to_marker(v):
            return self._adjacent_subject(v)  # a finite verb has a subject of its own, however misparsed
        if governor is None:
            if dep == "relcl":
                return []
            return self._noun_governed_subject(v)
        if dep in ("xcomp", "advcl", "pcomp", "acomp") or (dep == "ccomp" and v.tag_ == "VBG"):
            return self._controller(governor)
        return []

    @staticmethod
    def _shared_agent(v: Token) -> list[tuple[Token, str]]:
        """"were supplied and trained by Iran", "tanks promised to Chile by Spain" with "by Spain" hung on
        the object: the agent of coordinated passive verbs, or a by-phrase on the object of a passive."""
        for c in v.children:
            if c.dep_ == "conj" and c.tag_ == "VBN" and not children(c, "nsubjpass", "nsubj", "dobj"):
                found = [(o, "shared-agent") for a in children(c, "agent") for o in prep_objects(a)]
                if found:
                    return found
        return [(o, "object-agent") for obj in children(v, "dobj") for p in children(obj, "prep")
                if p.lower_ == "by" and children(v, "nsubjpass") for o in prep_objects(p) if o.pos_ == "PROPN"]

    def _adjacent_subject(self, v: Token) -> list[tuple[Token, str]]:
        """"after neighbouring Ethiopia received drones" parsed without a subject: the name right before the
        finite verb (past its auxiliaries and adverbs) is its subject."""
        i = v.i - 1
        while i > v.sent.start and self.doc[i].dep_ in ("aux", "advmod", "neg", "auxpass"):
            i -= 1
        prev = self.doc[i]
        if i < v.i and prev.pos_ == "PROPN" and prev.dep_ not in ("nsubj", "nsubjpass") and (
                prev.head.i != v.i or prev.dep_ == "compound"):  # "India imports ...": a name made the verb's compound
            return [(prev, "adjacent")]
        return []

    def _governing_verb(self, v: Token) -> Token | None:
        """The verb a complement hangs from: "accused Iran of supplying" -> accused (through "of")."""
        head = v.head
        if v.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head
        return head if head.pos_ in ("VERB", "AUX", "ADJ") and head.i != v.i else None

    def _controller(self, governor: Token) -> list[tuple[Token, str]]:
        """Who does the complement's action: the object of "urge/accuse/help X to ...", the raised subject of
        "is expected to send", else the governor's subject ("agreed to supply", "continues to ship")."""
        if governor.lemma_ in self.words["object_control"]:
            # "urged Pyongyang to stop", "called on Cuba and Laos to stop": the object, or the object of "on"
            objs = [o for o in children(governor, "dobj") if o not in _relative_words(governor)] or [
                o for p in children(governor, "prep") if p.lower_ in ("on", "upon") for o in prep_objects(p)]
            if objs:
                return [(o, "object-control") for o in objs]
        if governor.pos_ == "ADJ":  # "is likely to send", "ready to supply": the copula's subject
            return [(t, "raising") for t in self._copula_subject(governor)]
        gov = self.verb(governor)
        if gov.passive:
            return [(t, "raising") for t in gov.tokens("obj") if t.dep_ == "nsubjpass"] or \
                [(t, "raising") for t in gov.tokens("obj")]
        return [(t, "control") for t in gov.tokens("subj")]

    def _copula_subject(self, adj: Token) -> list[Token]:
        """"Washington is due to hand over", "Seoul is ready to supply": the subject of the adjective's copula."""
        head = adj.head if adj.head.lemma_ in self.words["copulas"] or adj.dep_ in ("acomp", "xcomp") else adj
        return children(head, "nsubj", "nsubjpass") or children(adj, "nsubj")

    def _noun_governed_subject(self, v: Token) -> list[tuple[Token, str]]:
        """"signed a deal to buy jets" (the infinitive hung on the deal noun or its verb): the signer."""
        head = v.head
        if head.pos_ in ("NOUN", "PROPN") and _has_to_marker(v):
            return self._purpose_subject(head)
        if v.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "NOUN":
            return self._purpose_subject(head.head)  # "expressed interest in buying drones": who is interested
        return []

    def _purpose_subject(self, noun: Token) -> list[tuple[Token, str]]:
        """Who means to do what a noun's infinitive says: its genitive ("Peru's efforts to acquire"), else
        the subject of the verb whose object it is ("Israel signed a deal to buy")."""
        poss = children(noun, "poss")
        if poss:
            return [(p, "purpose") for p in poss]
        if noun.dep_ == "ROOT" and noun.pos_ == "PROPN":
            return [(noun, "headline")]  # "UK to give Chile tanks": a headline's name and its plan
        named = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("PROPN", "ADJ")
                 and c.text[:1].isupper()]
        if named:  # "the CIA program to arm the rebels", "a Russian attempt to buy"
            return [(c, "purpose") for c in named]
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            return self._purpose_subject(noun.head.head)  # "signed a letter of intent to buy": the letter's signer
        if noun.dep_ in ("dobj", "attr", "pobj") and noun.head.pos_ in ("VERB", "AUX"):
            return [(t, "purpose") for t in self.verb(noun.head).tokens("subj")]
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX"):
            return [(t, "purpose") for t in self.verb(noun.head.head).tokens("subj")]  # "in talks to buy"
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "ADJ":
            return [(t, "purpose") for t in self._copula_subject(noun.head.head)]  # "is close to a deal to buy"
        return []

    def _inherited_passive_subject(self, v: Token) -> list[tuple[Token, str]]:
        dep, head = v.dep_, v.head
        if head.i == v.i:
            return []
        if dep in ("relcl", "acl", "amod", "advcl") and head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            return self._relative_filler(v, "obj")
        if dep == "conj" and head.pos_ in ("VERB", "AUX"):
            return [(t, "coordination") for t in self.verb(head).tokens("obj")]
        governor = self._governing_verb(v)
        if governor is not None and dep in ("xcomp", "advcl", "pcomp"):
            # "rifles are thought to have been shipped", "tanks are due to be delivered"; "pledged 12 jets to
            # be delivered": what is committed is what is delivered
            if governor.pos_ == "ADJ":
                return [(t, "raising") for t in self._copula_subject(governor)]
            gov = self.verb(governor)
            if gov.passive:
                return [(t, "raising") for t in gov.tokens("obj")]
            objs = children(governor, "dobj")
            return [(t, "raising") for t in (objs or gov.tokens("subj"))]
        if dep == "advcl" and head.pos_ in ("VERB", "AUX"):  # "the drones, bought by Moscow from Tehran"
            return [(t, "adjunct") for t in self.verb(head).tokens("obj")]
        return []

    def _inherited_object(self, v: Token) -> list[tuple[Token, str]]:
        """"the jets India ordered", "the Su-35, which Tehran wants to buy", "bought and delivered tanks"."""
        found = self._relative_object(v)
        if found:
            return found
        # right-node raising: "agreed to buy and deliver tanks", "continues to arm, train and pay the
        # militia" share the last verb's object
        cur = v
        while True:
            nxt = next((c for c in children(cur, "conj") if c.pos_ in ("VERB", "AUX") and not self._is_clause(c)), None)
            if nxt is None:
                return []
            objs = children(nxt, "dobj")
            if objs:
                return [(o, "coordination") for o in objs]
            cur = nxt

    def _is_clause(self, verb: Token) -> bool:
        return bool(children(verb, "nsubj", "nsubjpass"))

    def _relative_object(self, v: Token) -> list[tuple[Token, str]]:
        """The noun a relative clause modifies fills the verb's object gap: directly ("the jets (that) India
        ordered"), or through the verbs above it ("which Hanoi has said it hopes to buy")."""
        cur = v
        for _ in range(4):
            rel = [c for c in cur.children if c.tag_ in _RELATIVE_TAGS or (c.lower_ == "that" and c.dep_ == "dobj")]
            if cur.dep_ == "relcl":
                if any(r.dep_ == "dobj" for r in rel) or (cur is v and not rel and children(v, "nsubj")):
                    return [(self._list_head(cur.head), "relative")]
                return []
            if any(r.dep_ == "dobj" for r in rel):
                anc = next((a for a in cur.ancestors if a.dep_ == "relcl"), None)
                if anc is not None:
                    return [(self._list_head(anc.head), "relative")]
            if cur.dep_ not in ("xcomp", "ccomp") or cur.head.i == cur.i:
                return []
            cur = cur.head
        return []

    def _relative_filler(self, v: Token, role: str) -> list[tuple[Token, str]]:
        """The modified noun fills the role of the relative pronoun, or the gap: "countries buying arms"
        (subject), "drones supplied by Iran" (object), "jets, which Russia sold to India" (object)."""
        noun = self._one_of(v.head)
        if noun.pos_ not in ("NOUN", "PROPN", "NUM", "PRON"):
            return []
        rel = next((c for c in v.children if c.tag_ in _RELATIVE_TAGS or (c.lower_ == "that" and c.dep_ in (
            "nsubj", "nsubjpass", "dobj"))), None)
        if rel is not None:
            rel_role = {"nsubj": "subj", "nsubjpass": "obj", "dobj": "obj"}.get(rel.dep_)
            return [(self._list_head(noun), "relative")] if rel_role == role else []
        if role == "subj" and v.tag_ == "VBG" and v.dep_ == "acl":
            if noun.lemma_.lower() in self.words["decision_nouns"] and noun.dep_ == "dobj" \
                    and noun.head.pos_ in ("VERB", "AUX") and self.verb(noun.head).tokens("subj"):
                # "the ministry made a determination approving the sale": the one who determined approves
                return [(t, "decision") for t in self.verb(noun.head).tokens("subj")]
            return [(noun, "participle")]
        if role == "obj":
            return [(self._list_head(noun), "participle" if v.dep_ != "relcl" else "relative")]
        return []

    def _one_of(self, noun: Token) -> Token:
        """"Chile is one of the countries that have sent tanks", "Chile is among the countries that ...": the
        copula's subject is the one that did."""
        if noun.dep_ == "pobj" and noun.head.lower_ == "among" and noun.head.head.lemma_ in self.words["copulas"]:
            return next(iter(children(noun.head.head, "nsubj")), noun)
        one = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
        if one is None or one.lower_ != "one" or one.dep_ != "attr" or one.head.lemma_ not in self.words["copulas"]:
            return noun
        return next(iter(children(one.head, "nsubj")), noun)

    @staticmethod
    def _list_head(noun: Token) -> Token:
        """"10 tanks and 24 howitzers bought by Poland": the participle hangs on the last member; the
        list's first member stands for all of it."""
        while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN", "NUM"):
            noun = noun.head
        return noun

    # -- arguments hung too low ---------------------------------------------------------------------
    def _lifted(self, pred: Token, args: list[Arg]) -> list[Arg]:
        """"sent shells to Moscow" with "to Moscow" hung on "shells" (or deeper: "eight Leopard 2 tanks to
        Chile"): destination and origin phrases inside an argument noun that is no predicate itself belong
        to the predicate."""
        have = {a.role for a in args}
        out: list[Arg] = []
        for a in list(args):
            if a.role not in ("obj", "dat") and not a.role.startswith("pp:") or \
                    a.role.removeprefix("pp:") in self.words["adjunct_preps"]:
                continue  # not out of "during a visit to Warsaw"
            for p in self._inner_preps(a.token):
                role = f"pp:{prep_word(p)}"
                if prep_word(p) in self.words["liftable_preps"] and role not in have:
                    out += [Arg(role, o, "lifted") for o in prep_objects(p)]
                    have.add(role)
        return out

    def _inner_preps_of(self, tok: Token) -> list[Token]:
        """The prepositional phrases of a value word ("worth $5 billion for the system")."""
        return [p for p in tok.subtree if p.dep_ == "prep" and prep_word(p) in self.words["liftable_preps"]]

    def _inner_preps(self, noun: Token) -> list[Token]:
        """Prepositions inside a noun phrase, through nested nouns but not into clauses or event nouns."""
        out: list[Token] = []
        stack = [(noun, 0)]
        while stack:
            tok, depth = stack.pop(0)
            if tok.pos_ not in ("NOUN", "PROPN", "NUM", "PRON", "ADJ") or tok.lemma_.lower() in self.event_nouns \
                    or depth > 3:
                continue
            for c in tok.children:
                if c.dep_ == "prep":
                    out.append(c)
                    stack += [(o, depth + 1) for o in prep_objects(c)]
                elif c.dep_ in ("conj", "appos"):
                    stack.append((c, depth + 1))
                elif c.lemma_.lower() in self.words["value_words"] or (c.dep_ == "acl" and c.lemma_.lower() in (
                        self.words["origin_participles"] | self.words["inclusion_verbs"] | self.words["convey_verbs"])):
                    # "tanks valued at $11 million to the army", "missiles made under licence to the US"
                    out += children(c, "prep")
                    stack += [(o, depth + 1) for p in children(c, "prep") for o in prep_objects(p)]
        return out

    # -- nouns ----------------------------------------------------------------------------------------
    def _read_noun(self, n: Token) -> Predicate:
        pred = Predicate(n)
        args = pred.args
        for c in n.children:
            dep = c.dep_
            if c.lemma_.lower() in self.words["value_words"]:  # "a contract worth $5 billion for the system"
                args += [Arg(f"pp:{prep_word(p)}", o, "value") for p in self._inner_preps_of(c)
                         for o in prep_objects(p)]
                continue
            if dep == "poss":
                args.append(Arg("poss", c, "genitive"))
            elif dep in ("compound", "amod", "nmod", "npadvmod") and c.i < n.i:
                args.append(Arg("mod", c, "modifier"))
            elif dep == "prep":
                args += [Arg(f"pp:{prep_word(c)}", o, "nominal") for o in prep_objects(c)]
                args += [Arg("pp:to", o, "range") for o in _range_end(c)]
            elif dep in ("acl", "relcl"):
                args += self._clause_on_noun(c) + self._purpose_places(c)  # "a drawdown to support Chile"
        stand_in = self._sum_of(n) or n  # "pledged 2 billion euros in aid to Chile, including tanks"
        if stand_in is not n:
            args += [Arg(f"pp:{prep_word(c)}", o, "sum") for c in children(stand_in, "prep")
                     if n not in prep_objects(c) for o in prep_objects(c)]
            args += [Arg("pp:including", o, "sum") for c in children(stand_in, "advcl")
                     if c.tag_ == "VBG" and c.lemma_.lower() in self.words["inclusion_verbs"]
                     for o in children(c, "dobj")]
        args += self._shared_genitive(n, args)
        args += self._support_args(n, pred, stand_in)
        args += self._displaced_of(args)
        args += self._copula_args(n)
        args += self._lifted(n, args)
        return pred

    @staticmethod
    def _shared_genitive(n: Token, args: list[Arg]) -> list[Arg]:
        """"Peru's purchase of tanks and acceptance of radars": a later conjunct without a determiner of its own
        shares the first one's genitive."""
        if n.dep_ != "conj" or any(a.role == "poss" for a in args) or children(n, "det") or any(
                c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in n.children):
            return []  # "Peru's edge and possible US arms sales": a name of its own on the conjunct
        first = n.head
        while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN"):
            first = first.head
        if first.pos_ == "PROPN" and first.dep_ == "pobj" and first.head.head.pos_ == "NOUN":
            first = first.head.head  # "Peru's visit to Lima and purchase of ...": the parser joins the name
        return [Arg("poss", p, "shared") for p in children(first, "poss")] if first.pos_ == "NOUN" else []

    def _displaced_of(self, args: list[Arg]) -> list[Arg]:
        """"the sale to Chile of four systems", "a package for Chile, including radars": an of-phrase or a list
        hung on the recipient is the noun's own."""
        have = {a.role for a in args}
        out = [Arg(f"pp:{word}", o, "displaced") for a in args if a.role in ("pp:to", "pp:for")
               for p in children(a.token, "prep")
               if ((word := prep_word(p)) == "of" or word in self.words["list_preps"] and a.token.pos_ == "PROPN")
               and f"pp:{word}" not in have for o in prep_objects(p)]
        # "a sale to the Government of Chile of 40 missiles": the second of-phrase hung on the name inside
        out += [Arg("pp:of", o, "displaced") for a in out if a.role == "pp:of" and a.token.pos_ == "PROPN"
                for p in children(a.token, "prep") if prep_word(p) == "of" for o in prep_objects(p)]
        return out

    def _clause_on_noun(self, clause: Token) -> list[Arg]:
        """"a package that includes 40 boats" (incl), "a shipment bound for Russia" (pp:for), "contracts signed
        in May for 90 tanks" (pp:for of the contracts)."""
        lemma = clause.lemma_.lower()
        destination = lemma in self.words["destination_words"] or clause.lower_ in self.words["destination_words"]
        if clause.tag_ == "VBN" and clause.dep_ == "acl" and not destination:
            return [Arg(f"pp:{prep_word(p)}", o, "participle") for p in children(clause, "prep")
                    if prep_word(p) in self.words["content_preps"] | self.words["liftable_preps"]
                    for o in prep_objects(p)]
        if lemma in self.words["inclusion_verbs"] and clause.tag_ != "VBN":
            objs = children(clause, "dobj") + [o for p in children(clause, "prep") for o in prep_objects(p)]
            return [Arg("incl", o, "inclusion") for o in objs]
        if destination:
            return [Arg(f"pp:{p.lower_}", o, "destination") for p in children(clause, "prep")
                    for o in prep_objects(p)]
        return []

    def _sum_of(self, n: Token) -> Token | None:
        """The sum of money a noun is measured in: "$2 billion in military aid", "5 million euros of assistance"
        (the sum stands in the noun's place in the clause)."""
        if n.dep_ != "pobj" or n.head.lower_ not in ("in", "of"):
            return None
        amount, currency = n.head.head, self.words["currency_signs"]
        if amount.lower_ in currency and any(c.like_num for c in amount.children):
            return amount  # "2 billion euros"
        if amount.like_num and any(t.text in currency or t.lower_ in currency for t in amount.children):
            return amount  # "$2 billion"
        return None

    def _support_args(self, n: Token, pred: Predicate, stand_in: Token | None = None) -> list[Arg]:
        """A support verb lends the noun its subject and its prepositional phrases: "Poland placed an order
        with Korea" (agent, pp:with), "Kyiv took delivery of jets from Denmark" (counter, pp:from). `stand_in`:
        what stands in the noun's place in the clause (a sum of money the noun is measured in)."""
        n = stand_in or n
        verb = n.head
        if n.dep_ == "pobj" and n.head.lower_ in ("in", "into", "on") and n.head.head.pos_ in ("VERB", "AUX"):
            verb = n.head.head  # "Kenya is in talks with Turkey", "entered into negotiations", "are on the way"
            side = "sup:agent" if verb.lemma_ in self.words["copulas"] or verb.lemma_ in ("enter", "hold") else None
        elif n.dep_ == "pobj" and n.head.lower_ in self.words["notice_preps"] and n.head.head.pos_ == "VERB" \
                and n.head.head.lemma_.lower() in self.words["notice_verbs"]:
            verb = n.head.head  # "notified Congress of the sale": the one who notifies
            side = self.words.value("notice_verbs", verb.lemma_.lower())
        elif n.dep_ not in ("dobj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
            return []
        else:
            side = self.words.value("support_verbs", verb.lemma_.lower())
        if side is None:
            return []
        pred.support = verb
        vp = self.verb(verb)
        have = {a.role for a in pred.args}
        out = [Arg(side, t, "support") for t in vp.tokens("subj")]
        for a in vp.args:
            if a.role.startswith("pp:") and a.role not in have and a.rule != "lifted":
                out.append(Arg(a.role, a.token, "support"))
            elif a.role == "purpose" and "purpose" not in have:  # "announced a drawdown to support Chile"
                out.append(Arg("purpose", a.token, "support"))
        # "approved arms exports worth 300 million euros to Chile": the value phrase the parser hung on the verb
        out += [Arg(f"pp:{prep_word(p)}", o, "value") for c in verb.children if c.dep_ in ("oprd", "acomp", "advmod")
                and c.lemma_.lower() in self.words["value_words"] for p in self._inner_preps_of(c)
                if f"pp:{prep_word(p)}" not in have for o in prep_objects(p)]
        return out

    def _copula_args(self, n: Token) -> list[Arg]:
        """An agent noun is said of a party: "Iran is Russia's main supplier", "Iran, Russia's supplier"."""
        if n.lemma_.lower() not in self.agent_nouns:
            return []
        if n.dep_ == "attr" and n.head.lemma_ in ("be", "become", "remain"):
            return [Arg("cop", s, "copula") for s in children(n.head, "nsubj")]
        if n.dep_ == "nsubj" and n.head.lemma_ == "be":  # "the source of the weapons was Iran"
            return [Arg("cop", a, "copula") for a in children(n.head, "attr")]
        if n.dep_ == "appos":
            return [Arg("cop", self._before_comma(n) or n.head, "apposition")]
        one = n.head.head if n.dep_ == "pobj" and n.head.lower_ == "of" else None
        if one is not None and one.lower_ in ("one", "some", "among") and one.dep_ in ("appos", "attr"):
            # "Peru, one of the biggest buyers of Korean arms"
            subject = one.head if one.dep_ == "appos" else next(iter(children(one.head, "nsubj")), None)
            return [Arg("cop", subject, "apposition")] if subject is not None else []
        return []

    def _before_comma(self, appos: Token) -> Token | None:
        """The noun right before an apposition's comma, which it describes however the parser hung it: "ties
        to Peru, its main arms supplier" describe Peru, not the ties."""
        comma = appos.left_edge.i - 1
        if comma < 1 or self.doc[comma].text != ",":
            return None
        noun = self.doc[comma - 1]
        while noun.dep_ in ("compound", "flat") and noun.head.i > noun.i:
            noun = noun.head
        return noun if noun.pos_ in ("PROPN", "NOUN") else None

    # -- conveniences for the frame readers --------------------------------------------------------------
    @staticmethod
    def conjuncts(tok: Token) -> list[Token]:
        """The token and its coordinated siblings ("Syria and Iran", "Germany, France and Italy")."""
        out = [tok]
        for c in tok.children:
            if c.dep_ == "conj":
                out.extend(ArgumentReader.conjuncts(c))
        return out


def tokens_of(args: Iterable[Arg]) -> list[Token]:
    return [a.token for a in args]
