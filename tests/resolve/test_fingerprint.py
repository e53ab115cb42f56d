"""Fingerprints (kg.resolve.copies.fingerprint, numpy alone) are the MinHash datasketch makes with the
same settings, so that fingerprints kept in a store and the copy groups found from them do not change."""

from __future__ import annotations

from pathlib import Path

import pytest
from datasketch import MinHash

from kg.resolve.copies import NUM_PERM, _minhash, _shingles, copy_groups, fingerprint

ROOT = Path(__file__).resolve().parents[2]


def _datasketch(text: str) -> str | None:
    shingles = _shingles(text)
    if not shingles:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32")
    mh.update_batch(sorted(shingles))
    return "".join(f"{int(v):08x}" for v in mh.hashvalues)


TEXTS = ["", "   ", "One.", "Two words", "Just three words", "Exactly four words here", "Zürich, São Paulo — 北京 talks",
         "a b c d e f g h i j k l m n o p", "lone surrogate \udcff here and there", "x " * 500]


@pytest.mark.parametrize("text", TEXTS)
def test_fingerprint_is_datasketch_minhash(text: str) -> None:
    assert fingerprint(text) == _datasketch(text)


def test_fingerprint_of_the_samples() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.txt"))]
    assert texts
    for text in texts:
        fp = fingerprint(text)
        assert fp == _datasketch(text)
        assert fp is None or len(fp) == 8 * NUM_PERM


def test_minhash_round_trip_and_copies() -> None:
    from kg.model import Article

    text = " ".join(f"word{i}" for i in range(200))
    fp = fingerprint(text)
    assert fp is not None
    assert "".join(f"{int(v):08x}" for v in _minhash(fp).hashvalues) == fp
    other = fingerprint(text + " and a few more words at the end")
    unrelated = fingerprint(" ".join(f"other{i}" for i in range(200)))
    arts = [Article(id=i, text="", source=i, fingerprint=f) for i, f in (("b", fp), ("a", other), ("c", unrelated))]
    assert copy_groups(arts) == {"a": "a", "b": "a"}
