"""From raw mentions to events: resolve each report, merge repeats within an article, then merge
the reports of one occurrence across articles into one event with one mention per article."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import combinations

from ..model import Actor, Article, ArticleExtraction, Event, Mention, Place, RawMention, TimeValue
from .context import fill_from_dateline, fill_from_summit, fill_from_visit
from .actors import actor_for, is_diplomatic, person_key, political_article
from .countries import canonical_country
from .dates import inferred_month, publication_time, resolve_time, text_anchor
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


def _better_place(a: Place | None, b: Place | None) -> Place | None:
    if a is None:
        return b
    if b is None:
        return a
    score = lambda p: (p.venue is not None, p.geonames_id is not None)  # noqa: E731
    return b if score(b) > score(a) else a


def resolve_mention(raw: RawMention, article: Article, names: dict[str, object],
                    anchor: str | None = None) -> Mention | None:
    from ..model import NameInfo

    infos = {k: v for k, v in names.items() if isinstance(v, NameInfo)}
    actors: list[Actor] = []
    visitors: list[str] = []
    hosts: list[str] = []
    for p in raw.participants:
        actor = actor_for(p, infos)
        if actor is None or any(a.key == actor.key for a in actors):
            continue
        actors.append(actor)
        (visitors if p.side == "visitor" else hosts if p.side == "host" else []).append(actor.key)
    context = tuple(a.name for a in actors if a.type == "country")
    place = resolve_place(raw.place_text, context)
    if raw.kind == "visit" and place is not None and place.country:
        # a visit's host is the country visited when no host is named
        visitor_countries = {a.country for a in actors if a.key in visitors}
        if not hosts and place.country not in visitor_countries:
            host = Actor(key=place.country.lower().replace(" ", "-"), name=place.country, type="country",
                         country=place.country)
            if all(a.key != host.key for a in actors):
                actors.append(host)
    # a visit's host country stands for its leader when the article names exactly one
    if raw.kind == "visit" and any(a.type == "person" for a in actors if a.key in visitors):
        for a in list(actors):
            if a.type == "country" and a.key not in visitors:
                leaders = [n for n in infos.values() if n.country == a.name and n.role
                           and LEADER_ROLE.search(n.role)]
                if len(leaders) == 1 and all(x.name != leaders[0].name for x in actors):
                    actors.append(Actor(key=person_key(leaders[0].name), name=leaders[0].name, type="person",
                                        country=a.name, roles=(leaders[0].role or "",)))
    # a person and their own country are one side: keep the person
    people_countries = {a.country for a in actors if a.type == "person" and a.country}
    visitor_home = {a.country for a in actors if a.key in visitors and a.country}
    if sum(1 for a in actors if a.type == "person") >= 1:
        actors = [a for a in actors if not (a.type == "country" and a.name in people_countries)
                  or raw.kind == "visit" and a.key not in visitors and a.name not in visitor_home]
    if len(actors) < 2 and not (raw.kind in ("summit", "visit") and actors):
        return None  # a lone visitor may still join the article's report of that visit
    if not is_diplomatic(actors, raw.kind, visitors, political_article([n.role for n in infos.values()])):
        return None  # business partners, athletes, defendants: people with no state role on any side
    begin, end = resolve_time(raw.time_text, article.published or anchor, raw.tense)
    if begin is None and raw.status == "occurred" and raw.tense == "present":
        # happening now: the publication day; a caption's photo may be older: the month
        begin = inferred_month(article.published) if raw.is_caption else publication_time(article.published)
    return Mention(article_id=raw.article_id, kind=raw.kind, status=raw.status, actors=tuple(actors),
                   place=place, begin=begin, end=end, evidence=raw.evidence, trigger=raw.trigger,
                   confidence=raw.confidence, is_caption=raw.is_caption,
                   visitors=tuple(k for k in visitors if any(a.key == k for a in actors)) if raw.kind == "visit" else (),
                   hosts=tuple(a.key for a in actors if a.key not in visitors) if raw.kind == "visit" and visitors else ())


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
    elif not (ka <= kb or kb <= ka or len(common) >= 2 or (
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
    begin = end = None
    place = None
    for m in body + captions:
        nb = _better_time(begin, m.begin)
        if nb is not begin:
            begin, end = nb, m.end
        place = _better_place(place, m.place)
    kinds = Counter(m.kind for m in body)
    kind = sorted(kinds, key=lambda k: (-kinds[k], k != first.kind))[0]
    visitors = tuple(dict.fromkeys(k for m in group for k in m.visitors))
    hosts = tuple(dict.fromkeys(k for m in group for k in m.hosts if k not in visitors))
    return Mention(article_id=first.article_id, kind=kind, status=first.status, actors=tuple(actors.values()),
                   place=place, begin=begin, end=end, evidence=first.evidence, trigger=first.trigger,
                   confidence=min(0.95, max(m.confidence for m in group) + 0.05 * (len(group) - 1)),
                   is_caption=all(m.is_caption for m in group), visitors=visitors, hosts=hosts)


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


def resolve_article(article: Article, extraction: ArticleExtraction) -> list[Mention]:
    names = {n.name: n for n in extraction.names}
    anchor = None if article.published else text_anchor(article.text)
    resolved = [m for m in (resolve_mention(r, article, names, anchor) for r in extraction.mentions)  # type: ignore[arg-type]
                if m]
    merged = [m for m in refine_places(fill_from_context(merge_article(resolved)))
              if len(m.actors) >= 2 or m.kind == "summit" and any(a.type in ("organisation", "group") for a in m.actors)]
    merged = fill_from_dateline(fill_from_visit(fill_from_summit(merged)), article.text, article.published or anchor)
    # what the text does not date is dated by the publication month, marked as inferred; a held contact
    # that news reports undated is most likely that day's (the day, marked as inferred)
    month = inferred_month(article.published or anchor)
    day = publication_time(article.published or anchor)
    if month is not None:
        merged = [replace(m, begin=replace(day, inferred=True) if m.status == "occurred" and day and not m.is_caption
                          else month)
                  if m.begin is None and m.status in ("occurred", "planned", "cancelled") else m for m in merged]
    return merged


def _event_key(kind_group: str, actor_keys: Iterable[str], begin: TimeValue | None) -> str:
    basis = "|".join([kind_group, ",".join(sorted(actor_keys)), begin.value[:7] if begin else ""])
    return hashlib.sha1(basis.encode()).hexdigest()[:16]


def merge_events(mentions: Iterable[Mention]) -> list[Event]:
    """Reports of one occurrence across articles -> one event (deterministic for the same input)."""
    ordered = sorted(mentions, key=lambda m: (m.article_id, m.evidence.start, m.kind))
    unify_people(ordered)
    return events_of(cluster_reports(ordered))


def cluster_reports(ordered: Sequence[Mention]) -> list[list[Mention]]:
    """Each report, in order, joins the first cluster (in order of creation) that holds no report of
    its article and one report it is the same occurrence as (:func:`_same_occurrence`), else starts
    a cluster.  The clusters it could join are found through an index (:class:`_ClusterIndex`)
    rather than among all the clusters sharing an actor with it: near-linear time, where news
    about a few leaders made it quadratic."""
    clusters: list[list[Mention]] = []
    articles: list[set[str]] = []  # the articles of each cluster
    index = _ClusterIndex()
    for m in ordered:
        keys = index.keys(m)
        for i, reports in index.candidates(keys):
            if m.article_id not in articles[i] and any(_same_occurrence(m, x, across=True) for x in reports):
                clusters[i].append(m)
                articles[i].add(m.article_id)
                break
        else:
            clusters.append([m])
            articles.append({m.article_id})
            i = len(clusters) - 1
        index.add(keys, i, m)
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


def unify_people(mentions: list[Mention]) -> None:
    """Across articles: a one-word person ("Putin") becomes the one full name with that surname."""
    full: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        for a in m.actors:
            if a.type == "person" and "-" in a.key:
                full[a.key.rsplit("-", 1)[-1]].add(a.key)
    best: dict[str, Actor] = {}
    for m in mentions:
        for a in m.actors:
            if a.type == "person" and len(a.name) > len(best.get(a.key, a).name) - 1:
                best.setdefault(a.key, a)
    for idx, m in enumerate(mentions):
        changed = False
        actors = []
        for a in m.actors:
            if a.type == "person" and "-" not in a.key and len(full.get(a.key, ())) == 1:
                target = next(iter(full[a.key]))
                a = best.get(target, a)
                changed = True
            actors.append(a)
        if changed:
            uniq: dict[str, Actor] = {}
            for a in actors:
                uniq.setdefault(a.key, a)
            mentions[idx] = Mention(**{**m.__dict__, "actors": tuple(uniq.values())})


__all__ = ["resolve_article", "merge_events", "canonical_country"]
