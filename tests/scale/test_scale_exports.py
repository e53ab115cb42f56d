"""The export writers: canonical order (same graph -> same bytes), the same graph as build_quads."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build import write_exports
from kg.export.rdf import graph_lines, triple_lines, write_nquads, write_turtle
from kg.graph import build_quads

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import synth  # noqa: E402


def test_lines_are_build_quads_sorted_and_unique(tmp_path: Path) -> None:
    arts, events = synth.generate(300, seed=3)
    lines = graph_lines(arts, events)
    quads = build_quads(arts, events)
    assert lines == sorted(set(lines)) and len(lines) == len(quads)
    assert set(ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_QUADS)) == set(quads)
    assert triple_lines(lines) == sorted({line.rsplit(b" ", 2)[0] for line in lines})


def test_order_of_records_does_not_change_the_bytes(tmp_path: Path) -> None:
    arts, events = synth.generate(200, seed=5)
    write_exports(tmp_path / "a", graph_lines(arts, events), events)
    shuffled = arts[:]
    random.Random(1).shuffle(shuffled)
    quads = build_quads(shuffled, events)
    random.Random(2).shuffle(quads)
    write_turtle(quads, tmp_path / "b.ttl")
    write_nquads(quads, tmp_path / "b.nq")
    assert (tmp_path / "a" / "graph.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()
    assert (tmp_path / "a" / "graph.nq").read_bytes() == (tmp_path / "b.nq").read_bytes()


def test_turtle_is_the_union_of_the_nquads(tmp_path: Path) -> None:
    arts, events = synth.generate(150, seed=9)
    triples, outputs = write_exports(tmp_path, graph_lines(arts, events), events)
    ttl = Graph().parse(tmp_path / "graph.ttl")
    union = Graph()
    for q in ox.parse(path=str(tmp_path / "graph.nq"), format=ox.RdfFormat.N_QUADS):
        union.parse(data=f"{q.subject} {q.predicate} {q.object} .", format="nt")
    assert len(ttl) == triples and isomorphic(ttl, union)
    assert [p.name for p in outputs][:4] == ["graph.ttl", "graph.nq", "graph.graphml", "graph.gexf"]
    assert sorted(p.name for p in outputs) == sorted(p.name for p in tmp_path.iterdir())  # every file written
