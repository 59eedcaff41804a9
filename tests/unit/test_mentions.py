"""Item categories from heads and modifiers, and actor lookups, without a model."""

from __future__ import annotations

import pytest

from tests.unit.grammar_helpers import blank, parse


def category(rows: str, head: int) -> str | None:
    _, res = blank()
    doc = parse(rows)
    return res.finder.find(doc).category_of(doc[head])


@pytest.mark.parametrize(("rows", "head", "expected"), [
    ("Patriot Patriot PROPN NNP compound 3\nair air NOUN NN compound 2\ndefence defence NOUN NN compound 3\n"
     "missiles missile NOUN NNS ROOT -1", 3, "air_defence"),
    ("ballistic ballistic ADJ JJ amod 2\nmissile missile NOUN NN compound 2\nlaunchers launcher NOUN NNS ROOT -1",
     2, "missiles"),
    ("multiple multiple ADJ JJ amod 2\nrocket rocket NOUN NN compound 2\nlaunchers launcher NOUN NNS ROOT -1",
     2, "artillery"),
    ("drone drone NOUN NN compound 1\nparts part NOUN NNS ROOT -1", 1, "components"),
    ("S-400 S-400 PROPN NNP compound 3\nair air NOUN NN compound 2\ndefence defence NOUN NN compound 3\n"
     "batteries battery NOUN NNS ROOT -1", 3, "air_defence"),
    ("artillery artillery NOUN NN compound 1\nshells shell NOUN NNS ROOT -1", 1, "ammunition"),
    ("F-16s F-16 PROPN NNPS ROOT -1", 0, "aircraft"),
    ("grain grain NOUN NN ROOT -1", 0, None),
    ("missile missile NOUN NN compound 1\nsystems system NOUN NNS ROOT -1", 1, "missiles"),
])
def test_category_of_phrase(rows, head, expected):
    assert category(rows, head) == expected


def test_actor_names_demonyms_and_metonyms():
    _, res = blank()
    doc = parse("The the DET DT det 1\nKremlin Kremlin PROPN NNP nsubj 2\nsaid say VERB VBD ROOT -1\n"
                "North North PROPN NNP compound 4\nKorean korean ADJ JJ amod 5\nunits unit NOUN NNS dobj 2")
    mentions = res.finder.find(doc)
    assert [(doc[a.start:a.end].text, a.code, a.how) for a in mentions.actors] == [
        ("Kremlin", "RUS", "metonym"), ("North Korean", "PRK", "adjective")]


def test_blocked_phrases_are_no_actors():
    _, res = blank()
    doc = parse("the the DET DT det 2\nSouth South PROPN NNP compound 3\nChina China PROPN NNP compound 3\n"
                "Sea Sea PROPN NNP ROOT -1")
    assert res.finder.find(doc).actors == []
