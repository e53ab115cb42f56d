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
from dataclasses import replace
from decimal import Decimal
from itertools import repeat
from typing import NamedTuple

import pyoxigraph as ox

from .model import Actor, Article, Event, Place
from .resolve.keys import country_key
from .vocab import (
    ACTOR_CLASS,
    BASE,
    KIND_CLASS,
    PRECISION_DATATYPE,
    STATUS_IND,
    WD,
    dcterms,
    dkg,
    gaf,
    geo,
    nif,
    owl,
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

    Safe: 1 to 120 of ``A-Z a-z 0-9 . _ ~ -`` (RFC 3986 unreserved characters), not ending with
    ``.``: no dot segment (``.``, ``..``, which IRI resolution would remove), and no Turtle prefixed
    name ending with an escaped dot (``article:x\\.``, valid Turtle that rdflib cannot read).
    Anything else (spaces, ``<>"{}|\\^```, ``/``, ``#``, ``%``, non-ASCII, control characters,
    the empty string) gives ``readable-hash``: the ASCII letters and digits joined by ``-`` (at
    most 60) and 10 hex digits of the SHA-1 of the value, so the segment is always a valid IRI
    part and different values give different segments.
    """
    if _SAFE.fullmatch(value) and len(value) <= 120 and not value.endswith("."):
        return value
    readable = re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-")[:60].strip("-")
    digest = hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{readable}-{digest}" if readable else digest


def article_iri(article_id: str) -> str:
    return f"{BASE}article/{_slug_id(article_id)}"


def actor_iri(key: str) -> str:
    return f"{BASE}actor/{_slug_id(key)}"


def wikidata_iri(qid: str) -> str:
    """The Wikidata entity of an id ("Q7747"); anything that is not an id is made safe like a key."""
    return f"{WD}{qid if re.fullmatch(r'Q[0-9]+', qid) else _slug_id(qid)}"


def place_iri(key: str) -> str:
    return f"{BASE}place/{_slug_id(key)}"


def event_iri(key: str) -> str:
    return f"{BASE}event/{_slug_id(key)}"


def mention_iri(article_id: str, event_key: str) -> str:
    return f"{BASE}mention/{_slug_id(article_id)}/{_slug_id(event_key)}"


# What XML 1.0 forbids (C0 controls but tab, line feed and carriage return; lone surrogates; U+FFFE,
# U+FFFF): the same rule as kg.export.graphml.clean_xml_text, so all four exports carry the same text.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """Characters that XML 1.0 forbids are dropped (lone surrogates cannot even be written as UTF-8);
    everything else (quotes, backslashes, line breaks, ``<>&``, bidi marks, emoji) is kept, escaped
    by the serializers as each syntax requires."""
    return _UNWRITABLE.sub("", text)


class ActorTable:
    """One label per actor across the whole build (the canonical name merging gave it, else the most
    frequent spelling), the other spellings as altLabel, its Wikidata id."""

    def __init__(self, events: Sequence[Event]) -> None:
        names: dict[str, Counter[str]] = defaultdict(Counter)
        alts: dict[str, set[str]] = defaultdict(set)
        self.actors: dict[str, Actor] = {}
        roles: dict[str, set[str]] = defaultdict(set)
        for ev in events:
            for m in ev.mentions:
                for a in m.actors:
                    names[a.key][a.name] += 1
                    alts[a.key].update(a.alt_names)
                    roles[a.key].update(a.roles)
                    known = self.actors.get(a.key)
                    if known is None:
                        self.actors[a.key] = a
                    elif known.country is None and a.country or known.wikidata is None and a.wikidata:
                        self.actors[a.key] = replace(known, country=known.country or a.country,
                                                     wikidata=known.wikidata or a.wikidata)
        self.label = {k: sorted(c, key=lambda n: (-c[n], -len(n), n))[0] for k, c in names.items()}
        self.alt = {k: sorted((set(c) | alts[k]) - {self.label[k]}) for k, c in names.items()}
        self.roles = {k: sorted(v) for k, v in roles.items()}
        self.wikidata = {k: a.wikidata for k, a in self.actors.items() if a.wikidata}


# --- N-Quads text ----------------------------------------------------------------------------
#
# The graph is made as N-Quads text (bytes) directly, term by term, as Oxigraph's N-Triples and
# N-Quads serializers write each term: an IRI as ``<iri>`` (every IRI here is minted from safe
# segments, see :func:`_slug_id`, or is a vocabulary constant), a literal as ``"lexical"`` with
# Oxigraph's escapes, then ``^^<datatype>`` unless it is xsd:string.  So the lines are the ones
# Oxigraph would write for the same quads, byte for byte, without making a Python object per term.

# Oxigraph's escapes in a quoted literal (its ``print_quoted_str``): the short escapes, then ``\uXXXX``
# for the other C0 controls, DEL, U+FFFE and U+FFFF; every other character is written as it is.
_SHORT_ESCAPES = {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}
_LITERAL_ESCAPES = str.maketrans({c: _SHORT_ESCAPES.get(c, f"\\u{c:04X}")
                                  for c in (*range(0x20), 0x22, 0x5C, 0x7F, 0xFFFE, 0xFFFF)})


def nt_iri(iri: str) -> bytes:
    """The N-Triples term of an IRI minted here or taken from the vocabulary (no escaping needed)."""
    return b"<" + iri.encode("utf-8") + b">"


def _pred(iri: str) -> bytes:
    return b" <" + iri.encode("utf-8") + b"> "


def _lexical(value: object, datatype: str | None = None) -> tuple[str, str | None]:
    """The lexical form and datatype of the literal for ``value`` (``None``: a plain string)."""
    if datatype:
        return _clean(str(value)), datatype
    if isinstance(value, bool):
        return ("true" if value else "false"), xsd.boolean
    if isinstance(value, int):
        return str(value), xsd.integer
    if isinstance(value, float | Decimal):
        return str(Decimal(str(round(float(value), 3)))), xsd.decimal
    return _clean(str(value)), None


# any character dropped (XML 1.0 forbids it) or escaped: most texts have none, and are written as they are
_SPECIAL = re.compile('["\\\\\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]')


def _quoted(text: str) -> bytes:
    if _SPECIAL.search(text):
        text = _UNWRITABLE.sub("", text).translate(_LITERAL_ESCAPES)
    return ('"' + text + '"').encode("utf-8")


def nt_literal(value: object, datatype: str | None = None) -> bytes:
    """The N-Triples term of the literal for ``value``: booleans, integers and decimals typed as
    such, other values as strings (or with ``datatype``), characters XML 1.0 forbids dropped."""
    if datatype is None and type(value) is str:
        return _quoted(value)
    lexical, dt = _lexical(value, datatype)
    text = _quoted(lexical)
    if dt is None or dt == xsd.string:
        return text
    return text + b"^^<" + dt.encode("utf-8") + b">"


# predicates as b" <iri> ": a triple's text is subject + predicate + object
_TYPE = _pred(rdf.type)
_LABEL = _pred(rdfs.label)
_ALT_LABEL = _pred(skos.altLabel)
_COUNTRY_NAME = _pred(dkg.countryName)
_IN_COUNTRY = _pred(dkg.inCountry)
_ROLE = _pred(dkg.role)
_GEONAMES_ID = _pred(dkg.geonamesId)
_SAME_AS = _pred(schema.sameAs)
_OWL_SAME_AS = _pred(owl.sameAs)
_LAT = _pred(geo.lat)
_LONG = _pred(geo.long)
_CONTAINED_IN = _pred(schema.containedInPlace)
_IDENTIFIER = _pred(dcterms.identifier)
_URL = _pred(schema.url)
_HEADLINE = _pred(schema.headline)
_PUBLISHED = _pred(schema.datePublished)
_CONFIDENCE = _pred(dkg.confidence)
_DENOTED_BY = _pred(gaf.denotedBy)
_HAS_ACTOR = _pred(sem.hasActor)
_VISITOR = _pred(dkg.visitor)
_HOST = _pred(dkg.host)
_HAS_PLACE = _pred(sem.hasPlace)
_BEGIN = _pred(sem.hasBeginTimeStamp)
_END = _pred(sem.hasEndTimeStamp)
_DATE_PRECISION = _pred(dkg.datePrecision)
_DATE_INFERRED = _pred(dkg.dateInferred)
_MET = _pred(dkg.met)
_CONTACT_PAIR = nt_iri(dkg.ContactPair)
_FIRST_ACTOR = _pred(dkg.firstActor)
_SECOND_ACTOR = _pred(dkg.secondActor)
_FIRST_LABEL = _pred(dkg.firstLabel)
_SECOND_LABEL = _pred(dkg.secondLabel)
_HELD_CONTACTS = _pred(dkg.heldContacts)
_HELD_ARTICLES = _pred(dkg.heldArticles)
_REFERENCE_CONTEXT = _pred(nif.referenceContext)
_DERIVED_FROM = _pred(prov.wasDerivedFrom)
_STATUS = _pred(dkg.status)
_ANCHOR_OF = _pred(nif.anchorOf)
_BEGIN_INDEX = _pred(nif.beginIndex)
_END_INDEX = _pred(nif.endIndex)
_TRIGGER = _pred(dkg.trigger)
_IS_CAPTION = _pred(dkg.isCaption)

_SEM_EVENT = nt_iri(sem.Event)
_PLACE = nt_iri(dkg.Place)
_MENTION = nt_iri(dkg.Mention)
_NIF_STRING = nt_iri(nif.String)
_NEWS_ARTICLE = nt_iri(schema.NewsArticle)
_NIF_CONTEXT = nt_iri(nif.Context)
_ACTOR_CLASS_TERMS = {k: nt_iri(v) for k, v in ACTOR_CLASS.items()}
_GROUP = nt_iri(dkg.Group)
_TRUE, _FALSE = nt_literal(True), nt_literal(False)
# predicate and object together, when the object is one of a few
_IS_EVENT = _TYPE + _SEM_EVENT
_IS_KIND = {k: _TYPE + nt_iri(v) for k, v in KIND_CLASS.items()}
_IS_MENTION = _TYPE + _MENTION
_IS_NIF_STRING = _TYPE + _NIF_STRING
_HAS_STATUS = {k: _STATUS + nt_iri(v) for k, v in STATUS_IND.items()}
_NON_NEGATIVE = nt_literal(0, xsd.nonNegativeInteger)[3:]  # b"^^<...#nonNegativeInteger>"
_EVENT_BASE = f"{BASE}event/".encode()


class GraphText:
    """A build's quads as N-Quads text, in the byte order of their lines, each once.

    ``triples`` is the union of the quads (the default graph, graph.ttl), as N-Triples lines
    without the final `` .``, sorted as bytes, each once; ``graphs[i]`` the graphs stating
    ``triples[i]``, each as the end of an N-Quads line (``b" <graph> .\\n"``), sorted.  The line
    ``triples[i] + end`` of every ``end`` in ``graphs[i]``, in that order, are the N-Quads lines of
    the build sorted as bytes (:meth:`lines`, :meth:`nquads`): no line is made as its own object
    unless asked for."""

    def __init__(self, triples: list[bytes], graphs: list[list[bytes]]) -> None:
        self.triples = triples
        self.graphs = graphs
        self.quads = sum(map(len, graphs))

    def __len__(self) -> int:
        return self.quads

    def nquads(self, size: int = 20_000) -> Iterator[bytes]:
        """The N-Quads document, in pieces of about ``size`` lines."""
        pieces: list[bytes] = []
        for t, ends in zip(self.triples, self.graphs, strict=True):
            for end in ends:
                pieces += (t, end)
            if len(pieces) >= 2 * size:
                yield b"".join(pieces)
                pieces = []
        if pieces:
            yield b"".join(pieces)

    def lines(self) -> list[bytes]:
        """The N-Quads lines, without their line feeds, sorted as bytes."""
        cut: dict[bytes, bytes] = {}
        lines: list[bytes] = []
        for t, ends in zip(self.triples, self.graphs, strict=True):
            for end in ends:
                graph = cut.get(end)
                if graph is None:
                    graph = cut[end] = end[:-1]
                lines.append(t + graph)
        return lines

    def clear(self) -> None:
        self.triples, self.graphs, self.quads = [], [], 0


_Block = tuple[list[bytes], list[bytes]]  # triples of one subject, and the graphs stating each (line ends)


def _unique(graphs: list[bytes]) -> list[bytes]:
    return graphs if len(graphs) == 1 else sorted(set(graphs))


def _merged(blocks: list[_Block]) -> dict[bytes, list[bytes]]:
    merged: dict[bytes, list[bytes]] = {}
    for triples, graphs in blocks:
        for t in triples:
            found = merged.get(t)
            if found is None:
                merged[t] = list(graphs)
            else:
                found += graphs
    return {t: _unique(graphs) for t, graphs in merged.items()}


class _ArticleTerms(NamedTuple):
    term: bytes  # the article, and its graph
    end: bytes  # the end of the N-Quads lines in its graph: b" <article> .\n"
    mentions: bytes  # the start of its mentions' IRIs: b"<.../mention/article"
    context: bytes  # b" nif:referenceContext <article>"
    derived: bytes  # b" prov:wasDerivedFrom <article>"


class _GraphMaker:
    """Statements grouped by subject, as blocks of triples stated in the same graphs.

    A triple is made once and recorded with every article graph that states it: an event's own
    statements with the graphs of the articles reporting it, an actor's or a place's description
    with the graphs of all the articles naming it.  Lines are made at the end, subject by subject,
    in the byte order of N-Quads lines (a line is ``S P O G .`` and no subject term is a prefix of
    another, so sorting the subjects, then each subject's triples, then each triple's graphs sorts
    the lines), each once."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.table = ActorTable(events)
        self.subjects: dict[bytes, list[_Block]] = {}
        self._articles: dict[str, _ArticleTerms] = {}
        self._actor_terms: dict[str, bytes] = {}
        self._actor_graphs: dict[tuple[str, str, str, str | None], list[bytes]] = {}
        self._place_graphs: dict[Place, list[bytes]] = {}
        self._decimals: dict[float, bytes] = {}

    def add(self, subject: bytes, triples: list[bytes], graphs: list[bytes]) -> None:
        blocks = self.subjects.get(subject)
        if blocks is None:
            self.subjects[subject] = [(triples, graphs)]
        else:
            blocks.append((triples, graphs))

    def text(self) -> GraphText:
        for (key, type_, name, country), graphs in self._actor_graphs.items():
            self._add_actor(Actor(key=key, name=name, type=type_, country=country), graphs)
        for place, graphs in self._place_graphs.items():
            self._add_place(place, graphs)
        union: list[bytes] = []
        graphs_of: list[list[bytes]] = []
        for subject in sorted(self.subjects):
            blocks = self.subjects[subject]
            if len(blocks) == 1:
                triples, graphs = blocks[0]
                block = sorted(set(triples))
                union += block
                graphs_of += [_unique(graphs)] * len(block)
                continue
            merged: dict[bytes, list[bytes]] = {}
            for triples, graphs in blocks:
                merged.update(zip(triples, repeat(_unique(graphs))))
            if len(merged) < sum(len(triples) for triples, _ in blocks):
                merged = _merged(blocks)  # a triple stated by two blocks: in the graphs of both
            block = sorted(merged)
            union += block
            graphs_of += [merged[t] for t in block]
        return GraphText(union, graphs_of)

    # terms, made once
    def article(self, article_id: str) -> _ArticleTerms:
        found = self._articles.get(article_id)
        if found is None:
            slug = _slug_id(article_id)
            term = nt_iri(f"{BASE}article/{slug}")
            found = self._articles[article_id] = _ArticleTerms(
                term, b" " + term + b" .\n", b"<" + f"{BASE}mention/{slug}".encode(),
                _REFERENCE_CONTEXT + term, _DERIVED_FROM + term)
        return found

    def actor(self, key: str) -> bytes:
        term = self._actor_terms.get(key)
        if term is None:
            term = self._actor_terms[key] = nt_iri(actor_iri(key))
        return term

    def decimal(self, value: float) -> bytes:
        """The literal of a confidence (an xsd:decimal), made once per value."""
        if type(value) is not float:
            return nt_literal(value)
        text = self._decimals.get(value)
        if text is None:
            text = self._decimals[value] = nt_literal(value)
        return text

    # what is stated once per graph naming an actor or a place
    def _add_actor(self, a: Actor, graphs: list[bytes]) -> None:
        table = self.table
        s = self.actor(a.key)
        triples = [s + _TYPE + _ACTOR_CLASS_TERMS.get(a.type, _GROUP), s + _LABEL + nt_literal(table.label.get(a.key, a.name))]
        triples += [s + _ALT_LABEL + nt_literal(alt) for alt in table.alt.get(a.key, ())]
        known = table.actors.get(a.key, a)
        if known.country:
            triples.append(s + _COUNTRY_NAME + nt_literal(known.country))
            if a.type == "person":
                triples.append(s + _IN_COUNTRY + self.actor(country_key(known.country)))
        qid = table.wikidata.get(a.key)
        if qid:
            triples.append(s + _OWL_SAME_AS + nt_iri(wikidata_iri(qid)))
        triples += [s + _ROLE + nt_literal(role) for role in table.roles.get(a.key, ())]
        self.add(s, triples, graphs)

    def _add_place(self, p: Place, graphs: list[bytes]) -> None:
        s = nt_iri(place_iri(p.key))
        triples = [s + _TYPE + _PLACE, s + _LABEL + nt_literal(p.name)]
        if p.country:
            triples.append(s + _COUNTRY_NAME + nt_literal(p.country))
        if p.geonames_id is not None:
            triples.append(s + _GEONAMES_ID + nt_literal(p.geonames_id))
            triples.append(s + _SAME_AS + nt_iri(f"https://sws.geonames.org/{_slug_id(str(p.geonames_id))}/"))
        if p.lat is not None and p.lon is not None:
            triples.append(s + _LAT + nt_literal(p.lat, xsd.decimal))
            triples.append(s + _LONG + nt_literal(p.lon, xsd.decimal))
        self.add(s, triples, graphs)
        if p.venue:
            v = nt_iri(_venue_iri(p))
            self.add(v, [v + _TYPE + _PLACE, v + _LABEL + nt_literal(p.venue), v + _CONTAINED_IN + s], graphs)

    def add_pairs(self, events: Sequence[Event]) -> None:
        """The who-met-whom table, precomputed: one dkg:ContactPair per pair of actors with a held
        contact, in its own named graph (derived from all the articles, stated by none)."""
        graph = [b" " + nt_iri(PAIRS_GRAPH) + b" .\n"]
        label = self.table.label
        for (first, second), (held, articles) in held_pairs(events).items():
            s = nt_iri(pair_iri(first, second))
            self.add(s, [s + _TYPE + _CONTACT_PAIR, s + _FIRST_ACTOR + self.actor(first),
                         s + _SECOND_ACTOR + self.actor(second),
                         s + _FIRST_LABEL + nt_literal(label.get(first, first)),
                         s + _SECOND_LABEL + nt_literal(label.get(second, second)),
                         s + _HELD_CONTACTS + nt_literal(len(held)), s + _HELD_ARTICLES + nt_literal(len(articles))],
                     graph)

    def add_article(self, article: Article) -> None:
        s, end = self.article(article.id)[:2]
        triples = [s + _TYPE + _NEWS_ARTICLE, s + _TYPE + _NIF_CONTEXT, s + _IDENTIFIER + nt_literal(article.id)]
        if article.url:
            triples.append(s + _URL + nt_literal(article.url, xsd.anyURI))
        if article.title:
            triples.append(s + _HEADLINE + nt_literal(article.title))
        if article.published:
            dt = xsd.date if len(article.published) == 10 else xsd.gYearMonth
            triples.append(s + _PUBLISHED + nt_literal(article.published, dt))
        self.add(s, triples, [end])

    def add_event(self, ev: Event) -> None:
        """The event as each article reporting it states it, in that article's named graph."""
        event_slug = _slug_id(ev.key).encode("utf-8")
        e = b"<" + _EVENT_BASE + event_slug + b">"
        reports = [(m, self.article(m.article_id)) for m in ev.mentions]
        graphs = [art.end for _, art in reports]
        common = [e + _IS_EVENT, e + _IS_KIND[ev.kind], e + _CONFIDENCE + self.decimal(ev.confidence)]
        for a in ev.actors:
            common.append(e + _HAS_ACTOR + self.actor(a.key))
            self._actor_graphs.setdefault((a.key, a.type, a.name, a.country), []).extend(graphs)
        if ev.place:
            common.append(e + _HAS_PLACE + nt_iri(place_iri(ev.place.key)))
            if ev.place.venue:
                common.append(e + _HAS_PLACE + nt_iri(_venue_iri(ev.place)))
            self._place_graphs.setdefault(ev.place, []).extend(graphs)
        if ev.begin:
            common.append(e + _BEGIN + nt_literal(ev.begin.value, PRECISION_DATATYPE[ev.begin.precision]))
            common.append(e + _DATE_PRECISION + nt_literal(ev.begin.precision))
            common.append(e + _DATE_INFERRED + _boolean(ev.begin.inferred))
        if ev.end:
            common.append(e + _END + nt_literal(ev.end.value, PRECISION_DATATYPE[ev.end.precision]))
        self.add(e, common, graphs)
        if any(x.status == "occurred" for x in ev.mentions):
            people = sorted({a.key for a in ev.actors})
            for x in people:
                s = self.actor(x)
                self.add(s, [s + _MET + self.actor(y) for y in people if y != x], graphs)
        mention_end = b"/" + event_slug + b">"
        for m, art in reports:
            # the mention: this article's report, with its own status and evidence
            mi = art.mentions + mention_end
            own = [e + _DENOTED_BY + mi]
            if ev.kind == "visit":
                own += [e + _VISITOR + self.actor(key) for key in m.visitors]
                own += [e + _HOST + self.actor(key) for key in m.hosts]
            end = [art.end]
            self.add(e, own, end)
            self.add(mi, [mi + _IS_MENTION, mi + _IS_NIF_STRING, mi + art.context, mi + art.derived,
                          mi + _HAS_STATUS[m.status], mi + _ANCHOR_OF + nt_literal(m.evidence.text),
                          mi + _BEGIN_INDEX + _index(m.evidence.start), mi + _END_INDEX + _index(m.evidence.end),
                          mi + _TRIGGER + nt_literal(m.trigger), mi + _CONFIDENCE + self.decimal(m.confidence),
                          mi + _IS_CAPTION + _boolean(m.is_caption)], end)


def _boolean(value: object) -> bytes:
    return _TRUE if value is True else _FALSE if value is False else nt_literal(value)


def _index(value: int) -> bytes:
    """The literal of a character offset (an xsd:nonNegativeInteger)."""
    if type(value) is int:
        return b'"%d"' % value + _NON_NEGATIVE
    return nt_literal(value, xsd.nonNegativeInteger)


def _venue_iri(p: Place) -> str:
    assert p.venue
    return place_iri(f"{p.key}-{_slug_id(p.venue.lower())}")


PAIRS_GRAPH = f"{BASE}graph/pairs"


def pair_iri(first: str, second: str) -> str:
    """The IRI of the contact pair of two actor keys (``first`` has the smaller actor IRI)."""
    return f"{BASE}pair/{_slug_id(first + chr(10) + second)}"  # the line feed makes it readable-hash


def held_pairs(events: Sequence[Event]) -> dict[tuple[str, str], tuple[set[str], set[str]]]:
    """(first key, second key) -> (held event keys, articles reporting them as occurred), for every
    pair of actors of an event with an occurred mention; ``first`` has the smaller actor IRI."""
    pairs: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for ev in events:
        held_in = {m.article_id for m in ev.mentions if m.status == "occurred"}
        if not held_in:
            continue
        keys = sorted({a.key for a in ev.actors}, key=actor_iri)
        for i, first in enumerate(keys):
            for second in keys[i + 1:]:
                found = pairs.get((first, second))
                if found is None:
                    found = pairs[(first, second)] = (set(), set())
                found[0].add(ev.key)
                found[1].update(held_in)
    return pairs


def graph_text(articles: Iterable[Article], events: Sequence[Event]) -> GraphText:
    """All quads of a build as sorted N-Quads lines, each once, with the union of their triples
    (byte-identical exports for the same input, whatever the order of the records)."""
    maker = _GraphMaker(events)
    for art in articles:
        maker.add_article(art)
    for ev in events:
        maker.add_event(ev)
    maker.add_pairs(events)
    return maker.text()


def build_quads(articles: Iterable[Article], events: Sequence[Event]) -> list[ox.Quad]:
    """All quads of a build as pyoxigraph objects, deduplicated and sorted by the ``str()`` of
    their terms (for library callers and tests; exports use :func:`graph_text`)."""
    quads = list(ox.parse(b"".join(graph_text(articles, events).nquads()), format=ox.RdfFormat.N_QUADS))
    return sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
