"""Records -> RDF, compared as graphs (rdflib.compare), not as text."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.export.rdf import write_nquads, write_turtle
from kg.graph import build_quads
from kg.model import Actor, Article, Mention, Place, Span, TimeValue
from kg.resolve.merge import merge_events

GOLDEN = """
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> .
@prefix gaf: <http://groundedannotationframework.org/gaf#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix a: <https://w3id.org/diplomatic-kg/actor/> .
@prefix art: <https://w3id.org/diplomatic-kg/article/> .
@prefix pl: <https://w3id.org/diplomatic-kg/place/> .
"""

OSLO = Place(key="oslo-3143244", name="Oslo", country="Norway", geonames_id=3143244, lat=59.91, lon=10.75)
A = Actor("jonas-store", "Jonas Store", "person", country="Norway")
B = Actor("ulf-kristersson", "Ulf Kristersson", "person", country="Sweden")


def mention(article: str, status: str, start: int = 0) -> Mention:
    return Mention(article_id=article, kind="meeting", status=status, actors=(A, B), place=OSLO,
                   begin=TimeValue("2024-03", "month", "in March"), end=None,
                   evidence=Span("Store met Kristersson in Oslo.", start, start + 30), trigger="met",
                   confidence=0.7)


def test_one_event_two_reports_one_mention_each(tmp_path: Path) -> None:
    events = merge_events([mention("a1", "planned"), mention("a2", "occurred")])
    assert len(events) == 1 and events[0].status == "occurred"
    arts = [Article("a1", "x", "t"), Article("a2", "y", "t")]
    quads = build_quads(arts, events)
    write_turtle(quads, tmp_path / "g.ttl")
    g = Graph().parse(tmp_path / "g.ttl")
    q = """SELECT ?id ?status WHERE { ?e gaf:denotedBy ?m . ?m nif:referenceContext ?art ; dkg:status ?status .
           ?art dcterms:identifier ?id } ORDER BY ?id"""
    sparql_prefixes = GOLDEN.replace("@prefix", "PREFIX").replace("> .", ">")
    rows = [(str(r[0]), str(r[1]).rsplit("#", 1)[1]) for r in g.query(sparql_prefixes + q)]  # type: ignore[index]
    assert rows == [("a1", "Planned"), ("a2", "Occurred")]
    # the actor part of the graph, as a golden expectation compared as a graph
    actor_part = Graph()
    for s, p, o in g.triples((None, None, None)):
        if str(s).startswith("https://w3id.org/diplomatic-kg/actor/jonas-store"):
            actor_part.add((s, p, o))
    expected = Graph().parse(data=GOLDEN + """
        a:jonas-store a dkg:Person ; rdfs:label "Jonas Store" ; dkg:countryName "Norway" ;
            dkg:inCountry a:norway ; dkg:met a:ulf-kristersson .""", format="turtle")
    assert isomorphic(actor_part, expected)


def test_same_input_same_bytes_and_counts(tmp_path: Path) -> None:
    arts = [Article("a1", "x", "t")]
    for run in ("one", "two"):
        events = merge_events([mention("a1", "occurred")])
        quads = build_quads(arts, events)
        write_turtle(quads, tmp_path / f"{run}.ttl")
        write_nquads(quads, tmp_path / f"{run}.nq")
    assert (tmp_path / "one.ttl").read_bytes() == (tmp_path / "two.ttl").read_bytes()
    assert (tmp_path / "one.nq").read_bytes() == (tmp_path / "two.nq").read_bytes()
    store = ox.Store()
    store.bulk_load(path=str(tmp_path / "one.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(Graph().parse(tmp_path / "one.ttl"))
    graphs = {str(q.graph_name) for q in ox.parse(path=str(tmp_path / "one.nq"), format=ox.RdfFormat.N_QUADS)}
    # the article's graph, and the pair table derived from all the articles (kg.graph.add_pairs)
    assert graphs == {"<https://w3id.org/diplomatic-kg/article/a1>", "<https://w3id.org/diplomatic-kg/graph/pairs>"}


def test_iris_valid_for_any_id() -> None:
    from kg.graph import article_iri

    iri = article_iri('weird id with <>"{}|\\^` and emoji 🙂')
    ox.NamedNode(iri)  # raises if invalid
    assert " " not in iri


def test_quad_text_is_what_oxigraph_writes() -> None:
    """kg.graph writes N-Quads text itself: each line is the one Oxigraph's serializer writes for the
    same quad (terms, escapes, datatypes), and the lines are sorted and distinct."""
    import sys

    from kg.graph import graph_text

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    sys.path.insert(0, str(Path(__file__).resolve().parent / "robustness"))
    import synth
    import test_robust_escaping

    arts, events = synth.generate(200, seed=4)
    hostile_arts, hostile_events = test_robust_escaping._records(test_robust_escaping.HOSTILE)
    text = graph_text(arts + hostile_arts, events + hostile_events)
    data = b"".join(text.nquads())
    assert ox.serialize(ox.parse(data, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS) == data
    lines = text.lines()
    assert lines == sorted(set(lines)) and len(lines) == len(text) and b"\n".join(lines) + b"\n" == data
    union = ox.serialize(ox.parse(b" .\n".join(text.triples) + b" .\n", format=ox.RdfFormat.N_TRIPLES),
                         format=ox.RdfFormat.N_TRIPLES)
    assert union == b" .\n".join(text.triples) + b" .\n"
    assert text.triples == sorted({line.rsplit(b" ", 2)[0] for line in lines})


@given(st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()), max_size=30))
@settings(max_examples=300, deadline=None)
def test_literal_text_is_oxigraphs(value: str) -> None:
    from kg.graph import _clean, nt_literal

    assert nt_literal(value) == str(ox.Literal(_clean(value))).encode()
    dt = "http://www.w3.org/2001/XMLSchema#anyURI"
    assert nt_literal(value, dt) == str(ox.Literal(_clean(value), datatype=ox.NamedNode(dt))).encode()


def test_typed_literals() -> None:
    from kg.graph import nt_literal

    xsd = "http://www.w3.org/2001/XMLSchema#"
    for value, lexical, datatype in [(True, "true", "boolean"), (False, "false", "boolean"), (3, "3", "integer"),
                                     (-7, "-7", "integer"), (0.12345, "0.123", "decimal"), (2.0, "2.0", "decimal"),
                                     (0.5, "0.5", "decimal")]:
        assert nt_literal(value) == str(ox.Literal(lexical, datatype=ox.NamedNode(xsd + datatype))).encode()
    assert nt_literal(12, xsd + "nonNegativeInteger") == f'"12"^^<{xsd}nonNegativeInteger>'.encode()
    assert nt_literal("x", xsd + "string") == b'"x"'
