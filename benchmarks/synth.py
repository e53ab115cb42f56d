"""Synthetic records for the export and query benchmarks: :class:`kg.model.Event` and
:class:`kg.model.Article` values shaped like a real build's: 2-4 actors from a pool of people,
countries and organisations, drawn Zipf-like (a few are in most events, as in the news); a place
for most events; dates at day, month or year precision; one to three reporting articles per
event, each with its own status and evidence.  Deterministic for a given seed.  About 45 triples
per event at 1M triples (36 of the events, 9 of the who-met-whom pair table): :func:`for_triples`
generates ``triples // 45`` events.
"""

from __future__ import annotations

import itertools
import random

from kg.model import STATUSES, Actor, Article, Event, Mention, Place, Span, TimeValue

KINDS = ("meeting", "visit", "summit", "talks", "phone_call", "video_call")
TRIPLES_PER_EVENT = 45  # measured at 1M triples: union triples / events (36, and 9 of the pair table)


def _actors(rng: random.Random, people: int, countries: int) -> list[Actor]:
    country_names = [f"Country {i}" for i in range(countries)]
    pool = [Actor(key=f"country-{i}", name=name, type="country", country=name) for i, name in enumerate(country_names)]
    for i in range(people):
        country = rng.choice(country_names)
        pool.append(Actor(key=f"person-{i}-surname{i}", name=f"Person{i} Surname{i}", type="person", country=country,
                          roles=(rng.choice(("President", "Prime Minister", "Foreign Minister", "Envoy")),)))
    pool += [Actor(key=f"org-{i}", name=f"Organisation {i}", type="organisation") for i in range(50)]
    return pool


def _places(rng: random.Random, n: int) -> list[Place]:
    return [Place(key=f"city-{i}-{1000 + i}", name=f"City {i}", country=f"Country {i % 180}", geonames_id=1000 + i,
                  lat=round(rng.uniform(-60, 60), 2), lon=round(rng.uniform(-180, 180), 2),
                  venue=f"Palace {i}" if i % 7 == 0 else None) for i in range(n)]


def _time(rng: random.Random) -> TimeValue | None:
    r = rng.random()
    y, m, d = rng.randint(2000, 2025), rng.randint(1, 12), rng.randint(1, 28)
    if r < 0.55:
        return TimeValue(f"{y:04d}-{m:02d}-{d:02d}", "day", "on a day")
    if r < 0.8:
        return TimeValue(f"{y:04d}-{m:02d}", "month", "in a month", inferred=r < 0.6)
    if r < 0.9:
        return TimeValue(f"{y:04d}", "year", "in a year")
    return None


def _pick(rng: random.Random, actors: list[Actor], cum_weights: list[float], k: int) -> list[Actor]:
    chosen: dict[str, Actor] = {}
    while len(chosen) < k:
        a = rng.choices(actors, cum_weights=cum_weights)[0]
        chosen.setdefault(a.key, a)
    return list(chosen.values())


def generate(n_events: int, *, seed: int = 7, articles: int | None = None) -> tuple[list[Article], list[Event]]:
    """``n_events`` events reported by ``articles`` articles (default: two events per article)."""
    rng = random.Random(seed)
    n_articles = articles or max(1, n_events // 2)
    actors = _actors(rng, people=max(100, n_events // 10), countries=180)
    places = _places(rng, max(50, n_events // 50))
    # news is Zipfian: a few leaders and countries are in most reports (rank r drawn with weight 1/r)
    rng.shuffle(actors)
    weights = list(itertools.accumulate(1 / (r + 1) for r in range(len(actors))))
    arts = [Article(id=f"synthetic-{i:07d}", text="", source="synthetic", url=f"https://news.example/{i}",
                    title=f"Headline {i}", published=f"20{i % 25:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}")
            for i in range(n_articles)]
    events: list[Event] = []
    for i in range(n_events):
        kind = rng.choice(KINDS)
        chosen = _pick(rng, actors, weights, rng.choice((2, 2, 2, 3, 4)))
        place = rng.choice(places) if rng.random() < 0.8 else None
        begin = _time(rng)
        reports = rng.choice((1, 1, 1, 2, 2, 3))
        mentions = []
        for r in range(reports):
            art = arts[(i + r * 7919) % n_articles]
            start = rng.randint(0, 5000)
            text = f"{chosen[0].name} met {chosen[1].name} in {place.name if place else 'the capital'} (report {r})."
            visitors = (chosen[0].key,) if kind == "visit" else ()
            hosts = tuple(a.key for a in chosen[1:]) if kind == "visit" else ()
            mentions.append(Mention(article_id=art.id, kind=kind, status=rng.choice(STATUSES[:4]) if r else "occurred",
                                    actors=tuple(chosen), place=place, begin=begin, end=None,
                                    evidence=Span(text, start, start + len(text)), trigger="met",
                                    confidence=round(rng.uniform(0.4, 0.95), 2), is_caption=rng.random() < 0.05,
                                    visitors=visitors, hosts=hosts))
        mentions.sort(key=lambda m: m.article_id)
        events.append(Event(key=f"{i:016x}", kind=kind, actors=tuple(chosen), place=place, begin=begin, end=None,
                            mentions=tuple(mentions), confidence=mentions[0].confidence))
    return arts, events


def for_triples(triples: int, *, seed: int = 7) -> tuple[list[Article], list[Event]]:
    """Records whose graph has about ``triples`` triples (default graph, after deduplication)."""
    return generate(max(1, triples // TRIPLES_PER_EVENT), seed=seed)
