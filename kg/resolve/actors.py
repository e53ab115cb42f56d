"""Actors: people by canonical full name (titles kept as roles), countries, bodies.

Within an article a surname or a role description is resolved by the extractor's name registry;
across articles, spelling variants of one person ("Sergei"/"Sergey Lavrov", "el-Sissi"/"Al-Sissi")
share one key, so they become one node with the other spellings as alternative labels.
"""

from __future__ import annotations

import re

from ..model import Actor, NameInfo, RawParticipant
from .countries import canonical_country
from .places import fold, slug

LEADER_ROLE = re.compile(r"president|prime minister|premier|king|queen|emir|chancellor|sultan|leader", re.I)
# roles that make a person a state actor (a head of state or government, a minister, a diplomat, ...)
POLITICAL_ROLE = re.compile(
    r"president|prime minister|premier|minister|chancellor|\bking|queen|prince|emir|sheikh|sultan|emperor|"
    r"empress|pope|monarch|ambassador|envoy|secretary|senator|congress|governor|diplomat|foreign|leader|"
    r"head of (state|government)|deputy|vice|chief of staff|advis[eo]r|national security|official|general|"
    r"admiral|defen[cs]e|commissioner|representative|counterpart|\bpm\b|taoiseach|majesty|highness",
    re.I)
_PARTICLES = re.compile(r"\b(al|el|ul|bin|ibn|de|da|van|von|der)\b[- ]?")


def person_key(name: str) -> str:
    """A spelling-tolerant key: ascii-folded, particles dropped, common transliteration variants."""
    words = []
    for w in re.split(r"[\s\-]+", _PARTICLES.sub(" ", fold(name))):
        w = re.sub(r"[^a-z]", "", w)
        if not w:
            continue
        w = re.sub(r"(ey|iy|yi)$", "ei", w)
        w = w.replace("kh", "h").replace("ks", "x").replace("yu", "iu").replace("ya", "ia")
        w = re.sub(r"(.)\1", r"\1", w)  # doubled letters: Sissi / Sisi
        words.append(w)
    return "-".join(words) or slug(name)


def is_state_actor(actor: Actor, unknown: bool = False) -> bool:
    """A country, an international body, a group of leaders, or a person with a political role;
    ``unknown``: what a person the article gives no role at all counts as."""
    if actor.type != "person":
        return True
    roles = [r for r in actor.roles if r.strip()]
    return any(POLITICAL_ROLE.search(r) for r in roles) if roles else unknown


def is_diplomatic(actors: tuple[Actor, ...] | list[Actor], kind: str, visitors: tuple[str, ...] | list[str] = (),
                  political: bool = False) -> bool:
    """A contact between states: at least one side is a state actor, and a visit's visitor, when a
    person, is one ("the striker arrived in Vienna", "the chief executives shook hands": not diplomacy).
    ``political``: the article gives someone a state role, so the people it names with no role at all
    ("Macron and Scholz met") are taken for state actors; in an article that gives none, they are not."""
    if kind == "visit" and visitors:
        people = [a for a in actors if a.key in visitors and a.type == "person"]
        if people and not any(is_state_actor(a, political) for a in people):
            return False
    return any(is_state_actor(a, political) for a in actors)


def political_article(roles: list[str | None]) -> bool:
    """Does the article give anyone a state role?"""
    return any(r and POLITICAL_ROLE.search(r) for r in roles)


def actor_for(p: RawParticipant, names: dict[str, NameInfo]) -> Actor | None:
    if p.label == "COUNTRY":
        country = canonical_country(p.text) or p.text
        return Actor(key=slug(country), name=country, type="country", country=country)
    if p.label == "LEADER":  # "the leaders of Chile and Peru": the one leader the article names, else the country
        country = canonical_country(p.text) or p.text
        leaders = [n for n in names.values() if n.country == country and n.role and LEADER_ROLE.search(n.role)]
        if len(leaders) == 1:
            return Actor(key=person_key(leaders[0].name), name=leaders[0].name, type="person", country=country,
                         roles=(leaders[0].role or "",))
        return Actor(key=slug(country), name=country, type="country", country=country)
    if p.label == "GROUP":  # "Southeast Asian leaders": a side with no one named
        return Actor(key=slug(p.text), name=p.text, type="group")
    if p.label == "ORG":
        return Actor(key=slug(p.text), name=p.text, type="organisation")
    name = " ".join(p.text.split())
    if len(name) < 2:
        return None
    info = names.get(name)
    roles = tuple(sorted(r for r in (p.role, info.role if info else None) if r is not None))
    home = info.country if info else None
    return Actor(key=person_key(name), name=name, type="person", country=home,
                 roles=tuple(sorted(roles)))
