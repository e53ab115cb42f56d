"""From raw mentions to events: resolve each report, merge repeats within an article, then merge
the reports of one occurrence across articles into one event with one mention per article."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import combinations
from typing import Any

from ..model import Actor, Article, ArticleExtraction, Event, Mention, Place, RawMention, TimeValue
from .actors import (
    actor_for,
    country_actor,
    identity,
    is_diplomatic,
    is_state_actor,
    person_actor,
    political_article,
    state_role,
)
from .context import (
    CALLS,
    city_of_country_places,
    fill_date_from_narrative,
    fill_date_from_summit,
    fill_from_article_city,
    fill_from_dateline,
    fill_from_summit,
    fill_from_visit,
)
from .countries import canonical_country, country_qid
from .dates import inferred_month, publication_time, resolve_time, text_anchor
from .keys import actor_key, country_key, match_key
from .places import resolve_place

LEADER_ROLE = re.compile(r"president|prime minister|premier|king|queen|emir|chancellor|sultan", re.I)
KIND_GROUP = {"meeting": "meeting", "talks": "meeting", "visit": "visit", "summit": "summit",
              "phone_call": "call", "video_call": "call"}
PRECISION_RANK = {"day": 3, "month": 2, "year": 1}


def _range(tv: TimeValue | None, end: TimeValue | None = None) -> tuple[str, str] | None:
    if tv is None:
        return None
    import calendar

    v = tv.value
    if tv.precision == "year":
        lo, hi = f"{v}-01-01", f"{v}-12-31"
    elif tv.precision == "month":
        y, m = (int(x) for x in v.split("-"))
        lo, hi = f"{v}-01", f"{v}-{calendar.monthrange(y, m)[1]:02d}"
    else:
        lo = hi = v
    if end is not None:
        hi = max(hi, (_range(end) or (hi, hi))[1])
    return lo, hi


def dates_compatible(a: TimeValue | None, b: TimeValue | None, a_end: TimeValue | None = None,
                     b_end: TimeValue | None = None) -> bool:
    ra, rb = _range(a, a_end), _range(b, b_end)
    if ra is None or rb is None:
        return True
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def _better_time(a: TimeValue | None, b: TimeValue | None) -> TimeValue | None:
    if a is None or (b is not None and (a.inferred and not b.inferred or
                                        PRECISION_RANK[b.precision] > PRECISION_RANK[a.precision]
                                        and a.inferred == b.inferred)):
        return b
    return a


def _narrower(b: TimeValue | None, b_end: TimeValue | None, a: TimeValue | None, a_end: TimeValue | None) -> bool:
    """Is b a narrower range inside a, both days the text states ("next week" and "on Tuesday" of one visit:
    the Tuesday)?"""
    if a is None or b is None or a.inferred or b.inferred or a.precision != "day" or b.precision != "day":
        return False
    ra, rb = _range(a, a_end), _range(b, b_end)
    return ra is not None and rb is not None and ra[0] <= rb[0] and rb[1] <= ra[1] and rb != ra


def _better_place(a: Place | None, b: Place | None) -> Place | None:
    if a is None:
        return b
    if b is None:
        return a
    score = lambda p: (p.venue is not None, p.geonames_id is not None)  # noqa: E731
    return b if score(b) > score(a) else a


_SCENES = ("cue.nondiplomatic.sport", "cue.nondiplomatic.entertainment", "cue.nondiplomatic.corporate",
           "cue.nondiplomatic.tech")


@lru_cache(maxsize=1)
def _scene_matcher() -> Any:
    from ..lexicon import Matcher, cues

    return Matcher(tuple(e for e in cues() if e.id in _SCENES))


def _not_diplomacy_scene(text: str) -> bool:
    """Does the sentence talk sport or show business (the cue lexicon's non-diplomatic scenes)?"""
    return bool(_scene_matcher().ids_in(text))


def _after_publication(begin: TimeValue | None, published: str | None) -> bool:
    """A date the text states that begins after the article was published ("the visit on 26 March",
    published in December): whatever the verb's tense, that contact had not happened yet."""
    if begin is None or begin.inferred or not published:
        return False
    lo, _ = _range(begin) or (None, None)
    pub_hi = (_range(TimeValue(published, "day" if len(published) == 10 else "month", None)) or (None, None))[1]
    return lo is not None and pub_hi is not None and lo > pub_hi


def resolve_mention(raw: RawMention, article: Article, names: dict[str, object],
                    anchor: str | None = None) -> Mention | None:
    """One report, resolved; ``pending`` when it is a contact only if another article of the build gives
    one of its people an office (its people have none here, nor in the knowledge base at that date)."""
    from ..model import NameInfo

    infos = {k: v for k, v in names.items() if isinstance(v, NameInfo)}
    today = article.published or anchor
    begin, end = resolve_time(raw.time_text, today, raw.tense)
    # the knowledge base's offices count at the date of the contact: the one the text gives, else (a past
    # contact) any office begun by the article's date, else the article's date
    stated = begin is not None and not begin.inferred
    when = begin.value if stated and begin is not None else None if raw.tense == "past" else today
    before = today if not stated and raw.tense == "past" else None
    actors: list[Actor] = []
    visitors: list[str] = []
    hosts: list[str] = []
    for p in raw.participants:
        actor = actor_for(p, infos, when, before)
        if actor is None or any(a.key == actor.key for a in actors):
            continue
        actors.append(actor)
        (visitors if p.side == "visitor" else hosts if p.side == "host" else []).append(actor.key)
    # the countries named with the sides tell which of several same-named cities is meant; a visitor's
    # own country does not (a visit goes abroad: Santiago de Chile, not the Peruvian town)
    home = {a.country for a in actors if a.key in visitors and a.country} if raw.kind == "visit" else set()
    context = tuple(a.name for a in actors if a.type == "country" and a.name not in home)
    place = resolve_place(raw.place_text, context)
    if raw.kind == "visit" and place is not None and place.country:
        # a visit's host is the country visited: a side beside its named host, once the visitor is known
        visitor_countries = {a.country for a in actors if a.key in visitors}
        if place.country not in visitor_countries and (visitors or not hosts):
            host = country_actor(place.country)
            if all(a.key != host.key for a in actors):
                actors.append(host)
    # a visit's host country stands for its leader when the article names exactly one
    if raw.kind == "visit" and any(a.type == "person" for a in actors if a.key in visitors):
        for a in list(actors):
            if a.type == "country" and a.key not in visitors:
                leaders = [n for n in infos.values() if n.country == a.name and n.role
                           and LEADER_ROLE.search(n.role)]
                if len(leaders) == 1 and all(x.name != leaders[0].name for x in actors):
                    leader = person_actor(leaders[0].name, (leaders[0].role or "",), a.name, when, before)
                    if leader is not None and all(x.key != leader.key for x in actors):
                        actors.append(leader)
    # a visit goes to a state: the country of the people who receive the visitor is a side too
    if raw.kind == "visit" and visitors:
        visiting = {a.country for a in actors if a.key in visitors and a.country}
        received = {a.country for a in actors if a.key not in visitors and a.type == "person" and a.country}
        if visiting and len(received - visiting) == 1:
            host = country_actor(next(iter(received - visiting)))
            if all(a.key != host.key for a in actors):
                actors.append(host)
    # a person and their own country are one side: keep the person
    people_countries = {a.country for a in actors if a.type == "person" and a.country}
    visitor_home = {a.country for a in actors if a.key in visitors and a.country}
    if sum(1 for a in actors if a.type == "person") >= 1:
        actors = [a for a in actors if not (a.type == "country" and a.name in people_countries)
                  or raw.kind == "visit" and a.key not in visitors and a.name not in visitor_home]
    if len(actors) < 2 and not (raw.kind in ("summit", "visit") and actors):
        return None  # a lone visitor may still join the article's report of that visit
    if _not_diplomacy_scene(raw.evidence.text) and not any(
            a.type == "person" and is_state_actor(a, False, when, before) for a in actors):
        return None  # "England meet Wales on Saturday", "received an award at the festival": teams, prizes
    pending = False
    if not is_diplomatic(actors, raw.kind, visitors, political_article([n.role for n in infos.values()]),
                         when=when, before=before):
        if not any(a.type == "person" for a in actors):
            return None
        pending = True  # business partners, athletes, defendants, unless the build says otherwise
    if begin is None and raw.status == "occurred" and raw.tense == "present":
        # happening now: the publication day; a caption's photo may be older: the month
        begin = inferred_month(article.published) if raw.is_caption else publication_time(article.published)
    status = "planned" if raw.status == "occurred" and _after_publication(begin, article.published) else raw.status
    return Mention(article_id=raw.article_id, kind=raw.kind, status=status, actors=tuple(actors),
                   place=place, begin=begin, end=end, evidence=raw.evidence, trigger=raw.trigger,
                   confidence=raw.confidence, is_caption=raw.is_caption,
                   visitors=tuple(k for k in visitors if any(a.key == k for a in actors)) if raw.kind == "visit" else (),
                   hosts=tuple(a.key for a in actors if a.key not in visitors) if raw.kind == "visit" and visitors else (),
                   pending=pending)


def _same_occurrence(a: Mention, b: Mention, *, across: bool) -> bool:
    if KIND_GROUP[a.kind] != KIND_GROUP[b.kind]:
        return False
    ka, kb = {x.key for x in a.actors}, {x.key for x in b.actors}
    common = ka & kb
    if a.kind == b.kind == "visit" and a.hosts and b.hosts and not set(a.hosts) & set(b.hosts):
        return False  # the legs of one trip: a visit to each host
    if across:
        # across articles only what both reports date (an undated "the meeting" could be any)
        if a.begin is None or b.begin is None or a.begin.inferred or b.begin.inferred:
            return False
        if a.begin.precision != "day" and b.begin.precision != "day" and a.begin.value != b.begin.value:
            return False
        if ka != kb and not (len(common) >= 2 and (ka <= kb or kb <= ka)):
            return False
    elif a.kind == b.kind == "summit" and _bodies(a) | _bodies(b) and not (
            _bodies(a) and _bodies(b) and not _bodies(a) & _bodies(b)) and not (
            _groups(a) ^ _groups(b) or (_bodies(a) ^ _bodies(b) and (_groups(a) | _groups(b)))):
        pass  # an article's reports of "the BRICS summit" and of the leaders gathering for it are one summit
    elif not (ka <= kb or kb <= ka or len(common) >= 2 or _represents(a, b) or _represents(b, a) or (
            a.kind == b.kind == "visit" and any(x.type == "person" for x in a.actors if x.key in common))):
        return False
    if a.begin is not None and b.begin is not None and not (a.begin.inferred or b.begin.inferred) \
            and not dates_compatible(a.begin, b.begin, a.end, b.end) and not _same_summit(a, b):
        return False
    if not _places_compatible(a.place, b.place):
        return False  # Washington and Moscow are two meetings
    if not across and a.status != b.status and {a.status, b.status} != {"planned", "cancelled"}:
        return False  # a caption of a held meeting and a planned one are two events
    return True


def _polities(m: Mention) -> set[str]:
    """The countries a report's sides are or belong to."""
    return {country_key(x.country) for x in m.actors if x.type == "person" and x.country} | {
        x.key for x in m.actors if x.type == "country"}


def _represents(a: Mention, b: Mention) -> bool:
    """"The India-Australia summit" and "Modi and Morrison met": countries only, each a side of the other
    report or the country of one of its people."""
    keys = {x.key for x in a.actors}
    return len(keys) >= 2 and all(x.type == "country" for x in a.actors) and keys <= _polities(b)


def _bodies(m: Mention) -> set[str]:
    return {a.key for a in m.actors if a.type == "organisation"}


def _groups(m: Mention) -> set[str]:
    return {a.key for a in m.actors if a.type == "group"}


def _compatible(a: Mention, b: Mention) -> bool:
    """Nothing in two reports contradicts their being one occurrence (dates, places)."""
    if a.begin is not None and b.begin is not None and not (a.begin.inferred or b.begin.inferred) \
            and not dates_compatible(a.begin, b.begin, a.end, b.end) and not _same_summit(a, b):
        return False
    return _places_compatible(a.place, b.place)


def _same_summit(a: Mention, b: Mention) -> bool:
    """Reports of one body's summit a few days apart (its opening, its final declaration) are one summit."""
    if not (a.kind == b.kind == "summit" and _bodies(a) & _bodies(b)) or a.begin is None or b.begin is None:
        return False
    ra, rb = _range(a.begin, a.end), _range(b.begin, b.end)
    if ra is None or rb is None:
        return True
    from datetime import date as _date

    gap = abs((_date.fromisoformat(ra[0]) - _date.fromisoformat(rb[0])).days)
    return gap <= 7


def _places_compatible(a: Place | None, b: Place | None) -> bool:
    """Two places can be one: either unknown or unresolved, the same, or one the other's country."""
    if a is None or b is None or a.key == b.key:
        return True
    if (a.geonames_id is None and a.country is None) or (b.geonames_id is None and b.country is None):
        return True  # an unresolved venue ("the Al-Yamamah Palace") contradicts nothing
    return a.name == b.country or b.name == a.country


def _combine(group: Sequence[Mention]) -> Mention:
    """One report per article: the body wins over captions; most precise date and place."""
    body = [m for m in group if not m.is_caption]
    captions = [m for m in group if m.is_caption] if body else []
    body = body or list(group)
    prose = [m for m in body if m.evidence.text.rstrip().endswith((".", "!", "?", '"', "'", ")"))]
    first = prose[0] if prose else body[0]  # a sentence of the body over a headline
    if first.status != "cancelled" and any(m.status == "cancelled" for m in body) \
            and all(m.status in ("planned", "cancelled") for m in body):
        first = next(m for m in (prose or body) + body if m.status == "cancelled")  # a plan called off is cancelled
    actors: dict[str, Actor] = {}
    for m in group:
        for a in m.actors:
            actors.setdefault(a.key, a)
    # a country and one of its people are one side: keep the person (a visit keeps its host country)
    people_of = {a.country for a in actors.values() if a.type == "person" and a.country}
    kept = {k: a for k, a in actors.items() if not (a.type == "country" and a.name in people_of)}
    if len(group) > 1 and len(kept) >= 2 and not any(m.kind == "visit" for m in group):
        actors = kept
    begin = end = None
    place = None
    for m in body + captions:
        nb = _better_time(begin, m.begin)
        if nb is not begin or _narrower(m.begin, m.end, begin, end):
            begin, end = m.begin, m.end
        place = _better_place(place, m.place)
    kinds = Counter(m.kind for m in body)
    kind = sorted(kinds, key=lambda k: (-kinds[k], k != first.kind))[0]
    visitors = tuple(dict.fromkeys(k for m in group for k in m.visitors))
    hosts = tuple(dict.fromkeys(k for m in group for k in m.hosts if k not in visitors))
    return Mention(article_id=first.article_id, kind=kind, status=first.status, actors=tuple(actors.values()),
                   place=place, begin=begin, end=end, evidence=first.evidence, trigger=first.trigger,
                   confidence=min(0.95, max(m.confidence for m in group) + 0.05 * (len(group) - 1)),
                   is_caption=all(m.is_caption for m in group), visitors=visitors, hosts=hosts,
                   pending=all(m.pending for m in group))


def merge_article(mentions: Iterable[Mention]) -> list[Mention]:
    groups: list[list[Mention]] = []
    for m in mentions:
        for g in groups:
            if all(_compatible(m, x) for x in g) and any(_same_occurrence(m, x, across=False) for x in g):
                g.append(m)
                break
        else:
            groups.append([m])
    return [_combine(g) for g in groups]


def refine_places(mentions: list[Mention]) -> list[Mention]:
    """"talks at the G20 summit in Russia" in an article whose other reports place it in Saint Petersburg:
    a country-level place becomes the one city of that country the article's reports name."""
    cities: dict[str, set[str]] = defaultdict(set)
    by_key: dict[str, Place] = {}
    for m in mentions:
        if m.place is not None and m.place.geonames_id is not None and m.place.country:
            cities[m.place.country].add(m.place.key)
            by_key[m.place.key] = m.place
    out = []
    for m in mentions:
        p = m.place
        if p is not None and p.geonames_id is None and p.name == p.country and len(cities.get(p.name, ())) == 1:
            m = replace(m, place=by_key[next(iter(cities[p.name]))])
        out.append(m)
    return out


def fill_from_context(mentions: list[Mention]) -> list[Mention]:
    """A report that does not say where or when borrows it from the article's other report of the same
    sides and kind of contact (a headline's planned talks, the body's visit that day)."""
    out = []
    for m in mentions:
        keys = {a.key for a in m.actors}
        donors = [d for d in mentions if d is not m and KIND_GROUP.get(d.kind) in (KIND_GROUP[m.kind], "visit")
                  and {a.key for a in d.actors} == keys
                  and (d.status == m.status or (m.status, d.status) == ("planned", "occurred"))]
        place = m.place or next((d.place for d in donors if d.place), None)
        begin, end = m.begin, m.end
        if begin is None:
            donor = next((d for d in donors if d.begin is not None and not d.begin.inferred), None)
            if donor is not None:
                begin, end = donor.begin, donor.end
        out.append(replace(m, place=place, begin=begin, end=end) if (place, begin) != (m.place, m.begin) else m)
    return out


def fill_from_sentence(mentions: list[Mention]) -> list[Mention]:
    """A meeting, talks or summit with no place of its own is where its sentence's other reports of the
    same status are, when they are all in one place ("talks between A and B in Lisbon began, with C
    meeting both ahead of the summit")."""
    out = []
    for m in mentions:
        if m.place is None and m.kind in ("meeting", "talks", "summit"):
            places = {d.place.key: d.place for d in mentions if d is not m and d.place is not None
                      and d.status == m.status and d.kind not in CALLS
                      and (d.evidence.start, d.evidence.end) == (m.evidence.start, m.evidence.end)}
            if len(places) == 1:
                m = replace(m, place=next(iter(places.values())))
        out.append(m)
    return out


def resolve_article(article: Article, extraction: ArticleExtraction, *, keep_pending: bool = False) -> list[Mention]:
    """The article's reports, resolved and merged within it.  ``keep_pending``: also those that are
    contacts only if another article of the build gives one of their people an office (a build keeps
    them for :func:`merge_events` to decide; on its own an article has none)."""
    names = {n.name: n for n in extraction.names}
    anchor = None if article.published else text_anchor(article.text)
    resolved = [m for m in (resolve_mention(r, article, names, anchor) for r in extraction.mentions)  # type: ignore[arg-type]
                if m]
    merged = [m for m in refine_places(fill_from_sentence(fill_from_context(merge_article(resolved))))
              if len(m.actors) >= 2 or m.kind == "summit" and any(a.type in ("organisation", "group") for a in m.actors)]
    merged = fill_from_dateline(fill_from_visit(fill_from_summit(merged, article.published or anchor)), article.text,
                                article.published or anchor)
    merged = fill_date_from_narrative(fill_date_from_summit(merged))
    merged = fill_from_article_city(city_of_country_places(merged, article.text), article.text)
    # what the text does not date is dated by the publication month, marked as inferred (a contact planned,
    # called off, denied or hoped for is one of that time); a held contact that news reports undated is
    # most likely that day's (the day, marked as inferred)
    month = inferred_month(article.published or anchor)
    day = publication_time(article.published or anchor)
    if month is not None:
        merged = [replace(m, begin=replace(day, inferred=True) if m.status == "occurred" and day and not m.is_caption
                          else month)
                  if m.begin is None else m for m in merged]
    return merged if keep_pending else [m for m in merged if not m.pending]


def _event_key(kind_group: str, actor_keys: Iterable[str], begin: TimeValue | None) -> str:
    basis = "|".join([kind_group, ",".join(sorted(actor_keys)), begin.value[:7] if begin else ""])
    return hashlib.sha1(basis.encode()).hexdigest()[:16]


COPY_DAYS = 3  # undated reports of articles published at most this many days apart can be one occurrence


def merge_events(mentions: Iterable[Mention], articles: Iterable[Article] | None = None) -> list[Event]:
    """Reports of one occurrence across articles -> one event (deterministic for the same input).

    With the build's ``articles`` (their metadata): the reports of copies of one story (same text
    under other ids, :func:`kg.resolve.copies.copy_groups`) are one report each, and undated reports
    of the same sides, kind and status in articles published at most :data:`COPY_DAYS` days apart are
    one occurrence (see :func:`cluster_reports`)."""
    ordered = sorted(mentions, key=lambda m: (m.article_id, m.evidence.start, m.kind))
    unify_people(ordered)
    ordered = confirm_pending(ordered)
    copies: dict[str, str] = {}
    published: dict[str, str] = {}
    if articles is not None:
        from .copies import copy_groups

        metas = list(articles)
        copies = copy_groups(metas)
        published = {a.id: a.published for a in metas if a.published and len(a.published) == 10}
    return events_of(cluster_reports(ordered, copies=copies, published=published))


def confirm_pending(mentions: list[Mention]) -> list[Mention]:
    """The reports kept pending (:func:`resolve_mention`) that another article of the build makes
    diplomatic: one of their people is given a state role there; the others are dropped."""
    if not any(m.pending for m in mentions):
        return mentions
    known = frozenset(identity(a) for m in mentions if not m.pending for a in m.actors
                      if a.type == "person" and any(state_role(r) for r in a.roles))
    return [replace(m, pending=False) if m.pending else m for m in mentions
            if not m.pending or is_diplomatic(m.actors, m.kind, m.visitors, known_offices=known, use_kb=False)]


def _undated(m: Mention) -> bool:
    return m.begin is None or m.begin.inferred


def _days_apart(a: str, b: str) -> int:
    from datetime import date

    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return 1 << 30


def cluster_reports(ordered: Sequence[Mention], *, copies: dict[str, str] | None = None,
                    published: dict[str, str] | None = None) -> list[list[Mention]]:
    """Each report, in order, joins the first cluster (in order of creation) that holds no report of
    its article and one report it is the same occurrence as (:func:`_same_occurrence`), else starts
    a cluster.  The clusters it could join are found through an index (:class:`_ClusterIndex`)
    rather than among all the clusters sharing an actor with it: near-linear time, where news
    about a few leaders made it quadratic.

    Copies (``copies``: article -> its group of copies): a report first joins the cluster of the same
    report in another copy (same kind of contact, actors and status), dated or not.  Undated reports
    (no date, or the publication month): one joins a cluster of undated reports of the same kind of
    contact, actors and status from an article published (``published``: article -> ISO date) at most
    :data:`COPY_DAYS` days from its own."""
    copies = copies or {}
    published = published or {}
    clusters: list[list[Mention]] = []
    articles: list[set[str]] = []  # the articles of each cluster
    index = _ClusterIndex()
    same: dict[tuple[str, str, frozenset[str], str], list[int]] = defaultdict(list)  # copy group, ... -> clusters
    undated: dict[tuple[str, frozenset[str], str], list[tuple[int, str]]] = defaultdict(list)
    for m in ordered:
        keys = index.keys(m)
        sides = frozenset(a.key for a in m.actors)
        group = copies.get(m.article_id)
        twin = (group, KIND_GROUP[m.kind], sides, m.status) if group is not None else None
        day = published.get(m.article_id) if _undated(m) else None
        loose = (KIND_GROUP[m.kind], sides, m.status)
        found = None
        if twin is not None:
            found = next((i for i in same.get(twin, ()) if m.article_id not in articles[i]), None)
        if found is None and day is not None:
            found = next((i for i, d in undated.get(loose, ()) if m.article_id not in articles[i]
                          and _days_apart(d, day) <= COPY_DAYS and all(_places_compatible(m.place, x.place)
                                                                       for x in clusters[i])), None)
        if found is None:
            for i, reports in index.candidates(keys):
                if m.article_id not in articles[i] and any(_same_occurrence(m, x, across=True) for x in reports):
                    found = i
                    break
        if found is not None:
            i = found
            clusters[i].append(m)
            articles[i].add(m.article_id)
        else:
            clusters.append([m])
            articles.append({m.article_id})
            i = len(clusters) - 1
        index.add(keys, i, m)
        if twin is not None and i not in same[twin]:
            same[twin].append(i)
        if day is not None:
            undated[loose].append((i, day))
    return clusters


def events_of(clusters: Iterable[Sequence[Mention]]) -> list[Event]:
    """One event per cluster of reports, sorted by key (keys made unique)."""
    events = []
    for group in clusters:
        merged = _combine(group)
        key = _event_key(KIND_GROUP[merged.kind], (a.key for a in merged.actors), merged.begin)
        events.append(Event(key=key, kind=merged.kind, actors=merged.actors, place=merged.place,
                            begin=merged.begin, end=merged.end, mentions=tuple(group),
                            confidence=merged.confidence))
    seen: Counter[str] = Counter()
    out = []
    for ev in sorted(events, key=lambda e: (e.key, e.mentions[0].article_id, e.mentions[0].evidence.start)):
        seen[ev.key] += 1
        if seen[ev.key] > 1:
            ev = Event(key=f"{ev.key}-{seen[ev.key]}", kind=ev.kind, actors=ev.actors, place=ev.place,
                       begin=ev.begin, end=ev.end, mentions=ev.mentions, confidence=ev.confidence)
        out.append(ev)
    return out


_Key = tuple[str, tuple[str, ...], tuple[int, int] | None]  # kind group, actor pair (or the one actor), month


class _ClusterIndex:
    """Where the reports a report could be the same occurrence as are: by kind group, pair of actors
    and month.

    ``_same_occurrence(m, x, across=True)`` needs (see there): both dated, neither date inferred;
    the same kind group; the same actors, or two actors in common and one side's actors all among
    the other's, so at least two actors in common (one actor alone: the same one); date ranges that
    overlap, so a month in common, or, for two reports of one body's summit, starts at most 7 days
    apart.  Each report of a cluster is filed under every (kind group, actor pair, month) it could
    be found by, and a report looks under its own: every report it could be the same occurrence as
    is found, with its cluster, and few others.  Undated reports and reports whose date is inferred
    are the same occurrence as no report: they are not filed.  A date that is not an ISO day, month
    or year is filed under "any month"."""

    def __init__(self) -> None:
        self._filed: dict[_Key, dict[int, list[Mention]]] = {}  # key -> cluster -> its reports filed there
        self._months: dict[tuple[str, tuple[str, ...]], set[tuple[int, int] | None]] = {}

    def keys(self, m: Mention) -> list[_Key]:
        if m.begin is None or m.begin.inferred:
            return []
        keys = sorted({a.key for a in m.actors})
        sides = [(k,) for k in keys] if len(keys) == 1 else list(combinations(keys, 2))
        months = _months(m)
        group = KIND_GROUP[m.kind]
        return [(group, side, month) for side in sides for month in months]

    def candidates(self, keys: list[_Key]) -> Iterator[tuple[int, Iterator[Mention]]]:
        """The clusters with reports filed under ``keys``, in order of creation, each with those
        reports (lazily: the first one found the same occurrence is usually the first one)."""
        lookups: list[_Key] = []
        for group, side, month in keys:
            if month is None:  # a date the index cannot place: every month of its group and actors
                lookups += [(group, side, other) for other in self._months.get((group, side), ())]
            else:
                lookups += [(group, side, month), (group, side, None)]
        filed = [self._filed[key] for key in dict.fromkeys(lookups) if key in self._filed]
        for cluster in sorted({c for clusters in filed for c in clusters}):
            yield cluster, (x for clusters in filed for x in clusters.get(cluster, ()))

    def add(self, keys: list[_Key], cluster: int, report: Mention) -> None:
        for key in keys:
            filed = self._filed.get(key)
            if filed is None:
                filed = self._filed[key] = {}
                self._months.setdefault(key[:2], set()).add(key[2])
            filed.setdefault(cluster, []).append(report)


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _months(m: Mention) -> list[tuple[int, int] | None]:
    """The months a dated report could be found in: those its date range touches, and for a summit
    also those of the week around its start (see :func:`_same_summit`); ``[None]`` when its date
    is not one :func:`_range` reads as ISO days."""
    from datetime import date, timedelta

    try:
        span = _range(m.begin, m.end)
        if span is None or not (_ISO_DAY.fullmatch(span[0]) and _ISO_DAY.fullmatch(span[1])):
            return [None]
        lo, hi = date.fromisoformat(span[0]), date.fromisoformat(span[1])
        if m.kind == "summit":
            lo, hi = lo - timedelta(days=7), max(hi, lo + timedelta(days=7))
    except (ValueError, OverflowError):
        return [None]
    months: list[tuple[int, int] | None] = []
    year, month = lo.year, lo.month
    while (year, month) <= (hi.year, hi.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def canonical_actors(mentions: Sequence[Mention]) -> dict[tuple[str, str], Actor]:
    """One actor per real actor of the build, for each (type, key) the reports use.

    People are one by Wikidata id, else by the compared name (:func:`kg.resolve.keys.match_key`:
    Sergei/Sergey); a surname alone ("Putin") is the one person of the build with that surname, and an
    unlinked name whose words end another one's ("Lula da Silva") is that person when only one fits.
    Each gets a label (the knowledge base's name, else the spelling most reports use, the longest on
    a tie), its other spellings as ``alt_names``, and a readable key made from the label
    (:func:`kg.resolve.keys.actor_key`); bodies get their full name as label and their acronym among
    the alternative names; countries their Wikidata id."""
    from ..kb import lookup_body, person_by_qid

    seen: dict[tuple[str, str], list[Actor]] = defaultdict(list)
    for m in mentions:
        for a in m.actors:
            seen[(a.type, a.key)].append(a)
    # people: group by identity
    ident_of: dict[tuple[str, str], str] = {}
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for (type_, key), actors in seen.items():
        if type_ != "person":
            continue
        for a in actors:
            ident = identity(a)
            ident_of.setdefault((type_, key), ident)  # a key is one identity: the first (sorted) report's
            names[ident_of[(type_, key)]][a.name] += 1
    full = {i: c for i, c in names.items() if any(len(match_key(n).split("-")) >= 2 for n in c)}
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_tail: dict[str, set[str]] = defaultdict(set)
    for i, c in full.items():
        for n in c:
            toks = match_key(n).split("-")
            if len(toks) >= 2:
                by_surname[toks[-1]].add(i)
                for k in range(1, len(toks) - 1):
                    by_tail["-".join(toks[k:])].add(i)  # "Lula da Silva" ends "Luiz Inácio Lula da Silva"
                    by_tail["-".join(toks[:k + 1])].add(i)  # "Yun Byun" begins "Yun Byun-se"
            if len(toks) == 2:
                by_tail["-".join(reversed(toks))].add(i)  # "Abe Shinzo" is "Shinzo Abe"
    target: dict[str, str] = {}
    for i in names:
        if not i.startswith("name:"):  # a person of the knowledge base
            continue
        toks = i.removeprefix("name:").split("-")
        cands = by_surname.get(toks[0], set()) if len(toks) == 1 else by_tail.get("-".join(toks), set())
        cands = {x for x in cands if x != i and (not x.startswith("name:") or len(x) > len(i)
                                                 or names[x].total() > names[i].total()
                                                 or names[x].total() == names[i].total() and x < i)}
        if len(cands) == 1:
            target[i] = next(iter(cands))
    merged_names: dict[str, Counter[str]] = defaultdict(Counter)
    for i, c in names.items():
        merged_names[target.get(i, i)].update(c)
    out: dict[tuple[str, str], Actor] = {}
    used: dict[str, str] = {}  # key -> identity, so that two real actors never share a key
    for (type_, key), actors in sorted(seen.items()):
        if type_ == "person":
            continue
        label, alt, qid = actors[0].name, set(), next((a.wikidata for a in actors if a.wikidata), None)
        counts = Counter(a.name for a in actors)
        if type_ == "organisation":
            body = lookup_body(key.replace("-", " ")) or lookup_body(actors[0].name)
            if body is not None and body.key == key:
                label, qid = body.name, body.qid
                alt = {body.short} if body.short != body.name else set()
            else:
                label = min(counts, key=lambda n: (-counts[n], -len(n), n))
        elif type_ == "country":
            label = min(counts, key=lambda n: (-counts[n], -len(n), n))
            qid = qid or country_qid(label)
        else:
            label = min(counts, key=lambda n: (-counts[n], -len(n), n))
        alt |= set(counts) - {label}
        country = next((a.country for a in actors if a.country), None)
        out[(type_, key)] = Actor(key=key, name=label, type=type_, country=country,
                                  alt_names=tuple(sorted(alt)), wikidata=qid)
        used[key] = f"{type_}:{key}"
    people: dict[str, Actor] = {}
    for ident in sorted(merged_names):
        c = merged_names[ident]
        kb = None if ident.startswith("name:") else person_by_qid(ident)
        label = kb.name if kb else min(c, key=lambda n: (-c[n], -len(n), n))
        key = actor_key(label)
        if used.get(key, ident) != ident:
            key = actor_key(f"{label} {ident.lower() if kb else hashlib.sha1(ident.encode()).hexdigest()[:6]}")
        used[key] = ident
        people[ident] = Actor(key=key, name=label, type="person", country=None,
                              alt_names=tuple(sorted(set(c) - {label})), wikidata=kb.qid if kb else None)
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    for (type_, key), ident in ident_of.items():
        for a in seen[(type_, key)]:
            if a.country:
                countries[target.get(ident, ident)][a.country] += 1
    for (type_, key), ident in ident_of.items():
        ident = target.get(ident, ident)
        p = people[ident]
        kb = None if ident.startswith("name:") else person_by_qid(ident)
        home = canonical_country(kb.country) if kb and kb.country else None
        seen_in = countries.get(ident)
        country = home or (min(seen_in, key=lambda n: (-seen_in[n], n)) if seen_in else None)
        out[(type_, key)] = replace(p, country=country)
    return out


def unify_people(mentions: list[Mention]) -> None:
    """Every report's actors become the build's canonical actors (:func:`canonical_actors`), in place:
    one node per real actor, with its label, other spellings, Wikidata id and readable key; each
    report keeps the roles its article gives."""
    table = canonical_actors(mentions)
    for idx, m in enumerate(mentions):
        rekey: dict[str, str] = {}
        uniq: dict[str, Actor] = {}
        for a in m.actors:
            c = table[(a.type, a.key)]
            rekey[a.key] = c.key
            if c.key in uniq:
                roles = tuple(sorted(set(uniq[c.key].roles) | set(a.roles)))
                uniq[c.key] = replace(uniq[c.key], roles=roles)
            else:
                uniq[c.key] = replace(c, roles=a.roles)
        actors = tuple(uniq.values())
        if actors != m.actors or any(rekey[k] != k for k in m.visitors + m.hosts):
            visitors = tuple(dict.fromkeys(rekey.get(k, k) for k in m.visitors))
            hosts = tuple(dict.fromkeys(rekey.get(k, k) for k in m.hosts if rekey.get(k, k) not in visitors))
            mentions[idx] = replace(m, actors=actors, visitors=visitors, hosts=hosts)


__all__ = ["resolve_article", "merge_events", "canonical_country"]
