"""Typed actor names to the codes the store holds: "DPRK", "North Korea", "Pyongyang", "north korean" → PRK.

The same data the extractor reads (states.tsv, groups.tsv, institutions.tsv through the lexicon), so a
filter finds what the extractor stored. An unknown or ambiguous name is refused with a message that names
it and suggests the nearest actors: a screening answer must never be silently empty. Used alike by the
CLI, the API and the dashboard.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["UnknownActor", "actor_keys", "actor_kind", "mentions_actor", "resolve_actor", "resolve_optional_actor"]

_SEPARATORS = re.compile(r"[\s_\-–.’']+")


class UnknownActor(ValueError):
    """A typed actor that no code, slug, name, demonym or capital matches (or that matches several)."""


def _key(text: str) -> str:
    # "the DPRK", "north-korean", "Al Shabaab" and "al-shabaab" compare equal
    key = _SEPARATORS.sub(" ", text.strip().lower()).strip()
    return key[4:] if key.startswith("the ") else key


@lru_cache(maxsize=1)
def actor_keys() -> dict[str, frozenset[str]]:
    """Every way of typing an actor (normalised) → the codes it may mean."""
    from armswatch.extract.lexicon import load_lexicon

    lex = load_lexicon()
    out: dict[str, set[str]] = {}

    def add(text: str, code: str) -> None:
        out.setdefault(_key(text), set()).add(code)

    for table in (lex.actor_names, lex.actor_adjectives, lex.actor_metonyms, lex.actor_institutions):
        for text, actor in table.items():
            if actor.kind != "company":  # a maker names its state only in the extractor's reading
                add(text, actor.code)
                add(actor.code, actor.code)
    # adjectives and plural demonyms the files spell once ("North Korean" → "north koreans" is there)
    return {k: frozenset(v) for k, v in out.items() if k}


def _suggestions(key: str, n: int = 5) -> list[str]:
    keys = actor_keys()
    close = difflib.get_close_matches(key, list(keys), n=n * 3, cutoff=0.6)
    by_code: dict[str, str] = {}  # one spelling per actor, the closest
    for k in close:
        for code in sorted(keys[k]):
            by_code.setdefault(code, f"{code} ({k})")
    return list(by_code.values())[:n]


def resolve_actor(text: str, extra: Iterable[str] = ()) -> str:
    """The code of a typed actor (ISO alpha-3 code upper case, or a non-state slug); UnknownActor if none.

    `extra` adds slugs that are valid though the extractor has no names for them (an embargo's actors).
    """
    key = _key(text)
    codes = actor_keys().get(key)
    if codes is None:
        for slug in extra:
            if _key(slug) == key:
                return slug
    if codes is None:
        near = _suggestions(key)
        hint = f"; did you mean {', '.join(near)}?" if near else "; give an ISO alpha-3 code, a name or a slug"
        raise UnknownActor(f"unknown actor {text!r}{hint}")
    if len(codes) > 1:
        raise UnknownActor(f"actor {text!r} is ambiguous: it may be {', '.join(sorted(codes))}; give the code")
    return next(iter(codes))


def resolve_optional_actor(text: str | None) -> str | None:
    """resolve_actor for optional filters: None and blank stay None."""
    if text is None or not text.strip():
        return None
    return resolve_actor(text)


@lru_cache(maxsize=1)
def _keys_by_code() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for key, codes in actor_keys().items():
        if len(codes) == 1 and len(key) > 3:  # codes ("rus") are too short to find inside prose safely
            out.setdefault(next(iter(codes)), []).append(key)
    return {code: tuple(keys) for code, keys in out.items()}


def mentions_actor(text: str, codes: Iterable[str]) -> bool:
    """Whether `text` (a speaker: "Kremlin spokesman Dmitry Peskov", "North Korea's foreign ministry")
    names one of the actors `codes` by any of its names, demonyms or capitals."""
    padded = f" {_key(text)} "
    by_code = _keys_by_code()
    return any(f" {key} " in padded for code in codes for key in by_code.get(code, ()))


@lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    from armswatch.extract.lexicon import load_lexicon

    lex = load_lexicon()
    return {actor.code: actor.kind for table in (lex.actor_names, lex.actor_adjectives)
            for actor in table.values() if actor.kind != "company"}


def actor_kind(code: str) -> str:
    """What an actor is, from the same data: "state" (ISO codes, and former states such as "ussr"),
    "group" (armed groups and other non-state actors) or "org" (EU, NATO). Unknown slugs are groups."""
    kind = _kinds().get(code)
    if kind is not None:
        return kind
    return "state" if len(code) == 3 and code.isupper() else "group"
