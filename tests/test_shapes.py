"""The sample build's graph.ttl conforms to the SHACL shapes in ontology/shapes.ttl (pyshacl, no inference)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyshacl
import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from kg.build import build

ROOT = Path(__file__).resolve().parents[1]
SHAPES = ROOT / "ontology" / "shapes.ttl"
ONTOLOGY = ROOT / "ontology" / "diplomatic-kg.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")
DKG = Namespace("https://w3id.org/diplomatic-kg/ontology#")


@pytest.fixture(scope="module")
def sample_graph(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Graph:
    out = tmp_path_factory.mktemp("samples")
    build([ROOT / "examples" / "articles"], out, nlp=nlp, on_skip=lambda s: None)
    return Graph().parse(out / "graph.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


def validate(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, list[dict[str, str]]]:
    conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    results = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        results.append({key: str(report.value(r, SH[key]) or "") for key in
                        ("sourceShape", "focusNode", "resultPath", "value", "resultSeverity", "resultMessage")})
    return bool(conforms), results


def test_sample_graph_conforms_to_the_shapes(sample_graph: Graph, shapes: Graph, ontology: Graph) -> None:
    assert len(sample_graph) > 100
    conforms, results = validate(sample_graph, shapes, ontology)
    violations = [r for r in results if r["resultSeverity"].endswith("#Violation")]
    assert conforms and not violations, "\n".join(
        f"{r['sourceShape']} focus={r['focusNode']} path={r['resultPath']} value={r['value']}: {r['resultMessage']}"
        for r in results)


def test_shapes_catch_a_mention_without_status(sample_graph: Graph, shapes: Graph, ontology: Graph) -> None:
    """The shapes are really applied: dropping a mention's dkg:status is reported on that mention."""
    broken = Graph()
    for triple in sample_graph:
        broken.add(triple)
    mention = sorted(broken.subjects(DKG.status, None), key=str)[0]
    broken.remove((mention, DKG.status, None))
    conforms, results = validate(broken, shapes, ontology)
    assert not conforms
    assert any(r["focusNode"] == str(mention) and r["resultPath"] == str(DKG.status) for r in results)
