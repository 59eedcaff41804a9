"""Who makes a claim (source) and which outlet carries it (via).

Speech and cognition verbs governing the trigger ("said", "told reporters", "believes"), "according
to X", quotes that span sentences ("“...,” said Tracey Newell"), and back-references ("she said",
"the diplomat added", "the official") resolved to the last speaker. A cited outlet ("according to
Yonhap", "cited by Reuters", "carried by broadcaster SBS") is the `via`, remembered per speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from armswatch.extract.mentions import Mentions

__all__ = ["Attribution", "AttributionReader", "Speaker"]

_ROLE_NOUNS = {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister", "diplomat",
               "secretary", "representative", "ambassador", "lawmaker", "commander", "officer", "colonel",
               "general", "analyst", "analysts", "researcher", "envoy", "aide", "adviser", "advisor",
               "president", "premier", "chancellor", "leader", "source", "sources", "group", "agency",
               "ministry", "mission", "government", "office", "department", "command", "founder",
               "director", "chief", "head", "member", "expert", "experts", "prime"}
# person roles that, with "the", point back to a speaker already named ("the diplomat added")
_PERSON_ROLES = {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister", "diplomat",
                 "secretary", "representative", "ambassador", "lawmaker", "commander", "officer", "colonel",
                 "general", "analyst", "researcher", "envoy", "aide", "adviser", "advisor", "president",
                 "premier", "chancellor", "leader", "founder", "director", "chief", "expert", "diplomats"}
_DOCUMENT_NOUNS = {"analysis", "report", "study", "assessment", "estimate", "figure", "data", "document",
                   "intelligence", "review", "investigation", "statement", "summary"}
_TITLES = {"acting", "deputy", "mission", "colonel", "representative", "mr", "ms", "mrs", "dr", "senator",
           "sen", "rep", "gen", "lt", "col", "maj", "capt", "admiral", "adm", "prime", "vice", "foreign",
           "defence", "defense", "state", "national", "security", "head", "spokesman", "spokeswoman"}
_ORG_HEADS = {"ministry", "department", "office", "command", "agency", "service", "government", "presidency",
              "mission", "council", "parliament", "committee", "pentagon", "house", "kremlin", "army",
              "military", "navy", "centcom", "administration", "cabinet", "intelligence", "institute",
              "centre", "center", "group", "company", "embassy", "secretariat", "forces", "force"}
_TITLE_OFFICES = {("defence", "minister"): "Defence Ministry", ("defense", "minister"): "Defense Ministry",
                  ("foreign", "minister"): "Foreign Ministry", ("secretary", "state"): "State Department",
                  ("defence", "secretary"): "Ministry of Defence", ("defense", "secretary"): "Pentagon",
                  ("foreign", "secretary"): "Foreign Office"}
_OUTLET_WORDS = {"agency", "newspaper", "broadcaster", "daily", "outlet", "channel", "television", "radio",
                 "magazine", "network", "tv"}
_DET = {"a", "an", "the", "its", "their", "his", "her", "one", "two", "some", "several", "senior", "top"}


@dataclass
class Speaker:
    name: str
    via: str | None = None


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
    last: Speaker | None = None
    vias: dict[str, str] = field(default_factory=dict)
    adjectives: dict = field(default_factory=dict)  # demonym -> actor, for "<Demonym> government"

    def __post_init__(self) -> None:
        self._text = self.doc.text  # Doc.text joins every token anew on each read
        self._quotes = self._quote_spans(self._text)
        self._entities = tuple(self.doc.ents)  # so does Doc.ents, with every Span

    # -- quotes ----------------------------------------------------------------------------------
    @staticmethod
    def _quote_spans(text: str) -> list[tuple[int, int]]:
        spans = []
        for m in re.finditer(r"\u201c[^\u201d]*\u201d|\"[^\"\n]*\"", text):
            spans.append((m.start(), m.end()))
        return spans

    def _in_quote(self, char: int) -> tuple[int, int] | None:
        for s, e in self._quotes:
            if s <= char < e:
                return (s, e)
        return None

    # -- speakers --------------------------------------------------------------------------------
    def is_outlet(self, span_text: str, head: Token | None = None) -> bool:
        t = span_text.strip()
        if t in self.outlets or t.removeprefix("the ").removeprefix("The ") in self.outlets:
            return True
        return head is not None and any(w.lower_ in _OUTLET_WORDS for w in head.subtree)

    def _phrase(self, head: Token) -> Span:
        toks = [t for t in head.subtree if t.dep_ not in ("relcl", "acl") or t == head]
        # only the phrase itself, not clauses or appositions hanging off it
        lo = min(t.i for t in toks)
        hi = head.i + 1
        for t in head.rights:
            if t.dep_ in ("prep", "compound", "amod") and not any(x.dep_ == "relcl" for x in t.ancestors
                                                                  if x.i > head.i):
                hi = max(hi, t.right_edge.i + 1)
            else:
                break
        return self.doc[lo:hi]

    def _acronym(self, word: str) -> str | None:
        """"NIS" -> "National Intelligence Service" when the long form is in the document."""
        if not (word.isupper() and 2 <= len(word) <= 6):
            return None
        pattern = r"\b" + r"\s+(?:of\s+|for\s+|the\s+)*".join(f"{c}[a-z]+" for c in word) + r"\b"
        m = re.search(pattern, self._text)
        return m.group(0) if m else None

    def name_of(self, head: Token) -> str | None:
        """A canonical source string for the speaker phrase headed by `head`."""
        if head.lower_ in ("he", "she", "they", "it", "we", "i") or head.tag_ in ("WDT", "WP"):
            return None  # a pronoun names no one ("..., which said"): the caller looks elsewhere
        if head.lemma_ in _DOCUMENT_NOUNS:  # "a report by the Conflict Armament Research group"
            for p in head.children:
                if p.dep_ == "prep" and p.lower_ in ("by", "from"):
                    for o in p.children:
                        if o.dep_ == "pobj":
                            return self.name_of(o)
        phrase = self._phrase(head)
        person = self._person_name(head)
        if person:
            return person
        if head.pos_ == "NOUN":  # "the state-owned manufacturer Turkish Aerospace": the name, not the description
            named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if named is not None:
                return self.name_of(named)
        expanded = self._acronym(head.text)  # "the NIS said" -> "National Intelligence Service"
        if expanded and head.i not in self.mentions.actor_at:
            return expanded
        words = [t for t in phrase if t.lower_ not in _DET and not t.is_punct]
        lowers = [t.lower_ for t in words]
        # "a senior Indian defence ministry official" -> "Indian Defence Ministry"
        for i, t in enumerate(words):
            if t.lower_ in _ORG_HEADS and t.i != head.i or (t.lower_ in _ORG_HEADS and head.lower_ in _ORG_HEADS):
                end = i + 1  # the whole run of office words: "National Intelligence Service"
                while end < len(words) and words[end].lower_ in _ORG_HEADS and words[end].i == words[end - 1].i + 1:
                    end += 1
                parts = words[:end]
                return "".join((p.text if p.text[:1].isupper() else p.text.capitalize())
                               + (p.whitespace_ if n < len(parts) - 1 else "") for n, p in enumerate(parts))
        for (a, b), office in _TITLE_OFFICES.items():
            if a in lowers and b in lowers:
                who = next((self.mentions.actor_at[t.i] for t in words if t.i in self.mentions.actor_at), None)
                return f"{self.demonym(who.code)} {office}" if who is not None else office
        if head.lower_ in _PERSON_ROLES and head.tag_ == "NNS":
            for p in head.children:  # "officials in Seoul" -> "South Korean officials"
                if p.dep_ == "prep" and p.lower_ in ("in", "from"):
                    place = next((self.mentions.actor_at[o.i] for o in p.children if o.i in self.mentions.actor_at),
                                 None)
                    if place is not None and place.actor.kind == "state":
                        return f"{self.demonym(place.code)} {head.text}"
        text = " ".join(t.text for t in words if not t.is_space)
        return text.strip() or None

    def _is_back_reference(self, head: Token) -> bool:
        if head.lower_ in ("he", "she", "they", "it", "we"):
            return True
        dets = [c.lower_ for c in head.children if c.dep_ in ("det", "poss")]
        return (self.last is not None and head.lower_ in _PERSON_ROLES and "the" in dets
                and not any(t.ent_type_ == "PERSON" for t in head.subtree) and not self._person_name(head))

    def _described_before(self, head: Token) -> str | None:
        """"the group said" after "Zorka, a Belarusian monitoring group" (or "a monitoring group, Zorka"):
        the name the article gave that description to."""
        if head.pos_ != "NOUN" or head.lower_ in _PERSON_ROLES or not any(
                c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        for t in reversed(self.doc[:head.i]):
            if t.lemma_ != head.lemma_ or t.pos_ != "NOUN":
                continue
            if t.dep_ == "appos" and t.head.pos_ == "PROPN":
                return self.name_of(t.head)
            named = next((c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if named is not None:
                return self.name_of(named)
        return None

    def _person_name(self, head: Token) -> str | None:
        """A person's name in the phrase: a PERSON entity, or an apposed run of proper nouns
        ("Acting Deputy Chief of Mission ... Tracey Newell")."""
        if head.pos_ == "PROPN" and self._known_person(head.text) != head.text:
            return self._known_person(head.text)  # "Newell also pointed out" after "Tracey Newell"
        persons = [e for e in self._entities if e.label_ == "PERSON"
                   and e.start >= head.left_edge.i and e.end <= head.right_edge.i + 1
                   and not any(t.lower_ in _PERSON_ROLES or t.lower_ in _TITLES for t in e)]
        if persons:
            return self._known_person(" ".join(max(persons, key=len).text.split()))
        cands = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if head.pos_ == "PROPN" and head.ent_type_ not in ("ORG", "GPE", "NORP") and head.i not in \
                self.mentions.actor_at:
            cands.append(head)
        for c in cands:
            run = [t for t in c.subtree if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"
                   and t.i < c.i and t.lower_ not in _PERSON_ROLES] + [c]
            run.sort(key=lambda t: t.i)
            # keep only the contiguous run that ends at the name's head
            while len(run) > 1 and run[-2].i != run[-1].i - 1:
                run.pop(-2)
            text = " ".join(t.text for t in run if t.text[:1].isupper())
            if text and c.ent_type_ not in ("ORG", "GPE") and not any(
                    t.lower_ in _ORG_HEADS or t.lower_ in _TITLES or t.lower_ in _PERSON_ROLES for t in run):
                return self._known_person(text)
        return None

    def _known_person(self, name: str) -> str:
        """"Newell" -> "Tracey Newell" when the full name was given before."""
        if " " not in name:
            for known in [*self.vias, *( [self.last.name] if self.last else [])]:
                if known.endswith(" " + name):
                    return known
        return name

    def speaker_from(self, verb: Token) -> Speaker | None:
        # "Russia is believed to have supplied ...": a passive subject is no speaker
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subj:
            agent = [p for c in verb.children if c.dep_ == "agent" for p in c.children]
            subj = agent
        if not subj:
            return None
        # a misparse can give two subjects ("said Acting Deputy Chief ... Tracey Newell", "the state-owned
        # manufacturer Turkish Aerospace said"): prefer a person, then a name
        head = next((t for t in subj if self._person_name(t)),
                    next((t for t in subj if t.pos_ == "PROPN"), subj[0]))
        if head.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            head = verb.head  # "the research group Arms Trace Collective, which said ...": the group said it
        if self._is_back_reference(head):
            return self.last
        name = self._described_before(head) or self.name_of(head)
        if not name:
            return self.last
        a = self.mentions.actor_at.get(head.i)
        if a is not None and a.actor.kind == "state" and a.how == "name" and not any(
                c.dep_ in ("compound", "amod") for c in head.children):
            name = f"{self.demonym(a.code)} government"  # "Germany said ..." -> "German government"
        return Speaker(name, self.vias.get(name))

    def demonym(self, code: str) -> str:
        adjectives = [k for k, v in self.adjectives.items() if v.code == code]
        short = [a for a in adjectives if a.isupper()]
        return (short or adjectives or [code])[0]

    # -- per trigger -----------------------------------------------------------------------------
    def _via_in(self, sent: Span) -> tuple[str | None, Span | None]:
        """An outlet cited in the sentence, and an 'according to X' that is no outlet."""
        via = None
        according = None
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                objs = [c for c in self.doc[tok.i + 1].children if c.dep_ == "pobj"]
                if objs:
                    ph = self._phrase(objs[0])
                    if self.is_outlet(ph.text, objs[0]):
                        via = self._outlet_name(ph)
                    else:
                        according = ph
            if tok.lower_ in ("cited", "citing", "carried", "told") or tok.lemma_ == "report":
                for c in tok.subtree:
                    if c.ent_type_ == "ORG" or c.text in self.outlets:
                        ph = self.doc[c.i:c.i + 1]
                        ent = next((e for e in self._entities if e.start <= c.i < e.end), None)
                        if ent is not None:
                            ph = ent
                        if self.is_outlet(ph.text):
                            via = self._outlet_name(ph)
                            break
        for ent in (e for e in self._entities if e.start >= sent.start and e.end <= sent.end):
            if ent.text in self.outlets and via is None and ent.root.head.lemma_ in ("report", "say", "cite"):
                via = ent.text
        return via, according

    def _outlet_name(self, ph: Span) -> str:
        """The outlet's own name: "the Tasnim news agency" -> "Tasnim", "Yonhap news agency" -> "Yonhap"."""
        core = [t for t in ph if t.lower_ not in _DET and t.lower_ not in _OUTLET_WORDS and t.lower_ != "news"]
        if core and " ".join(t.text for t in core) in self.outlets:
            return " ".join(t.text for t in core)
        for size in range(len(ph), 0, -1):
            for start in range(0, len(ph) - size + 1):
                t = ph[start:start + size].text
                if t in self.outlets:
                    return t
        words = [t.text for t in ph if t.lower_ not in _DET and t.lower_ not in _OUTLET_WORDS]
        return " ".join(words)

    def attribute(self, trigger: Token) -> Attribution:
        sent = trigger.sent
        speaker: Speaker | None = None
        hedged = False
        for anc in trigger.ancestors:
            kind = self.speech.get(anc.lemma_.lower())
            if kind and anc.pos_ in ("VERB", "AUX") and kind != "deny":
                found = self.speaker_from(anc)
                if found is not None:
                    if kind == "believe":
                        hedged = True
                    speaker = found
                    # the innermost speaker decides, unless it is a bare state and an outer one exists
                    if not self._bare_state(anc):
                        break
        if speaker is None:
            # "Iran has received the jets, the Tasnim news agency reported": the speech verb hangs
            # below the clause it reports
            for anc in [trigger, *trigger.ancestors]:
                for c in anc.children:
                    if c.dep_ in ("advcl", "parataxis") and c.pos_ == "VERB" and self.speech.get(c.lemma_.lower()) \
                            in ("say", "believe") and c.i > trigger.i:
                        speaker = self.speaker_from(c)
                        hedged = hedged or self.speech.get(c.lemma_.lower()) == "believe"
                        break
                if speaker is not None:
                    break
        if speaker is None:
            speaker = self._trailing_speaker(trigger)
        via, according = self._via_in(sent)
        if speaker is None and according is not None:
            speaker = self._according_speaker(according)
        quote = self._in_quote(trigger.idx)
        if speaker is None and quote is not None:
            speaker = self._quote_attribution(quote)
        if speaker is None and self._continues_speech(sent):
            speaker = self.last
        if speaker is None:
            return Attribution(None, via, hedged)
        if via is None and speaker.name in self.outlets:
            via = speaker.name  # "the Tasnim news agency reported": the outlet is both
        if via and speaker.name:
            self.vias.setdefault(speaker.name, via)
        via = via or self.vias.get(speaker.name) or speaker.via or None
        self.last = Speaker(speaker.name, via)
        self.vias.setdefault(speaker.name, via) if via else self.vias.setdefault(speaker.name, "")
        return Attribution(speaker.name, via or None, hedged)

    def _according_speaker(self, according: Span) -> Speaker | None:
        """"according to X"; "according to an analysis by the Arms Trace Collective" -> the Collective."""
        head = according.root
        if self._is_back_reference(head):
            return self.last
        if head.lemma_ in _DOCUMENT_NOUNS:
            for p in head.children:
                if p.dep_ == "prep" and p.lower_ in ("by", "of", "from"):
                    objs = [o for o in p.children if o.dep_ == "pobj"]
                    if objs:
                        head = objs[0]
        name = self.name_of(head) or according.text
        return Speaker(name, self.vias.get(name))

    def _trailing_speaker(self, trigger: Token) -> Speaker | None:
        """", the Tasnim news agency reported on Saturday": a speech verb after the claim, the phrase
        between the comma and the verb is the speaker, however the parser attached it."""
        sent = trigger.sent
        for verb in sent:
            if verb.i <= trigger.i or self.speech.get(verb.lemma_.lower()) != "say" \
                    or verb.tag_ not in ("VBD", "VBZ", "VBN", "VBP") or self._in_quote(verb.idx) is not None:
                continue
            start = verb.i
            while start - 1 > trigger.i and self.doc[start - 1].text not in (",", ";", "\u201d", '"'):
                start -= 1
            words = [t for t in self.doc[start:verb.i] if not t.is_space]
            nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN", "PRON")]
            if not nouns or len(words) > 12:
                continue
            head = nouns[-1]
            if self._is_back_reference(head):
                return self.last
            name = self._person_name(head) or self.name_of(head)
            if name:
                span = self.doc[start:verb.i].text
                if self.is_outlet(span, head):
                    name = self._outlet_name(self.doc[start:verb.i])
                return Speaker(name, self.vias.get(name))
        return None

    def _bare_state(self, verb: Token) -> bool:
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        return bool(subj) and subj[0].i in self.mentions.actor_at and len(list(subj[0].subtree)) <= 3

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

    def observe(self, sent: Span) -> None:
        """Track the last named speaker of sentences that carry no claim, for later back-references."""
        via, according = self._via_in(sent)
        if according is not None and not self._is_back_reference(according.root):
            name = self.name_of(according.root) or according.text
            if via:
                self.vias.setdefault(name, via)
            self.last = Speaker(name, via or self.vias.get(name))
            return
        for tok in sent:
            if self.speech.get(tok.lemma_.lower()) == "say" and tok.pos_ == "VERB":
                found = self.speaker_from(tok)
                if found is not None:
                    via, _ = self._via_in(sent)
                    if via:
                        self.vias.setdefault(found.name, via)
                    self.last = Speaker(found.name, via or self.vias.get(found.name))
                    return
