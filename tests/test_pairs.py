"""The precomputed who-met-whom table (dkg:ContactPair, kg.graph.add_pairs): the same answer as the
query over the events, on the samples and on a synthetic graph, in its own named graph."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.graph import PAIRS_GRAPH, graph_text
from kg.query import load_store, run_query

ROOT = Path(__file__).resolve().parents[1]
WHO_MET_WHOM = (ROOT / "docs" / "queries" / "who-met-whom.rq").read_text(encoding="utf-8")
FROM_EVENTS = """
SELECT ?actorA ?actorB (COUNT(DISTINCT ?event) AS ?held) (COUNT(DISTINCT ?article) AS ?articles)
WHERE {
  ?event a sem:Event ; sem:hasActor ?a , ?b ; gaf:denotedBy ?mention .
  ?mention dkg:status dkg:Occurred ; nif:referenceContext ?article .
  FILTER(STR(?a) < STR(?b))
  ?a rdfs:label ?actorA . ?b rdfs:label ?actorB .
}
GROUP BY ?a ?b ?actorA ?actorB
ORDER BY DESC(?held) DESC(?articles) ?actorA ?actorB
"""


def _rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    return [tuple(str(sol[v].value) for v in ("actorA", "actorB", "held", "articles")) for sol in run_query(store, query)]


def test_pair_table_answers_as_the_events_do_on_the_samples(sample_build: Any) -> None:
    out, _ = sample_build
    store = load_store(out / "graph.ttl")
    rows = _rows(store, WHO_MET_WHOM)
    assert rows == _rows(store, FROM_EVENTS)
    assert len(rows) > 20
    every_status = {(str(s["a"].value), str(s["b"].value)) for s in run_query(store, """
        SELECT DISTINCT ?a ?b WHERE { ?e a sem:Event ; sem:hasActor ?x, ?y . ?x rdfs:label ?a . ?y rdfs:label ?b .
                                      FILTER(STR(?x) < STR(?y)) }""")}
    held = {r[:2] for r in rows}
    assert held < every_status  # pairs only planned, cancelled, denied or hypothetical are not in the table


def test_pair_table_on_a_synthetic_graph(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    arts, events = synth.for_triples(40_000)
    text = graph_text(arts, events)
    store = ox.Store()
    store.load(b"".join(text.nquads()), format=ox.RdfFormat.N_QUADS)
    union = ox.Store()
    union.load(b"".join(t + b" .\n" for t in text.triples), format=ox.RdfFormat.N_TRIPLES)  # graph.ttl
    rows = _rows(union, WHO_MET_WHOM)
    assert rows == _rows(union, FROM_EVENTS) and len(rows) > 500
    # the pairs are in their own named graph, and only there
    pairs_graph = ox.NamedNode(PAIRS_GRAPH)
    typed = list(store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                         ox.NamedNode("https://w3id.org/diplomatic-kg/ontology#ContactPair"), None))
    assert len(typed) == len(rows) and {q.graph_name for q in typed} == {pairs_graph}
