"""Merging across articles at scale: the indexed clustering gives exactly the clusters of the plain
algorithm it replaced (kept here as the reference), in near-linear time on news about few actors."""

from __future__ import annotations

import random
import time
from collections import defaultdict
from dataclasses import replace

import pytest

from kg.model import Actor, Mention, Place, Span, TimeValue
from kg.resolve import merge
from kg.resolve.merge import cluster_reports, events_of, merge_events, unify_people

KINDS = ("meeting", "visit", "summit", "talks", "phone_call", "video_call")
STATUSES = ("occurred", "planned", "cancelled", "denied", "hypothetical")


def reference_clusters(ordered: list[Mention]) -> list[list[Mention]]:
    """The clustering before the index: every cluster sharing an actor with the report is tried,
    in order of creation (quadratic in the reports sharing actors)."""
    clusters: list[list[Mention]] = []
    by_actor: dict[str, list[int]] = defaultdict(list)
    for m in ordered:
        keys = {a.key for a in m.actors}
        cands = sorted({i for k in keys for i in by_actor[k]})
        for i in cands:
            if all(x.article_id != m.article_id for x in clusters[i]) and \
                    any(merge._same_occurrence(m, x, across=True) for x in clusters[i]):
                clusters[i].append(m)
                break
        else:
            clusters.append([m])
            i = len(clusters) - 1
        for k in keys:
            if i not in by_actor[k]:
                by_actor[k].append(i)
    return clusters


def reference_merge(mentions: list[Mention]) -> list:
    ordered = sorted(mentions, key=lambda m: (m.article_id, m.evidence.start, m.kind))
    unify_people(ordered)
    return events_of(reference_clusters(ordered))


def _time(rng: random.Random, years: tuple[int, int]) -> tuple[TimeValue | None, TimeValue | None]:
    y, mo, d = rng.randint(*years), rng.randint(1, 12), rng.randint(1, 28)
    r = rng.random()
    if r < 0.45:
        begin = TimeValue(f"{y:04d}-{mo:02d}-{d:02d}", "day")
    elif r < 0.6:
        begin = TimeValue(f"{y:04d}-{mo:02d}", "month", inferred=rng.random() < 0.4)
    elif r < 0.7:
        begin = TimeValue(f"{y:04d}", "year")
    elif r < 0.78:
        begin = TimeValue(f"{y:04d}-{mo:02d}-{d:02d}", "day", inferred=True)
    elif r < 0.84:  # around the turn of a year or of a month: summits a few days apart are one
        begin = TimeValue(rng.choice((f"{y:04d}-12-{rng.randint(24, 31)}", f"{y + 1:04d}-01-0{rng.randint(1, 7)}",
                                      f"{y:04d}-0{rng.randint(1, 8)}-{rng.randint(27, 28)}",
                                      f"{y:04d}-0{rng.randint(2, 9)}-0{rng.randint(1, 4)}")), "day")
    else:
        begin = None
    end = None
    if begin is not None and begin.precision == "day" and rng.random() < 0.15:  # a few days, or longer
        end = TimeValue(f"{y:04d}-{min(12, mo + rng.choice((0, 0, 1, 3))):02d}-28", "day")
    return begin, end


def reports(n: int, *, seed: int, actors: int = 12, years: tuple[int, int] = (2023, 2024),
            articles: int | None = None) -> list[Mention]:
    """``n`` reports among few actors (people, countries, bodies, one person named by surname only),
    at day, month and year precision, some undated or with an inferred date, some with an end."""
    rng = random.Random(seed)
    pool = [Actor(f"person-{i}-name{i}", f"Person{i} Name{i}", "person", country=f"Country {i % 5}")
            for i in range(actors // 2)]
    pool += [Actor(f"country-{i}", f"Country {i}", "country", country=f"Country {i}") for i in range(actors // 3)]
    pool += [Actor(f"org-{i}", f"Org {i}", "organisation") for i in range(actors - len(pool))]
    pool.append(Actor("name1", "Name1", "person"))  # one word: unify_people makes it person-1-name1
    places = [Place(f"city-{i}", f"City {i}", country=f"Country {i % 5}", geonames_id=100 + i) for i in range(6)]
    places += [Place(f"country-{i}", f"Country {i}", country=f"Country {i}") for i in range(5)]
    places.append(Place("palace", "The Palace"))
    n_articles = articles or max(1, n // 3)
    out = []
    for i in range(n):
        begin, end = _time(rng, years)
        kind = rng.choice(KINDS)
        acts = tuple(rng.sample(pool, rng.choice((1, 2, 2, 2, 2, 3, 3, 4, 6))))
        start = rng.randrange(5000)
        out.append(Mention(article_id=f"a{rng.randrange(n_articles):06d}", kind=kind, status=rng.choice(STATUSES),
                           actors=acts, place=rng.choice(places) if rng.random() < 0.7 else None,
                           begin=begin, end=end, evidence=Span(f"report {i}.", start, start + 10), trigger="met",
                           confidence=round(rng.uniform(0.3, 0.9), 2), is_caption=rng.random() < 0.05,
                           visitors=(acts[0].key,) if kind == "visit" else (),
                           hosts=tuple(a.key for a in acts[1:]) if kind == "visit" else ()))
    return out


def odd_reports(seed: int) -> list[Mention]:
    """Reports the index cannot place in a month (a day-precision value that is a month, an end
    that is not a date) and reports with no actor or many."""
    rng = random.Random(seed)
    a, b, c = (Actor(k, k.title(), "country", country=k.title()) for k in ("aland", "borduria", "carpania"))
    many = tuple(Actor(f"country-{i}", f"Country {i}", "country") for i in range(9))
    out = []
    for i in range(300):
        begin = rng.choice((TimeValue("2023-05", "day"), TimeValue("2023-05-04", "day"), TimeValue("2023", "year"),
                            TimeValue("2023-05", "month"), TimeValue("2023-05-04", "day", inferred=True)))
        end = rng.choice((None, None, TimeValue("2023-06", "day")))
        acts = rng.choice(((a, b), (a, b, c), (a,), (), many, many[:4], (b, c)))
        out.append(Mention(article_id=f"odd{rng.randrange(60):03d}", kind=rng.choice(("meeting", "talks", "visit")),
                           status="occurred", actors=acts, place=None, begin=begin, end=end,
                           evidence=Span("x.", i, i + 2), trigger="met", confidence=0.5))
    return out


def summits(seed: int) -> list[Mention]:
    """Reports of a body's summits, days apart across the turn of a month or a year (one summit when
    their starts are at most a week apart)."""
    rng = random.Random(seed)
    bodies = [Actor(f"body-{i}", f"Body {i}", "organisation") for i in range(3)]
    hosts = [Actor(f"country-{i}", f"Country {i}", "country") for i in range(3)]
    days = ["2023-12-27", "2023-12-31", "2024-01-02", "2024-01-06", "2024-01-12", "2024-02-27", "2024-03-02",
            "2024-03-05", "2024-03-12"]
    out = []
    for i in range(400):
        acts = (rng.choice(bodies),) + ((rng.choice(hosts),) if rng.random() < 0.5 else ())
        precision = rng.choice(("day", "day", "day", "month"))
        day = rng.choice(days)
        out.append(Mention(article_id=f"s{rng.randrange(150):03d}", kind="summit", status="occurred", actors=acts,
                           place=None, begin=TimeValue(day if precision == "day" else day[:7], precision), end=None,
                           evidence=Span("x.", i, i + 2), trigger="summit", confidence=0.5))
    return out


def cycled(copies: int) -> list[Mention]:
    """The same few reports in many articles (as the benchmark's cycled feed makes them): clusters
    of hundreds of reports."""
    base = reports(40, seed=11, articles=8)
    return [replace(m, article_id=f"{m.article_id}-{j}") for j in range(copies) for m in base]


@pytest.mark.parametrize("mentions", [
    pytest.param(lambda: reports(2000, seed=1), id="few-actors"),
    pytest.param(lambda: reports(1500, seed=2, actors=6, years=(2024, 2024)), id="denser"),
    pytest.param(lambda: reports(1200, seed=3, actors=40, years=(2015, 2024)), id="sparser"),
    pytest.param(lambda: cycled(40), id="cycled"),
    pytest.param(lambda: odd_reports(4) + reports(300, seed=4), id="odd-dates-and-actors"),
    pytest.param(lambda: summits(6), id="summits-days-apart"),
])
def test_same_events_as_the_plain_algorithm(mentions) -> None:  # type: ignore[no-untyped-def]
    sample = mentions()
    assert merge_events(sample) == reference_merge(sample)


def test_twenty_thousand_reports_among_few_actors_in_bounded_time(monkeypatch: pytest.MonkeyPatch) -> None:
    sample = reports(20_000, seed=5)
    calls = 0
    same_occurrence = merge._same_occurrence

    def counted(a: Mention, b: Mention, *, across: bool) -> bool:
        nonlocal calls
        calls += 1
        return same_occurrence(a, b, across=across)

    monkeypatch.setattr(merge, "_same_occurrence", counted)
    t0 = time.perf_counter()
    events = merge_events(sample)
    seconds = time.perf_counter() - t0
    assert sum(len(e.mentions) for e in events) == len(sample)
    assert len(events) < len(sample)  # reports do merge
    # each report is compared with a few others (the plain algorithm: with thousands, over a minute)
    assert calls < 10 * len(sample), calls
    assert seconds < 30, seconds


def test_clusters_keep_one_report_per_article() -> None:
    for cluster in cluster_reports(sorted(cycled(30), key=lambda m: (m.article_id, m.evidence.start, m.kind))):
        assert len({m.article_id for m in cluster}) == len(cluster)
