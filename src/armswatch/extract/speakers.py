"""How a source is named: the canonical string for the phrase that says something.

A person by name ("Deputy Head of Mission ... Ada Okafor" -> "Ada Okafor", "Okafor" -> the
full name given before), an office by its whole name ("a senior Thai defence ministry official" ->
"Thai Defence Ministry", "Lithuania's defence ministry" -> "Lithuanian Defence Ministry"), a state that
speaks as its government ("Germany said", "Prague said" -> "German government", "Czech government"), an
acronym by its long form when the article gives it ("the NIS" -> "National Intelligence Service") or the
data does (data/source_names.tsv: "CENTCOM" -> "US Central Command"), a description by the name the
article gave it ("the group said" after "Open Skies Watch, a monitoring group").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from armswatch.extract.arguments import prep_objects
from armswatch.extract.lexicon import Actor, WordLists
from armswatch.extract.mentions import Mentions

__all__ = ["SpeakerNames"]


@dataclass
class SpeakerNames:
    doc: Doc
    mentions: Mentions
    words: WordLists
    adjectives: dict[str, Actor]  # demonym -> actor
    canonical: dict[str, str]  # lower-case alias -> canonical name
    known: list[str] = field(default_factory=list)  # full names met so far, for "Okafor" -> "Ada Okafor"
    original: str = ""  # the whole text, where the pre-filter blanked sentences of the parsed one

    def __post_init__(self) -> None:
        self._text = self.doc.text
        self._entities = tuple(self.doc.ents)

    # -- the phrase --------------------------------------------------------------------------------------
    def phrase(self, head: Token) -> Span:
        """The speaker phrase itself, without clauses or appositions hanging off it."""
        toks = [t for t in head.subtree if t.dep_ not in ("relcl", "acl") or t == head]
        lo = min(t.i for t in toks)
        hi = head.i + 1
        for t in head.rights:
            if t.dep_ in ("prep", "compound", "amod") and not any(x.dep_ == "relcl" for x in t.ancestors
                                                                  if x.i > head.i):
                hi = max(hi, t.right_edge.i + 1)
            else:
                break
        return self.doc[lo:hi]

    def name_of(self, head: Token, joined: bool = True) -> str | None:
        """A canonical source string for the speaker phrase headed by `head` (None for a pronoun); parties
        said together are named together ("Chile, Peru and Bolivia condemn ...")."""
        if head.lower_ in self.words["person_pronouns"] or head.tag_ in ("WDT", "WP"):
            return None
        together = [c for c in head.conjuncts if c.i > head.i] if joined and head.i in self.mentions.actor_at else []
        if together and all(c.i in self.mentions.actor_at for c in together):
            names = [n for t in [head, *together] if (n := self.name_of(t, joined=False))]
            if len(names) > 1:
                return ", ".join(names[:-1]) + " and " + names[-1]
        group = next((o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in prep_objects(p)
                      if o.tag_ == "NNS"), None) if head.like_num or head.lower_ == "one" else None
        if group is not None:
            return self.name_of(group)  # "one of the Iranian officials": the officials are the source
        if head.lemma_ in self.words["document_nouns"]:  # "a report by the Conflict Armament Research group"
            by = next((o for p in head.children if p.dep_ == "prep" and p.lower_ in ("by", "from")
                       for o in p.children if o.dep_ == "pobj"), None) or next(
                (o for v in head.children if v.dep_ == "acl" and v.lemma_.lower() in self.words["authoring_verbs"]
                 for p in v.children if p.dep_ == "agent" for o in p.children if o.dep_ == "pobj"),
                None)  # "data compiled by the institute" (not "a report seen by a newspaper": no one's word)
            if by is not None:
                return self.name_of(by)
            if head.lower_ in self.words["org_heads"] or any(
                    c.dep_ in ("compound", "amod") and c.lower_ in self.words["org_heads"] for c in head.children):
                # "a Ukrainian intelligence report" is Ukrainian intelligence's, and so is "Ukrainian intelligence"
                mods = [t for t in self.phrase(head) if t.i <= head.i and t.lower_ not in
                        self.words["speaker_determiners"] and t.dep_ != "case" and not t.is_punct]
                if head.lower_ not in self.words["org_heads"]:
                    mods = mods[:-1]  # "report" of "a Ukrainian intelligence report" is no part of the name
                return " ".join(w for w in (self._as_demonym(t) for t in mods) if w) or None
            owner = self.mentions.actor_of_phrase(head)  # "EU figures", "Seoul's estimates"
            if owner is not None:
                return self.state_name(owner.actor, owner.how)
            if not any(t.text[:1].isupper() for t in self.phrase(head)):
                return None  # "documents seen by a newspaper": no one's word
        person = self.person_name(head)
        if person:
            return person
        organisation = self._organisation_of_role(head)
        if organisation:
            return organisation
        if head.pos_ == "NOUN":  # "the state-owned maker Nordic Aero Works": the name, not the description
            named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if named is not None:
                return self.name_of(named)
        expanded = self.acronym(head.text)  # "the NIS said" -> "National Intelligence Service"
        if expanded and (head.i not in self.mentions.actor_at or self.mentions.actor_at[head.i].how == "institution"):
            return self.canon(expanded)
        return self.canon(self._office(head) or self._words(head))

    def _organisation_of_role(self, head: Token) -> str | None:
        """An unnamed person speaks for the organisation named on them: "an NIS official", "the head of the
        HUR", "a spokesman for Nordic Aero" -> the organisation (not a state: "US officials" stay officials)."""
        if head.lemma_.lower() not in self.words["person_roles"] and head.lower_ not in self.words["person_roles"]:
            return None
        named = [c for c in head.children if c.dep_ == "compound" and c.i < head.i] + [
            o for p in head.children if p.dep_ == "prep" and p.lower_ in ("of", "for", "at") for o in prep_objects(p)]
        for tok in named:
            a = self.mentions.actor_at.get(tok.i)
            organisation = a.actor.kind == "company" or a.how == "institution" if a is not None else (
                (tok.text.isupper() and 2 <= len(tok.text) <= 6) or (tok.pos_ == "PROPN" and tok.ent_type_ == "ORG"))
            if organisation and tok.lower_ not in self.words["person_roles"]:
                return self.name_of(tok)
        return None

    def _words(self, head: Token) -> str | None:
        words = [t for t in self.phrase(head) if t.lower_ not in self.words["speaker_determiners"] and not t.is_punct]
        if head.lower_ in self.words["person_roles"] and head.tag_ == "NNS":
            for p in head.children:  # "officials in Seoul" -> "South Korean officials"
                if p.dep_ == "prep" and p.lower_ in ("in", "from"):
                    place = next((self.mentions.actor_at[o.i] for o in p.children if o.i in self.mentions.actor_at),
                                 None)
                    if place is not None and place.actor.kind == "state":
                        return f"{self.demonym(place.code)} {head.text}"
        text = " ".join(w for w in (self._as_demonym(t) for t in words if not t.is_space and t.dep_ != "case") if w)
        return text.strip() or None

    def _as_demonym(self, tok: Token) -> str:
        """"Lithuania's" in a speaker's name reads "Lithuanian" (the form "Lithuanian Defence Ministry"); any
        other owner ("the Pentagon's Missile Defense Agency") is left out."""
        a = self.mentions.actor_at.get(tok.i)
        poss = a is not None and self.doc[a.end - 1].dep_ == "poss"
        if not poss:
            return tok.text
        if a.end - 1 != tok.i:  # type: ignore[union-attr]
            return ""  # "South" of "South Korea's": the demonym stands for the whole name
        return self.demonym(a.code) if a.actor.kind == "state" and a.how == "name" else ""  # type: ignore[union-attr]

    def _office(self, head: Token) -> str | None:
        """"a senior Thai defence ministry official" -> "Thai Defence Ministry"; "the defence minister" ->
        "Defence Ministry"."""
        words = [t for t in self.phrase(head) if t.lower_ not in self.words["speaker_determiners"]
                 and not t.is_punct and t.dep_ != "case"]
        org = self.words["org_heads"]
        for i, t in enumerate(words):
            owner = self.mentions.actor_at.get(t.i)
            if owner is not None and self.doc[owner.end - 1].dep_ == "poss" and owner.how != "name":
                continue  # "the Pentagon's agency": the owner is no part of the agency's name
            if t.pos_ == "ADJ" and t.i != head.i:
                continue  # "military analysts" are analysts, not "the military"
            if t.lower_ in org and (t.i != head.i or head.lower_ in org):
                end = i + 1  # the whole run of office words: "National Intelligence Service"
                while end < len(words) and words[end].lower_ in org and words[end].i == words[end - 1].i + 1:
                    end += 1
                # "the Ministry of National Defence": the name goes on through "of" and capitalised words
                if end + 1 < len(words) and words[end].lower_ in ("of", "for") and words[end + 1].text[:1].isupper():
                    end += 1  # and "the Institute for the Study of War"
                    while end < len(words) and (words[end].text[:1].isupper() or words[end].lower_ in ("and", "of")
                                                and end + 1 < len(words) and words[end + 1].text[:1].isupper()):
                        end += 1
                # "a spokesperson for the German defence ministry": the office's name starts after the preposition
                start = max((k + 1 for k in range(i) if words[k].pos_ == "ADP"), default=0)
                parts = [self._as_demonym(p) if p.i in self.mentions.actor_at else p.text for p in words[start:end]]
                parts = [p for p in parts if p]
                joined = " ".join(p if p[:1].isupper() or p in ("of", "and", "for") else p.capitalize() for p in parts)
                return joined or None
        lowers = [t.lower_ for t in words]
        for title, office in self.words.mapping("title_offices").items():
            a, b = title.split()
            if a in lowers and b in lowers:
                who = next((self.mentions.actor_at[t.i] for t in words if t.i in self.mentions.actor_at), None)
                return f"{self.demonym(who.code)} {office}" if who is not None else office
        return None

    # -- people ----------------------------------------------------------------------------------------------
    def person_name(self, head: Token) -> str | None:
        """A person's name in the phrase: a PERSON entity, or an apposed run of proper nouns."""
        titles, roles = self.words["titles"], self.words["person_roles"]
        if head.pos_ == "PROPN" and self.known_person(head.text) != head.text:
            return self.known_person(head.text)  # "Okafor also pointed out" after "Ada Okafor"
        persons = [e for e in self._entities if e.label_ == "PERSON"
                   and e.start >= head.left_edge.i and e.end <= head.right_edge.i + 1
                   and not any(t.lower_ in roles or t.lower_ in titles for t in e)]
        if persons:
            person = max(persons, key=len)
            return self.known_person(" ".join(self._given_names(person, head).text.split()))
        cands = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if head.pos_ == "PROPN" and head.ent_type_ not in ("ORG", "GPE", "NORP") and head.i not in \
                self.mentions.actor_at:
            cands.append(head)
        for c in cands:
            run = [t for t in c.subtree if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"
                   and t.i < c.i and t.lower_ not in roles] + [c]
            run.sort(key=lambda t: t.i)
            while len(run) > 1 and run[-2].i != run[-1].i - 1:
                run.pop(-2)  # the contiguous run that ends at the name's head
            run = [t for t in run if t.i not in self.mentions.actor_at]  # "Pentagon spokeswoman Lydia Marsh"
            office = [k for k, t in enumerate(run) if t.lower_ in self.words["org_heads"] or t.lower_ in titles
                      or t.lower_ in roles]
            if office and office[-1] < len(run) - 1:
                run = run[office[-1] + 1:]  # "Defence Minister Ada Roe": the name after the title
            text = " ".join(t.text for t in run if t.text[:1].isupper())
            if text and c.ent_type_ not in ("ORG", "GPE") and not any(
                    t.lower_ in self.words["org_heads"] or t.lower_ in titles or t.lower_ in roles for t in run):
                return self.known_person(text)
        return None

    def _given_names(self, person: Span, head: Token) -> Span:
        """The recogniser may leave the given names out of a person ("Defence Minister Ada [Roe]"): the
        capitalised proper nouns right before it in the phrase that are no title, role, office or actor."""
        skip = self.words["titles"] | self.words["person_roles"] | self.words["org_heads"]
        start = person.start
        while start - 1 >= head.left_edge.i and (t := head.doc[start - 1]).pos_ == "PROPN" and t.text[:1].isupper() \
                and t.lower_ not in skip and t.i not in self.mentions.actor_at and t.ent_type_ not in ("ORG", "GPE"):
            start -= 1
        return head.doc[start:person.end]

    def known_person(self, name: str) -> str:
        """"Okafor" -> "Ada Okafor" when the full name was given before (or anywhere in the article)."""
        if " " in name:
            if name not in self.known:
                self.known.append(name)
            return name
        for known in reversed(self.known):
            if known.split()[-1].lower() == name.lower():
                return known
        people = [" ".join(e.text.split()) for e in self._entities if e.label_ == "PERSON"]
        return next((p for p in people if " " in p and p.split()[-1].lower() == name.lower()), name)

    def given_name_in_original(self, surname: str) -> str | None:
        """"Okafor" (a transcript's "MS. OKAFOR:") -> "Ada Okafor" from a sentence the pre-filter left out of
        the parse: the first capitalised word right before the surname that is no title ("Ambassador")."""
        skip = self.words["honorifics"] | self.words["person_roles"] | self.words["titles"]
        if not surname[:1].isupper() or surname.lower() in skip:
            return None
        for m in re.finditer(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) " + re.escape(surname.title()) + r"\b",
                             self.original):
            if m.group(1).lower() not in skip:
                return f"{m.group(1)} {surname.title()}"
        return None

    def described_before(self, head: Token) -> str | None:
        """"the group said" after "Open Skies Watch, a monitoring group"; "the company said" after "Nordic Aero":
        the name the article gave that description to."""
        if head.pos_ != "NOUN" or head.lower_ in self.words["person_roles"] or not any(
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
        if head.lower_ in self.words["company_words"]:
            company = next((a for a in reversed(self.mentions.actors) if a.end <= head.i and a.how == "company"),
                           None)
            if company is not None:
                return self.doc[company.start:company.end].text
            # a maker the data does not know: the last organisation named before ("from Nordic Aero, the
            # company said")
            org = next((e for e in reversed(self._entities) if e.end <= head.i and e.label_ == "ORG"
                        and e.start not in self.mentions.actor_at), None)
            if org is not None:
                return " ".join(org.text.split())
        return None

    # -- states, acronyms, canonical forms -----------------------------------------------------------------
    def state_name(self, actor: Actor, how: str, surface: str = "") -> str:
        """"Germany said", "Prague said" -> "German government", "the U.S. said" -> "U.S. government" (an
        abbreviation as the article writes it); "EU figures" -> "European Union"."""
        if actor.kind == "state":
            short = surface.removeprefix("the ").removeprefix("The ")
            if short.replace(".", "").isupper() and len(short.replace(".", "")) <= 3:
                return f"{short} government"
            return f"{self.demonym(actor.code)} government"
        return self.canon(actor.code) or actor.code

    def demonym(self, code: str) -> str:
        preferred = self.words.value("preferred_demonyms", code.lower())
        if preferred:
            return preferred
        adjectives = [k for k, v in self.adjectives.items() if v.code == code]
        return (adjectives or [code])[0]

    def acronym(self, word: str) -> str | None:
        """"NIS" -> "National Intelligence Service" when the long form is in the document."""
        if not (word.isupper() and 2 <= len(word) <= 6):
            return None
        pattern = r"\b" + r"\s+(?:of\s+|for\s+|the\s+)*".join(f"{c}[a-z]+" for c in word) + r"\b"
        m = re.search(pattern, self._text)
        return m.group(0) if m else None

    def canon(self, name: str | None) -> str | None:
        if name is None:
            return None
        if name.count("(") > name.count(")"):  # "the Joint Staff (JS) said": the phrase ends inside the brackets
            name = name[:name.rindex("(")].rstrip()
        return self.canonical.get(name.lower(), name)
