"""The valency frames (data/frames.tsv): the file's schema, then every row read through FrameReader on a
hand-built clause that puts a supplier, a recipient and an item in the row's own slots."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from spacy.tokens import Doc

from armswatch.extract.frames import Frame, FrameReader
from armswatch.extract.lexicon import data_rows
from armswatch.extract.modality import read_modality
from armswatch.extract.valency import DIRECTIONS, FrameRow, Slot, load_valency
from tests.unit.grammar_helpers import blank, parse, saying_verbs

ROWS = sorted(load_valency().rows.values(), key=lambda r: (r.lemma, r.pos))
STATUSES = {"delivered", "ongoing", "pledged", "negotiating", "sought"}
FLAGS = {"explicit", "arms", "troops", "cargo", "carrier", "silent"}
# the roles arguments.py gives a verb (an adjective reads as one) and a noun; any predicate takes pp:WORD
VERB_ROLES = {"subj", "obj", "dat", "attr", "comp", "purpose"}
NOUN_ROLES = {"poss", "mod", "incl", "cop", "sup:agent", "sup:recipient", "sup:supplier", "self", "purpose"}
ANY_ROLES = {"origin", "late:origin"}


def row_id(row: FrameRow) -> str:
    return f"{row.lemma}/{row.pos}"


def with_xfails(rows: list[FrameRow], reasons: dict[str, str]) -> list:
    """The rows as test parameters, those with a known defect marked (strict: a fix must remove the mark)."""
    return [pytest.param(r, marks=pytest.mark.xfail(strict=True, reason=reasons[row_id(r)]))
            if row_id(r) in reasons else r for r in rows]


def all_slots(row: FrameRow) -> list[Slot]:
    return [*row.supplier, *row.recipient, *row.items]


# -- (a) the data file's schema -------------------------------------------------------------------------------

def test_every_row_parses_once():
    raw = data_rows("frames.tsv")
    keys = [(r["lemma"].strip().lower(), r["pos"].strip()) for r in raw]
    assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
    assert len(ROWS) == len(raw) and ROWS


def _categories() -> set[str]:
    return {r["category"] for r in data_rows("items.tsv") if r["category"] != "-"}


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_row_schema(row: FrameRow):
    assert row.direction in DIRECTIONS
    if row.direction == "part":  # a part names no parties and has no status of its own
        assert row.status == "-" and not row.supplier and not row.recipient
    else:
        assert row.status in STATUSES and row.supplier and row.recipient
    for flag in row.flags:
        name, _, value = flag.partition("=")
        assert (name in FLAGS and not value) or (name == "progressive" and value in STATUSES), flag
    own_roles = NOUN_ROLES if row.pos == "NOUN" else VERB_ROLES
    for slot in all_slots(row):
        assert slot.role in own_roles | ANY_ROLES or re.fullmatch(r"pp:[a-z]+( [a-z]+)*", slot.role), slot
        for category in (slot.category, slot.only):
            assert category is None or category in _categories(), slot
    assert all(s.role not in ("origin", "late:origin") for s in (*row.recipient, *row.items))


# -- (b) every row on a clause built from its slots ------------------------------------------------------------

@dataclass
class Word:
    key: str  # a name other words hang on
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str = ""
    head: str = ""  # the key of the head word; "" for the root


def render(words: list[Word]) -> Doc:
    index = {w.key: i for i, w in enumerate(words)}
    return parse("\n".join(f"{w.text} {w.lemma} {w.pos} {w.tag} {w.dep or 'ROOT'} {index[w.head] if w.head else -1}"
                           for w in words))


PARTIES = {"supplier": "Iran", "recipient": "Russia", "supplier-decoy": "Syria", "recipient-decoy": "Cuba"}
SUPPORT_VERBS = {"sup:agent": "sign", "sup:recipient": "await", "sup:supplier": "win"}  # no frames of their own
IRREGULAR = {"send": "sent", "sell": "sold", "give": "gave", "lend": "lent", "buy": "bought", "get": "got",
             "take": "took", "seek": "sought", "come": "came", "fly": "flew", "build": "built", "win": "won",
             "bound": "bound", "repay": "repaid", "ship": "shipped", "commit": "committed", "equip": "equipped",
             "transfer": "transferred", "retransfer": "retransferred", "traffic": "trafficked", "fight": "fought"}

# First slots that cannot hold their filler in a simple clause: the builder uses the next slot.
SKIP = {
    ("consist", "obj"): "'consist' takes no object: 'consists of drones'",
    **{("reach", role): "'reach' takes its goal as an object: 'drones reached Russia'" for role in (
        "pp:in", "pp:to", "pp:at")},
}
# the order of roles in the clause; the trigger stands at "T", prepositional phrases at "pp"
ORDER = ("subj", "poss", "mod", "self", "T", "dat", "obj", "comp", "pp", "incl", "purpose")


def past(lemma: str) -> str:
    if lemma in IRREGULAR:
        return IRREGULAR[lemma]
    if lemma.endswith("ed"):  # "destined", "headed" have rows of their own
        return lemma
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def place(role: str) -> str:
    """Where a role sits: the subject of a support verb or of a copula is one place, before the noun."""
    return "governor" if role.startswith("sup:") or role == "cop" else role


def plan(row: FrameRow) -> dict[str, Slot]:
    """The first slot of the supplier, the recipient and the items the builder can fill, each in a place of its
    own: a support verb has one subject, so "Iran won Russia's contract for drones" puts the recipient in the
    contract row's next slot (poss) after sup:recipient and sup:agent. `late:origin` is no supplier slot (the
    frame keeps it apart), and the SKIP slots take no such filler in English."""
    out: dict[str, Slot] = {}
    used: set[str] = set()
    for part, slots in (("supplier", row.supplier), ("recipient", row.recipient), ("items", row.items)):
        for slot in slots:
            if slot.role == "late:origin" or (row.lemma, slot.role) in SKIP or place(slot.role) in used:
                continue
            out[part] = slot
            used.add(place(slot.role))
            break
    return out


def decoys(row: FrameRow, chosen: dict[str, Slot]) -> dict[str, Slot]:
    """A later slot of the supplier and of the recipient, free in the clause and in no earlier-or-chosen slot of
    the other party: a party put there must lose to the one in the first slot."""
    used = {place(s.role) for s in chosen.values()}
    out: dict[str, Slot] = {}
    for part, other in (("supplier", "recipient"), ("recipient", "supplier")):
        if part not in chosen:
            continue
        slots, other_slots = getattr(row, part), getattr(row, other)
        rival = {s.role for s in other_slots[:other_slots.index(chosen[other]) + 1]} if other in chosen else set()
        later = slots[slots.index(chosen[part]) + 1:]
        slot = next((s for s in later if s.role not in ("origin", "late:origin") and place(s.role) not in used
                     and s.role not in rival), None)
        if slot is not None:
            out[f"{part}-decoy"] = slot
            used.add(place(slot.role))
    return out


def expected_item(row: FrameRow, slot: Slot) -> tuple[str, str]:
    """The weapon word the row is tried with, and the category its frame must give."""
    if slot.category:
        return "drones", slot.category  # "helped Russia build drones": know-how
    if slot.only or row.has("troops"):
        return "troops", slot.only or "personnel"
    if row.has("cargo"):
        return "shells", "ammunition"  # a cargo: not a weapon that moves by itself
    return "drones", "uav"


def item_phrase(word: str, slot: Slot, origin: bool) -> list[Word]:
    noun = Word("item", word, word.removesuffix("s"), "NOUN", "NNS")
    if slot.category:  # "helped Russia build drones", "assisted Russia in developing drones"
        verb = Word("work", "developing", "develop", "VERB", "VBG") if slot.role.startswith("pp:") else \
            Word("work", "build", "build", "VERB", "VB")
        noun.dep, noun.head = "dobj", "work"
        return [verb, noun]
    if origin:  # "Iranian drones"
        return [Word("origin", "Iranian", "Iranian", "ADJ", "JJ", "amod", "item"), noun]
    return [noun]


def attach(role: str, phrase: list[Word], head: str) -> list[Word]:
    """The words that put `phrase` in `role` of the predicate `head` (its top: the word hung on none of it)."""
    keys = {w.key for w in phrase}
    top, key = next((w for w in phrase if w.head not in keys), phrase[0]), f"{role}-"
    top.head = head
    if role.startswith("pp:"):  # "to Russia"
        word = role.removeprefix("pp:")
        top.head, top.dep = key, "pcomp" if top.pos == "VERB" else "pobj"
        return [Word(key, word, word, "ADP", "IN", "prep", head), *phrase]
    if role == "purpose":  # "to fight in Russia"
        top.head, top.dep = key + "in", "pobj"
        return [Word(key + "to", "to", "to", "PART", "TO", "aux", key),
                Word(key, "fight", "fight", "VERB", "VB", "advcl", head),
                Word(key + "in", "in", "in", "ADP", "IN", "prep", key), *phrase]
    if role == "incl":  # "that includes drones"
        top.head, top.dep = key, "dobj"
        return [Word(key + "that", "that", "that", "PRON", "WDT", "nsubj", key),
                Word(key, "includes", "include", "VERB", "VBZ", "relcl", head), *phrase]
    top.dep = {"subj": "nsubj", "obj": "dobj", "dat": "dative", "poss": "poss", "mod": "compound",
               "comp": "ccomp"}[role]
    if role == "poss":
        return [*phrase, Word(key + "s", "'s", "'s", "PART", "POS", "case", top.key)]
    return phrase


def trigger_word(row: FrameRow) -> Word:
    if row.pos == "NOUN":
        return Word("T", row.lemma, row.lemma, "NOUN", "NN")
    if row.pos == "ADJ":  # "shells bound for Russia" as a headline
        return Word("T", row.lemma, row.lemma, "ADJ", "JJ")
    return Word("T", past(row.lemma), row.lemma, "VERB", "VBD")


def clause(row: FrameRow, chosen: dict[str, Slot], item: str | None = None) -> list[Word]:
    """The words of a one-clause sentence for `row` with the parties and the item in the chosen slots."""
    trigger = trigger_word(row)
    at: dict[str, list[Word]] = {k: [] for k in ORDER}
    at["T"] = [trigger]
    governor: list[Word] = []
    origin = "supplier" in chosen and chosen["supplier"].role == "origin"
    for part, slot in chosen.items():
        if part == "items":
            phrase = item_phrase(item or expected_item(row, slot)[0], slot, origin)
        elif slot.role == "origin":
            continue  # written on the items
        else:
            phrase = [Word(part, PARTIES[part], PARTIES[part], "PROPN", "NNP")]
        if slot.role == "self":  # "military aid": the trigger is its own item
            at["self"] = [Word("mil", "military", "military", "ADJ", "JJ", "amod", "T")]
        elif place(slot.role) == "governor":  # "Iran signed a deal", "Iran is Russia's supplier"
            lemma = SUPPORT_VERBS.get(slot.role, "be")
            phrase[0].dep, phrase[0].head = "nsubj", "gov"
            governor = [*phrase, Word("gov", past(lemma) if lemma != "be" else "is", lemma,
                                      "VERB" if lemma != "be" else "AUX", "VBD" if lemma != "be" else "VBZ")]
            trigger.dep, trigger.head = ("attr" if slot.role == "cop" else "dobj"), "gov"
        else:
            at["pp" if slot.role.startswith("pp:") else slot.role] += attach(slot.role, phrase, "T")
    return governor + [w for k in ORDER for w in at[k]]


def frames_in(doc: Doc) -> list[Frame]:
    _, res = blank()
    reader = FrameReader(res.finder.find(doc), res.valency, res.words, res.lexicon.measures, saying_verbs())
    return reader.frames(next(iter(doc.sents)))


def frames_of(words: list[Word]) -> list[Frame]:
    return frames_in(render(words))


def trigger_frame(words: list[Word]) -> Frame:
    at = next(i for i, w in enumerate(words) if w.key == "T")
    return next(f for f in frames_of(words) if f.trigger.i == at)


def summary(frame: Frame) -> tuple[str | None, str | None, list[str]]:
    return (frame.supplier.code if frame.supplier else None, frame.recipient.code if frame.recipient else None,
            sorted(s.category or "" for s in frame.items))


def whole_with_part(row: FrameRow, chosen: dict[str, Slot]) -> list[Word]:
    """"Iran's sale to Russia includes drones": a part row's items merge into the frame of its subject."""
    sale = [Word("sup", "Iran", "Iran", "PROPN", "NNP", "poss", "W"),
            Word("s", "'s", "'s", "PART", "POS", "case", "sup"),
            Word("W", "sale", "sale", "NOUN", "NN", "nsubj", "T"),
            Word("to", "to", "to", "ADP", "IN", "prep", "W"),
            Word("rec", "Russia", "Russia", "PROPN", "NNP", "pobj", "to")]
    return sale + clause(row, chosen)


_ROW_XFAIL = {"support/NOUN": "items.tsv has 'military aid' and 'military assistance' but no 'military support': "
                              "the support row's `self` item slot gives no item"}


@pytest.mark.parametrize("row", with_xfails(ROWS, _ROW_XFAIL), ids=row_id)
def test_row_reads_its_slots(row: FrameRow):
    chosen = plan(row)
    if row.direction == "part":  # the items go to the frame of the whole; the part frame keeps none
        frames = frames_of(whole_with_part(row, chosen))
        assert [(f.trigger.lemma_, summary(f)) for f in frames] == [
            ("sale", ("IRN", "RUS", [expected_item(row, chosen["items"])[1]])), (row.lemma, (None, None, []))]
        return
    assert {"supplier", "recipient"} <= set(chosen), chosen
    words = clause(row, chosen)
    if "items" not in chosen:
        expected: list[str] = []
    elif chosen["items"].role == "self":
        expected = ["equipment"]  # "military aid", like any weapon of no told category
    else:
        expected = [expected_item(row, chosen["items"])[1]]
    assert summary(trigger_frame(words)) == ("IRN", "RUS", expected), " ".join(w.text for w in words)


# -- flags, where one clause shows their effect --------------------------------------------------------------
# `explicit` (no parties from context) acts in claims.py, across sentences: no one-clause parse shows it.

def flagged(flag: str) -> list[FrameRow]:
    return [r for r in ROWS if any(f.partition("=")[0] == flag for f in r.flags)]


@pytest.mark.parametrize("row", flagged("arms"), ids=row_id)
def test_arms_flag_gives_equipment_when_no_item_is_named(row: FrameRow):
    chosen = {k: v for k, v in plan(row).items() if k != "items"}  # "Iran armed Russia"
    assert summary(trigger_frame(clause(row, chosen))) == ("IRN", "RUS", ["equipment"])


def test_without_arms_flag_no_item_is_made_up():
    equip = load_valency().rows[("equip", "VERB")]
    assert not equip.has("arms")
    chosen = {k: v for k, v in plan(equip).items() if k != "items"}  # "Iran equipped Russia"
    assert summary(trigger_frame(clause(equip, chosen))) == ("IRN", "RUS", [])


@pytest.mark.parametrize("row", flagged("troops"), ids=row_id)
def test_troops_flag_keeps_personnel_only(row: FrameRow):
    chosen = plan(row)
    supplier, recipient, items = summary(trigger_frame(clause(row, chosen, item="drones")))
    assert (recipient, items) == ("RUS", [])
    # a supplier named on the items themselves ("Iranian troops fought for Russia") goes with them
    assert supplier == (None if chosen["supplier"].role == "origin" else "IRN")


@pytest.mark.parametrize("row", flagged("cargo"), ids=row_id)
def test_cargo_flag_drops_weapons_that_move_by_themselves(row: FrameRow):
    assert summary(trigger_frame(clause(row, plan(row), item="drones")))[2] == []


@pytest.mark.parametrize("row", flagged("carrier"), ids=row_id)
def test_carrier_subject_is_no_party(row: FrameRow):
    """"Iran carried shells to Russia": the carrier is no supplier (its slots leave the subject out)."""
    chosen = {k: v for k, v in plan(row).items() if k != "supplier"}
    words = [Word("carrier", "Iran", "Iran", "PROPN", "NNP", "nsubj", "T"), *clause(row, chosen)]
    frame = trigger_frame(words)
    assert (frame.supplier, frame.recipient.code if frame.recipient else None) == (None, "RUS")


def progressive(words: list[Word]) -> list[Word]:
    """The clause with its trigger in the progressive: "Russia is buying drones from Iran"."""
    at = next(i for i, w in enumerate(words) if w.key == "T")
    trigger = words[at]
    trigger.tag = "VBG"
    trigger.text = (trigger.lemma[:-1] if trigger.lemma.endswith("e") else trigger.lemma) + "ing"
    return [*words[:at], Word("aux", "is", "be", "AUX", "VBZ", "aux", "T"), *words[at:]]


@pytest.mark.parametrize("row", flagged("progressive"), ids=row_id)
def test_progressive_flag_sets_the_status_of_the_progressive(row: FrameRow):
    _, res = blank()
    frame = trigger_frame(progressive(clause(row, plan(row))))
    status = read_modality(frame.trigger, frame.direction, row.status, res.governors, res.words,
                           progressive=row.flag_value("progressive")).status
    assert status == row.flag_value("progressive")
    if row.status == "delivered":  # the flag is what changes it: a plain progressive is an activity
        plain = read_modality(frame.trigger, frame.direction, row.status, res.governors, res.words).status
        assert plain == "ongoing" != status


@pytest.mark.parametrize("row", [r for r in flagged("progressive") if r.flag_value("progressive") == "pledged"
                                 and r.status == "delivered"], ids=row_id)
def test_an_order_read_of_the_progressive_does_not_survive_the_perfect(row: FrameRow):
    """"Russia has been buying drones from Iran": purchases over a time, not one order ("has been ordering"
    stays an order: its row's own status)."""
    _, res = blank()
    words = progressive(clause(row, plan(row)))
    at = next(i for i, w in enumerate(words) if w.key == "T" and w.tag == "VBG")
    words[at - 1:at - 1] = [Word("aux", "has", "have", "AUX", "VBZ", "aux", "T")]
    words[at] = Word("aux", "been", "be", "AUX", "VBN", "aux", "T")
    frame = trigger_frame(words)
    status = read_modality(frame.trigger, frame.direction, row.status, res.governors, res.words,
                           progressive=row.flag_value("progressive")).status
    assert status == "ongoing", " ".join(w.text for w in words)


_DECOY_ROWS = [r for r in ROWS if r.direction != "part" and decoys(r, plan(r)) and row_id(r) not in _ROW_XFAIL]


@pytest.mark.parametrize("row", _DECOY_ROWS, ids=row_id)
def test_first_slot_wins(row: FrameRow):
    """Another state in a later slot of each party ("Iran sent Russia drones to Cuba") loses to the first."""
    chosen = plan(row)
    words = clause(row, {**chosen, **decoys(row, chosen)})
    assert summary(trigger_frame(words))[:2] == ("IRN", "RUS"), " ".join(w.text for w in words)


# -- finding a token's row -----------------------------------------------------------------------------------

def row_of(rows: str, word: str) -> tuple[str, str] | None:
    doc = parse(rows)
    row = load_valency().row_for(next(t for t in doc if t.text == word))
    return (row.lemma, row.pos) if row else None


DESTINED = """
A a DET DT det 1
cargo cargo NOUN NN nsubjpass 6
destined destine VERB VBN acl 1
for for ADP IN prep 2
Yemen Yemen PROPN NNP pobj 3
was be AUX VBD auxpass 6
seized seize VERB VBN ROOT -1
. . PUNCT . punct 6
"""


def test_row_by_the_word_when_the_lemma_has_none():
    assert row_of(DESTINED, "destined") == ("destined", "VERB")  # lemma "destine"
    assert row_of(DESTINED, "seized") == ("seize", "VERB")
    assert row_of(DESTINED, "cargo") is None


def test_row_of_a_plural_left_unlemmatised():
    sales = "Arms arm NOUN NNS compound 1\nsales sales NOUN NNS ROOT -1"
    assert row_of(sales, "sales") == ("sale", "NOUN")


def test_past_participle_tagged_as_an_adjective_reads_as_its_verb():
    assert row_of("supplied supply ADJ VBN amod 1\nrifles rifle NOUN NNS ROOT -1", "supplied") == ("supply", "VERB")


# "The army used U.S.-supplied rifles" as en_core_web_sm gives it: one adjective token, lemma and all
US_SUPPLIED = """
The the DET DT det 1
army army NOUN NN nsubj 2
used use VERB VBD ROOT -1
U.S.-supplied u.s.-supplied ADJ JJ amod 4
rifles rifle NOUN NNS dobj 2
. . PUNCT . punct 2
"""


@pytest.mark.xfail(strict=True, reason=(
    "Valency.row_for handles '\"U.S.-provided\" tagged as an adjective' only for tag VBN and the lemma 'provide'; "
    "en_core_web_sm tags the one-token 'U.S.-supplied' ADJ/JJ with lemma 'u.s.-supplied', so it finds no row"))
def test_hyphenated_origin_participle_reads_as_its_verb():
    assert row_of(US_SUPPLIED, "U.S.-supplied") == ("supply", "VERB")


# -- rows on the parse the model gives their own examples --------------------------------------------------------

# "Iran helped Moscow build drones" (the help row's note): en_core_web_sm makes "Moscow" the subject of "build"
HELP_BUILD = """
Iran Iran PROPN NNP nsubj 1
helped help VERB VBD ROOT -1
Moscow Moscow PROPN NNP nsubj 3
build build VERB VB ccomp 1
drones drone NOUN NNS dobj 3
. . PUNCT . punct 1
"""


def test_help_with_the_helped_party_as_object():
    words = HELP_BUILD.replace("Moscow Moscow PROPN NNP nsubj 3", "Moscow Moscow PROPN NNP dobj 1")
    assert summary(frames_in(parse(words))[0]) == ("IRN", "RUS", ["technology"])


@pytest.mark.xfail(strict=True, reason=(
    "help's recipient slots are 'obj dat'; the model hangs the helped party as nsubj of the ccomp 'build', which "
    "no slot reads, so the help frame has no recipient (the Extractor gives no claim for this sentence)"))
def test_help_with_the_helped_party_as_subject_of_the_complement():
    assert summary(frames_in(parse(HELP_BUILD))[0]) == ("IRN", "RUS", ["technology"])
