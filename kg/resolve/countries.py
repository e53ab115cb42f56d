"""Countries by one canonical name: pycountry plus the aliases news uses ("U.S.", "Russian")."""

from __future__ import annotations

import re
from functools import lru_cache

# canonical names where pycountry's official or common name is not what news and users say
CANONICAL = {
    "RU": "Russia", "US": "United States", "GB": "United Kingdom", "KR": "South Korea",
    "KP": "North Korea", "IR": "Iran", "SY": "Syria", "VE": "Venezuela", "BO": "Bolivia",
    "TW": "Taiwan", "VN": "Vietnam", "LA": "Laos", "MD": "Moldova", "TZ": "Tanzania",
    "PS": "Palestine", "CZ": "Czech Republic", "TR": "Turkey", "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo", "FM": "Micronesia", "BN": "Brunei", "CV": "Cape Verde",
    "CI": "Ivory Coast", "VA": "Vatican City", "MK": "North Macedonia", "SZ": "Eswatini",
}
# demonyms and short forms -> ISO alpha-2
ALIASES = {
    "us": "US", "u.s.": "US", "u.s": "US", "usa": "US", "u.s.a.": "US", "america": "US", "american": "US",
    "americans": "US", "united states of america": "US", "the united states": "US", "the us": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "british": "GB", "england": "GB",
    "russian": "RU", "russians": "RU", "russian federation": "RU", "soviet": "RU",
    "chinese": "CN", "prc": "CN", "china": "CN", "japanese": "JP", "indian": "IN", "pakistani": "PK",
    "french": "FR", "german": "DE", "italian": "IT", "spanish": "ES", "turkish": "TR", "turkiye": "TR",
    "türkiye": "TR", "iranian": "IR", "iraqi": "IQ", "israeli": "IL", "israelis": "IL", "egyptian": "EG",
    "saudi": "SA", "saudi arabian": "SA", "emirati": "AE", "uae": "AE", "qatari": "QA", "syrian": "SY",
    "ukrainian": "UA", "belarusian": "BY", "polish": "PL", "brazilian": "BR", "mexican": "MX",
    "canadian": "CA", "australian": "AU", "venezuelan": "VE", "colombian": "CO", "argentine": "AR",
    "argentinian": "AR", "chilean": "CL", "peruvian": "PE", "cuban": "CU", "korean": "KR",
    "south korean": "KR", "north korean": "KP", "dprk": "KP", "rok": "KR", "vietnamese": "VN",
    "thai": "TH", "filipino": "PH", "philippine": "PH", "indonesian": "ID", "malaysian": "MY",
    "singaporean": "SG", "sudanese": "SD", "ethiopian": "ET", "kenyan": "KE", "nigerian": "NG",
    "south african": "ZA", "ghanaian": "GH", "algerian": "DZ", "moroccan": "MA", "tunisian": "TN",
    "libyan": "LY", "jordanian": "JO", "lebanese": "LB", "afghan": "AF", "bangladeshi": "BD",
    "sri lankan": "LK", "nepalese": "NP", "kazakh": "KZ", "uzbek": "UZ", "azerbaijani": "AZ",
    "armenian": "AM", "georgian": "GE", "serbian": "RS", "croatian": "HR", "kosovar": "XK",
    "kosovo": "XK", "greek": "GR", "cypriot": "CY", "hungarian": "HU", "romanian": "RO",
    "bulgarian": "BG", "czech": "CZ", "slovak": "SK", "austrian": "AT", "swiss": "CH", "dutch": "NL",
    "belgian": "BE", "swedish": "SE", "norwegian": "NO", "danish": "DK", "finnish": "FI",
    "irish": "IE", "portuguese": "PT", "new zealand": "NZ", "fijian": "FJ", "micronesian": "FM",
    "palestinian": "PS", "yemeni": "YE", "omani": "OM", "kuwaiti": "KW", "bahraini": "BH",
    "laotian": "LA", "lao": "LA", "burmese": "MM", "myanmar": "MM", "cambodian": "KH", "mongolian": "MN",
    "taiwanese": "TW", "ivorian": "CI", "senegalese": "SN", "rwandan": "RW", "ugandan": "UG",
    "tanzanian": "TZ", "somali": "SO", "eritrean": "ER", "zimbabwean": "ZW", "angolan": "AO",
    "columbia": "CO", "holland": "NL", "burma": "MM", "kiribati": "KI", "i-kiribati": "KI",
    "papua new guinea": "PG", "papua new guinean": "PG", "czechia": "CZ", "macedonia": "MK",
    "vatican": "VA", "holy see": "VA", "bosnia": "BA", "emirates": "AE", "korea": "KR",
}
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


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO alpha-2 of a country named or described by ``text`` ("Russian", "U.S.", "Saudi Arabia")."""
    import pycountry

    key = _clean(text)
    if not key or len(key) < 2:
        return None
    if key in ALIASES:
        return ALIASES[key]
    if "the " + key in ALIASES:
        return ALIASES["the " + key]
    for code, name in {**CANONICAL, **EXTRA}.items():
        if name.lower() == key:
            return code
    try:
        hit = pycountry.countries.lookup(key)
        return str(hit.alpha_2)
    except LookupError:
        pass
    for c in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            value = getattr(c, attr, None)
            if value and value.lower() == key:
                return str(c.alpha_2)
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


def canonical_country(text: str) -> str | None:
    code = country_code(text)
    return country_name(code) if code else None
