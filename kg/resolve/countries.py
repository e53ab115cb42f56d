"""Countries by one canonical name: pycountry plus the aliases news uses ("U.S.", "Russian"), from the
knowledge base's country table (``kg/kb/data/countries.tsv``: code, Wikidata id, name, aliases)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..kb.data import country_rows
from .keys import country_key

# canonical names where pycountry's official or common name is not what news and users say
CANONICAL = {
    "RU": "Russia", "US": "United States", "GB": "United Kingdom", "KR": "South Korea",
    "KP": "North Korea", "IR": "Iran", "SY": "Syria", "VE": "Venezuela", "BO": "Bolivia",
    "TW": "Taiwan", "VN": "Vietnam", "LA": "Laos", "MD": "Moldova", "TZ": "Tanzania",
    "PS": "Palestine", "CZ": "Czech Republic", "TR": "Turkey", "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo", "FM": "Micronesia", "BN": "Brunei", "CV": "Cape Verde",
    "CI": "Ivory Coast", "VA": "Vatican City", "MK": "North Macedonia", "SZ": "Eswatini",
}
# demonyms and short forms -> ISO alpha-2: the ``aliases`` column of the knowledge base's countries
ALIASES = {alias: code for code, row in country_rows().items() for alias in row[2]}
EXTRA = {"XK": "Kosovo"}

# capitals and seats of government used for a state (metonymy): only as a fallback for sides
CAPITAL_OF = {"washington": "US", "moscow": "RU", "kremlin": "RU", "beijing": "CN", "kyiv": "UA",
              "kiev": "UA", "tehran": "IR", "pyongyang": "KP", "seoul": "KR", "tokyo": "JP",
              "ankara": "TR", "london": "GB", "paris": "FR", "berlin": "DE", "white house": "US"}


def _clean(text: str) -> str:
    text = text.strip().lower()
    text = re.sub(r"^(the)\s+", "", text)
    text = re.sub(r"['’]s$", "", text)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _pycountry_names() -> dict[str, str]:
    """pycountry's codes and names (official, common) in lower case -> ISO alpha-2, read once: what its
    ``lookup`` matches exactly, without scanning every country for every word."""
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("alpha_2", "alpha_3", "numeric", "name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                out.setdefault(str(value).lower(), str(c.alpha_2))
    return out


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO alpha-2 of a country named or described by ``text`` ("Russian", "U.S.", "Saudi Arabia")."""
    key = _clean(text)
    if not key or len(key) < 2:
        return None
    letters = re.sub(r"[^a-z]", "", key)
    written = re.sub(r"['’]s$", "", re.sub(r"^the\s+", "", text.strip(), flags=re.I))
    if len(letters) <= 3 and not re.sub(r"[^A-Za-z]", "", written).isupper():
        # a code or acronym is written in capitals ("US", "UAE", "U.S."): "my", "at", "in", "us", "and",
        # "can", "per" are words, not Malaysia, Austria, India, the United States, Andorra, Canada, Peru;
        # a short demonym in title case is a word of its country's name ("Lao": Laos)
        code = ALIASES.get(key)
        return code if code and written[:1].isupper() and country_name(code).lower().startswith(key) else None
    if key in ALIASES:
        return ALIASES[key]
    if "the " + key in ALIASES:
        return ALIASES["the " + key]
    for code, name in {**CANONICAL, **EXTRA}.items():
        if name.lower() == key:
            return code
    hit = _pycountry_names().get(key)
    if hit is not None:
        return hit
    if key.endswith("s") and key[:-1] in ALIASES:
        return ALIASES[key[:-1]]
    return None


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    import pycountry

    if code in CANONICAL:
        return CANONICAL[code]
    if code in EXTRA:
        return EXTRA[code]
    hit = pycountry.countries.get(alpha_2=code)
    if hit is None:
        return code
    return str(getattr(hit, "common_name", None) or hit.name)


_DEMONYM = re.compile(r"[a-z]+(an|ese|ish|i|ic|ine|ch|ean)")


@lru_cache(maxsize=512)
def demonym(country: str) -> str | None:
    """The adjective of a country ("Colombian" for Colombia), from the knowledge base's aliases."""
    row = country_rows().get(country_code(country) or "")
    adjectives = [a for a in row[2] if _DEMONYM.fullmatch(a)] if row else []
    return adjectives[0].title() if adjectives else None


def canonical_country(text: str) -> str | None:
    code = country_code(text)
    return country_name(code) if code else None


def country_qid(name: str) -> str | None:
    """The Wikidata id of a country given by its canonical name (or any name :func:`country_code` reads)."""
    code = country_code(name)
    row = country_rows().get(code or "")
    return row[0] or None if row else None


__all__ = ["canonical_country", "country_code", "country_key", "country_name", "country_qid", "demonym"]
