"""Syndicated and repeated copies: the same story under other ids or URLs, with other boilerplate.

Each article's text gets a MinHash fingerprint (:func:`fingerprint`: 64 permutations of its word
4-grams, as ``datasketch``'s ``MinHash(num_perm=64, seed=1, scheme="affine32")`` makes it, computed here
with numpy alone) when it is extracted, kept with its metadata when the text is dropped (and in a
``--store``).  At merge time, :func:`copy_groups` finds the articles whose fingerprints estimate a
Jaccard similarity of their 4-gram sets of at least :data:`THRESHOLD` (MinHash LSH, then the estimate
checked pair by pair) and joins them into groups (transitively).  The reports of one group's copies
are then one report each: see :func:`kg.resolve.merge.cluster_reports`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from ..model import Article

__all__ = ["NUM_PERM", "SHINGLE", "THRESHOLD", "copy_groups", "fingerprint"]

NUM_PERM = 64
SHINGLE = 4  # words per shingle
THRESHOLD = 0.5  # estimated Jaccard similarity of two texts' shingles from which they are copies
_WORD = re.compile(r"\w+")


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode("utf-8", "surrogatepass")} if words else set()
    return {" ".join(words[i:i + SHINGLE]).encode("utf-8", "surrogatepass") for i in range(len(words) - SHINGLE + 1)}


# datasketch's "affine32" scheme: SHA-1's first 4 bytes (little-endian) of each shingle, mixed by the
# MurmurHash3 finalizer, then h -> a * h + b (mod 2**32) for each permutation (a, b) drawn from seed 1
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """The (a, b) of each permutation, shape (2, NUM_PERM), as ``datasketch.MinHash`` draws them."""
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return np.array([a, b])


def fingerprint(text: str) -> str | None:
    """The MinHash of ``text``'s word 4-grams as hex (8 digits per permutation); None for an empty text."""
    shingles = _shingles(text)
    if not shingles:
        return None
    sha1 = hashlib.sha1
    hv = np.frombuffer(b"".join([sha1(s).digest()[:4] for s in shingles]), dtype="<u4").astype(np.uint32)
    s1, m1, s2, m2, s3 = _FMIX32
    hv ^= hv >> s1
    hv *= m1
    hv ^= hv >> s2
    hv *= m2
    hv ^= hv >> s3
    a, b = _permutations()
    return (hv[:, None] * a + b).min(axis=0).astype(">u4").tobytes().hex()


def _minhash(fp: str):  # type: ignore[no-untyped-def]
    from datasketch import MinHash

    values = np.frombuffer(bytes.fromhex(fp), dtype=">u4").astype(np.uint32)
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values, permutations=_permutations(), scheme="affine32")


def copy_groups(articles: Iterable[Article]) -> dict[str, str]:
    """Article id -> the id of its group of copies (the smallest id of the group), for the articles that
    have at least one copy; others are left out.  The same articles give the same groups in any order."""
    fps = sorted((a.id, a.fingerprint) for a in articles if a.fingerprint and len(a.fingerprint) == 8 * NUM_PERM)
    if len(fps) < 2:
        return {}
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    hashes = {}
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for art_id, fp in fps:
        mh = hashes[art_id] = _minhash(fp)
        for other in sorted(lsh.query(mh)):
            if mh.jaccard(hashes[other]) >= THRESHOLD:
                a, b = root(art_id), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        lsh.insert(art_id, mh)
    return {x: root(x) for x in sorted(parent.keys() | set(parent.values()))}
