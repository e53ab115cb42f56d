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


def _lift_adverb(tok: Any) -> Any:
    """"is back in Lima", "was here in Lima": the place belongs to the verb the adverb modifies."""
    return tok.head if tok.dep_ == "advmod" and tok.pos_ == "ADV" and tok.head.i != tok.i else tok


# verbs of a clause on the trigger that say where it is
# ("which took place in X", "talks scheduled for Monday in X"); the pipeline has no lemmatiser
_LOCATING = frozenset(
    f"{stem}{end}" for stem, ends in (
        ("take", ("", "s", "n")), ("took", ("",)), ("taking", ("",)), ("hold", ("", "s", "ing")), ("held", ("",)),
        ("host", ("", "s", "ed", "ing")), ("happen", ("", "s", "ed", "ing")), ("occur", ("", "s", "red", "ring")),
        ("convene", ("", "s", "d")), ("convening", ("",)), ("is", ("",)), ("was", ("",)), ("were", ("",)),
        ("begin", ("", "s", "ning")), ("began", ("",)), ("begun", ("",)), ("start", ("", "s", "ed", "ing")),
        ("open", ("", "s", "ed", "ing")), ("end", ("", "s", "ed")), ("conclude", ("", "s", "d")),
        ("continue", ("", "s", "d")), ("schedule", ("", "d")), ("plan", ("", "ned")), ("set", ("",)))
    for end in ends)


def _clause_between(tok: Any, trigger: Any) -> bool:
    """Is there a clause of its own between ``tok`` and the trigger it hangs under ("talks aimed at
    ending the war in Sudan"), other than one that places the trigger ("which took place in")?"""
    for a in tok.ancestors:
        if a.i == trigger.i:
            return False
        if a.pos_ == "VERB" and not (a.head.i == trigger.i and a.lower_ in _LOCATING):
            return True
    return False


def _city_before(trigger: Any) -> str | None:
    """A city's name compounded in front of a gathering ("the Madrid Summit", "the Camp David talks"),
    even when the recogniser took the whole for an organisation."""
    if trigger.lower_ not in _GATHERINGS:
        return None
    words = [c for c in trigger.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < trigger.i]
    if not words:
        return None
    first = min(w.left_edge.i for w in words)
    toks = [t for t in trigger.doc[first:trigger.i] if t.pos_ == "PROPN"]
    if not toks or toks[-1].i != trigger.i - 1:
        return None
    text = " ".join(t.text for t in toks)
    return text if _known_city(text, RELABEL_POPULATION) else None


def _sidelines_of(sent: Any, trigger: Any) -> Any:
    """The "sidelines" of "on the sidelines of <gathering>" that the trigger's clause or phrase has."""
    path = {trigger.i} | {a.i for a in trigger.ancestors}
    for tok in sent:
        if tok.lower_ in _SIDELINES and tok.dep_ == "pobj" and tok.head.lower_ in ("on", "at", "in"):
            if tok.head.head.i in path or any(t.i == trigger.i for t in tok.subtree):
                return tok
    return None


def _follows_in_phrase(sidelines: Any, root: Any) -> bool:
    """Does the place come after "sidelines of the ...", with no clause break in between ("on the
    sidelines of the forum meet in Kigali", "... the summit being held in Kigali")?"""
    if root.i <= sidelines.i:
        return False
    between = sidelines.doc[sidelines.i + 1:root.i]
    return not any(t.text in (",", ";", ":", "(", ")") or t.lower_ in ("where", "which", "who", "while", "after")
                   or t.dep_ in ("nsubj", "nsubjpass") for t in between)


def place_of(sent: Any, trigger: Any) -> str | None:
    """The place the sentence gives for the event: "in Riyadh", "at the Kremlin", "visited Moscow",
    "the Geneva talks" (a city, never a country, in front of the trigger: "the Syria talks" is a topic)."""
    best: tuple[int, str] | None = None
    for tok in sent:  # "arrived in the Egyptian capital", "is back in the Egyptian capital for talks"
        cap = _capital_phrase(tok)
        if cap and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "to", "at") and (
                _lift_adverb(tok.head.head).i == trigger.i
                or any(a.i == _lift_adverb(tok.head.head).i for a in trigger.ancestors)):
            return cap
    city = _city_before(trigger)
    if city:
        return city  # "the Madrid Summit" that the recogniser took whole for an organisation
    sidelines = _sidelines_of(sent, trigger)
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
        if sidelines is not None and _follows_in_phrase(sidelines, root) and prep is not None \
                and prep.lower_ in ("in", "at"):
            rank = dist + (50 if canonical_country(text) else 0)
            if best is None or rank < best[0]:
                best = (rank, text)  # "on the sidelines of the ministers' meet in Bolivia", however parsed
            continue
        # the place must hang from the trigger's own clause, not from background ("the war in Ukraine")
        path = [trigger] + list(trigger.ancestors)[:3]
        attach = _lift_adverb(prep.head if prep is not None else root.head)
        if attach.i != trigger.i and attach.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in attach.children):
            continue  # "visited Kuwait but has not been to Riyadh": a place the clause says it was not
        in_subtree = any(t.i == attach.i for t in trigger.subtree)
        if in_subtree and attach.i != trigger.i and _clause_between(attach, trigger):
            continue  # "talks aimed at ending the war in Sudan": the place of what the talks are about
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
