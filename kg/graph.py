"""Records -> RDF: events, mentions, articles, actors and places as quads with stable IRIs.

Each article's statements go into the article's own named graph (its IRI), so a changed article
replaces exactly its graph; the default-graph view (the union, written as Turtle) is the merged
graph the contract query runs on. IRIs derive from content keys only, so the same input always
gives the same IRIs.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

import pyoxigraph as ox

from .model import Actor, Article, Event, Place
from .vocab import (
    ACTOR_CLASS,
    BASE,
    KIND_CLASS,
    PRECISION_DATATYPE,
    STATUS_IND,
    dcterms,
    dkg,
    gaf,
    geo,
    nif,
    prov,
    rdf,
    rdfs,
    schema,
    sem,
    skos,
    xsd,
)

_SAFE = re.compile(r"[A-Za-z0-9._~-]+")


def _slug_id(value: str) -> str:
    """An IRI path segment for any string: itself when safe, else a readable part plus a hash.

    Safe: 1 to 120 of ``A-Z a-z 0-9 . _ ~ -`` (RFC 3986 unreserved characters), and not ``.`` or
    ``..`` (dot segments, which IRI resolution would remove).  Anything else (spaces, ``<>"{}|\\^```,
    ``/``, ``#``, ``%``, non-ASCII, control characters, the empty string) gives ``readable-hash``:
    the ASCII letters and digits joined by ``-`` (at most 60) and 10 hex digits of the SHA-1 of the
    value, so the segment is always a valid IRI part and different values give different segments.
    """
    if _SAFE.fullmatch(value) and len(value) <= 120 and value not in (".", ".."):
        return value
    readable = re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-")[:60].strip("-")
    digest = hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{readable}-{digest}" if readable else digest


def article_iri(article_id: str) -> str:
    return f"{BASE}article/{_slug_id(article_id)}"


def actor_iri(key: str) -> str:
    return f"{BASE}actor/{_slug_id(key)}"


def place_iri(key: str) -> str:
    return f"{BASE}place/{_slug_id(key)}"


def event_iri(key: str) -> str:
    return f"{BASE}event/{_slug_id(key)}"


def mention_iri(article_id: str, event_key: str) -> str:
    return f"{BASE}mention/{_slug_id(article_id)}/{_slug_id(event_key)}"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _lit(value: object, datatype: str | None = None) -> ox.Literal:
    if datatype:
        return ox.Literal(_clean(str(value)), datatype=ox.NamedNode(datatype))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(xsd.boolean))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(xsd.integer))
    if isinstance(value, float | Decimal):
        return ox.Literal(str(Decimal(str(round(float(value), 3)))), datatype=ox.NamedNode(xsd.decimal))
    return ox.Literal(_clean(str(value)))


# What XML 1.0 forbids (C0 controls but tab, line feed and carriage return; lone surrogates; U+FFFE,
# U+FFFF): the same rule as kg.export.graphml.clean_xml_text, so all four exports carry the same text.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """Characters that XML 1.0 forbids are dropped (lone surrogates cannot even be written as UTF-8);
    everything else (quotes, backslashes, line breaks, ``<>&``, bidi marks, emoji) is kept, escaped
    by the serializers as each syntax requires."""
    return _UNWRITABLE.sub("", text)


class ActorTable:
    """One label per actor across the whole build (the most frequent spelling), others as altLabel."""

    def __init__(self, events: Sequence[Event]) -> None:
        names: dict[str, Counter[str]] = defaultdict(Counter)
        self.actors: dict[str, Actor] = {}
        roles: dict[str, set[str]] = defaultdict(set)
        for ev in events:
            for m in ev.mentions:
                for a in m.actors:
                    names[a.key][a.name] += 1
                    roles[a.key].update(a.roles)
                    if a.key not in self.actors or (self.actors[a.key].country is None and a.country):
                        self.actors[a.key] = a
        self.label = {k: sorted(c, key=lambda n: (-c[n], -len(n), n))[0] for k, c in names.items()}
        self.alt = {k: sorted(set(c) - {self.label[k]}) for k, c in names.items()}
        self.roles = {k: sorted(v) for k, v in roles.items()}


def _actor_quads(a: Actor, table: ActorTable, g: ox.NamedNode) -> Iterator[ox.Quad]:
    s = _n(actor_iri(a.key))
    yield ox.Quad(s, _n(rdf.type), _n(ACTOR_CLASS.get(a.type, dkg.Group)), g)
    yield ox.Quad(s, _n(rdfs.label), _lit(table.label.get(a.key, a.name)), g)
    for alt in table.alt.get(a.key, ()):
        yield ox.Quad(s, _n(skos.altLabel), _lit(alt), g)
    known = table.actors.get(a.key, a)
    if known.country:
        yield ox.Quad(s, _n(dkg.countryName), _lit(known.country), g)
        if a.type == "person":
            yield ox.Quad(s, _n(dkg.inCountry), _n(actor_iri(_country_key(known.country))), g)
    for role in table.roles.get(a.key, ()):
        yield ox.Quad(s, _n(dkg.role), _lit(role), g)


def _country_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _place_quads(p: Place, g: ox.NamedNode) -> Iterator[ox.Quad]:
    s = _n(place_iri(p.key))
    yield ox.Quad(s, _n(rdf.type), _n(dkg.Place), g)
    yield ox.Quad(s, _n(rdfs.label), _lit(p.name), g)
    if p.country:
        yield ox.Quad(s, _n(dkg.countryName), _lit(p.country), g)
    if p.geonames_id is not None:
        yield ox.Quad(s, _n(dkg.geonamesId), _lit(p.geonames_id), g)
        yield ox.Quad(s, _n(schema.sameAs), _n(f"https://sws.geonames.org/{p.geonames_id}/"), g)
    if p.lat is not None and p.lon is not None:
        yield ox.Quad(s, _n(geo.lat), _lit(p.lat, xsd.decimal), g)
        yield ox.Quad(s, _n(geo.long), _lit(p.lon, xsd.decimal), g)


def _venue_quads(p: Place, g: ox.NamedNode) -> Iterator[ox.Quad]:
    assert p.venue
    v = _n(place_iri(f"{p.key}-{_slug_id(p.venue.lower())}"))
    yield ox.Quad(v, _n(rdf.type), _n(dkg.Place), g)
    yield ox.Quad(v, _n(rdfs.label), _lit(p.venue), g)
    yield ox.Quad(v, _n(schema.containedInPlace), _n(place_iri(p.key)), g)


def article_quads(article: Article) -> Iterator[ox.Quad]:
    g = _n(article_iri(article.id))
    s = g
    yield ox.Quad(s, _n(rdf.type), _n(schema.NewsArticle), g)
    yield ox.Quad(s, _n(rdf.type), _n(nif.Context), g)
    yield ox.Quad(s, _n(dcterms.identifier), _lit(article.id), g)
    if article.url:
        yield ox.Quad(s, _n(schema.url), _lit(article.url, xsd.anyURI), g)
    if article.title:
        yield ox.Quad(s, _n(schema.headline), _lit(article.title), g)
    if article.published:
        dt = xsd.date if len(article.published) == 10 else xsd.gYearMonth
        yield ox.Quad(s, _n(schema.datePublished), _lit(article.published, dt), g)


def event_quads(ev: Event, table: ActorTable) -> Iterator[ox.Quad]:
    """The event as each article reporting it states it, in that article's named graph."""
    e = _n(event_iri(ev.key))
    for m in ev.mentions:
        g = _n(article_iri(m.article_id))
        mi = _n(mention_iri(m.article_id, ev.key))
        yield ox.Quad(e, _n(rdf.type), _n(sem.Event), g)
        yield ox.Quad(e, _n(rdf.type), _n(KIND_CLASS[ev.kind]), g)
        yield ox.Quad(e, _n(dkg.confidence), _lit(ev.confidence), g)
        yield ox.Quad(e, _n(gaf.denotedBy), mi, g)
        for a in ev.actors:
            yield ox.Quad(e, _n(sem.hasActor), _n(actor_iri(a.key)), g)
            yield from _actor_quads(a, table, g)
        if ev.kind == "visit":
            for key in m.visitors:
                yield ox.Quad(e, _n(dkg.visitor), _n(actor_iri(key)), g)
            for key in m.hosts:
                yield ox.Quad(e, _n(dkg.host), _n(actor_iri(key)), g)
        if ev.place:
            yield ox.Quad(e, _n(sem.hasPlace), _n(place_iri(ev.place.key)), g)
            yield from _place_quads(ev.place, g)
            if ev.place.venue:
                v = place_iri(f"{ev.place.key}-{_slug_id(ev.place.venue.lower())}")
                yield ox.Quad(e, _n(sem.hasPlace), _n(v), g)
                yield from _venue_quads(ev.place, g)
        if ev.begin:
            yield ox.Quad(e, _n(sem.hasBeginTimeStamp), _lit(ev.begin.value, PRECISION_DATATYPE[ev.begin.precision]), g)
            yield ox.Quad(e, _n(dkg.datePrecision), _lit(ev.begin.precision), g)
            yield ox.Quad(e, _n(dkg.dateInferred), _lit(ev.begin.inferred), g)
        if ev.end:
            yield ox.Quad(e, _n(sem.hasEndTimeStamp), _lit(ev.end.value, PRECISION_DATATYPE[ev.end.precision]), g)
        if any(x.status == "occurred" for x in ev.mentions):
            people = sorted(a.key for a in ev.actors)
            for x in people:
                for y in people:
                    if x != y:
                        yield ox.Quad(_n(actor_iri(x)), _n(dkg.met), _n(actor_iri(y)), g)
        # the mention: this article's report, with its own status and evidence
        yield ox.Quad(mi, _n(rdf.type), _n(dkg.Mention), g)
        yield ox.Quad(mi, _n(rdf.type), _n(nif.String), g)
        yield ox.Quad(mi, _n(nif.referenceContext), g, g)
        yield ox.Quad(mi, _n(prov.wasDerivedFrom), g, g)
        yield ox.Quad(mi, _n(dkg.status), _n(STATUS_IND[m.status]), g)
        yield ox.Quad(mi, _n(nif.anchorOf), _lit(m.evidence.text), g)
        yield ox.Quad(mi, _n(nif.beginIndex), _lit(m.evidence.start, xsd.nonNegativeInteger), g)
        yield ox.Quad(mi, _n(nif.endIndex), _lit(m.evidence.end, xsd.nonNegativeInteger), g)
        yield ox.Quad(mi, _n(dkg.trigger), _lit(m.trigger), g)
        yield ox.Quad(mi, _n(dkg.confidence), _lit(m.confidence), g)
        yield ox.Quad(mi, _n(dkg.isCaption), _lit(m.is_caption), g)


def build_quads(articles: Iterable[Article], events: Sequence[Event]) -> list[ox.Quad]:
    """All quads of a build, deduplicated and sorted (byte-identical exports for the same input)."""
    table = ActorTable(events)
    quads: set[ox.Quad] = set()
    for art in articles:
        quads.update(article_quads(art))
    for ev in events:
        quads.update(event_quads(ev, table))
    return sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
