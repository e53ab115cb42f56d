"""Turtle and N-Quads of a real build, read by pyoxigraph, rdflib and (where installed) Debian's rapper."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    from kg.build import build

    out = tmp_path_factory.mktemp("rdf")
    build([ROOT / "examples" / "articles"], out, nlp=nlp, on_skip=lambda s: None)
    return out


def test_turtle_same_count_in_pyoxigraph_and_rdflib(built: Path) -> None:
    store = ox.Store()
    store.bulk_load(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(Graph().parse(built / "graph.ttl")) > 500


def test_nquads_one_graph_per_article_same_count(built: Path) -> None:
    quads = list(ox.parse(path=str(built / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    ds = Dataset()
    ds.parse(built / "graph.nq", format="nquads")
    assert len(quads) == sum(1 for _ in ds.quads((None, None, None, None)))
    graphs = {q.graph_name.value for q in quads} - {"https://w3id.org/diplomatic-kg/graph/pairs"}  # (the pair table)
    ids = {q.object.value for q in quads if q.predicate.value == "http://purl.org/dc/terms/identifier"}
    assert len(graphs) == len(ids) == 12
    # the union of the named graphs is the Turtle graph
    union = {(q.subject, q.predicate, q.object) for q in quads}
    assert len(union) == len(list(ox.parse(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE)))


@pytest.mark.skipif(shutil.which("rapper") is None, reason="Debian's rapper (raptor2-utils) is not installed")
@pytest.mark.parametrize("name,syntax", [("graph.ttl", "turtle"), ("graph.nq", "nquads")])
def test_rapper_reads_the_exports(built: Path, name: str, syntax: str) -> None:
    run = subprocess.run(["rapper", "-i", syntax, "-c", str(built / name)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert "error" not in run.stderr.lower() and "warning" not in run.stderr.lower()
    count = int(run.stderr.strip().rsplit("returned", 1)[1].split()[0])
    expected = len(list(ox.parse(path=str(built / name), format=ox.RdfFormat.TURTLE if syntax == "turtle"
                                 else ox.RdfFormat.N_QUADS)))
    assert count == expected


def test_sample_build_graphml_is_valid_and_gephi_safe(built: Path) -> None:
    from lxml import etree

    xsd = ROOT.parent / "shared" / "schemas" / "graphml" / "graphml.xsd"
    doc = etree.parse(str(built / "graph.graphml"))
    if xsd.is_file():
        schema = etree.XMLSchema(etree.parse(str(xsd)))
        assert schema.validate(doc), schema.error_log
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = doc.findall(".//g:key", ns)
    assert {k.get("attr.type") for k in keys} <= {"boolean", "int", "long", "float", "double", "string"}
    names = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(names) == len(set(names))
    assert not {n for _, n in names} & {"size", "color", "r", "g", "b", "x", "y", "type"}
    ids = [e.get("id") for e in doc.findall(".//g:edge", ns)]
    assert ids and len(ids) == len(set(ids))
