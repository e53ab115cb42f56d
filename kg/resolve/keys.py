"""Keys: the one place where the stable, readable slugs of countries, places and actors are made.

Every IRI of an actor or a place derives from these keys (:mod:`kg.graph`), so two modules that
mean the same country always point at the same node (``Curaçao`` is ``curacao`` everywhere).
:func:`match_key` is not a key of anything: it is how names are compared (spelling variants
and transliterations share it), never written out.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["actor_key", "country_key", "fold", "match_key", "place_key", "slug"]

_PARTICLES = re.compile(r"\b(al|el|ul|bin|ibn|de|da|van|von|der)\b[- ]?")
_CACHE = 1 << 16  # names and keys of one build: the same few thousand strings, asked for again and again


def fold(text: str) -> str:
    """Lower case, accents removed ("Erdoğan" -> "erdogan")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


@lru_cache(maxsize=_CACHE)
def slug(text: str) -> str:
    """ASCII letters and digits joined by ``-`` ("Penny Wong" -> "penny-wong"); "x" when none."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).replace("'", "").replace("’", "")).strip("-") or "x"


def country_key(name: str) -> str:
    """The key of a country actor and of a country-level place, from its canonical name."""
    return slug(name)


def place_key(name: str, geonames_id: int | None = None) -> str:
    """The key of a place: a city or venue with its GeoNames id (``moscow-524901``), else its name."""
    return f"{slug(name)}-{geonames_id}" if geonames_id is not None else slug(name)


def actor_key(name: str, type_: str = "person") -> str:
    """The key of an actor from its canonical name: readable (``penny-wong``, ``wang-yi``, ``ecowas``)."""
    return country_key(name) if type_ == "country" else slug(name)


@lru_cache(maxsize=_CACHE)
def match_key(name: str) -> str:
    """How names are compared: ASCII-folded, particles dropped, common transliteration variants
    made one (Sergei/Sergey, Zelensky/Zelenskyy/Zelenskiy, Sissi/Sisi, Khan/Han)."""
    words = []
    for w in re.split(r"[\s\-]+", _PARTICLES.sub(" ", fold(name))):
        w = re.sub(r"[^a-z]", "", w)
        if not w:
            continue
        w = w.replace("kh", "h").replace("ks", "x").replace("yu", "iu").replace("ya", "ia")
        w = re.sub(r"(.)\1", r"\1", w)  # doubled letters: Sissi / Sisi
        if len(w) > 4:
            w = re.sub(r"(ei|ey|iy|yi|y|i|ii)$", "i", w)  # Sergei / Sergey, Zelenskyy / Zelenskiy
        words.append(w)
    return "-".join(words) or slug(name)
