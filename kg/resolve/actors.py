"""Actors: people by canonical full name (titles kept as roles, never in the name), countries, bodies.

Within an article a surname or a role description is resolved by the extractor's name registry; a
person the knowledge base (:mod:`kg.kb`) knows gets its Wikidata id, and an office the base gives
them at the time of the report makes them a state actor even when the article names no title.
Across articles (:func:`kg.resolve.merge.canonical_actors`), spelling variants of one person
("Sergei"/"Sergey Lavrov", "Donald J. Trump"/"Donald Trump", a surname alone) become one node
with the other spellings as alternative labels.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..kb import KBPerson, known_surname, lookup_body, lookup_group, lookup_person, person_by_actor_key, person_by_qid
from ..model import Actor, NameInfo, RawParticipant
from .countries import CAPITAL_OF, canonical_country, country_qid
from .keys import actor_key, country_key, match_key

LEADER_ROLE = re.compile(r"president|prime minister|premier|king|queen|emir|chancellor|sultan|leader", re.I)
# roles that make a person a state actor (a head of state or government, a minister, a diplomat, ...)
POLITICAL_ROLE = re.compile(
    r"president|prime minister|premier|minister|chancellor|\bking|queen|prince|emir|sheikh|sultan|emperor|"
    r"empress|pope|monarch|ambassador|envoy|secretary|senator|congress|governor|diplomat|foreign|leader|"
    r"head of (state|government)|deputy|vice|chief of staff|advis[eo]r|national security|official|general|"
    r"admiral|defen[cs]e|commissioner|representative|counterpart|\bpm\b|taoiseach|majesty|highness",
    re.I)
# words that precede a name as a title or a description, never part of it ("EAM S Jaishankar",
# "Gen. Musharraf", "Solomon Islands PM Manasseh Sogavare", "Chief Executive Abdullah Abdullah")
TITLE_WORDS = frozenset("""
president vice prime minister foreign secretary state chancellor premier crown princess sheikh emir amir
sultan chairman chairwoman chair general gen mr mrs ms dr prof sir pm eam fm leader supreme pope ambassador
envoy special senator sen governor gov deputy defence defense spokesman spokeswoman spokesperson affairs
director his her majesty highness excellency the top diplomat counterpart of chief head former then
first lady opposition finance trade economy interior national security adviser advisor commissioner
representative president-elect elect executive assembly captain capt col colonel lt lieutenant maj major
field marshal admiral brig brigadier commander hrh h.e. hon honourable honorable minister-president
mayor speaker rep cabinet junta interim acting caretaker datuk dato seri tun councilor councillor
honorary ministers officials leaders
""".split())
ROYAL = frozenset({"prince", "princess", "king", "queen", "emperor", "empress", "duke", "duchess"})
# a "person" whose name starts with one of these is a place ("Lough Erne", "Lake Como")
GEOGRAPHIC = frozenset({"lough", "lake", "loch", "mount", "mt", "river", "cape", "port", "fort", "bay", "gulf",
                        "sea", "strait", "island", "isle", "glen", "point", "camp", "castle"})
_HEADLINE_VERBS = frozenset({"hosts", "meets", "met", "visits", "holds", "says", "said", "calls", "talks", "welcomes",
                             "receives", "greets", "arrives", "leaves", "signs", "urges", "vows", "to", "returns",
                             "heads", "travels", "lands", "joins", "discusses", "seeks", "plans", "begins", "ends",
                             "opens", "attends", "hails", "rejects", "denies", "cancels", "postpones", "invites",
                             "thanks", "tells", "asks", "warns", "pledges", "offers", "agrees", "speaks", "phones"})


# words a title-case headline capitalises that no name has ("Meet Kim Without Preconditions")
_HEADLINE_LINKS = frozenset({"with", "without", "amid", "after", "before", "over", "into", "against", "about", "during",
                             "despite"})


def person_key(name: str) -> str:
    """How two written names of a person are compared (spelling variants share it): see
    :func:`kg.resolve.keys.match_key`.  Not the node key, which is readable (:func:`kg.resolve.keys.actor_key`)."""
    return match_key(name)


@lru_cache(maxsize=1 << 16)
def clean_person_name(name: str) -> str | None:
    """A person's name without the titles, offices and countries written before it; None when what
    is left is not a person's name (empty, or a place such as "Lough Erne")."""
    name = re.split(r"\s+[-–|]\s+", name)[0]  # "Narendra Modi - File Photo"
    name = re.sub(r"^(H\.\s?E\.?|HE)\s+", "", name.strip())  # "H.E. ..." (His Excellency)
    words = " ".join(name.replace("’", "'").split()).strip(" ,.;:'\"-()[]").split(" ")
    words = [w for w in words if w and not re.fullmatch(r"[(\[].*|\W+", w)]  # "(Hon": a bracketed aside
    # a headline run on after the name: "Barack Obama Hosts Team USA", "Kim Without Preconditions"
    cut = next((i for i, w in enumerate(words) if i >= 1 and (w.lower() in _HEADLINE_VERBS
                                                               or w.lower() in _HEADLINE_LINKS)), len(words))
    words = words[:cut]
    if words and words[0].lower() in _HEADLINE_VERBS:
        return None  # "Holds Separate Talks": what a headline says, not who
    if words and re.fullmatch(r"'s|s", words[-1]):
        words = words[:-1]
    if words:
        words[-1] = re.sub(r"'s$", "", words[-1])
    known = lookup_person(" ".join(words)) is not None
    while len(words) >= 2 and not known:
        # a country or nationality in front: "Kazakhstan Kassym-Jomart Tokayev", "Solomon Islands PM ..."
        # (a two-word name keeps its first word: "Jordan Peterson")
        cut = next((n for n in (3, 2, 1) if len(words) - n >= 2
                    and canonical_country(" ".join(words[:n]).rstrip(".,")) is not None), 0)
        if cut:
            words = words[cut:]
            continue
        low = words[0].lower().rstrip(".,")
        if low in ROYAL and len(words) == 2:
            break  # "King Charles", "Prince Harry": the title is how the person is named
        if low in TITLE_WORDS or low in ROYAL:
            words = words[1:]
            known = lookup_person(" ".join(words)) is not None
            continue
        break
    if not words or words[0].lower().rstrip(".") in GEOGRAPHIC and len(words) >= 2:
        return None
    text = " ".join(words)
    if len(text) < 2 or not re.search(r"[^\W\d_]", text) or len(words) == 1 and text.lower() in TITLE_WORDS:
        return None
    return text


@lru_cache(maxsize=1)
def _not_name_words() -> frozenset[str]:
    from ..lexicon import roles, words_of

    return words_of(roles(), "not_name")


@lru_cache(maxsize=1 << 16)
def not_a_person(name: str) -> str | None:
    """What a "person" named like a country, a body or a city is: "country", "organisation", "place";
    None for a name that can be a person's (the knowledge base's people always can)."""
    if lookup_person(name) is not None:
        return None
    words = re.split(r"[\s\-]+", (clean_person_name(name) or name).lower())  # "Narendra Modi - File Photo"
    if any(w in _not_name_words() for w in words):
        return "place"  # "Function Room", "Harbour Holdings Limited", "File Photo": no one's name
    if canonical_country(name) is not None:
        return "country"
    if lookup_body(name) is not None:
        return "organisation"
    if len(name.split()) >= 2:
        from .places import lookup_city

        if lookup_city(name) is not None:
            return "place"
    return None


def _kb_person(actor: Actor) -> KBPerson | None:
    """The knowledge base's person an actor was linked to: by Wikidata id, else (a person the base knows
    by a hand-made id) by the key :func:`person_actor` gave it."""
    if actor.type != "person":
        return None
    return person_by_qid(actor.wikidata) if actor.wikidata else person_by_actor_key(actor.key)


def _holds_office(actor: Actor, when: str | None, before: str | None) -> bool:
    person = _kb_person(actor)
    return person is not None and person.holds_office(when, before=before)


_PARTY = re.compile(r"\b(party|opposition|shadow|lib dems?|liberal democrats?|tor(y|ies)|labour|conservatives?|"
                    r"democrats?|republicans?|mp|mps|candidate|campaign|union|club|team|company|firm|"
                    r"chief executive|chairman|chairwoman|ceo|boss|managing director|executive|shareholders?|"
                    r"board|bank|exchange|group)\b", re.I)
_STATE_OFFICE = re.compile(r"president|prime minister|premier|minister|chancellor|\bking|queen|ambassador|envoy|"
                           r"secretary of state|foreign secretary|head of (state|government)|\bpm\b", re.I)


def party_role(role: str) -> bool:
    """"Lib Dem leader", "opposition leader", "union leader", "party deputy", "chief executive": a role in a
    party, a company or another body that is not the state; a state office named with a party ("Labour Prime
    Minister") stays one.  So is an office of an organisation named before it that is neither a state nor an
    international body ("LSE counterpart", "Fifa president"; not "Solomon Islands PM", "UN Secretary-General")."""
    if _organisation_prefix(role):
        return True
    if _STATE_OFFICE.search(role):
        return False
    return bool(_PARTY.search(role))


@lru_cache(maxsize=4096)
def _organisation_prefix(role: str) -> bool:
    """Do the capitalised words before a role's first office word name an organisation that is no state,
    international body or armed group ("LSE" in "LSE counterpart", "Gazprom" in "Gazprom chairman")?"""
    words = role.split()
    first = next((i for i, w in enumerate(words) if POLITICAL_ROLE.search(w) or w.lower() in TITLE_WORDS), len(words))
    prefix = [w for w in words[:first] if w[:1].isupper() and not _PARTY.fullmatch(w)]  # "Labour Prime Minister"
    if not prefix:
        return False
    phrase = " ".join(prefix)
    if canonical_country(phrase) or lookup_body(phrase) or lookup_group(phrase) or phrase.lower() in CAPITAL_OF:
        return False  # "Solomon Islands PM", "UN Secretary-General", "White House spokesman"
    return any(not (canonical_country(w) or lookup_body(w) or lookup_group(w)) for w in prefix)


def state_role(role: str) -> bool:
    """A role that makes its holder a state actor: a political office, not one in a party or company. A bare
    "counterpart" is whatever the other side is ("his LSE counterpart"): no office of its own."""
    if role.strip().lower() in ("counterpart", "counterparts"):
        return False
    return bool(POLITICAL_ROLE.search(role)) and not party_role(role)


def is_state_actor(actor: Actor, unknown: bool = False, when: str | None = None, before: str | None = None,
                   known_offices: frozenset[str] = frozenset(), use_kb: bool = True) -> bool:
    """A country, an international body, a group of leaders, or a person with a political role: one the
    text gives (``actor.roles``), one the knowledge base gives at ``when`` (or, with ``before``, one
    begun by then: a past contact), or one another article of the build gives (``known_offices``:
    :func:`identity` of such people).  ``unknown``: what a person with none of these counts as."""
    if actor.type != "person":
        return True
    roles = [r for r in actor.roles if r.strip()]
    if any(state_role(r) for r in roles):
        return True
    if use_kb and _holds_office(actor, when, before) or (known_offices and identity(actor) in known_offices):
        return True
    return unknown and not roles  # a stated role that is not a state role stays one


def identity(actor: Actor) -> str:
    """What tells one person from another across articles: the Wikidata id, else the knowledge base's
    hand-made id ("hand:jean-chretien"), else the compared name ("name:...")."""
    if actor.wikidata:
        return actor.wikidata
    person = _kb_person(actor)
    return person.key if person is not None else "name:" + match_key(actor.name)


def is_diplomatic(actors: tuple[Actor, ...] | list[Actor], kind: str, visitors: tuple[str, ...] | list[str] = (),
                  political: bool = False, when: str | None = None, before: str | None = None,
                  known_offices: frozenset[str] = frozenset(), use_kb: bool = True) -> bool:
    """A contact between states: at least one side is a state actor, and a visit's visitor, when a
    person, is one ("the striker arrived in Vienna", "the chief executives shook hands": not diplomacy).
    ``political``: the article gives someone a state role, so the people it names with no role at all
    ("Macron and Scholz met") are taken for state actors; in an article that gives none, they are not,
    unless the knowledge base gives them an office then (``when``/``before``, see :func:`is_state_actor`)."""
    def state(a: Actor) -> bool:
        return is_state_actor(a, political, when, before, known_offices, use_kb)

    if kind == "visit" and visitors:
        people = [a for a in actors if a.key in visitors and a.type == "person"]
        if people and not any(state(a) for a in people):
            return False
    if domestic(actors):  # a cabinet meeting, a minister touring at home with the prime minister
        return False
    return any(state(a) for a in actors)


def domestic(actors: tuple[Actor, ...] | list[Actor]) -> bool:
    """Every side a person of one and the same known country: a cabinet meeting, a call between two
    ministers of one government, not a contact between states."""
    people = [a for a in actors if a.type == "person"]
    return (len(people) >= 2 and len(people) == len(actors) and all(a.country for a in people)
            and len({a.country for a in people}) == 1)


def political_article(roles: list[str | None]) -> bool:
    """Does the article give anyone a state role?"""
    return any(r and state_role(r) for r in roles)


def country_actor(country: str) -> Actor:
    """The actor of a country, by its canonical name."""
    return Actor(key=country_key(country), name=country, type="country", country=country, wikidata=country_qid(country))


def person_actor(name: str, roles: tuple[str, ...] = (), country: str | None = None,
                 when: str | None = None, before: str | None = None) -> Actor | None:
    """The actor of a person named ``name`` (titles removed), linked to the knowledge base when it knows
    the name (at ``when``, the date of the contact, or ``before`` it for a past one: see
    :func:`kg.kb.lookup_person`)."""
    clean = clean_person_name(name)
    if clean is None:
        return None
    kb = lookup_person(clean, when, before)
    if kb is not None and country is None and kb.country:
        country = canonical_country(kb.country) or None
    return Actor(key=actor_key(kb.name if kb else clean), name=clean, type="person", country=country,
                 roles=tuple(sorted(r for r in roles if r)), wikidata=kb.qid if kb else None)


def body_actor(text: str) -> Actor:
    """The actor of an international body: its knowledge-base key and Wikidata id when known; its name
    as written here (the full name becomes its label across the build)."""
    body = lookup_body(text)
    if body is None:
        return Actor(key=actor_key(text, "organisation"), name=text, type="organisation")
    return Actor(key=body.key, name=text, type="organisation", wikidata=body.qid)


def actor_for(p: RawParticipant, names: dict[str, NameInfo], when: str | None = None,
              before: str | None = None) -> Actor | None:
    if p.label == "COUNTRY":
        return country_actor(canonical_country(p.text) or p.text)
    if p.label == "LEADER":  # "the leaders of Chile and Peru": the one leader the article names, else the country
        country = canonical_country(p.text) or p.text
        leaders = [n for n in names.values() if n.country == country and n.role and LEADER_ROLE.search(n.role)]
        if len(leaders) == 1:
            leader = person_actor(leaders[0].name, (leaders[0].role or "",), country, when, before)
            if leader is not None:
                return leader
        return country_actor(country)
    if p.label == "GROUP":  # "Southeast Asian leaders": a side with no one named
        return Actor(key=actor_key(p.text, "group"), name=p.text, type="group")
    if p.label == "ORG":
        return body_actor(p.text)
    name = " ".join(p.text.split())
    if len(name) < 2:
        return None
    other = not_a_person(name)
    if other == "country":
        return country_actor(canonical_country(name) or name)
    if other == "organisation":
        return body_actor(name)
    if other == "place":
        return None
    info = names.get(name)
    fuller: set[str] = set()
    if " " not in name and (info is None or not info.country):
        # a one-word name the article's registry missed because a title was in the full name there
        # ("Anwar" after "Datuk Seri Anwar Ibrahim"): the one person of the article with that word
        fuller = {n for n in names if len((clean_person_name(n) or "").split()) >= 2
                  and name.lower() in (clean_person_name(n) or "").lower().split()}
        if len(fuller) == 1:
            info = names[next(iter(fuller))]
            name = info.name
    roles = tuple(r for r in (p.role, info.role if info else None) if r is not None)
    if " " not in name and not fuller and not roles and not (info and info.country) and not known_surname(name):
        # news names a person in full at first mention; a lone capitalised word the article never gives
        # a full name, title or country, and no office holder bears, is an outlet, venue or fragment
        return None
    return person_actor(name, roles, info.country if info else None, when, before)
