"""Where a report that names no place happened, from the rest of its article.

- A dateline ("HANOI, March 3 (Reuters) -", "HANOI —") says where the story was filed: a contact the
  story reports as held in the days around its publication, with no place of its own, was there.
- Meetings on the sidelines of a summit are where the summit is: a meeting or talks with no place, in
  an article that places its one summit in one city, on compatible dates, took place in that city.
- A visitor's meetings are where the visit went: a meeting or talks with no place whose sides include
  the visitor of the article's one visit with a place (of the same status, on compatible dates) took
  place there.
Calls never take a place.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ..model import Mention, Place
from .places import resolve_place

CALLS = {"phone_call", "video_call"}
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,2})"      # HANOI, NEW DELHI, PORT-AU-PRINCE
    r"(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"               # , Vietnam / , Jan. 5
    r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?"                              # 5, 2024
    r"\s*(?:\([A-Za-z .]+\))?\s*(?:—|–|-|:|,)\s", re.MULTILINE)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# a title-case dateline needs its date or agency: "Lima, May 3 -", "United Nations/New York, September 26",
# "Lima (Agency) -"
_TITLE_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][a-z'.\-]+(?: [A-Z][a-z'.\-]+){0,2}(?:/[A-Z][a-z'.\-]+(?: [A-Z][a-z'.\-]+){0,2})?)"
    r"(?:,\s*" + _MONTH + r"\s+\d{1,2}\b|\s*\([A-Z][A-Za-z .]+\)\s*(?:—|–|-|:))", re.MULTILINE)
_META = re.compile(r"^\s*date\s+\d{4}-\d\d-\d\d\s*$", re.MULTILINE | re.IGNORECASE)
_NOT_CITY = {"UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "WATCH", "VIDEO", "PHOTOS", "LIVE", "ANALYSIS",
             "OPINION", "EDITORIAL", "COMMENT", "NEWS", "WORLD", "POLITICS", "AP", "AFP", "REUTERS", "FILE"}


def dateline_place(text: str, head_chars: int = 600) -> Place | None:
    """The city of the article's dateline, when it has one and it is a known city."""
    head = _META.sub("", text[:head_chars])
    for m in _DATELINE.finditer(head):
        city = m["city"].strip(" .-'")
        if city in _NOT_CITY or len(city) < 3:
            continue
        place = resolve_place(city.title())
        if place is not None and place.geonames_id is not None:
            return place
    for m in _TITLE_DATELINE.finditer(head):
        place = resolve_place(m["city"].split("/")[-1])
        if place is not None and place.geonames_id is not None:
            return place
    return None


def _near(m: Mention, published: str | None, days: int = 7) -> bool:
    if m.begin is None or m.begin.inferred:
        return True
    if not published or m.begin.precision != "day":
        return False
    try:
        return abs((date.fromisoformat(m.begin.value) - date.fromisoformat(published[:10])).days) <= days
    except ValueError:
        return False


def fill_from_dateline(mentions: list[Mention], text: str, published: str | None) -> list[Mention]:
    place = dateline_place(text)
    if place is None:
        return mentions
    return [replace(m, place=place) if m.place is None and m.kind not in CALLS and m.status == "occurred"
            and not m.is_caption and _near(m, published) else m for m in mentions]


def _same_occasion(status: str, occasion: str) -> bool:
    """Can a contact of this status be part of a summit or visit of that one? A planned, hoped-for or
    denied meeting at a summit or visit that is on or going ahead is; nothing is part of one called off."""
    if occasion in ("cancelled", "denied", "hypothetical"):
        return status == occasion
    return status == occasion or status in ("planned", "hypothetical", "denied")


SUMMIT_DAYS = 31  # an undated meeting at "the summit" of an article naming several is at the one of its time


def _of_the_time(s: Mention, published: str | None) -> bool:
    """Is a summit one of the article's own time (stated dates within SUMMIT_DAYS of publication)?"""
    from datetime import timedelta

    from .merge import _range

    span = _range(s.begin, s.end) if s.begin is not None and not s.begin.inferred else None
    if span is None or not published:
        return False
    try:
        pub = date.fromisoformat(published[:10])
    except ValueError:
        return False
    lo, hi = (pub - timedelta(days=SUMMIT_DAYS)).isoformat(), (pub + timedelta(days=SUMMIT_DAYS)).isoformat()
    return span[0] <= hi and lo <= span[1]


def fill_from_summit(mentions: list[Mention], published: str | None = None) -> list[Mention]:
    """A meeting with no place is where the article's summit of its status and dates is; of several
    summits in several cities (this one, earlier ones), an undated meeting is at the one of the
    article's own time."""
    summits = [m for m in mentions if m.kind == "summit" and m.place is not None and m.place.geonames_id is not None]
    if not summits:
        return mentions
    from .merge import dates_compatible

    out = []
    for m in mentions:
        if m.place is None and m.kind in ("meeting", "talks"):
            undated = m.begin is None or m.begin.inferred
            cands = {s.place.key: s for s in summits if s.place is not None and _same_occasion(m.status, s.status)
                     and (undated or s.begin is None or dates_compatible(m.begin, s.begin, m.end, s.end))}
            if len(cands) > 1 and undated:
                cands = {k: s for k, s in cands.items() if _of_the_time(s, published)}
            if len(cands) == 1:
                m = replace(m, place=next(iter(cands.values())).place)
        out.append(m)
    return out


def fill_from_visit(mentions: list[Mention]) -> list[Mention]:
    from .merge import dates_compatible

    out = []
    for m in mentions:
        if m.place is None and m.kind in ("meeting", "talks"):
            keys = {a.key for a in m.actors}
            visits = {v.place.key: v for v in mentions if v.kind == "visit" and v.place is not None
                      and _same_occasion(m.status, v.status) and set(v.visitors) & keys and (
                          m.begin is None or v.begin is None or m.begin.inferred or v.begin.inferred
                          or dates_compatible(m.begin, v.begin, m.end, v.end))}
            if len(visits) == 1:
                m = replace(m, place=next(iter(visits.values())).place)
        out.append(m)
    return out


# "meet at the G20 summit", "on the sidelines of the summit", "visit Osaka during the summit": a contact
# the summit hosts; not one "ahead of" or "after" it
_AT_SUMMIT = re.compile(r"\b(?:at|during|on the sidelines of|on the margins of|in the margins of|in the sidelines of)"
                        r"\s+(?:the|this|this week's|next week's)\s+(?:[\w'’.-]+\s+){0,4}summit\b", re.IGNORECASE)


def fill_date_from_summit(mentions: list[Mention]) -> list[Mention]:
    """A contact "at the summit" the text does not date is on the dates of the article's summit: the one date
    its held or planned summit reports state (marked inferred). Calls are never at a summit."""
    dated = {(s.begin, s.end) for s in mentions if s.kind == "summit" and s.status in ("occurred", "planned")
             and s.begin is not None and not s.begin.inferred}
    if len(dated) != 1:
        return mentions
    begin, end = next(iter(dated))
    status = next(s.status for s in mentions if s.kind == "summit" and (s.begin, s.end) == (begin, end))
    assert begin is not None
    return [replace(m, begin=replace(begin, inferred=True), end=end and replace(end, inferred=True))
            if (m.begin is None or m.begin.inferred) and m.kind not in CALLS and _AT_SUMMIT.search(m.evidence.text)
            and _same_occasion(m.status, status) else m for m in mentions]


NARRATIVE_CHARS = 1200  # how far back a report's "also met" may lean on the previous dated contact


def fill_date_from_narrative(mentions: list[Mention]) -> list[Mention]:
    """"He met X on Monday. He also met Y." A held contact the text does not date, told just after a
    held contact it dates to a day and sharing one of its people, was that day (marked inferred)."""
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].evidence.start)
    out = list(mentions)
    last: Mention | None = None
    for i in order:
        m = mentions[i]
        if m.status != "occurred" or m.is_caption:
            continue
        if m.begin is not None and not m.begin.inferred:
            if m.begin.precision == "day" and m.end is None:
                last = m
            continue
        if m.begin is None and last is not None and m.kind != "visit" \
                and m.evidence.start - last.evidence.end <= NARRATIVE_CHARS \
                and {a.key for a in m.actors} & {a.key for a in last.actors} and last.begin is not None:
            out[i] = replace(m, begin=replace(last.begin, inferred=True))
    return out


def city_of_country_places(mentions: list[Mention], text: str) -> list[Mention]:
    """A visit or meeting placed only in a country ("a visit to Cuba"), in an article that names exactly
    one city of that country, was in that city."""
    from .places import cities_named_in

    out = []
    cache: dict[str, list[Place]] = {}
    located: dict[str, Place] | None = None
    for m in mentions:
        p = m.place
        if p is not None and p.geonames_id is None and p.country and p.name == p.country and m.kind not in CALLS:
            if p.name not in cache:
                cache[p.name] = cities_named_in(text, p.name)
            cities = cache[p.name]
            if len(cities) > 1:  # of several, the one the text says the gathering is held in or people are in
                located = presence_cities(text, _HELD) if located is None else located
                cities = [c for c in cities if c.key in located]
            if len(cities) == 1:
                m = replace(m, place=cities[0])
        out.append(m)
    return out


# "arrived in Lima", "is in Lima to attend", "were in Lima for talks": someone of the story is there
# "travelled to Lima", "is travelling to the Peruvian capital Lima": someone of the story goes there
_PRESENCE = re.compile(r"\b(?:(?:arrived|arrives|arriving|landed|lands|touched down|is|was|are|were|has been|have been"
                       r"|had been)\s+in|(?:travelled|traveled|travelling|traveling|flew|headed|heading)\s+to)\s+"
                       r"(?:the\s+(?:[A-Z][\w'’-]*\s+){1,2}capital,?\s+)?"
                       r"(?P<place>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})(?!['’]s)")


# "is taking place in Lima", "being held in Lima", "was hosted in Lima": a gathering is there
_HELD = re.compile(_PRESENCE.pattern.replace(r"(?:(?:arrived|", r"(?:(?:tak(?:es|ing|en) place|took place|held|hosted|"
                                             r"arrived|", 1))


def presence_cities(text: str, pattern: re.Pattern[str] = _PRESENCE) -> dict[str, Place]:
    """The cities an article says someone has arrived in or is in (or, with ``_HELD``, that a gathering
    is held in), by key."""
    out: dict[str, Place] = {}
    for m in pattern.finditer(text):
        words = m["place"].split()
        for n in range(len(words), 0, -1):  # "Lima On" is not a name; "Port Moresby" is
            place = resolve_place(" ".join(words[:n]))
            if place is not None and place.geonames_id is not None:
                out.setdefault(place.key, place)
                break
    return out


def fill_from_article_city(mentions: list[Mention], text: str = "") -> list[Mention]:
    """A meeting, talks or summit with no place of its own, in an article whose reports all place their
    contacts in one and the same city, and that says its people arrived or are in no other city, was in
    that city ("is in Lima to attend the forum ... has held talks with X so far")."""
    donors = [m for m in mentions if m.place is not None and m.place.geonames_id is not None and m.kind not in CALLS]
    cities: dict[str, Place] = {}
    for d in donors:
        if d.place is not None:
            cities.setdefault(d.place.key, d.place)
    for k, p in (presence_cities(text) if text else {}).items():
        cities.setdefault(k, p)
    if len(cities) != 1:
        return mentions
    city = next(iter(cities.values()))
    return [replace(m, place=city) if m.place is None and m.kind in ("meeting", "talks", "summit") and (
        not donors or any(not (d.status in ("cancelled", "denied") and m.status == "occurred") for d in donors))
        else m for m in mentions]  # nothing held takes the city of a gathering called off
