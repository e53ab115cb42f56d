"""The actor network as a dynamic GEXF 1.3 graph, for Gephi's timeline.

Same network as :mod:`kg.export.graphml` (one undirected edge per pair of actors, same counts;
see :func:`kg.export.graphml.build_actor_network`), plus time:

* ``<graph mode="dynamic" defaultedgetype="undirected" timeformat="date">``, dates
  ``YYYY-MM-DD``;
* spells come from held contacts only (status ``occurred``): a planned, cancelled, denied or
  hypothetical contact is counted on its edge but never shown on the timeline;
* each edge has one ``<spell>`` per dated held event between the pair: a day gives
  ``start == end``, a month (year) runs from its first to its last day, an event with both
  ``begin`` and ``end`` runs from the start of one to the end of the other.  Spells that overlap
  or touch are merged into one, because Gephi refuses overlapping intervals on one element;
* a node's spells cover the dates of all its dated events, so every edge spell lies inside the
  spells of both its nodes;
* an element without spells is present at all times (GEXF's rule).  So an edge none of whose
  events is dated has no spells, and neither have its two nodes (otherwise Gephi would show an
  always-present edge between nodes that come and go); nor has a node none of whose events is
  dated.  Undated events of an element that also has dated ones just don't appear on the
  timeline.

The edge ``weight`` is the number of contacts held (events with status ``occurred``); counts are
declared attributes (``<attributes class="node|edge" mode="static">``, ids = titles).  Absent
values (no country, no date, no roles) are left out.  Characters XML 1.0 forbids are removed
(:func:`kg.export.graphml.clean_xml_text`); node ids are the GraphML ones
(:func:`kg.export.graphml.graphml_node_id`: always valid, distinct for distinct actors).  Output
is deterministic and written atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kg.export.atomic import atomic_write
from kg.export.graphml import (
    STATUS_ATTRIBUTES,
    ActorNetwork,
    build_actor_network,
    clean_xml_text,
    graphml_node_id,
    join_values,
    merge_spans,
    xml_attribute,
)
from kg.model import Event

__all__ = ["GEXF_NS", "gexf_bytes", "gexf_document", "write_gexf"]

GEXF_NS = "http://gexf.net/1.3"

# (id = title, GEXF type)
NODE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("actor_type", "string"),
    ("country", "string"),
    ("roles", "string"),
    ("wikidata", "string"),
    ("events", "integer"),
    ("held", "integer"),
)
EDGE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("events", "integer"),
    *((name, "integer") for name in STATUS_ATTRIBUTES.values()),
    ("kinds", "string"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("sources", "integer"),
    ("articles", "string"),
)


def _attvalue(key: str, value: str | None) -> str:
    """An ``<attvalue>`` of a text value; none for an absent or empty one."""
    if not value:
        return ""
    return f'          <attvalue for="{key}" value="{xml_attribute(clean_xml_text(value))}"/>\n'


# an edge's counts by status, in EDGE_ATTRIBUTES order
_STATUS_VALUES = "".join(f'          <attvalue for="{name}" value="{{}}"/>\n' for name in STATUS_ATTRIBUTES.values())


def _spells(out: list[str], spans: list[tuple[date, date]]) -> None:
    if not spans:
        return
    out.append("        <spells>\n")
    out += [f'          <spell start="{start.isoformat()}" end="{end.isoformat()}"/>\n' for start, end in spans]
    out.append("        </spells>\n")


def _declare(out: list[str], cls: str, attributes: Sequence[tuple[str, str]]) -> None:
    out.append(f'    <attributes class="{cls}" mode="static">\n')
    out += [f'      <attribute id="{attr_id}" title="{attr_id}" type="{type_}"/>\n' for attr_id, type_ in attributes]
    out.append("    </attributes>\n")


def gexf_document(network: ActorNetwork) -> bytes:
    """The GEXF document of ``network`` as UTF-8 bytes (what :func:`write_gexf` writes), written as
    text laid out and escaped as lxml's pretty printer would (see :func:`kg.export.graphml.graphml_document`)."""
    edge_spans = {
        (e.source, e.target): merge_spans((s.start, s.end) for s in e.spans) for e in network.edges
    }
    always_present: set[str] = set()  # nodes touching an edge of held contacts that has no spells
    for edge in network.edges:
        if edge.held and not edge_spans[(edge.source, edge.target)]:
            always_present.update((edge.source, edge.target))

    # No xsi:schemaLocation: the GEXF 1.3 RELAX NG schema does not allow it.
    out = ["<?xml version='1.0' encoding='UTF-8'?>\n", f'<gexf xmlns="{GEXF_NS}" version="1.3">\n', "  <meta>\n",
           "    <creator>diplomatic-kg</creator>\n",
           "    <description>Diplomatic contacts: actors and, per pair, the events between them"
           " (weight = contacts held)</description>\n",
           "  </meta>\n",
           '  <graph mode="dynamic" defaultedgetype="undirected" timeformat="date">\n']
    _declare(out, "node", NODE_ATTRIBUTES)
    _declare(out, "edge", EDGE_ATTRIBUTES)

    ids: dict[str, str] = {}
    if not network.nodes:
        out.append("    <nodes/>\n")
    else:
        out.append("    <nodes>\n")
        for node in network.nodes:
            node_id = ids[node.key] = xml_attribute(graphml_node_id(node.key))  # the GraphML id: valid, distinct
            out.append(f'      <node id="{node_id}" label="{xml_attribute(node.name)}">\n'
                       "        <attvalues>\n"
                       + _attvalue("actor_type", node.actor_type) + _attvalue("country", node.country)
                       + _attvalue("roles", node.roles) + _attvalue("wikidata", node.wikidata)
                       + f'          <attvalue for="events" value="{node.events}"/>\n'
                       f'          <attvalue for="held" value="{node.held}"/>\n'
                       "        </attvalues>\n")
            if node.key not in always_present:
                _spells(out, merge_spans(node.spans))
            out.append("      </node>\n")
        out.append("    </nodes>\n")

    if not network.edges:
        out.append("    <edges/>\n")
    else:
        out.append("    <edges>\n")
        for index, edge in enumerate(network.edges):
            statuses = edge.statuses
            out.append(f'      <edge id="e{index}" source="{ids[edge.source]}" target="{ids[edge.target]}"'
                       f' weight="{float(edge.held)!r}">\n'
                       "        <attvalues>\n"
                       f'          <attvalue for="events" value="{edge.events}"/>\n'
                       + _STATUS_VALUES.format(*[statuses[status] for status in STATUS_ATTRIBUTES])
                       + _attvalue("kinds", join_values(edge.kinds)) + _attvalue("first_date", edge.first_date)
                       + _attvalue("last_date", edge.last_date)
                       + f'          <attvalue for="sources" value="{len(edge.articles)}"/>\n'
                       + _attvalue("articles", join_values(edge.articles))
                       + "        </attvalues>\n")
            _spells(out, edge_spans[(edge.source, edge.target)])
            out.append("      </edge>\n")
        out.append("    </edges>\n")
    out.append("  </graph>\n</gexf>\n")
    return "".join(out).encode("utf-8")


def gexf_bytes(events: Sequence[Event], *, include_unheld: bool = True) -> bytes:
    """The GEXF document :func:`write_gexf` writes, as UTF-8 bytes."""
    return gexf_document(build_actor_network(events, include_unheld=include_unheld))


def write_gexf(events: Sequence[Event], path: Path, *, include_unheld: bool = True,
               network: ActorNetwork | None = None) -> None:
    """Write the actor network of ``events`` to ``path`` as dynamic GEXF 1.3 (atomically).

    Nodes: ``label`` (actor name) and attributes ``actor_type``, ``country``, ``roles``,
    ``wikidata`` (the Wikidata id, when known), ``events``, ``held``.  Edges (one per pair sharing
    an event): ``weight`` = contacts held and
    the same counts as the GraphML export, with spells as described in the module docstring.

    Pairs with no held contact get ``weight="0.0"``; Gephi drops zero-weight edges on import
    (older versions even failed on them), so pass ``include_unheld=False`` to leave them out.

    ``network``: the network of ``events``, when already built (see :func:`kg.export.graphml.write_graphml`).
    """
    if network is None:
        network = build_actor_network(events, include_unheld=include_unheld)
    data = gexf_document(network)
    with atomic_write(Path(path), "wb") as fh:
        fh.write(data)
