"""The actor network as a dynamic GEXF 1.3 graph, for Gephi's timeline.

Same network as :mod:`kg.export.graphml` (one undirected edge per pair of actors, same counts;
see :func:`kg.export.graphml.build_actor_network`), plus time:

* ``<graph mode="dynamic" defaultedgetype="undirected" timeformat="date">``, dates
  ``YYYY-MM-DD``;
* each edge has one ``<spell>`` per dated event between the pair: a day gives
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

from lxml import etree

from kg.export.atomic import atomic_write
from kg.export.graphml import (
    STATUS_ATTRIBUTES,
    build_actor_network,
    clean_xml_text,
    graphml_node_id,
    join_values,
    merge_spans,
)
from kg.model import Event

__all__ = ["GEXF_NS", "gexf_bytes", "write_gexf"]

GEXF_NS = "http://gexf.net/1.3"

# (id = title, GEXF type)
NODE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("actor_type", "string"),
    ("country", "string"),
    ("roles", "string"),
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
)


def _q(tag: str) -> str:
    return f"{{{GEXF_NS}}}{tag}"


def _attvalues(parent: etree._Element, values: Sequence[tuple[str, object]]) -> None:
    present = [(k, v) for k, v in values if v is not None and v != ""]
    if not present:
        return
    container = etree.SubElement(parent, _q("attvalues"))
    for key, value in present:
        text = clean_xml_text(value) if isinstance(value, str) else str(value)
        etree.SubElement(container, _q("attvalue"), {"for": key, "value": text})


def _spells(parent: etree._Element, spans: list[tuple[date, date]]) -> None:
    if not spans:
        return
    container = etree.SubElement(parent, _q("spells"))
    for start, end in spans:
        etree.SubElement(container, _q("spell"), start=start.isoformat(), end=end.isoformat())


def _declare(graph: etree._Element, cls: str, attributes: Sequence[tuple[str, str]]) -> None:
    container = etree.SubElement(graph, _q("attributes"), {"class": cls, "mode": "static"})
    for attr_id, type_ in attributes:
        etree.SubElement(container, _q("attribute"), id=attr_id, title=attr_id, type=type_)


def gexf_bytes(events: Sequence[Event], *, include_unheld: bool = True) -> bytes:
    """The GEXF document :func:`write_gexf` writes, as UTF-8 bytes."""
    network = build_actor_network(events, include_unheld=include_unheld)

    edge_spans = {
        (e.source, e.target): merge_spans((s.start, s.end) for s in e.spans) for e in network.edges
    }
    always_present: set[str] = set()  # nodes touching an edge that has no spells
    for (source, target), spans in edge_spans.items():
        if not spans:
            always_present.update((source, target))

    # No xsi:schemaLocation: the GEXF 1.3 RELAX NG schema does not allow it.
    root = etree.Element(_q("gexf"), nsmap={None: GEXF_NS}, version="1.3")
    meta = etree.SubElement(root, _q("meta"))
    etree.SubElement(meta, _q("creator")).text = "diplomatic-kg"
    etree.SubElement(meta, _q("description")).text = (
        "Diplomatic contacts: actors and, per pair, the events between them"
        " (weight = contacts held)"
    )
    graph = etree.SubElement(
        root, _q("graph"), mode="dynamic", defaultedgetype="undirected", timeformat="date"
    )
    _declare(graph, "node", NODE_ATTRIBUTES)
    _declare(graph, "edge", EDGE_ATTRIBUTES)

    nodes = etree.SubElement(graph, _q("nodes"))
    ids: dict[str, str] = {}
    for node in network.nodes:
        node_id = graphml_node_id(node.key)  # the GraphML id: always valid, distinct keys distinct ids
        ids[node.key] = node_id
        element = etree.SubElement(nodes, _q("node"), id=node_id, label=node.name)
        _attvalues(
            element,
            [
                ("actor_type", node.actor_type),
                ("country", node.country),
                ("roles", node.roles),
                ("events", node.events),
                ("held", node.held),
            ],
        )
        if node.key not in always_present:
            _spells(element, merge_spans(node.spans))

    edges = etree.SubElement(graph, _q("edges"))
    for index, edge in enumerate(network.edges):
        element = etree.SubElement(
            edges,
            _q("edge"),
            id=f"e{index}",
            source=ids[edge.source],
            target=ids[edge.target],
            weight=repr(float(edge.held)),
        )
        _attvalues(
            element,
            [
                ("events", edge.events),
                *((name, edge.statuses[status]) for status, name in STATUS_ATTRIBUTES.items()),
                ("kinds", join_values(edge.kinds)),
                ("first_date", edge.first_date),
                ("last_date", edge.last_date),
                ("sources", len(edge.articles)),
            ],
        )
        _spells(element, edge_spans[(edge.source, edge.target)])

    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def write_gexf(events: Sequence[Event], path: Path, *, include_unheld: bool = True) -> None:
    """Write the actor network of ``events`` to ``path`` as dynamic GEXF 1.3 (atomically).

    Nodes: ``label`` (actor name) and attributes ``actor_type``, ``country``, ``roles``,
    ``events``, ``held``.  Edges (one per pair sharing an event): ``weight`` = contacts held and
    the same counts as the GraphML export, with spells as described in the module docstring.

    Pairs with no held contact get ``weight="0.0"``; Gephi drops zero-weight edges on import
    (older versions even failed on them), so pass ``include_unheld=False`` to leave them out.
    """
    data = gexf_bytes(events, include_unheld=include_unheld)
    with atomic_write(Path(path), "wb") as fh:
        fh.write(data)
