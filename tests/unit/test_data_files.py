"""The extractor's knowledge is data: every word list the code reads is declared, documented and overridable."""

from __future__ import annotations

import ast
import re
from importlib import resources
from pathlib import Path

import pytest

from armswatch.extract.lexicon import data_rows, load_words

SRC = Path(str(resources.files("armswatch")))
DATA = SRC / "data"
_USE = re.compile(r"""(?:words|\bw)\[\s*"([a-z_]+)"\s*\]|\.(?:value|mapping)\(\s*"([a-z_]+)\"""")


def lists_used_in_code() -> set[str]:
    found: set[str] = set()
    for path in (SRC / "extract").glob("*.py"):
        for m in _USE.finditer(path.read_text()):
            found.add(m.group(1) or m.group(2))
    return found


def test_every_list_the_code_reads_is_in_words_tsv():
    declared = set(load_words().names())
    used = lists_used_in_code()
    assert len(used) > 50  # the scan finds the lists (a broken pattern would find none)
    assert used - declared == set()


def test_every_list_is_documented_and_none_is_left_unused():
    readme = (DATA / "README.md").read_text()
    declared = set(load_words().names())
    undocumented = {name for name in declared if name not in readme}
    assert undocumented == set()
    source = "".join(p.read_text() for p in (SRC / "extract").glob("*.py"))
    assert {name for name in declared if f'"{name}"' not in source} == set(), "lists nothing reads"


def test_every_data_file_is_documented_with_its_columns():
    readme = (DATA / "README.md").read_text()
    for path in DATA.glob("*.tsv"):
        assert f"`{path.name}`" in readme, path.name
        header = path.read_text(encoding="utf-8").splitlines()[0].split("\t")
        row = next(line for line in readme.splitlines() if line.startswith(f"| `{path.name}`"))
        for column in header:
            assert column in row, (path.name, column)


def test_no_word_list_in_extract_code():
    # a tuple or set of three or more words in the code is a word list: it belongs in data/words.tsv
    offenders = []
    for path in (SRC / "extract").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, (ast.Tuple, ast.Set, ast.List)):
                continue
            words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                     and e.value.replace(" ", "").isalpha() and e.value.islower()]
            if len(words) >= 3 and not all(w in _GRAMMAR for w in words):
                offenders.append((path.name, node.lineno, words[:4]))
    assert offenders == []


# dependency labels, parts of speech and categories are the parser's and the schema's vocabulary, not word lists
_GRAMMAR = {"nsubj", "nsubjpass", "dobj", "pobj", "prep", "agent", "dative", "conj", "acl", "relcl", "advcl", "xcomp",
            "ccomp", "pcomp", "amod", "compound", "nmod", "poss", "npadvmod", "appos", "attr", "oprd", "acomp", "aux",
            "auxpass", "det", "nummod", "quantmod", "advmod", "case", "cc", "punct", "neg", "mark", "prt", "dep",
            "parataxis", "at",
            "VERB", "AUX", "NOUN", "PROPN", "ADJ", "NUM", "PRON", "X", "subj", "obj", "dat", "pp:to", "pp:from",
            "pp:for", "cop", "aircraft", "air_defence", "armoured_vehicles", "artillery", "ammunition", "missiles",
            "uav", "naval", "small_arms", "delivered", "ongoing", "pledged", "negotiating", "sought", "give", "take",
            "deal", "arrive", "part", "thousand", "million", "billion", "trillion", "of", "and", "for", "the", "in",
            "into", "to", "onto", "on", "aboard", "strong", "weak", "dual", "modifier", "generic", "named", "one",
            "some", "among", "from", "out of", "by", "with", "that", "which", "as", "has", "have", "is", "are",
            "was", "were", "been", "be", "its", "their", "dozens", "hundreds", "thousands", "millions", "tens",
            "number", "several", "dozen", "hundred", "total", "ten", "such", "name", "metonym", "adjective",
            "company", "institution", "context", "become", "remain", "enter", "hold", "equipment", "personnel",
            "ROOT", "ch", "sh", "ss", "x", "ches", "shes", "sses", "xes", "us"}


def test_overrides_add_rows(tmp_path, monkeypatch):
    (tmp_path / "words.tsv").write_text("list\tword\tvalue\ncarriers\thovercraft\t\n", encoding="utf-8")
    monkeypatch.setenv("ARMSWATCH_DATA_OVERRIDES", str(tmp_path))
    rows = data_rows("words.tsv")
    assert {"list": "carriers", "word": "hovercraft", "value": ""} in rows
    assert any(r["word"] == "dhow" for r in rows)  # the shipped rows stay


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.tsv")))
def test_rows_have_every_column(name):
    header = (DATA / name).read_text(encoding="utf-8").splitlines()[0].split("\t")
    for n, row in enumerate(data_rows(name), start=2):
        assert set(row) == set(header), (name, n)
        assert row[header[0]].strip(), (name, n)
