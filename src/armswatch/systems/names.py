"""How a weapon system's names are spelled and found: "Shahed-136", "Shahed 136" and "Shahed136" are one name.

A name is compared by its key: its letters and digits in lower case, cut into runs of letters and runs of
digits ("Su-30SM" -> su, 30, sm), so hyphens, spaces and their absence between a word and a number do not
matter. A name with a capital matches only where the text starts it with a capital or a digit, as the
extractor matches named systems ("Patriot", not "a patriot").

    name_key("Geran 2") == name_key("Geran-2") == ("geran", "2")
    NameIndex({"Shahed-136": "shahed-136"}).find("Iranian-made Shahed 136s") -> NameMatch("shahed-136", ...)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["NameIndex", "NameMatch", "is_cased", "name_key", "spellings"]

_RUN = re.compile(r"[^\W\d_]+|\d+")  # a run of letters or a run of digits
_PIECE = re.compile(r"([^\W\d_]+|\d+)([^\w]*)")  # a run and the separator after it
_VARIED_BOUNDARIES = 2  # word/number boundaries spelled every way; later ones stay as written ("M1A2T")


def name_key(text: str) -> tuple[str, ...]:
    """The runs of letters and of digits of a name, lower-cased: its spelling-free identity."""
    return tuple(m.group().lower() for m in _RUN.finditer(text))


def is_cased(name: str) -> bool:
    """A name with a capital is a proper name: it matches only text that starts it with a capital or digit."""
    return any(c.isupper() for c in name)


def spellings(name: str) -> list[str]:
    """`name` as written, then with a hyphen, a space or nothing between a word and a number ("Shahed-136":
    "Shahed 136", "Shahed136"; a space only before a number), and with a space for a hyphen between two words
    ("Iskander-M": "Iskander M"); other separators ("/", "'") stay. The extractor matches token by token, so it
    needs each spelling; the first two word/number boundaries vary, later ones stay as written."""
    pieces = _PIECE.findall(name)
    lead = name[: len(name) - len(name.lstrip())]
    if not pieces or "".join(r + s for r, s in pieces) != name.strip():
        return [name]  # leading punctuation or other oddities: as written only
    choices: list[list[str]] = []
    varied = 0
    for (run, sep), (nxt, _) in zip(pieces, pieces[1:], strict=False):
        word_number = run.isdigit() != nxt.isdigit()
        # "Leopard 2" and "Leopard2", but "K2 Black Panther" never "K2Black Panther"
        joined = sep in ("", "-") or (sep == " " and nxt.isdigit())
        if word_number and joined and varied < _VARIED_BOUNDARIES:
            varied += 1
            choices.append(list(dict.fromkeys([sep, "-", " ", ""])))
        elif sep == "-" and not word_number:
            choices.append(["-", " "])
        else:
            choices.append([sep])
    choices.append([pieces[-1][1]])
    out = []
    for seps in itertools.product(*choices):
        out.append(lead + "".join(run + sep for (run, _), sep in zip(pieces, seps, strict=True)))
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class NameMatch:
    system_id: str
    start: int  # character offsets of the name in the text searched
    end: int


class NameIndex:
    """Names -> system ids, searched in a text by key: the leftmost name, the longest at that place."""

    def __init__(self, names: Mapping[str, str] | Iterable[tuple[str, str]]) -> None:
        pairs = names.items() if isinstance(names, Mapping) else names
        self._ids: dict[tuple[str, ...], tuple[str, bool]] = {}
        for name, system_id in pairs:
            key = name_key(name)
            cased = is_cased(name)
            known = self._ids.get(key)
            # a name written once in capitals and once in lower case matches in any case
            self._ids[key] = (system_id, cased and (known is None or known[1]))
        self._longest = max((len(k) for k in self._ids), default=0)

    def __contains__(self, name: str) -> bool:
        return name_key(name) in self._ids

    def get(self, name: str) -> str | None:
        """The system id of exactly this name, in any case and spelling ("geran 2"); None when no name is it."""
        found = self._ids.get(name_key(name))
        return found[0] if found else None

    def find(self, text: str) -> NameMatch | None:
        """The first name in `text` (longest at its place), a plural "s" allowed on its last run."""
        runs = list(_RUN.finditer(text))
        words = [m.group().lower() for m in runs]
        for i in range(len(runs)):
            for n in range(min(self._longest, len(runs) - i), 0, -1):
                found = self._lookup(words[i : i + n])
                if found is None:
                    continue
                system_id, cased = found
                first = text[runs[i].start()]
                if cased and not (first.isupper() or first.isdigit()):
                    continue
                return NameMatch(system_id, runs[i].start(), runs[i + n - 1].end())
        return None

    def _lookup(self, words: list[str]) -> tuple[str, bool] | None:
        found = self._ids.get(tuple(words))
        last = words[-1]
        if found is None and last.isalpha() and last.endswith("s"):  # "Patriots", "Storm Shadows"
            for singular in (last[:-1], last[:-2] if last.endswith("es") else None):
                if singular and (found := self._ids.get((*words[:-1], singular))) is not None:
                    break
        return found
