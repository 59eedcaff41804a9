"""Near-duplicate detection: syndicated copies and light rewrites of one article form one group.

Each text gets a datasketch MinHash over its word 3-shingles. Locality-sensitive hashing splits the
signature into bands (datasketch's own choice of bands × rows for the threshold); two texts that agree
on every value of any one band are candidates, and a candidate is a near-duplicate when the MinHash
estimate of their Jaccard similarity reaches the threshold.

The buckets live in the store (table `dedup_bands`), not in memory, so memory does not grow with
the corpus and every process writing to one store sees the same index. This module holds the
arithmetic only; the store does the lookups.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["DEFAULT_THRESHOLD", "LSHParams", "Signature", "best_match", "lsh_params", "shingles", "signature"]

DEFAULT_THRESHOLD = 0.5
NUM_PERM = 128
SHINGLE_WORDS = 3
_SEED = 1  # fixed: signatures stored by one run must compare with those of the next
_SCHEME = "affine32"  # pinned for the same reason, should datasketch change its default
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class LSHParams:
    threshold: float
    bands: int
    rows: int


def lsh_params(threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM) -> LSHParams:
    """Bands × rows for a Jaccard threshold, as datasketch's MinHashLSH chooses them."""
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"near-duplicate threshold must be between 0 and 1, got {threshold}")
    index = MinHashLSH(threshold=threshold, num_perm=num_perm)  # only to read its choice of b and r
    return LSHParams(threshold, index.b, index.r)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Lower-cased word n-grams; a text shorter than n words is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@dataclass(frozen=True)
class Signature:
    """A text's MinHash values and its LSH bucket keys."""

    values: np.ndarray  # uint64, NUM_PERM long
    buckets: tuple[int, ...]

    def to_bytes(self) -> bytes:
        return self.values.astype("<u8").tobytes()

    @staticmethod
    def values_from_bytes(data: bytes) -> np.ndarray:
        return np.frombuffer(data, dtype="<u8")


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's hash permutations for our seed: the same every time, so computed once."""
    a, b = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations
    a.setflags(write=False)
    b.setflags(write=False)
    return a, b


def signature(text: str, params: LSHParams) -> Signature:
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_permutations(), scheme=_SCHEME)
    m.update_batch(list(shingles(text)))
    values = m.hashvalues.astype(np.uint64)
    buckets: list[int] = []
    for band in range(params.bands):
        chunk = values[band * params.rows : (band + 1) * params.rows].astype("<u8").tobytes()
        # band number in the top byte, 56 bits of the band's hash below: one compact BIGINT key
        digest = int.from_bytes(hashlib.blake2b(chunk, digest_size=7).digest(), "big")
        buckets.append((band << 56) | digest)
    return Signature(values, tuple(buckets))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash estimate of the Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def best_match(sig: Signature, candidates: dict[str, np.ndarray], threshold: float) -> str | None:
    """The most similar candidate at or above the threshold (ties: the smallest id), else None."""
    best: tuple[float, str] | None = None
    for doc_id in sorted(candidates):
        score = jaccard(sig.values, candidates[doc_id])
        if score >= threshold and (best is None or score > best[0]):
            best = (score, doc_id)
    return best[1] if best else None
