"""The actor knowledge base shipped in the package: people who hold or held state offices, countries,
international bodies, each with a Wikidata id where known.

Data (``kg/kb/data/``, see the README for where each part comes from):

* ``office-holders-wikidata.tsv``: heads of state and government and foreign ministers of 2021-2022
  (Wikidata, CC0); ``office-holders-history.tsv``: those of 1990-2020 of the larger and the most
  reported countries, and some other senior ministers (general knowledge, written by hand);
  ``people-extra.tsv``: people added or renamed by hand.  Same columns.  A person is one id: a Wikidata
  id (``wikidata:Q9545``), else a hand-made one (``hand:jean-chretien``: :attr:`KBPerson.qid` None);
  a later file's first row gives the display name and home country.
* ``countries.tsv``: ISO code, Wikidata id, canonical name, aliases and demonyms.
* ``bodies.tsv``: international bodies: key, Wikidata id, full name, acronyms and short forms.

The API the resolver (and the extractor) uses::

    lookup_person("Sergei Lavrov", "2023-05-04") -> KBPerson(key="Q58217", name="Sergey Lavrov", ...)  # .qid "Q58217"
    lookup_person("Jean Chretien", "1999") -> KBPerson(key="hand:jean-chretien", ...)  # .qid None
    lookup_body("ECOWAS") -> KBBody(key="ecowas", name="Economic Community of West African States", ...)
    lookup_country("Curaçao") -> KBCountry(code="CW", qid="Q25279", name="Curaçao", key="curacao")

``kg kb rebuild`` writes a new ``office-holders-wikidata.tsv`` from a Wikidata SPARQL query
(:mod:`kg.kb.rebuild`).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..resolve.keys import actor_key, fold, match_key
from .data import DATA, PEOPLE_FILES, read_tsv

__all__ = ["KBBody", "KBCountry", "KBPerson", "Office", "lookup_body", "lookup_country", "lookup_person",
           "people", "person_by_actor_key", "person_by_qid", "person_id"]

OFFICE_LABELS = {"head_of_state": "head of state", "head_of_government": "head of government",
                 "foreign_minister": "foreign minister", "minister": "minister"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


@dataclass(frozen=True)
class Office:
    office: str  # head_of_state | head_of_government | foreign_minister | minister (another cabinet post) | ...
    country: str  # ISO alpha-2 (a few non-standard codes for disputed territories)
    start: str | None  # YYYY, YYYY-MM or YYYY-MM-DD; None: unknown
    end: str | None  # None: still held (at the data's date)

    def covers(self, lo: str, hi: str) -> bool:
        """Was the office held on some day between ``lo`` and ``hi`` (ISO dates)?"""
        start = (self.start or "0000") + "-01-01"[len(self.start or "0000") - 4:]
        end = (self.end or "9999") + "-12-31"[len(self.end or "9999") - 4:]
        return start[:10] <= hi and lo <= end[:10]


@dataclass(frozen=True)
class KBPerson:
    key: str  # the person's id in the base: a Wikidata id ("Q9545") or a hand-made one ("hand:jean-chretien")
    name: str
    alt_names: tuple[str, ...]
    offices: tuple[Office, ...]
    country: str | None  # home country, ISO alpha-2

    def holds_office(self, when: str | None = None, *, before: str | None = None) -> bool:
        """An office held at ``when`` (YYYY, YYYY-MM or YYYY-MM-DD; its whole span), or, with ``before``,
        one that began by that date (a past contact may date from a former office); no date: any."""
        if before is not None:
            return any((o.start or "0000") <= before for o in self.offices)
        if when is None:
            return bool(self.offices)
        lo = when + "-01-01"[len(when) - 4:] if len(when) < 10 else when
        hi = when + "-12-31"[len(when) - 4:] if len(when) < 10 else when
        if len(when) == 7:
            hi = when + "-31"
        return any(o.covers(lo[:10], hi[:10]) for o in self.offices)

    @property
    def qid(self) -> str | None:
        """The Wikidata id; None for a person the base knows only by a hand-made id (never a made-up URI)."""
        return self.key if re.fullmatch(r"Q[0-9]+", self.key) else None

    @property
    def role(self) -> str | None:
        """The latest office, in words ("foreign minister")."""
        if not self.offices:
            return None
        latest = max(self.offices, key=lambda o: (o.end or "9999", o.start or ""))
        return OFFICE_LABELS.get(latest.office, latest.office.replace("_", " "))


@dataclass(frozen=True)
class KBCountry:
    code: str
    qid: str | None
    name: str
    key: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class KBBody:
    key: str
    qid: str | None
    name: str  # full name, the label
    aliases: tuple[str, ...]  # acronyms and other names, as written in the data (lower case)

    @property
    def short(self) -> str:
        """The acronym news uses ("ECOWAS", "G20"), else the name."""
        for a in self.aliases:
            if re.fullmatch(r"[a-z][a-z0-9.-]{1,7}", a) and "." not in a and a not in ("the",):
                return a.upper() if not re.search(r"\d", a) or a.startswith("g") else a
        return self.name


def _end(value: str) -> str | None:
    value = value.strip().lstrip("<=")
    return value or None


def person_id(source_id: str) -> str | None:
    """A data row's person id: ``wikidata:Q9545`` -> "Q9545", ``hand:jean-chretien`` -> itself (a person
    the data gives no Wikidata id); None for anything else (the row is dropped)."""
    source_id = source_id.strip()
    if re.fullmatch(r"wikidata:Q[0-9]+", source_id):
        return source_id.removeprefix("wikidata:")
    if re.fullmatch(r"hand:[a-z0-9]+(-[a-z0-9]+)*", source_id):
        return source_id
    return None


@lru_cache(maxsize=1)
def people() -> dict[str, KBPerson]:
    """Every person of the base by id (:attr:`KBPerson.key`: the Wikidata id, else the hand-made id)."""
    names: dict[str, str] = {}
    alts: dict[str, list[str]] = defaultdict(list)
    offices: dict[str, list[Office]] = defaultdict(list)
    home: dict[str, str] = {}
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    for file in PEOPLE_FILES:
        path = DATA / file
        if not path.exists():
            continue
        named: set[str] = set()
        for row in read_tsv(path):
            qid = person_id(row.get("source_id", ""))
            if qid is None or not row.get("name"):
                continue
            if qid not in named:  # this file's first row names the person (a later file wins)
                if qid in names and names[qid] != row["name"]:
                    alts[qid].append(names[qid])
                names[qid] = row["name"]
                named.add(qid)
                if file != PEOPLE_FILES[0] and row.get("country"):
                    home[qid] = row["country"]
            elif row["name"] != names[qid]:
                alts[qid].append(row["name"])
            alts[qid] += [a.strip() for a in row.get("alt_names", "").split("|") if a.strip()]
            if row.get("country"):
                countries[qid][row["country"]] += 1
            office = Office(row.get("office") or "office", row.get("country", ""), row.get("start") or None,
                            _end(row.get("end", "")))
            if office not in offices[qid]:
                offices[qid].append(office)
    out = {}
    for qid, name in names.items():
        country = home.get(qid) or (min(countries[qid], key=lambda c: (-countries[qid][c], c))
                                    if countries[qid] else None)
        alt = tuple(dict.fromkeys(a for a in alts[qid] if a != name))
        out[qid] = KBPerson(qid, name, alt, tuple(offices[qid]), country)
    return out


def person_by_qid(qid: str) -> KBPerson | None:
    """The person with this id (:attr:`KBPerson.key`: a Wikidata id or a hand-made ``hand:`` id)."""
    return people().get(qid)


@lru_cache(maxsize=1)
def _hand_keys() -> dict[str, str]:
    seen: dict[str, set[str]] = defaultdict(set)
    for p in people().values():
        if p.qid is None:
            seen[actor_key(p.name)].add(p.key)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def person_by_actor_key(key: str) -> KBPerson | None:
    """The person without a Wikidata id whose actor key (:func:`kg.resolve.keys.actor_key` of the
    base's name, what :func:`kg.resolve.actors.person_actor` gives a linked person) is ``key``."""
    found = _hand_keys().get(key)
    return people()[found] if found else None


def _tokens(name: str) -> list[str]:
    return [t for t in match_key(name).split("-") if t and t not in _SUFFIXES]


@lru_cache(maxsize=1)
def _person_index() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """match key of every name and alternative name -> ids; surname (last word) -> ids."""
    full: dict[str, set[str]] = defaultdict(set)
    last: dict[str, set[str]] = defaultdict(set)
    for qid, p in people().items():
        for n in (p.name, *p.alt_names):
            toks = _tokens(n)
            if not toks:
                continue
            full["-".join(toks)].add(qid)
            if (len(toks) >= 2 or n in p.alt_names) and not _given_name_last(n, p):
                last[toks[-1]].add(qid)
    return dict(full), dict(last)


_KOREAN = frozenset({"KP", "KR"})
# words written before a name in an alternative name ("Emperor Akihito", "Lord Falconer", "Tun Mahathir")
_NAME_TITLES = frozenset({"king", "queen", "emperor", "empress", "prince", "princess", "sheikh", "emir", "sultan",
                          "lord", "lady", "sir", "dame", "tun", "mr", "mrs", "ms", "dr", "president", "pope"})


def _given_name_last(name: str, person: KBPerson) -> bool:
    """A name whose last word is part of a given name, not a surname: a Korean name, the family name
    first and a two-syllable given name after it, hyphenated or not ("Ban Ki-moon", "Hong Soon Young":
    "Moon" and "Young" are not surnames there; "Kim Jong Un" is called "Kim")."""
    words = name.split()
    return person.country in _KOREAN and (len(words) == 2 and "-" in words[1] or len(words) == 3)


def _pick(qids: set[str], when: str | None, before: str | None = None) -> KBPerson | None:
    cands = [people()[q] for q in sorted(qids)]
    if len(cands) > 1 and (when or before):
        cands = [p for p in cands if p.holds_office(when, before=before)]
    return cands[0] if len(cands) == 1 else None


def _similar(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a[0] == b[0] and difflib.SequenceMatcher(None, a, b).ratio() >= 0.75


@lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    """The first and last words of every name of the base's people ("Xi" of Xi Jinping: family names
    come first in some languages)."""
    words: set[str] = set()
    for p in people().values():
        for n in (p.name, *p.alt_names):
            toks = [t for t in _tokens(n) if len(t) >= 2 and t not in _NAME_TITLES]  # no initials, no titles
            if toks:
                words.add(toks[0])
                if not _given_name_last(n, p):
                    words.add(toks[-1])
    return frozenset(words)


def known_surname(word: str) -> bool:
    """Some person of the base is called by this word: a surname, a family name written first ("Xi"),
    or a one-word alternative name; never an initial, a title, a country or nationality, nor the last
    syllable of a hyphenated given name written after the family name ("Moon" of Ban Ki-moon)."""
    from ..resolve.countries import canonical_country

    toks = _tokens(word)
    if len(toks) != 1 or canonical_country(word) is not None:
        return False  # "English", "Israel": a nationality or a country first, whoever bears the name
    return toks[0] in _person_index()[1] or toks[0] in _name_words()


def _close_spelling(a: str, b: str) -> bool:
    """Difflib's ratio >= 0.85, its cheap upper bounds first: the lengths alone must allow it (2 * the
    shorter >= 0.85 * both), then the character counts."""
    if 2 * min(len(a), len(b)) < 0.85 * (len(a) + len(b)):
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= 0.85 and matcher.ratio() >= 0.85


@lru_cache(maxsize=65536)
def lookup_person(name: str, when: str | None = None, before: str | None = None) -> KBPerson | None:
    """The person of the base a name means: one of their names or alternative names (spelling variants
    and transliterations compared by :func:`kg.resolve.keys.match_key`), else, for a name of two or more
    words, a person with the same surname, as many words and similar other words ("Vladimiar Putin"),
    else, for a surname alone, the one person of the base with that surname.  Several candidates:
    those holding an office at ``when`` (an ISO date), or with ``before``, one begun by that date (a past
    contact); still several: None ("George Bush" is neither George W. Bush nor George H. W. Bush).  A
    surname alone must be someone in office then ("Sharif" in 2015 is not Shehbaz Sharif), and needs a date."""
    toks = _tokens(name)
    if not toks:
        return None
    full, last = _person_index()
    hit = full.get("-".join(toks)) or (full.get("-".join(reversed(toks))) if len(toks) == 2 else None)
    if hit:  # a name as the base writes it, or in the other order ("Abe Shinzo")
        return _pick(hit, when, before)
    same_surname = last.get(toks[-1], set())
    if len(toks) == 1:  # a surname alone: only someone in office then ("Sharif" in 2015 is not Shehbaz)
        if len(toks[0]) < 4:
            return None
        if when is None and before is None:
            return None  # no date to tell whom it means
        found = _pick(same_surname, when, before)
        return found if found is not None and found.holds_office(when, before=before) else None
    if not same_surname:  # a misspelt surname ("Olaf Sholz"): the same first names, a close surname
        same_surname = {q for s, qids in last.items() if s[:1] == toks[-1][:1] and len(s) >= 4
                        and _close_spelling(s, toks[-1]) for q in qids}
    close = set()
    for qid in same_surname:
        p = people()[qid]
        for n in (p.name, *p.alt_names):
            other = _tokens(n)
            if len(other) == len(toks) and _similar(other[-1], toks[-1]) and all(
                    _similar(x, y) for x, y in zip(toks[:-1], other[:-1], strict=True)):
                close.add(qid)
    return _pick(close, when, before) if close else None


@lru_cache(maxsize=1)
def _countries() -> dict[str, KBCountry]:
    from ..resolve.countries import country_key

    out = {}
    for r in read_tsv(DATA / "countries.tsv"):
        out[r["code"]] = KBCountry(r["code"], r["wikidata"] or None, r["name"], country_key(r["name"]),
                                   tuple(a for a in r["aliases"].split("|") if a))
    return out


def lookup_country(text: str) -> KBCountry | None:
    """A country by any name, alias or demonym ("U.S.", "Russian", "Curaçao")."""
    from ..resolve.countries import country_code

    code = country_code(text)
    return _countries().get(code) if code else None


def _named_rows(file: str) -> tuple[list[tuple[dict[str, str], tuple[str, ...]]], dict[str, str]]:
    """The rows of a table of named things (bodies, groups) with their aliases, and every name and alias as
    compared (:func:`_body_text`) -> the row's key."""
    rows = []
    names: dict[str, str] = {}
    for r in read_tsv(DATA / file):
        aliases = tuple(a for a in r["aliases"].split("|") if a)
        rows.append((r, aliases))
        for n in (r["name"].lower(), *aliases):
            names.setdefault(_body_text(n), r["key"])
    return rows, names


@lru_cache(maxsize=1)
def _bodies() -> tuple[dict[str, KBBody], dict[str, str]]:
    rows, names = _named_rows("bodies.tsv")
    return {r["key"]: KBBody(r["key"], r["wikidata"] or None, r["name"], aliases) for r, aliases in rows}, names


def _body_text(text: str) -> str:
    text = fold(text).replace("’", "'")
    text = re.sub(r"^the\s+", "", text)
    return " ".join(text.replace("&", "and").split())


@lru_cache(maxsize=1 << 14)
def lookup_body(text: str) -> KBBody | None:
    """An international body by its acronym, full name or short form ("ECOWAS", "Group of 20", "the EU")."""
    bodies, names = _bodies()
    key = names.get(_body_text(text)) or names.get(_body_text(re.sub(r"(?i)\s+(summit|leaders|bloc)$", "", text)))
    return bodies[key] if key else None


@dataclass(frozen=True)
class KBGroup:
    key: str
    qid: str | None
    name: str  # the label
    country: str  # ISO code of the state it fights or opposes
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def _groups() -> tuple[dict[str, KBGroup], dict[str, str]]:
    rows, names = _named_rows("groups.tsv")
    return {r["key"]: KBGroup(r["key"], r["wikidata"] or None, r["name"], r["country"], aliases)
            for r, aliases in rows}, names


@lru_cache(maxsize=1 << 14)
def lookup_group(text: str) -> KBGroup | None:
    """An armed group or movement that may be a side of peace talks, by its name or acronym ("the ELN",
    "Houthi rebels", "Tamil Tigers"): ``kg/kb/data/groups.tsv``."""
    groups, names = _groups()
    key = names.get(_body_text(text)) or names.get(_body_text(re.sub(r"(?i)\s+(rebels?|militants?|fighters|"
                                                                     r"insurgents|guerrillas?|movement)$", "", text)))
    return groups[key] if key else None


@lru_cache(maxsize=1)
def group_first_words() -> frozenset[str]:
    """The first words of the groups' names and aliases (lower case): a sentence without one names none."""
    groups, names = _groups()
    return frozenset(n.split()[0] for n in names if n.split())
