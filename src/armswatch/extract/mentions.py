"""Actor and item mentions in a parsed Doc, matched against the lexicon.

Actors: states by name, demonym, capital or metonym; non-state groups; organisations; companies
(mapped to their home state). Items: weapon terms and named systems; `category_of(head)` gives the
category of a noun phrase from its head and the modifiers in front of it ("Patriot air defence
missiles" -> air_defence, "ballistic missile launchers" -> missiles, "drone parts" -> components).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from armswatch.extract.lexicon import Actor, ItemTerm, Lexicon, singular, term_key

__all__ = ["ActorMention", "ItemMatch", "Mentions", "MentionFinder"]

_VARIANT = re.compile(r"^([A-Za-z]+-?\d+)[A-Z]{1,3}(?:/[A-Z]{1,3})?s?$")  # "F-35A" -> "F-35"
_NOUNISH = {"NOUN", "PROPN", "NUM", "X"}
# Context metonyms: meaningful only once the actor they stand for has been named in the document.
_CONTEXTUAL = {("the", "North"): "PRK", ("the", "South"): "KOR", ("the", "bloc"): "eu",
               ("the", "alliance"): "nato"}


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    actor: Actor
    how: str  # name | adjective | metonym | company | context

    @property
    def code(self) -> str:
        return self.actor.code


@dataclass(frozen=True)
class ItemMatch:
    start: int
    end: int
    term: ItemTerm


def _phrase_tokens(head: Token, preps: int = 0) -> list[Token]:
    """The noun phrase of `head` without the clauses hanging off it ("countries buying Russian weapons"), and
    through two prepositional phrases at most ("militias in the south of Lebanon", not "one of the sides in the
    war in Chad")."""
    out = [head]
    for c in head.children:
        if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "appos") or c.pos_ == "VERB":
            continue
        if c.dep_ in ("conj", "cc") and preps == 0:
            continue  # "100 trucks and 30 drones to Chile": a conjunct is a phrase of its own
        if c.dep_ == "prep" and preps >= 2:
            continue
        out.extend(_phrase_tokens(c, preps + (c.dep_ == "prep")))
    return out


@dataclass(frozen=True)
class GroupNames:
    """Armed groups named by a state and a group word ("Syrian rebels", "Iraqi militias")."""

    heads: frozenset[str]  # rebels, militants, militias, ...
    names: dict[str, Actor]  # lower-case group name -> group
    demonyms: dict[str, list[str]]  # state code -> its demonyms
    military: frozenset[str] = frozenset()  # modifiers that make "aircraft", "boats" military

    def named(self, head: Token, found: list[ActorMention]) -> ActorMention | None:
        for a in found:
            for demonym in self.demonyms.get(a.code, []):
                group = self.names.get(f"{demonym} {head.lower_}".lower())
                if group is not None:
                    return ActorMention(a.start, a.end, group, "context")
        return None


class Mentions:
    """All mentions in one Doc, indexed by token."""

    def __init__(self, doc: Doc, actors: list[ActorMention], items: list[ItemMatch],
                 groups: GroupNames | None = None, item_words: frozenset[str] = frozenset(),
                 bare_dual: frozenset[str] = frozenset(), non_weapon_heads: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.bare_dual = bare_dual  # "equipment", "hardware": civil as often as military when bare
        self.non_weapon_heads = non_weapon_heads  # "talks" in "arms talks": a weapon word names no weapon there
        self.groups = groups
        self.item_words = item_words  # the words of the item terms, lower-case
        self.actors = actors
        self.items = items
        self.actor_at: dict[int, ActorMention] = {}
        for a in actors:
            for i in range(a.start, a.end):
                self.actor_at[i] = a
        self.item_at: dict[int, ItemMatch] = {}
        for m in items:
            for i in range(m.start, m.end):
                self.item_at[i] = m

    def actors_in(self, start: int, end: int) -> list[ActorMention]:
        return [a for a in self.actors if a.start >= start and a.end <= end]

    def actor_of_phrase(self, head: Token) -> ActorMention | None:
        """The actor a noun phrase stands for ("Yemen's Houthi fighters" -> houthis, "a factory in the
        Russian north" -> RUS): the mention nearest the head, non-state groups before states."""
        if head.i in self.actor_at:
            return self.actor_at[head.i]
        found = [self.actor_at[t.i] for t in _phrase_tokens(head) if t.i in self.actor_at]
        if not found:
            return None
        groups = [a for a in found if a.actor.kind == "group"]
        if not groups and self.groups is not None and head.lemma_.lower() in self.groups.heads:
            return self.groups.named(head, found)  # "Syria's rebels": a group, never the state
        pool = groups or found
        # "Russia's war effort in Ukraine": the genitive owns the phrase, a place inside it does not
        owner = [a for a in pool if self.doc[a.end - 1].dep_ == "poss" and self.doc[a.end - 1].head.i == head.i]
        return owner[0] if owner else min(pool, key=lambda a: abs(a.end - 1 - head.i))

    def category_of(self, head: Token) -> str | None:
        """The item category of the noun phrase headed by `head`, or None if it is no weapon."""
        m = self.item_at.get(head.i)
        if m is not None and m.term.role in ("strong", "dual") and (m.end - 1 == head.i or head.pos_ in _NOUNISH):
            return m.term.category
        if m is not None and m.term.role == "named" and m.end - 1 == head.i:
            # "S-199 fighters", "Su-57 fighters": a word that is a weapon only beside a model's name ("fighters"
            # alone are often combatants)
            named = any(c.dep_ in ("compound", "amod", "nmod", "nummod") and c.i < head.i and (
                any(ch.isdigit() for ch in c.text) and any(ch.isalpha() for ch in c.text)) for c in head.children)
            if named:
                return m.term.category
            return self._modifiers_category(head, m)  # "Gripen fighters": the system named in front
        if m is not None and m.term.role == "generic" and (m.end - 1 == head.i or head.pos_ in _NOUNISH):
            # "air defence capabilities", "anti-tank weapons": a generic head takes its modifier's category
            return self.modifier_category(head, m) or m.term.category
        if m is None and head.lemma_.lower() in self.non_weapon_heads:
            return None  # "arms talks", "the missile programme", "tank crews"
        # weak head (or none): the nearest categorised modifier in front of it decides
        category = self._modifiers_category(head, m)
        if category:
            return category
        if m is not None and m.term.category:
            return m.term.category
        return None

    def _modifiers_category(self, head: Token, m: ItemMatch | None) -> str | None:
        left = head.left_edge.i
        weak_fallback: str | None = None
        for i in range(head.i - 1, left - 1, -1):
            mod = self.item_at.get(i)
            if mod is not None and mod is not m and mod.term.category and self._modifies(i, head):
                if mod.term.role not in ("weak", "generic", "dual"):
                    return mod.term.category
                # "Surface-to-Air Missile Systems": a weak modifier defers to what modifies it
                weak_fallback = weak_fallback or mod.term.category
        return weak_fallback

    def modifier_category(self, head: Token, m: ItemMatch | None = None) -> str | None:
        """The category the modifiers in front of a head give it ("air defence" in "air defence systems")."""
        m = m or self.item_at.get(head.i)
        for i in range(head.i - 1, head.left_edge.i - 1, -1):
            mod = self.item_at.get(i)
            if mod is not None and mod is not m and mod.term.category and mod.term.role in ("strong", "modifier") \
                    and self._modifies(i, head):
                return mod.term.category
        return None

    def is_dual_use(self, head: Token) -> bool:
        """"ships", "planes", "jets": civil as often as military unless a modifier says otherwise
        ("fighter jets", "F-16 jets", "patrol boats" are matched by longer or modifier terms)."""
        m = self.item_at.get(head.i)
        if m is None or (m.term.role != "dual" and not self.is_bare_dual(m)):
            return False
        left = head.left_edge.i
        if self.groups is not None and any(c.lower_ in self.groups.military for c in head.children if c.i < head.i):
            return False  # "surveillance aircraft", "military helicopters", "patrol boats"
        return not any((mod := self.item_at.get(i)) is not None and mod is not m and mod.term.category
                       for i in range(left, head.i))

    def is_bare_dual(self, m: ItemMatch) -> bool:
        """Bare "equipment" or "hardware": oil-field gear as often as military kit."""
        return self.doc[m.start:m.end].text.lower() in self.bare_dual

    def is_generic(self, head: Token) -> bool:
        """"weapons", "arms", "military aid": a transfer whose category is not told."""
        m = self.item_at.get(head.i)
        return m is not None and m.term.role == "generic"

    @staticmethod
    def _modifies(i: int, head: Token) -> bool:
        tok = head.doc[i]
        # stay inside the head's own pre-modifiers: not across a possessive or a preposition
        while tok.i != head.i:
            # a conjunct of a modifier modifies too ("financial and military support"), not one of the noun
            coordinated = tok.dep_ == "conj" and tok.head.dep_ in ("amod", "compound", "nmod") and tok.head.i < head.i
            if tok.dep_ in ("poss", "prep", "pobj", "case", "relcl", "acl", "appos", "conj") and not coordinated:
                return False
            if tok.head.i == tok.i:
                return False
            tok = tok.head
        return True

    @cached_property
    def actor_codes(self) -> set[str]:
        return {a.code for a in self.actors}


class MentionFinder:
    """Builds the matchers once per pipeline; `find(doc)` returns the Mentions of a parsed Doc."""

    def __init__(self, nlp: Language, lexicon: Lexicon, blocked: list[str], group_heads: frozenset[str],
                 military: frozenset[str] = frozenset(), bare_dual: frozenset[str] = frozenset(),
                 non_weapon_heads: frozenset[str] = frozenset()) -> None:
        self.lexicon = lexicon
        self.bare_dual = bare_dual
        self.non_weapon_heads = non_weapon_heads
        demonyms: dict[str, list[str]] = {}
        for surface, actor in lexicon.actor_adjectives.items():
            demonyms.setdefault(actor.code, []).append(surface)
        group_names = {name.lower(): actor for name, actor in lexicon.actor_names.items() if actor.kind == "group"}
        self.groups = GroupNames(group_heads, group_names, demonyms, military)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        kinds = (("name", lexicon.actor_names), ("institution", lexicon.actor_institutions),
                 ("metonym", lexicon.actor_metonyms),
                 ("adjective", lexicon.actor_adjectives))
        # keyed by token texts: "Sudan 's army" and "Sudan's army" are one match
        self._actor_of: dict[tuple[str, ...], tuple[str, Actor]] = {}
        for how, table in reversed(kinds):  # names win over metonyms over adjectives
            for surface, actor in table.items():
                kind = "company" if actor.kind == "company" else how
                for spelling in {surface, surface.replace("'", "\u2019")}:  # also the curly apostrophe
                    self._actor_of[tuple(t.text for t in nlp.make_doc(spelling))] = (kind, actor)
        self.matcher.add("ACTOR", [Doc(nlp.vocab, words=list(words)) for words in self._actor_of])
        self.matcher.add("BLOCK", [nlp.make_doc(s) for s in blocked])
        self.items: dict[tuple[str, ...], ItemTerm] = {}
        for term, item in lexicon.items.items():
            exact = term.startswith("=")
            words = [t.text for t in nlp.make_doc(term.lstrip("="))]
            self.items[term_key(words, exact)] = item
        self.max_len = max(len(k) for k in self.items)
        self.item_words = frozenset(w for key in self.items for w in key)
        # the lengths of the terms that start with each word, longest first: the scan tries only those
        self._lengths: dict[str, list[int]] = {}
        for key in self.items:
            self._lengths.setdefault(key[0], []).append(len(key))
        for lengths in self._lengths.values():
            lengths[:] = sorted(set(lengths), reverse=True)

    def find(self, doc: Doc) -> Mentions:
        return Mentions(doc, self._actors(doc), self._items(doc), self.groups, self.item_words, self.bare_dual,
                        self.non_weapon_heads)

    def _actors(self, doc: Doc) -> list[ActorMention]:
        spans = []
        for match_id, start, end in self.matcher(doc):
            spans.append((start, end, doc.vocab.strings[match_id]))
        # longest first, no overlaps; BLOCK matches consume their tokens without producing a mention
        spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
        taken: set[int] = set()
        found: list[ActorMention] = []
        for start, end, label in spans:
            if any(i in taken for i in range(start, end)):
                continue
            taken.update(range(start, end))
            if label == "BLOCK":
                continue
            how, actor = self._actor_of[tuple(t.text for t in doc[start:end])]
            found.append(ActorMention(start, end, actor, how))
        found += self._acronyms(doc, found, taken)
        named = {a.code for a in found}
        for i in range(len(doc) - 1):
            code = _CONTEXTUAL.get((doc[i].lower_, doc[i + 1].text))
            if code and code in named and i not in taken and i + 1 not in taken:
                nxt = doc[i + 2] if i + 2 < len(doc) else None
                if nxt is None or nxt.pos_ != "PROPN":
                    found.append(ActorMention(i, i + 2, Actor(code, "state" if code.isupper() else "org"),
                                              "context"))
        found.sort(key=lambda a: a.start)
        return found

    @staticmethod
    def _acronyms(doc: Doc, found: list[ActorMention], taken: set[int]) -> list[ActorMention]:
        """"the LAF" after "the Lebanese Armed Forces": an all-capital word made of the initials of a name
        around an actor mention stands for that actor."""
        initials: dict[str, tuple[Actor, str]] = {}
        for a in found:
            lo, hi = a.start, a.end
            while lo > 0 and doc[lo - 1].text[:1].isupper() and doc[lo - 1].is_alpha:
                lo -= 1
            while hi < len(doc) and (doc[hi].text[:1].isupper() and doc[hi].is_alpha or (
                    doc[hi].lower_ in ("of", "and", "for", "the") and hi + 1 < len(doc)
                    and doc[hi + 1].text[:1].isupper())):  # "Democratic People's Republic of Korea"
                hi += 1
            letters = "".join(t.text[0] for t in doc[lo:hi] if t.text[:1].isupper())
            if len(letters) >= 2 and hi - lo >= 2:
                # a state's own name ("DPRK") stays a name; initials of more than it ("LAF", "NIS") an institution
                how = a.how if (lo, hi) == (a.start, a.end) else "institution"
                initials.setdefault(letters, (a.actor, how))
        out = []
        for t in doc:
            known = initials.get(t.text)
            if known is not None and t.i not in taken:
                out.append(ActorMention(t.i, t.i + 1, known[0], known[1]))
                taken.add(t.i)
        return out

    def _items(self, doc: Doc) -> list[ItemMatch]:
        out: list[ItemMatch] = []
        n = len(doc)
        sing = [singular(t.text) for t in doc]
        low = [t.lower_ for t in doc]
        i = 0
        while i < n:
            hit = None
            lengths = sorted(set(self._lengths.get(sing[i], [])) | set(self._lengths.get(low[i], [])), reverse=True)
            for length in lengths:
                if i + length > n:
                    continue
                item = self.items.get(tuple(sing[i:i + length])) or self.items.get(tuple(low[i:i + length]))
                toks = doc[i : i + length]
                if item is None or not self._fits(toks, item):
                    continue
                hit = ItemMatch(i, i + length, item)
                break
            hit = hit or self._variant(doc, i)
            if hit:
                out.append(hit)
                i = hit.end
            else:
                i += 1
        matched = {i for m in out for i in range(m.start, m.end)}
        out += [m for m in self._distributed(doc) if m.start not in matched]
        return sorted(out, key=lambda m: m.start)

    def _variant(self, doc: Doc, i: int) -> ItemMatch | None:
        """"F-35A", "Su-30SM", "F-16C/D": a known designation with a variant's letters after its number."""
        m = _VARIANT.match(doc[i].text)
        item = self.items.get((singular(m.group(1)),)) if m else None
        return ItemMatch(i, i + 1, item) if item is not None and item.cased else None

    def _distributed(self, doc: Doc) -> list[ItemMatch]:
        """"military, economic and humanitarian aid": a modifier coordinated with others still makes a term
        with the head ("military aid"); the match is the head alone."""
        out = []
        for head in doc:
            if head.pos_ not in _NOUNISH:
                continue
            mods = [c for c in head.children if c.dep_ in ("amod", "nmod", "compound") and c.i < head.i]
            if not any(m.conjuncts or any(c.dep_ == "cc" for c in m.children) for m in mods):
                continue  # "military aid" alone is matched as it stands
            for mod in [c for m in mods for c in (m, *m.conjuncts) if c.i < head.i]:
                item = self.items.get(term_key([mod.text, head.text]))
                if item is not None:
                    out.append(ItemMatch(head.i, head.i + 1, item))
                    break
        return out

    @staticmethod
    def _fits(toks: Span, item: ItemTerm) -> bool:
        if item.cased and not (toks[0].text[:1].isupper() or toks[0].text[:1].isdigit()):
            return False
        last = toks[-1]
        if item.role == "modifier" or (item.cased and last.pos_ not in ("VERB", "AUX", "ADP")):
            return True  # model names are tagged anything ("Yak-130" as ADJ, "F-16" as NUM)
        if item.cased and any(ch.isdigit() for ch in last.text):
            return True  # a designation with a number is no verb or preposition, however tagged ("Su-35" as ADP)
        # a weapon noun, not a verb ("North Korea ships ...") or an adjective ("electronic jamming"); a class
        # noun before a ship's or a plane's name is often tagged an adjective ("the frigate Aurora")
        named = last.pos_ == "ADJ" and last.is_lower and last.head.pos_ == "PROPN" and last.head.i == last.i + 1
        return last.pos_ in _NOUNISH or (last.tag_ in ("NNS", "NN", "NNP", "NNPS")) or named
