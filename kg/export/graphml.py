"""The actor network as GraphML, written for Gephi (and readable by networkx and igraph).

Nodes are actors, edges are contacts between two actors.  The file is written directly as text,
laid out as lxml's pretty printer would (``networkx.write_graphml`` refuses ``None`` and list
values), following what Gephi's GraphML importer accepts:

* keys use only the six standard GraphML types (boolean, int, long, float, double, string),
  each ``attr.name`` is declared once per element kind, and each attribute has one type;
* Gephi merges parallel edges, so there is ONE undirected edge per pair of actors, carrying
  aggregated counts (see :func:`write_graphml`); edge ids are ``e0``, ``e1``, ... in order;
* ``label`` (node) and ``weight`` (edge) are meant to be picked up by Gephi as the node label and
  edge weight; no attribute is named like another Gephi visual property (``size``, ``color``,
  ``r``, ``g``, ``b``, ``x``, ``y``, ``z``, ``type``...): the actor type is ``actor_type``;
* absent values (no country, no date, no role) are left out (no ``<data>`` element), never
  written as empty strings.

Text cleaning: characters that XML 1.0 does not allow at all (C0 controls other than tab, line
feed and carriage return; unpaired surrogates; U+FFFE and U+FFFF) are removed from every string
written; everything else (emoji, bidi marks such as U+200F, quotes, ``<>&``) is kept and escaped
by the serializer as needed.

Output is deterministic (same events -> same bytes): nodes are sorted by actor key, edges by
(source, target) with source < target.  The file is replaced atomically.

This module also holds the aggregation shared with :mod:`kg.export.gexf`:
:func:`build_actor_network`.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path

from kg.export.atomic import atomic_write
from kg.model import PRECISIONS, STATUSES, Actor, Event, TimeValue

__all__ = [
    "ActorNetwork",
    "EdgeRecord",
    "NodeRecord",
    "build_actor_network",
    "clean_xml_text",
    "graphml_document",
    "graphml_node_id",
    "join_values",
    "time_interval",
    "write_graphml",
    "xml_attribute",
    "xml_text",
]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GRAPHML_SCHEMA_LOCATION = f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"

# XML 1.0, production [2] Char: everything outside these ranges is forbidden.
_XML_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# XML 1.0 (5th edition) NameChar, the characters an xs:NMTOKEN (GraphML node id) may contain.
_NAME_CHARS = (
    ":A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
    "\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
)
_NMTOKEN = re.compile(f"[{_NAME_CHARS}]+")
_ESCAPED_IN_ID = re.compile(f"_|[^{_NAME_CHARS}]")

_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")

LIST_SEPARATOR = ";"

# Event status -> the attribute counting it ("occurred" events are contacts *held*).
STATUS_ATTRIBUTES = {s: ("held" if s == "occurred" else s) for s in STATUSES}


def clean_xml_text(text: str) -> str:
    """Remove the characters XML 1.0 forbids (see the module docstring)."""
    return _XML_FORBIDDEN.sub("", text)


def join_values(items: Iterable[str]) -> str:
    """Sorted, de-duplicated, ';'-joined; a ';' inside an item becomes ','."""
    cleaned = {clean_xml_text(i).replace(LIST_SEPARATOR, ",").strip() for i in items}
    return LIST_SEPARATOR.join(sorted(i for i in cleaned if i))


# --- dates -----------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class DateSpan:
    """A closed range of days and how to write each end at its own precision."""

    start: date
    end: date
    start_label: str  # "2016-05-03", "2016-05" or "2016"
    end_label: str


def time_interval(tv: TimeValue | None) -> DateSpan | None:
    """The days a :class:`TimeValue` covers: a day is itself, a month or year its whole span.

    The precision used is the coarser of ``tv.precision`` and what ``tv.value`` spells out
    (``"2016-05"`` marked ``day`` is taken as a month).  Unparsable values give ``None``.
    """
    if tv is None:
        return None
    m = _DATE_RE.fullmatch(tv.value.strip())
    if m is None:
        return None
    available = 1 + (m.group(2) is not None) + (m.group(3) is not None)  # 1 year, 2 month, 3 day
    declared = 3 - PRECISIONS.index(tv.precision) if tv.precision in PRECISIONS else 3
    level = min(available, declared)
    year = int(m.group(1))
    try:
        if level == 3:
            day = date(year, int(m.group(2)), int(m.group(3)))
            return DateSpan(day, day, day.isoformat(), day.isoformat())
        if level == 2:
            month = int(m.group(2))
            last = calendar.monthrange(year, month)[1]
            label = f"{year:04d}-{month:02d}"
            return DateSpan(date(year, month, 1), date(year, month, last), label, label)
        if year < 1:
            return None
        label = f"{year:04d}"
        return DateSpan(date(year, 1, 1), date(year, 12, 31), label, label)
    except (ValueError, calendar.IllegalMonthError):
        return None


def event_span(event: Event) -> DateSpan | None:
    """From the start of ``begin`` to the end of ``end``; either alone if only one is usable."""
    begin = time_interval(event.begin)
    end = time_interval(event.end)
    if begin is None:
        return end
    if end is None or end.end < begin.start:
        return begin
    return DateSpan(begin.start, end.end, begin.start_label, end.end_label)


def merge_spans(spans: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Sorted union of closed ranges; ranges that overlap or touch (share a day) are merged.

    Gephi refuses overlapping intervals on one element ("Overlapping intervals aren't allowed").
    """
    merged: list[tuple[date, date]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


# --- aggregation -----------------------------------------------------------------------------


@dataclass
class NodeRecord:
    """One actor, aggregated over all events it takes part in."""

    key: str
    name: str
    actor_type: str
    country: str | None
    roles: str  # sorted, ';'-joined, "" if none
    wikidata: str | None = None  # the Wikidata id ("Q7747"), when known
    events: int = 0
    held: int = 0
    spans: list[tuple[date, date]] = field(default_factory=list)  # one per dated held event
    undated: int = 0  # held events without a usable date


@dataclass
class EdgeRecord:
    """One undirected pair of actors (``source`` < ``target``), aggregated over its events."""

    source: str
    target: str
    statuses: Counter[str] = field(default_factory=Counter)
    kinds: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    events: int = 0
    spans: list[DateSpan] = field(default_factory=list)  # one per dated held event
    undated: int = 0  # held events without a usable date

    @property
    def held(self) -> int:
        return self.statuses["occurred"]

    @property
    def first_date(self) -> str | None:
        """Earliest start over the dated held events, at its own precision."""
        if not self.spans:
            return None
        return min((s.start, s.start_label) for s in self.spans)[1]

    @property
    def last_date(self) -> str | None:
        """Latest end over the dated held events, at its own precision."""
        if not self.spans:
            return None
        return max((s.end, s.end_label) for s in self.spans)[1]


@dataclass
class ActorNetwork:
    nodes: list[NodeRecord]  # sorted by key
    edges: list[EdgeRecord]  # sorted by (source, target)


def _pick(values: Iterable[str]) -> str:
    """The most frequent value, ties broken by the smallest."""
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def _merge_actor(key: str, seen: list[Actor]) -> NodeRecord:
    """One node from every :class:`Actor` object seen under ``key`` (order-independent)."""
    countries = [a.country for a in seen if a.country]
    return NodeRecord(
        key=key,
        name=clean_xml_text(_pick(a.name for a in seen)),
        actor_type=clean_xml_text(_pick(a.type for a in seen)),
        country=(clean_xml_text(_pick(countries)) or None) if countries else None,  # "" is absent too
        roles=join_values(r for a in seen for r in a.roles),
        wikidata=min((clean_xml_text(a.wikidata) for a in seen if a.wikidata), default=None) or None,
    )


def build_actor_network(events: Sequence[Event], *, include_unheld: bool = True) -> ActorNetwork:
    """Aggregate events into actors (nodes) and actor pairs (edges).

    * Events are told apart by ``Event.key``; a repeated key is counted once (first one wins).
    * An event with n distinct actors touches each of them and adds to all n*(n-1)/2 pairs; an
      event with one actor only counts for that node.
    * ``include_unheld=False`` drops pairs none of whose events has status ``occurred``, and the
      actors left without an edge (they would be isolated nodes in Gephi).
    * Dates (``first_date``, ``last_date``) and time spans come from held events only: a planned or
      cancelled contact has no place on a timeline.  Every event counts in ``events`` and per status.

    Computed once per build and written by both :func:`write_graphml` and
    :func:`kg.export.gexf.write_gexf`.
    """
    unique: dict[str, Event] = {}
    for event in events:
        unique.setdefault(event.key, event)

    actors_seen: dict[str, list[Actor]] = {}
    nodes_events: dict[str, list[tuple[str, DateSpan | None]]] = {}  # key -> (status, span) per event
    edges: dict[tuple[str, str], EdgeRecord] = {}
    spans: dict[tuple[TimeValue | None, TimeValue | None], DateSpan | None] = {}
    for event in unique.values():
        keys = sorted({a.key for a in event.actors})
        for actor in event.actors:
            seen = actors_seen.get(actor.key)
            if seen is None:
                actors_seen[actor.key] = [actor]
            else:
                seen.append(actor)
        status = event.status
        when = (event.begin, event.end)
        if when in spans:
            span = spans[when]
        else:
            span = spans[when] = event_span(event)
        for key in keys:
            nodes_events.setdefault(key, []).append((status, span))
        if len(keys) < 2:
            continue
        articles = {m.article_id for m in event.mentions}
        held = status == "occurred"
        for source, target in combinations(keys, 2):
            edge = edges.get((source, target))
            if edge is None:
                edge = edges[(source, target)] = EdgeRecord(source, target)
            edge.events += 1
            edge.statuses[status] += 1
            edge.kinds.add(event.kind)
            edge.articles |= articles
            if not held:
                continue  # dates and spells tell when contacts took place: planned ones did not (yet)
            if span is None:
                edge.undated += 1
            else:
                edge.spans.append(span)

    nodes: list[NodeRecord] = []
    for key in sorted(actors_seen):
        node = _merge_actor(key, actors_seen[key])
        for status, span in nodes_events[key]:
            node.events += 1
            if status != "occurred":
                continue
            node.held += 1
            if span is None:
                node.undated += 1
            else:
                node.spans.append((span.start, span.end))
        nodes.append(node)

    kept = [e for _, e in sorted(edges.items()) if include_unheld or e.held > 0]
    if not include_unheld:  # no isolated node: an actor without a held contact with another one is left out
        linked = {e.source for e in kept} | {e.target for e in kept}
        nodes = [n for n in nodes if n.key in linked]
    return ActorNetwork(nodes=nodes, edges=kept)


# --- GraphML ---------------------------------------------------------------------------------

# (id, attr.name, attr.type); every name is unique within its element kind.
NODE_KEYS: tuple[tuple[str, str, str], ...] = (
    ("n_label", "label", "string"),
    ("n_actor_type", "actor_type", "string"),
    ("n_country", "country", "string"),
    ("n_roles", "roles", "string"),
    ("n_wikidata", "wikidata", "string"),
    ("n_events", "events", "int"),
    ("n_held", "held", "int"),
)
EDGE_KEYS: tuple[tuple[str, str, str], ...] = (
    ("e_weight", "weight", "double"),
    ("e_events", "events", "int"),
    *((f"e_{name}", name, "int") for name in STATUS_ATTRIBUTES.values()),
    ("e_kinds", "kinds", "string"),
    ("e_first_date", "first_date", "string"),
    ("e_last_date", "last_date", "string"),
    ("e_sources", "sources", "int"),
    ("e_articles", "articles", "string"),
)


def graphml_node_id(key: str) -> str:
    """``key`` itself when it is a valid xs:NMTOKEN (GraphML's id type) without ``_x`` in it, else
    an escaped form; distinct keys always get distinct ids.

    Escaped form: each character not allowed in an NMTOKEN (and each ``_``, so that the escape
    cannot be confused with the key's own text) becomes ``_xHHHH_``, its code point in hex; the
    empty key is ``_x_``.  A key kept as it is never contains ``_x``; an escaped one always does.
    """
    if _NMTOKEN.fullmatch(key) and "_x" not in key:
        return key
    if not key:
        return "_x_"
    return _ESCAPED_IN_ID.sub(lambda m: f"_x{ord(m.group()):04X}_", key)


# What an XML serializer escapes (as lxml does): in text, ``& < >`` and carriage returns (which a
# parser would otherwise turn into line feeds); in attribute values also ``"``, tabs and line feeds.
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", '"': "&quot;",
                                    "\t": "&#9;", "\n": "&#10;"})
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTRIBUTE_SPECIAL = re.compile('[&<>\r"\t\n]')


def xml_text(text: str) -> str:
    """``text`` (already cleaned, see :func:`clean_xml_text`) escaped as element content."""
    return text.translate(_TEXT_ESCAPES) if _TEXT_SPECIAL.search(text) else text


def xml_attribute(text: str) -> str:
    """``text`` (already cleaned) escaped as a double-quoted attribute value."""
    return text.translate(_ATTRIBUTE_ESCAPES) if _ATTRIBUTE_SPECIAL.search(text) else text


def _data(key: str, value: str | None) -> str:
    """A ``<data>`` element of a text value, none for an absent value."""
    if value is None:
        return ""
    return f'      <data key="{key}">{xml_text(clean_xml_text(value))}</data>\n'


# an edge's counts by status, in EDGE_KEYS order
_STATUS_DATA = "".join(f'      <data key="e_{name}">{{}}</data>\n' for name in STATUS_ATTRIBUTES.values())


def graphml_document(network: ActorNetwork) -> bytes:
    """The GraphML document of ``network`` as UTF-8 bytes (what :func:`write_graphml` writes).

    Written as text directly, laid out and escaped as lxml's pretty printer lays out and escapes
    the same tree: an XML serializer per element is most of the time of a large export."""
    out = ["<?xml version='1.0' encoding='UTF-8'?>\n",
           f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI_NS}" xsi:schemaLocation="{GRAPHML_SCHEMA_LOCATION}">\n']
    for domain, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for key_id, name, type_ in keys:
            out.append(f'  <key id="{key_id}" for="{domain}" attr.name="{name}" attr.type="{type_}"/>\n')
    if not network.nodes and not network.edges:
        out.append('  <graph id="G" edgedefault="undirected"/>\n')
    else:
        out.append('  <graph id="G" edgedefault="undirected">\n')
        ids: dict[str, str] = {}
        for node in network.nodes:
            node_id = ids[node.key] = xml_attribute(graphml_node_id(node.key))  # injective: distinct keys, distinct ids
            out.append(f'    <node id="{node_id}">\n'
                       + _data("n_label", node.name) + _data("n_actor_type", node.actor_type)
                       + _data("n_country", node.country) + _data("n_roles", node.roles or None)
                       + _data("n_wikidata", node.wikidata)
                       + f'      <data key="n_events">{node.events}</data>\n'
                       f'      <data key="n_held">{node.held}</data>\n'
                       "    </node>\n")
        for index, edge in enumerate(network.edges):
            statuses = edge.statuses
            out.append(f'    <edge id="e{index}" source="{ids[edge.source]}" target="{ids[edge.target]}">\n'
                       f'      <data key="e_weight">{float(edge.held)!r}</data>\n'
                       f'      <data key="e_events">{edge.events}</data>\n'
                       + _STATUS_DATA.format(*[statuses[status] for status in STATUS_ATTRIBUTES])
                       + _data("e_kinds", join_values(edge.kinds)) + _data("e_first_date", edge.first_date)
                       + _data("e_last_date", edge.last_date)
                       + f'      <data key="e_sources">{len(edge.articles)}</data>\n'
                       + _data("e_articles", join_values(edge.articles) or None)
                       + "    </edge>\n")
        out.append("  </graph>\n")
    out.append("</graphml>\n")
    return "".join(out).encode("utf-8")


def graphml_bytes(events: Sequence[Event], *, include_unheld: bool = True) -> bytes:
    """The GraphML document :func:`write_graphml` writes, as UTF-8 bytes."""
    return graphml_document(build_actor_network(events, include_unheld=include_unheld))


def write_graphml(events: Sequence[Event], path: Path, *, include_unheld: bool = True,
                  network: ActorNetwork | None = None) -> None:
    """Write the actor network of ``events`` to ``path`` as GraphML (atomically).

    Nodes (id = actor key, escaped only if not a valid NMTOKEN): ``label`` (actor name),
    ``actor_type`` (person|country|organisation|group), ``country`` (omitted when unknown),
    ``roles`` (';'-joined, omitted when none), ``wikidata`` (the Wikidata id, omitted when
    unknown), ``events`` (distinct events the actor is in, one-
    actor events included) and ``held`` (those with status ``occurred``).

    Edges, one per pair of actors that share at least one event: ``weight`` (double) = number of
    distinct events with status ``occurred`` between the two, i.e. contacts held; ``events`` (all
    events), ``held``, ``planned``, ``cancelled``, ``denied``, ``hypothetical`` (per status),
    ``kinds`` (sorted, ';'-joined), ``first_date``/``last_date`` (earliest start / latest end
    over the dated held events, ISO at the date's own precision: ``2016-05-03``, ``2016-05`` or
    ``2016``; omitted when no held event is dated), ``sources`` (distinct articles) and
    ``articles`` (their ids, sorted, ';'-joined).

    A pair whose events were all planned, cancelled, denied or hypothetical has ``weight`` 0.0:
    networkx and igraph keep such edges, but Gephi's importer drops zero-weight edges (with an
    import warning).  Pass ``include_unheld=False`` to leave those pairs out altogether.

    ``network``: the network of ``events``, when already built (``build_actor_network(events,
    include_unheld=...)``, as :func:`kg.build.write_exports` does once for GraphML and GEXF).
    """
    if network is None:
        network = build_actor_network(events, include_unheld=include_unheld)
    data = graphml_document(network)
    with atomic_write(Path(path), "wb") as fh:
        fh.write(data)
