"""A text-level pre-filter: only sentences that could hold a transfer claim, and their context, reach the parser.

A claim needs, in one sentence, a weapon term and a transfer trigger that is another word ("arms" alone
is both a weapon and a form of "to arm", and makes no frame), and it needs two different parties named
in the article. So an article without such a sentence, or naming fewer than two actors, is skipped
unparsed (most news). In the others, only the sentences with a weapon term or a trigger, with one
sentence of context either side (for "she said", "Minsk, in turn", pronouns), are kept. Everything
else is blanked with spaces so character offsets, and so evidence spans, stay exact.

Every test is a necessary condition, read from the same data files the extractor reads and erring
towards keeping (a word's singular and its hyphenated parts count; an actor counts when the longest
run of letters of one of its names is in the text). A test checks that the claims on the gold files
are the same with and without the pre-filter.
"""

from __future__ import annotations

import re

from lemminflect import getAllInflections, getAllInflectionsOOV

from armswatch.extract.boilerplate import mask_for_parsing
from armswatch.extract.lexicon import ItemTerm, Lexicon, WordLists, load_lexicon, load_words
from armswatch.extract.sentences import recase_title_lines, unwrap_lines
from armswatch.extract.term_finder import TermFinder, key_word, plurals
from armswatch.extract.valency import Valency, load_valency
from armswatch.model import Document

__all__ = ["Prefilter", "load_prefilter", "sentence_spans", "text_to_parse"]

def inflections(lemma: str, pos: str = "VERB") -> list[str]:
    """Every form of a trigger word, from lemminflect's tables (its rules for words it does not know):
    "send" -> sent, sending, sends; "delivery" -> deliveries."""
    forms = {lemma}
    for upos in ("VERB", "NOUN") if pos == "VERB" else (pos,):
        table = getAllInflections(lemma, upos=upos) or getAllInflectionsOOV(lemma, upos=upos)
        forms.update(f for group in table.values() for f in group)
    return sorted(forms, key=len, reverse=True)


_VARIANT_PART = re.compile(r"(\d+)[a-z]{1,3}$")
_WORD = re.compile(r"[^\W_]+(?:['/-][^\W_]+)*")  # letters and digits in any script: "hürjet"
_PARTS = re.compile(r"['/-]")
_RUN = re.compile(r"[^\W_]+")  # a run of letters and digits, in any script

# Sentence ends: . ! or ? (and closing quotes) before a space and a capital. A full stop after an
# abbreviation or an initial ("Mr.", "U.S.", "J.") ends nothing. Missing an end only merges two
# sentences, which keeps more text, never less.
_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?\.?")


def _abbreviations() -> frozenset[str]:
    words = load_words()  # "Mr.", "Gen.", "Jan.", "Mk.": a full stop that ends no sentence
    return words["abbreviations"] | words["name_abbreviations"]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of each non-empty line, ends included; a plain-text approximation."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            start = 0
            for m in _BOUNDARY.finditer(line):
                space = line.rfind(" ", start, m.start())
                word = line[space + 1 if space >= 0 else start: m.start() + 1].lstrip("\"'(\u201c\u2018[")
                if word[:-1].lower() in _abbreviations() or _INITIALS.fullmatch(word):
                    continue
                spans.append((pos + start, pos + m.end()))
                start = m.end()
            spans.append((pos + start, pos + len(line)))
        pos += len(line)
    return spans


def _word_set(text: str) -> set[str]:
    """The lower-cased words of `text` and the parts of its hyphenated words ("arms-supply": supply)."""
    words = set(_WORD.findall(text.lower()))
    words |= {p for w in words if not w.isalnum() for p in _PARTS.split(w)}
    return words | {m.group(1) for w in words if (m := _VARIANT_PART.match(w))}  # "35a" of "F-35A": 35


class Prefilter:
    """Built once per Extractor from the lexicon and the trigger table."""

    def __init__(self, lexicon: Lexicon, valency: Valency, words: WordLists) -> None:
        weapon_categories = words["weapon_categories"]
        self._bare_dual_nouns = words["bare_dual_nouns"]  # as the extractor's Mentions.is_dual_use reads them
        # "arms talks", "missile programme": the nouns after which a weapon word names no weapon (Mentions.category_of)
        self._non_weapon_heads = frozenset(f for w in words["non_weapon_heads"] for f in plurals(w) | {w})
        dual_categories = words["dual_use_categories"]
        # categorised terms only: "system" or "unit" names no weapon without a categorised word beside it
        items = {term: item for term, item in lexicon.items.items() if item.category is not None}

        def is_weapon(item: ItemTerm) -> bool:
            return item.role in ("strong", "weak") and item.category in weapon_categories

        def always_counts(item: ItemTerm) -> bool:
            # terms that make a claim in any article: "weapons", named systems, "body armour" (the extractor
            # drops only dual-use terms and categories in an article that names no weapon)
            return item.cased or (item.role != "dual" and item.category not in dual_categories)

        self._items = TermFinder((t, i.cased) for t, i in items.items())
        # plain weapon nouns and named systems: what makes an article "name a weapon"
        self._weapons = TermFinder((t, i.cased) for t, i in items.items() if is_weapon(i))
        self._weapon_nouns = frozenset(form for w in words["weapon_nouns"] for form in plurals(w))  # "weapons"
        self._always = TermFinder((t, i.cased) for t, i in items.items() if always_counts(i))
        # "dual-use goods", "military technology": parts and know-how that say they are military (claims.py)
        self._military_markers = frozenset(words["military_use_markers"])
        # Word sets for the quick tests: a term can be in a text only if its longest word is, as a word,
        # a hyphenated part or a plural of one. Set lookups cost far less than regexes.
        # trigger verbs and nouns in every form, and the destination words ("drones bound for Russia")
        self._trigger_words = frozenset(f.lower() for row in valency.rows.values()
                                        for f in inflections(row.lemma, row.pos))
        know_how = [r.lemma for r in valency.rows.values() if any(s.category == "technology" for s in r.items)]
        # "military aid to Ukraine": a trigger that is its own item makes a frame alone
        self._self_items = frozenset(f.lower() for r in valency.rows.values() if any(s.role == "self" for s in r.items)
                                     for f in inflections(r.lemma, r.pos))
        # "military, economic and humanitarian aid": the first words of the terms such a trigger ends
        self._self_modifiers = frozenset(t.split()[0].lower() for t in lexicon.items if len(t.split()) == 2
                                         and t.split()[1].lower() in self._self_items)
        # "Iran armed the rebels": a trigger whose row names "equipment" when no item is named
        self._armed_forces = frozenset(words["armed_forces"])
        self._itemless = frozenset(f.lower() for r in valency.rows.values() if r.has("arms")
                                   for f in inflections(r.lemma, r.pos))
        self._help_words = frozenset(f for lemma in know_how for f in inflections(lemma))
        self._production_words = frozenset(f for lemma in words["production_verbs"] for f in inflections(lemma))

        # weak nouns ("batteries", "squadrons"): every form -> its key word
        self._weak_keys = {form: key_word(t) for t, i in lexicon.items.items() if i.category is None
                           for form in plurals(key_word(t))}
        # Actors by the runs of letters of each of their names, case as written (the extractor matches
        # names case-sensitively): a name can be in a text only if all its runs are. Indexed by the
        # longest capitalised run: "the Kremlin" -> "Kremlin", "North Korea" -> "Korea" + {"North"}.
        self._actor_runs: dict[str, list[tuple[frozenset[str], str]]] = {}
        for table in (lexicon.actor_names, lexicon.actor_adjectives, lexicon.actor_metonyms,
                      lexicon.actor_institutions):
            for surface, actor in table.items():
                runs = _RUN.findall(surface)
                if runs:
                    key = max(runs, key=lambda r: (r[:1].isupper(), len(r)))
                    self._actor_runs.setdefault(key, []).append((frozenset(runs) - {key}, actor.code))

    # -- single tests --------------------------------------------------------------------------------------
    def has_item(self, text: str) -> bool:
        return bool(self._item_spans(text, names_weapons=True))

    def names_weapons(self, text: str, words: set[str] | None = None) -> bool:
        """Could the extractor find that `text` names a weapon (which lets dual-use words such as "ships"
        or bare "equipment" make claims)? A plain weapon noun, or any named system (the extractor counts
        designations such as "F-16" and names before a weapon noun such as "Bradley fighting vehicles")."""
        words = _word_set(text) if words is None else words
        return not self._weapon_nouns.isdisjoint(words) or self._weapons.search(text, words)

    def actor_codes(self, text: str) -> set[str]:
        """Every actor whose name could be in `text` (a superset of what the extractor finds)."""
        present = set(_RUN.findall(text))
        present |= {r.capitalize() for r in present if r.isupper()}  # "PENTAGON SPOKESMAN:" (a turn's side)
        return {code for run in present & self._actor_runs.keys() for others, code in self._actor_runs[run]
                if others <= present}

    def _item_spans(self, text: str, names_weapons: bool, words: set[str] | None = None) -> list[tuple[int, int]]:
        """Where weapon terms are in `text`. Without a weapon named anywhere in the article, dual-use
        words (ships, planes, parts, engines, technology, bare "equipment") make no claim in the extractor
        either: only "weapons"/"arms" and named systems can. Skipping on the same rule keeps the claims."""
        words = _word_set(text) if words is None else words
        return [span for span in (self._items if names_weapons else self._always).spans(text, words)
                if not self._modifies_non_weapon(text, span, words)]

    def _modifies_non_weapon(self, text: str, span: tuple[int, int], words: set[str]) -> bool:
        """"arms talks", "weapons programme": a generic weapon noun before a noun that makes it none (only these:
        "drones attack cities" may read "attack" as a verb, and the extractor keeps the drones)."""
        return text[span[0]:span[1]].lower() in self._weapon_nouns and not self._non_weapon_heads.isdisjoint(
            words) and self._before_non_weapon_head(text, span[1])

    def _before_non_weapon_head(self, text: str, end: int) -> bool:
        """Is the term ending at `end` a modifier of a noun that makes it no weapon ("arms talks")?"""
        following = _WORD.match(text, end + 1) if text[end:end + 1] in (" ", "-") else None
        return following is not None and following.group().lower() in self._non_weapon_heads

    def _trigger_spans(self, text: str, words: set[str]) -> list[tuple[int, int]]:
        spans = []
        if not self._trigger_words.isdisjoint(words):
            low = text.lower()
            spans = [m.span() for m in _WORD.finditer(low)
                     if m.group() in self._trigger_words
                     or (not m.group().isalnum() and not self._trigger_words.isdisjoint(_PARTS.split(m.group())))]
        return spans

    def _weak_named(self, text: str, words: set[str]) -> frozenset[str]:
        """The weak nouns `text` names right after a weapon term ("Patriot batteries", "F-16 squadrons"):
        the extractor then reads them alone as that weapon ("Germany delivered two more batteries")."""
        if self._weak_keys.keys().isdisjoint(words):
            return frozenset()
        named: set[str] = set()
        for _, end in self._items.spans(text, words):
            after = _WORD.findall(text[end: end + 60].lower())[:3]
            named.update(self._weak_keys[w] for w in after if w in self._weak_keys)
        return frozenset(named)

    def _is_candidate(self, sentence: str, names_weapons: bool, before: str = "",
                      weak: frozenset[str] = frozenset()) -> tuple[bool, bool, bool]:
        """(holds a claim's words, has a weapon term, has a trigger) for one sentence; `before`: the
        sentence before it; `weak`: the weak nouns the article names with a weapon term."""
        words = _word_set(sentence)
        if names_weapons and not self._help_words.isdisjoint(words) \
                and not self._production_words.isdisjoint(words):
            return True, True, True  # "helping Moscow improve its satellites": know-how, in an article on weapons
        # dual-use goods handed to an armed force count as military, weapons named or not
        names_weapons = names_weapons or self._to_forces(words) or not self._military_markers.isdisjoint(words)
        items = self._item_spans(sentence, names_weapons, words)
        if items and not names_weapons:
            items = [(s, e) for s, e in items if not self._bare_dual(sentence, s, e, before)]
        if weak:
            items += [m.span() for m in _WORD.finditer(sentence.lower()) if self._weak_keys.get(m.group()) in weak]
        if not items and not self._self_modifiers.isdisjoint(words) and not self._self_items.isdisjoint(words):
            # "military, economic and humanitarian aid": the modifier apart from its noun
            items = [m.span() for m in _WORD.finditer(sentence.lower()) if m.group() in self._self_items]
        # "arms control": the word is neither a weapon nor a form of "to arm"
        triggers = [t for t in self._trigger_spans(sentence, words)
                    if not self._modifies_non_weapon(sentence, t, words)]
        if triggers and not items and any(not self._itemless.isdisjoint(
                _PARTS.split(sentence[s:e].lower())) for s, e in triggers):
            return True, False, True
        if not items or not triggers:
            return False, bool(items), bool(triggers)
        # the trigger must be another word than the weapon: "arms" alone is no frame ("aid" is: it is its own item)
        only = items[0] if len(items) == 1 else None
        lone = only is not None and all(only[0] <= s and e <= only[1] for s, e in triggers)
        return not lone or not self._self_items.isdisjoint(words), True, True

    def _to_forces(self, words: set[str]) -> bool:
        """Could an armed force ("the Peruvian Navy") receive something here? Its word, and a word of an item."""
        return not self._armed_forces.isdisjoint(words) and not self._items.words.isdisjoint(words)

    def _bare_dual(self, sentence: str, start: int, end: int, before: str) -> bool:
        """Bare "equipment" or "hardware" is civil as often as military: in an article that names no
        weapon the extractor keeps it only after a weapon word in its own phrase ("anti-aircraft
        equipment"), so only a categorised term before it in the sentence, or the one before, keeps it."""
        if sentence[start:end].lower() not in self._bare_dual_nouns:
            return False
        preceding = before + sentence[:start]
        return not self._items.search(preceding, _word_set(preceding))

    # -- the filter ----------------------------------------------------------------------------------------
    def may_hold_claims(self, text: str) -> bool:
        """A quick whole-text test on word sets: False means no sentence can hold a claim (True may still
        find none: `mask` decides sentence by sentence)."""
        words = _word_set(text)
        if self._trigger_words.isdisjoint(words) and self._help_words.isdisjoint(words):
            return False
        military_parts = not self._military_markers.isdisjoint(words) and not self._items.words.isdisjoint(words)
        if self._weapons.words.isdisjoint(words) and self._always.words.isdisjoint(words) \
                and self._itemless.isdisjoint(words) and not self._to_forces(words) and not military_parts:
            return False
        return len(self.actor_codes(text)) >= 2

    def mask(self, text: str) -> str | None:
        """The text with non-candidate sentences blanked, or None when no sentence can hold a claim."""
        words = _word_set(text)
        names_weapons = self.names_weapons(text, words)
        spans = sentence_spans(text)

        def sentence_flags(weak: frozenset[str]) -> list[tuple[bool, bool, bool]]:
            return [self._is_candidate(text[s:e], names_weapons, text[spans[n - 1][0]:s] if n else "", weak)
                    for n, (s, e) in enumerate(spans)]

        flags = sentence_flags(frozenset())
        if not any(candidate for candidate, _, _ in flags):
            # a weak noun named before with a weapon term ("two more batteries") may be the only item; in
            # an article with another candidate its sentence is kept for its trigger anyway
            weak = self._weak_named(text, words)
            flags = sentence_flags(weak) if weak else flags
            if not any(candidate for candidate, _, _ in flags):
                return None
        keep: set[int] = set()
        for n, (_, item, trigger) in enumerate(flags):
            if item or trigger:
                keep.update(range(max(0, n - 1), n + 2))
        keep &= set(range(len(spans)))
        masked = text
        if len(keep) < len(spans):
            pieces, pos = [], 0
            for n, (s, e) in enumerate(spans):
                if n not in keep:
                    body = text[s:e].rstrip("\r\n")
                    pieces += [text[pos:s], " " * len(body)]
                    pos = s + len(body)
            masked = "".join([*pieces, text[pos:]])
        # a claim needs two different parties, named in what the parser will read
        return masked if len(self.actor_codes(masked)) >= 2 else None


def load_prefilter() -> Prefilter:
    """The pre-filter from the data files alone, without spaCy: a batch's reading process screens the
    documents with it and sends only the candidates to the workers that parse."""
    return Prefilter(load_lexicon(), load_valency(), load_words())


def text_to_parse(document: Document, *, max_chars: int, prefilter: Prefilter | None = None) -> str | None:
    """The text the parser gets (boilerplate and non-candidate sentences blanked), or None: nothing to parse."""
    text = document.text[:max_chars]
    if prefilter is not None and not prefilter.may_hold_claims(text):
        return None  # most news: no weapon and transfer word, or fewer than two parties
    text = unwrap_lines(mask_for_parsing(text))
    if prefilter is not None:
        masked = prefilter.mask(text)  # None when no sentence holds both a weapon and a transfer word
        return recase_title_lines(masked) if masked is not None else None
    return recase_title_lines(text)
