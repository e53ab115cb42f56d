"""Turtle (the merged default graph) and N-Quads (one named graph per article), by Oxigraph's
serializers: linear in the number of triples, whatever the number of namespaces."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from ..vocab import BASE, PREFIXES
from .atomic import atomic_write

TURTLE_PREFIXES = {**PREFIXES, "event": BASE + "event/", "actor": BASE + "actor/",
                   "place": BASE + "place/", "article": BASE + "article/"}


def union_triples(quads: Sequence[ox.Quad]) -> list[ox.Triple]:
    seen: dict[tuple[str, str, str], ox.Triple] = {}
    for q in quads:
        t = ox.Triple(q.subject, q.predicate, q.object)
        seen.setdefault((str(q.subject), str(q.predicate), str(q.object)), t)
    return [seen[k] for k in sorted(seen)]


def write_turtle(quads: Sequence[ox.Quad], path: Path) -> int:
    triples = union_triples(quads)
    with atomic_write(path, "wb") as fh:
        ox.serialize(triples, fh, format=ox.RdfFormat.TURTLE, prefixes=dict(TURTLE_PREFIXES))
    return len(triples)


def write_nquads(quads: Sequence[ox.Quad], path: Path) -> int:
    with atomic_write(path, "wb") as fh:
        ox.serialize(quads, fh, format=ox.RdfFormat.N_QUADS)
    return len(quads)
