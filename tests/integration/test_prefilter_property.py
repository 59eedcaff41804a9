"""Property: the pre-filter never removes a claim the full parse finds, on sentences built from the lexicons
(every state name, every weapon term, every form of every transfer word the frames know)."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armswatch.extract import Extractor
from armswatch.extract.lexicon import load_lexicon
from armswatch.extract.prefilter import inflections
from armswatch.extract.valency import load_valency
from armswatch.model import Document
from armswatch.settings import load_settings

pytestmark = pytest.mark.model

_LEXICON = load_lexicon()
STATES = sorted(name for name, actor in _LEXICON.actor_names.items() if actor.kind == "state" and name[:1].isupper())
WEAPONS = sorted(term for term, t in _LEXICON.items.items()
                 if t.role == "strong" and t.category not in (None, "personnel") and not term.startswith("="))
_ROWS = [r for r in load_valency().rows.values() if r.pos == "VERB" and r.direction in ("give", "take")]
GIVE_FORMS = sorted({f for r in _ROWS if r.direction == "give" for f in inflections(r.lemma)})
TAKE_FORMS = sorted({f for r in _ROWS if r.direction == "take" for f in inflections(r.lemma)})

# Frames the extractor must read alike whether the sentence went through the pre-filter or not; {v} is any
# form of a transfer verb, so most sentences are ungrammatical in some way, which is the point: the pre-filter
# has to be no stricter than the parser, whatever the parser makes of them.
TEMPLATES = [
    "{s} {give} {n} {item} to {r}, officials said.",
    "{r} {take} {n} {item} from {s}.",
    "{s} has {give} {item} to {r}, the ministry said on Tuesday.",
    "The {item} were {give} to {r} by {s} last year.",
    "Officials in {r} said {s} {give} the {item} in March.",
    "{r} {take} the {item}, which {s} built, according to a report.",
]


@pytest.fixture(scope="module")
def pair():
    return Extractor(load_settings(prefilter=True)), Extractor(load_settings(prefilter=False))


def sentence(rng: random.Random) -> str:
    s, r = rng.sample(STATES, 2)
    return rng.choice(TEMPLATES).format(s=s, r=r, give=rng.choice(GIVE_FORMS), take=rng.choice(TAKE_FORMS),
                                        item=rng.choice(WEAPONS), n=rng.choice(["", "12", "two dozen", "several"]))


def claims(extractor: Extractor, text: str) -> list[dict]:
    return [c.to_dict() for c in extractor.extract(Document(id="built", text=text))]


# the profile (tests/conftest.py) decides how many sentences: 100 the same on every run, or 3,000 new ones
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_prefilter_never_removes_a_claim(pair, seed):
    filtered, unfiltered = pair
    text = sentence(random.Random(seed))
    assert claims(filtered, text) == claims(unfiltered, text), text


def test_built_sentences_mostly_hold_claims(pair):
    """The property above says something only if the built sentences give claims."""
    rng = random.Random(7)
    texts = [sentence(rng) for _ in range(60)]
    found = sum(bool(claims(pair[1], t)) for t in texts)
    assert found >= 20, found
