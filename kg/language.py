"""Does an article look like English?  The extractor reads English only: an article in another
language gives no contact, and the build says so with one warning line instead of staying silent.

A stop-word test, with no model and no dependency: in English prose about a fifth to a half of the
words are a few dozen function words ("the", "of", "and", "with", "said", ...).  The list keeps only
words that are not also common words of the other languages news is written in (no "a", "in",
"is", "was", "on", "an", "as", "die", "will", "to"), so French, Spanish, German, Italian, Dutch,
Portuguese, Indonesian or Turkish prose scores near zero; text mostly in a non-Latin script scores
zero.  Measured (``tests/test_language.py`` and the README): every English sample and corpus article
scores at least 0.15, the non-English samples at most 0.03; the threshold is 0.08.  Texts of fewer
than :data:`MIN_WORDS` words are not judged (too short to tell).
"""

from __future__ import annotations

import re

__all__ = ["MIN_WORDS", "THRESHOLD", "english_score", "language_warning", "looks_english"]

ENGLISH_WORDS = frozenset("""
the of and for that with by from his her he she it its are were be been has have had said would this
which who whom not but they their them after about at or also than there these those what when where
while will would could should into over under between against during before because says told
""".split()) - {"will"}  # "will": German "wants"

MIN_WORDS = 30
THRESHOLD = 0.08
SAMPLE_CHARS = 20_000  # the first characters are enough to tell

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")  # runs: counted by their lengths


def english_score(text: str) -> tuple[float, int]:
    """The share of words that are English function words (0 when most letters are not Latin),
    and the number of words looked at."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample)
    if not words:
        return 0.0, 0
    letters = sum(map(len, words))
    latin = sum(map(len, _LATIN.findall(sample)))
    if latin < 0.5 * letters:  # Chinese or Japanese write no spaces: about four characters a word
        return 0.0, max(len(words), letters // 4)
    hits = sum(1 for w in words if w.lower() in ENGLISH_WORDS)
    return hits / len(words), len(words)


def looks_english(text: str) -> bool:
    """False only for a text long enough to tell (:data:`MIN_WORDS` words) that scores under :data:`THRESHOLD`."""
    score, words = english_score(text)
    return words < MIN_WORDS or score >= THRESHOLD


def language_warning(text: str) -> str | None:
    """The warning for a text that does not look English, else None."""
    score, words = english_score(text)
    if words < MIN_WORDS or score >= THRESHOLD:
        return None
    return (f"does not look like English ({score:.0%} English function words in {words} words): "
            "only English is read, so it gives no contact")
