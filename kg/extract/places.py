"""Where the event took place, as the sentence says: "in Riyadh", "at the Kremlin", "visited Moscow",
"the Geneva talks", "arrived in the Egyptian capital"; cities the recogniser labelled as something else
count when they are large ones."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ..resolve.countries import canonical_country

__all__ = ["place_of"]


def _capital_phrase(tok: Any) -> str | None:
    """"the Egyptian capital" -> "capital of Egypt" (resolved to its city by kg.resolve.places)."""
    if tok.lower_ != "capital":
        return None
    for c in tok.children:
        country = canonical_country(c.text) if c.dep_ in ("amod", "compound", "poss", "nmod") else None
        if country:
            return f"capital of {country}"
    return None


_CITY_NOUNS = ("city", "capital", "town")
_GATHERINGS = ("summit", "meeting", "meet", "conference", "session", "forum", "assembly", "talks", "gathering")
_SIDELINES = ("sidelines", "sideline", "margins", "margin")
_PLACE_PREPS = ("in", "at", "to", "inside", "near")
_VENUE_ORG = re.compile(r"kremlin|palace|house|hall|hotel|centre|center|ministry|chancellery|embassy", re.I)


@lru_cache(maxsize=65536)
def _known_city(text: str, population: int = 0) -> bool:
    """A name the gazetteer knows as a city of at least ``population``, and not a country ("Bamako",
    "Vilnius", "Buenos Aires"); well-known venues count."""
    from ..resolve.places import VENUES, lookup_city

    if text.casefold() in VENUES:
        return True
    city = lookup_city(text) if canonical_country(text) is None else None
    return city is not None and int(city.get("population") or 0) >= population


# a name the recogniser did not call a place is taken for a city only when the city is a large one:
# small towns share their names with people ("talks with Bush")
RELABEL_POPULATION = 150_000


def _place_spans(sent: Any) -> Iterator[tuple[Any, str, str]]:
    """Spans that may name a place: the recogniser's places and venues, and proper names it labelled
    otherwise ("a visit to Asuncion" tagged PERSON) that the gazetteer knows as cities."""
    seen: set[int] = set()
    for ent in sent.ents:
        seen.update(range(ent.start, ent.end))
        text = ent.text.removeprefix("the ").removeprefix("The ")
        if ent.label_ == "LOC" and not canonical_country(text) and not _known_city(text):
            continue  # a region ("the Balkans", "the Gulf States") is what is talked about, not where
        if ent.label_ in ("GPE", "LOC", "FAC"):
            yield ent.root, text, ent.label_
        elif ent.label_ == "ORG" and _VENUE_ORG.search(text):
            yield ent.root, text, ent.label_
        elif ent.label_ in ("ORG", "PERSON", "NORP") and _known_city(text, RELABEL_POPULATION):
            yield ent.root, text, "GPE"
    for tok in sent:  # a capitalised city name outside any entity ("talks in Vilnius")
        if tok.i in seen or tok.pos_ != "PROPN" or tok.dep_ not in ("pobj", "compound"):
            continue
        if tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
            continue
        left = tok.left_edge.i if tok.left_edge.i >= sent.start else tok.i
        words = [t for t in sent.doc[left:tok.i + 1] if t.pos_ == "PROPN"]
        text = " ".join(t.text for t in words) or tok.text
        if _known_city(text, RELABEL_POPULATION):
            yield tok, text, "GPE"


def place_of(sent: Any, trigger: Any) -> str | None:
    """The place the sentence gives for the event: "in Riyadh", "at the Kremlin", "visited Moscow",
    "the Geneva talks" (a city, never a country, in front of the trigger: "the Syria talks" is a topic)."""
    best: tuple[int, str] | None = None
    for tok in sent:  # "arrived in the Egyptian capital"
        cap = _capital_phrase(tok)
        if cap and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "to", "at") and (
                tok.head.head.i == trigger.i or any(a.i == tok.head.head.i for a in trigger.ancestors)):
            return cap
    for root, text, label in _place_spans(sent):
        prep = root.head if root.dep_ == "pobj" else None
        if prep is not None and prep.lower_ == "of" and prep.head.lower_ in _CITY_NOUNS and prep.head.dep_ == "pobj":
            prep = prep.head.head  # "held in the capital city of Kigali": the place of "in"
        ok = prep is not None and prep.lower_ in _PLACE_PREPS
        if root.dep_ == "dobj" and root.head.lower_ in ("visited", "visit", "visits", "visiting"):
            ok = True
        if root.dep_ == "compound" and root.head.i == trigger.i and label in ("GPE", "FAC", "ORG") \
                and _known_city(text):
            ok = True  # "the Moscow summit", "a White House meeting"
        elif root.dep_ in ("appos", "conj", "compound") and root.head.ent_type_ in ("GPE", "FAC", "LOC"):
            continue
        if not ok:
            continue
        dist = abs(root.i - trigger.i)
        # the place must hang from the trigger's own clause, not from background ("the war in Ukraine")
        path = [trigger] + list(trigger.ancestors)[:3]
        attach = prep.head if prep is not None else root.head
        if attach.i != trigger.i and attach.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in attach.children):
            continue  # "visited Kuwait but has not been to Riyadh": a place the clause says it was not
        in_subtree = any(t.i == attach.i for t in trigger.subtree)
        if attach.lower_ in _GATHERINGS and attach.dep_ == "pobj" and attach.head.lower_ == "of" \
                and attach.head.head.lower_ in _SIDELINES:
            attach = attach.head.head.head.head  # "met on the sidelines of the forum in Kigali": where it is
        if attach.i not in {t.i for t in path} and not in_subtree and not (
                attach.pos_ in ("VERB", "AUX") and any(c.i == trigger.i for c in attach.subtree)):
            continue
        # the most specific place wins: a city or venue over a country named in the same clause
        rank = dist + (50 if canonical_country(text) else 0)
        if best is None or rank < best[0]:
            best = (rank, text)
    return best[1] if best else None
