"""Who makes a claim (source) and which outlet carries it (via).

Speech and cognition verbs governing the trigger ("said", "told reporters", "believes", "condemn"),
"according to X", "X, citing Y, says" (source Y via X), quotes that span sentences ("“...,” said Tracey
Okafor"), back-references ("she said", "the diplomat added"), the speaker of a transcript's turn ("MR.
SMITH: ..."), and the author of remarks ("Remarks by Ambassador Jane Roe"). A cited outlet
("according to Yonhap", "cited by Reuters", "told CNN") is the `via`, remembered per speaker. How a source
is named is speakers.py's job.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import islice

from spacy.tokens import Doc, Span, Token

from armswatch.extract.lexicon import Actor, WordLists
from armswatch.extract.mentions import ActorMention, Mentions
from armswatch.extract.speakers import SpeakerNames

__all__ = ["Attribution", "AttributionReader", "Speaker"]

# "MR. SMITH:", "MS. OKAFOR-LEE:", "NAVY SPOKESMAN REAR ADMIRAL JOHN ROE:" at a line start
# a turn's words begin with a letter or a quote: "VIRIN: 220609-F-..." is a caption's field, no speaker
_TURN = re.compile(r"^[ \t]*((?:[A-Z][A-Z.'\-]*\s){0,8}[A-Z][A-Z.'\-]+):(?=[ \t]*(?:$|[^\W\d_]|[\"\u201c\u2018']))",
                   re.M)
# "Remarks by Ambassador Jane Roe, ...": the author of the whole text
_AUTHORED = re.compile(r"\b(?:Remarks|Statement|Testimony|Address|Speech|Briefing|Letter|Op-ed)\s+(?:by|of|from)\s+"
                       r"((?:[A-Z][\w.'\-]*\s){0,6}[A-Z][\w.'\-]*)")


@dataclass
class Speaker:
    name: str
    via: str | None = None
    outlet: bool = False  # a news outlet reporting on its own ("the newspaper reported")


@dataclass
class Attribution:
    source: str | None
    via: str | None
    hedged: bool = False  # the source only "believes"


@dataclass
class AttributionReader:
    """Reads attributions in document order; remembers speakers for back-references."""

    doc: Doc
    mentions: Mentions
    speech: dict[str, str]
    outlets: set[str]
    words: WordLists
    adjectives: dict[str, Actor] = field(default_factory=dict)
    canonical: dict[str, str] = field(default_factory=dict)
    labels: dict[str, Actor] = field(default_factory=dict)  # actor names in lower case, for turn labels
    outlet_spellings: dict[str, str] = field(default_factory=dict)  # an outlet's name in lower case -> its name
    last: Speaker | None = None
    vias: dict[str, str] = field(default_factory=dict)

    original: str = ""  # the document's text as given: the parsed text has furniture blanked

    def __post_init__(self) -> None:
        self._text = self.doc.text  # Doc.text joins every token anew on each read
        self.original = self.original or self._text
        self._quotes = [(m.start(), m.end()) for m in re.finditer(r"\u201c[^\u201d]*\u201d|\"[^\"\n]*\"", self._text)]
        self._entities = tuple(self.doc.ents)  # so does Doc.ents, with every Span
        self.names = SpeakerNames(self.doc, self.mentions, self.words, self.adjectives, self.canonical,
                                  original=self.original)
        self._turns = self._transcript_turns()
        self._author = self._authored() or self._statement_voice()

    # -- the claim's source ------------------------------------------------------------------------------
    def attribute(self, trigger: Token) -> Attribution:
        sent = trigger.sent
        if self._describes_speaker(trigger):
            return Attribution(None, None, False)
        speaker, hedged = self._governing_speaker(trigger)
        if speaker is None:
            speaker = self._trailing_speaker(trigger)
        via, according = self._via_in(sent)
        if speaker is not None and not speaker.name:  # evidence, or no one: the outlet asserts it
            return Attribution(None, self._one_spelling(speaker.via or via), hedged)
        if according is not None and self._unnamed_reports(according):
            hedged = True  # "according to news reports": a hedge, not a source
        if speaker is None and according is not None and not self._unnamed_reports(according):
            speaker = self._according_speaker(according)
        quote = self._in_quote(trigger.idx)
        if speaker is None and quote is not None:
            speaker = self._quote_attribution(quote)
        if speaker is None and self._continues_speech(sent):
            speaker = self.last
        if speaker is None:
            speaker = self._turn_speaker(trigger.idx) or self._author
        if speaker is None:
            return Attribution(None, self._one_spelling(via), hedged)
        if according is not None and self.is_outlet(speaker.name):
            # "Reuters, citing diplomatic sources, says ...": the sources said it, Reuters carries it
            via = via or speaker.name
            if self._outlets_own(according.root):  # "citing documents it had seen": the outlet's own reporting
                return Attribution(None, self._one_spelling(via), hedged)
            speaker = self._according_speaker(according) or speaker
        elif according is not None and speaker.name.lower().split()[-1] in self.words["document_nouns"]:
            speaker = self._according_speaker(according) or speaker  # "the report, citing officials, said"
        if speaker.outlet or speaker.name in self.outlets:
            # "the Mehr news agency reported": the outlet's own reporting, carried by it; no one else's word
            self.last = speaker
            return Attribution(None, self._one_spelling(via or speaker.name), hedged)
        if via and speaker.name:
            self.vias.setdefault(speaker.name, via)
        via = via or self.vias.get(speaker.name) or speaker.via or None
        self.last = Speaker(speaker.name, via)
        self.vias.setdefault(speaker.name, via or "")
        return Attribution(speaker.name, self._one_spelling(via or None), hedged)

    def _describes_speaker(self, trigger: Token) -> bool:
        """"Baku, which buys its rifles from Ankara, said ...": a clause on the speaker is the writer's
        description of them, not what they said."""
        path = [trigger, *trigger.ancestors]
        for below, anc in zip(path, path[1:], strict=False):
            if self.speech.get(anc.lemma_.lower()) and anc.pos_ == "VERB":
                if below.dep_ not in ("nsubj", "nsubjpass"):
                    return False
                return any(t.dep_ in ("relcl", "acl", "appos") for t in path[:path.index(below)])
        return False

    def _one_spelling(self, outlet: str | None) -> str | None:
        """One outlet, one name: "UkrInform" and "Ukrinform" are the spelling outlets.txt lists first."""
        return self.outlet_spellings.get(outlet.lower(), outlet) if outlet else None  # "the newspaper": unnamed

    def _governing_speaker(self, trigger: Token) -> tuple[Speaker | None, bool]:
        """A speech verb above the trigger ("officials said Iran had sent"), or hung below the clause it
        reports ("Iran has received the jets, the Mehr news agency reported")."""
        speaker: Speaker | None = None
        hedged = False
        for anc in trigger.ancestors:
            kind = self.speech.get(anc.lemma_.lower())
            if kind == "believe" and anc.pos_ == "VERB" and (any(c.dep_ == "auxpass" for c in anc.children) or any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in self.words["evidence_nouns"] for c in anc.children)):
                hedged = True  # "it is believed that Iran sent", "images suggest": a belief no one holds
            if kind and anc.pos_ in ("VERB", "AUX") and kind != "deny":
                relayed = self._as_said_before(trigger) if self._first_person(anc) else None
                # "I would say, as the minister told CNN, that ...": the one quoted is the source
                found = self.speaker_from(relayed if relayed is not None else anc)
                if found is not None:
                    hedged = hedged or kind == "believe"
                    speaker = found
                    if not self._bare_state(anc):  # the innermost speaker decides, unless a bare state
                        break
        if speaker is not None:
            return speaker, hedged
        for anc in [trigger, *trigger.ancestors]:
            for c in anc.children:
                kind = self.speech.get(c.lemma_.lower())
                as_said = any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)  # "As Ada Roe said, ..."
                if c.dep_ in ("advcl", "parataxis") and c.pos_ == "VERB" and kind in ("say", "believe") \
                        and (c.i > trigger.i or as_said):
                    return self.speaker_from(c), kind == "believe"
        earlier = self._as_said_before(trigger)
        return (self.speaker_from(earlier), False) if earlier is not None else (None, hedged)

    @staticmethod
    def _first_person(verb: Token) -> bool:
        return any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in verb.children)

    def _as_said_before(self, trigger: Token) -> Token | None:
        """"what I would say is, as the minister told CNN, the government has information that Iran ...":
        an "as X said" clause earlier in the sentence, wherever the parser hung it, outside the trigger's
        own clause."""
        for verb in trigger.sent:
            if verb.i >= trigger.i:
                return None
            if verb.pos_ == "VERB" and self.speech.get(verb.lemma_.lower()) == "say" \
                    and any(m.dep_ == "mark" and m.lower_ == "as" for m in verb.children) \
                    and verb.right_edge.i < trigger.i and verb not in trigger.ancestors:
                return verb
        return None

    def speaker_from(self, verb: Token) -> Speaker | None:
        # "Russia is believed to have supplied ...": a passive subject is no speaker
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subj:
            subj = [p for c in verb.children if c.dep_ == "agent" for p in c.children]
        if not subj:
            return None
        # a misparse can give two subjects ("said Deputy Head of Mission ... Ada Okafor"): a person, then a name,
        # then the one nearest the verb ("planes carrying rifles landed in Lima, Peruvian officials said")
        head = next((t for t in subj if self.names.person_name(t)),
                    next((t for t in subj if t.pos_ == "PROPN"), max(subj, key=lambda t: t.i)))
        if head.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            head = verb.head  # "the monitoring group Open Skies Watch, which said ...": the group said it
        if head.lemma_.lower() in self.words["evidence_nouns"]:
            # "satellite images suggest", "leaked documents show": evidence, no one who says so; an outlet
            # that published it carries it ("documents first reported by Example News show")
            return Speaker("", self._outlet_agent(head))
        if any(c.dep_ == "det" and c.lower_ in ("neither", "no") for c in head.children):
            return Speaker("")  # "neither government said": no one
        if head.lower_ in ("we", "i") and self._turn_speaker(head.idx) is not None:
            return self._turn_speaker(head.idx)  # "we assess" in a briefing: the one speaking
        if head.lower_ in ("it", "they") and verb.dep_ == "relcl":
            return self._sentence_subject(head)  # "Washington fined three firms it said had sold rifles"
        if self._is_back_reference(head):
            return self.last
        described = self.names.described_before(head)
        name = described or self.names.name_of(head)
        if not name:
            return self.last
        a = self.mentions.actor_of_phrase(head) if head.i in self.mentions.actor_at else None
        # "Chile, Peru and ...": the parser may hang Peru as appos; not the same party again ("the Joint Staff (JS)")
        partners = [t for t in head.subtree if t.dep_ in ("conj", "appos") and t.i > head.i
                    and t.i in self.mentions.actor_at and self.doc[t.i - 1].text != "("
                    and (a is None or self.mentions.actor_at[t.i].code != a.code)]
        if a is not None and partners:  # "Chile, Peru and the Republic of Korea condemn ...": all of them speak
            span = self.doc[head.left_edge.i: max(self.mentions.actor_at[c.i].end for c in partners)]
            return Speaker(" ".join(span.text.split()), None)
        own = [t for t in head.subtree if not any(x.dep_ in ("relcl", "acl", "appos") and x.head == head
                                                      for x in [t, *t.ancestors] if x.i != head.i) and not t.is_punct]
        if a is not None and a.actor.kind == "state" and len(own) <= 4 and self._is_place(a):
            # "Germany said", "Prague said", "Latvia, which had urged Oslo, said" -> "German government"
            name = self.names.state_name(a.actor, a.how, self.doc[a.start:a.end].text)
        elif a is None and described is None:
            name = self._owned(name, head, verb)
        phrase = self.names.phrase(head)
        if self.is_outlet(phrase.text, head):  # "The newspaper reported that ..."
            return self._outlet_speaker(phrase, head)
        return Speaker(name, self.vias.get(name))

    def _outlet_speaker(self, phrase: Span, head: Token) -> Speaker | None:
        """An outlet speaking on its own: by its name, or "the newspaper" by the one named last before it."""
        outlet = self._outlet_name(phrase) or self._outlet_before(head.idx)
        return Speaker(outlet, outlet=True) if outlet else None

    def _outlet_before(self, char: int) -> str | None:
        """"the newspaper" stands for the outlet named last before it."""
        found = [(m.start(), name) for name in self.outlets if len(name) > 2
                 for m in re.finditer(r"\b" + re.escape(name) + r"\b", self._text[:char])]
        return max(found)[1] if found else None

    def _owned(self, name: str, head: Token, verb: Token) -> str:
        """"the ministry", "the government" with no state said: the one named before ("Peru's defence ministry
        said ... the ministry said"), else the state the reported clause is about ("Chile will send rifles, the
        government said" -> "Chilean government")."""
        if head.lower_ not in self.words["org_heads"] or head.lower_ in self.words["group_words"] \
                or head.lower_ in self.words["company_words"] or self._owner_named(head):
            return name
        before = next((t for t in reversed(self.doc[:head.i]) if t.lemma_ == head.lemma_ and self._owner_named(t)),
                      None)
        if before is not None:
            return self.names.name_of(before) or name
        owner = self._reported_state(verb)
        if owner is None:
            return name
        return f"{self.names.demonym(owner.code)} {'government' if name.lower() == 'government' else name}"

    def _owner_named(self, office: Token) -> bool:
        return any(t.i in self.mentions.actor_at or t.lower_ in self.adjectives
                   or (t.text[:1].isupper() and t.i != t.sent.start)  # "the Defence Ministry of Chile", a name
                   for t in self.names.phrase(office))

    def _reported_state(self, verb: Token) -> Actor | None:
        """The state the reported clause is about: its subject ("said Chile will send", "Chile will send ...,
        the ministry said")."""
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        if verb.dep_ in ("parataxis", "advcl", "ccomp") or not clauses:
            clauses.append(verb.head)
        for clause in clauses:
            for subj in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                a = self.mentions.actor_of_phrase(subj)
                if a is not None and a.actor.kind == "state":
                    return a.actor
        return None

    def _sentence_subject(self, pronoun: Token) -> Speaker | None:
        """The party a speaking "it" stands for: the subject of its sentence's main verb, when that names one."""
        root = pronoun.sent.root
        for subj in (c for c in root.children if c.dep_ == "nsubj" and c.i < pronoun.i):
            a = self.mentions.actor_of_phrase(subj)
            if a is not None:
                return Speaker(self.names.state_name(a.actor, a.how, self.doc[a.start:a.end].text), None)
        return self.last

    def _is_place(self, a: ActorMention) -> bool:
        """A state's name or capital ("Germany", "Prague"), not an institution ("the Pentagon", "the Kremlin")."""
        text = self.doc[a.start:a.end].text
        return a.how == "name" or (a.how == "metonym" and " " not in text
                                   and text.lower() not in self.words["institution_speakers"])

    def _is_back_reference(self, head: Token) -> bool:
        if head.lower_ in self.words["person_pronouns"]:
            return True
        dets = [c.lower_ for c in head.children if c.dep_ in ("det", "poss")]
        return (self.last is not None and head.lower_ in self.words["person_roles"] and "the" in dets
                and not any(t.ent_type_ == "PERSON" for t in head.subtree) and not self.names.person_name(head))

    def _bare_state(self, verb: Token) -> bool:
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        return bool(subj) and subj[0].i in self.mentions.actor_at and len(list(subj[0].subtree)) <= 3

    # -- outlets and "according to" -----------------------------------------------------------------------
    def is_outlet(self, span_text: str, head: Token | None = None) -> bool:
        t = span_text.strip()
        bare = t.removeprefix("the ").removeprefix("The ")
        if t in self.outlets or bare in self.outlets or f"The {bare}" in self.outlets:
            return True  # "the Times reported": "The Times"
        if head is not None and head.i in self.mentions.actor_at:
            return False  # "the Defense Security Cooperation Agency": an office, not a news agency
        # "the Yonhap news agency", not "a lawmaker briefed by the spy agency": the words of the name itself
        own = [w for w in head.subtree if not any(a.dep_ in ("acl", "relcl", "appos", "prep") and a.head.i == head.i
                                                  for a in [w, *w.ancestors] if a.i != head.i)] if head else []
        # "agency" is a news agency only as one ("the Tasnim news agency", not "the National Police Agency")
        news = any(w.lower_ in self.words["news_words"] for w in own)
        only_news = self.words["news_only_outlet_words"]
        return any(w.lower_ in self.words["outlet_words"] and (news or w.lower_ not in only_news) for w in own)

    def _via_in(self, sent: Span) -> tuple[str | None, Span | None]:
        """An outlet cited in the sentence, and a source it or "according to" names ("Reuters, citing
        diplomatic sources, says": via Reuters, source the sources)."""
        via = None
        according = None
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                objs = [c for c in self.doc[tok.i + 1].children if c.dep_ == "pobj"]
                if objs:
                    ph = self.names.phrase(objs[0])
                    if self.is_outlet(ph.text, objs[0]):
                        via = self._outlet_name(ph)
                    else:
                        according = ph
            if tok.lemma_ in self.words["sighting_verbs"] and tok.tag_ == "VBN" and via is None:
                via = next((self._outlet_name(self.names.phrase(o)) for a in tok.children if a.dep_ == "agent"
                            for o in a.children if o.dep_ == "pobj"
                            and self.is_outlet(self.names.phrase(o).text, o)), None)
            if tok.lower_ in self.words["citation_words"] or tok.lemma_ == "report":
                found = self._outlet_in(tok)
                via = via or found
                cited = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if tok.lower_ == "citing" and cited is not None and not self.is_outlet(cited.text, cited):
                    according = according or self.names.phrase(cited)
        for ent in (e for e in self._entities if e.start >= sent.start and e.end <= sent.end):
            if ent.text in self.outlets and via is None and ent.root.head.lemma_ in self.words["outlet_verbs"]:
                via = ent.text
        return via, according

    def _outlet_in(self, tok: Token) -> str | None:
        for c in tok.subtree:
            if c.ent_type_ == "ORG" or c.text in self.outlets:
                ent = next((e for e in self._entities if e.start <= c.i < e.end), None)
                ph = ent if ent is not None else self.doc[c.i:c.i + 1]
                if self.is_outlet(ph.text):
                    return self._outlet_name(ph)
        return None

    def _outlet_name(self, ph: Span) -> str:
        """The outlet's own name: "the Tasnim news agency" -> "Tasnim", "Yonhap news agency" -> "Yonhap"."""
        dets, outlet_words = self.words["speaker_determiners"], self.words["outlet_words"]
        core = [t for t in ph if t.lower_ not in dets and t.lower_ not in outlet_words and t.lower_ != "news"]
        name = " ".join(t.text for t in core)
        if core and name in self.outlets:
            return name
        if core and f"The {name}" in self.outlets:
            return f"The {name}"  # "the Times" -> "The Times", as listed
        for size in range(len(ph), 0, -1):
            for start in range(0, len(ph) - size + 1):
                t = ph[start:start + size].text
                if t in self.outlets:
                    return t
        return " ".join(t.text for t in ph if t.lower_ not in dets and t.lower_ not in outlet_words)

    def _unnamed_reports(self, according: Span) -> bool:
        """"according to (news, media) reports" with no one named: what is reported is hedged."""
        head = according.root
        if head.lemma_.lower() not in self.words["hedge_nouns"]:
            return False
        return not any(c.dep_ in ("prep", "acl", "relcl", "poss") or self.mentions.actor_at.get(c.i)
                       for c in head.children)

    def _according_speaker(self, according: Span) -> Speaker | None:
        """"according to X"; "according to an analysis by the Arms Trace Collective" -> the Collective;
        "according to press reports citing anonymous officials" -> the officials."""
        head = according.root
        if self._is_back_reference(head):
            return self.last
        if head.lemma_ in self.words["document_nouns"]:
            cited = next((o for c in head.children if c.dep_ in ("acl", "relcl") and c.lemma_ == "cite"
                          for o in c.children if o.dep_ == "dobj"), None)
            if cited is not None:
                head = cited
            for p in head.children:
                if p.dep_ == "prep" and p.lower_ in ("by", "of", "from"):
                    objs = [o for o in p.children if o.dep_ == "pobj"]
                    if objs:
                        head = objs[0]
        if self._seen_by_outlet(head) and self.mentions.actor_of_phrase(head) is None:
            return None  # "customs data seen by a newspaper" (not "a Cuban report seen by"): the paper's own
        name = self.names.name_of(head)
        if name is None and head.lemma_ in self.words["document_nouns"]:
            return None
        name = name or according.text
        return Speaker(name, self.vias.get(name))

    def _outlets_own(self, document: Token) -> bool:
        """What the citing outlet saw itself: "citing records it had reviewed", "citing documents seen by
        the paper"."""
        seen_by_it = any(v.lemma_ in self.words["sighting_verbs"] and any(
            s.dep_ == "nsubj" and s.lower_ in self.words["party_pronouns"] for s in v.children)
            for v in document.children if v.dep_ == "relcl")
        return seen_by_it or self._seen_by_outlet(document)

    def _outlet_agent(self, document: Token) -> str | None:
        """The outlet that saw or published a document: "documents first reported by Example News"."""
        for v in document.children:
            for o in (o for a in v.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"):
                phrase = self.names.phrase(o)
                if v.dep_ == "acl" and self.is_outlet(phrase.text, o):
                    return self._outlet_name(phrase)
        return None

    def _seen_by_outlet(self, document: Token) -> bool:
        """"customs data reviewed by Example News": the outlet's own reporting, no one else's word."""
        return any(v.lemma_ in self.words["sighting_verbs"] and self.is_outlet(self.names.phrase(o).text, o)
                   for v in document.children if v.dep_ == "acl"
                   for a in v.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj")

    def _trailing_speaker(self, trigger: Token) -> Speaker | None:
        """", the Mehr news agency said on Friday": a speech verb after the claim, the phrase
        between the comma and the verb is the speaker, however the parser attached it."""
        for verb in trigger.sent:
            # ", the Tasnim news agency reported" read as a clause on "agency": its speaker all the same
            reported = verb.dep_ == "acl" and verb.head.i == verb.i - 1 and not any(
                c.dep_ in ("dobj", "ccomp", "agent") for c in verb.children)  # not "evidence documented by"
            if verb.i <= trigger.i or self.speech.get(verb.lemma_.lower()) != "say" or (
                    verb.dep_ in ("amod", "acl") and not reported) \
                    or verb.tag_ not in ("VBD", "VBZ", "VBN", "VBP") or self._in_quote(verb.idx) is not None:
                continue  # "the sale to Chile for an estimated $1 billion": a modifier, no one speaking
            start, end = self._phrase_before(verb.i, trigger.i)
            if start == end or self.doc[start].tag_ in ("WDT", "WP"):
                # "the official, who spoke on condition of anonymity, said": the phrase before the clause
                start, end = self._phrase_before(start - 1, trigger.i)
                if start < end and self.doc[start].tag_ in ("WDT", "WP"):
                    start, end = self._phrase_before(start - 1, trigger.i)
            words = [t for t in self.doc[start:end] if not t.is_space]
            nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN", "PRON")]
            if not nouns or len(words) > 12 or self.doc[start - 1].text not in (",", ";", "\u201d", '"'):
                continue
            # the phrase's own head, not a noun inside it: "a source familiar with the deal"
            head = next((t for t in nouns if not start <= t.head.i < end), nouns[-1])
            if self._is_back_reference(head):
                return self.last
            name = self.names.person_name(head) or self.names.name_of(head)
            if name:
                if self.is_outlet(self.doc[start:end].text, head):
                    return self._outlet_speaker(self.doc[start:end], head)
                if head.i not in self.mentions.actor_at:
                    name = self._owned(name, head, verb)
                return Speaker(name, self.vias.get(name))
        return None

    def _phrase_before(self, end: int, floor: int) -> tuple[int, int]:
        """(start, end) of the words before `end` back to a comma, a semicolon or a closing quote (never
        reaching `floor`, the trigger)."""
        start = end
        while start - 1 > floor and self.doc[start - 1].text not in (",", ";", "\u201d", '"'):
            start -= 1
        return start, end

    # -- quotes, turns, authors --------------------------------------------------------------------------
    def _in_quote(self, char: int) -> tuple[int, int] | None:
        return next(((s, e) for s, e in self._quotes if s <= char < e), None)

    def _quote_attribution(self, quote: tuple[int, int]) -> Speaker | None:
        s, e = quote
        for sent in self.doc.sents:
            if sent.start_char <= e <= sent.end_char + 1 or sent.start_char <= s < sent.end_char:
                for tok in sent:
                    if self._in_quote(tok.idx) is None and self.speech.get(tok.lemma_.lower()) == "say" \
                            and tok.pos_ == "VERB":
                        found = self.speaker_from(tok)
                        if found:
                            return found
        return self.last

    def _continues_speech(self, sent: Span) -> bool:
        """A sentence ending in 'he said' / 'the officials added' without its own complement."""
        for tok in sent:
            if self.speech.get(tok.lemma_.lower()) == "say" and tok.dep_ in ("ROOT", "parataxis") \
                    and tok.i > sent.start + 3:
                subj = [c for c in tok.children if c.dep_ == "nsubj"]
                if subj and self._is_back_reference(subj[0]):
                    return True
        return False

    def _transcript_turns(self) -> tuple[list[int], list[Speaker | None], list[Actor | None]]:
        """Where each speaker's turn starts in a transcript ("MR. SMITH: ...", "QUESTION: ..."), who speaks
        and for which side ("NAVY SPOKESMAN JOHN ROE": the navy's state)."""
        starts: list[int] = []
        speakers: list[Speaker | None] = []
        sides: list[Actor | None] = []
        for m in _TURN.finditer(self.original):
            label = m.group(1).split()
            name = [w for w in label if w.lower().rstrip(".") not in self.words["honorifics"]]
            if not name or len(m.group(1)) < 2:
                continue
            starts.append(m.start())
            not_speakers = self.words["turn_labels_no_speaker"]
            if " ".join(label).lower() in not_speakers or label[-1].lower() in not_speakers:
                speakers.append(None)
                sides.append(None)
                continue
            sides.append(self._side_in_label(label))
            words = name[-2:] if len(name) > 2 else name  # "... REAR ADMIRAL JOHN ROE" -> "John Roe"
            plain = " ".join(w.title() for w in words)
            known = self.names.known_person(plain)
            speakers.append(Speaker(known if " " in known else self.names.given_name_in_original(known) or known))
        return starts, speakers, sides

    def _side_in_label(self, label: list[str]) -> Actor | None:
        words = [w.lower() for w in label]
        for n in range(min(4, len(words)), 0, -1):  # the longest name first: "defense department" over "defense"
            for i in range(len(words) - n + 1):
                actor = self.labels.get(" ".join(words[i:i + n]))
                if actor is not None and actor.kind != "org":
                    return actor
        return None

    def _turn_speaker(self, char: int) -> Speaker | None:
        starts, speakers, _ = self._turns
        i = bisect_right(starts, char) - 1
        return speakers[i] if i >= 0 else None

    def turn_side(self, char: int) -> Actor | None:
        """The side of the one whose turn a transcript is in at `char`: what "we" stands for."""
        starts, _, sides = self._turns
        i = bisect_right(starts, char) - 1
        return sides[i] if i >= 0 else None

    def _authored(self) -> Speaker | None:
        m = _AUTHORED.search(self.original[:600])
        if m is None:
            return None
        words = [w for w in m.group(1).split() if w.lower().strip(".") not in self.words["titles"]
                 and w.lower() not in self.words["person_roles"]]
        return Speaker(" ".join(words[-2:])) if len(words) >= 2 else None

    def _statement_voice(self) -> Speaker | None:
        """A statement speaks in its own voice: "Chile and Peru condemn the transfer of ... We will ...". In a
        text that says "we" or "our", the parties that open a sentence near its start with a verb of stance in
        the present ("condemn", "welcome") are the source of what it says without naming another."""
        first_person = {t.lower_ for t in self.doc[:3000]} & self.words["first_person_plural"]
        if not first_person:
            return None
        for sent in islice(self.doc.sents, 12):
            root = sent.root
            if root.lemma_.lower() not in self.words["stance_verbs"] or root.lower_.endswith("ed"):  # the present
                continue
            subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if subject is None or self.mentions.actor_of_phrase(subject) is None:
                continue
            words, depth = [], 0
            for t in subject.subtree:  # the parties as written, without an acronym in brackets
                depth += t.text == "("
                if depth == 0 and t.dep_ != "det" or (t.dep_ == "det" and t.i != subject.left_edge.i):
                    words.append(t.text_with_ws)
                depth -= t.text == ")"
            return Speaker("".join(words).strip(" ,"))
        return None

    def observe(self, sent: Span) -> None:
        """Track the last named speaker of sentences that carry no claim, for later back-references."""
        via, according = self._via_in(sent)
        if according is not None and not self._is_back_reference(according.root):
            name = self.names.name_of(according.root) or according.text
            if via:
                self.vias.setdefault(name, via)
            self.last = Speaker(name, via or self.vias.get(name))
            return
        for tok in sent:
            if self.speech.get(tok.lemma_.lower()) == "say" and tok.pos_ == "VERB":
                found = self.speaker_from(tok)
                if found is not None:
                    if via:
                        self.vias.setdefault(found.name, via)
                    self.last = Speaker(found.name, via or self.vias.get(found.name))
                    return
